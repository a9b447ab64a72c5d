import * as glueSdk from "@aws-sdk/client-glue";
import { GetBlueprintRunsCommand, GetJobRunsCommand, GetWorkflowRunCommand, StartJobRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { registerConnectionEntities } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { arnOf, glue, ROLE } from "./helpers.js";
import { TARGETS, world } from "./world.js";

/**
 * Valid requests for the Glue operations the bad-input tests vary (bad-inputs.test.ts puts
 * bad values into their members; test/properties changes one member at a time), with the
 * worlds they are valid in. The other families' tables: bad-inputs-families.ts,
 * quality-world.ts, catalog/bad-input-requests.ts.
 */

/** Ids of the core world (workflow wf's run and its node for job a, job b's run, blueprint bp's run). */
export interface CoreIds {
  runId: string;
  nodeId: string;
  jobRunId: string;
  blueprintRunId: string;
  /** A run of workflow busy that stays RUNNING. */
  busyRunId: string;
}

/** The world of world.ts, and the ids of what runs in it. */
export async function coreWorld(): Promise<CoreIds> {
  const runId = await world();
  const run = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId: runId, IncludeGraph: true }))).Run!;
  const nodeId = run.Graph!.Nodes!.find((node) => node.Name === "a")!.UniqueId!;
  const jobRunId = (await glue.send(new GetJobRunsCommand({ JobName: "b" }))).JobRuns![0]!.Id!;
  const blueprintRunId = (await glue.send(new GetBlueprintRunsCommand({ BlueprintName: "bp" }))).BlueprintRuns![0]!.RunId!;
  // For DeleteCrawler a crawler no other request uses; for StartCrawler one that nothing starts
  // (the workflow run the property suite starts starts crawler c).
  await glue.send(new glueSdk.CreateCrawlerCommand({ Name: "doomed-crawler", Role: ROLE, Targets: TARGETS }));
  await glue.send(new glueSdk.CreateCrawlerCommand({ Name: "idle", Role: ROLE, Targets: TARGETS }));
  // A workflow run that stays running, for StopWorkflowRun.
  await glue.send(new glueSdk.CreateWorkflowCommand({ Name: "busy" }));
  aws.lifecycle("Glue.WorkflowRun", { WorkflowName: "busy" }).staysIn("RUNNING");
  const busyRunId = (await glue.send(new StartWorkflowRunCommand({ Name: "busy" }))).RunId!;
  return { runId, nodeId, jobRunId, blueprintRunId, busyRunId };
}

