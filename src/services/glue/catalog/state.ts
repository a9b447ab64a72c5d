import type { Catalog } from "@aws-sdk/client-glue";
import { partitionOf } from "../../../engine/arn.js";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { newestFirst, type GlueBackend, type GlueRuntime } from "../backend.js";
import type { CatalogImport } from "./catalogs.js";
import type { DatabaseRecord } from "./databases.js";
import type { FunctionRecord } from "./functions.js";
import type { RefreshRun } from "./materialized-views.js";
import type { StatisticsRun } from "./statistics-runs.js";
import type { TableRecord } from "./tables.js";

/**
 * The Data Catalog of one account and region. Every account has a root catalog (its
 * CatalogId is the account id) and may create named catalogs (CreateCatalog), each holding
 * databases, which hold tables and functions; tables hold versions, partitions, indexes,
 * statistics and optimizers. Names of databases and tables are folded to lower case when
 * stored and looked up, as Glue does "for Hive compatibility".
 */
export class CatalogStore {
  readonly databases = new OrderedTable<DatabaseRecord>();
  /** Every table of the catalog by `database\0table`, for SearchTables. */
  readonly tables = new OrderedTable<TableRecord>();
  /** Every function of the catalog by `database\0function`, for GetUserDefinedFunctions without a database. */
  readonly functions = new OrderedTable<FunctionRecord>();

  constructor(
    /** The CatalogId reads report: the account id, or `account:name` for a named catalog. */
    readonly catalogId: string,
    readonly accountId: string,
  ) {}
}

/** A catalog made with CreateCatalog. */
export interface NamedCatalog {
  readonly name: string;
  catalog: Omit<Catalog, "CatalogId" | "Name" | "ResourceArn">;
  readonly store: CatalogStore;
}

/** Something due on the virtual clock: a column-statistics schedule, an optimizer's next run. */
export interface CatalogSchedule {
  at: number;
  fire(runtime: GlueRuntime): void;
}

/** The catalog state a Glue backend holds (one field of GlueBackend). */
export class CatalogState {
  /**
   * The account's root catalog, made with the backend: made on first use instead, a refused
   * read (GetMapping of a missing table) would leave it behind, a change no read explains.
   */
  private readonly rootStore: CatalogStore;
  readonly catalogs = new OrderedTable<NamedCatalog>();
  /** Column-statistics task runs of the account, newest first (ListColumnStatisticsTaskRuns). */
  readonly statisticsRuns = newestFirst<StatisticsRun>();
  /** Each table's column-statistics runs, newest first, by `database\0table` (kept when the table goes). */
  readonly statisticsRunsByTable = new Map<string, OrderedTable<StatisticsRun>>();
  /** Materialized-view refresh runs of the account, newest first. */
  readonly refreshRuns = newestFirst<RefreshRun>();
  /** Each view's refresh runs, newest first, by `catalog\0database\0table`. */
  readonly refreshRunsByTable = new Map<string, OrderedTable<RefreshRun>>();
  /** The migration ImportCatalogToGlue started, if any. */
  import: CatalogImport | undefined;
  /** Per crawler, the tables it wrote (`database\0table`) and the target path each came from. */
  readonly crawlerTables = new Map<string, Map<string, string>>();
  /** Time-based work of the catalog, by key, fired by the next catalog call once due. */
  readonly schedules = new Map<string, CatalogSchedule>();

  constructor(accountId: string) {
    this.rootStore = new CatalogStore(accountId, accountId);
  }

  /** The root catalog (its id is the account's). */
  root(_accountId?: string): CatalogStore {
    return this.rootStore;
  }
}

/** Where a request's CatalogId leads: a catalog store, in the caller's backend or another account's. */
export interface CatalogScope {
  readonly backend: GlueBackend;
  readonly store: CatalogStore;
  readonly accountId: string;
  /** The named catalog, when the CatalogId named one. */
  readonly named?: NamedCatalog | undefined;
}

