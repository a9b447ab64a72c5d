import type {
  Column,
  ColumnError,
  ColumnStatistics,
  ColumnStatisticsError,
  DeleteColumnStatisticsForPartitionRequest,
  DeleteColumnStatisticsForPartitionResponse,
  DeleteColumnStatisticsForTableRequest,
  DeleteColumnStatisticsForTableResponse,
  GetColumnStatisticsForPartitionRequest,
  GetColumnStatisticsForPartitionResponse,
  GetColumnStatisticsForTableRequest,
  GetColumnStatisticsForTableResponse,
  UpdateColumnStatisticsForPartitionRequest,
  UpdateColumnStatisticsForPartitionResponse,
  UpdateColumnStatisticsForTableRequest,
  UpdateColumnStatisticsForTableResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import { int, list, num, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op } from "../backend.js";
import { NAME, SINGLE_LINE } from "../shapes.js";
import { findPartition } from "./partitions.js";
import { CATALOG_ID, PARTITION_VALUES } from "./shapes.js";
import { tableIn, type TableRecord } from "./tables.js";

/**
 * Column statistics of a table or of one of its partitions (what a statistics task run or
 * an engine such as Athena computes, stored as given). Each statistic names a column of the
 * table and carries the data member its Type names; one that does not is reported in the
 * response's Errors while the others are stored.
 */

const COUNT = num({ min: 0, integer: true });
const AVERAGE = num({ min: 0 });

export const COLUMN_STATISTICS = struct({
  ColumnName: NAME,
  ColumnType: str({ max: 20000, pattern: SINGLE_LINE }),
  StatisticsData: struct({
    Type: oneOf("ColumnStatisticsType"),
    BooleanColumnStatisticsData: struct({ NumberOfTrues: COUNT, NumberOfFalses: COUNT, NumberOfNulls: COUNT }),
    DateColumnStatisticsData: struct({ NumberOfNulls: COUNT, NumberOfDistinctValues: COUNT }),
    DecimalColumnStatisticsData: struct({
      MinimumValue: struct({ Scale: int() }),
      MaximumValue: struct({ Scale: int() }),
      NumberOfNulls: COUNT,
      NumberOfDistinctValues: COUNT,
    }),
    DoubleColumnStatisticsData: struct({ NumberOfNulls: COUNT, NumberOfDistinctValues: COUNT }),
    LongColumnStatisticsData: struct({ NumberOfNulls: COUNT, NumberOfDistinctValues: COUNT }),
    StringColumnStatisticsData: struct({ MaximumLength: COUNT, AverageLength: AVERAGE, NumberOfNulls: COUNT, NumberOfDistinctValues: COUNT }),
    BinaryColumnStatisticsData: struct({ MaximumLength: COUNT, AverageLength: AVERAGE, NumberOfNulls: COUNT }),
  }),
});

/** The data member each statistics Type needs. */
const DATA_MEMBER: Readonly<Record<string, string>> = {
  BOOLEAN: "BooleanColumnStatisticsData",
  DATE: "DateColumnStatisticsData",
  DECIMAL: "DecimalColumnStatisticsData",
  DOUBLE: "DoubleColumnStatisticsData",
  LONG: "LongColumnStatisticsData",
  STRING: "StringColumnStatisticsData",
  BINARY: "BinaryColumnStatisticsData",
};

/** The columns statistics may describe: the table's columns and partition keys. */
export function columnsOf(table: TableRecord): Column[] {
  return [...(table.table.StorageDescriptor?.Columns ?? []), ...(table.table.PartitionKeys ?? [])];
}

/** The table's own name of a column (names compare case-insensitively, as Hive's do). */
export function columnNamed(table: TableRecord, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return columnsOf(table).find((column) => (column.Name ?? "").toLowerCase() === wanted)?.Name;
}

/** Why a statistic cannot be stored on this table, or undefined. */
export function statisticProblem(table: TableRecord, statistic: ColumnStatistics): { code: string; message: string } | undefined {
  if (!columnNamed(table, statistic.ColumnName!)) return { code: "EntityNotFoundException", message: `Column ${statistic.ColumnName} not found in table ${table.name}.` };
  const data = statistic.StatisticsData!;
  const member = DATA_MEMBER[data.Type!];
  if (!member || (data as unknown as Record<string, unknown>)[member] === undefined) {
    return { code: "InvalidInputException", message: `Statistics of Type ${data.Type} need ${member ?? "a data member of that type"} for column ${statistic.ColumnName}.` };
  }
  const others = Object.values(DATA_MEMBER).filter((other) => other !== member && (data as unknown as Record<string, unknown>)[other] !== undefined);
  if (others.length > 0) return { code: "InvalidInputException", message: `Statistics of Type ${data.Type} cannot carry ${others.join(", ")}.` };
  return undefined;
}

/** Stores the valid statistics; returns the errors of the others. */
export function storeStatistics(table: TableRecord, into: Map<string, ColumnStatistics>, statistics: readonly ColumnStatistics[]): ColumnStatisticsError[] {
  const errors: ColumnStatisticsError[] = [];
  for (const statistic of statistics) {
    const problem = statisticProblem(table, statistic);
    if (problem) {
      errors.push({ ColumnStatistics: deepCopy(statistic), Error: { ErrorCode: problem.code, ErrorMessage: problem.message } });
      continue;
    }
    const name = columnNamed(table, statistic.ColumnName!)!;
    into.set(name, { ...deepCopy(statistic), ColumnName: name });
  }
  return errors;
}

/** The statistics asked for, and an error for each column that has none. */
function readStatistics(table: TableRecord, from: Map<string, ColumnStatistics>, names: readonly string[]): { ColumnStatisticsList: ColumnStatistics[]; Errors: ColumnError[] } {
  const found: ColumnStatistics[] = [];
  const errors: ColumnError[] = [];
  for (const requested of names) {
    const name = columnNamed(table, requested);
    const statistic = name ? from.get(name) : undefined;
    if (statistic) found.push(deepCopy(statistic));
    else errors.push({ ColumnName: requested, Error: { ErrorCode: "EntityNotFoundException", ErrorMessage: name ? `No statistics for column ${name}.` : `Column ${requested} not found in table ${table.name}.` } });
  }
  return { ColumnStatisticsList: found, Errors: errors };
}

const TABLE_MEMBERS = { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME };
const NAMES = list(NAME, { max: 100 });
const STATISTICS_LIST = list(COLUMN_STATISTICS, { max: 25 });

export const getColumnStatisticsForTable = op<GetColumnStatisticsForTableRequest, GetColumnStatisticsForTableResponse>({
  input: { ...TABLE_MEMBERS, ColumnNames: NAMES },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    return readStatistics(table, table.statistics, input.ColumnNames!);
  },
});

