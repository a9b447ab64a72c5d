import type {
  Accelerators,
  CacheBehavior,
  ConfigurationDetails,
  NetworkingMode,
  RunLogLevel,
  RunRetentionMode,
  StorageType,
  VpcConfigResponse,
  WorkflowType,
} from "@aws-sdk/client-omics";
import { createHash } from "node:crypto";
import { canonicalJson } from "../../engine/canonical.js";
import { LinearProcess, type LinearHooks } from "../../engine/lifecycle/process.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import type { OmicsEnv } from "./backend.js";
import type { TaskSpec } from "./definition/index.js";

/**
 * Runs and their tasks. A run walks PENDING → STARTING → RUNNING → STOPPING → COMPLETED; it
 * waits in PENDING while its run group is at maxRuns, creates its tasks when it enters
 * RUNNING, stays RUNNING until every task has ended, and fails when a task fails or when it
 * outlives its run group's maxDuration. Tasks walk the same states; a task waits in PENDING
 * while its run group is at maxCpus or maxGpus.
 */
export const RUN_PATH = ["PENDING", "STARTING", "RUNNING", "STOPPING", "COMPLETED"] as const;
export const RUN_STATES = [...RUN_PATH, "FAILED", "CANCELLED"] as const;
const IN_PROGRESS = new Set(["PENDING", "STARTING", "RUNNING", "STOPPING"]);
const HOLDING_RESOURCES = new Set(["STARTING", "RUNNING", "STOPPING"]);

export const isInProgress = (state: string): boolean => IN_PROGRESS.has(state);

export interface TaskRecord {
  seq: number;
  taskId: string;
  runId: string;
  name: string;
  cpus: number;
  memory: number;
  gpus: number;
  image?: string | undefined;
  instanceType: string;
  creationTime: Date;
  startTime?: Date | undefined;
  stopTime?: Date | undefined;
  cacheHit: boolean;
  cacheS3Uri?: string | undefined;
  /** The run cache key of this task (definition, task name and run parameters). */
  cacheKey: string;
  failureReason?: string | undefined;
  process: TaskProcess;
}

export interface RunRecord {
  seq: number;
  id: string;
  arn: string;
  uuid: string;
  name?: string | undefined;
  workflowId: string;
  workflowType: WorkflowType;
  workflowOwnerId?: string | undefined;
  workflowVersionName?: string | undefined;
  workflowUuid: string;
  /** The definition the run executes (a copy: deleting the version does not affect the run). */
  digest?: string | undefined;
  definitionZip?: Uint8Array | undefined;
  definitionUri?: string | undefined;
  taskSpecs: readonly TaskSpec[];
  accelerators?: Accelerators | undefined;
  /** The run this one re-runs (StartRun with runId). */
  rerunOf?: string | undefined;
  roleArn: string;
  runGroupId?: string | undefined;
  cacheId?: string | undefined;
  cacheBehavior?: CacheBehavior | undefined;
  priority?: number | undefined;
  parameters?: Record<string, unknown> | undefined;
  storageCapacity?: number | undefined;
  storageType: StorageType;
  outputUri: string;
  runOutputUri: string;
  logLevel?: RunLogLevel | undefined;
  retentionMode: RunRetentionMode;
  networkingMode?: NetworkingMode | undefined;
  configuration?: (ConfigurationDetails & { vpcConfig?: VpcConfigResponse | undefined }) | undefined;
  batchId?: string | undefined;
  creationTime: Date;
  startTime?: Date | undefined;
  stopTime?: Date | undefined;
  failureReason?: string | undefined;
  tasks: OrderedTable<TaskRecord>;
  process: RunProcess;
}

/** The statusMessage of a run or task that did not complete. */
export function statusMessageOf(process: LinearProcess): string | undefined {
  if (process.state === "FAILED") return process.failureMessage ?? "The run failed.";
  return undefined;
}

/** Runs of a run group that count against its limits. */
function groupRuns(env: OmicsEnv, runGroupId: string): RunRecord[] {
  const group = env.backend.runGroups.get(runGroupId);
  if (!group) return [];
  return [...group.runIds].flatMap((id) => env.backend.runs.get(id) ?? []);
}

/**
 * Whether a PENDING run may start: its run group below maxRuns, and no queued run of the
 * group ahead of it (higher priority, or the same priority and started earlier).
 */
function mayStart(env: OmicsEnv, run: RunRecord): boolean {
  const group = run.runGroupId ? env.backend.runGroups.get(run.runGroupId) : undefined;
  if (!group?.maxRuns) return true;
  const runs = groupRuns(env, group.id).filter((r) => r !== run);
  const active = runs.filter((r) => HOLDING_RESOURCES.has(r.process.state)).length;
  const mine = run.priority ?? 0;
  const ahead = runs.filter((r) => r.process.state === "PENDING" && ((r.priority ?? 0) > mine || ((r.priority ?? 0) === mine && r.seq < run.seq))).length;
  return active + ahead < group.maxRuns;
}