/** A valid request to each operation in the world. Creates get a fresh name per attempt. */
export function coreRequests(ids: CoreIds): Record<string, Record<string, unknown>> {
  const arn = arnOf("job", "a");
  return {
    CreateWorkflow: { Name: "new-wf", Description: "d", DefaultRunProperties: { k: "v" }, Tags: { t: "v" }, MaxConcurrentRuns: 2 },
    GetWorkflow: { Name: "wf", IncludeGraph: true },
    UpdateWorkflow: { Name: "wf", Description: "d", DefaultRunProperties: { env: "test" }, MaxConcurrentRuns: 5 },
    DeleteWorkflow: { Name: "absent" },
    ListWorkflows: { MaxResults: 5 },
    BatchGetWorkflows: { Names: ["wf"], IncludeGraph: true },
    StartWorkflowRun: { Name: "wf", RunProperties: { k: "v" } },
    GetWorkflowRun: { Name: "wf", RunId: ids.runId, IncludeGraph: true },
    GetWorkflowRuns: { Name: "wf", IncludeGraph: true, MaxResults: 2 },
    StopWorkflowRun: { Name: "busy", RunId: ids.busyRunId },
    ResumeWorkflowRun: { Name: "wf", RunId: ids.runId, NodeIds: [ids.nodeId] },
    GetWorkflowRunProperties: { Name: "wf", RunId: ids.runId },
    PutWorkflowRunProperties: { Name: "wf", RunId: ids.runId, RunProperties: { k: "v" } },
    CreateTrigger: {
      Name: "new-t",
      Type: "CONDITIONAL",
      Predicate: { Logical: "AND", Conditions: [{ LogicalOperator: "EQUALS", JobName: "a", State: "SUCCEEDED" }] },
      Actions: [{ JobName: "b", Arguments: { k: "v" }, Timeout: 5, NotificationProperty: { NotifyDelayAfter: 1 } }],
      Tags: { t: "v" },
    },
    GetTrigger: { Name: "then" },
    GetTriggers: { DependentJobName: "a", MaxResults: 5 },
    UpdateTrigger: { Name: "then", TriggerUpdate: { Description: "d", Actions: [{ JobName: "a" }], Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "c", CrawlState: "SUCCEEDED" }] } } },
    DeleteTrigger: { Name: "absent" },
    ListTriggers: { DependentJobName: "a", MaxResults: 5, Tags: { t: "1" } },
    BatchGetTriggers: { TriggerNames: ["then"] },
    StartTrigger: { Name: "start" },
    StopTrigger: { Name: "then" },
    CreateJob: {
      Name: "new-j",
      Role: ROLE,
      Command: { Name: "glueetl", ScriptLocation: "s3://scripts/x.py", PythonVersion: "3" },
      DefaultArguments: { k: "v" },
      ExecutionProperty: { MaxConcurrentRuns: 2 },
      MaxRetries: 1,
      Timeout: 10,
      WorkerType: "G.1X",
      NumberOfWorkers: 2,
      GlueVersion: "4.0",
      NotificationProperty: { NotifyDelayAfter: 1 },
      Tags: { t: "v" },
    },
    GetJob: { JobName: "a" },
    GetJobs: { MaxResults: 5 },
    UpdateJob: { JobName: "b", JobUpdate: { Role: ROLE, Command: { Name: "glueetl" }, Timeout: 5, ExecutionProperty: { MaxConcurrentRuns: 3 } } },
    DeleteJob: { JobName: "absent" },
    ListJobs: { MaxResults: 5, Tags: { t: "1" } },
    BatchGetJobs: { JobNames: ["a"] },
    StartJobRun: { JobName: "b", JobRunId: ids.jobRunId, Arguments: { k: "v" }, Timeout: 5, WorkerType: "G.1X", NumberOfWorkers: 2, ExecutionClass: "STANDARD" },
    GetJobRun: { JobName: "b", RunId: ids.jobRunId, PredecessorsIncluded: true },
    GetJobRuns: { JobName: "b", MaxResults: 5 },
    BatchStopJobRun: { JobName: "b", JobRunIds: [ids.jobRunId] },
    CreateCrawler: { Name: "new-c", Role: ROLE, DatabaseName: "db", Targets: TARGETS, Schedule: "cron(0 1 * * ? *)", Configuration: "{}", SchemaChangePolicy: { UpdateBehavior: "LOG" }, Tags: { t: "v" } },
    GetCrawler: { Name: "c" },
    GetCrawlers: { MaxResults: 5 },
    UpdateCrawler: { Name: "c", Role: ROLE, Targets: TARGETS, Schedule: "cron(0 1 * * ? *)", Description: "d" },
    DeleteCrawler: { Name: "doomed-crawler" },
    ListCrawlers: { MaxResults: 5, Tags: { t: "1" } },
    BatchGetCrawlers: { CrawlerNames: ["c"] },
    StartCrawler: { Name: "idle" },
    StopCrawler: { Name: "c" },
    ListCrawls: { CrawlerName: "c", MaxResults: 5, Filters: [{ FieldName: "STATE", FilterOperator: "EQ", FieldValue: "COMPLETED" }] },
    GetCrawlerMetrics: { CrawlerNameList: ["c"], MaxResults: 5 },
    CreateBlueprint: { Name: "new-bp", BlueprintLocation: "s3://blueprints/y.zip", Description: "d", Tags: { t: "v" } },
    GetBlueprint: { Name: "bp", IncludeBlueprint: true, IncludeParameterSpec: true },
    UpdateBlueprint: { Name: "bp", BlueprintLocation: "s3://blueprints/z.zip", Description: "d" },
    DeleteBlueprint: { Name: "absent" },
    ListBlueprints: { MaxResults: 5, Tags: { t: "1" } },
    BatchGetBlueprints: { Names: ["bp"], IncludeBlueprint: true, IncludeParameterSpec: true },
    StartBlueprintRun: { BlueprintName: "bp", RoleArn: ROLE, Parameters: JSON.stringify({ WorkflowName: "another" }) },
    GetBlueprintRun: { BlueprintName: "bp", RunId: ids.blueprintRunId },
    GetBlueprintRuns: { BlueprintName: "bp", MaxResults: 5 },
    TagResource: { ResourceArn: arn, TagsToAdd: { k: "v" } },
    UntagResource: { ResourceArn: arn, TagsToRemove: ["k"] },
    GetTags: { ResourceArn: arn },
  };
}

