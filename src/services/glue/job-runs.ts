import type {
  BatchStopJobRunError,
  BatchStopJobRunRequest,
  BatchStopJobRunResponse,
  BatchStopJobRunSuccessfulSubmission,
  GetJobRunRequest,
  GetJobRunResponse,
  GetJobRunsRequest,
  GetJobRunsResponse,
  JobRun,
  NotificationProperty,
  Predecessor,
  StartJobRunRequest,
  StartJobRunResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../engine/context.js";
import { randomHex } from "../../engine/ids.js";
import { LinearProcess, type AppliedRule, type LinearHooks, type LinearSpec } from "../../engine/lifecycle/process.js";
import { int, list, num } from "../../engine/validation/rules.js";
import type { ActionRun, ActionScope, StatisticKey } from "./actions.js";
import { callerUsageProfile } from "./admin/usage-profiles.js";
import { observeScopesStarting, op, type GlueBackend, type GlueRuntime } from "./backend.js";
import { jobRunStartProblem } from "./connections/references.js";
import { capacityProblem, findJob, maxCapacityProblem, maxConcurrentRuns, timeoutProblem, type JobRecord } from "./jobs.js";
import { jobRunEnded } from "./job-extras/bookmark-state.js";
import { JOB_RUN } from "./lifecycles.js";
import { EXECUTION_CLASS, ID, NAME, NOTIFICATION_PROPERTY, pageSize, TIMEOUT, WORKER_TYPE } from "./shapes.js";

const SUCCESS_PATH = ["STARTING", "RUNNING", "SUCCEEDED"] as const;
const QUEUED_PATH = ["WAITING", ...SUCCESS_PATH] as const;
/** States in which a run holds one of its job's concurrent-run slots. */
const HOLDS_SLOT = new Set(["STARTING", "RUNNING", "STOPPING"]);
const TERMINAL = new Set(["STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT", "ERROR", "EXPIRED"]);

const STATISTIC: Record<string, StatisticKey> = {
  WAITING: "WaitingActions",
  STARTING: "RunningActions",
  RUNNING: "RunningActions",
  STOPPING: "RunningActions",
  SUCCEEDED: "SucceededActions",
  FAILED: "FailedActions",
  EXPIRED: "FailedActions",
  STOPPED: "StoppedActions",
  TIMEOUT: "TimeoutActions",
  ERROR: "ErroredActions",
};

/** What a run uses of its job's settings: the run's own values, else the job's. */
export interface JobRunSettings {
  Timeout?: number | undefined;
  MaxCapacity?: number | undefined;
  AllocatedCapacity?: number | undefined;
  WorkerType?: JobRun["WorkerType"] | undefined;
  NumberOfWorkers?: number | undefined;
  SecurityConfiguration?: string | undefined;
  NotificationProperty?: NotificationProperty | undefined;
  ExecutionClass?: JobRun["ExecutionClass"] | undefined;
  JobRunQueuingEnabled?: boolean | undefined;
}

/**
 * A job run's process: the success path, except that a queued run stays WAITING until its job
 * has a free slot and it is first in line, and that a run made to end STOPPED passes STOPPING.
 */
class JobRunProcess extends LinearProcess {
  constructor(spec: LinearSpec, attributes: Record<string, unknown>, hooks: LinearHooks, private readonly mayLeave: () => boolean) {
    super(spec, attributes, hooks);
  }

  protected override step(): boolean {
    if (this.state === "WAITING" && !this.mayLeave()) return false;
    return super.step();
  }

  override applyRule(rule: AppliedRule): void {
    super.applyRule(rule);
    const road = this.upcoming;
    if (rule.effect.type === "end" && rule.effect.state === "STOPPED" && road[road.length - 2] !== "STOPPING" && !this.done) {
      this.divert([...road.slice(0, -1), "STOPPING", "STOPPED"]);
    }
  }
}

export interface JobRunOptions {
  /** The run's own arguments (shown as JobRun.Arguments). */
  arguments?: Record<string, string> | undefined;
  settings?: JobRunSettings | undefined;
  triggerName?: string | undefined;
  owner?: ActionScope | undefined;
  predecessors?: readonly Predecessor[] | undefined;
  previousRunId?: string | undefined;
  /** For an automatic retry: the attempt number and the first attempt's id. */
  retry?: { attempt: number; firstRunId: string } | undefined;
  /** The usage profile of StartJobRun's caller (runs started by triggers use the job's ProfileName). */
  profileName?: string | undefined;
}

/** One run of a job: its record, and the process that moves it. */
export class JobRunRecord implements ActionRun {
  readonly nodeType = "JOB" as const;
  readonly sequence: number;
  readonly Id: string;
  readonly Attempt: number;
  readonly StartedOn: Date;
  LastModifiedOn: Date;
  CompletedOn: Date | undefined;
  ErrorMessage: string | undefined;
  readonly process: LinearProcess;
  readonly Arguments: Record<string, string>;
  readonly settings: JobRunSettings;
  readonly predecessors: readonly Predecessor[];

  /**
   * A run of `jobName`. With `job`, it walks the success path (queued first when `queued`);
   * with `outcome`, it is born terminal: a trigger could not start it (ERROR: the job was
   * deleted; FAILED: too many concurrent runs), as AWS records such runs.
   */
  constructor(
    private readonly runtime: GlueRuntime,
    readonly componentName: string,
    readonly job: JobRecord | undefined,
    readonly options: JobRunOptions,
    start: { queued: boolean } | { outcome: "ERROR" | "FAILED"; message: string },
  ) {
    this.sequence = runtime.backend.nextSequence();
    // Retries of a run are `<first id>_attempt_<n>`, as AWS names them.
    this.Id = options.retry ? `${options.retry.firstRunId}_attempt_${options.retry.attempt}` : `jr_${randomHex(64)}`;
    this.Attempt = options.retry?.attempt ?? 0;
    this.StartedOn = runtime.now();
    this.LastModifiedOn = this.StartedOn;
    // "If the key … matches a non-overridable argument, the passed argument is ignored."
    const locked = job?.definition.NonOverridableArguments ?? {};
    this.Arguments = Object.fromEntries(Object.entries(options.arguments ?? {}).filter(([key]) => !Object.hasOwn(locked, key)));
    this.settings = { ...(options.settings ?? {}) };
    this.predecessors = options.predecessors ?? [];
    const attributes = {
      JobName: componentName,
      JobRunId: this.Id,
      TriggerName: options.triggerName,
      WorkflowName: options.owner?.workflowName,
      WorkflowRunId: options.owner?.workflowRunId,
    };
    if ("outcome" in start) {
      this.process = new LinearProcess({ kind: JOB_RUN, path: [start.outcome] }, attributes);
      this.CompletedOn = this.StartedOn;
      this.ErrorMessage = start.message;
      return;
    }
    const spec = { kind: JOB_RUN, path: start.queued ? QUEUED_PATH : SUCCESS_PATH };
    this.process = new JobRunProcess(spec, attributes, { onEnter: (state) => this.entered(state) }, () => this.mayLeaveQueue());
  }

  get JobName(): string {
    return this.componentName;
  }

  get state(): string {
    return this.process.state;
  }

  conditionState(): string {
    return this.state;
  }

  finished(): boolean {
    return TERMINAL.has(this.state);
  }

  statistic(): StatisticKey {
    return STATISTIC[this.state] ?? "RunningActions";
  }

  stop(): void {
    if (this.finished() || this.state === "STOPPING") return;
    if (this.state === "WAITING") this.process.jump("STOPPED");
    else this.process.jump("STOPPING", ["STOPPED"]);
  }

  /** Whether a queued run may start: its job has a free slot and it is first in line. */
  private mayLeaveQueue(): boolean {
    const job = this.job;
    if (!job) return true;
    return job.waiting[0] === this && job.active.size < maxConcurrentRuns(job.definition);
  }

  private entered(state: string): void {
    const job = this.job;
    this.LastModifiedOn = this.runtime.now();
    if (job) {
      const queued = job.waiting.indexOf(this);
      if (state !== "WAITING" && queued >= 0) job.waiting.splice(queued, 1);
      if (HOLDS_SLOT.has(state)) job.active.add(this);
      else job.active.delete(this);
    }
    if (!TERMINAL.has(state)) return;
    this.CompletedOn = this.LastModifiedOn;
    if (job) jobRunEnded(this.runtime.backend, job, this, state);
    if (state !== "SUCCEEDED" && state !== "STOPPED") this.ErrorMessage = this.process.failureMessage ?? this.defaultFailure(state);
    const retry = state === "FAILED" ? this.retry() : undefined;
    if (retry) this.options.owner?.actionRetried(this, retry);
    else this.options.owner?.actionEnded(this);
  }

  /** A failed run of a job with MaxRetries left is started again as the next attempt. */
  private retry(): JobRunRecord | undefined {
    const job = this.job;
    if (!job || this.runtime.backend.jobs.get(this.JobName) !== job || this.Attempt >= (job.definition.MaxRetries ?? 0)) return undefined;
    const firstRunId = this.options.retry?.firstRunId ?? this.Id;
    const options: JobRunOptions = { ...this.options, settings: this.settings, previousRunId: this.Id, retry: { attempt: this.Attempt + 1, firstRunId } };
    const next = launchJobRun(this.runtime, job, options);
    return next === "limit" ? undefined : next;
  }

  private defaultFailure(state: string): string {
    if (state === "TIMEOUT") return `Job run timed out: it exceeded its timeout of ${this.settings.Timeout ?? 2880} minutes.`;
    return `Job run ${state === "ERROR" ? "ended in ERROR" : "failed"}.`;
  }
}

/**
 * Starts a run of an existing job. When the job already runs its maximum of concurrent runs,
 * the run is queued (WAITING) if queuing is on for it, else nothing starts and "limit" comes
 * back: the caller raises ConcurrentRunsExceededException or records a FAILED run.
 */
export function launchJobRun(runtime: GlueRuntime, job: JobRecord, options: JobRunOptions): JobRunRecord | "limit" {
  const settings = options.settings ?? {};
  const queuing = settings.JobRunQueuingEnabled ?? job.definition.JobRunQueuingEnabled ?? false;
  const full = job.active.size >= maxConcurrentRuns(job.definition) || job.waiting.length > 0;
  if (full && !queuing) return "limit";
  const run = new JobRunRecord(runtime, job.definition.Name!, job, { ...options, settings: resolveSettings(job, settings) }, { queued: full });
  job.runs.set(run.Id, run);
  runtime.backend.jobOfRun.set(run.Id, job.definition.Name!);
  if (full) job.waiting.push(run);
  else job.active.add(run);
  // A run whose connections, security configuration or usage profile do not allow it fails as it starts.
  const problem = jobRunStartProblem(runtime.backend, job.definition, run.settings, options.profileName);
  if (problem) run.process.divert(["FAILED"], problem);
  runtime.engine.lifecycles.register(run.process);
  return run;
}

/** A run a trigger could not start, kept so that the run graph and statistics show it. */
export function unstartedJobRun(runtime: GlueRuntime, jobName: string, job: JobRecord | undefined, options: JobRunOptions, outcome: "ERROR" | "FAILED", message: string): JobRunRecord {
  const run = new JobRunRecord(runtime, jobName, job, { ...options, settings: job ? resolveSettings(job, options.settings ?? {}) : options.settings }, { outcome, message });
  if (job) {
    job.runs.set(run.Id, run);
    runtime.backend.jobOfRun.set(run.Id, jobName);
  }
  return run;
}

function resolveSettings(job: JobRecord, run: JobRunSettings): JobRunSettings {
  const definition = job.definition;
  const workersGiven = run.WorkerType !== undefined || run.NumberOfWorkers !== undefined;
  const capacityGiven = run.MaxCapacity !== undefined || run.AllocatedCapacity !== undefined;
  return {
    Timeout: run.Timeout ?? definition.Timeout,
    WorkerType: run.WorkerType ?? (capacityGiven ? undefined : definition.WorkerType),
    NumberOfWorkers: run.NumberOfWorkers ?? (capacityGiven ? undefined : definition.NumberOfWorkers),
    MaxCapacity: run.MaxCapacity ?? run.AllocatedCapacity ?? (workersGiven ? undefined : definition.MaxCapacity),
    AllocatedCapacity: run.AllocatedCapacity ?? (workersGiven || run.MaxCapacity !== undefined ? undefined : definition.AllocatedCapacity),
    SecurityConfiguration: run.SecurityConfiguration ?? definition.SecurityConfiguration,
    NotificationProperty: run.NotificationProperty ?? definition.NotificationProperty,
    ExecutionClass: run.ExecutionClass ?? definition.ExecutionClass,
    JobRunQueuingEnabled: run.JobRunQueuingEnabled ?? definition.JobRunQueuingEnabled,
  };
}

/** The JobRun structure. PredecessorRuns only when asked for (GetJobRun's PredecessorsIncluded). */
export function renderJobRun(run: JobRunRecord, includePredecessors = true): JobRun {
  const definition = run.job?.definition;
  const settings = run.settings;
  const executionSeconds = run.CompletedOn ? Math.round((run.CompletedOn.getTime() - run.StartedOn.getTime()) / 1000) : 0;
  const limit = run.job ? maxConcurrentRuns(run.job.definition) : 1;
  return {
    Id: run.Id,
    Attempt: run.Attempt,
    PreviousRunId: run.options.previousRunId,
    TriggerName: run.options.triggerName,
    JobName: run.JobName,
    JobMode: definition?.JobMode,
    JobRunQueuingEnabled: settings.JobRunQueuingEnabled,
    StartedOn: run.StartedOn,
    LastModifiedOn: run.LastModifiedOn,
    CompletedOn: run.CompletedOn,
    JobRunState: run.state as JobRun["JobRunState"],
    Arguments: Object.keys(run.Arguments).length > 0 ? { ...run.Arguments } : undefined,
    ErrorMessage: run.ErrorMessage,
    PredecessorRuns: includePredecessors ? run.predecessors.map((p) => ({ ...p })) : undefined,
    AllocatedCapacity: settings.AllocatedCapacity,
    ExecutionTime: executionSeconds,
    Timeout: settings.Timeout,
    MaxCapacity: settings.MaxCapacity,
    WorkerType: settings.WorkerType,
    NumberOfWorkers: settings.NumberOfWorkers,
    SecurityConfiguration: settings.SecurityConfiguration,
    LogGroupName: definition?.Command?.Name === "pythonshell" ? "/aws-glue/python-jobs" : "/aws-glue/jobs",
    NotificationProperty: settings.NotificationProperty,
    GlueVersion: definition?.GlueVersion,
    ExecutionClass: settings.ExecutionClass,
    MaintenanceWindow: definition?.MaintenanceWindow,
    ProfileName: run.options.profileName ?? definition?.ProfileName,
    StateDetail: run.state === "WAITING" ? `Waiting for a free slot: job ${run.JobName} allows ${limit} concurrent run${limit === 1 ? "" : "s"}.` : undefined,
  };
}

function findRun(ctx: RequestContext<GlueBackend>, job: JobRecord, runId: string): JobRunRecord {
  const run = job.runs.get(runId);
  if (!run) throw ctx.error("EntityNotFoundException", `Job run ${runId} of job ${job.definition.Name} not found.`);
  return run;
}

/**
 * The capacity a run asks for, as Glue checks it: on a job that defines both WorkerType and
 * NumberOfWorkers, a run may override either alone and keeps the job's value of the other.
 */
function overriddenCapacity(definition: JobRecord["definition"], input: StartJobRunRequest): Parameters<typeof capacityProblem>[0] {
  const jobHasWorkers = definition.WorkerType !== undefined && definition.NumberOfWorkers !== undefined;
  const oneGiven = (input.WorkerType === undefined) !== (input.NumberOfWorkers === undefined);
  return {
    AllocatedCapacity: input.AllocatedCapacity,
    MaxCapacity: input.MaxCapacity,
    WorkerType: input.WorkerType ?? (jobHasWorkers && oneGiven ? definition.WorkerType : undefined),
    NumberOfWorkers: input.NumberOfWorkers ?? (jobHasWorkers && oneGiven ? definition.NumberOfWorkers : undefined),
  };
}

export const startJobRun = op<StartJobRunRequest, StartJobRunResponse>({
  input: {
    JobName: NAME,
    JobRunId: ID,
    AllocatedCapacity: int({ min: 0 }),
    Timeout: TIMEOUT,
    MaxCapacity: num({ min: 0 }),
    NumberOfWorkers: int(),
    SecurityConfiguration: NAME,
    NotificationProperty: NOTIFICATION_PROPERTY,
    WorkerType: WORKER_TYPE,
    ExecutionClass: EXECUTION_CLASS,
  },
  errors: ["EntityNotFoundException", "ConcurrentRunsExceededException"],
  run(ctx, input) {
    const job = findJob(ctx, input.JobName!);
    if (input.JobRunId !== undefined) findRun(ctx, job, input.JobRunId);
    // A run's overrides obey the rules of its job's definition (the Timeout and MaxCapacity docs).
    const definition = job.definition;
    const problem =
      capacityProblem(overriddenCapacity(definition, input)) ?? timeoutProblem(input.Timeout) ?? maxCapacityProblem(definition.Command?.Name, definition.GlueVersion, input.MaxCapacity);
    if (problem) throw ctx.invalid(problem);
    const run = launchJobRun(ctx.backend.runtime(ctx), job, {
      arguments: input.Arguments,
      previousRunId: input.JobRunId,
      profileName: callerUsageProfile(ctx)?.Name,
      settings: {
        Timeout: input.Timeout,
        MaxCapacity: input.MaxCapacity,
        AllocatedCapacity: input.AllocatedCapacity,
        WorkerType: input.WorkerType,
        NumberOfWorkers: input.NumberOfWorkers,
        SecurityConfiguration: input.SecurityConfiguration,
        NotificationProperty: input.NotificationProperty,
        ExecutionClass: input.ExecutionClass,
        JobRunQueuingEnabled: input.JobRunQueuingEnabled,
      },
    });
    if (run === "limit") throw ctx.error("ConcurrentRunsExceededException", `Concurrent runs exceeded for ${input.JobName}: the job allows ${maxConcurrentRuns(job.definition)} concurrent run(s).`);
    return { JobRunId: run.Id };
  },
});

export const getJobRun = op<GetJobRunRequest, GetJobRunResponse>({
  input: { JobName: NAME, RunId: ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, findJob(ctx, input.JobName!), input.RunId!);
    ctx.observe(run.process);
    observeScopesStarting(ctx.backend, "JOB", input.JobName!);
    return { JobRun: renderJobRun(run, input.PredecessorsIncluded ?? false) };
  },
});

