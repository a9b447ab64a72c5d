import {
  AlreadyExistsException,
  BatchGetTriggersCommand,
  ConcurrentRunsExceededException,
  CreateTriggerCommand,
  type CreateTriggerRequest,
  CreateWorkflowCommand,
  DeleteTriggerCommand,
  EntityNotFoundException,
  GetJobRunCommand,
  GetJobRunsCommand,
  GetTriggerCommand,
  GetTriggersCommand,
  GetWorkflowCommand,
  GetWorkflowRunsCommand,
  InvalidInputException,
  ListTriggersCommand,
  paginateGetTriggers,
  paginateListTriggers,
  StartJobRunCommand,
  StartTriggerCommand,
  StopTriggerCommand,
  UpdateTriggerCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createCrawler, createJob, glue, pollUntil } from "./helpers.js";

const onJob = (JobName: string, State: "SUCCEEDED" | "FAILED" | "STOPPED" | "TIMEOUT" = "SUCCEEDED") => ({ LogicalOperator: "EQUALS" as const, JobName, State });
const createTrigger = (input: Partial<CreateTriggerRequest> & { Name: string }) =>
  glue.send(new CreateTriggerCommand({ Type: "ON_DEMAND", Actions: [{ JobName: "a" }], ...input } as CreateTriggerRequest));
const trigger = async (Name: string) => (await glue.send(new GetTriggerCommand({ Name }))).Trigger!;
const runsOf = async (JobName: string) => (await glue.send(new GetJobRunsCommand({ JobName }))).JobRuns ?? [];

