/**
 * aws-doubles/glue: test helpers for the Glue fake.
 *
 * - registerBlueprintLayout(): the in-process stand-in for a blueprint's layout script.
 * - registerCrawlerFinding(): what a crawl of a target finds (tables, columns, partitions).
 * - registerColumnStatistics(): what a column-statistics task run computes for a table.
 * - sendWorkflowEvents() / flushWorkflowEventBatches(): EventBridge events for EVENT triggers.
 * - workflowGraphToMermaid(): a Mermaid diagram of a workflow or run graph.
 * - registerConnectionEntities(): what the data source behind a connection holds (ListEntities,
 *   DescribeEntity, GetEntityRecords); registerConnectionTest(): what TestConnection finds.
 * - setCallerUsageProfile(): the usage profile assigned to an account's caller.
 * - registerDataQualityOutcomes() / registerRuleRecommendations(): what data-quality runs find.
 * - registerSessionStatement(): the stand-in for what an interactive-session statement prints.
 * - schemaVersionProblems(): why the Schema Registry's compatibility check failed a version.
 */
import { partitionOf } from "../../engine/arn.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import type { ServiceDefinition } from "../../engine/service.js";
import { checkedOptions, resolveWhere } from "../../options.js";
import { globalState } from "../../state.js";
import { findService } from "../registry.js";
import type { GlueBackend, GlueRuntime } from "./backend.js";
import { columnStatisticsResults, crawlerFindings, type ColumnStatisticsStandIn, type CrawlerFindingStandIn } from "./catalog/stand-ins.js";
import { deliverWorkflowEvents, eventTriggerOf, flushExpiredBatch, newEventIds, type EventDelivery } from "./events.js";
import { dataQualityOutcomes, ruleRecommendations, type DataQualityOutcomesStandIn, type RuleRecommendationStandIn } from "./data-quality/outcomes.js";
import { blueprintLayouts, fitsParameter, PARAMETER_TYPES, type BlueprintLayoutStandIn, type BlueprintParameterSpec } from "./layouts.js";
import type { WorkflowRecord } from "./workflows.js";
import { setCallerProfile } from "./admin/usage-profiles.js";
import { connectionEntities, connectionTests, type ConnectionEntitiesStandIn, type ConnectionTestStandIn } from "./connections/stand-ins.js";
import { sessionStatements, type SessionStatementStandIn } from "./sessions/stand-in.js";

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
export type {
  ConnectionDataSourceRequest,
  ConnectionEntities,
  ConnectionEntitiesStandIn,
  ConnectionTestRequest,
  ConnectionTestResult,
  ConnectionTestStandIn,
  EntityDeclaration,
} from "./connections/stand-ins.js";
export type {
  DataQualityAnalyzerOutcome,
  DataQualityEvaluationDetails,
  DataQualityEvaluationRequest,
  DataQualityOutcomes,
  DataQualityOutcomesStandIn,
  DataQualityRuleOutcome,
  RuleRecommendationRequest,
  RuleRecommendationStandIn,
} from "./data-quality/outcomes.js";
export { parseDqdl, DqdlSyntaxError, type DqdlRuleset, type DqdlRuleNode, type DqdlLeafRule, type DqdlCondition } from "./data-quality/dqdl.js";

/**
 * Registers what a data-quality evaluation of a ruleset finds (a stand-in, see
 * docs/decisions/0004-stand-ins.md), by ruleset name ("*" for every ruleset without its own):
 * the outcome of each rule, keyed by its name in the result ("Rule_1", …) or its text, as
 * "PASS" | "FAIL" | "ERROR" or { Result, EvaluationMessage?, EvaluatedMetrics? }; analyzers
 * ("Analyzer_1" or their text) get { EvaluatedMetrics }. A function receives the ruleset, its
 * rules and the data source. Rules left out pass; a function that throws fails the run with its
 * message. Without a registration every rule passes, saying that none was registered.
 */
export function registerDataQualityOutcomes(rulesetName: string, outcomes: DataQualityOutcomesStandIn): void {
  dataQualityOutcomes.register(globalState().engine, rulesetName, outcomes);
}

/** Forgets a ruleset's outcomes; returns whether some were registered. */
export function unregisterDataQualityOutcomes(rulesetName: string): boolean {
  return dataQualityOutcomes.unregister(globalState().engine, rulesetName);
}

/**
 * Registers the ruleset a rule-recommendation run proposes for a table, by
 * `<database>.<table>` ("*" for every table): a DQDL string, or a function of the data source
 * and the statistics last recorded for the table. An answer that is not valid DQDL fails the run.
 * Without one the recommendation is derived from the table's recorded statistics.
 */
export function registerRuleRecommendations(table: string, ruleset: RuleRecommendationStandIn): void {
  ruleRecommendations.register(globalState().engine, table, ruleset);
}

