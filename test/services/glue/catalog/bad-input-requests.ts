import {
  CreateCatalogCommand,
  CreateColumnStatisticsTaskSettingsCommand,
  CreatePartitionIndexCommand,
  CreateTableCommand,
  CreateTableOptimizerCommand,
  CreateUserDefinedFunctionCommand,
  UpdateColumnStatisticsForPartitionCommand,
  GetCatalogsCommand,
  GetColumnStatisticsTaskRunsCommand,
  GetDatabasesCommand,
  GetPartitionIndexesCommand,
  GetPartitionsCommand,
  GetTablesCommand,
  GetTableVersionsCommand,
  GetUserDefinedFunctionsCommand,
  ListMaterializedViewRefreshTaskRunsCommand,
  SearchTablesCommand,
  StartColumnStatisticsTaskRunCommand,
  StartMaterializedViewRefreshTaskRunCommand,
  UpdateColumnStatisticsForTableCommand,
  UpdateTableCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { ACCOUNT, addPartitions, columns, createDatabase, createTable, glue, ROLE } from "./helpers.js";

/**
 * The Data Catalog's part of the Glue bad-input fuzz test (test/services/glue/bad-inputs.test.ts):
 * a catalog world, a valid request to each of its 70 operations, and the reads that must
 * still render afterwards.
 */

const AMOUNT_STATS = { ColumnName: "amount", ColumnType: "double", AnalyzedTime: new Date(0), StatisticsData: { Type: "DOUBLE", DoubleColumnStatisticsData: { NumberOfNulls: 0, NumberOfDistinctValues: 1 } } };
const STATS = { ColumnName: "id", ColumnType: "bigint", AnalyzedTime: new Date(0), StatisticsData: { Type: "LONG", LongColumnStatisticsData: { NumberOfNulls: 0, NumberOfDistinctValues: 1 } } };

/** Catalog c, database db with table t (partitioned, two versions, an index, statistics, settings), an Iceberg table with an optimizer, a materialized view, a function. */
export async function catalogWorld(): Promise<{ statisticsRunId: string; refreshRunId: string }> {
  await glue.send(new CreateCatalogCommand({ Name: "c", CatalogInput: { Description: "d" } }));
  await createDatabase("db");
  await createTable("db", "t", ["year:int", "region"]);
  await glue.send(new UpdateTableCommand({ DatabaseName: "db", TableInput: { Name: "t", StorageDescriptor: { Columns: columns("id:bigint", "amount:double") }, PartitionKeys: columns("year:int", "region") } }));
  await addPartitions("db", "t", [["2024", "eu"], ["2025", "us"]]);
  await glue.send(new CreatePartitionIndexCommand({ DatabaseName: "db", TableName: "t", PartitionIndex: { IndexName: "idx", Keys: ["year"] } }));
  await glue.send(new UpdateColumnStatisticsForTableCommand({ DatabaseName: "db", TableName: "t", ColumnStatisticsList: [STATS as never] }));
  await glue.send(new CreateColumnStatisticsTaskSettingsCommand({ DatabaseName: "db", TableName: "t", Role: ROLE, Schedule: "cron(0 1 * * ? *)" }));
  await glue.send(new CreateTableCommand({ DatabaseName: "db", TableInput: { Name: "ice", StorageDescriptor: { Location: "s3://lake/ice/" } }, OpenTableFormatInput: { IcebergInput: { MetadataOperation: "CREATE" } } }));
  await glue.send(new CreateTableOptimizerCommand({ CatalogId: ACCOUNT, DatabaseName: "db", TableName: "ice", Type: "compaction", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true } }));
  await glue.send(new CreateTableCommand({ DatabaseName: "db", TableInput: { Name: "mv", ViewDefinition: { IsManaged: true, Representations: [{ Dialect: "SPARK", DialectVersion: "3.5", ViewOriginalText: "SELECT 1" }] } } }));
  await glue.send(new CreateUserDefinedFunctionCommand({ DatabaseName: "db", FunctionInput: { FunctionName: "f", ClassName: "com.example.F", OwnerName: "o", OwnerType: "USER" } }));
  // For the deletes, resources no other request uses: each delete's valid request finds its resource.
  await glue.send(new CreateCatalogCommand({ Name: "doomed-c", CatalogInput: { Description: "d" } }));
  await createDatabase("doomed-db");
  await createTable("db", "doomed");
  await createTable("db", "tv");
  await glue.send(new UpdateTableCommand({ DatabaseName: "db", TableInput: { Name: "tv", Description: "second version" } }));
  await addPartitions("db", "t", [["1999", "eu"]]);
  await glue.send(new CreatePartitionIndexCommand({ DatabaseName: "db", TableName: "t", PartitionIndex: { IndexName: "doomed-idx", Keys: ["region"] } }));
  await glue.send(new UpdateColumnStatisticsForTableCommand({ DatabaseName: "db", TableName: "t", ColumnStatisticsList: [AMOUNT_STATS as never] }));
  await glue.send(new UpdateColumnStatisticsForPartitionCommand({ DatabaseName: "db", TableName: "t", PartitionValues: ["2024", "eu"], ColumnStatisticsList: [AMOUNT_STATS as never] }));
  await glue.send(new CreateColumnStatisticsTaskSettingsCommand({ DatabaseName: "db", TableName: "mv", Role: ROLE, Schedule: "cron(0 4 * * ? *)" }));
  await glue.send(new CreateUserDefinedFunctionCommand({ DatabaseName: "db", FunctionInput: { FunctionName: "doomed-f", ClassName: "com.example.D", OwnerName: "o", OwnerType: "USER" } }));
  await glue.send(new CreateTableOptimizerCommand({ CatalogId: ACCOUNT, DatabaseName: "db", TableName: "ice", Type: "orphan_file_deletion", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true } }));
  const { ColumnStatisticsTaskRunId } = await glue.send(new StartColumnStatisticsTaskRunCommand({ DatabaseName: "db", TableName: "t", Role: ROLE }));
  const { MaterializedViewRefreshTaskRunId } = await glue.send(new StartMaterializedViewRefreshTaskRunCommand({ CatalogId: ACCOUNT, DatabaseName: "db", TableName: "mv" }));
  aws.settle();
  aws.configure({ transitions: "manual" });
  return { statisticsRunId: ColumnStatisticsTaskRunId!, refreshRunId: MaterializedViewRefreshTaskRunId! };
}

