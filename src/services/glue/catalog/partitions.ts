import type {
  BatchCreatePartitionRequest,
  BatchCreatePartitionResponse,
  BatchDeletePartitionRequest,
  BatchDeletePartitionResponse,
  BatchGetPartitionRequest,
  BatchGetPartitionResponse,
  BatchUpdatePartitionFailureEntry,
  BatchUpdatePartitionRequest,
  BatchUpdatePartitionResponse,
  ColumnStatistics,
  CreatePartitionRequest,
  CreatePartitionResponse,
  DeletePartitionRequest,
  DeletePartitionResponse,
  ErrorDetail,
  GetPartitionRequest,
  GetPartitionResponse,
  GetPartitionsRequest,
  GetPartitionsResponse,
  Partition,
  PartitionError,
  PartitionInput,
  Segment,
  UpdatePartitionRequest,
  UpdatePartitionResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import type { Page } from "../../../engine/pagination.js";
import { list, requiredAnd, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { ExpressionError, partitionPredicate, StoredValueError } from "./partition-expression.js";
import { CATALOG_ID, PAGE, PARTITION_INPUT, PARTITION_VALUES, PREDICATE, SEGMENT, TRANSACTION_ID, VALUE } from "./shapes.js";
import { missing } from "./state.js";
import { tableIn, type TableRecord } from "./tables.js";

/** A partition as Glue stores it, keyed by its values. */
export interface PartitionRecord {
  readonly id: string;
  readonly values: readonly string[];
  /** A stable hash of the values: which Segment the partition belongs to. */
  readonly hash: number;
  partition: Pick<Partition, "CreationTime" | "LastAccessTime" | "StorageDescriptor" | "Parameters" | "LastAnalyzedTime">;
  /** Column statistics of the partition, by column name. */
  readonly statistics: Map<string, ColumnStatistics>;
}

/** The key of a partition in its table: its values, in key order. */
export const partitionId = (values: readonly string[]): string => JSON.stringify(values);

/** FNV-1a over the id: a cheap hash that spreads partitions over segments evenly and stably. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export const PARTITION_NOT_FOUND = "Cannot find partition.";
const PARTITION_EXISTS = "Partition already exists.";

/** Why these values cannot name a partition of the table, or undefined. */
export function valuesProblem(table: TableRecord, values: readonly string[] | undefined): string | undefined {
  const keys = table.table.PartitionKeys ?? [];
  if (keys.length === 0) return `Table ${table.name} is not partitioned: it has no partition keys.`;
  if (!values || values.length !== keys.length) return `The number of partition keys do not match the number of partition values: table ${table.name} has ${keys.length} (${keys.map((k) => k.Name).join(", ")}), got ${values?.length ?? 0}.`;
  return undefined;
}

export function renderPartition(table: TableRecord, record: PartitionRecord, excludeColumns = false): Partition {
  const partition = deepCopy(record.partition);
  if (excludeColumns && partition.StorageDescriptor) delete partition.StorageDescriptor.Columns;
  return { Values: [...record.values], DatabaseName: table.databaseName, TableName: table.name, ...partition, CatalogId: table.table.CatalogId };
}

/** Stores a new partition (the caller checked it does not exist and its values fit). */
export function addPartition(table: TableRecord, input: PartitionInput, now: Date): PartitionRecord {
  const values = [...input.Values!];
  const id = partitionId(values);
  const record: PartitionRecord = {
    id,
    values,
    hash: hashOf(id),
    partition: { CreationTime: now, LastAccessTime: input.LastAccessTime, StorageDescriptor: input.StorageDescriptor, Parameters: input.Parameters ?? {}, LastAnalyzedTime: input.LastAnalyzedTime },
    statistics: new Map(),
  };
  table.partitions.set(id, record);
  return record;
}

/** What refuses a new partition, as an error code and message, or undefined. */
function creationProblem(table: TableRecord, input: PartitionInput): ErrorDetail | undefined {
  const problem = valuesProblem(table, input.Values);
  if (problem) return { ErrorCode: "InvalidInputException", ErrorMessage: problem };
  if (table.partitions.has(partitionId(input.Values!))) return { ErrorCode: "AlreadyExistsException", ErrorMessage: PARTITION_EXISTS };
  return undefined;
}

export function findPartition(ctx: RequestContext<GlueBackend>, table: TableRecord, values: readonly string[]): PartitionRecord {
  const problem = valuesProblem(table, values);
  if (problem) throw ctx.invalid(problem);
  const record = table.partitions.get(partitionId(values));
  if (!record) throw missing(ctx, PARTITION_NOT_FOUND);
  return record;
}

const TABLE_MEMBERS = { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME };
const VALUE_LIST = struct({ Values: requiredAnd(PARTITION_VALUES) });
/** BoundedPartitionValueList: up to 100 values. */
const BOUNDED_VALUES = list(VALUE, { max: 100 });

export const createPartition = op<CreatePartitionRequest, CreatePartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionInput: PARTITION_INPUT },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const problem = creationProblem(table, input.PartitionInput!);
    if (problem?.ErrorCode === "AlreadyExistsException") throw ctx.error("AlreadyExistsException", problem.ErrorMessage!);
    if (problem) throw ctx.invalid(problem.ErrorMessage!);
    addPartition(table, input.PartitionInput!, ctx.now());
    return {};
  },
});

