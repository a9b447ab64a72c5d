/**
 * aws-doubles/glue: test helpers for the Glue fake.
 *
 * - registerBlueprintLayout(): the in-process stand-in for a blueprint's layout script.
 * - sendWorkflowEvents() / flushWorkflowEventBatches(): EventBridge events for EVENT triggers.
 * - workflowGraphToMermaid(): a Mermaid diagram of a workflow or run graph.
 * - registerSessionStatement(): the stand-in for what an interactive-session statement prints.
 * - schemaVersionProblems(): why the Schema Registry's compatibility check failed a version.
 */
import { partitionOf } from "../../engine/arn.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import type { ServiceDefinition } from "../../engine/service.js";
import { globalState } from "../../state.js";
import { findService } from "../registry.js";
import type { GlueBackend, GlueRuntime } from "./backend.js";
import { deliverWorkflowEvents, eventTriggerOf, flushExpiredBatch, newEventIds, type EventDelivery } from "./events.js";
import { blueprintLayouts, type BlueprintLayoutStandIn, type BlueprintParameterSpec } from "./layouts.js";
import type { WorkflowRecord } from "./workflows.js";
import { sessionStatements, type SessionStatementStandIn } from "./sessions/stand-in.js";

export { workflowGraphToMermaid, type MermaidOptions } from "./mermaid.js";
export type { BlueprintLayout, BlueprintLayoutContext, BlueprintLayoutEntities, BlueprintLayoutStandIn, BlueprintParameterSpec } from "./layouts.js";
export { ANY_KEY, type StandIn, type StandInContext } from "../../engine/stand-ins.js";
export type { EventDelivery as WorkflowEventDelivery } from "./events.js";
export type { SessionStatementContext, SessionStatementError, SessionStatementRequest, SessionStatementResult, SessionStatementStandIn } from "./sessions/stand-in.js";

export interface BlueprintLayoutOptions {
  /**
   * The blueprint's parameter specification (what blueprint.cfg's "parameterSpec" holds):
   * returned as Blueprint.ParameterSpec, and used by StartBlueprintRun to fill in defaults and
   * refuse missing or mistyped parameters with InvalidInputException.
   */
  parameterSpec?: Record<string, BlueprintParameterSpec>;
}

/**
 * Registers the layout of a blueprint (a stand-in, see docs/decisions/0004-stand-ins.md), by
 * blueprint name ("*" for every blueprint without its own), in every account and region. A run
 * of that blueprint calls `layout(parameters, context)` (or takes the entities given instead of
 * a function) and creates what it returns (the workflow, then jobs, crawlers and triggers,
 * through the same validation as the Create* operations); if the layout throws or an entity
 * cannot be created, the run rolls back what it created and ends FAILED. The layout runs
 * synchronously (an async layout's run fails, saying so). Registrations last until aws.reset()
 * (the vitest and jest setups reset before each test). Registering again replaces the layout.
 */
export function registerBlueprintLayout(blueprintName: string, layout: BlueprintLayoutStandIn, options: BlueprintLayoutOptions = {}): void {
  blueprintLayouts.register(globalState().engine, blueprintName, layout, { parameterSpec: options.parameterSpec });
}

/** Forgets a blueprint's layout; returns whether one was registered. */
export function unregisterBlueprintLayout(blueprintName: string): boolean {
  return blueprintLayouts.unregister(globalState().engine, blueprintName);
}

/** Where a helper acts: the mock's account and region unless given. */
export interface GlueWhere {
  accountId?: string;
  region?: string;
}

function backendIn(where: GlueWhere): { backend: GlueBackend; service: ServiceDefinition<GlueBackend>; accountId: string; region: string } {
  const state = globalState();
  const installation = state.installation;
  if (!installation) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use the vitest/jest setup) before using the Glue helpers.");
  const accountId = where.accountId ?? installation.options.accountId;
  const region = where.region ?? installation.options.region;
  const service = findService("Glue") as unknown as ServiceDefinition<GlueBackend>;
  const backend = state.engine.backends.get({ serviceId: "Glue", accountId, region, partition: partitionOf(region) }, (scope) => service.createBackend(scope));
  return { backend, service, accountId, region };
}

