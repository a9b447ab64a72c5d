import type {
  BatchDeleteTableRequest,
  BatchDeleteTableResponse,
  ColumnStatistics,
  CreateTableRequest,
  CreateTableResponse,
  DeleteTableRequest,
  DeleteTableResponse,
  GetTableRequest,
  GetTableResponse,
  GetTablesRequest,
  GetTablesResponse,
  Table,
  TableError,
  TableInput,
  UpdateTableRequest,
  UpdateTableResponse,
  ViewDefinition,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { findDatabase, type DatabaseRecord } from "./databases.js";
import { namePattern } from "./name-pattern.js";
import type { OptimizerRecord } from "./optimizers.js";
import { addPartitionIndex, checkNewIndex, type PartitionIndexRecord } from "./partition-indexes.js";
import type { PartitionRecord } from "./partitions.js";
import { CATALOG_ID, CATALOG_PAGE, PARTITION_INDEX, TABLE_INPUT, TRANSACTION_ID, VERSION_ID } from "./shapes.js";
import { catalogScope, childKey, fold, missing, type CatalogScope, type CatalogStore } from "./state.js";
import type { StatisticsSettings } from "./statistics-settings.js";
import { icebergColumns, icebergMetadataLocation, icebergTableInput, tableFromInput, TableProblem, updateView, viewFromInput } from "./table-input.js";

/** One version of a table (GetTableVersions): the table as it was. */
export interface TableVersionRecord {
  readonly version: number;
  readonly table: Table;
}

/** A table as Glue stores it: its current definition and everything that hangs off it. */
export interface TableRecord {
  readonly databaseName: string;
  readonly name: string;
  /** The current definition, as GetTable returns it. */
  table: Table;
  version: number;
  /** Every version kept, the current one included, newest first. */
  readonly versions: OrderedTable<TableVersionRecord>;
  /** Partitions by their values (see partitions.ts). */
  readonly partitions: OrderedTable<PartitionRecord>;
  /** Partition indexes in creation order. */
  readonly indexes: OrderedTable<PartitionIndexRecord>;
  /** Table-level column statistics by column name. */
  readonly statistics: Map<string, ColumnStatistics>;
  /** Table optimizers by type. */
  readonly optimizers: Map<string, OptimizerRecord>;
  statisticsSettings?: StatisticsSettings | undefined;
  /** Metadata files written for an Iceberg table (their sequence numbers). */
  icebergCommits: number;
}

export const tableArn = (ctx: RequestContext<GlueBackend>, scope: CatalogScope, database: string, name: string): string =>
  `arn:${ctx.partition}:glue:${ctx.region}:${scope.accountId}:table/${scope.named ? `${scope.named.name}/` : ""}${database}/${name}`;

/** Who created a table, as CreatedBy shows it: the caller's account principal. */
export const principalOf = (ctx: RequestContext<GlueBackend>): string => `arn:${ctx.partition}:iam::${ctx.accountId}:root`;

/** The table of a database, or the operation's not-found error (AWS's wording). */
export function findTable(ctx: RequestContext<GlueBackend>, database: DatabaseRecord, name: string): TableRecord {
  const table = database.tables.get(fold(name));
  if (!table) throw missing(ctx, `Table ${name} not found.`);
  return table;
}

/** The catalog, database and table a request names: the usual first step of a table operation. */
export function tableIn(ctx: RequestContext<GlueBackend>, catalogId: string | undefined, databaseName: string, tableName: string): { scope: CatalogScope; database: DatabaseRecord; table: TableRecord } {
  const scope = catalogScope(ctx, catalogId);
  const database = findDatabase(ctx, scope.store, databaseName);
  return { scope, database, table: findTable(ctx, database, tableName) };
}

/** A TableProblem as the operation's error (each problem code is declared where it can arise). */
export function asError(ctx: RequestContext<GlueBackend>, problem: unknown): unknown {
  if (!(problem instanceof TableProblem)) return problem;
  return problem.code === "InvalidInputException" ? ctx.invalid(problem.message) : problem.code === "EntityNotFoundException" ? missing(ctx, problem.message) : ctx.error(problem.code, problem.message);
}

function attempt<T>(ctx: RequestContext<GlueBackend>, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw asError(ctx, error);
  }
}

