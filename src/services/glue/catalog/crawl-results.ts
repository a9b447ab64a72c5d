import type { Column, StorageDescriptor, TableInput } from "@aws-sdk/client-glue";
import { checkAsInput } from "../../../engine/internal-call.js";
import { formatViolations } from "../../../engine/validation/violations.js";
import type { GlueRuntime } from "../backend.js";
import type { CrawlerDefinition } from "../crawlers.js";
import { addDatabase, type DatabaseRecord } from "./databases.js";
import { addPartition, partitionId } from "./partitions.js";
import { crawlerFindings, type CrawlerFinding, type CrawlerFindingPartition, type CrawlerFindingTable, type CrawlTargetRequest } from "./stand-ins.js";
import { childKey, fold } from "./state.js";
import { addTable, dropTable, replaceTable, tableInputOf, type TableRecord } from "./tables.js";

/**
 * What a crawl writes to the Data Catalog. A real crawler reads the data at each target and
 * infers tables; the fake asks the registered finding for each target (registerCrawlerFinding,
 * keyed by the target's path or the crawler's name) when the crawl reaches its writing step
 * (STOPPING), and writes the result when the crawl SUCCEEDS:
 * - S3, JDBC, MongoDB, DynamoDB, Delta, Iceberg and Hudi targets write into the crawler's
 *   DatabaseName (created if missing), each table named TablePrefix + name (lower case).
 *   A new table is created; an existing one is updated when its definition changed and
 *   SchemaChangePolicy.UpdateBehavior is UPDATE_IN_DATABASE (LOG leaves it); new
 *   partitions are added. Tables this crawler wrote from a target on an earlier crawl and
 *   that the target's finding no longer lists are deleted (DELETE_FROM_DATABASE), marked
 *   with the DEPRECATED_BY_CRAWLER parameter (DEPRECATE_IN_DATABASE) or left (LOG); so are
 *   partitions no longer found (deleted only with DELETE_FROM_DATABASE).
 * - CatalogTargets update the named existing tables in their own databases (no prefix, no
 *   table ever created or deleted), with the finding's table of the same name.
 * - RecrawlPolicy CRAWL_NEW_FOLDERS_ONLY (and CRAWL_EVENT_MODE) only adds: new tables and
 *   new partitions, no schema update, no deletion.
 * A target without a registered finding is not read: the crawl changes nothing for it.
 * A finding that throws, or has the wrong shape, makes the crawl FAILED with its message.
 */

/** What one crawl did to the catalog: GetCrawlerMetrics counts and the ListCrawls Summary. */
export interface CrawlResult {
  tablesCreated: string[];
  tablesUpdated: string[];
  tablesDeleted: string[];
  partitionsCreated: number;
  partitionsDeleted: number;
}

/** A target's finding, resolved and checked before the crawl writes anything. */
interface TargetFinding {
  target: CrawlTargetRequest["Target"];
  finding: CrawlerFinding;
}

/** What the crawl found: per target, or the reason it fails. */
export type ResolvedCrawl = { findings: TargetFinding[] } | { failure: string };

const CRAWLER_PARAMETERS = { CrawlerSchemaSerializerVersion: "1.0", CrawlerSchemaDeserializerVersion: "1.0" };

/** The crawler's targets, one per path, in the order of its Targets lists. */
function targetsOf(definition: CrawlerDefinition): Array<CrawlTargetRequest["Target"]> {
  const targets = definition.Targets ?? {};
  const out: Array<CrawlTargetRequest["Target"]> = [];
  const add = (type: string, path: string | undefined, definitionOf: object) => {
    if (path) out.push({ Type: type, Path: path, Definition: { ...definitionOf } });
  };
  for (const t of targets.S3Targets ?? []) add("S3", t.Path, t);
  for (const t of targets.JdbcTargets ?? []) add("JDBC", t.Path, t);
  for (const t of targets.MongoDBTargets ?? []) add("MongoDB", t.Path, t);
  for (const t of targets.DynamoDBTargets ?? []) add("DynamoDB", t.Path, t);
  for (const t of targets.CatalogTargets ?? []) for (const table of t.Tables ?? []) add("Catalog", `${fold(t.DatabaseName ?? "")}.${fold(table)}`, t);
  for (const t of targets.DeltaTargets ?? []) for (const path of t.DeltaTables ?? []) add("Delta", path, t);
  for (const t of targets.IcebergTargets ?? []) for (const path of t.Paths ?? []) add("Iceberg", path, t);
  for (const t of targets.HudiTargets ?? []) for (const path of t.Paths ?? []) add("Hudi", path, t);
  return out;
}