export const batchCreatePartition = op<BatchCreatePartitionRequest, BatchCreatePartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionInputList: list(PARTITION_INPUT, { max: 100 }) },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    // One bad item never fails the call: it is reported in Errors and the others are created.
    const errors: PartitionError[] = [];
    const now = ctx.now();
    for (const partition of input.PartitionInputList!) {
      const problem = creationProblem(table, partition);
      if (problem) errors.push({ PartitionValues: partition.Values ?? [], ErrorDetail: problem });
      else addPartition(table, partition, now);
    }
    return { Errors: errors };
  },
});

export const getPartition = op<GetPartitionRequest, GetPartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionValues: PARTITION_VALUES },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    return { Partition: renderPartition(table, findPartition(ctx, table, input.PartitionValues!)) };
  },
});

/** What a partition listing asks for: GetPartitions and GetUnfilteredPartitionsMetadata. */
export interface PartitionQuery {
  Expression?: string | undefined;
  Segment?: Segment | undefined;
  NextToken?: string | undefined;
  MaxResults?: number | undefined;
}

/**
 * One page of a table's partitions matching an expression and a segment. A stored value
 * that is not of its key's type is the operation's `inconsistent` error.
 */
export function partitionPage(ctx: RequestContext<GlueBackend>, table: TableRecord, query: PartitionQuery, inconsistent: (message: string) => unknown): Page<PartitionRecord> {
  const segment = query.Segment;
  if (segment && segment.SegmentNumber! >= segment.TotalSegments!) {
    throw ctx.invalid(`SegmentNumber ${segment.SegmentNumber} is out of range: segments are numbered 0 to ${segment.TotalSegments! - 1}.`);
  }
  const expression = query.Expression?.trim() ? query.Expression : undefined;
  let predicate: ((values: readonly string[]) => boolean) | undefined;
  if (expression !== undefined) {
    try {
      predicate = partitionPredicate(expression, table.table.PartitionKeys ?? []);
    } catch (error) {
      if (error instanceof ExpressionError) throw ctx.invalid(`Unsupported expression '${expression}': ${error.message}.`);
      throw error;
    }
  }
  const inSegment = segment && segment.TotalSegments! > 1 ? (p: PartitionRecord) => p.hash % segment.TotalSegments! === segment.SegmentNumber : undefined;
  let filter: ((p: PartitionRecord) => boolean) | undefined;
  if (predicate && inSegment) filter = (p) => inSegment(p) && predicate(p.values);
  else if (predicate) filter = (p) => predicate(p.values);
  else filter = inSegment;
  try {
    return ctx.paginate(table.partitions, {
      token: query.NextToken,
      maxResults: query.MaxResults,
      defaultSize: 100,
      filter,
      query: [table.table.CatalogId, table.databaseName, table.name, expression, segment?.SegmentNumber, segment?.TotalSegments],
    });
  } catch (error) {
    if (error instanceof StoredValueError) throw inconsistent(error.message);
    throw error;
  }
}

