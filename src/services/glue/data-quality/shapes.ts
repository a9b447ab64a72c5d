import type { DataSource } from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { int, map, str, struct, type Rule } from "../../../engine/validation/rules.js";
import type { GlueBackend, GlueRuntime } from "../backend.js";
import { catalogTableAt } from "../catalog/state.js";
import { tableIn, type TableRecord } from "../catalog/tables.js";
import { DESCRIPTION, NAME, SINGLE_LINE } from "../shapes.js";

/** Constraints of the data-quality shapes (Glue API reference, data quality data types). */

/** HashString: run, result, profile and statistic ids, client tokens. */
export const HASH = str({ min: 1, max: 255, pattern: SINGLE_LINE });

/** DataQualityRulesetString. */
export const RULESET_TEXT = str({ min: 1, max: 65536 });

/** GlueTableAdditionalOptions: 1..10 entries, NameString keys, DescriptionString values. */
const ADDITIONAL_OPTIONS = map({ key: NAME, value: DESCRIPTION, min: 1, max: 10 });

const GLUE_TABLE = struct({ DatabaseName: NAME, TableName: NAME, CatalogId: NAME, ConnectionName: NAME, AdditionalOptions: ADDITIONAL_OPTIONS });

/** DataSource: a GlueTable or a DataQualityGlueTable (with its pre-processing query). */
export const DATA_SOURCE = struct({
  GlueTable: GLUE_TABLE,
  DataQualityGlueTable: struct({ DatabaseName: NAME, TableName: NAME, CatalogId: NAME, ConnectionName: NAME, AdditionalOptions: ADDITIONAL_OPTIONS, PreProcessingQuery: str({ min: 1, max: 51200 }) }),
});

/** DataSourceMap: AdditionalDataSources by alias. */
export const DATA_SOURCE_MAP = map({ key: NAME, value: DATA_SOURCE });

/** DataQualityTargetTable. */
export const TARGET_TABLE = struct({ TableName: NAME, DatabaseName: NAME, CatalogId: NAME });

/** Timeout in minutes (at least 1); NumberOfWorkers. */
export const DQ_TIMEOUT = int({ min: 1 });
export const WORKERS = int();

/** Page sizes of the data-quality lists: 1..1000. */
export const DQ_PAGE = int({ min: 1, max: 1000 });

/** The table a data source names. */
export interface TableRef {
  CatalogId?: string | undefined;
  DatabaseName: string;
  TableName: string;
}

/**
 * The table of a data source: exactly one of GlueTable and DataQualityGlueTable, as given. Where
 * the table must exist, callers check it with catalogTable().
 */
export function tableOf(ctx: RequestContext<GlueBackend>, source: DataSource, member = "DataSource"): TableRef {
  const given = [source.GlueTable, source.DataQualityGlueTable].filter((t) => t !== undefined);
  if (given.length !== 1) throw ctx.invalid(`${member} must name exactly one of GlueTable and DataQualityGlueTable.`);
  const table = given[0]!;
  return { CatalogId: table.CatalogId, DatabaseName: table.DatabaseName!, TableName: table.TableName! };
}

/**
 * The Data Catalog table a data source or target table names (in its CatalogId, else the
 * caller's catalog): a missing catalog, database or table is the operation's
 * EntityNotFoundException where its model lists one, else InvalidInputException.
 */
export function catalogTable(ctx: RequestContext<GlueBackend>, table: TableRef): TableRecord {
  return tableIn(ctx, table.CatalogId, table.DatabaseName, table.TableName).table;
}

/** Why a run cannot read its table now (deleted since it started, or never there), or undefined. */
export function missingTableProblem(runtime: GlueRuntime, table: TableRef): string | undefined {
  if (catalogTableAt(runtime, table.CatalogId, table.DatabaseName, table.TableName)) return undefined;
  return `EntityNotFoundException: Table ${table.DatabaseName}.${table.TableName} not found in the Data Catalog${table.CatalogId ? ` ${table.CatalogId}` : ""}.`;
}

/** A key naming a table in this account: `<catalog>.<database>.<table>` (the catalog defaults to the account). */
export function tableKey(ctx: { accountId: string }, table: TableRef): string {
  return `${table.CatalogId ?? ctx.accountId}.${table.DatabaseName}.${table.TableName}`;
}

/** Whether `rule` accepts a value, for handlers checking nested members by hand. */
export type { Rule };
