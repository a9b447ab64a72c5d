import * as glueSdk from "@aws-sdk/client-glue";
import { GetBlueprintRunsCommand, GetJobRunsCommand, GetWorkflowRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { NormalizedSchema } from "@smithy/core/schema";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { arnOf, glue, ROLE } from "./helpers.js";
import { catalogRequests, catalogSnapshot, catalogWorld, CATALOG_CREATES } from "./catalog/bad-input-requests.js";
import { snapshot, TARGETS, world } from "./world.js";

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
 * Sends each valid request, then the request with each BAD value in each of its members; returns
 * every answer that is not a modelled Glue error or a success. `creates` names the member a
 * create operation's name is in, so each attempt creates something new.
 */
async function fuzz(requests: Record<string, Record<string, unknown>>, creates: Readonly<Record<string, string>>): Promise<string[]> {
  const modelled = new Set(Object.keys(glueSdk).filter((name) => name.endsWith("Exception")));
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
  it("answers every malformed value in every member with a modelled error or a success, and stays readable", async () => {
    const runId = await world();
    const run = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId: runId, IncludeGraph: true }))).Run!;
    const nodeId = run.Graph!.Nodes!.find((node) => node.Name === "a")!.UniqueId!;
    const jobRunId = (await glue.send(new GetJobRunsCommand({ JobName: "b" }))).JobRuns![0]!.Id!;
    const blueprintRunId = (await glue.send(new GetBlueprintRunsCommand({ BlueprintName: "bp" }))).BlueprintRuns![0]!.RunId!;
    const requests = validRequests({ runId, nodeId, jobRunId, blueprintRunId });
    expect(Object.keys(requests)).toHaveLength(56);
    expect(await fuzz(requests, CREATES)).toEqual([]);

    // Whatever was accepted left a world every read renders, and workflow wf still runs.
    await snapshot();
    aws.configure({ transitions: "poll" });
    aws.settle();
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    aws.settle();
    const after = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId, IncludeGraph: true }))).Run!;
    expect(after.Status).toBe("COMPLETED");
  }, FUZZ_TIMEOUT_MS);

  it("answers malformed values to every Data Catalog operation with a modelled error or a success, and stays readable", async () => {
    const requests = catalogRequests(await catalogWorld());
    expect(Object.keys(requests)).toHaveLength(70);
    expect(await fuzz(requests, CATALOG_CREATES)).toEqual([]);
    await catalogSnapshot();
  }, FUZZ_TIMEOUT_MS);
});
