import type {
  BatchDeleteTableVersionRequest,
  BatchDeleteTableVersionResponse,
  DeleteTableVersionRequest,
  DeleteTableVersionResponse,
  ErrorDetail,
  GetTableVersionRequest,
  GetTableVersionResponse,
  GetTableVersionsRequest,
  GetTableVersionsResponse,
  TableVersion,
  TableVersionError,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import { list } from "../../../engine/validation/rules.js";
import { op } from "../backend.js";
import { NAME } from "../shapes.js";
import { CATALOG_ID, CATALOG_PAGE, VERSION_ID } from "./shapes.js";
import { tableIn, type TableRecord, type TableVersionRecord } from "./tables.js";

/**
 * Table versions: CreateTable makes version 0 and each UpdateTable the next one, archiving
 * the previous version unless SkipArchive. Every version kept, the current one included, is
 * readable; any but the current one can be deleted.
 */

const render = (version: TableVersionRecord): TableVersion => ({ Table: deepCopy(version.table), VersionId: String(version.version) });

const versionNotFound = (table: TableRecord, id: string) => `Version ${id} of table ${table.name} not found.`;

/** Why a version cannot be deleted, as an ErrorDetail, or undefined. */
function deletionProblem(table: TableRecord, id: string): ErrorDetail | undefined {
  if (!table.versions.has(id)) return { ErrorCode: "EntityNotFoundException", ErrorMessage: versionNotFound(table, id) };
  if (id === String(table.version)) {
    return { ErrorCode: "InvalidInputException", ErrorMessage: `Version ${id} is the current version of table ${table.name}: update the table first, or delete the table.` };
  }
  return undefined;
}

export const getTableVersion = op<GetTableVersionRequest, GetTableVersionResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME, VersionId: VERSION_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const id = input.VersionId ?? String(table.version);
    const version = table.versions.get(id);
    if (!version) throw ctx.error("EntityNotFoundException", versionNotFound(table, id));
    return { TableVersion: render(version) };
  },
});

export const getTableVersions = op<GetTableVersionsRequest, GetTableVersionsResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME, MaxResults: CATALOG_PAGE },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const page = ctx.paginate(table.versions, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      query: [table.table.CatalogId, table.databaseName, table.name],
    });
    return { TableVersions: page.items.map(render), NextToken: page.nextToken };
  },
});

export const deleteTableVersion = op<DeleteTableVersionRequest, DeleteTableVersionResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME, VersionId: VERSION_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const problem = deletionProblem(table, input.VersionId!);
    if (problem?.ErrorCode === "EntityNotFoundException") throw ctx.error("EntityNotFoundException", problem.ErrorMessage!);
    if (problem) throw ctx.invalid(problem.ErrorMessage!);
    table.versions.delete(input.VersionId!);
    return {};
  },
});

export const batchDeleteTableVersion = op<BatchDeleteTableVersionRequest, BatchDeleteTableVersionResponse>({
  input: { CatalogId: CATALOG_ID, DatabaseName: NAME, TableName: NAME, VersionIds: list(VERSION_ID, { max: 100 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, input.CatalogId, input.DatabaseName!, input.TableName!);
    const errors: TableVersionError[] = [];
    for (const id of input.VersionIds!) {
      const problem = deletionProblem(table, id);
      if (problem) errors.push({ TableName: table.name, VersionId: id, ErrorDetail: problem });
      else table.versions.delete(id);
    }
    return { Errors: errors };
  },
});