/** Create operations of the core world and the member holding the new resource's name. */
export const CORE_CREATES: Readonly<Record<string, string>> = { CreateWorkflow: "Name", CreateTrigger: "Name", CreateJob: "Name", CreateCrawler: "Name", CreateBlueprint: "Name" };

/** Create operations of the connection, security and admin families and the member holding the new name. */
export const CONNECTION_CREATES: Readonly<Record<string, string>> = {
  CreateSecurityConfiguration: "Name",
  CreateCustomEntityType: "Name",
  CreateUsageProfile: "Name",
  RegisterConnectionType: "ConnectionType",
};

const KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const JDBC_INPUT = {
  Name: "conn",
  ConnectionType: "JDBC",
  ConnectionProperties: { JDBC_CONNECTION_URL: "jdbc:mysql://h:3306/d", USERNAME: "u", PASSWORD: "p" },
  MatchCriteria: ["m"],
  PhysicalConnectionRequirements: { SubnetId: "subnet-1", SecurityGroupIdList: ["sg-1"], AvailabilityZone: "us-east-1a" },
};
const REST = {
  ConnectionType: "REST-t",
  IntegrationType: "REST",
  ConnectionProperties: { Url: { Name: "INSTANCE_URL", Required: true, PropertyType: "USER_INPUT" } },
  ConnectorAuthenticationConfiguration: { AuthenticationTypes: ["CUSTOM"], CustomAuthenticationProperties: { AuthenticationParameters: [{ Name: "k", Required: true, PropertyType: "SECRET" }] } },
  RestConfiguration: { GlobalSourceConfiguration: { RequestMethod: "GET", ResponseConfiguration: { ResultPath: "$" } }, EntityConfigurations: { e: { Schema: { id: { Name: "id", FieldDataType: "STRING" } } } } },
};
const PROFILE = { JobConfiguration: { numberOfWorkers: { DefaultValue: "2", MinValue: "1", MaxValue: "5" } }, SessionConfiguration: { idleTimeout: { DefaultValue: "10" } } };

