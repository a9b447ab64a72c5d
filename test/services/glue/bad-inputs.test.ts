import * as glueSdk from "@aws-sdk/client-glue";
import { GetBlueprintRunsCommand, GetJobRunsCommand, GetWorkflowRunCommand, StartJobRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { registerConnectionEntities } from "aws-doubles/glue";
import { NormalizedSchema } from "@smithy/core/schema";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { arnOf, glue, ROLE } from "./helpers.js";
import { QUALITY_CREATES, qualityRequests, qualitySnapshot, qualityWorld } from "./quality-world.js";
import { catalogRequests, catalogSnapshot, catalogWorld, CATALOG_CREATES } from "./catalog/bad-input-requests.js";
import { snapshot, TARGETS, world } from "./world.js";
import { FAMILY_CREATES, familiesWorld, familyRequests, familySnapshot } from "./bad-inputs-families.js";

/**
 * Values no caller should send, put in turn into every member (two levels deep) of a valid
 * request to each operation. Whatever the fake answers must be a modelled Glue error or a
 * success; never a crash, and never a state the reads cannot render. (An invalid Date is left
 * out: the engine's violation message cannot render one, see the Glue report.)
 */
const BAD: readonly unknown[] = [
  null,
  "",
  "\u0000",
  "a\nb",
  "\uD800",
  "💥".repeat(300),
  "x".repeat(70_000),
  -1,
  1.5,
  1e20,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  {},
  [],
  [null],
  { ["__proto__"]: "p", constructor: "c" },
];

type Schema = ReturnType<typeof NormalizedSchema.of>;

/** Member paths of an input schema, two levels deep (list items as index 0). */
function memberPaths(schema: Schema, prefix: string[] = []): string[][] {
  if (prefix.length >= 2) return [];
  const out: string[][] = [];
  if (schema.isStructSchema()) {
    for (const [name, member] of schema.structIterator()) out.push([...prefix, name], ...memberPaths(member, [...prefix, name]));
  } else if (schema.isListSchema()) {
    out.push(...memberPaths(schema.getValueSchema(), [...prefix, "0"]));
  }
  return out;
}

function withValue(base: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let cursor = copy as Record<string, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    if (cursor[key] === null || typeof cursor[key] !== "object") cursor[key] = /^\d+$/.test(path[i + 1]!) ? [] : {};
    cursor = cursor[key] as Record<string, unknown>;
  });
  cursor[path[path.length - 1]!] = value;
  return copy;
}

