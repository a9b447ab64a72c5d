import type {
  CancelMLTaskRunRequest,
  CancelMLTaskRunResponse,
  GetMLTaskRunRequest,
  GetMLTaskRunResponse,
  GetMLTaskRunsRequest,
  GetMLTaskRunsResponse,
  StartExportLabelsTaskRunRequest,
  StartExportLabelsTaskRunResponse,
  StartImportLabelsTaskRunRequest,
  StartImportLabelsTaskRunResponse,
  StartMLEvaluationTaskRunRequest,
  StartMLEvaluationTaskRunResponse,
  StartMLLabelingSetGenerationTaskRunRequest,
  StartMLLabelingSetGenerationTaskRunResponse,
  TaskRunProperties,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { pageSize } from "../shapes.js";
import { statusOf, TaskRunRecord, type TaskRunOrder, type TransformRecord } from "./model.js";
import { checkFilterDates, findTransform, HASH } from "./transforms.js";

type Ctx = RequestContext<GlueBackend>;

const S3_URI = str({ min: 1 });

function s3Path(ctx: Ctx, member: string, value: string): string {
  if (!/^s3:\/\/[^/]+(\/.*)?$/.test(value)) throw ctx.invalid(`${member} must be an S3 path (s3://bucket/prefix); got ${value}.`);
  return value;
}

/** Starts a task run of a transform; `onSuccess` is what its success changes on the transform. */
function start(ctx: Ctx, transform: TransformRecord, properties: TaskRunProperties, onSuccess: () => void = () => {}): TaskRunRecord {
  const run = new TaskRunRecord(ctx.backend.runtime(ctx), transform, properties, onSuccess);
  transform.taskRuns.set(run.id, run);
  return run;
}

/** "Only one of these task runs of a kind may run at a time for a transform." */
function noneRunning(ctx: Ctx, transform: TransformRecord, type: string): void {
  if (transform.taskRuns.values().some((run) => run.properties.TaskType === type && !run.ended)) {
    throw ctx.error("ConcurrentRunsExceededException", `A ${type} task run of transform ${transform.id} is already running.`);
  }
}

/** A label import changes the transform's labels: its status (NOT_READY/READY) sorts anew. */
function labelsChanged(ctx: Ctx, transform: TransformRecord, change: () => void): () => void {
  const transforms = ctx.backend.mlTransforms;
  return () => {
    change();
    if (transforms.get(transform.id) === transform) transforms.touch(transform.id);
  };
}

export const startMLEvaluationTaskRun = op<StartMLEvaluationTaskRunRequest, StartMLEvaluationTaskRunResponse>({
  input: { TransformId: HASH },
  errors: ["EntityNotFoundException", "ConcurrentRunsExceededException", "MLTransformNotReadyException"],
  run(ctx, input) {
    const transform = findTransform(ctx, input.TransformId!);
    if (statusOf(transform) !== "READY") throw ctx.error("MLTransformNotReadyException", `Transform ${transform.id} is NOT_READY: import labels (StartImportLabelsTaskRun) before evaluating it.`);
    noneRunning(ctx, transform, "EVALUATION");
    const run = start(ctx, transform, { TaskType: "EVALUATION" }, () => {
      transform.evaluated = true;
    });
    return { TaskRunId: run.id };
  },
});

export const startMLLabelingSetGenerationTaskRun = op<StartMLLabelingSetGenerationTaskRunRequest, StartMLLabelingSetGenerationTaskRunResponse>({
  input: { TransformId: HASH, OutputS3Path: S3_URI },
  errors: ["EntityNotFoundException", "ConcurrentRunsExceededException"],
  run(ctx, input) {
    const transform = findTransform(ctx, input.TransformId!);
    const OutputS3Path = s3Path(ctx, "OutputS3Path", input.OutputS3Path!);
    noneRunning(ctx, transform, "LABELING_SET_GENERATION");
    return { TaskRunId: start(ctx, transform, { TaskType: "LABELING_SET_GENERATION", LabelingSetGenerationTaskRunProperties: { OutputS3Path } }).id };
  },
});

export const startImportLabelsTaskRun = op<StartImportLabelsTaskRunRequest, StartImportLabelsTaskRunResponse>({
  input: { TransformId: HASH, InputS3Path: S3_URI },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const transform = findTransform(ctx, input.TransformId!);
    const InputS3Path = s3Path(ctx, "InputS3Path", input.InputS3Path!);
    const replace = input.ReplaceAllLabels ?? false;
    // The fake cannot read the labels file: each import counts as one labelled set, and a
    // replacing import leaves only its own.
    const onSuccess = labelsChanged(ctx, transform, () => {
      transform.LabelCount = replace ? 1 : transform.LabelCount + 1;
    });
    return { TaskRunId: start(ctx, transform, { TaskType: "IMPORT_LABELS", ImportLabelsTaskRunProperties: { InputS3Path, Replace: replace } }, onSuccess).id };
  },
});