/** One of each resource the connection, security and admin operations act on; returns a job run id. */
export async function connectionsWorld(): Promise<{ jobRunId: string }> {
  await glue.send(new glueSdk.CreateConnectionCommand({ ConnectionInput: JDBC_INPUT as never }));
  await glue.send(new glueSdk.CreateClassifierCommand({ JsonClassifier: { Name: "cls", JsonPath: "$.a" } }));
  await glue.send(new glueSdk.CreateSecurityConfigurationCommand({ Name: "sec", EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: "SSE-S3" }] } }));
  await glue.send(new glueSdk.CreateCustomEntityTypeCommand({ Name: "cet", RegexString: "\\d+" }));
  await glue.send(new glueSdk.CreateUsageProfileCommand({ Name: "prof", Configuration: PROFILE }));
  await glue.send(new glueSdk.RegisterConnectionTypeCommand(REST as never));
  await glue.send(new glueSdk.PutResourcePolicyCommand({ PolicyInJson: JSON.stringify({ Statement: [{ Effect: "Allow" }] }) }));
  await glue.send(new glueSdk.CreateCrawlerCommand({ Name: "sc", Role: ROLE, Targets: TARGETS, Schedule: "cron(0 1 * * ? *)" }));
  await glue.send(new glueSdk.CreateJobCommand({ Name: "dj", Role: ROLE, Command: { Name: "glueetl", ScriptLocation: "s3://s/x.py" } }));
  const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "dj" }));
  // For the deletes, resources no other request uses; an export configuration to read; a crawler whose schedule is stopped.
  await glue.send(new glueSdk.CreateConnectionCommand({ ConnectionInput: { ...JDBC_INPUT, Name: "doomed-conn" } as never }));
  await glue.send(new glueSdk.RegisterConnectionTypeCommand({ ...REST, ConnectionType: "REST-doomed" } as never));
  await glue.send(new glueSdk.CreateSecurityConfigurationCommand({ Name: "doomed-sec", EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: "SSE-S3" }] } }));
  await glue.send(new glueSdk.CreateDatabaseCommand({ DatabaseInput: { Name: "doomed" } }));
  await glue.send(new glueSdk.PutResourcePolicyCommand({ PolicyInJson: JSON.stringify({ Statement: [{ Effect: "Allow" }] }), ResourceArn: arnOf("database", "doomed") }));
  await glue.send(new glueSdk.CreateClassifierCommand({ JsonClassifier: { Name: "doomed-cls", JsonPath: "$.a" } }));
  await glue.send(new glueSdk.CreateCustomEntityTypeCommand({ Name: "doomed-cet", RegexString: "\\d+" }));
  await glue.send(new glueSdk.PutDataCatalogExportConfigurationCommand({ ExportSetting: "ENABLED", EncryptionConfiguration: { SseAlgorithm: "AES256" } }));
  await glue.send(new glueSdk.CreateCrawlerCommand({ Name: "paused", Role: ROLE, Targets: TARGETS, Schedule: "cron(0 1 * * ? *)" }));
  await glue.send(new glueSdk.StopCrawlerScheduleCommand({ CrawlerName: "paused" }));
  registerConnectionEntities("conn", { Entities: [{ EntityName: "e", Fields: [{ FieldName: "id", FieldType: "STRING" }], Records: [{ id: "1" }, { id: "2" }] }] });
  aws.settle();
  return { jobRunId: JobRunId! };
}