/** Why a run has outlived its run group's maxDuration, or undefined. */
function overDuration(env: OmicsEnv, run: RunRecord): string | undefined {
  const group = run.runGroupId ? env.backend.runGroups.get(run.runGroupId) : undefined;
  if (!group?.maxDuration || !run.startTime) return undefined;
  const minutes = (env.engine.clock.nowMs() - run.startTime.getTime()) / 60_000;
  return minutes > group.maxDuration ? `The run exceeded its run group's maximum duration of ${group.maxDuration} minutes.` : undefined;
}

/** HealthOmics instance type for a task's resources (omics.c/m/r by memory per vCPU, g5 with GPUs). */
export function instanceTypeFor(cpus: number, memory: number, gpus: number): string {
  const sizes: Array<[string, number]> = [["large", 2], ["xlarge", 4], ["2xlarge", 8], ["4xlarge", 16], ["8xlarge", 32], ["12xlarge", 48], ["16xlarge", 64], ["24xlarge", 96]];
  if (gpus > 0) {
    const [size] = sizes.find(([, vcpus]) => vcpus >= Math.max(4, cpus) && vcpus * 4 >= memory) ?? sizes[sizes.length - 1]!;
    return `omics.g5.${size}`;
  }
  const families: Array<[string, number]> = [["c", 2], ["m", 4], ["r", 8]];
  const [family, perCpu] = families.find(([, ratio]) => memory <= cpus * ratio) ?? families[2]!;
  const [size] = sizes.find(([, vcpus]) => vcpus >= cpus && vcpus * perCpu >= memory) ?? sizes[sizes.length - 1]!;
  return `omics.${family}.${size}`;
}

export function cacheKeyOf(run: RunRecord, spec: TaskSpec): string {
  return createHash("sha256")
    .update(canonicalJson([run.workflowUuid, run.digest ?? run.definitionUri ?? "", spec.name, spec.image ?? "", run.parameters ?? {}]))
    .digest("hex")
    .slice(0, 32);
}

/** A run's tasks, created when it enters RUNNING (a cache entry makes a task a cache hit). */
function createTasks(env: OmicsEnv, run: RunRecord): void {
  const backend = env.backend;
  const cache = run.cacheId ? backend.runCaches.get(run.cacheId) : undefined;
  for (const spec of run.taskSpecs) {
    const taskId = backend.newId((id) => backend.taskIds.has(id));
    backend.taskIds.add(taskId);
    const cacheKey = cacheKeyOf(run, spec);
    const cached = cache?.entries.get(cacheKey);
    const task = {
      seq: backend.nextSeq(),
      taskId,
      runId: run.id,
      name: spec.name,
      cpus: spec.cpus,
      memory: spec.memory,
      gpus: spec.gpus,
      image: spec.image,
      instanceType: instanceTypeFor(spec.cpus, spec.memory, spec.gpus),
      creationTime: env.engine.clock.now(),
      cacheHit: cached !== undefined,
      cacheS3Uri: cached,
      cacheKey,
    } as TaskRecord;
    task.process = env.engine.lifecycles.register(new TaskProcess(env, run, task));
    run.tasks.set(taskId, task);
  }
}

/** Saves the outputs of completed tasks to the run cache, as the cache behavior says. */
function fillCache(env: OmicsEnv, run: RunRecord, state: string, timedOut: boolean): void {
  const cache = run.cacheId ? env.backend.runCaches.get(run.cacheId) : undefined;
  if (!cache || timedOut) return;
  const behavior = run.cacheBehavior ?? cache.cacheBehavior;
  // Cancelled runs save nothing; CACHE_ON_FAILURE saves only from runs that fail.
  const saves = state === "FAILED" || (state === "COMPLETED" && behavior === "CACHE_ALWAYS");
  if (!saves) return;
  for (const task of run.tasks.values()) {
    if (task.process.state === "COMPLETED" && !cache.entries.has(task.cacheKey)) cache.entries.set(task.cacheKey, `${cache.cacheS3Uri}${task.cacheKey}/`);
  }
}

export class RunProcess extends LinearProcess {
  private timedOut = false;
  /** CancelRun was called: the run stops its tasks and ends CANCELLED. */
  private cancelling = false;

  constructor(
    private readonly env: OmicsEnv,
    private readonly run: RunRecord,
  ) {
    const hooks: LinearHooks = {};
    super(
      { kind: "Omics.Run", path: RUN_PATH },
      { id: run.id, name: run.name, workflowId: run.workflowId, workflowVersionName: run.workflowVersionName, runGroupId: run.runGroupId, batchId: run.batchId },
      hooks,
    );
    hooks.onEnter = (state) => this.entered(state);
  }