const valuesOf = (partition: CrawlerFindingPartition): readonly string[] => (Array.isArray(partition) ? (partition as readonly string[]) : (partition as { Values: readonly string[] }).Values);

/** The TableInput a found table becomes. */
function tableInputFor(crawlerName: string, name: string, table: CrawlerFindingTable, location: string): TableInput {
  const parameters: Record<string, string> = { ...(table.Parameters ?? {}), ...CRAWLER_PARAMETERS, UPDATED_BY_CRAWLER: crawlerName };
  if (table.Classification !== undefined) parameters["classification"] = table.Classification;
  const storage: StorageDescriptor = { ...(table.StorageDescriptor ?? {}), Columns: table.Columns, Location: table.Location ?? location };
  if (table.Classification !== undefined) storage.Parameters = { classification: table.Classification, ...(storage.Parameters ?? {}) };
  return { Name: name, TableType: table.TableType ?? "EXTERNAL_TABLE", StorageDescriptor: storage, PartitionKeys: (table.PartitionKeys ?? []).map((key) => ({ ...key, Type: key.Type ?? "string" })), Parameters: parameters, Retention: 0 };
}

/**
 * Why a finding cannot be written, or undefined. Each table and partition is checked as
 * CreateTable and CreatePartition check theirs (the engine's checkAsInput: the SDK schema's
 * member types, then Glue's rules), so the catalog never holds what no caller could write.
 */
function findingProblem(runtime: GlueRuntime, databaseName: string, crawlerName: string, prefix: string, finding: CrawlerFinding, location: string): string | undefined {
  for (const [i, table] of finding.Tables.entries()) {
    if (!table || typeof table !== "object" || typeof table.Name !== "string" || table.Name === "") return `Tables[${i}] needs a Name.`;
    if (!Array.isArray(table.Columns) || table.Columns.some((c) => !c || typeof c.Name !== "string")) return `table ${table.Name} needs Columns: [{ Name, Type }].`;
    if (table.PartitionKeys !== undefined && (!Array.isArray(table.PartitionKeys) || table.PartitionKeys.some((c) => !c || typeof c.Name !== "string"))) {
      return `table ${table.Name}: PartitionKeys must be [{ Name, Type }].`;
    }
    const tableName = fold(prefix + table.Name);
    const { violations } = checkAsInput(runtime.service, "CreateTable", { DatabaseName: databaseName, TableInput: tableInputFor(crawlerName, tableName, table, location) });
    if (violations.length > 0) return `table ${table.Name}: ${formatViolations(violations)}`;
    const keys = table.PartitionKeys?.length ?? 0;
    for (const partition of table.Partitions ?? []) {
      const values = partition && typeof partition === "object" ? valuesOf(partition) : undefined;
      if (!Array.isArray(values) || values.length !== keys || values.some((v) => typeof v !== "string")) {
        return `table ${table.Name}: partition ${JSON.stringify(values ?? partition)} must list ${keys} string value(s), one per partition key.`;
      }
      const { violations: problems } = checkAsInput(runtime.service, "CreatePartition", { DatabaseName: databaseName, TableName: tableName, PartitionInput: { Values: [...values] } });
      if (problems.length > 0) return `table ${table.Name}: ${formatViolations(problems)}`;
    }
  }
  return undefined;
}

/**
 * Asks each target's finding (at the crawl's writing step). Targets without a registration
 * are left out; a failing or malformed finding fails the crawl.
 */