export const getPartitions = op<GetPartitionsRequest, GetPartitionsResponse>({
  input: { ...TABLE_MEMBERS, Expression: PREDICATE, Segment: SEGMENT, MaxResults: PAGE, TransactionId: TRANSACTION_ID },
  errors: ["EntityNotFoundException", "InvalidStateException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const page = partitionPage(ctx, table, input, (message) => ctx.error("InvalidStateException", message));
    return { Partitions: page.items.map((p) => renderPartition(table, p, input.ExcludeColumnSchema ?? false)), NextToken: page.nextToken };
  },
});

export const batchGetPartition = op<BatchGetPartitionRequest, BatchGetPartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionsToGet: list(VALUE_LIST, { max: 1000 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    // Partitions that do not exist are left out (AWS neither fails nor lists them); the fake
    // always processes every key, so UnprocessedKeys is empty.
    const found: Partition[] = [];
    const seen = new Set<string>();
    for (const key of input.PartitionsToGet!) {
      const id = partitionId(key.Values!);
      const record = table.partitions.get(id);
      if (record && !seen.has(id)) found.push(renderPartition(table, record));
      seen.add(id);
    }
    return { Partitions: found, UnprocessedKeys: [] };
  },
});

/** Replaces a partition's definition; its values cannot change (Glue: delete and recreate it). */
function updateProblem(table: TableRecord, values: readonly string[], input: PartitionInput): ErrorDetail | undefined {
  const problem = valuesProblem(table, values);
  if (problem) return { ErrorCode: "InvalidInputException", ErrorMessage: problem };
  if (!table.partitions.has(partitionId(values))) return { ErrorCode: "EntityNotFoundException", ErrorMessage: PARTITION_NOT_FOUND };
  if (input.Values && partitionId(input.Values) !== partitionId(values)) {
    return { ErrorCode: "InvalidInputException", ErrorMessage: "The Values of a partition cannot be changed: delete the partition and create it with the new values." };
  }
  return undefined;
}

function applyUpdate(table: TableRecord, values: readonly string[], input: PartitionInput): void {
  const record = table.partitions.get(partitionId(values))!;
  record.partition = {
    CreationTime: record.partition.CreationTime,
    LastAccessTime: input.LastAccessTime,
    StorageDescriptor: input.StorageDescriptor,
    Parameters: input.Parameters ?? {},
    LastAnalyzedTime: input.LastAnalyzedTime,
  };
}

export const updatePartition = op<UpdatePartitionRequest, UpdatePartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionValueList: BOUNDED_VALUES, PartitionInput: PARTITION_INPUT },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const problem = updateProblem(table, input.PartitionValueList!, input.PartitionInput!);
    if (problem?.ErrorCode === "EntityNotFoundException") throw missing(ctx, problem.ErrorMessage!);
    if (problem) throw ctx.invalid(problem.ErrorMessage!);
    applyUpdate(table, input.PartitionValueList!, input.PartitionInput!);
    return {};
  },
});

export const batchUpdatePartition = op<BatchUpdatePartitionRequest, BatchUpdatePartitionResponse>({
  input: { ...TABLE_MEMBERS, Entries: list(struct({ PartitionValueList: BOUNDED_VALUES, PartitionInput: PARTITION_INPUT }), { min: 1, max: 100 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const errors: BatchUpdatePartitionFailureEntry[] = [];
    for (const entry of input.Entries!) {
      const problem = updateProblem(table, entry.PartitionValueList!, entry.PartitionInput!);
      if (problem) errors.push({ PartitionValueList: entry.PartitionValueList, ErrorDetail: problem });
      else applyUpdate(table, entry.PartitionValueList!, entry.PartitionInput!);
    }
    return { Errors: errors };
  },
});

export const deletePartition = op<DeletePartitionRequest, DeletePartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionValues: PARTITION_VALUES },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    table.partitions.delete(findPartition(ctx, table, input.PartitionValues!).id);
    return {};
  },
});

export const batchDeletePartition = op<BatchDeletePartitionRequest, BatchDeletePartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionsToDelete: list(VALUE_LIST, { max: 25 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const errors: PartitionError[] = [];
    for (const key of input.PartitionsToDelete!) {
      const id = partitionId(key.Values!);
      if (table.partitions.delete(id)) continue;
      errors.push({ PartitionValues: key.Values, ErrorDetail: { ErrorCode: "EntityNotFoundException", ErrorMessage: PARTITION_NOT_FOUND } });
    }
    return { Errors: errors };
  },
});