export function connectionRequests(ids: { jobRunId: string }): Record<string, Record<string, unknown>> {
  const catalogArn = arnOf("catalog", "").replace(/\/$/, "");
  return {
    CreateConnection: { ConnectionInput: { ...JDBC_INPUT, Name: "new-conn" }, Tags: { t: "v" } },
    GetConnection: { Name: "conn", HidePassword: true, ApplyOverrideForComputeEnvironment: "SPARK" },
    GetConnections: { Filter: { MatchCriteria: ["m"], ConnectionType: "JDBC", ConnectionSchemaVersion: 1 }, HidePassword: true, MaxResults: 5 },
    UpdateConnection: { Name: "conn", ConnectionInput: JDBC_INPUT },
    DeleteConnection: { ConnectionName: "doomed-conn" },
    BatchDeleteConnection: { ConnectionNameList: ["absent"] },
    TestConnection: { TestConnectionInput: { ConnectionType: "JDBC", ConnectionProperties: JDBC_INPUT.ConnectionProperties } },
    DescribeConnectionType: { ConnectionType: "JDBC" },
    ListConnectionTypes: { MaxResults: 5 },
    RegisterConnectionType: { ...REST, ConnectionType: "REST-new", Description: "d", Tags: { t: "v" } },
    DeleteConnectionType: { ConnectionType: "REST-doomed" },
    ListEntities: { ConnectionName: "conn", DataStoreApiVersion: "v1" },
    DescribeEntity: { ConnectionName: "conn", EntityName: "e" },
    GetEntityRecords: { ConnectionName: "conn", EntityName: "e", Limit: 1, FilterPredicate: "id = '1'", OrderBy: "id DESC", SelectedFields: ["id"], ConnectionOptions: { k: "v" } },
    CreateSecurityConfiguration: { Name: "new-sec", EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: KMS }], CloudWatchEncryption: { CloudWatchEncryptionMode: "DISABLED" } } },
    GetSecurityConfiguration: { Name: "sec" },
    GetSecurityConfigurations: { MaxResults: 5 },
    DeleteSecurityConfiguration: { Name: "doomed-sec" },
    GetDataCatalogEncryptionSettings: {},
    PutDataCatalogEncryptionSettings: { DataCatalogEncryptionSettings: { EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS", SseAwsKmsKeyId: "k" }, ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false } } },
    GetDataCatalogExportConfiguration: {},
    PutDataCatalogExportConfiguration: { ExportSetting: "ENABLED", EncryptionConfiguration: { SseAlgorithm: "AES256" } },
    PutResourcePolicy: { PolicyInJson: JSON.stringify({ Statement: [{ Effect: "Deny" }] }), ResourceArn: catalogArn, PolicyExistsCondition: "NONE", EnableHybrid: "FALSE" },
    GetResourcePolicy: { ResourceArn: catalogArn },
    GetResourcePolicies: { MaxResults: 5 },
    DeleteResourcePolicy: { ResourceArn: arnOf("database", "doomed") },
    CreateGlueIdentityCenterConfiguration: { InstanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", Scopes: ["s"], UserBackgroundSessionsEnabled: true },
    GetGlueIdentityCenterConfiguration: {},
    UpdateGlueIdentityCenterConfiguration: { Scopes: ["s2"], UserBackgroundSessionsEnabled: false },
    DeleteGlueIdentityCenterConfiguration: {},
    CreateClassifier: { CsvClassifier: { Name: "new-csv", Delimiter: ";", QuoteSymbol: "'", ContainsHeader: "PRESENT", Header: ["a"], Serde: "OpenCSVSerDe" } },
    GetClassifier: { Name: "cls" },
    GetClassifiers: { MaxResults: 5 },
    UpdateClassifier: { JsonClassifier: { Name: "cls", JsonPath: "$.b" } },
    DeleteClassifier: { Name: "doomed-cls" },
    CreateCustomEntityType: { Name: "new-cet", RegexString: "[A-Z]{3}", ContextWords: ["w"], Tags: { t: "v" } },
    GetCustomEntityType: { Name: "cet" },
    BatchGetCustomEntityTypes: { Names: ["cet", "absent"] },
    ListCustomEntityTypes: { MaxResults: 5, Tags: { t: "v" } },
    DeleteCustomEntityType: { Name: "doomed-cet" },
    CreateUsageProfile: { Name: "new-prof", Description: "d", Configuration: PROFILE, Tags: { t: "v" } },
    GetUsageProfile: { Name: "prof" },
    UpdateUsageProfile: { Name: "prof", Description: "d2", Configuration: PROFILE },
    DeleteUsageProfile: { Name: "absent" },
    ListUsageProfiles: { MaxResults: 5 },
    StartCrawlerSchedule: { CrawlerName: "paused" },
    StopCrawlerSchedule: { CrawlerName: "sc" },
    UpdateCrawlerSchedule: { CrawlerName: "sc", Schedule: "cron(0 2 * * ? *)" },
    GetDashboardUrl: { ResourceId: ids.jobRunId, ResourceType: "JOB", RequestOrigin: "tests" },
  };
}