  /**
   * CancelRun: straight to CANCELLED when nothing was provisioned yet, else STOPPING at once
   * (the next read shows the state the call left), then CANCELLED.
   */
  cancel(): void {
    this.cancelling = true;
    if (this.state === "PENDING") this.jump("CANCELLED");
    else if (this.state === "STOPPING") this.divert(["CANCELLED"]);
    else this.jump("STOPPING", ["CANCELLED"]);
  }

  protected override step(): boolean {
    const next = this.upcoming[0];
    if (isInProgress(this.state) && next !== "FAILED" && next !== "CANCELLED") {
      const over = overDuration(this.env, this.run);
      if (over) {
        this.timedOut = true;
        this.run.failureReason = "RUN_TIMEOUT";
        this.divert(["FAILED"], over);
        return super.step();
      }
    }
    if (this.state === "PENDING" && next === "STARTING" && !mayStart(this.env, this.run)) return false;
    if (this.state === "RUNNING" && !this.cancelling && next !== "FAILED" && next !== "CANCELLED") {
      const tasks = this.run.tasks.values();
      const broken = tasks.find((t) => t.process.done && t.process.state !== "COMPLETED");
      if (broken) {
        this.run.failureReason = "TASK_FAILED";
        this.divert(["FAILED"], `Task ${broken.name} (${broken.taskId}) ended ${broken.process.state}${broken.process.failureMessage ? `: ${broken.process.failureMessage}` : "."}`);
      } else if (tasks.some((t) => !t.process.done)) {
        return false;
      }
    }
    return super.step();
  }

  private entered(state: string): void {
    const now = this.env.engine.clock.now();
    if (state === "STARTING") this.run.startTime = now;
    if (state === "RUNNING") createTasks(this.env, this.run);
    if (state === "STOPPING" && this.cancelling) this.cancelTasks();
    if (!isInProgress(state)) {
      this.run.stopTime = now;
      if (state === "FAILED") this.run.failureReason ??= "RUN_FAILED";
      this.cancelTasks();
      fillCache(this.env, this.run, state, this.timedOut);
    }
  }

  private cancelTasks(): void {
    for (const task of this.run.tasks.values()) if (!task.process.done) task.process.jump("CANCELLED");
  }
}

export class TaskProcess extends LinearProcess {
  constructor(
    private readonly env: OmicsEnv,
    private readonly run: RunRecord,
    private readonly task: TaskRecord,
  ) {
    const hooks: LinearHooks = {};
    super({ kind: "Omics.Task", path: RUN_PATH }, { runId: run.id, taskId: task.taskId, name: task.name }, hooks);
    hooks.onEnter = (state) => this.entered(state);
  }

  protected override step(): boolean {
    const next = this.upcoming[0];
    if (this.state === "PENDING" && next === "STARTING") {
      if (this.run.process.state !== "RUNNING") return false;
      const capacity = this.capacity();
      if (capacity === "wait") return false;
      if (capacity !== "ok") this.divert(["FAILED"], capacity);
    }
    return super.step();
  }

  /** Whether the run group has room for this task now ("ok"), later ("wait"), or never (why). */
  private capacity(): "ok" | "wait" | string {
    const group = this.run.runGroupId ? this.env.backend.runGroups.get(this.run.runGroupId) : undefined;
    if (!group || (!group.maxCpus && !group.maxGpus)) return "ok";
    if (group.maxCpus && this.task.cpus > group.maxCpus) return `The task needs ${this.task.cpus} vCPUs, more than its run group's maxCpus of ${group.maxCpus}.`;
    if (group.maxGpus && this.task.gpus > group.maxGpus) return `The task needs ${this.task.gpus} GPUs, more than its run group's maxGpus of ${group.maxGpus}.`;
    let cpus = 0;
    let gpus = 0;
    for (const run of groupRuns(this.env, group.id)) {
      for (const task of run.tasks.values()) {
        if (task !== this.task && HOLDING_RESOURCES.has(task.process.state)) {
          cpus += task.cpus;
          gpus += task.gpus;
        }
      }
    }
    if (group.maxCpus && cpus + this.task.cpus > group.maxCpus) return "wait";
    if (group.maxGpus && gpus + this.task.gpus > group.maxGpus) return "wait";
    return "ok";
  }

  private entered(state: string): void {
    const now = this.env.engine.clock.now();
    if (state === "RUNNING") this.task.startTime = now;
    if (!isInProgress(state)) {
      this.task.stopTime = now;
      if (state === "FAILED") this.task.failureReason ??= "TASK_FAILED";
    }
  }
}