/** A valid request to each operation in the world. Creates get a fresh name per attempt. */
function validRequests(ids: { runId: string; nodeId: string; jobRunId: string; blueprintRunId: string }): Record<string, Record<string, unknown>> {
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
    StopWorkflowRun: { Name: "wf", RunId: ids.runId },
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
    DeleteCrawler: { Name: "absent" },
    ListCrawlers: { MaxResults: 5, Tags: { t: "1" } },
    BatchGetCrawlers: { CrawlerNames: ["c"] },
    StartCrawler: { Name: "c" },
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

const CREATES: Readonly<Record<string, string>> = { CreateWorkflow: "Name", CreateTrigger: "Name", CreateJob: "Name", CreateCrawler: "Name", CreateBlueprint: "Name" };


/**
 * Sends each valid request, then each one with a malformed value in one member; returns what
 * was answered with anything but a modelled Glue error or a success. Creates get a fresh name
 * per attempt (`creates`: the member holding the name).
 */
async function fuzz(requests: Record<string, Record<string, unknown>>, creates: Readonly<Record<string, string>>): Promise<string[]> {
  const modelled = new Set(Object.keys(glueSdk).filter((name) => name.endsWith("Exception") || name.endsWith("Fault")));
  const problems: string[] = [];
  let attempt = 0;
  for (const [operation, valid] of Object.entries(requests)) {
    const sdk = glueSdk as unknown as Record<string, unknown>;
    const Command = sdk[`${operation}Command`] as new (input: unknown) => glueSdk.GetJobCommand;
    const schema = NormalizedSchema.of((sdk[`${operation}$`] as unknown[])[4] as Parameters<typeof NormalizedSchema.of>[0]);
    const inputs = [valid, ...memberPaths(schema).flatMap((path) => BAD.map((bad) => withValue(valid, path, bad)))];
    for (const input of inputs) {
      const nameKey = creates[operation];
      if (nameKey && input[nameKey] === valid[nameKey]) input[nameKey] = `${String(valid[nameKey])}-${++attempt}`;
      try {
        await glue.send(new Command(input));
      } catch (error) {
        const { name, message } = error as Error;
        // The SDK's own serializer may refuse a value before it is sent: that is not the fake's answer.
        const fromFake = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined;
        if (fromFake ? !modelled.has(name) : /dist[\\/](engine|services|intercept|protocol)/.test(String((error as Error).stack))) {
          problems.push(`${operation} ${JSON.stringify(input).slice(0, 200)}: ${name}: ${message.slice(0, 200)}`);
        }
      }
      aws.settle();
    }
  }
  return problems;
}

/** Thousands of calls each: allow for a loaded machine (this bounds the run, it measures nothing). */
const FUZZ_TIMEOUT_MS = 180_000;

describe("Glue under malformed input", () => {
  it("answers every malformed value in every member with a modelled error or a success, and stays readable", { timeout: 300_000 }, async () => {
    const runId = await world();
    const run = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId: runId, IncludeGraph: true }))).Run!;
    const nodeId = run.Graph!.Nodes!.find((node) => node.Name === "a")!.UniqueId!;
    const jobRunId = (await glue.send(new GetJobRunsCommand({ JobName: "b" }))).JobRuns![0]!.Id!;
    const blueprintRunId = (await glue.send(new GetBlueprintRunsCommand({ BlueprintName: "bp" }))).BlueprintRuns![0]!.RunId!;
    const requests = validRequests({ runId, nodeId, jobRunId, blueprintRunId });
    expect(Object.keys(requests)).toHaveLength(56);

    const problems = await fuzz(requests, CREATES);
    expect(problems).toEqual([]);

    // Whatever was accepted left a world every read renders, and workflow wf still runs.
    await snapshot();
    aws.configure({ transitions: "poll" });
    aws.settle();
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    aws.settle();
    const after = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId, IncludeGraph: true }))).Run!;
    expect(after.Status).toBe("COMPLETED");
  });

  it("answers malformed values in the catalog-settings, connection and admin operations the same way", { timeout: 300_000 }, async () => {
    const ids = await connectionsWorld();
    const requests = connectionRequests(ids);
    expect(Object.keys(requests)).toHaveLength(49);
    expect(await fuzz(requests, CONNECTION_CREATES)).toEqual([]);
    // What was accepted is still readable.
    for (const read of [
      new glueSdk.GetConnectionsCommand({ HidePassword: true }),
      new glueSdk.GetClassifiersCommand({}),
      new glueSdk.GetSecurityConfigurationsCommand({}),
      new glueSdk.ListCustomEntityTypesCommand({}),
      new glueSdk.ListUsageProfilesCommand({}),
      new glueSdk.GetResourcePoliciesCommand({}),
      new glueSdk.ListConnectionTypesCommand({ MaxResults: 100 }),
      new glueSdk.GetDataCatalogEncryptionSettingsCommand({}),
      new glueSdk.GetCrawlerCommand({ Name: "sc" }),
    ]) {
      await glue.send(read as never);
    }
  });

  // Data quality, zero-ETL integrations and the business context: a world of their own. (The
  // explicit timeouts bound a hang; they assert nothing about speed: thousands of requests take
  // longer than vitest's default 5 s on a loaded machine.)
  it("answers malformed data-quality, integration and business-context requests with modelled errors", { timeout: 300_000 }, async () => {
    const ids = await qualityWorld();
    aws.configure({ transitions: "manual" });
    const requests = qualityRequests(ids);
    expect(Object.keys(requests)).toHaveLength(76);
    expect(await fuzz(requests, QUALITY_CREATES)).toEqual([]);
    await qualitySnapshot(ids);
  });

  // The schema registry, sessions, dev endpoints, ML transforms and job extras: a fuzz of its
  // own (about 4,000 calls, so it is given more than vitest's default 5 s).
  it("answers malformed input to the registry, session, dev endpoint, ML and job-extra operations the same way", { timeout: 180_000 }, async () => {
    const requests = familyRequests(await familiesWorld());
    expect(Object.keys(requests)).toHaveLength(63);
    expect(await fuzz(requests, FAMILY_CREATES)).toEqual([]);
    // Whatever was accepted left resources every read renders.
    await familySnapshot();
  });

  it("answers malformed values to every Data Catalog operation with a modelled error or a success, and stays readable", { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const requests = catalogRequests(await catalogWorld());
    expect(Object.keys(requests)).toHaveLength(70);
    expect(await fuzz(requests, CATALOG_CREATES)).toEqual([]);
    await catalogSnapshot();
  });
});