export function resolveCrawl(runtime: GlueRuntime, definition: CrawlerDefinition, crawlId: string): ResolvedCrawl {
  const findings: TargetFinding[] = [];
  for (const target of targetsOf(definition)) {
    const request: CrawlTargetRequest = { CrawlerName: definition.Name, DatabaseName: definition.DatabaseName, Target: target };
    const outcome = crawlerFindings.resolve(runtime.engine, [target.Path, definition.Name], request, { accountId: runtime.accountId, region: runtime.region, crawlId });
    if (outcome.kind === "none") continue;
    if (outcome.kind === "failed") return { failure: outcome.message };
    const finding = outcome.answer;
    if (!finding || typeof finding !== "object" || !Array.isArray(finding.Tables)) return { failure: `The Glue crawler finding for ${outcome.key} must be { Tables: [...] }.` };
    const prefix = target.Type === "Catalog" ? "" : (definition.TablePrefix ?? "");
    if (target.Type !== "Catalog" && !definition.DatabaseName) return { failure: `Crawler ${definition.Name} has no DatabaseName to write the tables it found to.` };
    // The database the tables go to: a catalog target's own, else the crawler's.
    const databaseName = target.Type === "Catalog" ? target.Path.slice(0, target.Path.indexOf(".")) : fold(definition.DatabaseName!);
    const problem = findingProblem(runtime, databaseName, definition.Name, prefix, finding, target.Path);
    if (problem) return { failure: `The Glue crawler finding for ${outcome.key}: ${problem}` };
    findings.push({ target, finding });
  }
  return { findings };
}

/** Whether two definitions differ in what a crawler infers (schema, keys, location, format). */
function schemaChanged(current: TableInput, found: TableInput): boolean {
  const shape = (input: TableInput) =>
    JSON.stringify([
      // Names as the catalog stores them (lower case), so a mixed-case finding is no change.
      input.StorageDescriptor?.Columns?.map((c) => [c.Name?.toLowerCase(), c.Type]),
      input.PartitionKeys?.map((c) => [c.Name?.toLowerCase(), c.Type]),
      input.StorageDescriptor?.Location,
      input.TableType,
      input.Parameters?.["classification"],
    ]);
  return shape(current) !== shape(found);
}

/** Where a partition's data is: its own Location, else `<table location>/key=value/…`. */
function partitionLocation(tableLocation: string, keys: readonly Column[], partition: CrawlerFindingPartition): string {
  if (!Array.isArray(partition) && (partition as { Location?: string }).Location) return (partition as { Location: string }).Location;
  const values = valuesOf(partition);
  return `${tableLocation.replace(/\/+$/, "")}/${keys.map((key, i) => `${key.Name}=${values[i]}`).join("/")}/`;
}

/** The crawler-side record of which tables each target produced (for deletions on later crawls). */
function producedBy(runtime: GlueRuntime, crawlerName: string): Map<string, string> {
  const state = runtime.backend.catalog;
  let produced = state.crawlerTables.get(crawlerName);
  if (!produced) {
    produced = new Map();
    state.crawlerTables.set(crawlerName, produced);
  }
  return produced;
}

