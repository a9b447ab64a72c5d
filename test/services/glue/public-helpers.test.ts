import { CreateTriggerCommand, CreateWorkflowCommand, GetWorkflowCommand, GetWorkflowRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { AwsDoublesUsageError } from "aws-doubles";
import { flushWorkflowEventBatches, registerBlueprintLayout, registerColumnStatistics, schemaVersionProblems, sendWorkflowEvents, setCallerUsageProfile, unregisterColumnStatistics, workflowGraphToMermaid } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { createCrawler, createJob, glue } from "./helpers.js";

async function pipeline() {
  await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
  await createCrawler("raw \"zone\"");
  await createJob("load");
  await glue.send(new CreateTriggerCommand({ Name: "start", WorkflowName: "wf", Type: "ON_DEMAND", Actions: [{ CrawlerName: "raw \"zone\"" }] }));
  await glue.send(
    new CreateTriggerCommand({
      Name: "then",
      WorkflowName: "wf",
      Type: "CONDITIONAL",
      StartOnCreation: true,
      Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "raw \"zone\"", CrawlState: "SUCCEEDED" }] },
      Actions: [{ JobName: "load" }],
    }),
  );
}

describe("aws-doubles/glue: workflowGraphToMermaid", () => {
  it("draws a workflow's static graph: triggers as hexagons, crawlers as cylinders, jobs as boxes", async () => {
    await pipeline();
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "wf", IncludeGraph: true }));
    expect(workflowGraphToMermaid(Workflow, { direction: "TD" })).toBe(
      [
        "flowchart TD",
        '  n1{{"start<br/>ON_DEMAND"}}',
        '  n2[("crawler: raw #quot;zone#quot;")]',
        '  n3{{"then<br/>CONDITIONAL"}}',
        '  n4["job: load"]',
        "  n1 --> n2",
        "  n2 --> n3",
        "  n3 --> n4",
      ].join("\n"),
    );
  });

  it("colours a run graph by the state each node ended in", async () => {
    await pipeline();
    aws.lifecycle("Glue.JobRun", { JobName: "load" }).endsIn("FAILED");
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    aws.settle();
    const { Run } = await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId, IncludeGraph: true }));
    const diagram = workflowGraphToMermaid(Run);
    expect(diagram).toContain('n4["job: load<br/>FAILED"]');
    expect(diagram).toContain("class n2 succeeded");
    expect(diagram).toContain("class n4 failed");
    expect(workflowGraphToMermaid(Run!.Graph)).toBe(diagram);
  });

  it("writes every character Mermaid would read in a label as an entity code", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "odd" }));
    const name = "`md` a#quot;b <i>&amp;";
    await createJob(name);
    await glue.send(new CreateTriggerCommand({ Name: "go", WorkflowName: "odd", Type: "ON_DEMAND", Actions: [{ JobName: name }] }));
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "odd", IncludeGraph: true }));
    expect(workflowGraphToMermaid(Workflow)).toContain('n2["job: #96;md#96; a#35;quot;b #lt;i#gt;#38;amp;"]');
  });

  it("says what is missing when given a workflow read without its graph", async () => {
    await pipeline();
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "wf" }));
    expect(() => workflowGraphToMermaid(Workflow)).toThrow(/IncludeGraph: true/);
  });
});

describe("aws-doubles/glue: helpers refuse bad arguments with a usage error", () => {
  it("sendWorkflowEvents takes a whole count or an array of ids, never a lone string or Infinity", () => {
    for (const events of ["evt-1", Infinity, 2.5, 0, null, [], ["a", ""]]) {
      expect(() => sendWorkflowEvents("wf", events as never)).toThrow(AwsDoublesUsageError);
    }
    // A string used to be spread into one event per character.
    expect(() => sendWorkflowEvents("wf", "evt-1" as never)).toThrow(/array of non-empty event ids; got "evt-1"/);
  });

  it("checks where: an object with a 12-digit accountId and a region like us-east-1", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    expect(() => sendWorkflowEvents("wf", 1, null as never)).toThrow(/sendWorkflowEvents takes an object \{ accountId\?, region\? \}; got null/);
    expect(() => sendWorkflowEvents("wf", 1, "eu-west-1" as never)).toThrow(AwsDoublesUsageError);
    expect(() => sendWorkflowEvents("wf", 1, { region: 5 } as never)).toThrow(/sendWorkflowEvents: region must look like "us-east-1"; got 5/);
    expect(() => flushWorkflowEventBatches("wf", { accountId: "42" })).toThrow(/flushWorkflowEventBatches: accountId must be 12 digits/);
    expect(() => flushWorkflowEventBatches("wf", { acountId: "111122223333" } as never)).toThrow(/does not take "acountId"/);
    expect(() => setCallerUsageProfile("p", null as never)).toThrow(AwsDoublesUsageError);
    expect(() => setCallerUsageProfile("p", { region: "us-east-1" } as never)).toThrow(/takes \{ accountId\? \} only/);
    expect(() => schemaVersionProblems("v", { region: "mars" })).toThrow(AwsDoublesUsageError);
  });

  it("registerColumnStatistics needs a table key", () => {
    expect(() => registerColumnStatistics(5 as never, [])).toThrow(/registerColumnStatistics needs a table key/);
    expect(() => unregisterColumnStatistics(undefined as never)).toThrow(AwsDoublesUsageError);
  });

  it("registerBlueprintLayout checks its options and parameter specification when registered, not in a later run", () => {
    const layout = { Workflow: { Name: "w" } };
    expect(() => registerBlueprintLayout("b", layout, null as never)).toThrow(/registerBlueprintLayout\(name, layout, options\): options must be an object \{ parameterSpec \}; got null/);
    expect(() => registerBlueprintLayout("b", layout, { parameterSpec: { Bucket: null } } as never)).toThrow(/parameterSpec.Bucket needs a type/);
    expect(() => registerBlueprintLayout("b", layout, { parameterSpec: { Bucket: { type: "Strng" } } })).toThrow(/one of String, Integer/);
    expect(() => registerBlueprintLayout("b", layout, { parameterSpec: { Bucket: { type: "String", collection: "yes" } } } as never)).toThrow(/collection must be true or false/);
    expect(() => registerBlueprintLayout("b", layout, { parameterSpec: { Bucket: { type: "S3Uri", collection: true, defaultValue: [] } } })).not.toThrow();
    // A default is what a run that leaves the parameter out passes to the layout: it must fit the type as a given value must.
    expect(() => registerBlueprintLayout("b", layout, { parameterSpec: { Count: { type: "Integer", defaultValue: "ten" } } })).toThrow(/parameterSpec.Count.defaultValue must be Integer/);
    expect(() => registerBlueprintLayout("b", layout, { parameterSpec: { Bucket: { type: "S3Uri", collection: true, defaultValue: "s3://b/" } } })).toThrow(/parameterSpec.Bucket.defaultValue must be a list of S3Uri/);
    expect(() => registerBlueprintLayout("b", layout, { parameterSpec: { Count: { type: "Integer", defaultValue: 10 } } })).not.toThrow();
  });
});
