import { CreateTriggerCommand, CreateWorkflowCommand, GetWorkflowCommand, GetWorkflowRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { workflowGraphToMermaid } from "aws-doubles/glue";
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
