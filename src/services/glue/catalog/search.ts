import type { PropertyPredicate, SearchTablesRequest, SearchTablesResponse, Table } from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable, type SortKey } from "../../../engine/ordered-table.js";
import { list, oneOf, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { CATALOG_ID, PAGE, VALUE } from "./shapes.js";
import { catalogScope, childKey } from "./state.js";
import { renderTable, type TableRecord } from "./tables.js";

/**
 * SearchTables over every table of a catalog, as the API reference describes it:
 * - `Filters`: each PropertyPredicate must hold. `Name` (or `TableName`) matches when one of
 *   the name's tokens (split on punctuation: `customer-link` has `customer` and `link`)
 *   equals the value; `DatabaseName`, `Description`, `Owner`, `TableType` and `Location`
 *   compare the whole value; `CreateTime`, `UpdateTime`, `LastAccessTime` and
 *   `LastAnalyzedTime` compare times with the Comparator (values in epoch seconds or ISO
 *   8601); any other key is a table parameter (`classification = csv`). Text comparisons
 *   ignore case.
 * - `SearchText`: every word must appear in the table's name, database, description, owner,
 *   location, column names, types or comments, or parameter values; a quoted text must equal
 *   one of them.
 * - `SortCriteria`: one of Name, DatabaseName, TableType, Owner, CreateTime, UpdateTime,
 *   LastAccessTime, ASC or DESC (default: database, then name).
 * Shared (FOREIGN) tables are not modelled: that share type finds none.
 */

type Field = (table: Table) => string | undefined;

const TEXT_FIELDS: Readonly<Record<string, Field>> = {
  DatabaseName: (t) => t.DatabaseName,
  Description: (t) => t.Description,
  Owner: (t) => t.Owner,
  TableType: (t) => t.TableType,
  Location: (t) => t.StorageDescriptor?.Location,
};

const TIME_FIELDS: Readonly<Record<string, (table: Table) => Date | undefined>> = {
  CreateTime: (t) => t.CreateTime,
  UpdateTime: (t) => t.UpdateTime,
  LastAccessTime: (t) => t.LastAccessTime,
  LastAnalyzedTime: (t) => t.LastAnalyzedTime,
};

const SORT_FIELDS: Readonly<Record<string, (table: Table) => SortKey>> = {
  Name: (t) => t.Name ?? "",
  DatabaseName: (t) => t.DatabaseName ?? "",
  TableType: (t) => (t.TableType ?? "").toLowerCase(),
  Owner: (t) => (t.Owner ?? "").toLowerCase(),
  CreateTime: (t) => t.CreateTime?.getTime() ?? 0,
  UpdateTime: (t) => t.UpdateTime?.getTime() ?? 0,
  LastAccessTime: (t) => t.LastAccessTime?.getTime() ?? 0,
};

const tokens = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function timeOf(value: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return n > 1e11 ? n : n * 1000;
  }
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

const COMPARE: Readonly<Record<string, (order: number) => boolean>> = {
  EQUALS: (o) => o === 0,
  GREATER_THAN: (o) => o > 0,
  LESS_THAN: (o) => o < 0,
  GREATER_THAN_EQUALS: (o) => o >= 0,
  LESS_THAN_EQUALS: (o) => o <= 0,
};

/** A predicate as a test on a table, or the reason it is invalid. */
function predicateOf(predicate: PropertyPredicate): ((table: Table) => boolean) | string {
  const key = predicate.Key;
  const value = predicate.Value;
  if (key === undefined || value === undefined) return "Each filter needs a Key and a Value.";
  const test = COMPARE[predicate.Comparator ?? "EQUALS"]!;
  if (key === "Name" || key === "TableName") {
    const wanted = value.toLowerCase();
    return (table) => tokens(table.Name ?? "").includes(wanted) || (table.Name ?? "") === wanted;
  }
  const time = TIME_FIELDS[key];
  if (time) {
    const at = timeOf(value);
    if (at === undefined) return `Filter value '${value}' for ${key} is not a time (epoch seconds or ISO 8601).`;
    return (table) => {
      const own = time(table)?.getTime();
      return own !== undefined && test(Math.sign(own - at));
    };
  }
  const text = TEXT_FIELDS[key];
  const read: Field = text ?? ((table) => table.Parameters?.[key]);
  const wanted = value.toLowerCase();
  return (table) => read(table)?.toLowerCase() === wanted;
}

/** Everything SearchText looks in. */
function searchable(table: Table): string[] {
  const out = [table.Name, table.DatabaseName, table.Description, table.Owner, table.StorageDescriptor?.Location, table.TableType];
  for (const column of [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])]) out.push(column.Name, column.Type, column.Comment);
  out.push(...Object.values(table.Parameters ?? {}));
  return out.filter((text): text is string => typeof text === "string" && text !== "").map((text) => text.toLowerCase());
}

function textMatcher(text: string | undefined): ((table: Table) => boolean) | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const quoted = /^\s*"(.*)"\s*$/s.exec(text);
  if (quoted) {
    const exact = quoted[1]!.toLowerCase();
    return (table) => searchable(table).includes(exact);
  }
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return (table) => {
    const fields = searchable(table);
    return words.every((word) => fields.some((field) => field.includes(word)));
  };
}

function sortOf(ctx: RequestContext<GlueBackend>, criteria: SearchTablesRequest["SortCriteria"]): { key: (table: Table) => SortKey; descending: boolean } | undefined {
  const criterion = criteria?.[0];
  if (!criterion) return undefined;
  const key = SORT_FIELDS[criterion.FieldName ?? ""];
  if (!key) throw ctx.invalid(`Cannot sort by '${criterion.FieldName}': sort by one of ${Object.keys(SORT_FIELDS).join(", ")}.`);
  return { key, descending: criterion.Sort === "DESC" };
}

export const searchTables = op<SearchTablesRequest, SearchTablesResponse>({
  input: {
    CatalogId: CATALOG_ID,
    Filters: list(struct({ Key: VALUE, Value: VALUE, Comparator: oneOf("Comparator") })),
    SearchText: VALUE,
    SortCriteria: list(struct({ FieldName: VALUE, Sort: oneOf("Sort") }), { max: 1 }),
    MaxResults: PAGE,
    ResourceShareType: oneOf("ResourceShareType"),
  },
  errors: [],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const tests: Array<(table: Table) => boolean> = [];
    for (const filter of input.Filters ?? []) {
      const test = predicateOf(filter);
      if (typeof test === "string") throw ctx.invalid(test);
      tests.push(test);
    }
    const text = textMatcher(input.SearchText);
    if (text) tests.push(text);
    if (input.ResourceShareType === "FOREIGN") tests.push(() => false);
    const sort = sortOf(ctx, input.SortCriteria);
    const filter = tests.length > 0 ? (record: TableRecord) => tests.every((test) => test(record.table)) : undefined;
    // Name order is the catalog's own order; another sort orders the matches (a search reads
    // every table anyway), and tokens hold the sort position, so pages stay consistent.
    let table = scope.store.tables;
    if (sort) {
      table = new OrderedTable<TableRecord>((record) => sort.key(record.table));
      for (const record of scope.store.tables.values()) if (!filter || filter(record)) table.set(childKey(record.databaseName, record.name), record);
    }
    const page = ctx.paginate(table, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: sort ? undefined : filter,
      descending: sort?.descending ?? false,
      query: [scope.store.catalogId, input.Filters, input.SearchText, input.SortCriteria, input.ResourceShareType],
    });
    return { TableList: page.items.map(renderTable), NextToken: page.nextToken };
  },
});
