import {
  BatchStopJobRunCommand,
  ConcurrentRunsExceededException,
  EntityNotFoundException,
  GetJobRunCommand,
  GetJobRunsCommand,
  InvalidInputException,
  paginateGetJobRuns,
  StartJobRunCommand,
  type StartJobRunRequest,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createJob, glue, pollUntil } from "./helpers.js";

const stateOf = async (JobName: string, RunId: string) => (await glue.send(new GetJobRunCommand({ JobName, RunId }))).JobRun!;

describe("Glue job runs", () => {
  it("starts a run that reads STARTING, RUNNING, then SUCCEEDED, one step per read", async () => {
    await createJob("etl", { DefaultArguments: { "--env": "prod" }, WorkerType: "G.1X", NumberOfWorkers: 4, Timeout: 90 });
    const { JobRunId, $metadata } = await glue.send(new StartJobRunCommand({ JobName: "etl", Arguments: { "--day": "2026-11-22" } }));
    expect($metadata.httpStatusCode).toBe(200);
    expect(JobRunId).toMatch(/^jr_[0-9a-f]{64}$/);

    const states: string[] = [];
    let run;
    do {
      run = await stateOf("etl", JobRunId!);
      states.push(run.JobRunState!);
    } while (run.JobRunState !== "SUCCEEDED");
    expect(states).toEqual(["STARTING", "RUNNING", "SUCCEEDED"]);
    expect(run).toMatchObject({ Id: JobRunId, JobName: "etl", Attempt: 0, Arguments: { "--day": "2026-11-22" }, WorkerType: "G.1X", NumberOfWorkers: 4, Timeout: 90, GlueVersion: "0.9" });
    expect(run.StartedOn).toBeInstanceOf(Date);
    expect(run.CompletedOn).toBeInstanceOf(Date);
    expect(run.ErrorMessage).toBeUndefined();
  });

  it("shows the first state in the creation's own request, then nothing moves in manual mode until step()", async () => {
    aws.configure({ transitions: "manual" });
    await createJob("m");
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "m" }));
    expect((await stateOf("m", JobRunId!)).JobRunState).toBe("STARTING");
    expect((await stateOf("m", JobRunId!)).JobRunState).toBe("STARTING");
    aws.step();
    expect((await stateOf("m", JobRunId!)).JobRunState).toBe("RUNNING");
    aws.settle();
    expect((await stateOf("m", JobRunId!)).JobRunState).toBe("SUCCEEDED");
  });

  it.each([
    ["FAILED", "boom: NullPointerException"],
    ["TIMEOUT", undefined],
    ["ERROR", undefined],
  ])("ends in %s when a test says so, with an ErrorMessage", async (state, message) => {
    await createJob("f");
    aws.lifecycle("Glue.JobRun", { JobName: "f" }).endsIn(state as "FAILED", message ? { message } : {});
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "f" }));
    const { value } = await pollUntil(() => stateOf("f", JobRunId!), (r) => r.CompletedOn !== undefined, 10);
    expect(value.JobRunState).toBe(state);
    expect(value.ErrorMessage).toBe(message ?? value.ErrorMessage);
    expect(value.ErrorMessage).toBeTruthy();
  });

  it("passes STOPPING on its way to a STOPPED outcome set by a test", async () => {
    await createJob("s");
    aws.lifecycle("Glue.JobRun", { JobName: "s" }).endsIn("STOPPED");
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "s" }));
    const seen: string[] = [];
    await pollUntil(
      async () => (await stateOf("s", JobRunId!)).JobRunState!,
      (state) => (seen.push(state), state === "STOPPED"),
    );
    expect(seen).toEqual(["STARTING", "RUNNING", "STOPPING", "STOPPED"]);
  });

  it("enforces the job's MaxConcurrentRuns with ConcurrentRunsExceededException", async () => {
    await createJob("one-at-a-time");
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "one-at-a-time" }));
    const error = await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "one-at-a-time" })));
    expect(error).toBeInstanceOf(ConcurrentRunsExceededException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("Concurrent runs exceeded for one-at-a-time");
    await pollUntil(() => stateOf("one-at-a-time", JobRunId!), (r) => r.JobRunState === "SUCCEEDED");
    await expect(glue.send(new StartJobRunCommand({ JobName: "one-at-a-time" }))).resolves.toBeDefined();

    await createJob("three", { ExecutionProperty: { MaxConcurrentRuns: 3 } });
    for (let i = 0; i < 3; i++) await glue.send(new StartJobRunCommand({ JobName: "three" }));
    expect(await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "three" })))).toBeInstanceOf(ConcurrentRunsExceededException);
  });

  it("queues runs over the limit as WAITING when job run queuing is on, and starts them in order", async () => {
    await createJob("queued", { JobRunQueuingEnabled: true });
    const first = (await glue.send(new StartJobRunCommand({ JobName: "queued" }))).JobRunId!;
    const second = (await glue.send(new StartJobRunCommand({ JobName: "queued" }))).JobRunId!;
    const waiting = await stateOf("queued", second);
    expect(waiting.JobRunState).toBe("WAITING");
    expect(waiting.StateDetail).toContain("1 concurrent run");
    await pollUntil(() => stateOf("queued", first), (r) => r.JobRunState === "SUCCEEDED");
    const { value } = await pollUntil(() => stateOf("queued", second), (r) => r.JobRunState === "SUCCEEDED");
    expect(value.JobRunQueuingEnabled).toBe(true);
  });

  it("keeps the run's own arguments, ignores overrides of non-overridable ones, and records a retry's previous run", async () => {
    await createJob("args", { DefaultArguments: { "--a": "default" }, NonOverridableArguments: { "--locked": "x" } });
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "args", Arguments: { "--a": "run", "--locked": "y" }, Timeout: 5, WorkerType: "G.2X", NumberOfWorkers: 3 }));
    const run = await stateOf("args", JobRunId!);
    expect(run.Arguments).toEqual({ "--a": "run" });
    expect(run).toMatchObject({ Timeout: 5, WorkerType: "G.2X", NumberOfWorkers: 3 });
    aws.settle();
    const retry = await glue.send(new StartJobRunCommand({ JobName: "args", JobRunId }));
    expect((await stateOf("args", retry.JobRunId!)).PreviousRunId).toBe(JobRunId);

    const unknown = await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "args", JobRunId: "jr_nope" })));
    expect(unknown).toBeInstanceOf(EntityNotFoundException);
    const both = await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "args", AllocatedCapacity: 2, MaxCapacity: 2 })));
    expect(both).toBeInstanceOf(InvalidInputException);
    expect(both.message).toBe("Please set only Allocated Capacity or Max Capacity.");
  });

  it("holds a run's overrides to its job's rules: timeout, capacity by command, whole numbers", async () => {
    await createJob("spark");
    await createJob("shell", { Command: { Name: "pythonshell", ScriptLocation: "s3://scripts/shell.py" } });
    const cases: Array<[Partial<StartJobRunRequest> & { JobName: string }, string]> = [
      [{ JobName: "spark", Timeout: 10081 }, "Timeout must be at most 10080 minutes (7 days)."],
      [{ JobName: "spark", MaxCapacity: 500 }, "An Apache Spark job (glueetl) can have a MaxCapacity from 2 to 100 whole DPUs."],
      [{ JobName: "spark", MaxCapacity: Number.POSITIVE_INFINITY }, "can have a MaxCapacity from 2 to 100"],
      [{ JobName: "shell", MaxCapacity: 2 }, "A Python shell job (pythonshell) can have a MaxCapacity of 0.0625 or 1 DPU only."],
      [{ JobName: "spark", WorkerType: "G.1X", NumberOfWorkers: 1.5 }, "at 'numberOfWorkers' failed to satisfy constraint: Member must be a whole number"],
      [{ JobName: "spark", AllocatedCapacity: 2.5 }, "at 'allocatedCapacity' failed to satisfy constraint: Member must be a whole number"],
    ];
    for (const [input, message] of cases) {
      const error = await rejectionOf(glue.send(new StartJobRunCommand(input)));
      expect(error, message).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain(message);
    }
    // Nothing was started by the refused calls; the limits themselves are accepted.
    expect((await glue.send(new GetJobRunsCommand({ JobName: "spark" }))).JobRuns).toEqual([]);
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "spark", Timeout: 10080, MaxCapacity: 100 }));
    expect(await stateOf("spark", JobRunId!)).toMatchObject({ Timeout: 10080, MaxCapacity: 100 });
    await expect(glue.send(new StartJobRunCommand({ JobName: "shell", MaxCapacity: 1 }))).resolves.toBeDefined();
  });

  it("reports missing jobs and runs as EntityNotFoundException", async () => {
    const noJob = await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "ghost" })));
    expect(noJob).toBeInstanceOf(EntityNotFoundException);
    expect(noJob.message).toBe("Job ghost not found.");
    await createJob("real");
    const noRun = await rejectionOf(glue.send(new GetJobRunCommand({ JobName: "real", RunId: "jr_missing" })));
    expect(noRun).toBeInstanceOf(EntityNotFoundException);
    expect(noRun.message).toContain("jr_missing");
    expect(await rejectionOf(glue.send(new GetJobRunsCommand({ JobName: "ghost" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("lists runs newest first with the SDK paginator, and advances each listed run", async () => {
    await createJob("many", { ExecutionProperty: { MaxConcurrentRuns: 10 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await glue.send(new StartJobRunCommand({ JobName: "many" }))).JobRunId!);
    const pages: string[][] = [];
    for await (const page of paginateGetJobRuns({ client: glue, pageSize: 2 }, { JobName: "many" })) pages.push((page.JobRuns ?? []).map((r) => r.Id!));
    expect(pages.flat()).toEqual([...ids].reverse());
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    // Each page showed its runs STARTING and moved them on: the next list shows them all RUNNING.
    const listed = async () => ((await glue.send(new GetJobRunsCommand({ JobName: "many" }))).JobRuns ?? []).map((r) => r.JobRunState);
    expect(await listed()).toEqual(Array(5).fill("RUNNING"));
    expect(await listed()).toEqual(Array(5).fill("SUCCEEDED"));

    const big = await rejectionOf(glue.send(new GetJobRunsCommand({ JobName: "many", MaxResults: 201 })));
    expect(big).toBeInstanceOf(InvalidInputException);
  });

  it("stops runs in a batch, reporting per-run errors without failing the call", async () => {
    await createJob("stoppable", { ExecutionProperty: { MaxConcurrentRuns: 2 } });
    const running = (await glue.send(new StartJobRunCommand({ JobName: "stoppable" }))).JobRunId!;
    const done = (await glue.send(new StartJobRunCommand({ JobName: "stoppable" }))).JobRunId!;
    aws.lifecycle("Glue.JobRun", { JobRunId: running }).staysIn("RUNNING");
    await pollUntil(() => stateOf("stoppable", done), (r) => r.JobRunState === "SUCCEEDED");

    const result = await glue.send(new BatchStopJobRunCommand({ JobName: "stoppable", JobRunIds: [running, done, "jr_unknown"] }));
    expect(result.SuccessfulSubmissions).toEqual([{ JobName: "stoppable", JobRunId: running }]);
    expect(result.Errors?.map((e) => [e.JobRunId, e.ErrorDetail?.ErrorCode])).toEqual([
      [done, "InvalidInputException"],
      ["jr_unknown", "EntityNotFoundException"],
    ]);
    expect((await stateOf("stoppable", running)).JobRunState).toBe("STOPPING"); // as BatchStopJobRun left it
    expect((await stateOf("stoppable", running)).JobRunState).toBe("STOPPED");

    const empty = await rejectionOf(glue.send(new BatchStopJobRunCommand({ JobName: "stoppable", JobRunIds: [] })));
    expect(empty).toBeInstanceOf(InvalidInputException);
    expect(empty.message).toContain("greater than or equal to 1");
  });

  it("retries a failed run MaxRetries times, as <first id>_attempt_<n> with Attempt and PreviousRunId", async () => {
    await createJob("flaky", { MaxRetries: 2 });
    aws.lifecycle("Glue.JobRun", { JobName: "flaky" }).endsIn("FAILED", { message: "transient", times: 1 });
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "flaky", Arguments: { "--x": "1" } }));
    aws.settle();
    const { JobRuns } = await glue.send(new GetJobRunsCommand({ JobName: "flaky" }));
    expect(JobRuns?.map((r) => [r.Id, r.Attempt, r.JobRunState, r.PreviousRunId])).toEqual([
      [`${JobRunId}_attempt_1`, 1, "SUCCEEDED", JobRunId],
      [JobRunId, 0, "FAILED", undefined],
    ]);
    expect(JobRuns?.[0]?.Arguments).toEqual({ "--x": "1" });

    // A run that fails "after" its success state fails just before it: a run never shows
    // SUCCEEDED and then changes its outcome.
    await createJob("late", {});
    aws.lifecycle("Glue.JobRun", { JobName: "late" }).endsIn("FAILED", { after: "SUCCEEDED" });
    const late = await glue.send(new StartJobRunCommand({ JobName: "late" }));
    const seen: string[] = [];
    await pollUntil(
      async () => (await glue.send(new GetJobRunCommand({ JobName: "late", RunId: late.JobRunId! }))).JobRun!,
      (run) => (seen.push(run.JobRunState!), run.JobRunState === "FAILED"),
    );
    expect(seen).not.toContain("SUCCEEDED");

    await createJob("broken", { MaxRetries: 1 });
    aws.lifecycle("Glue.JobRun", { JobName: "broken" }).endsIn("FAILED");
    await glue.send(new StartJobRunCommand({ JobName: "broken" }));
    aws.settle();
    const attempts = (await glue.send(new GetJobRunsCommand({ JobName: "broken" }))).JobRuns!;
    expect(attempts.map((r) => [r.Attempt, r.JobRunState])).toEqual([
      [1, "FAILED"],
      [0, "FAILED"],
    ]);
  });
});
