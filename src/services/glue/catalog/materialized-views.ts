import type {
  GetMaterializedViewRefreshTaskRunRequest,
  GetMaterializedViewRefreshTaskRunResponse,
  ListMaterializedViewRefreshTaskRunsRequest,
  ListMaterializedViewRefreshTaskRunsResponse,
  MaterializedViewRefreshTaskRun,
  StartMaterializedViewRefreshTaskRunRequest,
  StartMaterializedViewRefreshTaskRunResponse,
  StopMaterializedViewRefreshTaskRunRequest,
  StopMaterializedViewRefreshTaskRunResponse,
} from "@aws-sdk/client-glue";
import { uuid } from "../../../engine/ids.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import { requiredAnd } from "../../../engine/validation/rules.js";
import { newestFirst, op, type GlueRuntime } from "../backend.js";
import { ID, NAME } from "../shapes.js";
import { REFRESH_RUN_KIND } from "./lifecycles.js";
import { CATALOG_ID, PAGE } from "./shapes.js";
import { catalogScope, childKey, fold, type CatalogState, type CatalogStore } from "./state.js";
import { isMaterializedView } from "./table-input.js";
import { TASK_TERMINAL, TaskProcess, taskStatus } from "./task-process.js";
import { tableIn, type TableRecord } from "./tables.js";

/**
 * Refresh task runs of materialized views: STARTING, RUNNING, then SUCCEEDED, FAILED or
 * STOPPED, one at a time per view. A table is a materialized view when its TableType is
 * MATERIALIZED_VIEW or its ViewDefinition carries what only materialized views have
 * (IsManaged, RefreshSeconds, LastRefreshType, ViewVersionId, SubObjectVersionIds…). A run
 * that succeeds records its refresh type (FULL when asked, else INCREMENTAL) as the view's
 * LastRefreshType; the fake computes no data, so ProcessedBytes is 0.
 */

export class RefreshRun {
  readonly sequence: number;
  readonly id = uuid();
  readonly process: TaskProcess;
  readonly creationTime: Date;
  lastUpdated: Date;
  endTime: Date | undefined;

  constructor(
    private readonly runtime: GlueRuntime,
    private readonly store: CatalogStore,
    readonly databaseName: string,
    readonly tableName: string,
    readonly fullRefresh: boolean,
  ) {
    this.sequence = runtime.backend.nextSequence();
    this.creationTime = runtime.now();
    this.lastUpdated = this.creationTime;
    const attributes = { MaterializedViewRefreshTaskRunId: this.id, CatalogId: store.catalogId, DatabaseName: databaseName, TableName: tableName };
    this.process = new TaskProcess(REFRESH_RUN_KIND, attributes, { onEnter: (state) => this.entered(state) }, () =>
      this.view() ? undefined : `Materialized view ${databaseName}.${tableName} no longer exists.`,
    );
  }

  get finished(): boolean {
    return TASK_TERMINAL.has(this.process.state);
  }

  get catalogId(): string {
    return this.store.catalogId;
  }

  private view(): TableRecord | undefined {
    const table = this.store.databases.get(this.databaseName)?.tables.get(this.tableName);
    return table && isMaterializedView(table.table) ? table : undefined;
  }

  private entered(state: string): void {
    this.lastUpdated = this.runtime.now();
    if (!TASK_TERMINAL.has(state)) return;
    this.endTime = this.lastUpdated;
    const view = state === "SUCCEEDED" ? this.view() : undefined;
    if (view) view.table.ViewDefinition = { ...view.table.ViewDefinition, LastRefreshType: this.fullRefresh ? "FULL" : "INCREMENTAL" };
  }

  render(): MaterializedViewRefreshTaskRun {
    return {
      CustomerId: this.runtime.accountId,
      MaterializedViewRefreshTaskRunId: this.id,
      DatabaseName: this.databaseName,
      TableName: this.tableName,
      CatalogId: this.store.catalogId,
      Status: taskStatus(this.process) as MaterializedViewRefreshTaskRun["Status"],
      CreationTime: this.creationTime,
      LastUpdated: this.lastUpdated,
      ...(this.process.state !== "STARTING" ? { StartTime: this.creationTime } : {}),
      EndTime: this.endTime,
      ErrorMessage: this.process.state === "FAILED" ? (this.process.failureMessage ?? "The materialized view refresh task run failed.") : undefined,
      DPUSeconds: 0,
      RefreshType: this.fullRefresh ? "FULL" : "INCREMENTAL",
      ProcessedBytes: 0,
    };
  }
}

