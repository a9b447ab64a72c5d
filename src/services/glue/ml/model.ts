import type { GlueTable, MLTransform, TaskRun, TaskRunProperties, TransformEncryption, TransformParameters } from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import { randomHex } from "../../../engine/ids.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { SortedViews } from "../../../engine/sorted-views.js";
import type { GlueRuntime } from "../backend.js";
import { ML_TASK_RUN } from "./lifecycles.js";

/** An ML transform (FIND_MATCHES) and its task runs. */
export interface TransformRecord {
  readonly id: string;
  readonly arn: string;
  readonly sequence: number;
  Name: string;
  Description?: string | undefined;
  readonly CreatedOn: Date;
  LastModifiedOn: Date;
  InputRecordTables: GlueTable[];
  Parameters: TransformParameters;
  Role: string;
  GlueVersion: string;
  MaxCapacity?: number | undefined;
  WorkerType?: MLTransform["WorkerType"] | undefined;
  NumberOfWorkers?: number | undefined;
  Timeout: number;
  MaxRetries: number;
  TransformEncryption?: TransformEncryption | undefined;
  /** Labels the transform has learned from (import task runs add to it). */
  LabelCount: number;
  /** Whether an evaluation task run has completed: EvaluationMetrics is reported from then on. */
  evaluated: boolean;
  readonly taskRuns: SortedViews<TaskRunRecord, TaskRunOrder>;
}

export type TaskRunOrder = "STARTED" | "STATUS" | "TASK_RUN_TYPE";

/** NOT_READY until the transform has labels to learn from, READY after. */
export const statusOf = (transform: TransformRecord): "NOT_READY" | "READY" => (transform.LabelCount > 0 ? "READY" : "NOT_READY");

export function newTaskRunViews(): SortedViews<TaskRunRecord, TaskRunOrder> {
  return new SortedViews<TaskRunRecord, TaskRunOrder>({
    STARTED: (run) => run.sequence,
    STATUS: (run) => `${run.state}|${String(run.sequence).padStart(12, "0")}`,
    TASK_RUN_TYPE: (run) => `${run.properties.TaskType}|${String(run.sequence).padStart(12, "0")}`,
  });
}

const ENDED = new Set(["STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT"]);

/** One task run: a Glue.MLTaskRun process, STARTING → RUNNING → SUCCEEDED (or FAILED, TIMEOUT, STOPPED). */
export class TaskRunRecord {
  readonly id = `tsk-${randomHex(40)}`;
  readonly sequence: number;
  readonly startedOn: Date;
  lastModifiedOn: Date;
  completedOn: Date | undefined;
  errorString: string | undefined;
  readonly process: LinearProcess;

  constructor(
    private readonly runtime: GlueRuntime,
    readonly transform: TransformRecord,
    readonly properties: TaskRunProperties,
    private readonly onSuccess: () => void,
  ) {
    this.sequence = runtime.backend.nextSequence();
    this.startedOn = runtime.now();
    this.lastModifiedOn = this.startedOn;
    const attributes = { TransformId: transform.id, TaskRunId: this.id, TaskType: properties.TaskType };
    this.process = runtime.engine.lifecycles.register(new LinearProcess({ kind: ML_TASK_RUN, path: ["STARTING", "RUNNING", "SUCCEEDED"] }, attributes, { onEnter: (state) => this.entered(state) }));
  }

  get state(): string {
    return this.process.state;
  }

  get ended(): boolean {
    return ENDED.has(this.state);
  }

  private entered(state: string): void {
    this.lastModifiedOn = this.runtime.now();
    // The views sort by status: the run's place in them moves with it.
    this.transform.taskRuns.touch(this.id);
    if (!ENDED.has(state)) return;
    this.completedOn = this.lastModifiedOn;
    if (state === "SUCCEEDED") this.onSuccess();
    else if (state === "FAILED" || state === "TIMEOUT") this.errorString = this.process.failureMessage ?? (state === "TIMEOUT" ? `Task run timed out after ${this.transform.Timeout} minutes.` : "Task run failed.");
  }

  cancel(): void {
    if (this.ended || this.state === "STOPPING") return;
    this.process.jump("STOPPING", ["STOPPED"]);
  }

  render(): TaskRun {
    const end = this.completedOn ?? this.runtime.now();
    return {
      TransformId: this.transform.id,
      TaskRunId: this.id,
      Status: this.state as TaskRun["Status"],
      LogGroupName: "/aws-glue/ml-transforms",
      Properties: deepCopy(this.properties),
      ErrorString: this.errorString,
      StartedOn: this.startedOn,
      LastModifiedOn: this.lastModifiedOn,
      CompletedOn: this.completedOn,
      ExecutionTime: Math.round((end.getTime() - this.startedOn.getTime()) / 1000),
    };
  }
}

export function renderTransform(transform: TransformRecord): MLTransform {
  return {
    TransformId: transform.id,
    Name: transform.Name,
    Description: transform.Description,
    Status: statusOf(transform),
    CreatedOn: transform.CreatedOn,
    LastModifiedOn: transform.LastModifiedOn,
    InputRecordTables: deepCopy(transform.InputRecordTables),
    Parameters: deepCopy(transform.Parameters),
    // The metrics an evaluation computes come from the labelled data, which the fake cannot see.
    EvaluationMetrics: transform.evaluated ? { TransformType: transform.Parameters.TransformType } : undefined,
    LabelCount: transform.LabelCount,
    Schema: [],
    Role: transform.Role,
    GlueVersion: transform.GlueVersion,
    MaxCapacity: transform.MaxCapacity,
    WorkerType: transform.WorkerType,
    NumberOfWorkers: transform.NumberOfWorkers,
    Timeout: transform.Timeout,
    MaxRetries: transform.MaxRetries,
    TransformEncryption: transform.TransformEncryption ? deepCopy(transform.TransformEncryption) : undefined,
  };
}

export const newTransformId = (): string => `tfm-${randomHex(40)}`;

export type TransformOrder = "NAME" | "TRANSFORM_TYPE" | "STATUS" | "CREATED" | "LAST_MODIFIED";

const seq = (t: TransformRecord) => String(t.sequence).padStart(12, "0");
export function newTransformViews(): SortedViews<TransformRecord, TransformOrder> {
  return new SortedViews<TransformRecord, TransformOrder>({
    NAME: (t) => t.Name,
    TRANSFORM_TYPE: (t) => `${t.Parameters.TransformType}|${seq(t)}`,
    STATUS: (t) => `${statusOf(t)}|${seq(t)}`,
    CREATED: (t) => t.sequence,
    LAST_MODIFIED: (t) => `${String(t.LastModifiedOn.getTime()).padStart(15, "0")}|${seq(t)}`,
  });
}

