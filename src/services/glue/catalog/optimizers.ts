import type {
  BatchGetTableOptimizerError,
  BatchGetTableOptimizerRequest,
  BatchGetTableOptimizerResponse,
  BatchTableOptimizer,
  CreateTableOptimizerRequest,
  CreateTableOptimizerResponse,
  DeleteTableOptimizerRequest,
  DeleteTableOptimizerResponse,
  GetTableOptimizerRequest,
  GetTableOptimizerResponse,
  ListTableOptimizerRunsRequest,
  ListTableOptimizerRunsResponse,
  TableOptimizer,
  TableOptimizerConfiguration,
  TableOptimizerRun,
  TableOptimizerType,
  UpdateTableOptimizerRequest,
  UpdateTableOptimizerResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { ServiceError } from "../../../engine/errors.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import { int, list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { newestFirst, op, type GlueBackend, type GlueRuntime } from "../backend.js";
import { NAME } from "../shapes.js";
import { OPTIMIZER_RUN_KIND } from "./lifecycles.js";
import { ARN_STRING, CATALOG_ID } from "./shapes.js";
import type { CatalogStore } from "./state.js";
import { isIcebergTable } from "./table-input.js";
import { optimizerScheduleKey, tableIn, type TableRecord } from "./tables.js";

/**
 * Table optimizers of Iceberg tables (compaction, snapshot retention, orphan-file deletion).
 * An enabled optimizer runs when it is created or enabled, then once a day of virtual time
 * (fired by the next Data Catalog call after it came due). A run goes starting, in_progress,
 * completed (or failed, with aws.lifecycle("Glue.TableOptimizerRun").endsIn("failed")). The
 * fake reads no data files, so a run's metrics report no file or byte processed.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface OptimizerRecord {
  readonly type: TableOptimizerType;
  configuration: TableOptimizerConfiguration;
  readonly runs: OrderedTable<OptimizerRun>;
}

class OptimizerRun {
  readonly sequence: number;
  readonly process: LinearProcess;
  readonly startTimestamp: Date;
  endTimestamp: Date | undefined;

  constructor(
    private readonly runtime: GlueRuntime,
    readonly type: TableOptimizerType,
    attributes: Record<string, unknown>,
  ) {
    this.sequence = runtime.backend.nextSequence();
    this.startTimestamp = runtime.now();
    this.process = new LinearProcess({ kind: OPTIMIZER_RUN_KIND, path: ["starting", "in_progress", "completed"] }, attributes, {
      onEnter: (state) => {
        if (state === "completed" || state === "failed") this.endTimestamp = this.runtime.now();
      },
    });
  }

  get finished(): boolean {
    return this.process.state === "completed" || this.process.state === "failed";
  }

  render(): TableOptimizerRun {
    const state = this.process.state as TableOptimizerRun["eventType"];
    const hours = this.endTimestamp ? (this.endTimestamp.getTime() - this.startTimestamp.getTime()) / 3_600_000 : 0;
    const usage = { DpuHours: 0, NumberOfDpus: 0, JobDurationInHour: hours };
    const run: TableOptimizerRun = { eventType: state, startTimestamp: this.startTimestamp, endTimestamp: this.endTimestamp };
    if (state === "failed") run.error = this.process.failureMessage ?? `The ${this.type} run failed.`;
    if (state !== "completed") return run;
    if (this.type === "compaction") run.compactionMetrics = { IcebergMetrics: { NumberOfBytesCompacted: 0, NumberOfFilesCompacted: 0, ...usage } };
    if (this.type === "retention") run.retentionMetrics = { IcebergMetrics: { NumberOfDataFilesDeleted: 0, NumberOfManifestFilesDeleted: 0, NumberOfManifestListsDeleted: 0, ...usage } };
    if (this.type === "orphan_file_deletion") run.orphanFileDeletionMetrics = { IcebergMetrics: { NumberOfOrphanFilesDeleted: 0, ...usage } };
    return run;
  }
}

const CONFIGURATION = struct({
  roleArn: ARN_STRING,
  vpcConfiguration: struct({ glueConnectionName: str({ min: 1 }) }),
  compactionConfiguration: struct({ icebergConfiguration: struct({ strategy: oneOf("CompactionStrategy"), minInputFiles: int(), deleteFileThreshold: int() }) }),
  retentionConfiguration: struct({ icebergConfiguration: struct({ snapshotRetentionPeriodInDays: int({ min: 1 }), numberOfSnapshotsToRetain: int({ min: 1 }) }) }),
  orphanFileDeletionConfiguration: struct({ icebergConfiguration: struct({ orphanFileRetentionPeriodInDays: int({ min: 1 }) }) }),
});

const TABLE_MEMBERS = { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME, Type: oneOf("TableOptimizerType") };

function findOptimizer(ctx: RequestContext<GlueBackend>, table: TableRecord, type: string): OptimizerRecord {
  const optimizer = table.optimizers.get(type);
  if (!optimizer) throw ctx.error("EntityNotFoundException", `Table ${table.databaseName}.${table.name} has no ${type} optimizer.`);
  return optimizer;
}

function render(optimizer: OptimizerRecord): TableOptimizer {
  const last = optimizer.runs.entries()[0]?.value;
  return { type: optimizer.type, configuration: deepCopy(optimizer.configuration), lastRun: last?.render(), configurationSource: "table" };
}

/** Starts a run unless one is still going; schedules the next one a day later. */
function runOptimizer(runtime: GlueRuntime, store: CatalogStore, table: TableRecord, optimizer: OptimizerRecord): void {
  const last = optimizer.runs.entries()[0]?.value;
  if (!last || last.finished) {
    const run = new OptimizerRun(runtime, optimizer.type, { CatalogId: store.catalogId, DatabaseName: table.databaseName, TableName: table.name, Type: optimizer.type });
    optimizer.runs.set(String(run.sequence), run);
    runtime.engine.lifecycles.register(run.process);
  }
  const key = optimizerScheduleKey(store, table, optimizer.type);
  runtime.backend.catalog.schedules.set(key, {
    at: runtime.now().getTime() + DAY_MS,
    fire: (r) => {
      const current = store.databases.get(table.databaseName)?.tables.get(table.name)?.optimizers.get(optimizer.type);
      if (current === optimizer && optimizer.configuration.enabled) runOptimizer(r, store, table, optimizer);
      else r.backend.catalog.schedules.delete(key);
    },
  });
}

function configurationProblem(configuration: TableOptimizerConfiguration): string | undefined {
  if (!configuration.roleArn) return "TableOptimizerConfiguration.roleArn is required: the role the optimizer runs as.";
  return undefined;
}

export const createTableOptimizer = op<CreateTableOptimizerRequest, CreateTableOptimizerResponse>({
  input: { ...TABLE_MEMBERS, TableOptimizerConfiguration: CONFIGURATION },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ValidationException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    if (!isIcebergTable(table.table)) throw ctx.invalid(`Table ${table.name} is not an Iceberg table: optimizers apply to tables whose table_type parameter is ICEBERG.`);
    if (table.optimizers.has(input.Type!)) throw ctx.error("AlreadyExistsException", `Table ${table.name} already has a ${input.Type} optimizer.`);
    const problem = configurationProblem(input.TableOptimizerConfiguration!);
    if (problem) throw ctx.invalid(problem);
    const optimizer: OptimizerRecord = { type: input.Type!, configuration: input.TableOptimizerConfiguration!, runs: newestFirst() };
    table.optimizers.set(optimizer.type, optimizer);
    if (optimizer.configuration.enabled) runOptimizer(scope.backend.runtime(ctx), scope.store, table, optimizer);
    return {};
  },
});

