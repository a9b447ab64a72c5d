import {
  CreateDatabaseCommand,
  CreateDevEndpointCommand,
  CreateRegistryCommand,
  CreateTableCommand,
  StartExportLabelsTaskRunCommand,
  CreateMLTransformCommand,
  CreateSchemaCommand,
  CreateSessionCommand,
  RunStatementCommand,
  StartImportLabelsTaskRunCommand,
  StartJobRunCommand,
  StartJobUpgradeAnalysisCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { createJob, glue, ROLE } from "./helpers.js";

/**
 * The schema registry, sessions, dev endpoints, ML transforms and job extras in the world of
 * the bad-input fuzz test: one of each, settled, and a valid request for each operation.
 */
const AVRO = JSON.stringify({ type: "record", name: "U", fields: [{ name: "id", type: "string" }] });
const DAG = [{ Id: "src", NodeType: "DataSource", Args: [{ Name: "database", Value: '"db"' }] }];
const SCRIPT = '## @type: DataSource\n## @args: [database = "db"]\n## @return: src\n## @inputs: []\nsrc = glueContext.create_dynamic_frame.from_catalog(database = "db")\n';

export async function familiesWorld() {
  const schema = await glue.send(new CreateSchemaCommand({ SchemaName: "sch", DataFormat: "AVRO", Compatibility: "BACKWARD", SchemaDefinition: AVRO }));
  await glue.send(new CreateSessionCommand({ Id: "sess", Role: ROLE, Command: { Name: "glueetl" } }));
  await glue.send(new CreateDevEndpointCommand({ EndpointName: "dev", RoleArn: ROLE }));
  const transform = (name: string) => glue.send(new CreateMLTransformCommand({ Name: name, Role: ROLE, InputRecordTables: [{ DatabaseName: "db", TableName: "t" }], Parameters: { TransformType: "FIND_MATCHES", FindMatchesParameters: { PrimaryKeyColumnName: "id" } } }));
  const { TransformId } = await transform("tfm");
  // The table the transforms read (and GetMapping maps).
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "db" } }));
  await glue.send(new CreateTableCommand({ DatabaseName: "db", TableInput: { Name: "t", StorageDescriptor: { Columns: [{ Name: "id", Type: "string" }, { Name: "amount", Type: "double" }] } } }));
  // For the deletes and stops, resources no other request uses: each finds its own.
  await glue.send(new CreateRegistryCommand({ RegistryName: "doomed-reg" }));
  await glue.send(new CreateSchemaCommand({ SchemaName: "doomed-sch", DataFormat: "AVRO", Compatibility: "NONE", SchemaDefinition: AVRO }));
  await glue.send(new CreateSessionCommand({ Id: "doomed-stop", Role: ROLE, Command: { Name: "glueetl" } }));
  await glue.send(new CreateSessionCommand({ Id: "doomed-delete", Role: ROLE, Command: { Name: "glueetl" } }));
  await glue.send(new CreateSessionCommand({ Id: "connect", Role: ROLE, Command: { Name: "glueetl" }, SessionType: "SPARK_CONNECT" }));
  await glue.send(new CreateDevEndpointCommand({ EndpointName: "doomed-dev", RoleArn: ROLE }));
  const doomedTransform = (await transform("doomed-tfm")).TransformId!;
  const busyTransform = (await transform("busy-tfm")).TransformId!;
  await createJob("bm", { GlueVersion: "4.0", DefaultArguments: { "--job-bookmark-option": "job-bookmark-enable" } });
  aws.settle();
  await glue.send(new RunStatementCommand({ SessionId: "sess", Code: "print(1)" }));
  const { TaskRunId } = await glue.send(new StartImportLabelsTaskRunCommand({ TransformId, InputS3Path: "s3://labels/l.csv" }));
  const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "bm" }));
  const { analysisId } = await glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "bm" }));
  aws.settle();
  // A task run that stays running, for CancelMLTaskRun (of a transform of its own: the other task runs' starts are not refused as concurrent).
  aws.lifecycle("Glue.MLTaskRun", { TransformId: busyTransform }).staysIn("RUNNING");
  const busy = await glue.send(new StartExportLabelsTaskRunCommand({ TransformId: busyTransform, OutputS3Path: "s3://out/busy/" }));
  return { busyTransform, busyTaskRunId: busy.TaskRunId!, doomedTransform, schemaVersionId: schema.SchemaVersionId!, transformId: TransformId!, taskRunId: TaskRunId!, bookmarkRunId: JobRunId!, analysisId: analysisId! };
}

