/**
 * aws-doubles/glue: test helpers for the Glue fake.
 *
 * - registerBlueprintLayout(): the in-process stand-in for a blueprint's layout script.
 * - registerCrawlerFinding(): what a crawl of a target finds (tables, columns, partitions).
 * - registerColumnStatistics(): what a column-statistics task run computes for a table.
 * - sendWorkflowEvents() / flushWorkflowEventBatches(): EventBridge events for EVENT triggers.
 * - workflowGraphToMermaid(): a Mermaid diagram of a workflow or run graph.
 */
import { partitionOf } from "../../engine/arn.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import type { ServiceDefinition } from "../../engine/service.js";
import { globalState } from "../../state.js";
import { findService } from "../registry.js";
import type { GlueBackend, GlueRuntime } from "./backend.js";
import { columnStatisticsResults, crawlerFindings, type ColumnStatisticsStandIn, type CrawlerFindingStandIn } from "./catalog/stand-ins.js";
import { deliverWorkflowEvents, eventTriggerOf, flushExpiredBatch, newEventIds, type EventDelivery } from "./events.js";
import { blueprintLayouts, type BlueprintLayoutStandIn, type BlueprintParameterSpec } from "./layouts.js";
import type { WorkflowRecord } from "./workflows.js";

export { workflowGraphToMermaid, type MermaidOptions } from "./mermaid.js";
export type { BlueprintLayout, BlueprintLayoutContext, BlueprintLayoutEntities, BlueprintLayoutStandIn, BlueprintParameterSpec } from "./layouts.js";
export { ANY_KEY, type StandIn, type StandInContext } from "../../engine/stand-ins.js";
export type {
  ColumnStatisticsRequest,
  ColumnStatisticsStandIn,
  ComputedStatistic,
  CrawlerFinding,
  CrawlerFindingPartition,
  CrawlerFindingStandIn,
  CrawlerFindingTable,
  CrawlTargetRequest,
} from "./catalog/stand-ins.js";
export type { EventDelivery as WorkflowEventDelivery } from "./events.js";

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

/**
 * Registers what a crawl finds (a stand-in, see docs/decisions/0004-stand-ins.md): the
 * tables, with columns, partition keys and partition values, that a real crawler would infer
 * from the data. `key` is a target's path (`s3://bucket/prefix/`, a JDBC include path, a
 * DynamoDB table, `database.table` for a catalog target) or a crawler's name, tried in that
 * order for each target; "*" answers for every target without its own. The finding is the
 * answer itself or a function `(request, context) => finding` run when the crawl starts
 * writing (request: the crawler's name and database, and the target); what it throws, or a
 * malformed answer, makes the crawl FAILED with that message. The crawl writes the tables when
 * it SUCCEEDS, honouring TablePrefix, SchemaChangePolicy and RecrawlPolicy (docs/services/
 * glue.md, "Crawls fill the catalog"). Targets without a finding are not read: the crawl
 * succeeds and changes nothing for them. Registrations last until aws.reset().
 */
export function registerCrawlerFinding(key: string, finding: CrawlerFindingStandIn): void {
  crawlerFindings.register(globalState().engine, key, finding);
}

/** Forgets a crawl finding; returns whether one was registered. */
export function unregisterCrawlerFinding(key: string): boolean {
  return crawlerFindings.unregister(globalState().engine, key);
}

/**
 * Registers what column-statistics task runs compute for a table (`database.table`, or "*"):
 * the statistics (ColumnStatistics without AnalyzedTime, which defaults to the end of the
 * run), or a function `(request, context) => statistics` given the run's columns and sample
 * size. A run that succeeds stores them as UpdateColumnStatisticsForTable would; a throw or a
 * statistic that does not fit the table makes the run FAILED. Without a registration a run
 * succeeds and stores no statistics.
 */
export function registerColumnStatistics(tableKey: string, statistics: ColumnStatisticsStandIn): void {
  columnStatisticsResults.register(globalState().engine, tableKey.toLowerCase(), statistics);
}

/** Forgets a table's column statistics result; returns whether one was registered. */
export function unregisterColumnStatistics(tableKey: string): boolean {
  return columnStatisticsResults.unregister(globalState().engine, tableKey.toLowerCase());
}

/** Where a helper acts: the mock's account and region unless given. */
export interface GlueWhere {
  accountId?: string;
  region?: string;
}

function workflowIn(workflowName: string, where: GlueWhere): { runtime: GlueRuntime; workflow: WorkflowRecord } {
  const state = globalState();
  const installation = state.installation;
  if (!installation) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use the vitest/jest setup) before sending Glue events.");
  const accountId = where.accountId ?? installation.options.accountId;
  const region = where.region ?? installation.options.region;
  const service = findService("Glue") as unknown as ServiceDefinition<GlueBackend>;
  const backend = state.engine.backends.get({ serviceId: "Glue", accountId, region, partition: partitionOf(region) }, (scope) => service.createBackend(scope));
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
