import type {
  BatchGetDataQualityRulesetEvaluationRunRequest,
  BatchGetDataQualityRulesetEvaluationRunResponse,
  CancelDataQualityRulesetEvaluationRunRequest,
  CancelDataQualityRulesetEvaluationRunResponse,
  DataQualityRulesetEvaluationRun,
  DataSource,
  GetDataQualityRulesetEvaluationRunRequest,
  GetDataQualityRulesetEvaluationRunResponse,
  ListDataQualityRulesetEvaluationRunsRequest,
  ListDataQualityRulesetEvaluationRunsResponse,
  StartDataQualityRulesetEvaluationRunRequest,
  StartDataQualityRulesetEvaluationRunResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { randomHex, uuid } from "../../../engine/ids.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { EVALUATION_RUN } from "./lifecycles.js";
import { evaluate } from "./outcomes.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import type { Page } from "../../../engine/pagination.js";
import type { EvaluationRunRecord, ResultRecord, RunCommon } from "./records.js";
import { findRuleset } from "./rulesets.js";
import { catalogTable, DATA_SOURCE, DATA_SOURCE_MAP, DQ_PAGE, DQ_TIMEOUT, HASH, missingTableProblem, tableKey, tableOf, WORKERS } from "./shapes.js";
import { recordStatistics } from "./statistics.js";

const SUCCESS_PATH = ["STARTING", "RUNNING", "SUCCEEDED"] as const;
const TERMINAL = new Set(["STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT"]);
export const DEFAULT_WORKERS = 5;
export const DEFAULT_TIMEOUT = 2880;

/** RoleString: an IAM role name or ARN. */
export const ROLE = str({ min: 1 });

const CATALOG_TABLE_CONFIG = struct({ DatabaseName: NAME, TableName: NAME, CatalogId: NAME, S3Location: str() });
export const RUN_OPTIONS = struct({
  CompositeRuleEvaluationMethod: oneOf("DQCompositeRuleEvaluationMethod"),
  ObservationScope: oneOf("ObservationConfiguration"),
  ObservationMode: oneOf("ObservationMode"),
  RowLevelResults: struct({ ResultType: oneOf("ResultTypeEnum"), CatalogTableConfig: CATALOG_TABLE_CONFIG }),
});

export const runIdOf = (): string => `dqrun-${randomHex(40)}`;

/** The members StartDataQualityRulesetEvaluationRun and StartDataQualityRuleRecommendationRun both take. */
export const RUN_START = { DataSource: DATA_SOURCE, Role: ROLE, NumberOfWorkers: WORKERS, Timeout: DQ_TIMEOUT, ClientToken: HASH };

/**
 * What both kinds of run record as their process enters `status` (after LastModifiedOn is
 * set): once it ends, when, and unless it succeeded or was stopped, why. True when it failed
 * (FAILED or TIMEOUT).
 */
export function noteRunEnd(run: RunCommon, status: string, process: LinearProcess, kind: "evaluation" | "recommendation"): boolean {
  if (!TERMINAL.has(status)) return false;
  run.CompletedOn = run.LastModifiedOn;
  if (status === "SUCCEEDED" || status === "STOPPED") return false;
  run.ErrorString = process.failureMessage ?? (status === "TIMEOUT" ? `The run exceeded its timeout of ${run.Timeout} minutes.` : `The ${kind} run failed.`);
  return true;
}

/** A run's ExecutionTime: seconds from its start to its end (or its last change while it runs). */
export const executionTimeOf = (run: RunCommon): number => Math.round(((run.CompletedOn ?? run.LastModifiedOn).getTime() - run.StartedOn.getTime()) / 1000);

export function findEvaluationRun(ctx: RequestContext<GlueBackend>, runId: string): EvaluationRunRecord {
  const run = ctx.backend.dataQuality.evaluationRuns.get(runId);
  if (!run) throw ctx.error("EntityNotFoundException", `Cannot find Data Quality Ruleset Evaluation Run ${runId}.`);
  return run;
}

export interface EvaluationStart {
  dataSource: DataSource;
  role: string;
  rulesetNames: string[];
  numberOfWorkers?: number | undefined;
  timeout?: number | undefined;
  additionalRunOptions?: StartDataQualityRulesetEvaluationRunRequest["AdditionalRunOptions"];
  additionalDataSources?: Record<string, DataSource> | undefined;
}

/**
 * Starts an evaluation run. On success it evaluates each ruleset (outcomes from the registered
 * stand-in) and stores one result per ruleset; a ruleset deleted while the run runs fails it.
 */
export function startEvaluation(ctx: RequestContext<GlueBackend>, start: EvaluationStart): EvaluationRunRecord {
  const state = ctx.backend.dataQuality;
  const table = tableOf(ctx, start.dataSource);
  const now = ctx.now();
  const runId = runIdOf();
  const engine = ctx.engine;
  const where = { accountId: ctx.accountId, region: ctx.region };
  const attributes = { RunId: runId, RulesetName: start.rulesetNames[0], DatabaseName: table.DatabaseName, TableName: table.TableName };
  const process = new LinearProcess({ kind: EVALUATION_RUN, path: SUCCESS_PATH }, attributes, {
    onEnter(status, self) {
      run.LastModifiedOn = engine.clock.now();
      // The data is evaluated while the run is RUNNING; its results appear when it succeeds.
      if (status === "RUNNING") {
        const evaluated = evaluateAll();
        if (typeof evaluated === "string") self.divert(["FAILED"], evaluated);
        else pending = evaluated;
      }
      if (status === "SUCCEEDED") commit(pending);
      noteRunEnd(run, status, self, "evaluation");
    },
  });
  const run: EvaluationRunRecord = {
    sequence: state.next(),
    RunId: runId,
    DataSource: start.dataSource,
    tableKey: tableKey(ctx, table),
    Role: start.role,
    NumberOfWorkers: start.numberOfWorkers ?? DEFAULT_WORKERS,
    Timeout: start.timeout ?? DEFAULT_TIMEOUT,
    StartedOn: now,
    LastModifiedOn: now,
    process,
    RulesetNames: [...start.rulesetNames],
    AdditionalRunOptions: start.additionalRunOptions,
    AdditionalDataSources: start.additionalDataSources,
    ResultIds: [],
  };
  let pending: ResultRecord[] = [];
  /** Evaluates every ruleset: the results, or the reason the run fails. */
  const runtime = ctx.backend.runtime(ctx);
  const sources = [table, ...Object.values(start.additionalDataSources ?? {}).map((source) => tableOf(ctx, source, "AdditionalDataSources"))];
  const evaluateAll = (): ResultRecord[] | string => {
    // A table deleted since the run started cannot be read.
    for (const source of sources) {
      const problem = missingTableProblem(runtime, source);
      if (problem) return problem;
    }
    const results: ResultRecord[] = [];
    for (const name of run.RulesetNames) {
      const ruleset = state.rulesets.get(name);
      if (!ruleset) return `Data Quality Ruleset ${name} was deleted before the run evaluated it.`;
      const outcome = evaluate(engine, { ...where, runId }, name, ruleset.Ruleset, ruleset.parsed, run.DataSource);
      if (outcome.kind === "failed") return outcome.message;
      const completed = engine.clock.now();
      results.push({
        sequence: state.next(),
        ResultId: `dqresult-${randomHex(40)}`,
        ProfileId: `dqprofile-${uuid()}`,
        Score: outcome.evaluation.Score,
        DataSource: run.DataSource,
        tableKey: run.tableKey,
        RulesetName: name,
        StartedOn: run.StartedOn,
        CompletedOn: completed,
        RulesetEvaluationRunId: runId,
        RuleResults: outcome.evaluation.RuleResults,
        AnalyzerResults: outcome.evaluation.AnalyzerResults,
        Observations: [],
        EvaluationRunMode: "ON_DEMAND",
        ResultPublishedOn: completed,
      });
    }
    return results;
  };
  const commit = (results: ResultRecord[]): void => {
    for (const result of results) {
      state.results.set(result.ResultId, result);
      recordStatistics(state, result, runId, run.tableKey);
      run.ResultIds.push(result.ResultId);
    }
  };
  state.evaluationRuns.set(runId, run);
  ctx.track(process);
  return run;
}

export function renderEvaluationRun(run: EvaluationRunRecord): DataQualityRulesetEvaluationRun {
  return {
    RunId: run.RunId,
    DataSource: run.DataSource,
    Role: run.Role,
    NumberOfWorkers: run.NumberOfWorkers,
    Timeout: run.Timeout,
    AdditionalRunOptions: run.AdditionalRunOptions,
    Status: run.process.state as DataQualityRulesetEvaluationRun["Status"],
    ErrorString: run.ErrorString,
    StartedOn: run.StartedOn,
    LastModifiedOn: run.LastModifiedOn,
    CompletedOn: run.CompletedOn,
    ExecutionTime: executionTimeOf(run),
    RulesetNames: [...run.RulesetNames],
    ResultIds: run.ResultIds.length > 0 ? [...run.ResultIds] : undefined,
    AdditionalDataSources: run.AdditionalDataSources,
  };
}

/** Cancels a run in progress: STOPPING, then STOPPED. */
export function cancelRun(process: LinearProcess): boolean {
  if (TERMINAL.has(process.state) || process.state === "STOPPING") return false;
  process.jump("STOPPING", ["STOPPED"]);
  return true;
}

export const startDataQualityRulesetEvaluationRun = op<StartDataQualityRulesetEvaluationRunRequest, StartDataQualityRulesetEvaluationRunResponse>({
  input: {
    ...RUN_START,
    AdditionalRunOptions: RUN_OPTIONS,
    RulesetNames: list(NAME, { min: 1, max: 10 }),
    AdditionalDataSources: DATA_SOURCE_MAP,
  },
  errors: ["EntityNotFoundException", "ConflictException"],
  run(ctx, input) {
    const tables = [tableOf(ctx, input.DataSource!), ...Object.values(input.AdditionalDataSources ?? {}).map((source) => tableOf(ctx, source, "AdditionalDataSources"))];
    if (input.NumberOfWorkers !== undefined && input.NumberOfWorkers < 1) throw ctx.invalid("NumberOfWorkers must be at least 1.");
    const names = input.RulesetNames!;
    if (new Set(names).size !== names.length) throw ctx.invalid("RulesetNames names a ruleset more than once.");
    for (const name of names) findRuleset(ctx, name);
    // The run reads its tables from the Data Catalog: each must exist when it starts.
    for (const table of tables) catalogTable(ctx, table);
    const run = startEvaluation(ctx, {
      dataSource: input.DataSource!,
      role: input.Role!,
      rulesetNames: names,
      numberOfWorkers: input.NumberOfWorkers,
      timeout: input.Timeout,
      additionalRunOptions: input.AdditionalRunOptions,
      additionalDataSources: input.AdditionalDataSources,
    });
    return { RunId: run.RunId };
  },
});

export const getDataQualityRulesetEvaluationRun = op<GetDataQualityRulesetEvaluationRunRequest, GetDataQualityRulesetEvaluationRunResponse>({
  input: { RunId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findEvaluationRun(ctx, input.RunId!);
    ctx.observe(run.process);
    return renderEvaluationRun(run);
  },
});

export const batchGetDataQualityRulesetEvaluationRun = op<BatchGetDataQualityRulesetEvaluationRunRequest, BatchGetDataQualityRulesetEvaluationRunResponse>({
  input: { RunIds: list(HASH, { min: 1, max: 100 }) },
  errors: [],
  run(ctx, input) {
    const runs: DataQualityRulesetEvaluationRun[] = [];
    const missing: string[] = [];
    for (const id of input.RunIds!) {
      const run = ctx.backend.dataQuality.evaluationRuns.get(id);
      if (!run) {
        missing.push(id);
        continue;
      }
      ctx.observe(run.process);
      runs.push(renderEvaluationRun(run));
    }
    return { Runs: runs, RunsNotFound: missing.length > 0 ? missing : undefined };
  },
});

export const cancelDataQualityRulesetEvaluationRun = op<CancelDataQualityRulesetEvaluationRunRequest, CancelDataQualityRulesetEvaluationRunResponse>({
  input: { RunId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findEvaluationRun(ctx, input.RunId!);
    if (!cancelRun(run.process)) throw ctx.invalid(`Run ${run.RunId} is ${run.process.state}; only a run in progress can be cancelled.`);
    return {};
  },
});

export const RUN_FILTER = struct({ DataSource: DATA_SOURCE });

/**
 * A page of evaluation or recommendation runs, newest first, filtered by data source and start
 * time as both List operations filter; the runs listed are observed (a list is a read of them).
 */
export function pageOfRuns<R extends RunCommon>(
  ctx: RequestContext<GlueBackend>,
  runs: OrderedTable<R>,
  input: { Filter?: { DataSource?: DataSource | undefined; StartedAfter?: Date | undefined; StartedBefore?: Date | undefined } | undefined; NextToken?: string | undefined; MaxResults?: number | undefined },
): Page<R> {
  const filter = input.Filter;
  const key = filter?.DataSource ? tableKey(ctx, tableOf(ctx, filter.DataSource, "Filter.DataSource")) : undefined;
  const page = ctx.paginate(runs, {
    token: input.NextToken,
    maxResults: input.MaxResults,
    defaultSize: 100,
    query: filter,
    filter: (run) =>
      (key === undefined || run.tableKey === key) &&
      (!filter?.StartedAfter || run.StartedOn > filter.StartedAfter) &&
      (!filter?.StartedBefore || run.StartedOn < filter.StartedBefore),
  });
  for (const run of page.items) ctx.observe(run.process);
  return page;
}

export const listDataQualityRulesetEvaluationRuns = op<ListDataQualityRulesetEvaluationRunsRequest, ListDataQualityRulesetEvaluationRunsResponse>({
  input: { Filter: RUN_FILTER, MaxResults: DQ_PAGE },
  errors: [],
  run(ctx, input) {
    const page = pageOfRuns(ctx, ctx.backend.dataQuality.evaluationRuns, input);
    return {
      Runs: page.items.map((run) => ({ RunId: run.RunId, Status: run.process.state as DataQualityRulesetEvaluationRun["Status"], StartedOn: run.StartedOn, DataSource: run.DataSource })),
      NextToken: page.nextToken,
    };
  },
});