const T = { DatabaseName: "db", TableName: "t" };
const LF = { CatalogId: ACCOUNT, DatabaseName: "db", SupportedPermissionTypes: ["COLUMN_PERMISSION"] };
const TABLE_INPUT = {
  Name: "t",
  Description: "d",
  Owner: "o",
  Retention: 1,
  TableType: "EXTERNAL_TABLE",
  StorageDescriptor: { Columns: [{ Name: "id", Type: "bigint" }, { Name: "amount", Type: "double" }], Location: "s3://lake/t/", SerdeInfo: { SerializationLibrary: "lib" }, SortColumns: [{ Column: "id", SortOrder: 1 }] },
  PartitionKeys: [{ Name: "year", Type: "int" }, { Name: "region", Type: "string" }],
  Parameters: { k: "v" },
};

/** A valid request to each Data Catalog operation in that world. */
export function catalogRequests(ids: { statisticsRunId: string; refreshRunId: string }): Record<string, Record<string, unknown>> {
  return {
    CreateCatalog: { Name: "new-catalog", CatalogInput: { Description: "d", Parameters: { k: "v" }, AllowFullTableExternalDataAccess: "True" }, Tags: { t: "v" } },
    GetCatalog: { CatalogId: "c" },
    GetCatalogs: { IncludeRoot: true, MaxResults: 5 },
    UpdateCatalog: { CatalogId: "c", CatalogInput: { Description: "d2" } },
    DeleteCatalog: { CatalogId: "doomed-c" },
    ImportCatalogToGlue: { CatalogId: ACCOUNT },
    GetCatalogImportStatus: { CatalogId: ACCOUNT },
    CreateDatabase: { DatabaseInput: { Name: "new-db", Description: "d", LocationUri: "s3://lake/", Parameters: { k: "v" } }, Tags: { t: "v" } },
    GetDatabase: { Name: "db" },
    GetDatabases: { MaxResults: 5, ResourceShareType: "ALL", AttributesToGet: ["NAME"] },
    UpdateDatabase: { Name: "db", DatabaseInput: { Name: "db", Description: "d" } },
    DeleteDatabase: { Name: "doomed-db" },
    CreateTable: { DatabaseName: "db", TableInput: { ...TABLE_INPUT, Name: "new-t" }, PartitionIndexes: [{ IndexName: "i", Keys: ["year"] }] },
    GetTable: { DatabaseName: "db", Name: "t" },
    GetTables: { DatabaseName: "db", Expression: "t*", MaxResults: 5, AttributesToGet: ["NAME", "TABLE_TYPE"] },
    UpdateTable: { DatabaseName: "db", TableInput: TABLE_INPUT, SkipArchive: false },
    DeleteTable: { DatabaseName: "db", Name: "doomed" },
    BatchDeleteTable: { DatabaseName: "db", TablesToDelete: ["absent"] },
    SearchTables: { Filters: [{ Key: "Name", Value: "t" }], SearchText: "t", SortCriteria: [{ FieldName: "Name", Sort: "ASC" }], MaxResults: 5 },
    GetTableVersion: { DatabaseName: "db", TableName: "t", VersionId: "0" },
    GetTableVersions: { DatabaseName: "db", TableName: "t", MaxResults: 5 },
    DeleteTableVersion: { DatabaseName: "db", TableName: "tv", VersionId: "0" },
    BatchDeleteTableVersion: { DatabaseName: "db", TableName: "t", VersionIds: ["98", "99"] },
    CreatePartition: { ...T, PartitionInput: { Values: ["2030", "eu"], StorageDescriptor: { Location: "s3://lake/t/2030/" }, Parameters: { k: "v" } } },
    BatchCreatePartition: { ...T, PartitionInputList: [{ Values: ["2031", "eu"] }, { Values: ["x"] }] },
    GetPartition: { ...T, PartitionValues: ["2024", "eu"] },
    GetPartitions: { ...T, Expression: "year >= 2024 AND region IN ('eu', 'us')", Segment: { SegmentNumber: 0, TotalSegments: 2 }, MaxResults: 5, ExcludeColumnSchema: true },
    BatchGetPartition: { ...T, PartitionsToGet: [{ Values: ["2024", "eu"] }] },
    UpdatePartition: { ...T, PartitionValueList: ["2024", "eu"], PartitionInput: { Values: ["2024", "eu"], Parameters: { k: "v" } } },
    BatchUpdatePartition: { ...T, Entries: [{ PartitionValueList: ["2024", "eu"], PartitionInput: { Parameters: { k: "v" } } }] },
    DeletePartition: { ...T, PartitionValues: ["1999", "eu"] },
    BatchDeletePartition: { ...T, PartitionsToDelete: [{ Values: ["1999", "eu"] }] },
    CreatePartitionIndex: { ...T, PartitionIndex: { IndexName: "new-idx", Keys: ["region"] } },
    GetPartitionIndexes: { ...T },
    DeletePartitionIndex: { ...T, IndexName: "doomed-idx" },
    GetColumnStatisticsForTable: { ...T, ColumnNames: ["id", "amount"] },
    UpdateColumnStatisticsForTable: { ...T, ColumnStatisticsList: [STATS] },
    DeleteColumnStatisticsForTable: { ...T, ColumnName: "amount" },
    GetColumnStatisticsForPartition: { ...T, PartitionValues: ["2024", "eu"], ColumnNames: ["id"] },
    UpdateColumnStatisticsForPartition: { ...T, PartitionValues: ["2024", "eu"], ColumnStatisticsList: [STATS] },
    DeleteColumnStatisticsForPartition: { ...T, PartitionValues: ["2024", "eu"], ColumnName: "amount" },
    StartColumnStatisticsTaskRun: { ...T, Role: ROLE, ColumnNameList: ["id"], SampleSize: 10 },
    StopColumnStatisticsTaskRun: { ...T },
    GetColumnStatisticsTaskRun: { ColumnStatisticsTaskRunId: ids.statisticsRunId },
    GetColumnStatisticsTaskRuns: { ...T, MaxResults: 5 },
    ListColumnStatisticsTaskRuns: { MaxResults: 5 },
    CreateColumnStatisticsTaskSettings: { DatabaseName: "db", TableName: "ice", Role: ROLE, Schedule: "cron(0 2 * * ? *)", SampleSize: 5, Tags: { t: "v" } },
    GetColumnStatisticsTaskSettings: { ...T },
    UpdateColumnStatisticsTaskSettings: { ...T, Role: ROLE, Schedule: "cron(0 3 * * ? *)", ColumnNameList: ["id"], SampleSize: 50 },
    DeleteColumnStatisticsTaskSettings: { DatabaseName: "db", TableName: "mv" },
    StartColumnStatisticsTaskRunSchedule: { ...T },
    StopColumnStatisticsTaskRunSchedule: { ...T },
    CreateUserDefinedFunction: { DatabaseName: "db", FunctionInput: { FunctionName: "new-f", ClassName: "com.example.G", OwnerName: "o", OwnerType: "ROLE", ResourceUris: [{ ResourceType: "JAR", Uri: "s3://lake/g.jar" }] } },
    GetUserDefinedFunction: { DatabaseName: "db", FunctionName: "f" },
    GetUserDefinedFunctions: { DatabaseName: "db", Pattern: "f*", MaxResults: 5 },
    UpdateUserDefinedFunction: { DatabaseName: "db", FunctionName: "f", FunctionInput: { FunctionName: "f", ClassName: "com.example.F2", OwnerName: "o", OwnerType: "USER" } },
    DeleteUserDefinedFunction: { DatabaseName: "db", FunctionName: "doomed-f" },
    GetUnfilteredTableMetadata: { ...LF, Name: "t", Permissions: ["SELECT"] },
    GetUnfilteredPartitionMetadata: { ...LF, TableName: "t", PartitionValues: ["2024", "eu"] },
    GetUnfilteredPartitionsMetadata: { ...LF, TableName: "t", Expression: "year = 2024", MaxResults: 5 },
    CreateTableOptimizer: { CatalogId: ACCOUNT, DatabaseName: "db", TableName: "ice", Type: "retention", TableOptimizerConfiguration: { roleArn: ROLE, enabled: false } },
    GetTableOptimizer: { CatalogId: ACCOUNT, DatabaseName: "db", TableName: "ice", Type: "compaction" },
    UpdateTableOptimizer: { CatalogId: ACCOUNT, DatabaseName: "db", TableName: "ice", Type: "compaction", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true } },
    DeleteTableOptimizer: { CatalogId: ACCOUNT, DatabaseName: "db", TableName: "ice", Type: "orphan_file_deletion" },
    BatchGetTableOptimizer: { Entries: [{ catalogId: ACCOUNT, databaseName: "db", tableName: "ice", type: "compaction" }] },
    ListTableOptimizerRuns: { CatalogId: ACCOUNT, DatabaseName: "db", TableName: "ice", Type: "compaction", MaxResults: 5 },
    StartMaterializedViewRefreshTaskRun: { CatalogId: ACCOUNT, DatabaseName: "db", TableName: "mv", FullRefresh: true },
    StopMaterializedViewRefreshTaskRun: { CatalogId: ACCOUNT, DatabaseName: "db", TableName: "mv" },
    GetMaterializedViewRefreshTaskRun: { CatalogId: ACCOUNT, MaterializedViewRefreshTaskRunId: ids.refreshRunId },
    ListMaterializedViewRefreshTaskRuns: { CatalogId: ACCOUNT, DatabaseName: "db", MaxResults: 5 },
  };
}

/** Create operations and the member holding the name each attempt makes unique. */
export const CATALOG_CREATES: Readonly<Record<string, string>> = { CreateCatalog: "Name" };

/** Everything the catalog's reads render after the fuzz. */
export async function catalogSnapshot(): Promise<unknown[]> {
  const reads = [
    new GetCatalogsCommand({ IncludeRoot: true }),
    new GetDatabasesCommand({}),
    new GetTablesCommand({ DatabaseName: "db" }),
    new SearchTablesCommand({}),
    new GetTableVersionsCommand(T),
    new GetPartitionsCommand(T),
    new GetPartitionIndexesCommand(T),
    new GetUserDefinedFunctionsCommand({ Pattern: "*" }),
    new GetColumnStatisticsTaskRunsCommand(T),
    new ListMaterializedViewRefreshTaskRunsCommand({ CatalogId: ACCOUNT }),
  ];
  const out: unknown[] = [];
  for (const read of reads) out.push(await glue.send(read as never));
  return out;
}
