import type {
  CreateUserDefinedFunctionRequest,
  CreateUserDefinedFunctionResponse,
  DeleteUserDefinedFunctionRequest,
  DeleteUserDefinedFunctionResponse,
  GetUserDefinedFunctionRequest,
  GetUserDefinedFunctionResponse,
  GetUserDefinedFunctionsRequest,
  GetUserDefinedFunctionsResponse,
  UpdateUserDefinedFunctionRequest,
  UpdateUserDefinedFunctionResponse,
  UserDefinedFunction,
  UserDefinedFunctionInput,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { list, oneOf, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { findDatabase, type DatabaseRecord } from "./databases.js";
import { namePattern } from "./name-pattern.js";
import { CATALOG_ID, CATALOG_PAGE, URI } from "./shapes.js";
import { catalogScope, childKey, type CatalogScope } from "./state.js";

/** A user-defined function of a database (a Hive UDF: a class and the resources it needs). */
export interface FunctionRecord {
  readonly name: string;
  readonly databaseName: string;
  fn: Omit<UserDefinedFunction, "FunctionName" | "DatabaseName" | "CatalogId">;
}

const FUNCTION_INPUT = struct({
  FunctionName: NAME,
  ClassName: NAME,
  OwnerName: NAME,
  OwnerType: oneOf("PrincipalType"),
  FunctionType: oneOf("FunctionType"),
  ResourceUris: list(struct({ ResourceType: oneOf("ResourceType"), Uri: URI }), { max: 1000 }),
});

function definitionOf(input: UserDefinedFunctionInput, createTime: Date): FunctionRecord["fn"] {
  const { FunctionName: _, ...rest } = deepCopy(input);
  return { ...rest, CreateTime: createTime };
}

function render(scope: CatalogScope, record: FunctionRecord): UserDefinedFunction {
  return { FunctionName: record.name, DatabaseName: record.databaseName, ...deepCopy(record.fn), CatalogId: scope.store.catalogId };
}

function findFunction(ctx: RequestContext<GlueBackend>, database: DatabaseRecord, name: string): FunctionRecord {
  const fn = database.functions.get(name);
  if (!fn) throw ctx.error("EntityNotFoundException", `Function ${name} not found.`);
  return fn;
}

function nameOf(ctx: RequestContext<GlueBackend>, input: UserDefinedFunctionInput): string {
  if (!input.FunctionName) throw ctx.invalid("FunctionInput.FunctionName is required.");
  return input.FunctionName;
}

function store(scope: CatalogScope, database: DatabaseRecord, record: FunctionRecord): void {
  database.functions.set(record.name, record);
  scope.store.functions.set(childKey(database.name, record.name), record);
}

export const createUserDefinedFunction = op<CreateUserDefinedFunctionRequest, CreateUserDefinedFunctionResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, FunctionInput: FUNCTION_INPUT },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    const name = nameOf(ctx, input.FunctionInput!);
    if (database.functions.has(name)) throw ctx.error("AlreadyExistsException", `Function ${name} already exists.`);
    store(scope, database, { name, databaseName: database.name, fn: definitionOf(input.FunctionInput!, ctx.now()) });
    return {};
  },
});

export const getUserDefinedFunction = op<GetUserDefinedFunctionRequest, GetUserDefinedFunctionResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, FunctionName: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    return { UserDefinedFunction: render(scope, findFunction(ctx, database, input.FunctionName!)) };
  },
});

export const updateUserDefinedFunction = op<UpdateUserDefinedFunctionRequest, UpdateUserDefinedFunctionResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, FunctionName: NAME, FunctionInput: FUNCTION_INPUT },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    const current = findFunction(ctx, database, input.FunctionName!);
    // The input replaces the function; a new FunctionName renames it (as Hive's alterFunction does).
    const name = input.FunctionInput!.FunctionName ?? current.name;
    if (name !== current.name && database.functions.has(name)) throw ctx.invalid(`Function ${name} already exists in database ${database.name}: it cannot be renamed to that.`);
    database.functions.delete(current.name);
    scope.store.functions.delete(childKey(database.name, current.name));
    store(scope, database, { name, databaseName: database.name, fn: definitionOf(input.FunctionInput!, current.fn.CreateTime!) });
    return {};
  },
});

export const deleteUserDefinedFunction = op<DeleteUserDefinedFunctionRequest, DeleteUserDefinedFunctionResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, FunctionName: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const database = findDatabase(ctx, scope.store, input.DatabaseName!);
    const fn = findFunction(ctx, database, input.FunctionName!);
    database.functions.delete(fn.name);
    scope.store.functions.delete(childKey(database.name, fn.name));
    return {};
  },
});

export const getUserDefinedFunctions = op<GetUserDefinedFunctionsRequest, GetUserDefinedFunctionsResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, Pattern: NAME, MaxResults: CATALOG_PAGE },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const scope = catalogScope(ctx, input.CatalogId);
    const pattern = namePattern(input.Pattern!);
    if (typeof pattern === "string") throw ctx.invalid(pattern);
    // Without a database, the functions of every database of the catalog.
    const table = input.DatabaseName !== undefined ? findDatabase(ctx, scope.store, input.DatabaseName).functions : scope.store.functions;
    const page = ctx.paginate(table, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (fn) => pattern.test(fn.name),
      query: [scope.store.catalogId, input.DatabaseName?.toLowerCase(), input.Pattern],
    });
    return { UserDefinedFunctions: page.items.map((fn) => render(scope, fn)), NextToken: page.nextToken };
  },
});