export const startExportLabelsTaskRun = op<StartExportLabelsTaskRunRequest, StartExportLabelsTaskRunResponse>({
  input: { TransformId: HASH, OutputS3Path: S3_URI },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const transform = findTransform(ctx, input.TransformId!);
    const OutputS3Path = s3Path(ctx, "OutputS3Path", input.OutputS3Path!);
    return { TaskRunId: start(ctx, transform, { TaskType: "EXPORT_LABELS", ExportLabelsTaskRunProperties: { OutputS3Path } }).id };
  },
});

function findRun(ctx: Ctx, transformId: string, runId: string): TaskRunRecord {
  const run = findTransform(ctx, transformId).taskRuns.get(runId);
  if (!run) throw ctx.error("EntityNotFoundException", `Task run ${runId} of transform ${transformId} not found.`);
  return run;
}

export const getMLTaskRun = op<GetMLTaskRunRequest, GetMLTaskRunResponse>({
  input: { TransformId: HASH, TaskRunId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, input.TransformId!, input.TaskRunId!);
    ctx.observe(run.process);
    return run.render();
  },
});

export const getMLTaskRuns = op<GetMLTaskRunsRequest, GetMLTaskRunsResponse>({
  input: {
    TransformId: HASH,
    MaxResults: pageSize(1000),
    Filter: struct({ TaskRunType: oneOf("TaskType"), Status: oneOf("TaskStatusType") }),
    Sort: struct({ Column: oneOf("TaskRunSortColumnType"), SortDirection: oneOf("SortDirectionType") }),
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const transform = findTransform(ctx, input.TransformId!);
    const column = (input.Sort?.Column ?? "STARTED") as TaskRunOrder;
    const filter = input.Filter;
    checkFilterDates(ctx, filter);
    // Newest first unless the caller sorts ascending.
    const descending = input.Sort?.SortDirection !== "ASCENDING";
    const page = ctx.paginate(transform.taskRuns.view(column), {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      descending,
      filter: (run) =>
        (filter?.TaskRunType === undefined || run.properties.TaskType === filter.TaskRunType) &&
        (filter?.Status === undefined || run.state === filter.Status) &&
        (!filter?.StartedBefore || run.startedOn < filter.StartedBefore) &&
        (!filter?.StartedAfter || run.startedOn > filter.StartedAfter),
      query: { transform: transform.id, column, filter: filter ?? null },
    });
    for (const run of page.items) ctx.observe(run.process);
    return { TaskRuns: page.items.map((run) => run.render()), NextToken: page.nextToken };
  },
});

export const cancelMLTaskRun = op<CancelMLTaskRunRequest, CancelMLTaskRunResponse>({
  input: { TransformId: HASH, TaskRunId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, input.TransformId!, input.TaskRunId!);
    if (run.ended) throw ctx.invalid(`Task run ${run.id} has already ended (${run.state}).`);
    run.cancel();
    return { TransformId: run.transform.id, TaskRunId: run.id, Status: run.state as CancelMLTaskRunResponse["Status"] };
  },
});
