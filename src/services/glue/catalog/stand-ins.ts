import type { Column, ColumnStatistics, StorageDescriptor } from "@aws-sdk/client-glue";
import { StandInFamily, type StandIn } from "../../../engine/stand-ins.js";

/**
 * The Data Catalog's stand-ins (docs/decisions/0004-stand-ins.md): what a crawl finds in a
 * target, and what a column-statistics task run computes. AWS reads the data for both; the
 * fake cannot, so tests declare the answer (aws-doubles/glue: registerCrawlerFinding,
 * registerColumnStatistics).
 */

// --- Crawls ----------------------------------------------------------------------------------

/** A partition a crawl finds: its values, in partition-key order (and, optionally, its folder). */
export type CrawlerFindingPartition = readonly string[] | { Values: readonly string[]; Location?: string };

/** A table a crawl finds in a target, as its schema inference would describe it. */
export interface CrawlerFindingTable {
  /** The table's name before the crawler's TablePrefix (folded to lower case, as Glue stores it). */
  Name: string;
  Columns: Column[];
  /** Partition keys (a crawler types them `string` unless told otherwise). */
  PartitionKeys?: Column[];
  /** Partitions found, by their values. */
  Partitions?: CrawlerFindingPartition[];
  /** Where the table's data is (default: the target's path). */
  Location?: string;
  /** What the classifier recognised: `csv`, `json`, `parquet`… (the table's `classification` parameter). */
  Classification?: string;
  TableType?: string;
  Parameters?: Record<string, string>;
  /** Formats and SerDe, as a crawler sets them for the classification. */
  StorageDescriptor?: Omit<StorageDescriptor, "Columns" | "Location">;
}

/** What a crawl of one target finds. */
export interface CrawlerFinding {
  Tables: CrawlerFindingTable[];
}

/** What a crawl tells a finding function: which crawler, and which of its targets. */
export interface CrawlTargetRequest {
  CrawlerName: string;
  /** The crawler's DatabaseName (where S3, JDBC… targets write). */
  DatabaseName?: string | undefined;
  Target: {
    /** S3, JDBC, MongoDB, DynamoDB, Catalog, Delta, Iceberg or Hudi. */
    Type: string;
    /** The target's path (for a catalog target: `database.table`). */
    Path: string;
    /** The target as the crawler's Targets list gives it. */
    Definition: Record<string, unknown>;
  };
}

export type CrawlerFindingStandIn = StandIn<CrawlTargetRequest, CrawlerFinding, { crawlId: string }>;

export const crawlerFindings = new StandInFamily<CrawlTargetRequest, CrawlerFinding, undefined, { crawlId: string }>(
  "glue.crawlerFindings",
  "Glue crawler finding",
  "{ Tables: [{ Name, Columns, PartitionKeys?, Partitions?, Location?, Classification? }] }",
  (value) => typeof value === "object" && value !== null && Array.isArray((value as CrawlerFinding).Tables),
);

// --- Column statistics task runs ---------------------------------------------------------------

/** What a column-statistics run asks: the table, its columns and the sampling. */
export interface ColumnStatisticsRequest {
  DatabaseName: string;
  TableName: string;
  CatalogId: string;
  /** The columns the run computes (ColumnNameList, or every column of the table). */
  Columns: Column[];
  SampleSize: number;
}

/** A statistic a run computed; AnalyzedTime defaults to the end of the run. */
export type ComputedStatistic = Omit<ColumnStatistics, "AnalyzedTime"> & { AnalyzedTime?: Date };

export type ColumnStatisticsStandIn = StandIn<ColumnStatisticsRequest, ComputedStatistic[], { runId: string }>;

export const columnStatisticsResults = new StandInFamily<ColumnStatisticsRequest, ComputedStatistic[], undefined, { runId: string }>(
  "glue.columnStatistics",
  "Glue column statistics result",
  "[{ ColumnName, ColumnType, StatisticsData }]",
  (value) => Array.isArray(value),
);

/** The stand-in key of a table: `database.table`, lower case. */
export const tableKey = (database: string, table: string): string => `${database.toLowerCase()}.${table.toLowerCase()}`;