/** The table as reads return it (a copy: callers may keep it). */
export function renderTable(record: TableRecord): Table {
  return deepCopy(record.table);
}

const CREATE_ERRORS = ["AlreadyExistsException", "EntityNotFoundException", "ResourceNumberLimitExceededException"];

export const createTable = op<CreateTableRequest, CreateTableResponse>({
  input: {
    CatalogId: CATALOG_ID,
    DatabaseName: NAME,
    Name: NAME,
    TableInput: TABLE_INPUT,
    PartitionIndexes: list(PARTITION_INDEX, { max: 3 }),
    TransactionId: TRANSACTION_ID,
    OpenTableFormatInput: struct({ IcebergInput: struct({ MetadataOperation: oneOf("MetadataOperation"), Version: VERSION_ID }) }),
  },
  errors: CREATE_ERRORS,
  run(ctx, input) {
    const iceberg = input.OpenTableFormatInput?.IcebergInput;
    const name = input.TableInput?.Name ?? input.Name;
    if (input.TableInput === undefined && (name === undefined || iceberg?.CreateIcebergTableInput === undefined)) {
      // The current SDK lets TableInput go for Iceberg tables described by CreateIcebergTableInput.
      throw ctx.invalid("1 validation error detected: Value null at 'tableInput' failed to satisfy constraint: Member must not be null");
    }
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    if (database.tables.has(fold(name!))) throw ctx.error("AlreadyExistsException", "Table already exists.");
    const tableInput: TableInput = iceberg ? attempt(ctx, () => icebergTableInput(name!, input.TableInput, iceberg.CreateIcebergTableInput, iceberg.Version)) : input.TableInput!;
    const view = tableInput.ViewDefinition ? attempt(ctx, () => viewFromInput(tableInput.ViewDefinition!)) : undefined;
    const partitionKeys = tableInput.PartitionKeys ?? [];
    const indexes = input.PartitionIndexes ?? [];
    indexes.forEach((index, i) => {
      const problem = checkNewIndex(partitionKeys, index, indexes.slice(0, i).map((other) => other.IndexName!));
      if (problem) throw ctx.invalid(problem);
    });
    const now = ctx.now();
    const record = addTable(scope, database, tableInput, { createTime: now, createdBy: principalOf(ctx) }, view);
    if (iceberg) record.icebergCommits = 1;
    const runtime = scope.backend.runtime(ctx);
    for (const index of indexes) addPartitionIndex(runtime, scope, record, index);
    return {};
  },
});

/** Stores a new table, version 0 (CreateTable, and crawls creating tables). */
export function addTable(scope: Pick<CatalogScope, "store">, database: DatabaseRecord, input: TableInput, who: { createTime: Date; createdBy: string }, view: ViewDefinition | undefined): TableRecord {
  const table = tableFromInput(input, { databaseName: database.name, catalogId: scope.store.catalogId, createTime: who.createTime, updateTime: who.createTime, createdBy: who.createdBy, versionId: 0 }, view);
  const record: TableRecord = {
    databaseName: database.name,
    name: table.Name!,
    table,
    version: 0,
    versions: new OrderedTable<TableVersionRecord>((value) => -value.version),
    partitions: new OrderedTable<PartitionRecord>(),
    indexes: new OrderedTable<PartitionIndexRecord>((value) => value.sequence),
    statistics: new Map(),
    optimizers: new Map(),
    icebergCommits: 0,
  };
  record.versions.set("0", { version: 0, table: deepCopy(table) });
  database.tables.set(record.name, record);
  scope.store.tables.set(childKey(database.name, record.name), record);
  return record;
}

/**
 * Replaces a table's definition with a new version: the previous one stays readable with
 * GetTableVersion unless `skipArchive` (UpdateTable's SkipArchive), in which case only the
 * new version remains. The version id still moves on, so VersionId conditions keep working.
 */
export function replaceTable(record: TableRecord, input: TableInput, now: Date, view: ViewDefinition | undefined, skipArchive: boolean): void {
  const previous = record.table;
  const version = record.version + 1;
  const table = tableFromInput(input, { databaseName: record.databaseName, catalogId: previous.CatalogId!, createTime: previous.CreateTime!, updateTime: now, createdBy: previous.CreatedBy!, versionId: version }, view);
  if (skipArchive) record.versions.delete(String(record.version));
  record.version = version;
  record.table = table;
  record.versions.set(String(version), { version, table: deepCopy(table) });
}

