import type {
  Column,
  ColumnStatistics,
  ColumnStatisticsTaskRun,
  GetColumnStatisticsTaskRunRequest,
  GetColumnStatisticsTaskRunResponse,
  GetColumnStatisticsTaskRunsRequest,
  GetColumnStatisticsTaskRunsResponse,
  ListColumnStatisticsTaskRunsRequest,
  ListColumnStatisticsTaskRunsResponse,
  StartColumnStatisticsTaskRunRequest,
  StartColumnStatisticsTaskRunResponse,
  StopColumnStatisticsTaskRunRequest,
  StopColumnStatisticsTaskRunResponse,
} from "@aws-sdk/client-glue";
import { uuid } from "../../../engine/ids.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import { checkAsInput } from "../../../engine/internal-call.js";
import { list, str } from "../../../engine/validation/rules.js";
import { formatViolations } from "../../../engine/validation/violations.js";
import { newestFirst, op, type GlueRuntime } from "../backend.js";
import { ID, NAME, VALIDATION_UNMODELLED } from "../shapes.js";
import { COLUMN_STATISTICS, columnNamed, columnsOf, statisticProblem } from "./column-statistics.js";
import { STATISTICS_RUN_KIND } from "./lifecycles.js";
import { COLUMN_NAMES, PAGE, SAMPLE_SIZE } from "./shapes.js";
import { columnStatisticsResults, tableKey, type ComputedStatistic } from "./stand-ins.js";
import { childKey, fold, type CatalogStore, type CatalogState } from "./state.js";
import { TASK_TERMINAL, TaskProcess, taskStatus } from "./task-process.js";
import { tableIn, type TableRecord } from "./tables.js";

/**
 * Column-statistics task runs: STARTING, RUNNING, then SUCCEEDED, FAILED or STOPPED, one at a
 * time per table. What a run computes comes from the data, which the fake cannot read: a
 * registered stand-in (registerColumnStatistics) supplies the statistics, stored on the table
 * when the run succeeds; without one the run succeeds and stores none.
 */

export interface StatisticsRequest {
  Role: string;
  ColumnNameList?: string[] | undefined;
  SampleSize?: number | undefined;
  CatalogID?: string | undefined;
  SecurityConfiguration?: string | undefined;
}

/**
 * The statistics a stand-in answered, checked as UpdateColumnStatisticsForTable checks its
 * request (the engine's checkAsInput: member types through the SDK's own schema, then Glue's
 * constraints) and copied clean, so that nothing stored could not have been stored by a
 * caller; or the violations, in the words request validation uses. AnalyzedTime, required of
 * a caller, may be left out: it is then left out of the copy (the run's end is used).
 */
function checkedStatistics(runtime: GlueRuntime, table: { DatabaseName: string; TableName: string }, answer: readonly unknown[]): { statistics: ComputedStatistic[] } | { problem: string } {
  const placeholder = new Date(0);
  const undated = answer.map((statistic) => (statistic as { AnalyzedTime?: unknown } | null | undefined)?.AnalyzedTime == null);
  const dated = answer.map((statistic, i) => (statistic && typeof statistic === "object" && undated[i] ? { ...statistic, AnalyzedTime: placeholder } : statistic));
  // A run computes every column it was asked for at once: the 25-statistic limit of one
  // UpdateColumnStatisticsForTable call does not bound it, so its list is checked without one.
  const { value, violations } = checkAsInput(runtime.service, "UpdateColumnStatisticsForTable", { ...table, ColumnStatisticsList: dated }, { ColumnStatisticsList: list(COLUMN_STATISTICS) });
  if (violations.length > 0) return { problem: formatViolations(violations) };
  const statistics = value["ColumnStatisticsList"] as ComputedStatistic[];
  statistics.forEach((statistic, i) => {
    if (undated[i]) delete statistic.AnalyzedTime;
  });
  return { statistics };
}

export class StatisticsRun {
  readonly sequence: number;
  readonly id = uuid();
  readonly process: TaskProcess;
  readonly creationTime: Date;
  lastUpdated: Date;
  endTime: Date | undefined;
  private computed: ComputedStatistic[] | undefined;

  constructor(
    private readonly runtime: GlueRuntime,
    private readonly store: CatalogStore,
    readonly databaseName: string,
    readonly tableName: string,
    readonly request: StatisticsRequest,
    /** The columns computed (ColumnNameList, or every column at the start). */
    private readonly columns: Column[],
  ) {
    this.sequence = runtime.backend.nextSequence();
    this.creationTime = runtime.now();
    this.lastUpdated = this.creationTime;
    const attributes = { ColumnStatisticsTaskRunId: this.id, DatabaseName: databaseName, TableName: tableName, CatalogID: store.catalogId };
    this.process = new TaskProcess(STATISTICS_RUN_KIND, attributes, { onEnter: (state) => this.entered(state) }, () => this.compute());
  }