/** Forgets a table's recommendation; returns whether one was registered. */
export function unregisterRuleRecommendations(table: string): boolean {
  return ruleRecommendations.unregister(globalState().engine, table);
}
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
  checkedOptions(options, ["parameterSpec"], "registerBlueprintLayout(name, layout, options)");
  checkParameterSpec(options.parameterSpec);
  blueprintLayouts.register(globalState().engine, blueprintName, layout, { parameterSpec: options.parameterSpec });
}

/** A parameter specification StartBlueprintRun can apply: each parameter { type, collection?, description?, defaultValue? }. */
function checkParameterSpec(spec: unknown): void {
  if (spec === undefined) return;
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) throw new AwsDoublesUsageError(`registerBlueprintLayout: parameterSpec maps parameter names to { type, collection?, description?, defaultValue? }; got ${describeValue(spec)}.`);
  for (const [name, parameter] of Object.entries(spec)) {
    const { type, collection, description } = (parameter ?? {}) as Partial<BlueprintParameterSpec>;
    if (parameter === null || typeof parameter !== "object" || typeof type !== "string" || !PARAMETER_TYPES.has(type)) {
      throw new AwsDoublesUsageError(`registerBlueprintLayout: parameterSpec.${name} needs a type, one of ${[...PARAMETER_TYPES].join(", ")}; got ${describeValue(parameter)}.`);
    }
    if (collection !== undefined && typeof collection !== "boolean") throw new AwsDoublesUsageError(`registerBlueprintLayout: parameterSpec.${name}.collection must be true or false; got ${describeValue(collection)}.`);
    if (description !== undefined && typeof description !== "string") throw new AwsDoublesUsageError(`registerBlueprintLayout: parameterSpec.${name}.description must be a string; got ${describeValue(description)}.`);
    // A run that leaves the parameter out passes the default to the layout unchecked: check it here, as a given value is checked.
    const { defaultValue } = parameter as BlueprintParameterSpec;
    if (defaultValue !== undefined && !fitsParameter({ type, collection }, defaultValue)) {
      throw new AwsDoublesUsageError(`registerBlueprintLayout: parameterSpec.${name}.defaultValue must be ${collection ? "a list of " : ""}${type}${collection ? " values" : ""}; got ${describeValue(defaultValue)}.`);
    }
  }
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
 * size. A run that succeeds stores them as UpdateColumnStatisticsForTable would; a throw, a
 * statistic that call would refuse or that does not fit the table, one for a column the run does not compute, or two
 * for one column make the run FAILED. Without a registration a run succeeds and stores no
 * statistics.
 */
export function registerColumnStatistics(tableKey: string, statistics: ColumnStatisticsStandIn): void {
  columnStatisticsResults.register(globalState().engine, tableKeyOf(tableKey, "registerColumnStatistics"), statistics);
}

/** Forgets a table's column statistics result; returns whether one was registered. */
export function unregisterColumnStatistics(tableKey: string): boolean {
  return columnStatisticsResults.unregister(globalState().engine, tableKeyOf(tableKey, "unregisterColumnStatistics"));
}

/** Table keys are matched without regard to case (catalog names are lower case). */
function tableKeyOf(tableKey: unknown, helper: string): string {
  if (typeof tableKey !== "string" || tableKey === "") throw new AwsDoublesUsageError(`${helper} needs a table key, "database.table" (or "*" for every table); got ${describeValue(tableKey)}.`);
  return tableKey.toLowerCase();
}

/** Where a helper acts: the mock's account and region unless given. */
export interface GlueWhere {
  accountId?: string;
  region?: string;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function backendIn(given: GlueWhere, helper: string): { backend: GlueBackend; service: ServiceDefinition<GlueBackend>; accountId: string; region: string } {
  const state = globalState();
  const installation = state.installation;
  if (!installation) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use the vitest/jest setup) before using the Glue helpers.");
  const { accountId, region } = resolveWhere(given, installation.options, helper);
  const service = findService("Glue") as unknown as ServiceDefinition<GlueBackend>;
  const backend = state.engine.backends.get({ serviceId: "Glue", accountId, region, partition: partitionOf(region) }, (scope) => service.createBackend(scope));
  return { backend, service, accountId, region };
}

function workflowIn(workflowName: string, where: GlueWhere, helper: string): { runtime: GlueRuntime; workflow: WorkflowRecord } {
  const state = globalState();
  const { backend, service, accountId, region } = backendIn(where, helper);
  if (typeof workflowName !== "string" || workflowName === "") throw new AwsDoublesUsageError(`${helper} needs a workflow name; got ${describeValue(workflowName)}.`);
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
  const ids = eventIdsOf(events);
  const { runtime, workflow } = workflowIn(workflowName, where, "sendWorkflowEvents");
  const trigger = eventTriggerOf(runtime, workflow);
  if (!trigger) throw new AwsDoublesUsageError(`Glue workflow ${workflowName} has no EVENT trigger to receive events.`);
  return deliverWorkflowEvents(runtime, workflow, trigger, ids);
}

const MAX_EVENTS_AT_ONCE = 100_000;