export const getTable = op<GetTableRequest, GetTableResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, Name: NAME, TransactionId: TRANSACTION_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    if (input.TransactionId !== undefined && input.QueryAsOfTime !== undefined) throw ctx.invalid("TransactionId and QueryAsOfTime cannot both be given.");
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.Name!);
    if (input.QueryAsOfTime === undefined) return { Table: renderTable(table) };
    // The table as it was then: the newest version kept that was current at that time.
    const asOf = input.QueryAsOfTime.getTime();
    const version = table.versions.values().find((v) => (v.table.UpdateTime ?? v.table.CreateTime!).getTime() <= asOf);
    if (!version) throw ctx.error("EntityNotFoundException", `Table ${input.Name} has no version as of ${input.QueryAsOfTime.toISOString()}.`);
    return { Table: deepCopy(version.table) };
  },
});

/** GetTables' AttributesToGet: NAME alone, NAME and TABLE_TYPE, or everything. */
function projection(ctx: RequestContext<GlueBackend>, attributes: readonly string[] | undefined): (table: Table) => Table {
  if (!attributes || attributes.includes("DEFAULT") || attributes.includes("LATEST_ICEBERG_METADATA")) return (table) => table;
  if (!attributes.includes("NAME")) throw ctx.invalid("AttributesToGet must include NAME.");
  const withType = attributes.includes("TABLE_TYPE");
  return (table) => ({ Name: table.Name, ...(withType ? { TableType: table.TableType } : {}) });
}

export const getTables = op<GetTablesRequest, GetTablesResponse>({
  input: {
    CatalogId: CATALOG_ID,
    DatabaseName: NAME,
    Expression: str({ max: 2048 }),
    MaxResults: CATALOG_PAGE,
    TransactionId: TRANSACTION_ID,
    AttributesToGet: list(oneOf("TableAttributes")),
    ResourceShareType: oneOf("TableResourceShareType"),
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    const pattern = input.Expression ? namePattern(input.Expression) : undefined;
    if (typeof pattern === "string") throw ctx.invalid(pattern);
    const project = projection(ctx, input.AttributesToGet);
    const page = ctx.paginate(database.tables, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: pattern ? (table) => pattern.test(table.name) : undefined,
      query: [scope.store.catalogId, database.name, input.Expression],
    });
    return { TableList: page.items.map((table) => project(renderTable(table))), NextToken: page.nextToken };
  },
});

/** The Iceberg metadata commit UpdateOpenTableFormatInput describes, applied to a table input. */
function applyIcebergUpdates(record: TableRecord, base: TableInput, updates: NonNullable<UpdateTableRequest["UpdateOpenTableFormatInput"]>): TableInput {
  const changes = updates.UpdateIcebergInput?.UpdateIcebergTableInput?.Updates ?? [];
  const parameters: Record<string, string> = { ...(base.Parameters ?? {}) };
  const storage = { ...(base.StorageDescriptor ?? {}) };
  for (const update of changes) {
    if (update.Action === "remove-properties") {
      for (const key of Object.keys(update.Properties ?? {})) delete parameters[key];
      continue;
    }
    if (update.Schema && (update.Action === undefined || update.Action === "add-schema" || update.Action === "set-current-schema")) storage.Columns = icebergColumns(update.Schema);
    if (update.Location) storage.Location = update.Location;
    Object.assign(parameters, update.Properties ?? {});
  }
  const location = storage.Location ?? "";
  if (!location) throw new TableProblem("InvalidInputException", "An Iceberg table update needs the table's location.");
  parameters["previous_metadata_location"] = record.table.Parameters?.["metadata_location"] ?? "";
  parameters["metadata_location"] = icebergMetadataLocation(location, record.icebergCommits);
  parameters["table_type"] = "ICEBERG";
  return { ...base, StorageDescriptor: storage, Parameters: parameters };
}

