import {
  AlreadyExistsException,
  BatchGetBlueprintsCommand,
  CreateBlueprintCommand,
  DeleteBlueprintCommand,
  EntityNotFoundException,
  GetBlueprintCommand,
  GetBlueprintRunCommand,
  GetBlueprintRunsCommand,
  GetJobCommand,
  GetTagsCommand,
  GetWorkflowCommand,
  GetWorkflowRunCommand,
  IllegalBlueprintStateException,
  InvalidInputException,
  ListBlueprintsCommand,
  ListJobsCommand,
  ListTriggersCommand,
  ListWorkflowsCommand,
  paginateGetBlueprintRuns,
  paginateListBlueprints,
  StartBlueprintRunCommand,
  StartWorkflowRunCommand,
  UpdateBlueprintCommand,
} from "@aws-sdk/client-glue";
import { AwsDoublesUsageError } from "aws-doubles";
import { registerBlueprintLayout, unregisterBlueprintLayout } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arnOf, createJob, glue, pollUntil, ROLE } from "./helpers.js";

const LOCATION = "s3://blueprints/etl/etl-blueprint.zip";
const blueprint = async (Name: string, options: { IncludeBlueprint?: boolean; IncludeParameterSpec?: boolean } = {}) =>
  (await glue.send(new GetBlueprintCommand({ Name, ...options }))).Blueprint!;

async function activeBlueprint(Name: string) {
  await glue.send(new CreateBlueprintCommand({ Name, BlueprintLocation: LOCATION }));
  await pollUntil(() => blueprint(Name), (b) => b.Status === "ACTIVE");
}

async function runBlueprint(BlueprintName: string, parameters?: Record<string, unknown>) {
  const { RunId } = await glue.send(new StartBlueprintRunCommand({ BlueprintName, RoleArn: ROLE, ...(parameters ? { Parameters: JSON.stringify(parameters) } : {}) }));
  const { value } = await pollUntil(async () => (await glue.send(new GetBlueprintRunCommand({ BlueprintName, RunId: RunId! }))).BlueprintRun!, (run) => run.State === "SUCCEEDED" || run.State === "FAILED");
  return value;
}

