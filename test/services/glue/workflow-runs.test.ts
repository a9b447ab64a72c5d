import {
  ConcurrentRunsExceededException,
  CreateTriggerCommand,
  type CreateTriggerRequest,
  CreateWorkflowCommand,
  DeleteJobCommand,
  DeleteWorkflowCommand,
  EntityNotFoundException,
  GetJobRunsCommand,
  GetWorkflowCommand,
  GetWorkflowRunCommand,
  GetWorkflowRunPropertiesCommand,
  GetWorkflowRunsCommand,
  IllegalWorkflowStateException,
  InvalidInputException,
  type Node,
  paginateGetWorkflowRuns,
  PutWorkflowRunPropertiesCommand,
  ResumeWorkflowRunCommand,
  StartCrawlerCommand,
  StartJobRunCommand,
  StartWorkflowRunCommand,
  StopWorkflowRunCommand,
  UpdateTriggerCommand,
  UpdateWorkflowCommand,
  type WorkflowRun,
} from "@aws-sdk/client-glue";
import { AwsDoublesUsageError } from "aws-doubles";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createCrawler, createJob, glue, pollUntil } from "./helpers.js";

const onJob = (JobName: string, State: "SUCCEEDED" | "FAILED" | "STOPPED" = "SUCCEEDED") => ({ LogicalOperator: "EQUALS" as const, JobName, State });
const trigger = (input: Partial<CreateTriggerRequest> & { Name: string }) =>
  glue.send(new CreateTriggerCommand({ Type: "ON_DEMAND", WorkflowName: "wf", Actions: [], ...input } as CreateTriggerRequest));
const conditional = (Name: string, after: string[], run: string[], Logical: "AND" | "ANY" = "AND") =>
  trigger({ Name, Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical, Conditions: after.map((j) => onJob(j)) }, Actions: run.map((JobName) => ({ JobName })) });
const getRun = async (RunId: string, IncludeGraph = true) => (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId, IncludeGraph }))).Run!;
const complete = (RunId: string, maxReads = 20) => pollUntil(() => getRun(RunId), (run) => run.Status === "COMPLETED" || run.Status === "STOPPED", maxReads);
const node = (run: WorkflowRun, name: string): Node => run.Graph!.Nodes!.find((n) => n.Name === name)!;
const jobState = (run: WorkflowRun, name: string) => node(run, name).JobDetails?.JobRuns?.at(-1)?.JobRunState;

/** wf: start → a → (b, c) → d (AND on b and c). */
async function diamond(options: { d?: "AND" | "ANY" } = {}) {
  await glue.send(new CreateWorkflowCommand({ Name: "wf", DefaultRunProperties: { env: "test", day: "default" } }));
  for (const name of ["a", "b", "c", "d"]) await createJob(name);
  await trigger({ Name: "start", Actions: [{ JobName: "a" }] });
  await conditional("after-a", ["a"], ["b", "c"]);
  await conditional("after-bc", ["b", "c"], ["d"], options.d ?? "AND");
}

