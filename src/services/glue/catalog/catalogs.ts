import type {
  Catalog,
  CatalogImportStatus,
  CatalogInput,
  CreateCatalogRequest,
  CreateCatalogResponse,
  DeleteCatalogRequest,
  DeleteCatalogResponse,
  GetCatalogImportStatusRequest,
  GetCatalogImportStatusResponse,
  GetCatalogRequest,
  GetCatalogResponse,
  GetCatalogsRequest,
  GetCatalogsResponse,
  ImportCatalogToGlueRequest,
  ImportCatalogToGlueResponse,
  UpdateCatalogRequest,
  UpdateCatalogResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { oneOf, requiredAnd, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend, type GlueRuntime } from "../backend.js";
import { NAME, SINGLE_LINE, TAGS, VALIDATION_UNMODELLED } from "../shapes.js";
import { dropDatabase } from "./databases.js";
import { CATALOG_IMPORT_KIND } from "./lifecycles.js";
import { CATALOG_DESCRIPTION, CATALOG_ID, CATALOG_NAME, PAGE, PARAMETERS, PRINCIPAL_PERMISSIONS } from "./shapes.js";
import { catalogScope, CatalogStore, type CatalogScope, type NamedCatalog } from "./state.js";
import { principalOf } from "./tables.js";

/**
 * Catalogs. Every account has its default (root) catalog, whose CatalogId is the account
 * id; CreateCatalog adds named catalogs (federated, Redshift-managed or plain) next to it,
 * each with its own databases. A named catalog's CatalogId is `account:name`; requests may
 * also name it by its bare name. Child catalogs of named catalogs (which Redshift and S3
 * Tables integrations create in AWS) are not modelled: a named catalog has none.
 */

const CATALOG_INPUT = struct({
  Description: CATALOG_DESCRIPTION,
  FederatedCatalog: struct({ Identifier: str({ min: 1, max: 512, pattern: SINGLE_LINE }), ConnectionName: NAME }),
  Parameters: PARAMETERS,
  CatalogProperties: struct({
    DataLakeAccessProperties: struct({ DataTransferRole: str({ pattern: "arn:aws(-(cn|us-gov|iso(-[bef])?))?:iam::[0-9]{12}:role/.+" }), CatalogType: NAME }),
    CustomProperties: PARAMETERS,
  }),
  CreateTableDefaultPermissions: PRINCIPAL_PERMISSIONS,
  CreateDatabaseDefaultPermissions: PRINCIPAL_PERMISSIONS,
  AllowFullTableExternalDataAccess: oneOf("AllowFullTableExternalDataAccessEnum"),
  OverwriteChildResourcePermissionsWithDefault: oneOf("OverwriteChildResourcePermissionsWithDefaultEnum"),
});

const catalogArn = (ctx: RequestContext<GlueBackend>, accountId: string, name?: string): string =>
  `arn:${ctx.partition}:glue:${ctx.region}:${accountId}:catalog${name === undefined ? "" : `/${name}`}`;

function definitionOf(input: CatalogInput, createTime: Date, updateTime: Date): NamedCatalog["catalog"] {
  const { CatalogProperties, OverwriteChildResourcePermissionsWithDefault: _, ...rest } = deepCopy(input);
  return {
    ...rest,
    Parameters: rest.Parameters ?? {},
    ...(CatalogProperties ? { CatalogProperties: { ...CatalogProperties } } : {}),
    CreateTime: createTime,
    UpdateTime: updateTime,
  };
}

function renderNamed(ctx: RequestContext<GlueBackend>, scope: { accountId: string }, named: NamedCatalog): Catalog {
  return { CatalogId: named.store.catalogId, Name: named.name, ResourceArn: catalogArn(ctx, scope.accountId, named.name), ...deepCopy(named.catalog) };
}

/** The default catalog as GetCatalogs lists it with IncludeRoot. */
function renderRoot(ctx: RequestContext<GlueBackend>, accountId: string): Catalog {
  return { CatalogId: accountId, Name: accountId, ResourceArn: catalogArn(ctx, accountId) };
}

function render(ctx: RequestContext<GlueBackend>, scope: CatalogScope): Catalog {
  return scope.named ? renderNamed(ctx, scope, scope.named) : renderRoot(ctx, scope.accountId);
}

/** A named catalog, for the operations that change one (the default catalog cannot be). */
function namedCatalog(ctx: RequestContext<GlueBackend>, catalogId: string): CatalogScope & { named: NamedCatalog } {
  const scope = catalogScope(ctx, catalogId);
  if (!scope.named) throw ctx.invalid(`Catalog ${catalogId} is the account's default catalog, which cannot be changed or deleted.`);
  return scope as CatalogScope & { named: NamedCatalog };
}

export const createCatalog = op<CreateCatalogRequest, CreateCatalogResponse>({
  input: { Name: CATALOG_NAME, CatalogInput: CATALOG_INPUT, Tags: TAGS },
  errors: ["AlreadyExistsException", "EntityNotFoundException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const name = input.Name!;
    const catalogs = ctx.backend.catalog.catalogs;
    if (catalogs.has(name)) throw ctx.error("AlreadyExistsException", `Catalog ${name} already exists.`);
    const now = ctx.now();
    catalogs.set(name, { name, catalog: definitionOf(input.CatalogInput!, now, now), store: new CatalogStore(`${ctx.accountId}:${name}`, ctx.accountId) });
    ctx.backend.tags.add(catalogArn(ctx, ctx.accountId, name), input.Tags);
    return {};
  },
});

export const getCatalog = op<GetCatalogRequest, GetCatalogResponse>({
  input: { CatalogId: CATALOG_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { Catalog: render(ctx, catalogScope(ctx, input.CatalogId)) };
  },
});

export const getCatalogs = op<GetCatalogsRequest, GetCatalogsResponse>({
  input: { ParentCatalogId: CATALOG_ID, MaxResults: PAGE },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const parent = catalogScope(ctx, input.ParentCatalogId);
    // Named catalogs live under the default one; they have no children of their own here.
    const children = parent.named ? new OrderedTable<NamedCatalog>() : parent.backend.catalog.catalogs;
    const withRoot = (input.IncludeRoot ?? false) && !parent.named;
    type Entry = { root: true } | { root: false; named: NamedCatalog };
    // The default catalog sorts first (the empty key); catalogs are few, so a combined view is cheap.
    const entries = new OrderedTable<Entry>((entry) => (entry.root ? "" : `~${entry.named.name}`));
    if (withRoot) entries.set("", { root: true });
    for (const named of children.values()) entries.set(`~${named.name}`, { root: false, named });
    const page = ctx.paginate(entries, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: input.HasDatabases ? (entry) => (entry.root ? parent.backend.catalog.root(parent.accountId) : entry.named.store).databases.size > 0 : undefined,
      query: [input.ParentCatalogId, withRoot, input.HasDatabases],
    });
    return { CatalogList: page.items.map((entry) => (entry.root ? renderRoot(ctx, parent.accountId) : renderNamed(ctx, parent, entry.named))), NextToken: page.nextToken };
  },
});