/** Folds a database or table name as Glue stores it. */
export const fold = (name: string): string => name.toLowerCase();

/**
 * The operation's error for something missing: EntityNotFoundException where its model lists
 * it, else the validation error (CreateDatabase, SearchTables… cannot raise EntityNotFound).
 */
export function missing(ctx: RequestContext<GlueBackend>, message: string) {
  const operation = ctx.service.operations[ctx.operation];
  return operation?.errors.includes("EntityNotFoundException") ? ctx.error("EntityNotFoundException", message) : ctx.invalid(message);
}

const ACCOUNT = /^\d{12}$/;
const ACCOUNT_AND_CATALOG = /^(\d{12}):(.+)$/s;

/**
 * The catalog a CatalogId names. Without one, the caller's root catalog. An account id
 * reaches that account's root catalog (as AWS does once that account's resource policy
 * grants access: the fake has no policy model, so it always does); `account:name` or a bare
 * name reach a named catalog, which must exist.
 */
export function catalogScope(ctx: RequestContext<GlueBackend>, catalogId: string | undefined, region = ctx.region): CatalogScope {
  const local = region === ctx.region;
  if ((catalogId === undefined || catalogId === ctx.accountId) && local) {
    return { backend: ctx.backend, store: ctx.backend.catalog.root(ctx.accountId), accountId: ctx.accountId };
  }
  if (catalogId === undefined || ACCOUNT.test(catalogId)) {
    const accountId = catalogId ?? ctx.accountId;
    const backend = ctx.backendFor(accountId, region);
    return { backend, store: backend.catalog.root(accountId), accountId };
  }
  const qualified = ACCOUNT_AND_CATALOG.exec(catalogId);
  const accountId = qualified ? qualified[1]! : ctx.accountId;
  const name = qualified ? qualified[2]! : catalogId;
  const backend = accountId === ctx.accountId && local ? ctx.backend : ctx.backendFor(accountId, region);
  const named = backend.catalog.catalogs.get(name);
  if (!named) throw missing(ctx, `Catalog ${catalogId} not found.`);
  return { backend, store: named.store, accountId, named };
}

/** The scope of the caller's own root catalog. */
export function ownCatalog(ctx: RequestContext<GlueBackend>): CatalogScope {
  return catalogScope(ctx, undefined);
}

/** Sort-and-id key of a child in a catalog-wide table: `database\0name`. */
export const childKey = (database: string, name: string): string => `${database}\u0000${name}`;

/**
 * The catalog a CatalogId names, as a run sees it while it runs (no request, so no error: a run
 * that finds nothing fails in its own way). The same reach as catalogScope(): the caller's root
 * catalog by default, another account's root catalog by its id, a named catalog by
 * `account:name` or its bare name.
 */
export function catalogStoreAt(runtime: GlueRuntime, catalogId: string | undefined): CatalogStore | undefined {
  const backendOf = (accountId: string): GlueBackend =>
    accountId === runtime.accountId
      ? runtime.backend
      : runtime.engine.backends.get({ serviceId: runtime.service.serviceId, accountId, region: runtime.region, partition: partitionOf(runtime.region) }, (scope) => runtime.service.createBackend(scope));
  if (catalogId === undefined || ACCOUNT.test(catalogId)) {
    const accountId = catalogId ?? runtime.accountId;
    return backendOf(accountId).catalog.root(accountId);
  }
  const qualified = ACCOUNT_AND_CATALOG.exec(catalogId);
  return backendOf(qualified ? qualified[1]! : runtime.accountId).catalog.catalogs.get(qualified ? qualified[2]! : catalogId)?.store;
}

/** A table of a catalog as a run sees it while it runs, or undefined when it is not (or no longer) there. */
export function catalogTableAt(runtime: GlueRuntime, catalogId: string | undefined, databaseName: string, tableName: string): TableRecord | undefined {
  return catalogStoreAt(runtime, catalogId)?.databases.get(fold(databaseName))?.tables.get(fold(tableName));
}