export const updateColumnStatisticsForTable = op<UpdateColumnStatisticsForTableRequest, UpdateColumnStatisticsForTableResponse>({
  input: { ...TABLE_MEMBERS, ColumnStatisticsList: STATISTICS_LIST },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    return { Errors: storeStatistics(table, table.statistics, input.ColumnStatisticsList!) };
  },
});

export const deleteColumnStatisticsForTable = op<DeleteColumnStatisticsForTableRequest, DeleteColumnStatisticsForTableResponse>({
  input: { ...TABLE_MEMBERS, ColumnName: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const name = columnNamed(table, input.ColumnName!);
    if (!name || !table.statistics.delete(name)) throw ctx.error("EntityNotFoundException", `No statistics for column ${input.ColumnName} of table ${table.name}.`);
    return {};
  },
});

export const getColumnStatisticsForPartition = op<GetColumnStatisticsForPartitionRequest, GetColumnStatisticsForPartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionValues: PARTITION_VALUES, ColumnNames: NAMES },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const partition = findPartition(ctx, table, input.PartitionValues!);
    return readStatistics(table, partition.statistics, input.ColumnNames!);
  },
});

export const updateColumnStatisticsForPartition = op<UpdateColumnStatisticsForPartitionRequest, UpdateColumnStatisticsForPartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionValues: PARTITION_VALUES, ColumnStatisticsList: STATISTICS_LIST },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const partition = findPartition(ctx, table, input.PartitionValues!);
    return { Errors: storeStatistics(table, partition.statistics, input.ColumnStatisticsList!) };
  },
});

export const deleteColumnStatisticsForPartition = op<DeleteColumnStatisticsForPartitionRequest, DeleteColumnStatisticsForPartitionResponse>({
  input: { ...TABLE_MEMBERS, PartitionValues: PARTITION_VALUES, ColumnName: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const partition = findPartition(ctx, table, input.PartitionValues!);
    const name = columnNamed(table, input.ColumnName!);
    if (!name || !partition.statistics.delete(name)) throw ctx.error("EntityNotFoundException", `No statistics for column ${input.ColumnName} of that partition.`);
    return {};
  },
});
