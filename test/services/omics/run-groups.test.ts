import {
  ConflictException,
  CreateRunGroupCommand,
  DeleteRunGroupCommand,
  GetRunCommand,
  GetRunGroupCommand,
  GetRunTaskCommand,
  ListRunGroupsCommand,
  ListRunsCommand,
  paginateListRunGroups,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateRunGroupCommand,
  ValidationException,
  waitUntilRunCompleted,
  waitUntilRunRunning,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { setServiceQuota } from "aws-doubles/omics";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, fast, omics, readRunUntil, runGroup, startRun, taskIds } from "./helpers.js";

describe("HealthOmics run groups", () => {
  it("creates, reads, updates and lists run groups", async () => {
    const created = await omics.send(new CreateRunGroupCommand({ name: "TestRunGroup", maxCpus: 20, maxGpus: 10, maxRuns: 5, maxDuration: 600, tags: { team: "lab" }, requestId: "rg-1" }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.id).toMatch(/^[0-9]{7}$/);
    expect(created).toMatchObject({ arn: arn(`runGroup/${created.id}`), tags: { team: "lab" } });

    const group = await omics.send(new GetRunGroupCommand({ id: created.id }));
    expect(group).toMatchObject({ id: created.id, name: "TestRunGroup", maxCpus: 20, maxGpus: 10, maxRuns: 5, maxDuration: 600, tags: { team: "lab" } });
    expect(group.creationTime).toBeInstanceOf(Date);

    const updated = await omics.send(new UpdateRunGroupCommand({ id: created.id, maxRuns: 2, name: "renamed" }));
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(await omics.send(new GetRunGroupCommand({ id: created.id }))).toMatchObject({ name: "renamed", maxRuns: 2, maxCpus: 20 });

    await omics.send(new CreateRunGroupCommand({ name: "other" }));
    await omics.send(new CreateRunGroupCommand({ name: "other" }));
    const pages: number[] = [];
    for await (const page of paginateListRunGroups({ client: omics, pageSize: 2 }, {})) pages.push(page.items!.length);
    expect(pages).toEqual([2, 1]);
    const named = await omics.send(new ListRunGroupsCommand({ name: "other" }));
    expect(named.items).toHaveLength(2);
    expect(named.items![0]!.creationTime).toBeInstanceOf(Date);
  });

  it("validates limits and reports missing groups", async () => {
    const zero = await rejectionOf(omics.send(new CreateRunGroupCommand({ maxRuns: 0 })));
    expect(zero).toBeInstanceOf(ValidationException);
    expect(zero.message).toContain("at 'maxRuns' failed to satisfy constraint: Member must have value greater than or equal to 1");
    const big = await rejectionOf(omics.send(new UpdateRunGroupCommand({ id: "1234567", maxCpus: 100001 })));
    expect(big).toBeInstanceOf(ValidationException);
    const missing = await rejectionOf(omics.send(new GetRunGroupCommand({ id: "1234567" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toBe("Run group 1234567 not found.");
    expect(await rejectionOf(omics.send(new UpdateRunGroupCommand({ id: "1234567", maxRuns: 1 })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new DeleteRunGroupCommand({ id: "1234567" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("queues runs in PENDING while the group is at maxRuns, highest priority first", async () => {
    const workflowId = await activeWorkflow();
    const runGroupId = await runGroup({ maxRuns: 1 });
    const first = await startRun({ workflowId, runGroupId });
    await waitUntilRunRunning(fast(), { id: first });
    const low = await startRun({ workflowId, runGroupId, priority: 1 });
    const high = await startRun({ workflowId, runGroupId, priority: 50 });
    for (let i = 0; i < 3; i++) {
      expect((await omics.send(new GetRunCommand({ id: low }))).status).toBe("PENDING");
      expect((await omics.send(new GetRunCommand({ id: high }))).status).toBe("PENDING");
    }
    expect((await omics.send(new ListRunsCommand({ runGroupId }))).items).toHaveLength(3);

    await waitUntilRunCompleted(fast(), { id: first });
    // The group has room for one: the higher priority run goes first, the other still waits.
    expect((await omics.send(new GetRunCommand({ id: low }))).status).toBe("PENDING");
    expect((await omics.send(new GetRunCommand({ id: high }))).status).toBe("PENDING"); // this read starts it
    expect((await omics.send(new GetRunCommand({ id: high }))).status).toBe("STARTING");
    expect((await omics.send(new GetRunCommand({ id: low }))).status).toBe("PENDING");
    await waitUntilRunCompleted(fast(), { id: high });
    expect((await waitUntilRunCompleted(fast(), { id: low })).state).toBe("SUCCESS");
  });

  it("queues tasks while the group is at maxCpus, and fails a task larger than the group", async () => {
    const workflowId = await activeWorkflow();
    // align needs 4 vCPUs and summary 1: with maxCpus 4 they cannot run at the same time.
    const runGroupId = await runGroup({ maxCpus: 4 });
    const id = await startRun({ workflowId, runGroupId });
    await waitUntilRunRunning(fast(), { id });
    const [align, summary] = await taskIds(id);
    // The GetRun that showed RUNNING moved align to STARTING, the list of tasks to RUNNING.
    expect((await omics.send(new GetRunTaskCommand({ id, taskId: align! }))).status).toBe("RUNNING");
    expect((await omics.send(new GetRunTaskCommand({ id, taskId: summary! }))).status).toBe("PENDING");
    expect((await omics.send(new GetRunTaskCommand({ id, taskId: summary! }))).status).toBe("PENDING");
    expect((await waitUntilRunCompleted(fast(), { id })).state).toBe("SUCCESS");

    const tiny = await runGroup({ maxCpus: 2 });
    const failing = await startRun({ workflowId, runGroupId: tiny });
    await rejectionOf(waitUntilRunCompleted(fast(), { id: failing }));
    const run = await omics.send(new GetRunCommand({ id: failing }));
    expect(run.status).toBe("FAILED");
    expect(run.statusMessage).toContain("needs 4 vCPUs, more than its run group's maxCpus of 2");
  });

  it("fails a run that outlives the group's maxDuration (virtual minutes)", async () => {
    const workflowId = await activeWorkflow();
    // Its tasks never finish, so the run stays RUNNING until the limit ends it.
    aws.lifecycle("Omics.Task").staysIn("RUNNING");
    const id = await startRun({ workflowId, runGroupId: await runGroup({ maxDuration: 30 }) });
    await waitUntilRunRunning(fast(), { id });
    aws.clock.advance(31 * 60_000);
    await readRunUntil(id, "FAILED", 3);
    const run = await omics.send(new GetRunCommand({ id }));
    expect(run).toMatchObject({ status: "FAILED", failureReason: "RUN_TIMEOUT" });
    expect(run.statusMessage).toContain("maximum duration of 30 minutes");
  });

  it("deletes a group only when none of its runs is in progress", async () => {
    const workflowId = await activeWorkflow();
    const runGroupId = await runGroup();
    const id = await startRun({ workflowId, runGroupId });
    const busy = await rejectionOf(omics.send(new DeleteRunGroupCommand({ id: runGroupId })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.$metadata.httpStatusCode).toBe(409);
    expect(busy.message).toContain(`has 1 run(s) in progress (${id})`);
    await waitUntilRunCompleted(fast(), { id });
    const deleted = await omics.send(new DeleteRunGroupCommand({ id: runGroupId }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(await rejectionOf(omics.send(new GetRunGroupCommand({ id: runGroupId })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await omics.send(new GetRunCommand({ id }))).runGroupId).toBe(runGroupId);
  });

  it("refuses run groups over the account's quota with ServiceQuotaExceededException", async () => {
    setServiceQuota("runGroups", 2);
    await runGroup();
    await runGroup();
    const error = await rejectionOf(omics.send(new CreateRunGroupCommand({ name: "third" })));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.$metadata.httpStatusCode).toBe(402);
    expect(error.message).toContain('quota "runGroups"');
  });
});
