import {
  BatchGetWorkflowsCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  DeleteWorkflowCommand,
  EntityNotFoundException,
  GetTagsCommand,
  GetWorkflowCommand,
  GlueClient,
  InvalidInputException,
  ListWorkflowsCommand,
  paginateListWorkflows,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateWorkflowCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createCrawler, createJob } from "./helpers.js";

const glue = new GlueClient({});
const arn = (name: string) => `arn:aws:glue:us-east-1:123456789012:workflow/${name}`;

describe("Glue workflows", () => {
  it("creates a workflow and reads it back with real Dates and $metadata", async () => {
    const created = await glue.send(
      new CreateWorkflowCommand({ Name: "etl", Description: "nightly", DefaultRunProperties: { env: "test" }, MaxConcurrentRuns: 2, Tags: { team: "data" } }),
    );
    expect(created.Name).toBe("etl");
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "etl" }));
    expect(Workflow).toMatchObject({ Name: "etl", Description: "nightly", DefaultRunProperties: { env: "test" }, MaxConcurrentRuns: 2 });
    expect(Workflow?.CreatedOn).toBeInstanceOf(Date);
    expect(Workflow?.LastModifiedOn?.getTime()).toBe(Workflow?.CreatedOn?.getTime());
    expect(Workflow?.Graph).toBeUndefined();
  });

  it("returns the graph only when IncludeGraph is set", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "g" }));
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "g", IncludeGraph: true }));
    expect(Workflow?.Graph).toEqual({ Nodes: [], Edges: [] });
  });

  it("refuses a duplicate name instead of overwriting", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "dup", Description: "first" }));
    const error = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "dup", Description: "second" })));
    expect(error.name).toBe("AlreadyExistsException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "dup" }));
    expect(Workflow?.Description).toBe("first");
  });

  it("validates names, property keys, tags and MaxResults with InvalidInputException", async () => {
    const tooLong = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "x".repeat(256) })));
    expect(tooLong).toBeInstanceOf(InvalidInputException);
    expect(tooLong.message).toContain("at 'name' failed to satisfy constraint: Member must have length less than or equal to 255");

    const multiLine = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "a\nb" })));
    expect(multiLine.message).toContain("Member must satisfy regular expression pattern");

    const missing = await rejectionOf(glue.send(new CreateWorkflowCommand({} as never)));
    expect(missing.message).toContain("Value null at 'name' failed to satisfy constraint: Member must not be null");

    const badKey = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "p", DefaultRunProperties: { "": "v" } })));
    expect(badKey).toBeInstanceOf(InvalidInputException);

    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const tooManyTags = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "t", Tags: tags })));
    expect(tooManyTags.message).toContain("Member must have length less than or equal to 50");

    const page = await rejectionOf(glue.send(new ListWorkflowsCommand({ MaxResults: 26 })));
    expect(page.message).toContain("Member must have value less than or equal to 25");

    const wrongType = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: 42 as never })));
    expect(wrongType.message).toContain("Member must be a string");

    // Nothing invalid was stored.
    const { Workflows } = await glue.send(new ListWorkflowsCommand({}));
    expect(Workflows).toEqual([]);
  });

  it("reports a missing workflow as EntityNotFoundException", async () => {
    const error = await rejectionOf(glue.send(new GetWorkflowCommand({ Name: "ghost" })));
    expect(error).toBeInstanceOf(EntityNotFoundException);
    expect(error.$fault).toBe("client");
    expect(error.message).toContain("ghost");
    const update = await rejectionOf(glue.send(new UpdateWorkflowCommand({ Name: "ghost", Description: "x" })));
    expect(update).toBeInstanceOf(EntityNotFoundException);
  });

  it("updates only the members given and moves LastModifiedOn", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "u", Description: "d", MaxConcurrentRuns: 3 }));
    aws.clock.advance(60_000);
    await glue.send(new UpdateWorkflowCommand({ Name: "u", DefaultRunProperties: { a: "1" } }));
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "u" }));
    expect(Workflow).toMatchObject({ Description: "d", MaxConcurrentRuns: 3, DefaultRunProperties: { a: "1" } });
    expect(Workflow!.LastModifiedOn!.getTime() - Workflow!.CreatedOn!.getTime()).toBeGreaterThanOrEqual(60_000);

    await glue.send(new UpdateWorkflowCommand({ Name: "u", Description: "" }));
    const after = await glue.send(new GetWorkflowCommand({ Name: "u" }));
    expect(after.Workflow?.Description).toBe("");
  });

  it("deletes a workflow, and deleting a missing one succeeds as AWS documents", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "gone", Tags: { a: "b" } }));
    expect((await glue.send(new DeleteWorkflowCommand({ Name: "gone" }))).Name).toBe("gone");
    expect(await rejectionOf(glue.send(new GetWorkflowCommand({ Name: "gone" })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new DeleteWorkflowCommand({ Name: "never-was" }))).Name).toBe("never-was");
    // Re-creating the name starts clean: the old tags went with the workflow.
    await glue.send(new CreateWorkflowCommand({ Name: "gone" }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arn("gone") }))).Tags).toEqual({});
  });

  it("lists names page by page with the SDK paginator, and refuses foreign tokens", async () => {
    for (let i = 0; i < 7; i++) await glue.send(new CreateWorkflowCommand({ Name: `wf-${i}` }));
    const pages: string[][] = [];
    for await (const page of paginateListWorkflows({ client: glue, pageSize: 3 }, {})) pages.push(page.Workflows ?? []);
    expect(pages).toEqual([["wf-0", "wf-1", "wf-2"], ["wf-3", "wf-4", "wf-5"], ["wf-6"]]);

    const bad = await rejectionOf(glue.send(new ListWorkflowsCommand({ NextToken: "not-a-token" })));
    expect(bad).toBeInstanceOf(InvalidInputException);
    expect(bad.message).toContain("pagination token");
  });

  it("keeps paging stable when workflows are deleted between pages", async () => {
    for (const name of ["a", "b", "c", "d"]) await glue.send(new CreateWorkflowCommand({ Name: name }));
    const first = await glue.send(new ListWorkflowsCommand({ MaxResults: 2 }));
    expect(first.Workflows).toEqual(["a", "b"]);
    await glue.send(new DeleteWorkflowCommand({ Name: "c" }));
    const second = await glue.send(new ListWorkflowsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Workflows).toEqual(["d"]);
    expect(second.NextToken).toBeUndefined();
  });

  it("batch-gets workflows and names the missing ones", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "one" }));
    const result = await glue.send(new BatchGetWorkflowsCommand({ Names: ["one", "two"], IncludeGraph: true }));
    expect(result.Workflows?.map((w) => w.Name)).toEqual(["one"]);
    expect(result.Workflows?.[0]?.Graph).toEqual({ Nodes: [], Edges: [] });
    expect(result.MissingWorkflows).toEqual(["two"]);

    const empty = await rejectionOf(glue.send(new BatchGetWorkflowsCommand({ Names: [] })));
    expect(empty.message).toContain("Member must have length greater than or equal to 1");
    const tooMany = await rejectionOf(glue.send(new BatchGetWorkflowsCommand({ Names: Array.from({ length: 26 }, (_, i) => `n${i}`) })));
    expect(tooMany).toBeInstanceOf(InvalidInputException);
  });

  it("tags, untags and reads tags of a workflow by ARN", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "tagged", Tags: { a: "1" } }));
    await glue.send(new TagResourceCommand({ ResourceArn: arn("tagged"), TagsToAdd: { b: "2", a: "one" } }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arn("tagged") }))).Tags).toEqual({ a: "one", b: "2" });
    await glue.send(new UntagResourceCommand({ ResourceArn: arn("tagged"), TagsToRemove: ["a"] }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arn("tagged") }))).Tags).toEqual({ b: "2" });

    const missing = await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arn("nope") })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    const otherRegion = await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: "arn:aws:glue:eu-west-1:123456789012:workflow/tagged" })));
    expect(otherRegion).toBeInstanceOf(EntityNotFoundException);
    const notArn = await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: "workflow/tagged" })));
    expect(notArn).toBeInstanceOf(InvalidInputException);
  });

  it("derives the graph from the workflow's triggers: nodes with stable wnode_ ids, edges along conditions and actions", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "g" }));
    await createCrawler("crawl");
    for (const job of ["j1", "j2"]) await createJob(job);
    await glue.send(new CreateTriggerCommand({ Name: "t0", WorkflowName: "g", Type: "ON_DEMAND", Actions: [{ CrawlerName: "crawl" }] }));
    await glue.send(
      new CreateTriggerCommand({
        Name: "t1",
        WorkflowName: "g",
        Type: "CONDITIONAL",
        Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "crawl", CrawlState: "SUCCEEDED" }] },
        Actions: [{ JobName: "j1" }, { JobName: "j2" }],
      }),
    );
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "g", IncludeGraph: true }));
    const nodes = Workflow!.Graph!.Nodes!;
    expect(nodes.map((n) => `${n.Type}:${n.Name}`)).toEqual(["TRIGGER:t0", "CRAWLER:crawl", "TRIGGER:t1", "JOB:j1", "JOB:j2"]);
    for (const n of nodes) expect(n.UniqueId).toMatch(/^wnode_[0-9a-f]{64}$/);
    expect(nodes[0]?.TriggerDetails?.Trigger).toMatchObject({ Name: "t0", Type: "ON_DEMAND", WorkflowName: "g" });
    expect(nodes[3]?.JobDetails).toBeUndefined();
    const id = (name: string) => nodes.find((n) => n.Name === name)!.UniqueId;
    expect(Workflow!.Graph!.Edges).toEqual([
      { SourceId: id("t0"), DestinationId: id("crawl") },
      { SourceId: id("crawl"), DestinationId: id("t1") },
      { SourceId: id("t1"), DestinationId: id("j1") },
      { SourceId: id("t1"), DestinationId: id("j2") },
    ]);
    const again = await glue.send(new BatchGetWorkflowsCommand({ Names: ["g"], IncludeGraph: true }));
    expect(again.Workflows?.[0]?.Graph?.Nodes?.map((n) => n.UniqueId)).toEqual(nodes.map((n) => n.UniqueId));
  });
});
