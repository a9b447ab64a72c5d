import type { LifecycleKind } from "../../../engine/service.js";

export const ML_TASK_RUN = "Glue.MLTaskRun";

export const ML_LIFECYCLES: readonly LifecycleKind[] = [
  {
    kind: ML_TASK_RUN,
    states: ["STARTING", "RUNNING", "STOPPING", "STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT"],
    failures: ["FAILED", "TIMEOUT", "STOPPED"],
    attributes: ["TransformId", "TaskRunId", "TaskType"],
  },
];
