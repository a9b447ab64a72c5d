import type {
  CreateDatabaseRequest,
  CreateDatabaseResponse,
  Database,
  DatabaseInput,
  DeleteDatabaseRequest,
  DeleteDatabaseResponse,
  GetDatabaseRequest,
  GetDatabaseResponse,
  GetDatabasesRequest,
  GetDatabasesResponse,
  PrincipalPermissions,
  UpdateDatabaseRequest,
  UpdateDatabaseResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { list, oneOf } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME, TAGS } from "../shapes.js";
import type { FunctionRecord } from "./functions.js";
import { CATALOG_ID, CATALOG_PAGE, DATABASE_INPUT } from "./shapes.js";
import { catalogScope, childKey, fold, missing, type CatalogScope, type CatalogStore } from "./state.js";
import { dropTable, type TableRecord } from "./tables.js";

/** A database as Glue stores it: its definition, its tables and its functions. */
export interface DatabaseRecord {
  readonly name: string;
  definition: Omit<Database, "Name" | "CatalogId">;
  readonly tables: OrderedTable<TableRecord>;
  readonly functions: OrderedTable<FunctionRecord>;
}

/**
 * Lake Formation's default for a new database without CreateTableDefaultPermissions: the
 * IAM_ALLOWED_PRINCIPALS group gets ALL, so IAM policies alone govern access (as GetDatabase
 * shows it in an account that has not changed the Lake Formation defaults).
 */
const IAM_ALLOWED: PrincipalPermissions[] = [{ Principal: { DataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" }, Permissions: ["ALL"] }];

export function databaseArn(ctx: RequestContext<GlueBackend>, scope: CatalogScope, name: string): string {
  const catalog = scope.named ? `${scope.named.name}/` : "";
  return `arn:${ctx.partition}:glue:${ctx.region}:${scope.accountId}:database/${catalog}${name}`;
}

/** The database of a catalog, or the operation's not-found error (AWS's wording). */
export function findDatabase(ctx: RequestContext<GlueBackend>, store: CatalogStore, name: string): DatabaseRecord {
  const database = store.databases.get(fold(name));
  if (!database) throw missing(ctx, `Database ${name} not found.`);
  return database;
}

export function renderDatabase(store: CatalogStore, database: DatabaseRecord): Database {
  return { Name: database.name, ...deepCopy(database.definition), CatalogId: store.catalogId };
}

function definitionOf(input: DatabaseInput, createTime: Date): DatabaseRecord["definition"] {
  return {
    Description: input.Description,
    LocationUri: input.LocationUri,
    Parameters: input.Parameters ?? {},
    CreateTime: createTime,
    CreateTableDefaultPermissions: input.CreateTableDefaultPermissions ?? deepCopy(IAM_ALLOWED),
    TargetDatabase: input.TargetDatabase,
    FederatedDatabase: input.FederatedDatabase,
  };
}

/** Creates a database in a catalog (CreateDatabase, and crawls writing to a missing one). */
export function addDatabase(store: CatalogStore, input: DatabaseInput, now: Date): DatabaseRecord {
  const name = fold(input.Name!);
  const database: DatabaseRecord = { name, definition: definitionOf(input, now), tables: new OrderedTable(), functions: new OrderedTable() };
  store.databases.set(name, database);
  return database;
}

export const createDatabase = op<CreateDatabaseRequest, CreateDatabaseResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseInput: DATABASE_INPUT, Tags: TAGS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const name = fold(input.DatabaseInput!.Name!);
    if (scope.store.databases.has(name)) throw ctx.error("AlreadyExistsException", "Database already exists.");
    addDatabase(scope.store, input.DatabaseInput!, ctx.now());
    scope.backend.tags.add(databaseArn(ctx, scope, name), input.Tags);
    return {};
  },
});

export const getDatabase = op<GetDatabaseRequest, GetDatabaseResponse>({
  input: { CatalogId: CATALOG_ID, Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    return { Database: renderDatabase(scope.store, findDatabase(ctx, scope.store, input.Name!)) };
  },
});

export const getDatabases = op<GetDatabasesRequest, GetDatabasesResponse>({
  input: { CatalogId: CATALOG_ID, MaxResults: CATALOG_PAGE, ResourceShareType: oneOf("ResourceShareType"), AttributesToGet: list(oneOf("DatabaseAttributes")) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const attributes = input.AttributesToGet;
    if (attributes && !attributes.includes("NAME")) throw ctx.invalid("AttributesToGet must include NAME.");
    // FOREIGN: databases shared with this account through Lake Formation or RAM, which the
    // fake does not model (another account's catalog is read by its CatalogId instead).
    const share = input.ResourceShareType;
    const filter = share === "FOREIGN" ? () => false : share === "FEDERATED" ? (db: DatabaseRecord) => db.definition.FederatedDatabase !== undefined : undefined;
    const page = ctx.paginate(scope.store.databases, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter,
      query: [scope.store.catalogId, share],
    });
    const render = (db: DatabaseRecord): Database => {
      if (!attributes) return renderDatabase(scope.store, db);
      return { Name: db.name, ...(attributes.includes("TARGET_DATABASE") ? { TargetDatabase: deepCopy(db.definition.TargetDatabase) } : {}) };
    };
    return { DatabaseList: page.items.map(render), NextToken: page.nextToken };
  },
});

export const updateDatabase = op<UpdateDatabaseRequest, UpdateDatabaseResponse>({
  input: { CatalogId: CATALOG_ID, Name: NAME, DatabaseInput: DATABASE_INPUT },
  errors: ["EntityNotFoundException", "AlreadyExistsException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.Name!);
    // Glue cannot rename a database (the Athena guide: recreate it under the new name).
    if (fold(input.DatabaseInput!.Name!) !== database.name) {
      throw ctx.invalid(`Database ${database.name} cannot be renamed to ${input.DatabaseInput!.Name}: create a new database and move its tables.`);
    }
    // The input replaces the definition; the creation time stays.
    database.definition = definitionOf(input.DatabaseInput!, database.definition.CreateTime!);
    return {};
  },
});

/** Deletes a database and everything in it (tables with their partitions and versions, functions). */
export function dropDatabase(ctx: RequestContext<GlueBackend>, scope: CatalogScope, database: DatabaseRecord): void {
  for (const table of database.tables.values()) dropTable(scope, database, table);
  for (const fn of database.functions.values()) scope.store.functions.delete(childKey(database.name, fn.name));
  scope.store.databases.delete(database.name);
  scope.backend.tags.drop(databaseArn(ctx, scope, database.name));
}

export const deleteDatabase = op<DeleteDatabaseRequest, DeleteDatabaseResponse>({
  input: { CatalogId: CATALOG_ID, Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    dropDatabase(ctx, scope, findDatabase(ctx, scope.store, input.Name!));
    return {};
  },
});
