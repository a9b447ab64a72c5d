import type {
  BatchStatus,
  CancelRunBatchRequest,
  CancelRunBatchResponse,
  DefaultRunSetting,
  DeleteBatchRequest,
  DeleteRunBatchRequest,
  DeleteRunBatchResponse,
  GetBatchRequest,
  GetBatchResponse,
  InlineSetting,
  ListBatchRequest,
  ListBatchResponse,
  ListRunsInBatchRequest,
  ListRunsInBatchResponse,
  RunBatchListItem,
  StartRunBatchRequest,
  StartRunBatchResponse,
  SubmissionStatus,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { ServiceError } from "../../engine/errors.js";
import { uuid } from "../../engine/ids.js";
import { LinearProcess, type LinearHooks } from "../../engine/lifecycle/process.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { int, list, oneOf, struct } from "../../engine/validation/rules.js";
import { envOf, op, type NoOutput, type OmicsBackend, type OmicsEnv } from "./backend.js";
import { isInProgress } from "./run-model.js";
import { observeRun, removeRun, startRun, type RunRequest } from "./runs.js";
import {
  ACCOUNT_ID,
  AWS_ACCOUNT_ID,
  CONFIGURATION_NAME,
  LIST_TOKEN,
  NUMERIC_ID,
  OUTPUT_URI,
  printable,
  PRIORITY,
  REQUEST_ID,
  ROLE_ARN,
  STORAGE_CAPACITY,
  TAGS,
  VERSION_NAME,
} from "./shapes.js";
import { checkNewTags } from "./tags.js";
import { statusOf } from "./workflow-model.js";
import { resolveWorkflow } from "./workflows.js";

/**
 * Run batches: many runs sharing `defaultRunSetting`, with per-run `inlineSettings`
 * (parameters and tags merged, run values winning). CREATING → PENDING → SUBMITTING (every
 * run is started; a run that cannot start is recorded as a FAILED submission with the error
 * StartRun would raise) → INPROGRESS (until every run has ended) → PROCESSED; FAILED when no
 * run could be submitted. CancelRunBatch (STOPPING → CANCELLED) cancels the runs in progress;
 * DeleteRunBatch (RUNS_DELETING → RUNS_DELETED) deletes the finished runs; DeleteBatch
 * forgets the batch.
 */
export interface BatchRunEntry {
  seq: number;
  runSettingId: string;
  setting: InlineSetting;
  /** Whether StartRun was attempted, and its outcome. */
  submitted: boolean;
  started: boolean;
  runId?: string | undefined;
  runArn?: string | undefined;
  runInternalUuid?: string | undefined;
  submissionStatus?: SubmissionStatus | undefined;
  submissionFailureReason?: string | undefined;
  submissionFailureMessage?: string | undefined;
}

export interface BatchRecord {
  seq: number;
  id: string;
  arn: string;
  uuid: string;
  name?: string | undefined;
  defaultRunSetting: DefaultRunSetting;
  entries: OrderedTable<BatchRunEntry>;
  creationTime: Date;
  submittedTime?: Date | undefined;
  processedTime?: Date | undefined;
  failedTime?: Date | undefined;
  failureReason?: string | undefined;
  cancel: { succeeded: number; failed: number };
  deletion: { succeeded: number; failed: number };
  /** The batch's current transition: the batch itself, then a cancellation or run deletion. */
  process: LinearProcess;
}

export const BATCH_STATES = ["CREATING", "PENDING", "SUBMITTING", "INPROGRESS", "STOPPING", "CANCELLED", "FAILED", "PROCESSED", "RUNS_DELETING", "RUNS_DELETED"] as const;
const TERMINAL = new Set(["PROCESSED", "FAILED", "CANCELLED", "RUNS_DELETED"]);

const batchStatus = (batch: BatchRecord): BatchStatus => batch.process.state as BatchStatus;

function mergedRequest(batch: BatchRecord, setting: InlineSetting): RunRequest {
  const base = batch.defaultRunSetting;
  const parameters = base.parameters === undefined && setting.parameters === undefined ? undefined : { ...(base.parameters as object), ...(setting.parameters as object) };
  const tags = base.runTags === undefined && setting.runTags === undefined ? undefined : { ...base.runTags, ...setting.runTags };
  return {
    workflowId: base.workflowId,
    workflowType: base.workflowType,
    roleArn: base.roleArn!,
    name: setting.name ?? base.name,
    cacheId: base.cacheId,
    cacheBehavior: base.cacheBehavior,
    runGroupId: base.runGroupId,
    priority: setting.priority ?? base.priority,
    parameters,
    storageCapacity: base.storageCapacity,
    outputUri: (setting.outputUri ?? base.outputUri)!,
    logLevel: base.logLevel,
    tags,
    retentionMode: base.retentionMode,
    storageType: base.storageType,
    workflowOwnerId: base.workflowOwnerId,
    workflowVersionName: base.workflowVersionName,
    networkingMode: base.networkingMode,
    configurationName: base.configurationName,
    batchId: batch.id,
  };
}

/** Starts every run of the batch (SUBMITTING), recording each submission's outcome. */
function submitRuns(env: OmicsEnv, batch: BatchRecord): void {
  batch.submittedTime = env.engine.clock.now();
  for (const entry of batch.entries.values()) {
    entry.submitted = true;
    try {
      const run = startRun(env, mergedRequest(batch, entry.setting));
      Object.assign(entry, { started: true, runId: run.id, runArn: run.arn, runInternalUuid: run.uuid, submissionStatus: "SUCCESS" });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      Object.assign(entry, { submissionStatus: "FAILED", submissionFailureReason: error.code, submissionFailureMessage: error.message });
    }
  }
}

class BatchProcess extends LinearProcess {
  constructor(
    private readonly env: OmicsEnv,
    private readonly batch: BatchRecord,
  ) {
    const hooks: LinearHooks = {};
    super({ kind: "Omics.Batch", path: ["CREATING", "PENDING", "SUBMITTING", "INPROGRESS", "PROCESSED"] }, { id: batch.id, name: batch.name }, hooks);
    hooks.onEnter = (state) => this.entered(state);
  }

  protected override step(): boolean {
    // The batch is processed (or cancelled) once every run it started has ended.
    const next = this.upcoming[0];
    if ((this.state === "INPROGRESS" && next === "PROCESSED") || (this.state === "STOPPING" && next === "CANCELLED")) {
      const runs = this.batch.entries.values().flatMap((e) => (e.runId ? (this.env.backend.runs.get(e.runId) ?? []) : []));
      if (runs.some((run) => isInProgress(run.process.state))) return false;
    }
    return super.step();
  }

  private entered(state: string): void {
    const now = this.env.engine.clock.now();
    if (state === "SUBMITTING") {
      submitRuns(this.env, this.batch);
      if (!this.batch.entries.values().some((e) => e.started)) {
        this.batch.failureReason = "No run of the batch could be submitted; see the submission failures in ListRunsInBatch.";
        this.divert(["FAILED"], this.batch.failureReason);
      }
    }
    if (state === "PROCESSED") this.batch.processedTime = now;
    if (state === "FAILED") {
      this.batch.failedTime = now;
      this.batch.failureReason ??= this.failureMessage ?? "The batch failed.";
    }
  }
}

export function findBatch(ctx: RequestContext<OmicsBackend>, id: string): BatchRecord {
  const batch = ctx.backend.batches.get(id);
  if (!batch) throw ctx.error("ResourceNotFoundException", `Run batch ${id} not found.`);
  return batch;
}

function onlyOneFilter(ctx: RequestContext<OmicsBackend>, filters: Record<string, unknown>): void {
  const given = Object.entries(filters).filter(([, value]) => value !== undefined).map(([name]) => name);
  if (given.length > 1) throw ctx.invalid(`Only one filter per call is supported; this request filters by ${given.join(" and ")}.`);
}

const DEFAULT_RUN_SETTING = struct({
  workflowId: NUMERIC_ID,
  workflowType: oneOf("WorkflowType"),
  roleArn: ROLE_ARN,
  name: printable(1, 128),
  cacheId: NUMERIC_ID,
  cacheBehavior: oneOf("CacheBehavior"),
  runGroupId: NUMERIC_ID,
  priority: PRIORITY,
  storageCapacity: STORAGE_CAPACITY,
  outputUri: OUTPUT_URI,
  logLevel: oneOf("RunLogLevel"),
  runTags: TAGS,
  retentionMode: oneOf("RunRetentionMode"),
  storageType: oneOf("StorageType"),
  workflowOwnerId: ACCOUNT_ID,
  outputBucketOwnerId: AWS_ACCOUNT_ID,
  workflowVersionName: VERSION_NAME,
  networkingMode: oneOf("NetworkingMode"),
  configurationName: CONFIGURATION_NAME,
});

const INLINE_SETTING = struct({
  runSettingId: printable(1, 128),
  name: printable(1, 128),
  outputUri: OUTPUT_URI,
  priority: PRIORITY,
  outputBucketOwnerId: AWS_ACCOUNT_ID,
  runTags: TAGS,
});

const isObject = (value: unknown): boolean => value !== null && typeof value === "object" && !Array.isArray(value);

export const startRunBatch = op<StartRunBatchRequest, StartRunBatchResponse>({
  input: {
    batchName: printable(1, 64),
    requestId: REQUEST_ID,
    tags: TAGS,
    defaultRunSetting: DEFAULT_RUN_SETTING,
    batchRunSettings: struct({ inlineSettings: list(INLINE_SETTING, { min: 1, max: 100 }) }),
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  replayable: (ctx, recorded) => ctx.backend.batches.get(recorded.id!)?.uuid === recorded.uuid,
  run(ctx, input) {
    const backend = ctx.backend;
    const defaults = input.defaultRunSetting!;
    const settings = input.batchRunSettings?.inlineSettings;
    checkNewTags(ctx, input.tags);
    if (!settings) throw ctx.invalid("batchRunSettings needs inlineSettings: one entry per run of the batch.");
    if (defaults.workflowType === "READY2RUN") throw ctx.invalid("Run batches are not supported with READY2RUN workflows.");

    // The common fields are checked now; each run's own fields when it is submitted.
    const { workflow } = resolveWorkflow(envOf(ctx), defaults.workflowId!, { type: defaults.workflowType, workflowOwnerId: defaults.workflowOwnerId });
    const definition = defaults.workflowVersionName !== undefined ? workflow.versions.get(defaults.workflowVersionName) : workflow;
    if (!definition) throw ctx.error("ResourceNotFoundException", `Version ${defaults.workflowVersionName} of workflow ${workflow.id} not found.`);
    if (statusOf(definition) !== "ACTIVE") throw ctx.error("ConflictException", `Workflow ${workflow.id} is ${statusOf(definition)}; a batch can start only when it is ACTIVE.`);
    if (defaults.runGroupId !== undefined && !backend.runGroups.has(defaults.runGroupId)) throw ctx.error("ResourceNotFoundException", `Run group ${defaults.runGroupId} not found.`);
    if (defaults.cacheId !== undefined && !backend.runCaches.has(defaults.cacheId)) throw ctx.error("ResourceNotFoundException", `Run cache ${defaults.cacheId} not found.`);
    if (defaults.configurationName !== undefined && !backend.configurations.has(defaults.configurationName)) {
      throw ctx.error("ResourceNotFoundException", `Configuration ${defaults.configurationName} not found.`);
    }
    if (defaults.parameters !== undefined && !isObject(defaults.parameters)) throw ctx.invalid("defaultRunSetting.parameters must be a JSON object.");
    const seen = new Set<string>();
    for (const [index, setting] of settings.entries()) {
      const where = `batchRunSettings.inlineSettings.${index + 1}`;
      if (seen.has(setting.runSettingId!)) throw ctx.invalid(`${where}: runSettingId '${setting.runSettingId}' is used more than once; each run needs its own.`);
      seen.add(setting.runSettingId!);
      if (setting.outputUri === undefined && defaults.outputUri === undefined) throw ctx.invalid(`${where}: no outputUri, and defaultRunSetting has none either.`);
      if (setting.parameters !== undefined && !isObject(setting.parameters)) throw ctx.invalid(`${where}.parameters must be a JSON object.`);
    }

    const id = backend.newId((candidate) => backend.batches.has(candidate));
    const batch = {
      seq: backend.nextSeq(),
      id,
      arn: backend.arn(`runBatch/${id}`),
      uuid: uuid(),
      name: input.batchName,
      defaultRunSetting: defaults,
      entries: new OrderedTable<BatchRunEntry>((e) => e.seq),
      creationTime: ctx.now(),
      cancel: { succeeded: 0, failed: 0 },
      deletion: { succeeded: 0, failed: 0 },
    } as unknown as BatchRecord;
    settings.forEach((setting, index) => batch.entries.set(setting.runSettingId!, { seq: index, runSettingId: setting.runSettingId!, setting, submitted: false, started: false }));
    batch.process = ctx.track(new BatchProcess(envOf(ctx), batch));
    backend.batches.set(id, batch);
    backend.tags.add(batch.arn, input.tags ?? {});
    return { id, arn: batch.arn, status: batchStatus(batch), uuid: batch.uuid, tags: backend.tags.get(batch.arn) };
  },
});

/** A read of a batch moves its runs (and their tasks) and the batch itself. */
function observeBatch(ctx: RequestContext<OmicsBackend>, batch: BatchRecord): void {
  for (const entry of batch.entries.values()) {
    const run = entry.runId ? ctx.backend.runs.get(entry.runId) : undefined;
    if (run && !run.process.done) observeRun(ctx, run);
  }
  ctx.observe(batch.process);
}

function summaries(ctx: RequestContext<OmicsBackend>, batch: BatchRecord) {
  const entries = batch.entries.values();
  const runSummary = { pendingRunCount: 0, startingRunCount: 0, runningRunCount: 0, stoppingRunCount: 0, completedRunCount: 0, deletedRunCount: 0, failedRunCount: 0, cancelledRunCount: 0 };
  const counter: Record<string, keyof typeof runSummary> = {
    PENDING: "pendingRunCount",
    STARTING: "startingRunCount",
    RUNNING: "runningRunCount",
    STOPPING: "stoppingRunCount",
    COMPLETED: "completedRunCount",
    FAILED: "failedRunCount",
    CANCELLED: "cancelledRunCount",
  };
  for (const entry of entries) {
    if (!entry.started) continue;
    const run = ctx.backend.runs.get(entry.runId!);
    runSummary[run ? counter[run.process.state]! : "deletedRunCount"]++;
  }
  return {
    submissionSummary: {
      successfulStartSubmissionCount: entries.filter((e) => e.started).length,
      failedStartSubmissionCount: entries.filter((e) => e.submissionStatus === "FAILED").length,
      pendingStartSubmissionCount: entries.filter((e) => !e.submitted).length,
      successfulCancelSubmissionCount: batch.cancel.succeeded,
      failedCancelSubmissionCount: batch.cancel.failed,
      successfulDeleteSubmissionCount: batch.deletion.succeeded,
      failedDeleteSubmissionCount: batch.deletion.failed,
    },
    runSummary,
  };
}

export const getBatch = op<GetBatchRequest, GetBatchResponse>({
  input: { batchId: NUMERIC_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const batch = findBatch(ctx, input.batchId!);
    observeBatch(ctx, batch);
    return {
      id: batch.id,
      arn: batch.arn,
      uuid: batch.uuid,
      name: batch.name,
      status: batchStatus(batch),
      tags: ctx.backend.tags.get(batch.arn),
      totalRuns: batch.entries.size,
      defaultRunSetting: batch.defaultRunSetting,
      ...summaries(ctx, batch),
      creationTime: batch.creationTime,
      submittedTime: batch.submittedTime,
      processedTime: batch.processedTime,
      failedTime: batch.failedTime,
      failureReason: batch.failureReason,
    };
  },
});

export const listBatch = op<ListBatchRequest, ListBatchResponse>({
  input: { maxItems: int({ min: 1, max: 100 }), startingToken: LIST_TOKEN, status: oneOf("BatchStatus"), name: printable(1, 64), runGroupId: NUMERIC_ID },
  errors: [],
  run(ctx, input) {
    onlyOneFilter(ctx, { status: input.status, name: input.name, runGroupId: input.runGroupId });
    const page = ctx.paginate(ctx.backend.batches, {
      token: input.startingToken,
      maxResults: input.maxItems,
      defaultSize: 100,
      filter: (b) =>
        (input.status === undefined || batchStatus(b) === input.status) &&
        (input.name === undefined || b.name === input.name) &&
        (input.runGroupId === undefined || b.defaultRunSetting.runGroupId === input.runGroupId),
      query: { status: input.status, name: input.name, runGroupId: input.runGroupId },
    });
    return {
      items: page.items.map((b) => {
        const item = { id: b.id, name: b.name, status: batchStatus(b), createdAt: b.creationTime, totalRuns: b.entries.size, workflowId: b.defaultRunSetting.workflowId };
        ctx.observe(b.process);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});

export const listRunsInBatch = op<ListRunsInBatchRequest, ListRunsInBatchResponse>({
  input: { batchId: NUMERIC_ID, maxItems: int({ min: 1, max: 100 }), startingToken: LIST_TOKEN, submissionStatus: oneOf("SubmissionStatus") },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const batch = findBatch(ctx, input.batchId!);
    onlyOneFilter(ctx, { submissionStatus: input.submissionStatus, runSettingId: input.runSettingId, runId: input.runId });
    const page = ctx.paginate(batch.entries, {
      token: input.startingToken,
      maxResults: input.maxItems,
      defaultSize: 100,
      filter: (e) =>
        e.submitted &&
        (input.submissionStatus === undefined || e.submissionStatus === input.submissionStatus) &&
        (input.runSettingId === undefined || e.runSettingId === input.runSettingId) &&
        (input.runId === undefined || e.runId === input.runId),
      query: { batchId: batch.id, submissionStatus: input.submissionStatus, runSettingId: input.runSettingId, runId: input.runId },
    });
    const runs: RunBatchListItem[] = page.items.map((e) => ({
      runSettingId: e.runSettingId,
      runId: e.runId,
      runInternalUuid: e.runInternalUuid,
      runArn: e.runArn,
      submissionStatus: e.submissionStatus,
      submissionFailureReason: e.submissionFailureReason,
      submissionFailureMessage: e.submissionFailureMessage,
    }));
    return { runs, nextToken: page.nextToken };
  },
});

/** "Only one cancel or delete operation per batch is allowed at a time." */
function notBusy(ctx: RequestContext<OmicsBackend>, batch: BatchRecord): void {
  const status = batchStatus(batch);
  if (status === "STOPPING" || status === "RUNS_DELETING" || batch.process.upcoming.includes("CANCELLED")) {
    throw ctx.error("ConflictException", `Run batch ${batch.id} is ${status}; only one cancel or delete operation per batch is allowed at a time.`);
  }
}

export const cancelRunBatch = op<CancelRunBatchRequest, CancelRunBatchResponse>({
  input: { batchId: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const batch = findBatch(ctx, input.batchId!);
    notBusy(ctx, batch);
    const status = batchStatus(batch);
    if (!["PENDING", "SUBMITTING", "INPROGRESS"].includes(status)) {
      throw ctx.error("ConflictException", `Run batch ${batch.id} is ${status}; only a PENDING, SUBMITTING or INPROGRESS batch can be cancelled.`);
    }
    // Runs not yet submitted never start; runs already started get a CancelRun.
    for (const entry of batch.entries.values()) {
      if (!entry.submitted) {
        entry.submitted = true;
        entry.submissionStatus = "CANCEL_SUCCESS";
        batch.cancel.succeeded++;
        continue;
      }
      if (!entry.started) continue;
      const run = ctx.backend.runs.get(entry.runId!);
      if (run && isInProgress(run.process.state) && !run.process.upcoming.includes("CANCELLED")) {
        run.process.cancel();
        entry.submissionStatus = "CANCEL_SUCCESS";
        batch.cancel.succeeded++;
      } else {
        entry.submissionStatus = "CANCEL_FAILED";
        entry.submissionFailureReason = "RUN_NOT_CANCELLABLE";
        entry.submissionFailureMessage = run ? `Run ${run.id} is ${run.process.state}.` : `Run ${entry.runId} no longer exists.`;
        batch.cancel.failed++;
      }
    }
    batch.process.jump("STOPPING", ["CANCELLED"]);
    return {};
  },
});

export const deleteRunBatch = op<DeleteRunBatchRequest, DeleteRunBatchResponse>({
  input: { batchId: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const batch = findBatch(ctx, input.batchId!);
    notBusy(ctx, batch);
    const status = batchStatus(batch);
    if (status !== "PROCESSED" && status !== "CANCELLED") {
      throw ctx.error("ConflictException", `Run batch ${batch.id} is ${status}; its runs can be deleted when it is PROCESSED or CANCELLED.`);
    }
    const backend = ctx.backend;
    for (const entry of batch.entries.values()) {
      if (!entry.started) continue;
      const run = backend.runs.get(entry.runId!);
      if (!run) continue;
      if (isInProgress(run.process.state)) {
        entry.submissionStatus = "DELETE_FAILED";
        entry.submissionFailureReason = "RUN_IN_PROGRESS";
        entry.submissionFailureMessage = `Run ${run.id} is ${run.process.state}; it can be deleted once it has ended.`;
        batch.deletion.failed++;
      } else {
        removeRun(backend, run);
        entry.submissionStatus = "DELETE_SUCCESS";
        batch.deletion.succeeded++;
      }
    }
    batch.process = ctx.track(new LinearProcess({ kind: "Omics.Batch", path: ["RUNS_DELETING", "RUNS_DELETED"] }, { id: batch.id, name: batch.name }));
    return {};
  },
});

export const deleteBatch = op<DeleteBatchRequest, NoOutput>({
  input: { batchId: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const batch = findBatch(ctx, input.batchId!);
    const status = batchStatus(batch);
    if (!TERMINAL.has(status)) {
      throw ctx.error("ConflictException", `Run batch ${batch.id} is ${status}; it can be deleted when it is PROCESSED, FAILED, CANCELLED or RUNS_DELETED.`);
    }
    // The runs stay (DeleteRunBatch deletes them); only the batch's metadata goes.
    ctx.backend.batches.delete(batch.id);
    ctx.backend.tags.drop(batch.arn);
    return {};
  },
});