describe("Glue triggers", () => {
  beforeEach(async () => {
    for (const name of ["a", "b", "c"]) await createJob(name);
    await createCrawler("crawl");
  });

  it("creates each trigger type in its documented initial state", async () => {
    expect((await createTrigger({ Name: "od" })).Name).toBe("od");
    await createTrigger({ Name: "sched", Type: "SCHEDULED", Schedule: "cron(0 12 ? * MON-FRI *)", StartOnCreation: true, Description: "weekdays" });
    await createTrigger({ Name: "cond", Type: "CONDITIONAL", Predicate: { Conditions: [onJob("a")] }, Actions: [{ JobName: "b", Arguments: { "--x": "1" }, Timeout: 30 }] });
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createTrigger({ Name: "ev", Type: "EVENT", WorkflowName: "wf", EventBatchingCondition: { BatchSize: 5, BatchWindow: 300 } });

    expect(await trigger("od")).toMatchObject({ Name: "od", Type: "ON_DEMAND", State: "CREATED", Actions: [{ JobName: "a" }] });
    expect(await trigger("sched")).toMatchObject({ Type: "SCHEDULED", State: "ACTIVATED", Schedule: "cron(0 12 ? * MON-FRI *)", Description: "weekdays" });
    expect(await trigger("cond")).toMatchObject({ Type: "CONDITIONAL", State: "CREATED", Predicate: { Conditions: [onJob("a")] }, Actions: [{ JobName: "b", Arguments: { "--x": "1" }, Timeout: 30 }] });
    expect(await trigger("ev")).toMatchObject({ Type: "EVENT", WorkflowName: "wf", EventBatchingCondition: { BatchSize: 5, BatchWindow: 300 } });
  });

  it("refuses definitions AWS refuses, with InvalidInputException naming the problem", async () => {
    const cases: Array<[Partial<CreateTriggerRequest>, string]> = [
      [{ Type: "CONDITIONAL" }, "Predicate cannot be null or empty"],
      [{ Type: "CONDITIONAL", Predicate: { Conditions: [{ JobName: "a", State: "SUCCEEDED" }] } }, "Logical operator cannot be null or empty"],
      [{ Type: "CONDITIONAL", Predicate: { Conditions: [onJob("a"), onJob("b")] } }, "Logical (AND or ANY) is required"],
      [{ Type: "CONDITIONAL", Predicate: { Conditions: [{ LogicalOperator: "EQUALS", JobName: "a", State: "RUNNING" }] } }, "[SUCCEEDED, STOPPED, FAILED, TIMEOUT]"],
      [{ Type: "CONDITIONAL", Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "crawl" }] } }, "[SUCCEEDED, FAILED, CANCELLED]"],
      [{ Actions: [{ JobName: "a", CrawlerName: "crawl" }] }, "Both JobName and CrawlerName cannot be set together in an action"],
      [{ Actions: [] }, "Actions cannot be null or empty"],
      [{ Type: "SCHEDULED" }, "Schedule cannot be null or empty"],
      [{ Type: "SCHEDULED", Schedule: "cron(0 12 * * * *)" }, "Invalid schedule expression"],
      [{ Type: "SCHEDULED", Schedule: "rate(5 minutes)" }, "Invalid schedule expression"],
      [{ Schedule: "cron(0 12 * * ? *)" }, "Schedule is only valid for SCHEDULED triggers"],
      [{ StartOnCreation: true }, "StartOnCreation is not supported for ON_DEMAND triggers"],
      [{ Type: "EVENT" }, "must belong to one"],
      [{ Actions: [{ CrawlerName: "crawl" }, { CrawlerName: "crawl" }, { CrawlerName: "crawl" }] }, "Only two crawlers"],
      [{ Actions: [{ JobName: "a", Timeout: 10081 }] }, "Action of a: Timeout must be at most 10080 minutes (7 days)."],
    ];
    for (const [input, message] of cases) {
      const error = await rejectionOf(createTrigger({ Name: "bad", ...input }));
      expect(error, message).toBeInstanceOf(InvalidInputException);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain(message);
    }
    const badType = await rejectionOf(createTrigger({ Name: "bad", Type: "WEEKLY" as never }));
    expect(badType.message).toContain("Value 'WEEKLY' at 'type' failed to satisfy constraint: Member must satisfy enum value set");
    const badLogical = await rejectionOf(createTrigger({ Name: "bad", Type: "CONDITIONAL", Predicate: { Logical: "OR" as never, Conditions: [onJob("a")] } }));
    expect(badLogical.message).toContain("at 'predicate.logical'");
    const badBatch = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "w" })).then(() => createTrigger({ Name: "bad", Type: "EVENT", WorkflowName: "w", EventBatchingCondition: { BatchSize: 101 } })));
    expect(badBatch.message).toContain("at 'eventBatchingCondition.batchSize'");
    expect((await glue.send(new ListTriggersCommand({}))).TriggerNames).toEqual([]);
  });

  it("refuses duplicates and references to missing jobs, crawlers and workflows", async () => {
    await createTrigger({ Name: "t" });
    const dup = await rejectionOf(createTrigger({ Name: "t" }));
    expect(dup).toBeInstanceOf(AlreadyExistsException);
    expect(dup.message).toContain("Trigger t already exists");

    const noJob = await rejectionOf(createTrigger({ Name: "x", Actions: [{ JobName: "ghost" }] }));
    expect(noJob).toBeInstanceOf(EntityNotFoundException);
    expect(noJob.message).toBe("Job ghost not found.");
    const noCrawler = await rejectionOf(createTrigger({ Name: "x", Type: "CONDITIONAL", Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "ghost", CrawlState: "SUCCEEDED" }] } }));
    expect(noCrawler).toBeInstanceOf(EntityNotFoundException);
    expect(noCrawler.message).toContain("ghost");
    const noWorkflow = await rejectionOf(createTrigger({ Name: "x", WorkflowName: "ghost-flow" }));
    expect(noWorkflow).toBeInstanceOf(EntityNotFoundException);
    expect(noWorkflow.message).toContain("ghost-flow");

    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createTrigger({ Name: "start", WorkflowName: "wf" });
    const second = await rejectionOf(createTrigger({ Name: "start2", WorkflowName: "wf", Type: "SCHEDULED", Schedule: "cron(0 0 * * ? *)" }));
    expect(second).toBeInstanceOf(InvalidInputException);
    expect(second.message).toContain("already has a start trigger (start)");
  });

  it("updates by overwriting the definition, and refuses invalid or missing updates", async () => {
    await createTrigger({ Name: "s", Type: "SCHEDULED", Schedule: "cron(0 1 * * ? *)", Description: "old" });
    const { Trigger } = await glue.send(new UpdateTriggerCommand({ Name: "s", TriggerUpdate: { Schedule: "cron(30 2 * * ? *)", Actions: [{ JobName: "b" }] } }));
    expect(Trigger).toMatchObject({ Name: "s", Type: "SCHEDULED", Schedule: "cron(30 2 * * ? *)", Actions: [{ JobName: "b" }] });
    expect(Trigger?.Description).toBeUndefined();
    const kept = await glue.send(new UpdateTriggerCommand({ Name: "s", TriggerUpdate: { Description: "new" } }));
    expect(kept.Trigger).toMatchObject({ Schedule: "cron(30 2 * * ? *)", Actions: [{ JobName: "b" }], Description: "new" });

    const missing = await rejectionOf(glue.send(new UpdateTriggerCommand({ Name: "ghost", TriggerUpdate: {} })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    const badCron = await rejectionOf(glue.send(new UpdateTriggerCommand({ Name: "s", TriggerUpdate: { Schedule: "cron(61 * * * ? *)" } })));
    expect(badCron).toBeInstanceOf(InvalidInputException);
    const badJob = await rejectionOf(glue.send(new UpdateTriggerCommand({ Name: "s", TriggerUpdate: { Actions: [{ JobName: "ghost" }] } })));
    expect(badJob).toBeInstanceOf(EntityNotFoundException);
    expect((await trigger("s")).Actions).toEqual([{ JobName: "b" }]);
  });

  it("deletes triggers (a missing one too) and takes them out of their workflow's graph", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createTrigger({ Name: "t", WorkflowName: "wf" });
    expect((await glue.send(new GetWorkflowCommand({ Name: "wf", IncludeGraph: true }))).Workflow?.Graph?.Nodes).toHaveLength(2);
    expect((await glue.send(new DeleteTriggerCommand({ Name: "t" }))).Name).toBe("t");
    expect((await glue.send(new GetWorkflowCommand({ Name: "wf", IncludeGraph: true }))).Workflow?.Graph).toEqual({ Nodes: [], Edges: [] });
    expect(await rejectionOf(glue.send(new GetTriggerCommand({ Name: "t" })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new DeleteTriggerCommand({ Name: "never" }))).Name).toBe("never");
  });

  it("gets, batch-gets and lists triggers, with DependentJobName, tags and the SDK paginators", async () => {
    await createTrigger({ Name: "t1", Actions: [{ JobName: "a" }], Tags: { env: "prod" } });
    await createTrigger({ Name: "t2", Actions: [{ JobName: "b" }] });
    await createTrigger({ Name: "t3", Actions: [{ JobName: "a" }, { JobName: "b" }], Tags: { env: "prod" } });

    const pages: string[][] = [];
    for await (const page of paginateGetTriggers({ client: glue, pageSize: 2 }, {})) pages.push((page.Triggers ?? []).map((t) => t.Name!));
    expect(pages).toEqual([["t1", "t2"], ["t3"]]);
    const names: string[] = [];
    for await (const page of paginateListTriggers({ client: glue, pageSize: 1 }, { Tags: { env: "prod" } })) names.push(...(page.TriggerNames ?? []));
    expect(names).toEqual(["t1", "t3"]);

    expect((await glue.send(new GetTriggersCommand({ DependentJobName: "a" }))).Triggers?.map((t) => t.Name)).toEqual(["t1", "t3"]);
    expect((await glue.send(new ListTriggersCommand({ DependentJobName: "b", Tags: { env: "prod" } }))).TriggerNames).toEqual(["t3"]);
    // "If there is no such trigger, all triggers are returned."
    expect((await glue.send(new GetTriggersCommand({ DependentJobName: "c" }))).Triggers).toHaveLength(3);
    const unknownJob = await rejectionOf(glue.send(new ListTriggersCommand({ DependentJobName: "ghost" })));
    expect(unknownJob).toBeInstanceOf(EntityNotFoundException);

    const batch = await glue.send(new BatchGetTriggersCommand({ TriggerNames: ["t2", "zz"] }));
    expect(batch.Triggers?.map((t) => t.Name)).toEqual(["t2"]);
    expect(batch.TriggersNotFound).toEqual(["zz"]);
    expect(await rejectionOf(glue.send(new GetTriggerCommand({ Name: "zz" })))).toBeInstanceOf(EntityNotFoundException);
    const big = await rejectionOf(glue.send(new GetTriggersCommand({ MaxResults: 201 })));
    expect(big.message).toContain("less than or equal to 200");
  });

  it("activates and deactivates scheduled and conditional triggers; on-demand ones cannot be stopped", async () => {
    await createTrigger({ Name: "s", Type: "SCHEDULED", Schedule: "cron(0 1 * * ? *)" });
    expect((await glue.send(new StartTriggerCommand({ Name: "s" }))).Name).toBe("s");
    expect((await trigger("s")).State).toBe("ACTIVATED");
    expect((await glue.send(new StopTriggerCommand({ Name: "s" }))).Name).toBe("s");
    expect((await trigger("s")).State).toBe("DEACTIVATED");

    await createTrigger({ Name: "od" });
    const stop = await rejectionOf(glue.send(new StopTriggerCommand({ Name: "od" })));
    expect(stop).toBeInstanceOf(InvalidInputException);
    expect(stop.message).toContain("ON_DEMAND");
    expect(await rejectionOf(glue.send(new StartTriggerCommand({ Name: "ghost" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new StopTriggerCommand({ Name: "ghost" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("fires an on-demand trigger's actions, and conditional triggers down the chain it started", async () => {
    await createTrigger({ Name: "go", Actions: [{ JobName: "a", Arguments: { "--from": "trigger" } }, { CrawlerName: "crawl" }] });
    await createTrigger({ Name: "then", Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical: "AND", Conditions: [onJob("a"), { LogicalOperator: "EQUALS", CrawlerName: "crawl", CrawlState: "SUCCEEDED" }] }, Actions: [{ JobName: "b" }] });
    await createTrigger({ Name: "off", Type: "CONDITIONAL", Predicate: { Conditions: [onJob("a")] }, Actions: [{ JobName: "c" }] });

    await glue.send(new StartTriggerCommand({ Name: "go" }));
    expect((await trigger("go")).State).toBe("CREATED");
    const [runA] = await runsOf("a");
    expect(runA).toMatchObject({ TriggerName: "go", Arguments: { "--from": "trigger" } });
    const { value } = await pollUntil(() => runsOf("b"), (runs) => runs[0]?.JobRunState === "SUCCEEDED", 10);
    expect(value[0]?.TriggerName).toBe("then");
    const withPredecessors = await glue.send(new GetJobRunCommand({ JobName: "b", RunId: value[0]!.Id!, PredecessorsIncluded: true }));
    expect(withPredecessors.JobRun?.PredecessorRuns).toEqual([{ JobName: "a", RunId: runA!.Id }]);
    // The never-activated trigger did not fire.
    expect(await runsOf("c")).toEqual([]);
  });

  it("does not fire conditional triggers for jobs that were not started by a trigger", async () => {
    await createTrigger({ Name: "then", Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Conditions: [onJob("a")] }, Actions: [{ JobName: "b" }] });
    await glue.send(new StartJobRunCommand({ JobName: "a" }));
    await pollUntil(() => runsOf("a"), (runs) => runs[0]?.JobRunState === "SUCCEEDED");
    aws.settle();
    expect(await runsOf("b")).toEqual([]);
  });

  it("fires on failure outcomes too: a trigger watching FAILED runs its action", async () => {
    await createTrigger({ Name: "go", Actions: [{ JobName: "a" }] });
    await createTrigger({ Name: "on-fail", Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Conditions: [onJob("a", "FAILED")] }, Actions: [{ JobName: "c" }] });
    aws.lifecycle("Glue.JobRun", { JobName: "a" }).endsIn("FAILED");
    await glue.send(new StartTriggerCommand({ Name: "go" }));
    aws.settle();
    expect((await runsOf("c"))[0]).toMatchObject({ TriggerName: "on-fail", JobRunState: "SUCCEEDED" });
  });

  it("starts a workflow run when the workflow's on-demand trigger is started, within its MaxConcurrentRuns", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf", MaxConcurrentRuns: 1 }));
    await createTrigger({ Name: "start", WorkflowName: "wf", Actions: [{ JobName: "a" }] });
    await glue.send(new StartTriggerCommand({ Name: "start" }));
    const { Runs } = await glue.send(new GetWorkflowRunsCommand({ Name: "wf" }));
    expect(Runs).toHaveLength(1);
    const error = await rejectionOf(glue.send(new StartTriggerCommand({ Name: "start" })));
    expect(error).toBeInstanceOf(ConcurrentRunsExceededException);
    expect(error.message).toContain("wf");
  });

  it("refuses to fire an on-demand trigger whose job is at its concurrency limit", async () => {
    await createTrigger({ Name: "go", Actions: [{ JobName: "a" }] });
    await glue.send(new StartJobRunCommand({ JobName: "a" }));
    const error = await rejectionOf(glue.send(new StartTriggerCommand({ Name: "go" })));
    expect(error).toBeInstanceOf(ConcurrentRunsExceededException);
    expect(error.message).toContain("a");
    expect(await runsOf("a")).toHaveLength(1);
  });
});