function workflowIn(workflowName: string, where: GlueWhere): { runtime: GlueRuntime; workflow: WorkflowRecord } {
  const state = globalState();
  const { backend, service, accountId, region } = backendIn(where);
  const workflow = backend.workflows.get(workflowName);
  if (!workflow) throw new AwsDoublesUsageError(`Glue workflow ${workflowName} does not exist in account ${accountId}, region ${region}.`);
  return { runtime: backend.runtimeWith(state.engine, service), workflow };
}

/**
 * Delivers EventBridge events to a workflow whose start trigger is an EVENT trigger, as an
 * EventBridge rule targeting the workflow would. Events are batched by the trigger's
 * EventBatchingCondition (BatchSize, default 1): each full batch starts a run with
 * StartingEventBatchCondition { BatchSize } and the run property `aws:eventIds` (a JSON array
 * of the event ids). A batch whose BatchWindow (default 900 s of virtual time, see
 * aws.clock.advance) has expired starts when the next events arrive, or with
 * flushWorkflowEventBatches(). A batch arriving while the workflow already runs
 * MaxConcurrentRuns runs is recorded as a run with status ERROR. Events sent while the EVENT
 * trigger is not activated are dropped (`ignored: true`).
 */
export function sendWorkflowEvents(workflowName: string, events: number | readonly string[] = 1, where: GlueWhere = {}): EventDelivery {
  const { runtime, workflow } = workflowIn(workflowName, where);
  const trigger = eventTriggerOf(runtime, workflow);
  if (!trigger) throw new AwsDoublesUsageError(`Glue workflow ${workflowName} has no EVENT trigger to receive events.`);
  const ids = typeof events === "number" ? newEventIds(events) : [...events];
  if (ids.length === 0 || ids.some((id) => typeof id !== "string" || id === "")) throw new AwsDoublesUsageError("sendWorkflowEvents needs a positive count or a list of non-empty event ids.");
  return deliverWorkflowEvents(runtime, workflow, trigger, ids);
}

/** Starts the workflow's pending event batch if its BatchWindow has expired; returns the run ids started. */
export function flushWorkflowEventBatches(workflowName: string, where: GlueWhere = {}): string[] {
  const { runtime, workflow } = workflowIn(workflowName, where);
  const trigger = eventTriggerOf(runtime, workflow);
  return trigger ? flushExpiredBatch(runtime, workflow, trigger) : [];
}

/**
 * Registers what the statements of an interactive session print (a stand-in, see
 * docs/decisions/0004-stand-ins.md), by session id ("*" for every session without its own),
 * in every account and region. When a statement starts RUNNING, `standIn(request, context)`
 * is called with its Code, session id, statement id and the session's Command and
 * DefaultArguments (or the value given instead of a function is used). A string (or
 * { TextPlain }) is the statement's output and it ends AVAILABLE; { ErrorName, ErrorValue,
 * Traceback? } is the exception its code raised and it ends ERROR with those; a function that
 * throws (or returns a Promise) also makes it ERROR, with ErrorName "Error" and the message as
 * ErrorValue. Without a registration a statement ends AVAILABLE with empty output, as code
 * that prints nothing. Registrations last until aws.reset().
 */
export function registerSessionStatement(sessionId: string, standIn: SessionStatementStandIn): void {
  sessionStatements.register(globalState().engine, sessionId, standIn);
}

/** Forgets a session's statement stand-in; returns whether one was registered. */
export function unregisterSessionStatement(sessionId: string): boolean {
  return sessionStatements.unregister(globalState().engine, sessionId);
}

/**
 * Why the Schema Registry's compatibility check failed a schema version: one reason per
 * conflict, naming the mode and the version it conflicts with (empty when the version passed,
 * or needed no check). AWS reports no reason in any response; this is for a test's failure
 * message. Throws an AwsDoublesUsageError for an unknown SchemaVersionId.
 */
export function schemaVersionProblems(schemaVersionId: string, where: GlueWhere = {}): string[] {
  const { backend, accountId, region } = backendIn(where);
  const version = backend.schemaRegistry.versionsById.get(schemaVersionId);
  if (!version) throw new AwsDoublesUsageError(`Glue schema version ${schemaVersionId} does not exist in account ${accountId}, region ${region}.`);
  return [...version.problems];
}
