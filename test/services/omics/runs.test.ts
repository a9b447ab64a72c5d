import {
  CancelRunCommand,
  ConflictException,
  CreateWorkflowCommand,
  DeleteRunCommand,
  GetRunCommand,
  GetRunTaskCommand,
  ListRunsCommand,
  ListTagsForResourceCommand,
  OmicsClient,
  paginateListRuns,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartRunCommand,
  ThrottlingException,
  ValidationException,
  waitUntilRunCompleted,
  waitUntilRunRunning,
} from "@aws-sdk/client-omics";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { aws } from "aws-doubles/vitest";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { setServiceQuota } from "aws-doubles/omics";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, fast, HELLO_PARAMS, HELLO_WDL, HELLO_ZIP, omics, OUTPUT, readRunUntil, ROLE, startRun, taskIds, zipOf } from "./helpers.js";

describe("HealthOmics runs", () => {
  it("starts a run in PENDING with its ARN, uuid and output location", async () => {
    const workflowId = await activeWorkflow();
    const started = await omics.send(
      new StartRunCommand({
        workflowId,
        roleArn: ROLE,
        name: "NA12878",
        outputUri: OUTPUT,
        parameters: HELLO_PARAMS,
        priority: 10,
        logLevel: "ALL",
        retentionMode: "REMOVE",
        tags: { sample: "NA12878" },
        requestId: "start-1",
      }),
    );
    expect(started.$metadata.httpStatusCode).toBe(201);
    expect(started.id).toMatch(/^[0-9]{7}$/);
    expect(started).toMatchObject({ arn: arn(`run/${started.id}`), status: "PENDING", tags: { sample: "NA12878" }, runOutputUri: `s3://omics-output/results/${started.id}` });
    expect(started.uuid).toMatch(/^[0-9a-f-]{36}$/);

    const run = await omics.send(new GetRunCommand({ id: started.id }));
    expect(run).toMatchObject({
      arn: started.arn,
      uuid: started.uuid,
      workflowId,
      workflowType: "PRIVATE",
      roleArn: ROLE,
      name: "NA12878",
      priority: 10,
      logLevel: "ALL",
      retentionMode: "REMOVE",
      parameters: HELLO_PARAMS,
      outputUri: OUTPUT,
      runOutputUri: started.runOutputUri,
      storageType: "STATIC",
      storageCapacity: 1200,
      tags: { sample: "NA12878" },
    });
    expect(run.creationTime).toBeInstanceOf(Date);
    expect(run.digest).toMatch(/^sha256:/);
    expect(run.logLocation?.runLogStream).toBe(`arn:aws:logs:us-east-1:123456789012:log-group:/aws/omics/WorkflowLog:log-stream:run/${started.id}`);
  });

  it("walks PENDING → STARTING → RUNNING → STOPPING → COMPLETED within ten reads, the first read showing PENDING", async () => {
    const workflowId = await activeWorkflow();
    const { id, status } = await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }));
    expect(status).toBe("PENDING");
    // Each read shows the run as it is, then moves it one step; RUNNING lasts while its tasks run.
    expect(await readRunUntil(id!, "COMPLETED", 10)).toEqual(["PENDING", "STARTING", "RUNNING", "STOPPING", "COMPLETED"]);
    const run = await omics.send(new GetRunCommand({ id }));
    expect(run.startTime).toBeInstanceOf(Date);
    expect(run.stopTime).toBeInstanceOf(Date);
    expect(run.statusMessage).toBeUndefined();
  });

  it("ends waitUntilRunRunning and waitUntilRunCompleted with SUCCESS", async () => {
    const id = await startRun({ workflowId: await activeWorkflow() });
    expect((await waitUntilRunRunning(fast(), { id })).state).toBe("SUCCESS");
    expect((await omics.send(new GetRunCommand({ id }))).status).toBe("RUNNING");
    expect((await waitUntilRunCompleted(fast(), { id })).state).toBe("SUCCESS");
  });

  it("makes both run waiters fail on a FAILED run, as the real waiters do", async () => {
    const workflowId = await activeWorkflow();
    aws.lifecycle("Omics.Run", { name: "doomed" }).endsIn("FAILED", { message: "Task align exited with code 137", after: "STARTING" });
    const early = await startRun({ workflowId, name: "doomed" });
    const running = await rejectionOf(waitUntilRunRunning(fast(), { id: early }));
    expect(running.message).toContain('"state":"FAILURE"');
    const run = await omics.send(new GetRunCommand({ id: early }));
    expect(run).toMatchObject({ status: "FAILED", statusMessage: "Task align exited with code 137", failureReason: "RUN_FAILED" });

    aws.lifecycle("Omics.Run", { name: "late" }).endsIn("FAILED");
    const late = await startRun({ workflowId, name: "late" });
    const completed = await rejectionOf(waitUntilRunCompleted(fast(), { id: late }));
    expect(completed.message).toContain('"state":"FAILURE"');
  });

  it("cancels a run: waitUntilRunRunning fails, and waitUntilRunCompleted times out as its acceptors do not match CANCELLED", async () => {
    const workflowId = await activeWorkflow();
    const id = await startRun({ workflowId });
    await waitUntilRunRunning(fast(), { id });
    const cancelled = await omics.send(new CancelRunCommand({ id }));
    expect(cancelled.$metadata.httpStatusCode).toBe(202);
    expect(await readRunUntil(id, "CANCELLED")).toEqual(["STOPPING", "CANCELLED"]);
    for (const taskId of await taskIds(id)) expect((await omics.send(new GetRunTaskCommand({ id, taskId }))).status).toBe("CANCELLED");

    const completed = await rejectionOf(waitUntilRunCompleted(fast(omics, 0.3), { id }));
    expect(completed.name).toBe("TimeoutError");
    const running = await rejectionOf(waitUntilRunRunning(fast(), { id }));
    expect(running.message).toContain('"state":"FAILURE"');

    // A run that has not started yet is cancelled at once.
    const pending = await startRun({ workflowId });
    await omics.send(new CancelRunCommand({ id: pending }));
    const run = await omics.send(new GetRunCommand({ id: pending }));
    expect(run.status).toBe("CANCELLED");
    expect(run.startTime).toBeUndefined();
  });

  it("refuses to cancel a run that has ended or is already being cancelled", async () => {
    const workflowId = await activeWorkflow();
    const id = await startRun({ workflowId });
    await waitUntilRunRunning(fast(), { id });
    await omics.send(new CancelRunCommand({ id }));
    const twice = await rejectionOf(omics.send(new CancelRunCommand({ id })));
    expect(twice).toBeInstanceOf(ConflictException);
    expect(twice.message).toContain("already being cancelled");
    aws.settle();
    const ended = await rejectionOf(omics.send(new CancelRunCommand({ id })));
    expect(ended).toBeInstanceOf(ConflictException);
    expect(ended.$metadata.httpStatusCode).toBe(409);
    expect(ended.message).toContain("is CANCELLED");
    expect(await rejectionOf(omics.send(new CancelRunCommand({ id: "9999999" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("deletes only runs that have ended; a deleted run is not found", async () => {
    const id = await startRun({ workflowId: await activeWorkflow(), tags: { a: "b" } });
    const running = await rejectionOf(omics.send(new DeleteRunCommand({ id })));
    expect(running).toBeInstanceOf(ConflictException);
    expect(running.$metadata.httpStatusCode).toBe(409);
    expect(running.message).toContain("can be deleted once it is COMPLETED, FAILED or CANCELLED");
    await waitUntilRunCompleted(fast(), { id });
    const deleted = await omics.send(new DeleteRunCommand({ id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    const gone = await rejectionOf(omics.send(new GetRunCommand({ id })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.message).toBe(`Run ${id} not found.`);
    expect(await rejectionOf(omics.send(new ListTagsForResourceCommand({ resourceArn: arn(`run/${id}`) })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("checks parameters against the workflow's parameter template", async () => {
    const workflowId = await activeWorkflow();
    const missing = await rejectionOf(startRun({ workflowId, parameters: { sample_name: "x" } }));
    expect(missing).toBeInstanceOf(ValidationException);
    expect(missing.message).toBe("The run is missing required workflow parameters: reads.");
    const unknown = await rejectionOf(startRun({ workflowId, parameters: { ...HELLO_PARAMS, colour: "blue" } }));
    expect(unknown.message).toContain("not in the workflow's parameter template: colour");
    const notObject = await rejectionOf(startRun({ workflowId, parameters: ["a"] as never }));
    expect(notObject.message).toContain("parameters must be a JSON object");
    // Optional parameters may be given or left out.
    await startRun({ workflowId, parameters: { ...HELLO_PARAMS, threads: 8, note: "rerun" } });

    // Parameter names that are also names of Object.prototype members are parameters like any other.
    const odd = await activeWorkflow({ definitionZip: zipOf({ "main.wdl": "version 1.0\nworkflow w {\n  input {\n    File __proto__\n    String constructor\n  }\n}\n" }) });
    const inherited = await rejectionOf(startRun({ workflowId: odd, parameters: {} }));
    expect(inherited.message).toBe("The run is missing required workflow parameters: __proto__, constructor.");
    await startRun({ workflowId: odd, parameters: JSON.parse('{"__proto__": "s3://in/a.bam", "constructor": "x"}') });

    // A definition the fake cannot read (S3) without a template accepts any parameters.
    const { id: fromS3 } = await omics.send(new CreateWorkflowCommand({ engine: "WDL", definitionUri: "s3://bucket/wf.zip" }));
    aws.settle();
    await startRun({ workflowId: fromS3, parameters: { anything: 1 } });
    expect((await omics.send(new ListRunsCommand({}))).items).toHaveLength(3);
  });

  it("validates the run request", async () => {
    const workflowId = await activeWorkflow();
    const neither = await rejectionOf(omics.send(new StartRunCommand({ roleArn: ROLE, outputUri: OUTPUT })));
    expect(neither.message).toContain("Give workflowId to start a run, or runId");
    const both = await rejectionOf(startRun({ workflowId, runId: "1234567" }));
    expect(both.message).toContain("either workflowId or runId, not both");
    const noRole = await rejectionOf(omics.send(new StartRunCommand({ workflowId, outputUri: OUTPUT } as never)));
    expect(noRole).toBeInstanceOf(ValidationException);
    expect(noRole.message).toContain("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    const notS3 = await rejectionOf(startRun({ workflowId, outputUri: "/tmp/out" }));
    expect(notS3.message).toContain("is not an Amazon S3 URI");
    const priority = await rejectionOf(startRun({ workflowId, priority: 100001 }));
    expect(priority.message).toContain("at 'priority' failed to satisfy constraint");
    const behavior = await rejectionOf(startRun({ workflowId, cacheBehavior: "CACHE_ALWAYS" }));
    expect(behavior.message).toContain("cacheBehavior needs cacheId");
    const vpc = await rejectionOf(startRun({ workflowId, networkingMode: "VPC" }));
    expect(vpc.message).toContain("networkingMode VPC needs configurationName");
    const logLevel = await rejectionOf(startRun({ workflowId, logLevel: "VERBOSE" as never }));
    expect(logLevel.message).toContain("Member must satisfy enum value set");
    expect(await rejectionOf(startRun({ workflowId: "7777777" }))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(startRun({ workflowId, runGroupId: "7777777" }))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(startRun({ workflowId, cacheId: "7777777" }))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(startRun({ workflowId, configurationName: "nope" }))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(startRun({ workflowId, workflowType: "READY2RUN" }))).toBeInstanceOf(ResourceNotFoundException);
    expect((await omics.send(new ListRunsCommand({}))).items).toEqual([]);
  });

  it("refuses to start a run of a workflow that is not ACTIVE", async () => {
    const hold = aws.lifecycle("Omics.Workflow").staysIn("CREATING");
    const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP() }));
    const error = await rejectionOf(startRun({ workflowId: id }));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toBe(`Workflow ${id} is CREATING; runs can start only when it is ACTIVE.`);
    hold.release();
  });

  it("uses the workflow's storage settings unless the run overrides them", async () => {
    const workflowId = await activeWorkflow({ storageCapacity: 250 });
    const inherited = await omics.send(new GetRunCommand({ id: await startRun({ workflowId }) }));
    expect(inherited).toMatchObject({ storageType: "STATIC", storageCapacity: 250 });
    const dynamic = await omics.send(new GetRunCommand({ id: await startRun({ workflowId, storageType: "DYNAMIC" }) }));
    expect(dynamic.storageType).toBe("DYNAMIC");
    expect(dynamic.storageCapacity).toBeUndefined();
    // A capacity given with DYNAMIC storage is ignored, as the API reference says.
    const ignored = await omics.send(new GetRunCommand({ id: await startRun({ workflowId, storageType: "DYNAMIC", storageCapacity: 100 }) }));
    expect(ignored.storageType).toBe("DYNAMIC");
    expect(ignored.storageCapacity).toBeUndefined();
  });

  it("re-runs an earlier run from its runId with the same settings", async () => {
    const workflowId = await activeWorkflow();
    const original = await startRun({ workflowId, name: "first", priority: 3, parameters: { ...HELLO_PARAMS, threads: 16 } });
    const rerun = await startRun({ runId: original, parameters: undefined, outputUri: "s3://other-bucket/again/" });
    const run = await omics.send(new GetRunCommand({ id: rerun }));
    expect(run).toMatchObject({ runId: original, workflowId, name: "first", priority: 3, parameters: { ...HELLO_PARAMS, threads: 16 }, outputUri: "s3://other-bucket/again/" });
    expect(await rejectionOf(startRun({ runId: "3333333", parameters: undefined }))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("exports the run's definition", async () => {
    const id = await startRun({ workflowId: await activeWorkflow() });
    const run = await omics.send(new GetRunCommand({ id, export: ["DEFINITION"] }));
    const zip = new Uint8Array(await (await fetch(run.definition!)).arrayBuffer());
    expect(strFromU8(unzipSync(zip)["main.wdl"]!)).toBe(HELLO_WDL);
  });

  it("replays a repeated requestId instead of starting a second run", async () => {
    const workflowId = await activeWorkflow();
    const first = await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, requestId: "run-token" }));
    const again = await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, requestId: "run-token" }));
    expect(again.id).toBe(first.id);
    expect((await omics.send(new ListRunsCommand({}))).items).toHaveLength(1);
    const other = await rejectionOf(omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: "s3://elsewhere/", parameters: HELLO_PARAMS, requestId: "run-token" })));
    expect(other).toBeInstanceOf(ConflictException);
    expect(other.$metadata.httpStatusCode).toBe(409);
    expect(other.message).toContain("The request ID run-token was already used for a different StartRun request");

    // Once the run it started is deleted, the request id starts a new run.
    aws.settle();
    await omics.send(new DeleteRunCommand({ id: first.id }));
    const fresh = await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, requestId: "run-token" }));
    expect(fresh.id).not.toBe(first.id);
  });

  it("lists runs with the SDK paginator and filters by name, status and run group", async () => {
    const workflowId = await activeWorkflow();
    for (let i = 0; i < 5; i++) await startRun({ workflowId, name: `run-${i % 2}` });
    const sizes: number[] = [];
    for await (const page of paginateListRuns({ client: omics, pageSize: 2 }, {})) sizes.push(page.items!.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect((await omics.send(new ListRunsCommand({ name: "run-1" }))).items).toHaveLength(2);
    expect((await omics.send(new ListRunsCommand({ status: "COMPLETED" }))).items).toEqual([]);
    aws.settle();
    const completed = await omics.send(new ListRunsCommand({ status: "COMPLETED" }));
    expect(completed.items).toHaveLength(5);
    expect(completed.items![0]).toMatchObject({ workflowId, status: "COMPLETED", storageType: "STATIC" });
    const badStatus = await rejectionOf(omics.send(new ListRunsCommand({ status: "DONE" as never })));
    expect(badStatus).toBeInstanceOf(ValidationException);
  });

  it("keeps at most the runs quota: RETAIN runs are refused, REMOVE runs make room by removing the oldest", async () => {
    const workflowId = await activeWorkflow();
    setServiceQuota("runs", 2);
    const oldest = await startRun({ workflowId, retentionMode: "REMOVE" });
    const second = await startRun({ workflowId });
    const refused = await rejectionOf(startRun({ workflowId }));
    expect(refused).toBeInstanceOf(ServiceQuotaExceededException);
    expect(refused.$metadata.httpStatusCode).toBe(402);
    expect(refused.message).toContain('quota "runs"');
    aws.settle();
    const third = await startRun({ workflowId, retentionMode: "REMOVE" });
    expect(await rejectionOf(omics.send(new GetRunCommand({ id: oldest })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await omics.send(new ListRunsCommand({}))).items!.map((r) => r.id)).toEqual([second, third]);
  });

  it("answers injected throttling with ThrottlingException (429), which the SDK retries", async () => {
    const workflowId = await activeWorkflow();
    // The SDK's own retry strategy, without its back-off delays.
    const client = new OmicsClient({ retryStrategy: new ConfiguredRetryStrategy(3, () => 0) });
    aws.failNext("Omics", "StartRun");
    const started = await client.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }));
    expect(started.$metadata.attempts).toBe(2);
    aws.failNext("Omics", "GetRun", { times: 3 });
    const error = await rejectionOf(client.send(new GetRunCommand({ id: started.id })));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.$metadata.httpStatusCode).toBe(429);
  });

  it("moves nothing in manual mode until aws.step()", async () => {
    const workflowId = await activeWorkflow();
    aws.configure({ transitions: "manual" });
    const id = await startRun({ workflowId });
    for (let i = 0; i < 3; i++) expect((await omics.send(new GetRunCommand({ id }))).status).toBe("PENDING");
    aws.step();
    expect((await omics.send(new GetRunCommand({ id }))).status).toBe("STARTING");
    aws.settle();
    expect((await omics.send(new GetRunCommand({ id }))).status).toBe("COMPLETED");
  });
});