export const getTableOptimizer = op<GetTableOptimizerRequest, GetTableOptimizerResponse>({
  input: TABLE_MEMBERS,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const optimizer = findOptimizer(ctx, table, input.Type!);
    const last = optimizer.runs.entries()[0]?.value;
    ctx.observe(last?.process);
    return { CatalogId: scope.store.catalogId, DatabaseName: table.databaseName, TableName: table.name, TableOptimizer: render(optimizer) };
  },
});

export const updateTableOptimizer = op<UpdateTableOptimizerRequest, UpdateTableOptimizerResponse>({
  input: { ...TABLE_MEMBERS, TableOptimizerConfiguration: CONFIGURATION },
  errors: ["EntityNotFoundException", "ValidationException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const optimizer = findOptimizer(ctx, table, input.Type!);
    const configuration = { ...optimizer.configuration, ...input.TableOptimizerConfiguration! };
    const problem = configurationProblem(configuration);
    if (problem) throw ctx.invalid(problem);
    const wasEnabled = optimizer.configuration.enabled ?? false;
    optimizer.configuration = configuration;
    const runtime = scope.backend.runtime(ctx);
    if (configuration.enabled && !wasEnabled) runOptimizer(runtime, scope.store, table, optimizer);
    if (!configuration.enabled) runtime.backend.catalog.schedules.delete(optimizerScheduleKey(scope.store, table, optimizer.type));
    return {};
  },
});