function runsOf(state: CatalogState, key: string): OrderedTable<RefreshRun> {
  let runs = state.refreshRunsByTable.get(key);
  if (!runs) {
    runs = newestFirst<RefreshRun>();
    state.refreshRunsByTable.set(key, runs);
  }
  return runs;
}

const runKey = (store: CatalogStore, table: TableRecord): string => `${store.catalogId}\u0000${childKey(table.databaseName, table.name)}`;

function runningOn(state: CatalogState, store: CatalogStore, table: TableRecord): RefreshRun | undefined {
  const newest = runsOf(state, runKey(store, table)).entries()[0]?.value;
  return newest && !newest.finished ? newest : undefined;
}

const VIEW_MEMBERS = { CatalogId: requiredAnd(CATALOG_ID), DatabaseName: NAME, TableName: NAME };

export const startMaterializedViewRefreshTaskRun = op<StartMaterializedViewRefreshTaskRunRequest, StartMaterializedViewRefreshTaskRunResponse>({
  input: VIEW_MEMBERS,
  errors: ["EntityNotFoundException", "MaterializedViewRefreshTaskRunningException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    if (!isMaterializedView(table.table)) throw ctx.invalid(`Table ${table.name} is not a materialized view.`);
    const state = ctx.backend.catalog;
    const running = runningOn(state, scope.store, table);
    if (running) throw ctx.error("MaterializedViewRefreshTaskRunningException", `A refresh task run (${running.id}) is already running for materialized view ${table.name}.`);
    const run = new RefreshRun(ctx.backend.runtime(ctx), scope.store, table.databaseName, table.name, input.FullRefresh ?? false);
    runsOf(state, runKey(scope.store, table)).set(run.id, run);
    state.refreshRuns.set(run.id, run);
    ctx.track(run.process);
    return { MaterializedViewRefreshTaskRunId: run.id };
  },
});

export const stopMaterializedViewRefreshTaskRun = op<StopMaterializedViewRefreshTaskRunRequest, StopMaterializedViewRefreshTaskRunResponse>({
  input: VIEW_MEMBERS,
  errors: ["MaterializedViewRefreshTaskNotRunningException", "MaterializedViewRefreshTaskStoppingException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const run = runningOn(ctx.backend.catalog, scope.store, table);
    if (!run) throw ctx.error("MaterializedViewRefreshTaskNotRunningException", `No refresh task run is running for materialized view ${table.name}.`);
    if (run.process.stopping) throw ctx.error("MaterializedViewRefreshTaskStoppingException", `Refresh task run ${run.id} is already stopping.`);
    run.process.stop();
    return {};
  },
});

export const getMaterializedViewRefreshTaskRun = op<GetMaterializedViewRefreshTaskRunRequest, GetMaterializedViewRefreshTaskRunResponse>({
  input: { CatalogId: requiredAnd(CATALOG_ID), MaterializedViewRefreshTaskRunId: ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = ctx.backend.catalog.refreshRuns.get(input.MaterializedViewRefreshTaskRunId!);
    if (!run) throw ctx.error("EntityNotFoundException", `Materialized view refresh task run ${input.MaterializedViewRefreshTaskRunId} not found.`);
    ctx.observe(run.process);
    return { MaterializedViewRefreshTaskRun: run.render() };
  },
});

export const listMaterializedViewRefreshTaskRuns = op<ListMaterializedViewRefreshTaskRunsRequest, ListMaterializedViewRefreshTaskRunsResponse>({
  input: { CatalogId: requiredAnd(CATALOG_ID), DatabaseName: NAME, TableName: NAME, MaxResults: PAGE },
  errors: [],
  run(ctx, input) {
    const catalogId = catalogScope(ctx, input.CatalogId).store.catalogId;
    const database = input.DatabaseName !== undefined ? fold(input.DatabaseName) : undefined;
    const table = input.TableName !== undefined ? fold(input.TableName) : undefined;
    const page = ctx.paginate(ctx.backend.catalog.refreshRuns, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (run) => run.catalogId === catalogId && (database === undefined || run.databaseName === database) && (table === undefined || run.tableName === table),
      query: [catalogId, database, table],
    });
    for (const run of page.items) ctx.observe(run.process);
    return { MaterializedViewRefreshTaskRuns: page.items.map((run) => run.render()), NextToken: page.nextToken };
  },
});