describe("Glue blueprints", () => {
  it("registers a blueprint: CREATING, then ACTIVE with a service location and LastActiveDefinition", async () => {
    const created = await glue.send(new CreateBlueprintCommand({ Name: "etl", BlueprintLocation: LOCATION, Description: "ETL layout", Tags: { team: "data" } }));
    expect(created.Name).toBe("etl");
    expect((await blueprint("etl")).Status).toBe("CREATING"); // as CreateBlueprint left it; this read moves it on
    const { Blueprint } = await glue.send(new GetBlueprintCommand({ Name: "etl" }));
    expect(Blueprint).toMatchObject({ Name: "etl", Status: "ACTIVE", Description: "ETL layout", BlueprintLocation: LOCATION });
    expect(Blueprint?.BlueprintServiceLocation).toBeUndefined();
    expect(Blueprint?.CreatedOn).toBeInstanceOf(Date);
    const full = await blueprint("etl", { IncludeBlueprint: true });
    expect(full.BlueprintServiceLocation).toMatch(/^s3:\/\/.+\/etl\/etl-blueprint\.zip$/);
    expect(full.LastActiveDefinition).toMatchObject({ BlueprintLocation: LOCATION, Description: "ETL layout" });
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("blueprint", "etl") }))).Tags).toEqual({ team: "data" });
  });

  it("shows CREATING in manual mode until the registration moves", async () => {
    aws.configure({ transitions: "manual" });
    await glue.send(new CreateBlueprintCommand({ Name: "slow", BlueprintLocation: LOCATION }));
    expect((await blueprint("slow")).Status).toBe("CREATING");
    const early = await rejectionOf(glue.send(new StartBlueprintRunCommand({ BlueprintName: "slow", RoleArn: ROLE })));
    expect(early).toBeInstanceOf(IllegalBlueprintStateException);
    expect(early.message).toContain("CREATING");
    const update = await rejectionOf(glue.send(new UpdateBlueprintCommand({ Name: "slow", BlueprintLocation: LOCATION })));
    expect(update).toBeInstanceOf(IllegalBlueprintStateException);
    aws.step();
    expect((await blueprint("slow")).Status).toBe("ACTIVE");
  });

  it("validates names and locations, and refuses duplicates", async () => {
    const badName = await rejectionOf(glue.send(new CreateBlueprintCommand({ Name: "has space", BlueprintLocation: LOCATION })));
    expect(badName).toBeInstanceOf(InvalidInputException);
    expect(badName.message).toContain("at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const badLocation = await rejectionOf(glue.send(new CreateBlueprintCommand({ Name: "x", BlueprintLocation: "https://example.com/b.zip" })));
    expect(badLocation.message).toContain("'blueprintLocation'");
    await glue.send(new CreateBlueprintCommand({ Name: "dup", BlueprintLocation: LOCATION }));
    const dup = await rejectionOf(glue.send(new CreateBlueprintCommand({ Name: "dup", BlueprintLocation: LOCATION })));
    expect(dup).toBeInstanceOf(AlreadyExistsException);
    expect(dup.$metadata.httpStatusCode).toBe(400);
    expect(dup.message).toContain("dup");
  });

  it("updates through UPDATING to ACTIVE, and keeps the last active definition when an update fails", async () => {
    await activeBlueprint("u");
    await glue.send(new UpdateBlueprintCommand({ Name: "u", BlueprintLocation: "s3://blueprints/etl/v2.zip", Description: "v2" }));
    expect((await blueprint("u")).Status).toBe("UPDATING");
    expect((await blueprint("u")).Status).toBe("ACTIVE");
    expect((await blueprint("u")).LastActiveDefinition?.BlueprintLocation).toBe("s3://blueprints/etl/v2.zip");

    aws.lifecycle("Glue.Blueprint", { BlueprintName: "u" }).endsIn("FAILED", { message: "layout.py: syntax error" });
    await glue.send(new UpdateBlueprintCommand({ Name: "u", BlueprintLocation: "s3://blueprints/etl/v3.zip" }));
    expect((await blueprint("u")).Status).toBe("UPDATING");
    const failed = await blueprint("u");
    expect(failed).toMatchObject({ Status: "FAILED", ErrorMessage: "layout.py: syntax error", BlueprintLocation: "s3://blueprints/etl/v3.zip" });
    expect(failed.LastActiveDefinition?.BlueprintLocation).toBe("s3://blueprints/etl/v2.zip");

    const missing = await rejectionOf(glue.send(new UpdateBlueprintCommand({ Name: "ghost", BlueprintLocation: LOCATION })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toContain("ghost");
  });

  it("deletes blueprints (a missing one too), lists them with tags and the paginator, and batch-gets them", async () => {
    for (const name of ["b1", "b2", "b3"]) await glue.send(new CreateBlueprintCommand({ Name: name, BlueprintLocation: LOCATION, ...(name !== "b2" ? { Tags: { kind: "etl" } } : {}) }));
    const names: string[] = [];
    for await (const page of paginateListBlueprints({ client: glue, pageSize: 2 }, {})) names.push(...(page.Blueprints ?? []));
    expect(names).toEqual(["b1", "b2", "b3"]);
    expect((await glue.send(new ListBlueprintsCommand({ Tags: { kind: "etl" } }))).Blueprints).toEqual(["b1", "b3"]);

    const batch = await glue.send(new BatchGetBlueprintsCommand({ Names: ["b1", "zz"], IncludeBlueprint: true }));
    expect(batch.Blueprints?.map((b) => b.Name)).toEqual(["b1"]);
    expect(batch.Blueprints?.[0]?.BlueprintServiceLocation).toBeDefined();
    expect(batch.MissingBlueprints).toEqual(["zz"]);
    const tooMany = await rejectionOf(glue.send(new BatchGetBlueprintsCommand({ Names: Array.from({ length: 26 }, (_, i) => `b${i}`) })));
    expect(tooMany).toBeInstanceOf(InvalidInputException);

    expect((await glue.send(new DeleteBlueprintCommand({ Name: "b2" }))).Name).toBe("b2");
    expect((await glue.send(new DeleteBlueprintCommand({ Name: "never" }))).Name).toBe("never");
    const gone = await rejectionOf(glue.send(new GetBlueprintCommand({ Name: "b2" })));
    expect(gone).toBeInstanceOf(EntityNotFoundException);
    expect(gone.message).toBe("Blueprint b2 not found.");
  });

  it("runs a blueprint without a registered layout: an empty workflow named by WorkflowName, with BlueprintDetails", async () => {
    await activeBlueprint("plain");
    const run = await runBlueprint("plain", { WorkflowName: "from-blueprint" });
    expect(run).toMatchObject({ BlueprintName: "plain", State: "SUCCEEDED", WorkflowName: "from-blueprint", RoleArn: ROLE, Parameters: JSON.stringify({ WorkflowName: "from-blueprint" }) });
    expect(run.CompletedOn).toBeInstanceOf(Date);
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "from-blueprint", IncludeGraph: true }));
    expect(Workflow).toMatchObject({ BlueprintDetails: { BlueprintName: "plain", RunId: run.RunId }, Graph: { Nodes: [], Edges: [] } });

    const unnamed = await runBlueprint("plain");
    expect(unnamed.WorkflowName).toMatch(/^plain-/);
    expect((await glue.send(new ListWorkflowsCommand({}))).Workflows).toContain(unnamed.WorkflowName);
  });

  it("runs a registered layout: creates the workflow, jobs, crawlers and triggers it returns", async () => {
    registerBlueprintLayout(
      "fan-out",
      (parameters, context) => ({
        Workflow: { Name: String(parameters["WorkflowName"]), DefaultRunProperties: { source: String(parameters["Source"]) } },
        Jobs: (parameters["Tables"] as string[]).map((table) => ({ Name: `load-${table}`, Role: context.roleArn, Command: { Name: "glueetl", ScriptLocation: `s3://scripts/${table}.py` } })),
        Crawlers: [{ Name: "src-crawler", Role: context.roleArn, Targets: { S3Targets: [{ Path: String(parameters["Source"]) }] } }],
        Triggers: [
          { Name: "bp-start", Type: "ON_DEMAND", Actions: [{ CrawlerName: "src-crawler" }] },
          {
            Name: "bp-load",
            Type: "CONDITIONAL",
            StartOnCreation: true,
            Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "src-crawler", CrawlState: "SUCCEEDED" }] },
            Actions: (parameters["Tables"] as string[]).map((table) => ({ JobName: `load-${table}` })),
          },
        ],
      }),
      {
        parameterSpec: {
          WorkflowName: { type: "String" },
          Source: { type: "S3Uri", defaultValue: "s3://lake/raw/" },
          Tables: { type: "String", collection: true },
        },
      },
    );
    await activeBlueprint("fan-out");
    expect(JSON.parse((await blueprint("fan-out", { IncludeParameterSpec: true })).ParameterSpec!)).toHaveProperty("Tables");

    const run = await runBlueprint("fan-out", { WorkflowName: "daily", Tables: ["orders", "customers"] });
    expect(run.State).toBe("SUCCEEDED");
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "daily", IncludeGraph: true }));
    expect(Workflow?.DefaultRunProperties).toEqual({ source: "s3://lake/raw/" });
    expect(Workflow?.Graph?.Nodes?.map((n) => `${n.Type}:${n.Name}`).sort()).toEqual(["CRAWLER:src-crawler", "JOB:load-customers", "JOB:load-orders", "TRIGGER:bp-load", "TRIGGER:bp-start"]);

    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "daily" }));
    const { value } = await pollUntil(async () => (await glue.send(new GetWorkflowRunCommand({ Name: "daily", RunId }))).Run!, (r) => r.Status === "COMPLETED");
    expect(value.Statistics).toMatchObject({ TotalActions: 3, SucceededActions: 3 });
  });

  it("checks run parameters against the parameter specification", async () => {
    registerBlueprintLayout("typed", () => ({ Workflow: { Name: "typed-wf" } }), { parameterSpec: { Count: { type: "Integer" }, Flag: { type: "Boolean", defaultValue: false } } });
    await activeBlueprint("typed");
    const cases: Array<[string, string]> = [
      [JSON.stringify({}), "Parameter Count is required"],
      [JSON.stringify({ Count: "three" }), "Parameter Count must be Integer"],
      [JSON.stringify({ Count: 3, Extra: 1 }), "Unknown parameter(s) Extra"],
      // Names are the specification's own: one named like an Object.prototype property is unknown too.
      [JSON.stringify({ Count: 3, constructor: 1 }), "Unknown parameter(s) constructor"],
      [JSON.stringify({ Count: 3, toString: "x" }), "Unknown parameter(s) toString"],
      ["{not json", "Parameters must be a JSON object"],
      ["[1,2]", "Parameters must be a JSON object"],
    ];
    for (const [Parameters, message] of cases) {
      const error = await rejectionOf(glue.send(new StartBlueprintRunCommand({ BlueprintName: "typed", RoleArn: ROLE, Parameters })));
      expect(error, Parameters).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain(message);
    }
    const badRole = await rejectionOf(glue.send(new StartBlueprintRunCommand({ BlueprintName: "typed", RoleArn: "role/x", Parameters: "{}" })));
    expect(badRole.message).toContain("at 'roleArn' failed to satisfy constraint");
    const missing = await rejectionOf(glue.send(new StartBlueprintRunCommand({ BlueprintName: "ghost", RoleArn: ROLE })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect((await runBlueprint("typed", { Count: 3 })).State).toBe("SUCCEEDED");
  });

  it("rolls back and fails when the layout throws or an entity cannot be created", async () => {
    registerBlueprintLayout("throws", () => {
      throw new Error("missing table list");
    });
    await activeBlueprint("throws");
    const seen: string[] = [];
    const { RunId } = await glue.send(new StartBlueprintRunCommand({ BlueprintName: "throws", RoleArn: ROLE }));
    await pollUntil(
      async () => (await glue.send(new GetBlueprintRunCommand({ BlueprintName: "throws", RunId: RunId! }))).BlueprintRun!,
      (run) => (seen.push(run.State!), run.State === "FAILED"),
    );
    expect(seen).toEqual(["RUNNING", "ROLLING_BACK", "FAILED"]);
    const failed = (await glue.send(new GetBlueprintRunCommand({ BlueprintName: "throws", RunId: RunId! }))).BlueprintRun!;
    expect(failed.ErrorMessage).toBe("The layout of blueprint throws threw: missing table list");
    expect(failed.WorkflowName).toBeUndefined();

    await createJob("taken", { Description: "not the blueprint's" });
    registerBlueprintLayout("conflict", () => ({
      Workflow: { Name: "half-made" },
      Jobs: [
        { Name: "fresh", Role: ROLE, Command: { Name: "glueetl" } },
        { Name: "taken", Role: ROLE, Command: { Name: "glueetl" } },
      ],
    }));
    await activeBlueprint("conflict");
    const conflict = await runBlueprint("conflict");
    expect(conflict.State).toBe("FAILED");
    expect(conflict.ErrorMessage).toContain("AlreadyExistsException");
    expect((await glue.send(new ListWorkflowsCommand({}))).Workflows).toEqual([]);
    expect((await glue.send(new ListJobsCommand({}))).JobNames).toEqual(["taken"]);
    expect((await glue.send(new GetJobCommand({ JobName: "taken" }))).Job?.Description).toBe("not the blueprint's");
    expect((await glue.send(new ListTriggersCommand({}))).TriggerNames).toEqual([]);
  });

  it("fails a run whose layout returns something that is not a layout", async () => {
    registerBlueprintLayout("odd", () => ({ Workflow: { Name: "odd-wf" }, Jobs: 42 }) as never);
    await activeBlueprint("odd");
    const run = await runBlueprint("odd");
    expect(run).toMatchObject({ State: "FAILED", ErrorMessage: "The layout of blueprint odd returned Jobs that is not a list." });
    registerBlueprintLayout("async", (async () => {
      throw new Error("async layouts cannot run");
    }) as never);
    await activeBlueprint("async");
    expect((await runBlueprint("async")).ErrorMessage).toBe("The Glue blueprint layout for async returned a Promise: register a synchronous function (not async) or a plain answer.");
    registerBlueprintLayout("empty", () => null as never);
    await activeBlueprint("empty");
    expect((await runBlueprint("empty")).ErrorMessage).toContain("returned no Workflow.Name");
  });

  it("fails a run through the test controls, passing ROLLING_BACK", async () => {
    await activeBlueprint("forced");
    aws.lifecycle("Glue.BlueprintRun", { BlueprintName: "forced" }).endsIn("FAILED", { message: "quota exceeded" });
    const run = await runBlueprint("forced", { WorkflowName: "never-made" });
    expect(run).toMatchObject({ State: "FAILED", ErrorMessage: "quota exceeded" });
    expect(await rejectionOf(glue.send(new GetWorkflowCommand({ Name: "never-made" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("lists runs newest first with the SDK paginator; missing blueprints and runs are EntityNotFoundException", async () => {
    await activeBlueprint("many");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await runBlueprint("many", { WorkflowName: `wf-${i}` })).RunId!);
    const pages: string[][] = [];
    for await (const page of paginateGetBlueprintRuns({ client: glue, pageSize: 2 }, { BlueprintName: "many" })) pages.push((page.BlueprintRuns ?? []).map((r) => r.RunId!));
    expect(pages).toEqual([[ids[2], ids[1]], [ids[0]]]);
    expect(await rejectionOf(glue.send(new GetBlueprintRunsCommand({ BlueprintName: "ghost" })))).toBeInstanceOf(EntityNotFoundException);
    const noRun = await rejectionOf(glue.send(new GetBlueprintRunCommand({ BlueprintName: "many", RunId: "nope" })));
    expect(noRun).toBeInstanceOf(EntityNotFoundException);
    expect(noRun.message).toContain("nope");
  });

  it("forgets registered layouts on reset, and refuses misuse of the registration helper", async () => {
    registerBlueprintLayout("temp", () => ({ Workflow: { Name: "from-layout" } }));
    aws.reset();
    await activeBlueprint("temp");
    expect((await runBlueprint("temp", { WorkflowName: "default-behaviour" })).WorkflowName).toBe("default-behaviour");
    expect(unregisterBlueprintLayout("temp")).toBe(false);
    expect(() => registerBlueprintLayout("", () => ({ Workflow: { Name: "x" } }))).toThrow(AwsDoublesUsageError);
    expect(() => registerBlueprintLayout("x", "not a function" as never)).toThrow(/Glue blueprint layout for x must be \{ Workflow/);
  });
});