/** The events to deliver: a count (1 to 100000) or a list of non-empty ids (a lone string is not a list). */
function eventIdsOf(events: unknown): string[] {
  const problem = `sendWorkflowEvents needs a count of events (a whole number from 1 to ${MAX_EVENTS_AT_ONCE}) or an array of non-empty event ids; got ${describeValue(events)}.`;
  if (typeof events === "number") {
    if (!Number.isInteger(events) || events < 1 || events > MAX_EVENTS_AT_ONCE) throw new AwsDoublesUsageError(problem);
    return newEventIds(events);
  }
  if (!Array.isArray(events) || events.length === 0 || events.some((id) => typeof id !== "string" || id === "")) throw new AwsDoublesUsageError(problem);
  return [...(events as string[])];
}

/** Starts the workflow's pending event batch if its BatchWindow has expired; returns the run ids started. */
export function flushWorkflowEventBatches(workflowName: string, where: GlueWhere = {}): string[] {
  const { runtime, workflow } = workflowIn(workflowName, where, "flushWorkflowEventBatches");
  const trigger = eventTriggerOf(runtime, workflow);
  return trigger ? flushExpiredBatch(runtime, workflow, trigger) : [];
}

/**
 * Declares what the data source behind a connection holds (a stand-in, see
 * docs/decisions/0004-stand-ins.md), by connection name ("*" for every connection without its
 * own), in every account and region: its entities (ListEntities; Children under a parent),
 * each entity's Fields (DescribeEntity) and Records (GetEntityRecords, which filters them with
 * FilterPredicate, orders them with OrderBy, keeps SelectedFields and pages them by Limit). A
 * function stand-in is called on each of those reads with the connection's name, type and
 * properties (secrets left out); what it throws, or an answer of the wrong shape, is the
 * FederationSourceException a failing data source gives. Without a registration, a connection
 * of a registered REST type has the entities its EntityConfigurations declare (no records),
 * and any other connection has no entities.
 */
export function registerConnectionEntities(connectionName: string, standIn: ConnectionEntitiesStandIn): void {
  connectionEntities.register(globalState().engine, connectionName, standIn);
}

/** Forgets a connection's data-source stand-in; returns whether one was registered. */
export function unregisterConnectionEntities(connectionName: string): boolean {
  return connectionEntities.unregister(globalState().engine, connectionName);
}

/**
 * Declares what TestConnection finds when it reaches the data store of a connection (by
 * connection name, "*" for every connection without its own, and for a TestConnectionInput,
 * which names none): `true` or `{ ok: true }` passes, `{ ok: false, message }` or a function
 * that throws fails the test with InvalidInputException carrying the message. Without a
 * registration, a test passes once the connection's properties are complete.
 */
export function registerConnectionTest(connectionName: string, standIn: ConnectionTestStandIn): void {
  connectionTests.register(globalState().engine, connectionName, standIn);
}

/** Forgets a connection's test stand-in; returns whether one was registered. */
export function unregisterConnectionTest(connectionName: string): boolean {
  return connectionTests.unregister(globalState().engine, connectionName);
}

/**
 * Assigns a usage profile to the caller of an account (what the glue:UsageProfile tag on an IAM
 * user or role does in AWS; the fake has one caller per account), or removes it with
 * `undefined`. From then on CreateJob/UpdateJob apply the profile's defaults and limits and
 * record it as the job's ProfileName, and StartJobRun runs within its limits. The profile is
 * looked up by name in the Region of each call. Lasts until aws.reset().
 */
export function setCallerUsageProfile(profileName: string | undefined, where: Pick<GlueWhere, "accountId"> = {}): void {
  if (profileName !== undefined && (typeof profileName !== "string" || profileName === "")) {
    throw new AwsDoublesUsageError("setCallerUsageProfile needs a usage profile name (or undefined to remove the caller's profile).");
  }
  const state = globalState();
  const installation = state.installation;
  if (!installation) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use the vitest/jest setup) before assigning a usage profile.");
  // The profile is the caller's in every Region of the account: where names the account only.
  if (where !== null && typeof where === "object" && Object.hasOwn(where, "region")) {
    throw new AwsDoublesUsageError("setCallerUsageProfile: where takes { accountId? } only; the profile applies in every Region of the account.");
  }
  const { accountId } = resolveWhere(where, installation.options, "setCallerUsageProfile");
  setCallerProfile(state.engine, accountId, profileName);
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
  const { backend, accountId, region } = backendIn(where, "schemaVersionProblems");
  if (typeof schemaVersionId !== "string" || schemaVersionId === "") throw new AwsDoublesUsageError(`schemaVersionProblems needs a SchemaVersionId; got ${describeValue(schemaVersionId)}.`);
  const version = backend.schemaRegistry.versionsById.get(schemaVersionId);
  if (!version) throw new AwsDoublesUsageError(`Glue schema version ${schemaVersionId} does not exist in account ${accountId}, region ${region}.`);
  return [...version.problems];
}