export const updateCatalog = op<UpdateCatalogRequest, UpdateCatalogResponse>({
  input: { CatalogId: CATALOG_ID, CatalogInput: requiredAnd(CATALOG_INPUT) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { named } = namedCatalog(ctx, input.CatalogId!);
    named.catalog = definitionOf(input.CatalogInput!, named.catalog.CreateTime!, ctx.now());
    return {};
  },
});

export const deleteCatalog = op<DeleteCatalogRequest, DeleteCatalogResponse>({
  input: { CatalogId: CATALOG_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = namedCatalog(ctx, input.CatalogId!);
    // Its databases, tables, partitions and functions go with it (AWS removes them asynchronously).
    for (const database of scope.store.databases.values()) dropDatabase(ctx, scope, database);
    scope.backend.catalog.catalogs.delete(scope.named.name);
    scope.backend.tags.drop(catalogArn(ctx, scope.accountId, scope.named.name));
    return {};
  },
});

// --- Importing an Athena catalog -------------------------------------------------------------

/** ImportCatalogToGlue's migration: IN_PROGRESS, then COMPLETED. */
export class CatalogImport {
  readonly process: LinearProcess;
  importTime: Date | undefined;

  constructor(
    runtime: GlueRuntime,
    readonly importedBy: string,
  ) {
    this.process = new LinearProcess({ kind: CATALOG_IMPORT_KIND, path: ["IN_PROGRESS", "COMPLETED"] }, { CatalogId: runtime.accountId }, {
      onEnter: (state) => {
        if (state === "COMPLETED") this.importTime = runtime.now();
      },
    });
  }
}

/**
 * Accounts that never used Athena's own catalog read as already imported, set by default
 * (what GetCatalogImportStatus answers for them in AWS).
 */
const BY_DEFAULT: CatalogImportStatus = { ImportCompleted: true, ImportedBy: "StatusSetByDefault" };

function rootOnly(ctx: RequestContext<GlueBackend>, catalogId: string | undefined): CatalogScope {
  const scope = catalogScope(ctx, catalogId);
  if (scope.named) throw ctx.invalid(`Catalog ${catalogId} is not an account's default catalog: only those are imported from Athena.`);
  return scope;
}

export const importCatalogToGlue = op<ImportCatalogToGlueRequest, ImportCatalogToGlueResponse>({
  input: { CatalogId: CATALOG_ID },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const scope = rootOnly(ctx, input.CatalogId);
    const state = scope.backend.catalog;
    // One migration per catalog: asking again while it runs, or after it completed, changes nothing.
    if (!state.import) {
      state.import = new CatalogImport(scope.backend.runtime(ctx), principalOf(ctx));
      ctx.track(state.import.process);
    }
    return {};
  },
});

export const getCatalogImportStatus = op<GetCatalogImportStatusRequest, GetCatalogImportStatusResponse>({
  input: { CatalogId: CATALOG_ID },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const migration = rootOnly(ctx, input.CatalogId).backend.catalog.import;
    if (!migration) return { ImportStatus: { ...BY_DEFAULT } };
    ctx.observe(migration.process);
    const completed = migration.process.state === "COMPLETED";
    return { ImportStatus: { ImportCompleted: completed, ImportedBy: migration.importedBy, ...(completed ? { ImportTime: migration.importTime } : {}) } };
  },
});
