import type {
  BatchGetJobsRequest,
  BatchGetJobsResponse,
  CreateJobRequest,
  CreateJobResponse,
  DeleteJobRequest,
  DeleteJobResponse,
  GetJobRequest,
  GetJobResponse,
  GetJobsRequest,
  GetJobsResponse,
  Job,
  JobUpdate,
  ListJobsRequest,
  ListJobsResponse,
  UpdateJobRequest,
  UpdateJobResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../engine/canonical.js";
import type { RequestContext } from "../../engine/context.js";
import type { OrderedTable } from "../../engine/ordered-table.js";
import { int, list, num, oneOf, str, struct, type StructRules } from "../../engine/validation/rules.js";
import { applyJobUsageProfile, callerUsageProfile } from "./admin/usage-profiles.js";
import { newestFirst, op, type GlueBackend } from "./backend.js";
import { jobConnectionsProblem } from "./connections/references.js";
import type { JobRunRecord } from "./job-runs.js";
import { DESCRIPTION, EXECUTION_CLASS, NAME, NOTIFICATION_PROPERTY, pageSize, TAGS, TIMEOUT, WORKER_TYPE } from "./shapes.js";

/** A job definition, its run history (newest first) and its concurrency bookkeeping. */
export interface JobRecord {
  definition: Job;
  readonly runs: OrderedTable<JobRunRecord>;
  /** Runs holding one of the job's concurrent-run slots (STARTING, RUNNING, STOPPING). */
  readonly active: Set<JobRunRecord>;
  /** Queued runs (WAITING), first in line first. */
  readonly waiting: JobRunRecord[];
}

export const jobArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`job/${name}`);

export function findJob(ctx: RequestContext<GlueBackend>, name: string): JobRecord {
  const job = ctx.backend.jobs.get(name);
  if (!job) throw ctx.error("EntityNotFoundException", `Job ${name} not found.`);
  return job;
}

/** ExecutionProperty.MaxConcurrentRuns: "The default is 1." */
export function maxConcurrentRuns(job: Job): number {
  const max = job.ExecutionProperty?.MaxConcurrentRuns;
  return max !== undefined && max > 0 ? max : 1;
}

interface Capacity {
  AllocatedCapacity?: number | undefined;
  MaxCapacity?: number | undefined;
  WorkerType?: string | undefined;
  NumberOfWorkers?: number | undefined;
}

/** The capacity combinations Glue refuses, for jobs and job runs alike. */
export function capacityProblem(capacity: Capacity): string | undefined {
  const allocated = capacity.AllocatedCapacity !== undefined && capacity.AllocatedCapacity !== 0;
  if (allocated && capacity.MaxCapacity !== undefined) return "Please set only Allocated Capacity or Max Capacity.";
  if ((capacity.WorkerType === undefined) !== (capacity.NumberOfWorkers === undefined)) return "Please set both Worker Type and Number of Workers.";
  if (capacity.WorkerType !== undefined && (capacity.MaxCapacity !== undefined || allocated)) {
    return "Please do not set Max Capacity if using Worker Type and Number of Workers.";
  }
  if (capacity.NumberOfWorkers !== undefined && capacity.NumberOfWorkers < 1) return "NumberOfWorkers must be at least 1.";
  return undefined;
}

/** DPUs of one worker: G.1X is 1, G.025X a quarter, Standard 1. */
function dpuPerWorker(workerType: string): number {
  const match = /\.(\d+)X$/.exec(workerType);
  if (!match) return 1;
  return match[1] === "025" ? 0.25 : Number(match[1]);
}

const STRING_512 = str({ min: 1, max: 512 });

/** Members a job definition shares between CreateJob and UpdateJob's JobUpdate. */
const DEFINITION: StructRules = {
  JobMode: oneOf("JobMode"),
  Description: DESCRIPTION,
  ExecutionProperty: struct({ MaxConcurrentRuns: int({ min: 0 }) }),
  Command: struct({ ScriptLocation: str({ max: 400000 }), PythonVersion: str({ pattern: "^([2-3]|3[.]9)$" }), Runtime: str({ max: 64 }) }),
  MaxRetries: int({ min: 0 }),
  AllocatedCapacity: int({ min: 0 }),
  Timeout: TIMEOUT,
  MaxCapacity: num({ min: 0 }),
  SecurityConfiguration: NAME,
  NotificationProperty: NOTIFICATION_PROPERTY,
  GlueVersion: str({ min: 1, max: 255, pattern: "^(\\w+\\.)+\\w+$" }),
  WorkerType: WORKER_TYPE,
  NumberOfWorkers: int(),
  ExecutionClass: EXECUTION_CLASS,
  SourceControlDetails: struct({
    Provider: oneOf("SourceControlProvider"),
    Repository: STRING_512,
    Owner: STRING_512,
    Branch: STRING_512,
    Folder: STRING_512,
    LastCommitId: STRING_512,
    AuthStrategy: oneOf("SourceControlAuthStrategy"),
    AuthToken: STRING_512,
  }),
  MaintenanceWindow: str({ pattern: "^(Sun|Mon|Tue|Wed|Thu|Fri|Sat):([01]?[0-9]|2[0-3])$" }),
};