describe("Glue workflow runs", () => {
  it("runs the graph to COMPLETED, firing triggers as their predicates become true, with true Statistics at every read", async () => {
    await diamond();
    const { RunId, $metadata } = await glue.send(new StartWorkflowRunCommand({ Name: "wf", RunProperties: { day: "2026-11-22" } }));
    expect($metadata.httpStatusCode).toBe(200);
    expect(RunId).toMatch(/^wr_[0-9a-f]{64}$/);

    const seen: WorkflowRun[] = [];
    const { value: done } = await pollUntil(
      () => getRun(RunId!),
      (run) => (seen.push(run), run.Status === "COMPLETED"),
    );
    expect(seen[0]).toMatchObject({ Status: "RUNNING", Statistics: { TotalActions: 1, RunningActions: 1 } });
    for (const run of seen) {
      const s = run.Statistics!;
      expect(s.TotalActions).toBe(s.RunningActions! + s.SucceededActions! + s.FailedActions! + s.StoppedActions! + s.TimeoutActions! + s.ErroredActions! + s.WaitingActions!);
      // Each job node shows its runs as soon as it has one, never before.
      const started = run.Graph!.Nodes!.filter((n) => n.JobDetails?.JobRuns?.length).length;
      expect(started).toBe(s.TotalActions);
    }
    expect(done.Statistics).toEqual({ TotalActions: 4, SucceededActions: 4, RunningActions: 0, FailedActions: 0, StoppedActions: 0, TimeoutActions: 0, ErroredActions: 0, WaitingActions: 0 });
    expect(done.CompletedOn).toBeInstanceOf(Date);
    expect(done.WorkflowRunProperties).toEqual({ env: "test", day: "2026-11-22" });
    expect(node(done, "d").JobDetails?.JobRuns?.[0]).toMatchObject({ TriggerName: "after-bc", Arguments: { "--WORKFLOW_NAME": "wf", "--WORKFLOW_RUN_ID": RunId } });
    // Three levels of jobs, two steps each, and the read that shows COMPLETED: 2d + 1 reads.
    expect(seen.length).toBe(7);
  });

  it("needs no more reads for a wide graph than for a single job", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "one" }));
    await createJob("alone");
    await trigger({ Name: "start-one", WorkflowName: "one", Actions: [{ JobName: "alone" }] });
    const single = await glue.send(new StartWorkflowRunCommand({ Name: "one" }));
    const one = await pollUntil(async () => (await glue.send(new GetWorkflowRunCommand({ Name: "one", RunId: single.RunId }))).Run!, (run) => run.Status === "COMPLETED");

    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    const wide = Array.from({ length: 12 }, (_, i) => `job-${i}`);
    for (const name of wide) await createJob(name);
    await trigger({ Name: "start", Actions: wide.map((JobName) => ({ JobName })) });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const { value, reads } = await complete(RunId!);
    expect(value.Statistics?.SucceededActions).toBe(12);
    // RUNNING with its jobs STARTING, then RUNNING, then COMPLETED: one job's depth.
    expect(reads).toBe(one.reads);
    expect(reads).toBe(3);
  });

  it("completes even when a node fails; the failure shows in Statistics and the run graph only", async () => {
    await diamond();
    aws.lifecycle("Glue.JobRun", { JobName: "b", WorkflowName: "wf" }).endsIn("FAILED", { message: "bad input" });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const { value } = await complete(RunId!);
    expect(value.Status).toBe("COMPLETED");
    expect(value.Statistics).toMatchObject({ TotalActions: 3, SucceededActions: 2, FailedActions: 1 });
    expect(jobState(value, "b")).toBe("FAILED");
    expect(node(value, "b").JobDetails?.JobRuns?.[0]?.ErrorMessage).toBe("bad input");
    expect(node(value, "d").JobDetails).toBeUndefined(); // the AND trigger never fired
  });

  it("fires an ANY trigger once, on the first watched success", async () => {
    await diamond({ d: "ANY" });
    aws.lifecycle("Glue.JobRun", { JobName: "c" }).endsIn("FAILED");
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const { value } = await complete(RunId!);
    expect(node(value, "d").JobDetails?.JobRuns).toHaveLength(1);
    expect(value.Statistics).toMatchObject({ TotalActions: 4, SucceededActions: 3, FailedActions: 1 });
  });

  it("runs crawlers in workflows and fires on crawl states", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createCrawler("cr");
    await createJob("load");
    await trigger({ Name: "start", Actions: [{ CrawlerName: "cr" }] });
    await trigger({ Name: "after", Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "cr", CrawlState: "SUCCEEDED" }] }, Actions: [{ JobName: "load" }] });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const first = await getRun(RunId!);
    expect(node(first, "cr").CrawlerDetails?.Crawls?.[0]?.State).toBe("RUNNING");
    const { value } = await complete(RunId!);
    expect(node(value, "cr").CrawlerDetails?.Crawls?.[0]).toMatchObject({ State: "SUCCEEDED", LogGroup: "/aws-glue/crawlers", LogStream: "cr" });
    expect(jobState(value, "load")).toBe("SUCCEEDED");
  });

  it("fires only conditional triggers that were activated when the run began", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createJob("a");
    await createJob("b");
    await trigger({ Name: "start", Actions: [{ JobName: "a" }] });
    await trigger({ Name: "idle", Type: "CONDITIONAL", Predicate: { Conditions: [onJob("a")] }, Actions: [{ JobName: "b" }] });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const { value } = await complete(RunId!);
    expect(value.Statistics?.TotalActions).toBe(1);
    expect(node(value, "idle").TriggerDetails?.Trigger?.State).toBe("CREATED");
  });

  it("keeps the trigger snapshot of its start, while job changes take effect (a deleted job's run is ERROR)", async () => {
    await diamond();
    aws.configure({ transitions: "manual" });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    await glue.send(new UpdateTriggerCommand({ Name: "after-a", TriggerUpdate: { Actions: [{ JobName: "b" }] } }));
    await glue.send(new DeleteJobCommand({ JobName: "c" }));
    aws.settle();
    const run = await getRun(RunId!);
    expect(node(run, "after-a").TriggerDetails?.Trigger?.Actions).toEqual([{ JobName: "b" }, { JobName: "c" }]);
    expect(jobState(run, "c")).toBe("ERROR");
    expect(node(run, "c").JobDetails?.JobRuns?.[0]?.ErrorMessage).toContain("does not exist");
    expect(run.Statistics).toMatchObject({ TotalActions: 3, SucceededActions: 2, ErroredActions: 1 });
  });

  it("records a FAILED job run when a trigger finds the job at its concurrency limit", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createJob("solo");
    await trigger({ Name: "start", Actions: [{ JobName: "solo" }] });
    await glue.send(new StartJobRunCommand({ JobName: "solo" }));
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const run = await getRun(RunId!);
    expect(node(run, "solo").JobDetails?.JobRuns?.[0]).toMatchObject({ JobRunState: "FAILED", ErrorMessage: "Concurrent runs exceeded for solo" });
  });

  it("completes a workflow without triggers on the read after its start, with no actions", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    expect(await getRun(RunId!)).toMatchObject({ Status: "RUNNING", Statistics: { TotalActions: 0 } }); // as StartWorkflowRun left it
    const run = await getRun(RunId!);
    expect(run).toMatchObject({ Status: "COMPLETED", Statistics: { TotalActions: 0 }, Graph: { Nodes: [], Edges: [] } });
  });

  it("advances when the last job of the pipeline is polled instead of the run", async () => {
    await diamond();
    await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const { value } = await pollUntil(async () => (await glue.send(new GetJobRunsCommand({ JobName: "d" }))).JobRuns ?? [], (runs) => runs[0]?.JobRunState === "SUCCEEDED", 15);
    expect(value[0]?.TriggerName).toBe("after-bc");
  });

  it("enforces MaxConcurrentRuns with ConcurrentRunsExceededException and reports missing workflows and runs", async () => {
    await diamond();
    await glue.send(new CreateWorkflowCommand({ Name: "limited", MaxConcurrentRuns: 1 }));
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "limited" }));
    const error = await rejectionOf(glue.send(new StartWorkflowRunCommand({ Name: "limited" })));
    expect(error).toBeInstanceOf(ConcurrentRunsExceededException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe("Concurrent runs exceeded for workflow: limited");
    await pollUntil(async () => (await glue.send(new GetWorkflowRunCommand({ Name: "limited", RunId }))).Run!, (run) => run.Status === "COMPLETED");
    await expect(glue.send(new StartWorkflowRunCommand({ Name: "limited" }))).resolves.toBeDefined();

    const noWorkflow = await rejectionOf(glue.send(new StartWorkflowRunCommand({ Name: "ghost" })));
    expect(noWorkflow).toBeInstanceOf(EntityNotFoundException);
    expect(noWorkflow.message).toBe("Workflow ghost not found.");
    const noRun = await rejectionOf(glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId: "wr_missing" })));
    expect(noRun).toBeInstanceOf(EntityNotFoundException);
    expect(noRun.message).toContain("wr_missing");
    const badKey = await rejectionOf(glue.send(new StartWorkflowRunCommand({ Name: "wf", RunProperties: { "": "x" } })));
    expect(badKey).toBeInstanceOf(InvalidInputException);
  });

  it("stops a run: RUNNING → STOPPING → STOPPED, its parts stopped and nothing more fired", async () => {
    await diamond();
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    expect(jobState(await getRun(RunId!), "a")).toBe("STARTING"); // this read moves a on to RUNNING
    expect((await glue.send(new StopWorkflowRunCommand({ Name: "wf", RunId }))).$metadata.httpStatusCode).toBe(200);
    const stopping = await getRun(RunId!); // as StopWorkflowRun left it
    expect([stopping.Status, jobState(stopping, "a")]).toEqual(["STOPPING", "STOPPING"]);
    expect((await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId }))).Run?.Status).toBe("STOPPED");
    const run = await getRun(RunId!);
    expect(jobState(run, "a")).toBe("STOPPED");
    expect(run.Statistics).toMatchObject({ TotalActions: 1, StoppedActions: 1 });

    const again = await rejectionOf(glue.send(new StopWorkflowRunCommand({ Name: "wf", RunId })));
    expect(again).toBeInstanceOf(IllegalWorkflowStateException);
    expect(again.$metadata.httpStatusCode).toBe(400);
    expect(again.message).toContain("STOPPED");
    expect(await rejectionOf(glue.send(new StopWorkflowRunCommand({ Name: "wf", RunId: "wr_x" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("shows STOPPING while a stopped part is still stopping", async () => {
    await diamond();
    aws.configure({ transitions: "manual" });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    await glue.send(new StopWorkflowRunCommand({ Name: "wf", RunId }));
    expect((await getRun(RunId!)).Status).toBe("STOPPING");
    aws.step();
    aws.step();
    expect((await getRun(RunId!)).Status).toBe("STOPPED");
  });

  it("resumes a COMPLETED run from failed nodes: a new run that reruns them and what lies downstream", async () => {
    await diamond();
    aws.lifecycle("Glue.JobRun", { JobName: "b" }).endsIn("FAILED", { times: 1 });
    aws.lifecycle("Glue.JobRun", { JobName: "c" }).endsIn("FAILED", { times: 1 });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    await glue.send(new PutWorkflowRunPropertiesCommand({ Name: "wf", RunId, RunProperties: { written: "by a" } }));
    const { value: original } = await complete(RunId!);
    const b = node(original, "b").UniqueId!;
    const c = node(original, "c").UniqueId!;
    const d = node(original, "d").UniqueId!;

    const resumed = await glue.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId, NodeIds: [b, c] }));
    expect(resumed.RunId).toMatch(/^wr_[0-9a-f]{64}$/);
    expect(resumed.NodeIds?.sort()).toEqual([b, c].sort());
    const first = await getRun(resumed.RunId!);
    expect(first.PreviousRunId).toBe(RunId);
    expect(first.WorkflowRunProperties).toMatchObject({ written: "by a" });
    // Not rerun: copied from the original run with its details.
    expect(node(first, "a").JobDetails?.JobRuns?.[0]?.Id).toBe(node(original, "a").JobDetails?.JobRuns?.[0]?.Id);
    const { value: done } = await complete(resumed.RunId!);
    expect(jobState(done, "b")).toBe("SUCCEEDED");
    expect(jobState(done, "d")).toBe("SUCCEEDED");
    expect(done.Statistics).toMatchObject({ TotalActions: 3, SucceededActions: 3 });
    expect(done.Graph?.Nodes?.map((n) => n.UniqueId)).toEqual(original.Graph?.Nodes?.map((n) => n.UniqueId));

    // A selected node downstream of another selected node is not restarted itself.
    const redundant = await glue.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId: resumed.RunId, NodeIds: [b, d] }));
    expect(redundant.NodeIds).toEqual([b]);
    const { value: twice } = await complete(redundant.RunId!);
    expect(twice.PreviousRunId).toBe(resumed.RunId);
    // d waits for b (rerun) and c (copied SUCCEEDED): the AND fires on b's new success.
    expect(twice.Statistics).toMatchObject({ TotalActions: 2, SucceededActions: 2 });
  });

  it("refuses to resume a run that is not COMPLETED, or from nodes that are triggers, unknown or never ran", async () => {
    await diamond();
    aws.lifecycle("Glue.JobRun", { JobName: "a" }).endsIn("FAILED", { times: 1 });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const running = await getRun(RunId!);
    const a = node(running, "a").UniqueId!;
    const notDone = await rejectionOf(glue.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId, NodeIds: [a] })));
    expect(notDone).toBeInstanceOf(IllegalWorkflowStateException);
    expect(notDone.message).toContain("only a COMPLETED run can be resumed");

    const { value } = await complete(RunId!);
    const cases: Array<[string, string]> = [
      [node(value, "start").UniqueId!, "from a trigger node"],
      [node(value, "d").UniqueId!, "has no run attempt"],
      ["wnode_unknown", "is not a node of workflow run"],
    ];
    for (const [id, message] of cases) {
      const error = await rejectionOf(glue.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId, NodeIds: [id] })));
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain(message);
    }
    const missing = await rejectionOf(glue.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId: "wr_gone", NodeIds: [a] })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
  });

  it("applies MaxConcurrentRuns to resumed runs", async () => {
    await diamond();
    aws.lifecycle("Glue.JobRun", { JobName: "d" }).endsIn("FAILED", { times: 1 });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const { value } = await complete(RunId!);
    await glue.send(new UpdateWorkflowCommand({ Name: "wf", MaxConcurrentRuns: 1 }));
    await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const error = await rejectionOf(glue.send(new ResumeWorkflowRunCommand({ Name: "wf", RunId, NodeIds: [node(value, "d").UniqueId!] })));
    expect(error).toBeInstanceOf(ConcurrentRunsExceededException);
  });

  it("merges run properties on put and reads them back; missing runs are EntityNotFoundException", async () => {
    await diamond();
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf", RunProperties: { day: "monday" } }));
    await glue.send(new PutWorkflowRunPropertiesCommand({ Name: "wf", RunId, RunProperties: { day: "tuesday", rows: "10" } }));
    const { RunProperties } = await glue.send(new GetWorkflowRunPropertiesCommand({ Name: "wf", RunId }));
    expect(RunProperties).toEqual({ env: "test", day: "tuesday", rows: "10" });
    // The workflow's defaults are not affected.
    expect((await glue.send(new GetWorkflowCommand({ Name: "wf" }))).Workflow?.DefaultRunProperties).toEqual({ env: "test", day: "default" });

    const missing = await rejectionOf(glue.send(new PutWorkflowRunPropertiesCommand({ Name: "wf", RunId: "wr_nope", RunProperties: { a: "b" } })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetWorkflowRunPropertiesCommand({ Name: "ghost", RunId })))).toBeInstanceOf(EntityNotFoundException);
    const noProps = await rejectionOf(glue.send(new PutWorkflowRunPropertiesCommand({ Name: "wf", RunId } as never)));
    expect(noProps).toBeInstanceOf(InvalidInputException);
    expect(noProps.message).toContain("'runProperties'");
  });

  it("lists runs newest first with the SDK paginator, and shows the newest as the workflow's LastRun", async () => {
    await diamond();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await glue.send(new StartWorkflowRunCommand({ Name: "wf" }))).RunId!);
    const pages: string[][] = [];
    for await (const page of paginateGetWorkflowRuns({ client: glue, pageSize: 2 }, { Name: "wf" })) pages.push((page.Runs ?? []).map((r) => r.WorkflowRunId!));
    expect(pages).toEqual([[ids[2], ids[1]], [ids[0]]]);
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "wf" }));
    expect(Workflow?.LastRun?.WorkflowRunId).toBe(ids[2]);
    expect(Workflow?.LastRun?.Graph).toBeUndefined();
    const { Runs } = await glue.send(new GetWorkflowRunsCommand({ Name: "wf", IncludeGraph: true, MaxResults: 1 }));
    expect(Runs?.[0]?.Graph?.Nodes).toHaveLength(7);
    expect(await rejectionOf(glue.send(new GetWorkflowRunsCommand({ Name: "ghost" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("can be held and released through the lifecycle controls, but has no failure outcome of its own", async () => {
    await diamond();
    const hold = aws.lifecycle("Glue.WorkflowRun", { WorkflowName: "wf" }).staysIn("RUNNING");
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    for (let i = 0; i < 12; i++) await getRun(RunId!);
    expect((await getRun(RunId!)).Status).toBe("RUNNING");
    expect(aws.running("Glue.WorkflowRun")).toHaveLength(1);
    hold.release();
    expect((await complete(RunId!)).value.Status).toBe("COMPLETED");
    expect(() => aws.lifecycle("Glue.WorkflowRun").endsIn("FAILED" as never)).toThrow(AwsDoublesUsageError);
  });

  it("settles every run to its end at once", async () => {
    await diamond();
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    aws.settle();
    expect(aws.running()).toEqual([]);
    expect((await getRun(RunId!)).Statistics).toMatchObject({ TotalActions: 4, SucceededActions: 4 });
  });

  it("deleting a workflow stops its runs and deletes its triggers, not its jobs", async () => {
    await diamond();
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    await glue.send(new DeleteWorkflowCommand({ Name: "wf" }));
    expect(await rejectionOf(glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId })))).toBeInstanceOf(EntityNotFoundException);
    aws.settle();
    const { JobRuns } = await glue.send(new GetJobRunsCommand({ JobName: "a" }));
    expect(JobRuns?.[0]?.JobRunState).toBe("STOPPED");
    expect(await rejectionOf(glue.send(new UpdateTriggerCommand({ Name: "start", TriggerUpdate: {} })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("waits for a failed job's retries before firing on its outcome", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createJob("flaky", { MaxRetries: 1 });
    await createJob("on-fail");
    await createJob("on-success");
    await trigger({ Name: "start", Actions: [{ JobName: "flaky" }] });
    await trigger({ Name: "failed", Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Conditions: [onJob("flaky", "FAILED")] }, Actions: [{ JobName: "on-fail" }] });
    await conditional("succeeded", ["flaky"], ["on-success"]);
    aws.lifecycle("Glue.JobRun", { JobName: "flaky" }).endsIn("FAILED", { times: 1 });
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const { value } = await complete(RunId!);
    expect(node(value, "flaky").JobDetails?.JobRuns?.map((r) => [r.Attempt, r.JobRunState])).toEqual([
      [0, "FAILED"],
      [1, "SUCCEEDED"],
    ]);
    expect(node(value, "on-fail").JobDetails).toBeUndefined();
    expect(jobState(value, "on-success")).toBe("SUCCEEDED");
    expect(value.Statistics).toMatchObject({ TotalActions: 3, FailedActions: 1, SucceededActions: 2 });
  });

  it("records an ERROR crawl when a trigger finds its crawler already running", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await createCrawler("busy");
    await trigger({ Name: "start", Actions: [{ CrawlerName: "busy" }] });
    await glue.send(new StartCrawlerCommand({ Name: "busy" }));
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const first = await getRun(RunId!);
    expect(node(first, "busy").CrawlerDetails?.Crawls?.[0]).toMatchObject({ State: "ERROR", ErrorMessage: "Crawler busy is already running." });
    expect(first).toMatchObject({ Status: "RUNNING", Statistics: { TotalActions: 1, ErroredActions: 1 } });
    // Nothing is left in progress: the read that saw it RUNNING completed it.
    expect(await getRun(RunId!)).toMatchObject({ Status: "COMPLETED", Statistics: { TotalActions: 1, ErroredActions: 1 } });
  });
});
