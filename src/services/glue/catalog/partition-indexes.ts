import type {
  BackfillError,
  Column,
  CreatePartitionIndexRequest,
  CreatePartitionIndexResponse,
  DeletePartitionIndexRequest,
  DeletePartitionIndexResponse,
  GetPartitionIndexesRequest,
  GetPartitionIndexesResponse,
  PartitionIndex,
  PartitionIndexDescriptor,
} from "@aws-sdk/client-glue";
import { LinearProcess, type LinearSpec } from "../../../engine/lifecycle/process.js";
import { op, type GlueRuntime } from "../backend.js";
import { NAME } from "../shapes.js";
import { PARTITION_INDEX_KIND } from "./lifecycles.js";
import { valueFitsKeyType } from "./partition-expression.js";
import { CATALOG_ID, PARTITION_INDEX } from "./shapes.js";
import type { CatalogScope } from "./state.js";
import { tableIn, type TableRecord } from "./tables.js";

/**
 * Partition indexes (developer guide, "Creating partition indexes"): up to three per table,
 * each over partition keys of string, numeric or date type. A new index is CREATING while
 * Glue backfills it from the existing partitions, then ACTIVE; if a partition's value cannot
 * be read as its key's type the index ends FAILED with BackfillErrors naming the partitions.
 * An index changes which partitions GetPartitions reads in AWS, never which it returns.
 */

export const MAX_INDEXES = 3;

export interface PartitionIndexRecord {
  readonly name: string;
  readonly keys: readonly string[];
  readonly sequence: number;
  readonly process: LinearProcess;
  backfillErrors: BackfillError[];
}

const INDEXABLE = /^(string|char|varchar|int|integer|bigint|long|tinyint|smallint|date)(\s*\(.*\))?$/i;

/**
 * The partition key an index names. Names compare ignoring case: the catalog stores key names
 * in lower case (table-input.ts), and GetPartitions' expressions and column statistics read
 * them ignoring case too. AWS does not document how an index's Keys are compared; an index
 * names the key the table has, in the table's spelling.
 */
function keyOf(partitionKeys: readonly Column[], name: string): Column | undefined {
  const wanted = name.toLowerCase();
  return partitionKeys.find((key) => (key.Name ?? "").toLowerCase() === wanted);
}

/** Why an index cannot be created on these partition keys, or undefined. */
export function checkNewIndex(partitionKeys: readonly Column[], index: PartitionIndex, existing: readonly string[]): string | undefined {
  if (existing.includes(index.IndexName!)) return `Partition index ${index.IndexName} is given twice.`;
  const keys = index.Keys ?? [];
  if (new Set(keys.map((key) => key.toLowerCase())).size !== keys.length) return `Partition index ${index.IndexName} names a key more than once.`;
  for (const name of keys) {
    const key = keyOf(partitionKeys, name);
    if (!key) return `Partition index ${index.IndexName}: ${name} is not a partition key of the table (${partitionKeys.map((k) => k.Name).join(", ") || "it has none"}).`;
    if (!INDEXABLE.test(key.Type ?? "string")) return `Partition index ${index.IndexName}: key ${name} has type ${key.Type}; indexes support string, numeric (int, bigint, long, tinyint, smallint) and date keys.`;
  }
  return undefined;
}

/** The partitions whose values for the index's keys do not fit their types. */
function backfillErrors(table: TableRecord, keys: readonly string[]): BackfillError[] {
  const partitionKeys = table.table.PartitionKeys ?? [];
  const positions = keys.map((name) => partitionKeys.findIndex((key) => key === keyOf(partitionKeys, name)));
  const bad = table.partitions
    .values()
    .filter((p) => positions.some((position) => position < 0 || !valueFitsKeyType(partitionKeys[position]?.Type, p.values[position] ?? "")))
    .map((p) => ({ Values: [...p.values] }));
  return bad.length > 0 ? [{ Code: "INVALID_PARTITION_TYPE_DATA_ERROR", Partitions: bad }] : [];
}

