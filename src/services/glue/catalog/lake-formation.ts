import type {
  GetUnfilteredPartitionMetadataRequest,
  GetUnfilteredPartitionMetadataResponse,
  GetUnfilteredPartitionsMetadataRequest,
  GetUnfilteredPartitionsMetadataResponse,
  GetUnfilteredTableMetadataRequest,
  GetUnfilteredTableMetadataResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { list, oneOf, requiredAnd, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { columnsOf } from "./column-statistics.js";
import { findDatabase } from "./databases.js";
import { findPartition, partitionPage, renderPartition } from "./partitions.js";
import { ARN_STRING, AUDIT_CONTEXT, CATALOG_ID, PAGE, PARTITION_VALUES, PREDICATE, SEGMENT, VALUE } from "./shapes.js";
import { catalogScope } from "./state.js";
import { findTable, renderTable, tableArn, type TableRecord } from "./tables.js";

/**
 * The Lake Formation reads query engines (Athena, EMR, Redshift) make on behalf of a user:
 * table and partition metadata with the columns and rows that user may see. The fake has no
 * Lake Formation permission model: no table is registered with Lake Formation, so, as for an
 * unregistered table in AWS, IAM alone governs access and the caller sees everything — every
 * column authorized, no cell filters, no row filter, IsRegisteredWithLakeFormation false.
 * These reads never raise PermissionTypeMismatchException.
 */

const SUPPORTED_PERMISSION_TYPES = requiredAnd(list(oneOf("PermissionType"), { min: 1, max: 255 }));
const QUERY_SESSION = struct({ QueryId: str({ min: 1, max: 255 }), QueryAuthorizationId: str({ min: 1, max: 255 }) });
const COMMON = {
  Region: VALUE,
  CatalogId: requiredAnd(CATALOG_ID),
  DatabaseName: NAME,
  AuditContext: AUDIT_CONTEXT,
  SupportedPermissionTypes: SUPPORTED_PERMISSION_TYPES,
  QuerySessionContext: QUERY_SESSION,
};

/** The table a request names, in the Region it names (default: the request's). */
function unfilteredTable(ctx: RequestContext<GlueBackend>, input: { Region?: string | undefined; CatalogId?: string | undefined; DatabaseName?: string | undefined }, name: string) {
  if (input.Region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(input.Region)) throw ctx.invalid(`Region ${input.Region} is not an AWS Region name.`);
  const scope = catalogScope(ctx, input.CatalogId, input.Region ?? ctx.region);
  const database = findDatabase(ctx, scope.store, input.DatabaseName!);
  return { scope, table: findTable(ctx, database, name) };
}

/** Every column is authorized: the table's columns and its partition keys. */
const authorizedColumns = (table: TableRecord): string[] => columnsOf(table).map((column) => column.Name!);

export const getUnfilteredTableMetadata = op<GetUnfilteredTableMetadataRequest, GetUnfilteredTableMetadataResponse>({
  input: {
    ...COMMON,
    Name: NAME,
    ParentResourceArn: ARN_STRING,
    RootResourceArn: ARN_STRING,
    SupportedDialect: struct({ Dialect: oneOf("ViewDialect"), DialectVersion: str({ min: 1, max: 255 }) }),
    Permissions: list(oneOf("Permission")),
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = unfilteredTable(ctx, input, input.Name!);
    const rendered = renderTable(table);
    return {
      Table: rendered,
      AuthorizedColumns: authorizedColumns(table),
      IsRegisteredWithLakeFormation: false,
      CellFilters: [],
      ...(input.QuerySessionContext?.QueryAuthorizationId ? { QueryAuthorizationId: input.QuerySessionContext.QueryAuthorizationId } : {}),
      IsMultiDialectView: rendered.IsMultiDialectView ?? false,
      IsMaterializedView: rendered.IsMaterializedView ?? false,
      ResourceArn: tableArn(ctx, scope, table.databaseName, table.name),
      IsProtected: rendered.ViewDefinition?.IsProtected ?? false,
      // Lake Formation's default for IAM-governed resources: IAM_ALLOWED_PRINCIPALS hold ALL.
      Permissions: ["ALL"],
    };
  },
});

export const getUnfilteredPartitionMetadata = op<GetUnfilteredPartitionMetadataRequest, GetUnfilteredPartitionMetadataResponse>({
  input: { ...COMMON, TableName: NAME, PartitionValues: PARTITION_VALUES },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = unfilteredTable(ctx, input, input.TableName!);
    const partition = findPartition(ctx, table, input.PartitionValues!);
    return { Partition: renderPartition(table, partition), AuthorizedColumns: authorizedColumns(table), IsRegisteredWithLakeFormation: false };
  },
});

export const getUnfilteredPartitionsMetadata = op<GetUnfilteredPartitionsMetadataRequest, GetUnfilteredPartitionsMetadataResponse>({
  input: { ...COMMON, TableName: NAME, Expression: PREDICATE, Segment: SEGMENT, MaxResults: PAGE },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = unfilteredTable(ctx, input, input.TableName!);
    const page = partitionPage(ctx, table, input, (message) => ctx.invalid(message));
    const columns = authorizedColumns(table);
    return {
      UnfilteredPartitions: page.items.map((p) => ({ Partition: renderPartition(table, p), AuthorizedColumns: [...columns], IsRegisteredWithLakeFormation: false })),
      NextToken: page.nextToken,
    };
  },
});