/** Writes what the crawl found (when it SUCCEEDED). */
export function applyCrawl(runtime: GlueRuntime, definition: CrawlerDefinition, resolved: ResolvedCrawl): CrawlResult {
  const result: CrawlResult = { tablesCreated: [], tablesUpdated: [], tablesDeleted: [], partitionsCreated: 0, partitionsDeleted: 0 };
  if ("failure" in resolved) return result;
  const store = runtime.backend.catalog.root(runtime.accountId);
  const scope = { backend: runtime.backend, store };
  const recrawl = definition.RecrawlPolicy?.RecrawlBehavior ?? "CRAWL_EVERYTHING";
  const addOnly = recrawl !== "CRAWL_EVERYTHING";
  const updates = !addOnly && (definition.SchemaChangePolicy?.UpdateBehavior ?? "UPDATE_IN_DATABASE") === "UPDATE_IN_DATABASE";
  const deletion = addOnly ? "LOG" : (definition.SchemaChangePolicy?.DeleteBehavior ?? "DEPRECATE_IN_DATABASE");
  const now = runtime.now();
  const who = { createTime: now, createdBy: `arn:${runtime.backend.scope.partition}:iam::${runtime.accountId}:root` };
  const produced = producedBy(runtime, definition.Name);

  const writeTable = (database: DatabaseRecord, name: string, found: CrawlerFindingTable, location: string, mayCreate: boolean): TableRecord | undefined => {
    const input = tableInputFor(definition.Name, name, found, location);
    let table = database.tables.get(name);
    const label = `${database.name}.${name}`;
    if (!table) {
      if (!mayCreate) return undefined;
      table = addTable(scope, database, input, who, undefined);
      result.tablesCreated.push(label);
    } else if (updates && schemaChanged(tableInputOf(table.table), input)) {
      // The crawler keeps what it does not infer (description, owner, other parameters).
      const current = tableInputOf(table.table);
      replaceTable(table, { ...current, ...input, Parameters: { ...(current.Parameters ?? {}), ...input.Parameters } }, now, table.table.ViewDefinition, false);
      result.tablesUpdated.push(label);
    }
    const keys = table.table.PartitionKeys ?? [];
    const tableLocation = table.table.StorageDescriptor?.Location ?? location;
    const seen = new Set<string>();
    for (const partition of found.Partitions ?? []) {
      const values = [...valuesOf(partition)];
      if (values.length !== keys.length) continue;
      const id = partitionId(values);
      seen.add(id);
      if (table.partitions.has(id)) continue;
      const storage = { ...(table.table.StorageDescriptor ?? {}), Location: partitionLocation(tableLocation, keys, partition) };
      addPartition(table, { Values: values, StorageDescriptor: storage, Parameters: {} }, now);
      result.partitionsCreated++;
    }
    if (deletion === "DELETE_FROM_DATABASE" && found.Partitions !== undefined) {
      for (const stale of table.partitions.values().filter((p) => !seen.has(p.id))) {
        table.partitions.delete(stale.id);
        result.partitionsDeleted++;
      }
    }
    return table;
  };

  for (const { target, finding } of resolved.findings) {
    if (target.Type === "Catalog") {
      const [databaseName, tableName] = [target.Path.slice(0, target.Path.indexOf(".")), target.Path.slice(target.Path.indexOf(".") + 1)];
      const database = store.databases.get(databaseName);
      const found = finding.Tables.find((t) => fold(t.Name) === tableName) ?? (finding.Tables.length === 1 ? finding.Tables[0] : undefined);
      const existing = database?.tables.get(tableName);
      if (database && existing && found) writeTable(database, tableName, found, existing.table.StorageDescriptor?.Location ?? "", false);
      continue;
    }
    const databaseName = fold(definition.DatabaseName!);
    const database = store.databases.get(databaseName) ?? addDatabase(store, { Name: databaseName }, now);
    const names = new Set<string>();
    for (const found of finding.Tables) {
      const name = fold((definition.TablePrefix ?? "") + found.Name);
      names.add(name);
      if (writeTable(database, name, found, target.Path, true)) produced.set(childKey(databaseName, name), target.Path);
    }
    // Tables this target produced before and no longer finds.
    for (const [key, path] of [...produced]) {
      const [dbName, name] = key.split("\u0000") as [string, string];
      if (path !== target.Path || dbName !== databaseName || names.has(name)) continue;
      const table = database.tables.get(name);
      if (!table || table.table.Parameters?.["UPDATED_BY_CRAWLER"] !== definition.Name) {
        produced.delete(key);
        continue;
      }
      if (deletion === "DELETE_FROM_DATABASE") {
        dropTable(scope, database, table);
        produced.delete(key);
        result.tablesDeleted.push(`${databaseName}.${name}`);
      } else if (deletion === "DEPRECATE_IN_DATABASE" && table.table.Parameters?.["DEPRECATED_BY_CRAWLER"] === undefined) {
        const current = tableInputOf(table.table);
        replaceTable(table, { ...current, Parameters: { ...(current.Parameters ?? {}), DEPRECATED_BY_CRAWLER: now.toISOString() } }, now, table.table.ViewDefinition, false);
        result.tablesDeleted.push(`${databaseName}.${name}`);
      }
    }
  }
  return result;
}

/** CrawlerHistory.Summary: what the crawl added, updated and deleted, as JSON. */
export function crawlSummary(result: CrawlResult | undefined): string | undefined {
  if (!result) return undefined;
  const entry = (names: string[]) => ({ Count: names.length, Details: { names } });
  const table: Record<string, unknown> = {};
  if (result.tablesCreated.length > 0) table["ADD"] = entry(result.tablesCreated);
  if (result.tablesUpdated.length > 0) table["UPDATE"] = entry(result.tablesUpdated);
  if (result.tablesDeleted.length > 0) table["DELETE"] = entry(result.tablesDeleted);
  const partition: Record<string, unknown> = {};
  if (result.partitionsCreated > 0) partition["ADD"] = { Count: result.partitionsCreated };
  if (result.partitionsDeleted > 0) partition["DELETE"] = { Count: result.partitionsDeleted };
  const summary: Record<string, unknown> = {};
  if (Object.keys(table).length > 0) summary["TABLE"] = table;
  if (Object.keys(partition).length > 0) summary["PARTITION"] = partition;
  return JSON.stringify(summary);
}

