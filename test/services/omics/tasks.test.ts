import {
  CancelRunCommand,
  GetRunCommand,
  GetRunTaskCommand,
  ListRunTasksCommand,
  paginateListRunTasks,
  ResourceNotFoundException,
  ValidationException,
  waitUntilRunCompleted,
  waitUntilRunRunning,
  waitUntilTaskCompleted,
  waitUntilTaskRunning,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, fast, omics, startRun, taskIds, zipOf } from "./helpers.js";

describe("HealthOmics run tasks", () => {
  it("creates one task per call when the run starts RUNNING, with the resources the definition declares", async () => {
    const id = await startRun({ workflowId: await activeWorkflow() });
    expect((await omics.send(new ListRunTasksCommand({ id }))).items).toEqual([]);
    await waitUntilRunRunning(fast(), { id });
    // The tasks were created PENDING; the GetRun that showed RUNNING read the run as a whole and moved them on.
    const { items } = await omics.send(new ListRunTasksCommand({ id }));
    expect(items!.map((t) => [t.name, t.status, t.cpus, t.memory, t.gpus, t.instanceType])).toEqual([
      ["align", "STARTING", 4, 16, 0, "omics.m.xlarge"],
      ["summary", "STARTING", 1, 2, 0, "omics.c.large"],
    ]);
    expect(items![0]!.taskId).toMatch(/^[0-9]{7}$/);
    expect(items![0]!.creationTime).toBeInstanceOf(Date);

    const task = await omics.send(new GetRunTaskCommand({ id, taskId: items![0]!.taskId }));
    expect(task).toMatchObject({
      taskId: items![0]!.taskId,
      name: "align",
      cacheHit: false,
      logStream: `arn:aws:logs:us-east-1:123456789012:log-group:/aws/omics/WorkflowLog:log-stream:run/${id}/task/${items![0]!.taskId}`,
      imageDetails: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/bwa:0.7.17" },
    });
  });

  it("ends waitUntilTaskRunning and waitUntilTaskCompleted with SUCCESS, and the run completes after its tasks", async () => {
    const id = await startRun({ workflowId: await activeWorkflow() });
    await waitUntilRunRunning(fast(), { id });
    const [first, second] = await taskIds(id);
    expect((await waitUntilTaskRunning(fast(), { id, taskId: first! })).state).toBe("SUCCESS");
    const running = await omics.send(new GetRunTaskCommand({ id, taskId: first! }));
    expect(running.startTime).toBeInstanceOf(Date);
    expect((await waitUntilTaskCompleted(fast(), { id, taskId: first! })).state).toBe("SUCCESS");
    expect((await waitUntilTaskCompleted(fast(), { id, taskId: second! })).state).toBe("SUCCESS");
    expect((await waitUntilRunCompleted(fast(), { id })).state).toBe("SUCCESS");
    expect((await omics.send(new GetRunTaskCommand({ id, taskId: second! }))).stopTime).toBeInstanceOf(Date);
  });

  it("fails the run when a task fails; the task waiters fail on it", async () => {
    aws.lifecycle("Omics.Task", { name: "align" }).endsIn("FAILED", { message: "Essential container exited with code 137 (out of memory)" });
    const id = await startRun({ workflowId: await activeWorkflow() });
    await waitUntilRunRunning(fast(), { id });
    const [align] = await taskIds(id);
    const error = await rejectionOf(waitUntilTaskCompleted(fast(), { id, taskId: align! }));
    expect(error.message).toContain('"state":"FAILURE"');
    const task = await omics.send(new GetRunTaskCommand({ id, taskId: align! }));
    expect(task).toMatchObject({ status: "FAILED", statusMessage: "Essential container exited with code 137 (out of memory)", failureReason: "TASK_FAILED" });

    const runError = await rejectionOf(waitUntilRunCompleted(fast(), { id }));
    expect(runError.message).toContain('"state":"FAILURE"');
    const run = await omics.send(new GetRunCommand({ id }));
    expect(run.status).toBe("FAILED");
    expect(run.failureReason).toBe("TASK_FAILED");
    expect(run.statusMessage).toContain(`Task align (${align}) ended FAILED`);
  });

  it("cancels the tasks of a cancelled run; waitUntilTaskRunning fails on CANCELLED", async () => {
    aws.lifecycle("Omics.Task").staysIn("PENDING");
    const id = await startRun({ workflowId: await activeWorkflow() });
    await waitUntilRunRunning(fast(), { id });
    const [taskId] = await taskIds(id);
    await omics.send(new CancelRunCommand({ id }));
    await omics.send(new GetRunCommand({ id }));
    const error = await rejectionOf(waitUntilTaskRunning(fast(), { id, taskId: taskId! }));
    expect(error.message).toContain('"state":"FAILURE"');
    expect((await omics.send(new GetRunTaskCommand({ id, taskId: taskId! }))).status).toBe("CANCELLED");
    // waitUntilTaskCompleted does not match CANCELLED: like the real waiter, it times out.
    const completed = await rejectionOf(waitUntilTaskCompleted(fast(omics, 0.3), { id, taskId: taskId! }));
    expect(completed.name).toBe("TimeoutError");
  });

  it("lists tasks with the SDK paginator and a status filter", async () => {
    const tasks = Array.from({ length: 5 }, (_, i) => `task t${i} { command <<< echo ${i} >>> }`).join("\n");
    const calls = Array.from({ length: 5 }, (_, i) => `  call t${i}`).join("\n");
    const workflowId = await activeWorkflow({ definitionZip: zipOf({ "main.wdl": `version 1.0\nworkflow many {\n${calls}\n}\n${tasks}\n` }) });
    const id = await startRun({ workflowId, parameters: undefined });
    await waitUntilRunRunning(fast(), { id });
    const names: string[][] = [];
    for await (const page of paginateListRunTasks({ client: omics, pageSize: 2 }, { id })) names.push(page.items!.map((t) => t.name!));
    expect(names).toEqual([["t0", "t1"], ["t2", "t3"], ["t4"]]);
    expect((await omics.send(new ListRunTasksCommand({ id, status: "COMPLETED" }))).items).toEqual([]);
    aws.settle();
    expect((await omics.send(new ListRunTasksCommand({ id, status: "COMPLETED" }))).items).toHaveLength(5);
    const bad = await rejectionOf(omics.send(new ListRunTasksCommand({ id, status: "DONE" as never })));
    expect(bad).toBeInstanceOf(ValidationException);
  });

  it("reports unknown runs and tasks as ResourceNotFoundException", async () => {
    const id = await startRun({ workflowId: await activeWorkflow() });
    const task = await rejectionOf(omics.send(new GetRunTaskCommand({ id, taskId: "1234567" })));
    expect(task).toBeInstanceOf(ResourceNotFoundException);
    expect(task.$metadata.httpStatusCode).toBe(404);
    expect(task.message).toBe(`Task 1234567 of run ${id} not found.`);
    expect(await rejectionOf(omics.send(new ListRunTasksCommand({ id: "7654321" })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
