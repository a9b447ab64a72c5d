import * as glueSdk from "@aws-sdk/client-glue";
import { InvalidInputException } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arnOf, glue, ROLE } from "./helpers.js";
import { many, snapshot, TARGETS, world } from "./world.js";

type Case = [operation: string, input: Record<string, unknown>, message: string];

function cases(runId: string): Case[] {
  const arn = arnOf("job", "a");
  return [
    ["CreateWorkflow", { Name: "x".repeat(256) }, "at 'name' failed to satisfy constraint: Member must have length less than or equal to 255"],
    ["GetWorkflow", { Name: "" }, "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["UpdateWorkflow", { Name: "wf", MaxConcurrentRuns: -1 }, "at 'maxConcurrentRuns' failed to satisfy constraint: Member must have value greater than or equal to 0"],
    ["DeleteWorkflow", { Name: "wf\n" }, "at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["ListWorkflows", { MaxResults: 26 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25"],
    ["BatchGetWorkflows", { Names: [] }, "at 'names' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["StartWorkflowRun", { Name: "wf", RunProperties: { "": "x" } }, "at 'runProperties' failed to satisfy constraint: Map keys must satisfy constraint"],
    ["GetWorkflowRun", { Name: "wf", RunId: "" }, "at 'runId' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["GetWorkflowRuns", { Name: "wf", MaxResults: 1001 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    ["StopWorkflowRun", { Name: "wf", RunId: "wr\n" }, "at 'runId' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["ResumeWorkflowRun", { Name: "wf", RunId: runId, NodeIds: [""] }, "at 'nodeIds.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["GetWorkflowRunProperties", { Name: "wf" }, "Value null at 'runId' failed to satisfy constraint: Member must not be null"],
    ["PutWorkflowRunProperties", { Name: "wf", RunId: runId, RunProperties: { ["k".repeat(256)]: "v" } }, "Map keys must satisfy constraint: [Member must have length less than or equal to 255]"],
    ["CreateTrigger", { Name: "t9", Type: "HOURLY", Actions: [{ JobName: "a" }] }, "at 'type' failed to satisfy constraint: Member must satisfy enum value set"],
    ["GetTrigger", { Name: 7 }, "at 'name' failed to satisfy constraint: Member must be a string"],
    ["GetTriggers", { MaxResults: 201 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 200"],
    ["UpdateTrigger", { Name: "then", TriggerUpdate: { Actions: [{ JobName: "b", Timeout: 0 }] } }, "at 'triggerUpdate.actions.1.member.timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ["DeleteTrigger", { Name: "" }, "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["ListTriggers", { Tags: Object.fromEntries(many(51).map((k) => [k, "v"])) }, "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"],
    ["BatchGetTriggers", { TriggerNames: ["then\n"] }, "at 'triggerNames.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["StartTrigger", { Name: "s".repeat(256) }, "at 'name' failed to satisfy constraint: Member must have length less than or equal to 255"],
    ["StopTrigger", {}, "Value null at 'name' failed to satisfy constraint: Member must not be null"],
    ["CreateJob", { Name: "j9", Role: ROLE, Command: { Name: "glueetl" }, GlueVersion: "latest" }, "at 'glueVersion' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["GetJob", { JobName: "" }, "at 'jobName' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["GetJobs", { MaxResults: 0 }, "at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ["UpdateJob", { JobName: "a", JobUpdate: { WorkerType: "G.3X", NumberOfWorkers: 2 } }, "at 'jobUpdate.workerType' failed to satisfy constraint: Member must satisfy enum value set"],
    ["DeleteJob", { JobName: "a\n" }, "at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["ListJobs", { MaxResults: 1001 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    ["BatchGetJobs", { JobNames: "a" }, "at 'jobNames' failed to satisfy constraint: Member must be a list"],
    ["StartJobRun", { JobName: "a", Timeout: 0 }, "at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ["GetJobRun", { JobName: "a", RunId: "" }, "at 'runId' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["GetJobRuns", { JobName: "a", MaxResults: 201 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 200"],
    ["BatchStopJobRun", { JobName: "b", JobRunIds: many(26, "jr_") }, "at 'jobRunIds' failed to satisfy constraint: Member must have length less than or equal to 25"],
    ["CreateCrawler", { Name: "c9", Role: ROLE, Targets: TARGETS, TablePrefix: "p".repeat(129) }, "at 'tablePrefix' failed to satisfy constraint: Member must have length less than or equal to 128"],
    ["GetCrawler", { Name: "" }, "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["GetCrawlers", { MaxResults: 1001 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    ["UpdateCrawler", { Name: "c", RecrawlPolicy: { RecrawlBehavior: "SOMETIMES" } }, "at 'recrawlPolicy.recrawlBehavior' failed to satisfy constraint: Member must satisfy enum value set"],
    ["DeleteCrawler", { Name: "c\n" }, "at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["ListCrawlers", { MaxResults: 0 }, "at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ["BatchGetCrawlers", { CrawlerNames: many(101) }, "at 'crawlerNames' failed to satisfy constraint: Member must have length less than or equal to 100"],
    ["StartCrawler", { Name: "" }, "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["StopCrawler", { Name: "c".repeat(256) }, "at 'name' failed to satisfy constraint: Member must have length less than or equal to 255"],
    ["ListCrawls", { CrawlerName: "c", Filters: [{ FieldName: "NAME", FilterOperator: "EQ", FieldValue: "x" }] }, "at 'filters.1.member.fieldName' failed to satisfy constraint: Member must satisfy enum value set"],
    ["GetCrawlerMetrics", { CrawlerNameList: many(101) }, "at 'crawlerNameList' failed to satisfy constraint: Member must have length less than or equal to 100"],
    ["CreateBlueprint", { Name: "bad name", BlueprintLocation: "s3://blueprints/x.zip" }, "at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["GetBlueprint", { Name: "" }, "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["UpdateBlueprint", { Name: "bp", BlueprintLocation: "s3://blueprints/" }, "at 'blueprintLocation' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["DeleteBlueprint", { Name: "" }, "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["ListBlueprints", { MaxResults: 26 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25"],
    ["BatchGetBlueprints", { Names: ["bad name"] }, "at 'names.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["StartBlueprintRun", { BlueprintName: "bp", RoleArn: ROLE, Parameters: "" }, "at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["GetBlueprintRun", { BlueprintName: "bp", RunId: "" }, "at 'runId' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ["GetBlueprintRuns", { BlueprintName: "bp", MaxResults: 1001 }, "at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    ["TagResource", { ResourceArn: arn, TagsToAdd: { ["k".repeat(129)]: "v" } }, "Map keys must satisfy constraint: [Member must have length less than or equal to 128]"],
    ["UntagResource", { ResourceArn: arn, TagsToRemove: many(51) }, "at 'tagsToRemove' failed to satisfy constraint: Member must have length less than or equal to 50"],
    ["GetTags", { ResourceArn: "arn:aws:s3:::bucket" }, "at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern"],
  ];
}

describe("Glue validation on every operation", () => {
  it("answers a malformed request to each operation with InvalidInputException and changes nothing", async () => {
    const runId = await world();
    const before = await snapshot();
    expect(before[0]).toEqual({ Workflows: ["from-bp", "wf"] });
    const table = cases(runId);
    expect(new Set(table.map(([operation]) => operation)).size).toBe(56);
    for (const [operation, input, message] of table) {
      const Command = (glueSdk as unknown as Record<string, new (input: unknown) => glueSdk.GetJobCommand>)[`${operation}Command`]!;
      const error = await rejectionOf(glue.send(new Command(input)));
      expect(error, operation).toBeInstanceOf(InvalidInputException);
      expect(error.$metadata.httpStatusCode, operation).toBe(400);
      expect(error.message, operation).toContain(message);
    }
    expect(await snapshot()).toEqual(before);
  });
});