export const deleteTableOptimizer = op<DeleteTableOptimizerRequest, DeleteTableOptimizerResponse>({
  input: TABLE_MEMBERS,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const optimizer = findOptimizer(ctx, table, input.Type!);
    table.optimizers.delete(optimizer.type);
    scope.backend.catalog.schedules.delete(optimizerScheduleKey(scope.store, table, optimizer.type));
    return {};
  },
});

export const batchGetTableOptimizer = op<BatchGetTableOptimizerRequest, BatchGetTableOptimizerResponse>({
  input: {
    Entries: list(struct({ catalogId: CATALOG_ID, databaseName: str({ min: 1 }), tableName: str({ min: 1 }), type: oneOf("TableOptimizerType") })),
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const found: BatchTableOptimizer[] = [];
    const failures: BatchGetTableOptimizerError[] = [];
    for (const entry of input.Entries!) {
      try {
        if (!entry.databaseName || !entry.tableName || !entry.type) throw ctx.invalid("Each entry needs databaseName, tableName and type.");
        const { scope, table } = tableIn(ctx, entry.catalogId, entry.databaseName, entry.tableName);
        const optimizer = findOptimizer(ctx, table, entry.type);
        ctx.observe(optimizer.runs.entries()[0]?.value.process);
        found.push({ catalogId: scope.store.catalogId, databaseName: table.databaseName, tableName: table.name, tableOptimizer: render(optimizer) });
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        failures.push({ error: { ErrorCode: error.code, ErrorMessage: error.message }, catalogId: entry.catalogId, databaseName: entry.databaseName, tableName: entry.tableName, type: entry.type });
      }
    }
    return { TableOptimizers: found, Failures: failures };
  },
});

export const listTableOptimizerRuns = op<ListTableOptimizerRunsRequest, ListTableOptimizerRunsResponse>({
  input: { ...TABLE_MEMBERS, MaxResults: int({ min: 0 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const optimizer = findOptimizer(ctx, table, input.Type!);
    const page = ctx.paginate(optimizer.runs, {
      token: input.NextToken,
      maxResults: input.MaxResults || undefined,
      defaultSize: 100,
      query: [scope.store.catalogId, table.databaseName, table.name, optimizer.type],
    });
    for (const run of page.items) ctx.observe(run.process);
    return { CatalogId: scope.store.catalogId, DatabaseName: table.databaseName, TableName: table.name, TableOptimizerRuns: page.items.map((run) => run.render()), NextToken: page.nextToken };
  },
});