export const updateTable = op<UpdateTableRequest, UpdateTableResponse>({
  input: {
    CatalogId: CATALOG_ID,
    DatabaseName: NAME,
    Name: NAME,
    TableInput: TABLE_INPUT,
    TransactionId: TRANSACTION_ID,
    VersionId: VERSION_ID,
    ViewUpdateAction: oneOf("ViewUpdateAction"),
  },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ConcurrentModificationException"],
  run(ctx, input) {
    const iceberg = input.UpdateOpenTableFormatInput;
    if (input.TableInput === undefined && (iceberg === undefined || input.Name === undefined)) {
      throw ctx.invalid("1 validation error detected: Value null at 'tableInput' failed to satisfy constraint: Member must not be null");
    }
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    const record = findTable(ctx, database, input.TableInput?.Name ?? input.Name!);
    // Optimistic concurrency (Iceberg's Glue catalog relies on it): VersionId must be current.
    if (input.VersionId !== undefined && input.VersionId !== String(record.version)) {
      throw ctx.error("ConcurrentModificationException", `Update table failed due to concurrent modifications: table ${record.name} is at version ${record.version}, not ${input.VersionId}.`);
    }
    const next = attempt(ctx, () => {
      const base: TableInput = input.TableInput ?? tableInputOf(record.table);
      const tableInput = iceberg ? applyIcebergUpdates(record, base, iceberg) : base;
      let view: ViewDefinition | undefined;
      if (input.ViewUpdateAction) view = updateView(record.table.ViewDefinition, tableInput.ViewDefinition, input.ViewUpdateAction);
      else if (tableInput.ViewDefinition) view = viewFromInput(tableInput.ViewDefinition);
      return { tableInput, view };
    });
    if (iceberg) record.icebergCommits++;
    replaceTable(record, next.tableInput, ctx.now(), next.view, input.SkipArchive ?? false);
    return {};
  },
});

/** A table's definition as the TableInput that would recreate it. */
export function tableInputOf(table: Table): TableInput {
  const copy = deepCopy(table);
  return {
    Name: copy.Name,
    Description: copy.Description,
    Owner: copy.Owner,
    LastAccessTime: copy.LastAccessTime,
    LastAnalyzedTime: copy.LastAnalyzedTime,
    Retention: copy.Retention,
    StorageDescriptor: copy.StorageDescriptor,
    PartitionKeys: copy.PartitionKeys,
    ViewOriginalText: copy.ViewOriginalText,
    ViewExpandedText: copy.ViewExpandedText,
    TableType: copy.TableType,
    Parameters: copy.Parameters,
    TargetTable: copy.TargetTable,
    FederatedTable: copy.FederatedTable,
  };
}

/** Removes a table with its versions, partitions, indexes, statistics and optimizers. */
export function dropTable(scope: Pick<CatalogScope, "backend" | "store">, database: DatabaseRecord, table: TableRecord): void {
  for (const type of table.optimizers.keys()) scope.backend.catalog.schedules.delete(optimizerScheduleKey(scope.store, table, type));
  scope.backend.catalog.schedules.delete(statisticsScheduleKey(scope.store, table));
  database.tables.delete(table.name);
  scope.store.tables.delete(childKey(database.name, table.name));
}

export const optimizerScheduleKey = (store: CatalogStore, table: TableRecord, type: string): string => `optimizer:${store.catalogId}:${childKey(table.databaseName, table.name)}:${type}`;
export const statisticsScheduleKey = (store: CatalogStore, table: TableRecord): string => `statistics:${store.catalogId}:${childKey(table.databaseName, table.name)}`;

export const deleteTable = op<DeleteTableRequest, DeleteTableResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, Name: NAME, TransactionId: TRANSACTION_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, database, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.Name!);
    dropTable(scope, database, table);
    return {};
  },
});

export const batchDeleteTable = op<BatchDeleteTableRequest, BatchDeleteTableResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TablesToDelete: list(NAME, { max: 100 }), TransactionId: TRANSACTION_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    const errors: TableError[] = [];
    for (const name of input.TablesToDelete!) {
      const table = database.tables.get(fold(name));
      if (!table) {
        errors.push({ TableName: name, ErrorDetail: { ErrorCode: "EntityNotFoundException", ErrorMessage: `Table ${name} not found.` } });
        continue;
      }
      dropTable(scope, database, table);
    }
    return { Errors: errors };
  },
});
