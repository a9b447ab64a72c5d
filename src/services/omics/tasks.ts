import type { GetRunTaskRequest, GetRunTaskResponse, ListRunTasksRequest, ListRunTasksResponse, TaskStatus } from "@aws-sdk/client-omics";
import { oneOf } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { statusMessageOf, type TaskRecord } from "./run-model.js";
import { findRun } from "./runs.js";
import { LIST_TOKEN, NUMERIC_ID, pageSize } from "./shapes.js";

/**
 * A run's tasks (created when the run enters RUNNING). Reading a task moves that task; the
 * run moves when it is read (GetRun reads the run as a whole, tasks included).
 */
const taskStatus = (task: TaskRecord): TaskStatus => task.process.state as TaskStatus;

export const getRunTask = op<GetRunTaskRequest, GetRunTaskResponse>({
  input: { id: NUMERIC_ID, taskId: NUMERIC_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, input.id!);
    const task = run.tasks.get(input.taskId!);
    if (!task) throw ctx.error("ResourceNotFoundException", `Task ${input.taskId} of run ${run.id} not found.`);
    ctx.observe(task.process);
    const status = taskStatus(task);
    return {
      taskId: task.taskId,
      status,
      name: task.name,
      cpus: task.cpus,
      memory: task.memory,
      gpus: task.gpus,
      cacheHit: task.cacheHit,
      cacheS3Uri: task.cacheS3Uri,
      creationTime: task.creationTime,
      startTime: task.startTime,
      stopTime: task.stopTime,
      statusMessage: statusMessageOf(task.process),
      failureReason: status === "FAILED" ? task.failureReason : undefined,
      logStream: `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:/aws/omics/WorkflowLog:log-stream:run/${run.id}/task/${task.taskId}`,
      instanceType: task.instanceType,
      ...(task.image ? { imageDetails: { image: task.image, sourceImage: task.image } } : {}),
    };
  },
});

export const listRunTasks = op<ListRunTasksRequest, ListRunTasksResponse>({
  input: { id: NUMERIC_ID, status: oneOf("TaskStatus"), startingToken: LIST_TOKEN, maxResults: pageSize(100) },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, input.id!);
    const page = ctx.paginate(run.tasks, {
      token: input.startingToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (t) => input.status === undefined || taskStatus(t) === input.status,
      query: { runId: run.id, status: input.status },
    });
    return {
      // Rendered before the read moves them, so the page agrees with its status filter.
      items: page.items.map((t) => {
        const item = {
          taskId: t.taskId,
          status: taskStatus(t),
          name: t.name,
          cpus: t.cpus,
          memory: t.memory,
          gpus: t.gpus,
          cacheHit: t.cacheHit,
          creationTime: t.creationTime,
          startTime: t.startTime,
          stopTime: t.stopTime,
          instanceType: t.instanceType,
        };
        ctx.observe(t.process);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});