export const getJobRuns = op<GetJobRunsRequest, GetJobRunsResponse>({
  input: { JobName: NAME, MaxResults: pageSize(200) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const job = findJob(ctx, input.JobName!);
    // Newest first, as AWS documents ("in chronological order, with the newest jobs returned first").
    // The page (and its token) is checked before anything is observed: a refused read moves nothing.
    const page = ctx.paginate(job.runs, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100, query: input.JobName });
    observeScopesStarting(ctx.backend, "JOB", input.JobName!);
    for (const run of page.items) ctx.observe(run.process);
    return { JobRuns: page.items.map((run) => renderJobRun(run)), NextToken: page.nextToken };
  },
});

export const batchStopJobRun = op<BatchStopJobRunRequest, BatchStopJobRunResponse>({
  input: { JobName: NAME, JobRunIds: list(ID, { min: 1, max: 25 }) },
  errors: [],
  run(ctx, input) {
    // Per-run problems are reported in Errors, never raised: the call itself succeeds.
    const jobName = input.JobName!;
    const job = ctx.backend.jobs.get(jobName);
    const stopped: BatchStopJobRunSuccessfulSubmission[] = [];
    const errors: BatchStopJobRunError[] = [];
    for (const runId of input.JobRunIds!) {
      const run = job?.runs.get(runId);
      if (!run) {
        const message = job ? `Job run ${runId} of job ${jobName} not found.` : `Job ${jobName} not found.`;
        errors.push({ JobName: jobName, JobRunId: runId, ErrorDetail: { ErrorCode: "EntityNotFoundException", ErrorMessage: message } });
      } else if (run.finished()) {
        errors.push({ JobName: jobName, JobRunId: runId, ErrorDetail: { ErrorCode: "InvalidInputException", ErrorMessage: `Job run ${runId} has already ended (${run.state}); only a run in progress can be stopped.` } });
      } else {
        run.stop();
        stopped.push({ JobName: jobName, JobRunId: runId });
      }
    }
    return { SuccessfulSubmissions: stopped, Errors: errors };
  },
});
