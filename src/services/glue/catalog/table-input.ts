import type {
  Column,
  CreateIcebergTableInput,
  IcebergSchema,
  Table,
  TableInput,
  ViewDefinition,
  ViewDefinitionInput,
  ViewRepresentation,
  ViewUpdateAction,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import { uuid } from "../../../engine/ids.js";

/**
 * How a TableInput becomes the Table that reads return: what Glue adds (times, the creator,
 * the version), multi-dialect views and materialized views, and Iceberg tables created or
 * updated through OpenTableFormatInput. Functions here return a problem text or throw
 * nothing: the operations turn problems into their own errors.
 */

/** What the catalog adds to a table's definition. */
export interface TableContext {
  databaseName: string;
  catalogId: string;
  createTime: Date;
  updateTime: Date;
  createdBy: string;
  versionId: number;
}

/** A problem with a request, and the modelled error it gets. */
export class TableProblem extends Error {
  constructor(
    readonly code: "InvalidInputException" | "AlreadyExistsException" | "EntityNotFoundException",
    message: string,
  ) {
    super(message);
  }
}

const MATERIALIZED_MEMBERS = ["IsManaged", "RefreshSeconds", "LastRefreshType", "ViewVersionId", "ViewVersionToken", "SubObjectVersionIds", "SubObjectsStatistics"] as const;

/** A materialized view: a view whose definition carries what only materialized views have. */
export function isMaterializedView(table: Table): boolean {
  const view = table.ViewDefinition as Record<string, unknown> | undefined;
  if ((table.TableType ?? "").toUpperCase() === "MATERIALIZED_VIEW") return true;
  return view !== undefined && MATERIALIZED_MEMBERS.some((member) => view[member] !== undefined && view[member] !== false);
}

/** An Iceberg table: Glue and Iceberg's catalog mark it with the `table_type` parameter. */
export function isIcebergTable(table: Table): boolean {
  return (table.Parameters?.["table_type"] ?? "").toUpperCase() === "ICEBERG";
}

function representationsOf(input: ViewDefinitionInput): ViewRepresentation[] {
  return (input.Representations ?? []).map((rep) => ({ ...deepCopy(rep), IsStale: false }));
}

function dialectsUnique(representations: readonly ViewRepresentation[]): void {
  const seen = new Set<string>();
  for (const rep of representations) {
    const key = `${rep.Dialect ?? ""}`;
    if (seen.has(key)) throw new TableProblem("InvalidInputException", `A view has one representation per dialect; ${key || "(no dialect)"} is given twice.`);
    seen.add(key);
  }
}

/** The ViewDefinition of a new view. */
export function viewFromInput(input: ViewDefinitionInput): ViewDefinition {
  const { Representations: _, ...rest } = deepCopy(input);
  const representations = representationsOf(input);
  if (representations.length === 0) throw new TableProblem("InvalidInputException", "A view definition needs at least one representation.");
  dialectsUnique(representations);
  return { ...rest, Representations: representations };
}

/**
 * UpdateTable's ViewUpdateAction on a multi-dialect view: ADD new dialects, REPLACE existing
 * ones, ADD_OR_REPLACE either, DROP some (one must remain). Members other than the
 * representations come from the input when given.
 */
export function updateView(current: ViewDefinition | undefined, input: ViewDefinitionInput | undefined, action: ViewUpdateAction): ViewDefinition {
  if (!current) throw new TableProblem("InvalidInputException", `ViewUpdateAction ${action} applies to a multi-dialect view; this table has no view definition.`);
  if (!input) throw new TableProblem("InvalidInputException", `ViewUpdateAction ${action} needs TableInput.ViewDefinition with the representations to ${action.toLowerCase()}.`);
  const byDialect = new Map((current.Representations ?? []).map((rep) => [rep.Dialect ?? "", deepCopy(rep)]));
  const given = representationsOf(input);
  dialectsUnique(given);
  for (const rep of given) {
    const dialect = rep.Dialect ?? "";
    const exists = byDialect.has(dialect);
    if (action === "ADD" && exists) throw new TableProblem("AlreadyExistsException", `The view already has a ${dialect} representation: use REPLACE or ADD_OR_REPLACE.`);
    if ((action === "REPLACE" || action === "DROP") && !exists) throw new TableProblem("EntityNotFoundException", `The view has no ${dialect} representation to ${action === "DROP" ? "drop" : "replace"}.`);
    if (action === "DROP") byDialect.delete(dialect);
    else byDialect.set(dialect, rep);
  }
  if (byDialect.size === 0) throw new TableProblem("InvalidInputException", "A view must keep at least one representation: delete the table to remove the view.");
  const { Representations: _, ...rest } = deepCopy(input);
  const { Representations: __, ...kept } = deepCopy(current);
  return { ...kept, ...rest, Representations: [...byDialect.values()] };
}

/**
 * Columns as the catalog stores them: names folded to lower case, as Hive's metastore keeps
 * them. AWS documents the fold for database and table names only; for columns it is what
 * CreateTable does when tried against AWS (`userId` is stored and read back as `userid`:
 * apache/flink-connector-aws#206, and Terraform's aws_glue_catalog_table drift in
 * nasa/cumulus#3953). Everything else that names a column already compares ignoring case.
 */
export function foldColumns(columns: readonly Column[]): Column[] {
  return columns.map((column) => (column.Name === undefined ? column : { ...column, Name: column.Name.toLowerCase() }));
}

/** The Table a TableInput describes, with what the catalog adds. */
export function tableFromInput(input: TableInput, context: TableContext, view: ViewDefinition | undefined): Table {
  const copy = deepCopy(input);
  const { ViewDefinition: _, Name, ...members } = copy;
  if (members.StorageDescriptor?.Columns) members.StorageDescriptor.Columns = foldColumns(members.StorageDescriptor.Columns);
  const table: Table = {
    Name: Name!.toLowerCase(),
    DatabaseName: context.databaseName,
    ...members,
    PartitionKeys: foldColumns(copy.PartitionKeys ?? []),
    Retention: copy.Retention ?? 0,
    CreateTime: context.createTime,
    UpdateTime: context.updateTime,
    CreatedBy: context.createdBy,
    IsRegisteredWithLakeFormation: false,
    CatalogId: context.catalogId,
    VersionId: String(context.versionId),
  };
  if (view) {
    table.ViewDefinition = view;
    table.IsMultiDialectView = true;
  }
  if (isMaterializedView(table)) table.IsMaterializedView = true;
  return table;
}

// --- Iceberg -----------------------------------------------------------------------------

/** Iceberg primitive types as Glue's Hive-style column types. */
const ICEBERG_TO_HIVE: Readonly<Record<string, string>> = {
  boolean: "boolean",
  int: "int",
  long: "bigint",
  float: "float",
  double: "double",
  date: "date",
  time: "string",
  timestamp: "timestamp",
  timestamptz: "timestamp",
  timestamp_ns: "timestamp",
  timestamptz_ns: "timestamp",
  string: "string",
  uuid: "string",
  binary: "binary",
};

/** An Iceberg type (a primitive name, or a struct/list/map document) as a Glue column type. */
export function icebergTypeToGlue(type: unknown): string | undefined {
  if (typeof type === "string") {
    const lower = type.toLowerCase();
    if (ICEBERG_TO_HIVE[lower]) return ICEBERG_TO_HIVE[lower];
    if (/^decimal\(\s*\d+\s*,\s*\d+\s*\)$/.test(lower)) return lower.replace(/\s+/g, "");
    if (/^fixed\[\d+\]$/.test(lower)) return "binary";
    return undefined;
  }
  if (!type || typeof type !== "object") return undefined;
  const doc = type as Record<string, unknown>;
  if (doc["type"] === "struct" && Array.isArray(doc["fields"])) {
    const fields: string[] = [];
    for (const field of doc["fields"] as Array<Record<string, unknown>>) {
      const inner = icebergTypeToGlue(field?.["type"]);
      if (inner === undefined || typeof field?.["name"] !== "string") return undefined;
      fields.push(`${field["name"]}:${inner}`);
    }
    return `struct<${fields.join(",")}>`;
  }
  if (doc["type"] === "list") {
    const element = icebergTypeToGlue(doc["element"]);
    return element === undefined ? undefined : `array<${element}>`;
  }
  if (doc["type"] === "map") {
    const key = icebergTypeToGlue(doc["key"]);
    const value = icebergTypeToGlue(doc["value"]);
    return key === undefined || value === undefined ? undefined : `map<${key},${value}>`;
  }
  return undefined;
}

/** The Glue columns of an Iceberg schema, or a problem naming the field Glue cannot map. */
export function icebergColumns(schema: IcebergSchema | undefined): Column[] {
  const columns: Column[] = [];
  for (const field of schema?.Fields ?? []) {
    const type = icebergTypeToGlue(field.Type);
    if (type === undefined) throw new TableProblem("InvalidInputException", `Iceberg field ${field.Name} has a type Glue cannot read: ${JSON.stringify(field.Type)}.`);
    columns.push({ Name: field.Name!, Type: type, ...(field.Doc !== undefined ? { Comment: field.Doc } : {}), Parameters: { "iceberg.field.id": String(field.Id), "iceberg.field.optional": String(!field.Required) } });
  }
  return columns;
}

/** Where Glue writes the metadata file of an Iceberg table's `sequence`th commit. */
export function icebergMetadataLocation(location: string, sequence: number): string {
  return `${location.replace(/\/+$/, "")}/metadata/${String(sequence).padStart(5, "0")}-${uuid()}.metadata.json`;
}

/**
 * An Iceberg table Glue creates for CreateTable with OpenTableFormatInput: from the
 * TableInput (its StorageDescriptor.Location is required), or from CreateIcebergTableInput
 * (location and schema). Glue writes the first metadata file and points the table at it.
 */
export function icebergTableInput(name: string, tableInput: TableInput | undefined, create: CreateIcebergTableInput | undefined, formatVersion: string | undefined): TableInput {
  const version = formatVersion ?? "2";
  if (version !== "1" && version !== "2" && version !== "3") throw new TableProblem("InvalidInputException", `Unsupported Iceberg format version ${version}: use 1, 2 or 3.`);
  const location = create?.Location ?? tableInput?.StorageDescriptor?.Location;
  if (!location) throw new TableProblem("InvalidInputException", "An Iceberg table needs a location: TableInput.StorageDescriptor.Location or CreateIcebergTableInput.Location.");
  const base: TableInput = deepCopy(tableInput) ?? { Name: name };
  const columns = create ? icebergColumns(create.Schema) : (base.StorageDescriptor?.Columns ?? []);
  return {
    ...base,
    Name: name,
    TableType: base.TableType ?? "EXTERNAL_TABLE",
    StorageDescriptor: { ...base.StorageDescriptor, Location: location, Columns: columns },
    Parameters: {
      ...(create?.Properties ?? {}),
      ...(base.Parameters ?? {}),
      table_type: "ICEBERG",
      metadata_location: icebergMetadataLocation(location, 0),
      "format-version": version,
    },
  };
}