/** CREATING, then ACTIVE, unless the backfill finds partitions the index cannot hold. */
class IndexProcess extends LinearProcess {
  constructor(spec: LinearSpec, attributes: Record<string, unknown>, private readonly backfill: () => boolean) {
    super(spec, attributes);
  }

  protected override step(): boolean {
    if (this.state === "CREATING" && this.upcoming[0] === "ACTIVE" && !this.backfill()) this.divert(["FAILED"]);
    return super.step();
  }
}

/** Creates an index and starts its backfill. */
export function addPartitionIndex(runtime: GlueRuntime, scope: CatalogScope, table: TableRecord, index: PartitionIndex): PartitionIndexRecord {
  const partitionKeys = table.table.PartitionKeys ?? [];
  const keys = index.Keys!.map((name) => keyOf(partitionKeys, name)?.Name ?? name);
  const attributes = { CatalogId: scope.store.catalogId, DatabaseName: table.databaseName, TableName: table.name, IndexName: index.IndexName };
  const record: PartitionIndexRecord = {
    name: index.IndexName!,
    keys,
    sequence: runtime.backend.nextSequence(),
    backfillErrors: [],
    process: new IndexProcess({ kind: PARTITION_INDEX_KIND, path: ["CREATING", "ACTIVE"] }, attributes, () => {
      record.backfillErrors = backfillErrors(table, keys);
      return record.backfillErrors.length === 0;
    }),
  };
  table.indexes.set(record.name, record);
  runtime.engine.lifecycles.register(record.process);
  return record;
}

function renderIndex(table: TableRecord, index: PartitionIndexRecord): PartitionIndexDescriptor {
  const partitionKeys = table.table.PartitionKeys ?? [];
  const state = index.process.state as PartitionIndexDescriptor["IndexStatus"];
  const errors = state === "FAILED" ? (index.backfillErrors.length > 0 ? index.backfillErrors : [{ Code: "INTERNAL_ERROR" as const, Partitions: [] }]) : undefined;
  return {
    IndexName: index.name,
    Keys: index.keys.map((name) => ({ Name: name, Type: keyOf(partitionKeys, name)?.Type ?? "string" })),
    IndexStatus: state,
    ...(errors ? { BackfillErrors: errors } : {}),
  };
}

export const createPartitionIndex = op<CreatePartitionIndexRequest, CreatePartitionIndexResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME, PartitionIndex: PARTITION_INDEX },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const index = input.PartitionIndex!;
    if (table.indexes.has(index.IndexName!)) throw ctx.error("AlreadyExistsException", `Partition index ${index.IndexName} already exists on table ${table.name}.`);
    if (table.indexes.size >= MAX_INDEXES) throw ctx.error("ResourceNumberLimitExceededException", `Table ${table.name} already has ${MAX_INDEXES} partition indexes, the most a table can have.`);
    const problem = checkNewIndex(table.table.PartitionKeys ?? [], index, []);
    if (problem) throw ctx.invalid(problem);
    addPartitionIndex(scope.backend.runtime(ctx), scope, table, index);
    return {};
  },
});

export const getPartitionIndexes = op<GetPartitionIndexesRequest, GetPartitionIndexesResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const page = ctx.paginate(table.indexes, { token: input.NextToken, defaultSize: 100, query: [table.table.CatalogId, table.databaseName, table.name] });
    for (const index of page.items) ctx.observe(index.process);
    return { PartitionIndexDescriptorList: page.items.map((index) => renderIndex(table, index)), NextToken: page.nextToken };
  },
});

export const deletePartitionIndex = op<DeletePartitionIndexRequest, DeletePartitionIndexResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME, IndexName: NAME },
  errors: ["EntityNotFoundException", "ConflictException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const index = table.indexes.get(input.IndexName!);
    if (!index) throw ctx.error("EntityNotFoundException", `Partition index ${input.IndexName} not found on table ${table.name}.`);
    if (index.process.state === "CREATING") throw ctx.error("ConflictException", `Partition index ${index.name} is still CREATING; delete it once it is ACTIVE or FAILED.`);
    table.indexes.delete(index.name);
    return {};
  },
});