  get finished(): boolean {
    return TASK_TERMINAL.has(this.process.state);
  }

  private table(): TableRecord | undefined {
    return this.store.databases.get(this.databaseName)?.tables.get(this.tableName);
  }

  /** What the run found, checked before it can succeed; a failure message otherwise. */
  private compute(): string | undefined {
    const table = this.table();
    if (!table) return `Table ${this.databaseName}.${this.tableName} no longer exists.`;
    const request = { DatabaseName: this.databaseName, TableName: this.tableName, CatalogId: this.store.catalogId, Columns: this.columns, SampleSize: this.request.SampleSize ?? 100 };
    const outcome = columnStatisticsResults.resolve(this.runtime.engine, [tableKey(this.databaseName, this.tableName)], request, {
      accountId: this.runtime.accountId,
      region: this.runtime.region,
      runId: this.id,
    });
    if (outcome.kind === "none") return undefined;
    if (outcome.kind === "failed") return outcome.message;
    // The answer is the test's own value: checked and copied (so changing it later changes
    // nothing stored) before anything reads it.
    const checked = checkedStatistics(this.runtime, { DatabaseName: this.databaseName, TableName: this.tableName }, outcome.answer);
    if ("problem" in checked) return `The Glue column statistics result for ${outcome.key}: ${checked.problem}`;
    const asked = new Set(this.columns.map((column) => (column.Name ?? "").toLowerCase()));
    const seen = new Set<string>();
    for (const statistic of checked.statistics) {
      const problem = statisticProblem(table, { ...statistic, AnalyzedTime: new Date(0) })?.message ?? this.columnProblem(statistic.ColumnName!, asked, seen);
      if (problem) return `The Glue column statistics result for ${outcome.key}: ${problem}`;
    }
    this.computed = checked.statistics;
    return undefined;
  }

  /** Why a statistic of this column is not one the run computes (names compare ignoring case), or undefined. */
  private columnProblem(name: string, asked: ReadonlySet<string>, seen: Set<string>): string | undefined {
    const key = name.toLowerCase();
    if (!asked.has(key)) return `the statistic of column ${name} is not for a column this run computes (${this.columns.map((column) => column.Name).join(", ") || "none"}).`;
    if (seen.has(key)) return `column ${name} has two statistics: a run computes one per column.`;
    seen.add(key);
    return undefined;
  }

  private entered(state: string): void {
    const now = this.runtime.now();
    this.lastUpdated = now;
    if (!TASK_TERMINAL.has(state)) return;
    this.endTime = now;
    const table = this.table();
    if (state !== "SUCCEEDED" || !table || !this.computed) return;
    for (const statistic of this.computed) {
      const name = columnNamed(table, statistic.ColumnName!)!;
      table.statistics.set(name, { ...statistic, ColumnName: name, AnalyzedTime: statistic.AnalyzedTime ?? now } as ColumnStatistics);
    }
  }

  render(): ColumnStatisticsTaskRun {
    const started = this.process.state !== "STARTING";
    return {
      CustomerId: this.runtime.accountId,
      ColumnStatisticsTaskRunId: this.id,
      DatabaseName: this.databaseName,
      TableName: this.tableName,
      ColumnNameList: this.columns.map((column) => column.Name!),
      CatalogID: this.store.catalogId,
      Role: this.request.Role,
      SampleSize: this.request.SampleSize ?? 100,
      SecurityConfiguration: this.request.SecurityConfiguration,
      WorkerType: "G.1X",
      NumberOfWorkers: 2,
      ComputationType: "FULL",
      Status: taskStatus(this.process) as ColumnStatisticsTaskRun["Status"],
      CreationTime: this.creationTime,
      LastUpdated: this.lastUpdated,
      ...(started ? { StartTime: this.creationTime } : {}),
      EndTime: this.endTime,
      ErrorMessage: this.process.state === "FAILED" ? (this.process.failureMessage ?? "The column statistics task run failed.") : undefined,
      DPUSeconds: 0,
    };
  }
}

/** A table's runs, newest first, by `database\0table` (kept when the table is deleted). */
function runsOf(state: CatalogState, database: string, table: string): OrderedTable<StatisticsRun> {
  const key = childKey(fold(database), fold(table));
  let runs = state.statisticsRunsByTable.get(key);
  if (!runs) {
    runs = newestFirst<StatisticsRun>();
    state.statisticsRunsByTable.set(key, runs);
  }
  return runs;
}

const NO_RUNS = newestFirst<StatisticsRun>();

/** The table's run in progress, if any. */
function runningOn(state: CatalogState, table: TableRecord): StatisticsRun | undefined {
  const newest = runsOf(state, table.databaseName, table.name).entries()[0]?.value;
  return newest && !newest.finished ? newest : undefined;
}

/** Why the columns cannot be computed, or undefined. */
export function columnsProblem(table: TableRecord, names: readonly string[] | undefined): string | undefined {
  const unknown = (names ?? []).filter((name) => !columnNamed(table, name));
  return unknown.length > 0 ? `Column(s) ${unknown.join(", ")} not found in table ${table.name}.` : undefined;
}