type Definition = Omit<JobUpdate, "Role" | "Command"> & Pick<Job, "Role" | "Command">;

/** "Jobs must have timeout values less than 7 days or 10080 minutes": jobs, job runs and trigger actions alike. */
export function timeoutProblem(timeout: number | undefined): string | undefined {
  return timeout !== undefined && timeout > 10080 ? "Timeout must be at most 10080 minutes (7 days)." : undefined;
}

/** Whether a Glue version is 2.0 or later ("0.9", "1.0" are not; "2.0" … "5.0" are). */
function glue2OrLater(version: string | undefined): boolean {
  const major = Number.parseInt(version ?? "0.9", 10);
  return Number.isFinite(major) && major >= 2;
}

/**
 * The MaxCapacity a job may have (a definition's, or a run's override), given the job's command
 * and Glue version. "For Glue version 2.0 or later jobs, you cannot specify a Maximum capacity.
 * Instead, you should specify a Worker type and the Number of workers" — for Apache Spark jobs:
 * Python shell jobs keep their 0.0625 or 1 DPU whatever their version.
 */
export function maxCapacityProblem(command: string | undefined, glueVersion: string | undefined, max: number | undefined): string | undefined {
  const name = command ?? "glueetl";
  if (max === undefined) return undefined;
  if (name === "pythonshell" && max !== 0.0625 && max !== 1) return "A Python shell job (pythonshell) can have a MaxCapacity of 0.0625 or 1 DPU only.";
  const spark = name === "glueetl" || name === "gluestreaming";
  if (spark && glue2OrLater(glueVersion)) {
    return `For Glue version 2.0 or later jobs, you cannot specify a Maximum capacity (MaxCapacity) for an Apache Spark job (${name}, Glue ${glueVersion}). Instead, specify a WorkerType and the NumberOfWorkers.`;
  }
  if (spark && (!Number.isInteger(max) || max < 2 || max > 100)) return `An Apache Spark job (${name}) can have a MaxCapacity from 2 to 100 whole DPUs.`;
  return undefined;
}

/** What Glue refuses in a definition beyond member constraints, or undefined. */
function definitionProblem(definition: Definition): string | undefined {
  if (!definition.Role) return "Role cannot be null or empty: a job needs an IAM role to run as.";
  return capacityProblem(definition) ?? timeoutProblem(definition.Timeout) ?? maxCapacityProblem(definition.Command?.Name, definition.GlueVersion, definition.MaxCapacity) ?? jobConnectionsProblem(definition);
}

/** The definition as the caller's usage profile makes it (defaults and limits), or the reason it refuses it. */
function profiled(ctx: RequestContext<GlueBackend>, definition: Definition): { definition: Definition; profileName: string | undefined } {
  const profile = callerUsageProfile(ctx);
  if (!profile) return { definition, profileName: undefined };
  const applied = applyJobUsageProfile(profile, definition);
  if (typeof applied === "string") throw ctx.invalid(applied);
  return { definition: applied, profileName: profile.Name };
}

/** The definition as Glue keeps it, with the service's defaults filled in (Job member docs). */
function withDefaults(definition: Definition): Omit<Job, "Name" | "CreatedOn" | "LastModifiedOn"> {
  const command = definition.Command?.Name ?? "glueetl";
  const out = deepCopy(definition) as Omit<Job, "Name" | "CreatedOn" | "LastModifiedOn">;
  out.JobMode ??= "SCRIPT";
  out.ExecutionProperty = { MaxConcurrentRuns: definition.ExecutionProperty?.MaxConcurrentRuns ?? 1 };
  out.MaxRetries ??= 0;
  out.GlueVersion ??= "0.9"; // "Jobs that are created without specifying a Glue version default to Glue 0.9."
  if (command !== "gluestreaming") out.Timeout ??= 2880; // "When the value is left blank, the timeout is defaulted to 2880 minutes."
  if (command === "pythonshell") {
    out.MaxCapacity ??= 0.0625;
    out.AllocatedCapacity = 0;
  } else if (definition.WorkerType !== undefined && definition.NumberOfWorkers !== undefined) {
    out.MaxCapacity = definition.NumberOfWorkers * dpuPerWorker(definition.WorkerType);
    out.AllocatedCapacity = Math.floor(out.MaxCapacity);
  } else {
    const allocated = definition.AllocatedCapacity ? definition.AllocatedCapacity : undefined;
    out.MaxCapacity = definition.MaxCapacity ?? allocated ?? 10;
    out.AllocatedCapacity = allocated ?? Math.floor(out.MaxCapacity);
  }
  return out;
}