export function familyRequests(ids: Awaited<ReturnType<typeof familiesWorld>>): Record<string, Record<string, unknown>> {
  const schemaId = { SchemaName: "sch", RegistryName: "default-registry" };
  const pair = { MetadataKey: "k", MetadataValue: "v" };
  return {
    CreateRegistry: { RegistryName: "new-reg", Description: "d", Tags: { t: "v" } },
    GetRegistry: { RegistryId: { RegistryName: "default-registry" } },
    ListRegistries: { MaxResults: 5 },
    UpdateRegistry: { RegistryId: { RegistryName: "default-registry" }, Description: "d" },
    DeleteRegistry: { RegistryId: { RegistryName: "doomed-reg" } },
    CreateSchema: { SchemaName: "new-sch", DataFormat: "AVRO", Compatibility: "FULL", SchemaDefinition: AVRO, Description: "d", Tags: { t: "v" } },
    GetSchema: { SchemaId: schemaId },
    ListSchemas: { RegistryId: { RegistryName: "default-registry" }, MaxResults: 5 },
    UpdateSchema: { SchemaId: schemaId, Compatibility: "BACKWARD", SchemaVersionNumber: { LatestVersion: true }, Description: "d" },
    DeleteSchema: { SchemaId: { SchemaName: "doomed-sch", RegistryName: "default-registry" } },
    RegisterSchemaVersion: { SchemaId: schemaId, SchemaDefinition: JSON.stringify({ type: "record", name: "U", fields: [{ name: "id", type: "string" }, { name: "n", type: "int", default: 0 }] }) },
    GetSchemaVersion: { SchemaId: schemaId, SchemaVersionNumber: { VersionNumber: 1 } },
    ListSchemaVersions: { SchemaId: schemaId, MaxResults: 5 },
    DeleteSchemaVersions: { SchemaId: schemaId, Versions: "5-6,9" },
    GetSchemaByDefinition: { SchemaId: schemaId, SchemaDefinition: AVRO },
    CheckSchemaVersionValidity: { DataFormat: "JSON", SchemaDefinition: '{"type":"object"}' },
    GetSchemaVersionsDiff: { SchemaId: schemaId, FirstSchemaVersionNumber: { VersionNumber: 1 }, SecondSchemaVersionNumber: { LatestVersion: true }, SchemaDiffType: "SYNTAX_DIFF" },
    PutSchemaVersionMetadata: { SchemaVersionId: ids.schemaVersionId, MetadataKeyValue: pair },
    QuerySchemaVersionMetadata: { SchemaVersionId: ids.schemaVersionId, MetadataList: [pair], MaxResults: 5 },
    RemoveSchemaVersionMetadata: { SchemaId: schemaId, SchemaVersionNumber: { VersionNumber: 1 }, MetadataKeyValue: pair },
    CreateSession: { Id: "new-sess", Role: ROLE, Command: { Name: "glueetl", PythonVersion: "3" }, Timeout: 60, IdleTimeout: 30, DefaultArguments: { "--k": "v" }, WorkerType: "G.1X", NumberOfWorkers: 2, Tags: { t: "v" } },
    GetSession: { Id: "sess" },
    ListSessions: { MaxResults: 5, Tags: { t: "v" } },
    StopSession: { Id: "doomed-stop" },
    DeleteSession: { Id: "doomed-delete" },
    GetSessionEndpoint: { SessionId: "connect" },
    GetSystemLogsForSession: { Id: "sess" },
    RunStatement: { SessionId: "sess", Code: "print(2)" },
    GetStatement: { SessionId: "sess", Id: 0 },
    ListStatements: { SessionId: "sess" },
    CancelStatement: { SessionId: "sess", Id: 0 },
    CreateDevEndpoint: { EndpointName: "new-dev", RoleArn: ROLE, WorkerType: "G.1X", NumberOfWorkers: 2, PublicKeys: ["k"], Arguments: { a: "b" }, Tags: { t: "v" } },
    GetDevEndpoint: { EndpointName: "dev" },
    GetDevEndpoints: { MaxResults: 5 },
    ListDevEndpoints: { MaxResults: 5, Tags: { t: "v" } },
    BatchGetDevEndpoints: { DevEndpointNames: ["dev", "absent"] },
    UpdateDevEndpoint: { EndpointName: "dev", AddPublicKeys: ["k2"], AddArguments: { c: "d" }, DeleteArguments: ["a"] },
    DeleteDevEndpoint: { EndpointName: "doomed-dev" },
    CreateMLTransform: { Name: "new-tfm", Role: ROLE, InputRecordTables: [{ DatabaseName: "db", TableName: "t" }], Parameters: { TransformType: "FIND_MATCHES", FindMatchesParameters: { PrimaryKeyColumnName: "id", PrecisionRecallTradeoff: 0.5 } }, Timeout: 10, Tags: { t: "v" } },
    GetMLTransform: { TransformId: ids.transformId },
    GetMLTransforms: { MaxResults: 5, Filter: { Status: "READY" }, Sort: { Column: "NAME", SortDirection: "ASCENDING" } },
    ListMLTransforms: { MaxResults: 5, Filter: { Name: "tfm" }, Sort: { Column: "CREATED", SortDirection: "DESCENDING" }, Tags: { t: "v" } },
    UpdateMLTransform: { TransformId: ids.transformId, Description: "d", Timeout: 20, MaxRetries: 1 },
    DeleteMLTransform: { TransformId: ids.doomedTransform },
    StartMLEvaluationTaskRun: { TransformId: ids.transformId },
    StartMLLabelingSetGenerationTaskRun: { TransformId: ids.transformId, OutputS3Path: "s3://out/labels/" },
    StartImportLabelsTaskRun: { TransformId: ids.transformId, InputS3Path: "s3://labels/m.csv", ReplaceAllLabels: true },
    StartExportLabelsTaskRun: { TransformId: ids.transformId, OutputS3Path: "s3://out/export/" },
    GetMLTaskRun: { TransformId: ids.transformId, TaskRunId: ids.taskRunId },
    GetMLTaskRuns: { TransformId: ids.transformId, MaxResults: 5, Filter: { TaskRunType: "IMPORT_LABELS" }, Sort: { Column: "STARTED", SortDirection: "ASCENDING" } },
    CancelMLTaskRun: { TransformId: ids.busyTransform, TaskRunId: ids.busyTaskRunId },
    GetJobBookmark: { JobName: "bm", RunId: ids.bookmarkRunId },
    ResetJobBookmark: { JobName: "bm", RunId: ids.bookmarkRunId },
    UpdateJobFromSourceControl: { JobName: "bm", Provider: "GITHUB", RepositoryName: "r", RepositoryOwner: "o", BranchName: "main", CommitId: "abc" },
    UpdateSourceControlFromJob: { JobName: "bm", Provider: "GITLAB", RepositoryName: "r", RepositoryOwner: "o", AuthStrategy: "PERSONAL_ACCESS_TOKEN", AuthToken: "t" },
    StartJobUpgradeAnalysis: { jobName: "bm", analysisId: ids.analysisId, upgradeConsent: "DECLINE" },
    GetJobUpgradeAnalysis: { jobName: "bm", analysisId: ids.analysisId },
    StopJobUpgradeAnalysis: { jobName: "bm", analysisId: ids.analysisId },
    GetSystemLogsForJobRun: { JobName: "bm", RunId: ids.bookmarkRunId },
    GetDataflowGraph: { PythonScript: SCRIPT },
    CreateScript: { DagNodes: DAG, DagEdges: [], Language: "SCALA" },
    GetPlan: { Source: { DatabaseName: "db", TableName: "t" }, Sinks: [{ DatabaseName: "db", TableName: "u" }], Mapping: [{ SourcePath: "a", SourceType: "string", TargetPath: "a", TargetType: "string" }], Language: "PYTHON" },
    GetMapping: { Source: { DatabaseName: "db", TableName: "t" } },
  };
}

/** Create operations of these families and the member holding the new resource's name. */
export const FAMILY_CREATES: Readonly<Record<string, string>> = { CreateRegistry: "RegistryName", CreateSchema: "SchemaName", CreateSession: "Id", CreateDevEndpoint: "EndpointName", CreateMLTransform: "Name" };

/** Reads every family's resources (each must render after the fuzz). */
export async function familySnapshot(): Promise<void> {
  const { GetSchemaCommand, ListSchemaVersionsCommand, ListSessionsCommand, GetDevEndpointsCommand, GetMLTransformsCommand, ListRegistriesCommand } = await import("@aws-sdk/client-glue");
  aws.settle();
  await glue.send(new ListRegistriesCommand({}));
  await glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "sch" } }));
  await glue.send(new ListSchemaVersionsCommand({ SchemaId: { SchemaName: "sch" } }));
  await glue.send(new ListSessionsCommand({}));
  await glue.send(new GetDevEndpointsCommand({}));
  await glue.send(new GetMLTransformsCommand({}));
}