const CONNECTION_CREATES: Readonly<Record<string, string>> = {
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
async function connectionsWorld(): Promise<{ jobRunId: string }> {
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
  registerConnectionEntities("conn", { Entities: [{ EntityName: "e", Fields: [{ FieldName: "id", FieldType: "STRING" }], Records: [{ id: "1" }, { id: "2" }] }] });
  aws.settle();
  return { jobRunId: JobRunId! };
}

function connectionRequests(ids: { jobRunId: string }): Record<string, Record<string, unknown>> {
  const catalogArn = arnOf("catalog", "").replace(/\/$/, "");
  return {
    CreateConnection: { ConnectionInput: { ...JDBC_INPUT, Name: "new-conn" }, Tags: { t: "v" } },
    GetConnection: { Name: "conn", HidePassword: true, ApplyOverrideForComputeEnvironment: "SPARK" },
    GetConnections: { Filter: { MatchCriteria: ["m"], ConnectionType: "JDBC", ConnectionSchemaVersion: 1 }, HidePassword: true, MaxResults: 5 },
    UpdateConnection: { Name: "conn", ConnectionInput: JDBC_INPUT },
    DeleteConnection: { ConnectionName: "absent" },
    BatchDeleteConnection: { ConnectionNameList: ["absent"] },
    TestConnection: { TestConnectionInput: { ConnectionType: "JDBC", ConnectionProperties: JDBC_INPUT.ConnectionProperties } },
    DescribeConnectionType: { ConnectionType: "JDBC" },
    ListConnectionTypes: { MaxResults: 5 },
    RegisterConnectionType: { ...REST, ConnectionType: "REST-new", Description: "d", Tags: { t: "v" } },
    DeleteConnectionType: { ConnectionType: "REST-absent" },
    ListEntities: { ConnectionName: "conn", DataStoreApiVersion: "v1" },
    DescribeEntity: { ConnectionName: "conn", EntityName: "e" },
    GetEntityRecords: { ConnectionName: "conn", EntityName: "e", Limit: 1, FilterPredicate: "id = '1'", OrderBy: "id DESC", SelectedFields: ["id"], ConnectionOptions: { k: "v" } },
    CreateSecurityConfiguration: { Name: "new-sec", EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: KMS }], CloudWatchEncryption: { CloudWatchEncryptionMode: "DISABLED" } } },
    GetSecurityConfiguration: { Name: "sec" },
    GetSecurityConfigurations: { MaxResults: 5 },
    DeleteSecurityConfiguration: { Name: "absent" },
    GetDataCatalogEncryptionSettings: {},
    PutDataCatalogEncryptionSettings: { DataCatalogEncryptionSettings: { EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS", SseAwsKmsKeyId: "k" }, ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false } } },
    GetDataCatalogExportConfiguration: {},
    PutDataCatalogExportConfiguration: { ExportSetting: "ENABLED", EncryptionConfiguration: { SseAlgorithm: "AES256" } },
    PutResourcePolicy: { PolicyInJson: JSON.stringify({ Statement: [{ Effect: "Deny" }] }), ResourceArn: catalogArn, PolicyExistsCondition: "NONE", EnableHybrid: "FALSE" },
    GetResourcePolicy: { ResourceArn: catalogArn },
    GetResourcePolicies: { MaxResults: 5 },
    DeleteResourcePolicy: { ResourceArn: arnOf("database", "absent") },
    CreateGlueIdentityCenterConfiguration: { InstanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", Scopes: ["s"], UserBackgroundSessionsEnabled: true },
    GetGlueIdentityCenterConfiguration: {},
    UpdateGlueIdentityCenterConfiguration: { Scopes: ["s2"], UserBackgroundSessionsEnabled: false },
    DeleteGlueIdentityCenterConfiguration: {},
    CreateClassifier: { CsvClassifier: { Name: "new-csv", Delimiter: ";", QuoteSymbol: "'", ContainsHeader: "PRESENT", Header: ["a"], Serde: "OpenCSVSerDe" } },
    GetClassifier: { Name: "cls" },
    GetClassifiers: { MaxResults: 5 },
    UpdateClassifier: { JsonClassifier: { Name: "cls", JsonPath: "$.b" } },
    DeleteClassifier: { Name: "absent" },
    CreateCustomEntityType: { Name: "new-cet", RegexString: "[A-Z]{3}", ContextWords: ["w"], Tags: { t: "v" } },
    GetCustomEntityType: { Name: "cet" },
    BatchGetCustomEntityTypes: { Names: ["cet", "absent"] },
    ListCustomEntityTypes: { MaxResults: 5, Tags: { t: "v" } },
    DeleteCustomEntityType: { Name: "absent" },
    CreateUsageProfile: { Name: "new-prof", Description: "d", Configuration: PROFILE, Tags: { t: "v" } },
    GetUsageProfile: { Name: "prof" },
    UpdateUsageProfile: { Name: "prof", Description: "d2", Configuration: PROFILE },
    DeleteUsageProfile: { Name: "absent" },
    ListUsageProfiles: { MaxResults: 5 },
    StartCrawlerSchedule: { CrawlerName: "sc" },
    StopCrawlerSchedule: { CrawlerName: "sc" },
    UpdateCrawlerSchedule: { CrawlerName: "sc", Schedule: "cron(0 2 * * ? *)" },
    GetDashboardUrl: { ResourceId: ids.jobRunId, ResourceType: "JOB", RequestOrigin: "tests" },
  };
}