/** Starts a run on a table, or returns the run already in progress. */
export function launchStatisticsRun(runtime: GlueRuntime, store: CatalogStore, table: TableRecord, request: StatisticsRequest): StatisticsRun | { running: StatisticsRun } {
  const state = runtime.backend.catalog;
  const running = runningOn(state, table);
  if (running) return { running };
  const wanted = request.ColumnNameList?.map((name) => columnNamed(table, name));
  const columns = wanted ? columnsOf(table).filter((column) => wanted.includes(column.Name)) : (table.table.StorageDescriptor?.Columns ?? []);
  const run = new StatisticsRun(runtime, store, table.databaseName, table.name, request, columns);
  runsOf(state, table.databaseName, table.name).set(run.id, run);
  state.statisticsRuns.set(run.id, run);
  runtime.engine.lifecycles.register(run.process);
  return run;
}

export const startColumnStatisticsTaskRun = op<StartColumnStatisticsTaskRunRequest, StartColumnStatisticsTaskRunResponse>({
  input: { DatabaseName: NAME, TableName: NAME, ColumnNameList: COLUMN_NAMES, Role: NAME, SampleSize: SAMPLE_SIZE, CatalogID: NAME, SecurityConfiguration: NAME },
  errors: ["EntityNotFoundException", "ColumnStatisticsTaskRunningException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogID, input.DatabaseName!, input.TableName!);
    const problem = columnsProblem(table, input.ColumnNameList);
    if (problem) throw ctx.invalid(problem);
    // Runs belong to the caller's account, whichever catalog the table is in.
    const run = launchStatisticsRun(ctx.backend.runtime(ctx), scope.store, table, input as StatisticsRequest);
    if ("running" in run) throw ctx.error("ColumnStatisticsTaskRunningException", `A column statistics task run (${run.running.id}) is already running for table ${table.name}.`);
    return { ColumnStatisticsTaskRunId: run.id };
  },
});

export const stopColumnStatisticsTaskRun = op<StopColumnStatisticsTaskRunRequest, StopColumnStatisticsTaskRunResponse>({
  input: { DatabaseName: NAME, TableName: NAME },
  errors: ["EntityNotFoundException", "ColumnStatisticsTaskNotRunningException", "ColumnStatisticsTaskStoppingException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const { table } = tableIn(ctx, undefined, input.DatabaseName!, input.TableName!);
    const run = runningOn(ctx.backend.catalog, table);
    if (!run) throw ctx.error("ColumnStatisticsTaskNotRunningException", `No column statistics task run is running for table ${table.name}.`);
    if (run.process.stopping) throw ctx.error("ColumnStatisticsTaskStoppingException", `Column statistics task run ${run.id} is already stopping.`);
    run.process.stop();
    return {};
  },
});

export const getColumnStatisticsTaskRun = op<GetColumnStatisticsTaskRunRequest, GetColumnStatisticsTaskRunResponse>({
  input: { ColumnStatisticsTaskRunId: ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = ctx.backend.catalog.statisticsRuns.get(input.ColumnStatisticsTaskRunId!);
    if (!run) throw ctx.error("EntityNotFoundException", `Column statistics task run ${input.ColumnStatisticsTaskRunId} not found.`);
    ctx.observe(run.process);
    return { ColumnStatisticsTaskRun: run.render() };
  },
});

export const getColumnStatisticsTaskRuns = op<GetColumnStatisticsTaskRunsRequest, GetColumnStatisticsTaskRunsResponse>({
  input: { DatabaseName: str({ min: 1, max: 255 }), TableName: NAME, MaxResults: PAGE },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    // A read of a table without runs leaves no trace (an empty list of its own).
    const runs = ctx.backend.catalog.statisticsRunsByTable.get(childKey(fold(input.DatabaseName!), fold(input.TableName!))) ?? NO_RUNS;
    const page = ctx.paginate(runs, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100, query: [fold(input.DatabaseName!), fold(input.TableName!)] });
    for (const run of page.items) ctx.observe(run.process);
    return { ColumnStatisticsTaskRuns: page.items.map((run) => run.render()), NextToken: page.nextToken };
  },
});

export const listColumnStatisticsTaskRuns = op<ListColumnStatisticsTaskRunsRequest, ListColumnStatisticsTaskRunsResponse>({
  input: { MaxResults: PAGE },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    // The response lists at most 100 ids (ColumnStatisticsTaskRunIdList), whatever MaxResults says.
    const page = ctx.paginate(ctx.backend.catalog.statisticsRuns, { token: input.NextToken, maxResults: Math.min(input.MaxResults ?? 100, 100), defaultSize: 100 });
    return { ColumnStatisticsTaskRunIds: page.items.map((run) => run.id), NextToken: page.nextToken };
  },
});
