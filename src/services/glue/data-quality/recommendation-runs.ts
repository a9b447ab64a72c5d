import type {
  CancelDataQualityRuleRecommendationRunRequest,
  CancelDataQualityRuleRecommendationRunResponse,
  GetDataQualityRuleRecommendationRunRequest,
  GetDataQualityRuleRecommendationRunResponse,
  ListDataQualityRuleRecommendationRunsRequest,
  ListDataQualityRuleRecommendationRunsResponse,
  StartDataQualityRuleRecommendationRunRequest,
  StartDataQualityRuleRecommendationRunResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { oneOf } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { columnsOf } from "../catalog/column-statistics.js";
import { catalogTableAt } from "../catalog/state.js";
import { NAME } from "../shapes.js";
import { DqdlSyntaxError, parseDqdl } from "./dqdl.js";
import { cancelRun, DEFAULT_TIMEOUT, DEFAULT_WORKERS, executionTimeOf, noteRunEnd, pageOfRuns, RUN_FILTER, RUN_START, runIdOf } from "./evaluation-runs.js";
import { RECOMMENDATION_RUN } from "./lifecycles.js";
import { ruleRecommendations } from "./outcomes.js";
import type { DataQualityState, RecommendationRunRecord } from "./records.js";
import { DQ_PAGE, HASH, missingTableProblem, tableKey, tableOf } from "./shapes.js";

/** The latest value of each statistic recorded for a table, by metric name. */
function latestMetrics(state: DataQualityState, key: string): Record<string, number> {
  return Object.fromEntries(state.latestByTable.get(key) ?? []);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const quote = (column: string) => `"${column.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * The default recommendation, without a registered stand-in: rules derived from the statistics
 * earlier evaluations recorded for the table, as Glue derives rules from a profile of the data:
 * RowCount within ±20 % of the last count, IsComplete / IsUnique for columns that were entirely
 * complete / unique, Completeness and Uniqueness at least their last value otherwise; only for
 * columns the table still has. A table with no statistics gets what its schema tells:
 * `RowCount > 0` and, when it has columns, `ColumnCount = <its number of columns>`.
 */
export function recommendFromStatistics(metrics: Record<string, number>, columns: ReadonlyArray<{ Name: string }> = []): string {
  const rules: string[] = [];
  const present = new Set(columns.map((column) => column.Name.toLowerCase()));
  // Dataset rules first, then column rules in column order.
  const rank = (metric: string) => `${metric.startsWith("Dataset.") ? 0 : 1}${metric}`;
  for (const [metric, value] of Object.entries(metrics).sort(([a], [b]) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0))) {
    const parts = metric.split(".");
    const name = parts[parts.length - 1];
    const column = parts[0] === "Column" && parts.length === 3 ? parts[1]! : undefined;
    if (column !== undefined && !present.has(column.toLowerCase())) continue;
    if (metric === "Dataset.*.RowCount") rules.push(`RowCount between ${Math.floor(value * 0.8)} and ${Math.ceil(value * 1.2)}`);
    else if (column && name === "Completeness") rules.push(value >= 1 ? `IsComplete ${quote(column)}` : `Completeness ${quote(column)} >= ${round(value, 2)}`);
    else if (column && name === "Uniqueness") rules.push(value >= 1 ? `IsUnique ${quote(column)}` : `Uniqueness ${quote(column)} >= ${round(value, 2)}`);
  }
  if (rules.length === 0) {
    rules.push("RowCount > 0");
    if (columns.length > 0) rules.push(`ColumnCount = ${columns.length}`);
  }
  return `Rules = [\n    ${rules.join(",\n    ")}\n]`;
}

export function findRecommendationRun(ctx: RequestContext<GlueBackend>, runId: string): RecommendationRunRecord {
  const run = ctx.backend.dataQuality.recommendationRuns.get(runId);
  if (!run) throw ctx.error("EntityNotFoundException", `Cannot find Data Quality Rule Recommendation Run ${runId}.`);
  return run;
}

export const startDataQualityRuleRecommendationRun = op<StartDataQualityRuleRecommendationRunRequest, StartDataQualityRuleRecommendationRunResponse>({
  input: {
    ...RUN_START,
    CreatedRulesetName: NAME,
    DataQualitySecurityConfiguration: NAME,
    RecommendationMode: oneOf("RecommendationMode"),
  },
  errors: ["ConflictException"],
  run(ctx, input) {
    const state = ctx.backend.dataQuality;
    const table = tableOf(ctx, input.DataSource!);
    if (input.NumberOfWorkers !== undefined && input.NumberOfWorkers < 1) throw ctx.invalid("NumberOfWorkers must be at least 1.");
    const created = input.CreatedRulesetName;
    if (created !== undefined && state.rulesets.has(created)) throw ctx.error("ConflictException", `A Data Quality Ruleset with name ${created} already exists.`);
    const key = tableKey(ctx, table);
    const now = ctx.now();
    const runId = runIdOf();
    const engine = ctx.engine;
    const runtime = ctx.backend.runtime(ctx);
    const where = { accountId: ctx.accountId, region: ctx.region, runId };
    const process = new LinearProcess({ kind: RECOMMENDATION_RUN, path: ["STARTING", "RUNNING", "SUCCEEDED"] }, { RunId: runId, DatabaseName: table.DatabaseName, TableName: table.TableName, CreatedRulesetName: created }, {
      onEnter(status, self) {
        run.LastModifiedOn = engine.clock.now();
        if (status === "RUNNING") {
          const problem = recommend();
          if (problem) self.divert(["FAILED"], problem);
        }
        if (status === "SUCCEEDED") publish();
        if (noteRunEnd(run, status, self, "recommendation")) run.RecommendedRuleset = undefined;
      },
    });
    const run: RecommendationRunRecord = {
      sequence: state.next(),
      RunId: runId,
      DataSource: input.DataSource!,
      tableKey: key,
      Role: input.Role!,
      NumberOfWorkers: input.NumberOfWorkers ?? DEFAULT_WORKERS,
      Timeout: input.Timeout ?? DEFAULT_TIMEOUT,
      StartedOn: now,
      LastModifiedOn: now,
      process,
      CreatedRulesetName: created,
      DataQualitySecurityConfiguration: input.DataQualitySecurityConfiguration,
      AdditionalRunOptions: input.AdditionalRunOptions,
      RecommendationMode: input.RecommendationMode,
    };
    /** Computes the recommended ruleset while RUNNING; a reason to fail, or undefined. */
    const recommend = (): string | undefined => {
      // The run reads the table from the Data Catalog as it runs: StartDataQualityRuleRecommendationRun
      // models no EntityNotFoundException, so a missing table fails the run instead.
      const record = catalogTableAt(runtime, table.CatalogId, table.DatabaseName, table.TableName);
      if (!record) return missingTableProblem(runtime, table);
      const columns = columnsOf(record).map((column) => ({ Name: column.Name!, Type: column.Type }));
      const metrics = latestMetrics(state, key);
      const outcome = ruleRecommendations.resolve(engine, [`${table.DatabaseName}.${table.TableName}`], { dataSource: run.DataSource, columns, latestMetrics: metrics }, where);
      if (outcome.kind === "failed") return outcome.message;
      const text = outcome.kind === "answer" ? outcome.answer : recommendFromStatistics(metrics, columns);
      try {
        parseDqdl(text);
      } catch (error) {
        if (error instanceof DqdlSyntaxError) return `The recommended ruleset is not valid DQDL: ${error.message}.`;
        throw error;
      }
      run.RecommendedRuleset = text;
      return undefined;
    };
    /** On success, the ruleset named by CreatedRulesetName is created from the recommendation. */
    const publish = (): void => {
      if (!created || !run.RecommendedRuleset || state.rulesets.has(created)) return;
      const at = engine.clock.now();
      state.rulesets.set(created, {
        Name: created,
        Ruleset: run.RecommendedRuleset,
        parsed: parseDqdl(run.RecommendedRuleset),
        TargetTable: { DatabaseName: table.DatabaseName, TableName: table.TableName, CatalogId: table.CatalogId },
        CreatedOn: at,
        LastModifiedOn: at,
        RecommendationRunId: runId,
        DataQualitySecurityConfiguration: run.DataQualitySecurityConfiguration,
      });
    };
    state.recommendationRuns.set(runId, run);
    ctx.track(process);
    return { RunId: runId };
  },
});

export const getDataQualityRuleRecommendationRun = op<GetDataQualityRuleRecommendationRunRequest, GetDataQualityRuleRecommendationRunResponse>({
  input: { RunId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findRecommendationRun(ctx, input.RunId!);
    ctx.observe(run.process);
    return {
      RunId: run.RunId,
      DataSource: run.DataSource,
      Role: run.Role,
      NumberOfWorkers: run.NumberOfWorkers,
      Timeout: run.Timeout,
      Status: run.process.state as GetDataQualityRuleRecommendationRunResponse["Status"],
      ErrorString: run.ErrorString,
      StartedOn: run.StartedOn,
      LastModifiedOn: run.LastModifiedOn,
      CompletedOn: run.CompletedOn,
      ExecutionTime: executionTimeOf(run),
      RecommendedRuleset: run.process.state === "SUCCEEDED" ? run.RecommendedRuleset : undefined,
      CreatedRulesetName: run.CreatedRulesetName,
      DataQualitySecurityConfiguration: run.DataQualitySecurityConfiguration,
      AdditionalRunOptions: run.AdditionalRunOptions,
      RecommendationMode: run.RecommendationMode,
    };
  },
});

export const cancelDataQualityRuleRecommendationRun = op<CancelDataQualityRuleRecommendationRunRequest, CancelDataQualityRuleRecommendationRunResponse>({
  input: { RunId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findRecommendationRun(ctx, input.RunId!);
    if (!cancelRun(run.process)) throw ctx.invalid(`Run ${run.RunId} is ${run.process.state}; only a run in progress can be cancelled.`);
    return {};
  },
});

export const listDataQualityRuleRecommendationRuns = op<ListDataQualityRuleRecommendationRunsRequest, ListDataQualityRuleRecommendationRunsResponse>({
  input: { Filter: RUN_FILTER, MaxResults: DQ_PAGE },
  errors: [],
  run(ctx, input) {
    const page = pageOfRuns(ctx, ctx.backend.dataQuality.recommendationRuns, input);
    return {
      Runs: page.items.map((run) => ({
        RunId: run.RunId,
        Status: run.process.state as GetDataQualityRuleRecommendationRunResponse["Status"],
        StartedOn: run.StartedOn,
        DataSource: run.DataSource,
        CreatedRulesetName: run.CreatedRulesetName,
        RecommendationMode: run.RecommendationMode,
      })),
      NextToken: page.nextToken,
    };
  },
});