export function renderJob(job: JobRecord): Job {
  return deepCopy(job.definition);
}

export const createJob = op<CreateJobRequest, CreateJobResponse>({
  input: { Name: NAME, ...DEFINITION, Tags: TAGS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.jobs.has(name)) throw ctx.error("AlreadyExistsException", `Job ${name} already exists.`);
    const { Name: _name, Tags: tags, ...given } = input;
    const { definition, profileName } = profiled(ctx, given);
    const problem = definitionProblem(definition);
    if (problem) throw ctx.invalid(problem);
    const now = ctx.now();
    ctx.backend.jobs.set(name, {
      definition: { Name: name, ...withDefaults(definition), CreatedOn: now, LastModifiedOn: now, ProfileName: profileName },
      runs: newestFirst(),
      active: new Set(),
      waiting: [],
    });
    ctx.backend.tags.add(jobArn(ctx, name), tags);
    return { Name: name };
  },
});

export const updateJob = op<UpdateJobRequest, UpdateJobResponse>({
  input: { JobName: NAME, JobUpdate: struct(DEFINITION) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const job = findJob(ctx, input.JobName!);
    // "The previous job definition is completely overwritten": members left out go back to
    // their defaults. Role and Command, which no job can lack, keep their value when left out.
    const update = input.JobUpdate!;
    // The caller's usage profile is the job's from now on ("If the author isn't assigned a usage
    // profile, any profile previously attached to the job will be removed from it").
    const { definition, profileName } = profiled(ctx, { ...update, Role: update.Role ?? job.definition.Role, Command: update.Command ?? job.definition.Command });
    const problem = definitionProblem(definition);
    if (problem) throw ctx.invalid(problem);
    job.definition = { Name: job.definition.Name, ...withDefaults(definition), CreatedOn: job.definition.CreatedOn, LastModifiedOn: ctx.now(), ProfileName: profileName };
    return { JobName: job.definition.Name };
  },
});

export const deleteJob = op<DeleteJobRequest, DeleteJobResponse>({
  input: { JobName: NAME },
  errors: [],
  run(ctx, input) {
    // "If the job definition is not found, no exception is thrown."
    const name = input.JobName!;
    const job = ctx.backend.jobs.get(name);
    if (job) {
      // The job's runs go with it.
      for (const run of job.runs.values()) ctx.backend.jobOfRun.delete(run.Id);
      ctx.backend.jobs.delete(name);
      ctx.backend.tags.drop(jobArn(ctx, name));
    }
    return { JobName: name };
  },
});

export const getJob = op<GetJobRequest, GetJobResponse>({
  input: { JobName: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { Job: renderJob(findJob(ctx, input.JobName!)) };
  },
});

export const getJobs = op<GetJobsRequest, GetJobsResponse>({
  input: { MaxResults: pageSize(1000) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.jobs, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { Jobs: page.items.map(renderJob), NextToken: page.nextToken };
  },
});

export const listJobs = op<ListJobsRequest, ListJobsResponse>({
  input: { MaxResults: pageSize(1000), Tags: TAGS },
  errors: [],
  run(ctx, input) {
    const tags = input.Tags;
    const page = ctx.paginate(ctx.backend.jobs, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (job) => ctx.backend.tags.matches(jobArn(ctx, job.definition.Name!), tags),
      query: tags,
    });
    return { JobNames: page.items.map((job) => job.definition.Name!), NextToken: page.nextToken };
  },
});

export const batchGetJobs = op<BatchGetJobsRequest, BatchGetJobsResponse>({
  input: { JobNames: list(NAME) },
  errors: [],
  run(ctx, input) {
    const jobs: Job[] = [];
    const missing: string[] = [];
    for (const name of input.JobNames!) {
      const job = ctx.backend.jobs.get(name);
      if (job) jobs.push(renderJob(job));
      else missing.push(name);
    }
    return { Jobs: jobs, JobsNotFound: missing };
  },
});
