import type {
  CacheBehavior,
  CancelRunRequest,
  DeleteRunRequest,
  GetRunRequest,
  GetRunResponse,
  ListRunsRequest,
  ListRunsResponse,
  NetworkingMode,
  RunLogLevel,
  RunRetentionMode,
  RunStatus,
  StartRunRequest,
  StartRunResponse,
  StorageType,
  WorkflowType,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { uuid } from "../../engine/ids.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { list, oneOf } from "../../engine/validation/rules.js";
import { envOf, op, type NoOutput, type OmicsBackend, type OmicsEnv } from "./backend.js";
import { conflict, invalid, notFound, quotaExceeded } from "./errors.js";
import { isInProgress, RunProcess, statusMessageOf, type RunRecord, type TaskRecord } from "./run-model.js";
import {
  ACCOUNT_ID,
  CONFIGURATION_NAME,
  LIST_TOKEN,
  NUMERIC_ID,
  OUTPUT_URI,
  pageSize,
  printable,
  PRIORITY,
  REQUEST_ID,
  ROLE_ARN,
  STORAGE_CAPACITY,
  TAGS,
  VERSION_NAME,
} from "./shapes.js";
import { storageInputsOf } from "./storage/run-inputs.js";
import { checkNewTags } from "./tags.js";
import { statusOf, type DefinitionRecord } from "./workflow-model.js";
import { resolveWorkflow } from "./workflows.js";

/** Storage HealthOmics provisions for a STATIC run when neither the run nor the workflow says. */
const DEFAULT_STATIC_STORAGE_GIB = 1200;

/**
 * Why a run's outputUri is not an S3 location HealthOmics can write to, naming the actual
 * fault (the scheme, the bucket name's length or characters), or undefined: `s3://bucket`
 * or `s3://bucket/prefix`, the bucket named by S3's rules (3 to 63 lowercase letters,
 * numbers, dots and hyphens, beginning and ending with a letter or number).
 */
export function outputUriProblem(uri: string): string | undefined {
  const where = `outputUri '${uri.length > 80 ? `${uri.slice(0, 80)}…` : uri}'`;
  if (!uri.startsWith("s3://")) return `${where} is not an Amazon S3 URI: it must start with s3:// (s3://bucket/prefix).`;
  const bucket = uri.slice(5).split("/")[0]!;
  if (bucket === "") return `${where} names no bucket: write s3://bucket/prefix.`;
  if (bucket.length < 3 || bucket.length > 63) return `${where}: the bucket name '${bucket.slice(0, 80)}' is ${bucket.length} characters long; Amazon S3 bucket names are 3 to 63 characters long.`;
  const bad = /[^a-z0-9.-]/.exec(bucket);
  if (bad) return `${where}: the bucket name '${bucket}' contains '${bad[0]}'; bucket names use only lowercase letters, numbers, dots (.) and hyphens (-).`;
  if (!/^[a-z0-9]/.test(bucket) || !/[a-z0-9]$/.test(bucket)) return `${where}: the bucket name '${bucket}' must begin and end with a lowercase letter or a number.`;
  return undefined;
}

/** What starting a run needs: StartRun's members, and the batch a batch run belongs to. */
export interface RunRequest {
  workflowId?: string | undefined;
  workflowType?: WorkflowType | undefined;
  runId?: string | undefined;
  roleArn: string;
  name?: string | undefined;
  cacheId?: string | undefined;
  cacheBehavior?: CacheBehavior | undefined;
  runGroupId?: string | undefined;
  priority?: number | undefined;
  parameters?: unknown;
  storageCapacity?: number | undefined;
  outputUri: string;
  logLevel?: RunLogLevel | undefined;
  tags?: Record<string, string> | undefined;
  retentionMode?: RunRetentionMode | undefined;
  storageType?: StorageType | undefined;
  workflowOwnerId?: string | undefined;
  workflowVersionName?: string | undefined;
  networkingMode?: NetworkingMode | undefined;
  configurationName?: string | undefined;
  batchId?: string | undefined;
}

/**
 * The template parameter a run parameter names: its own name, or for a WDL workflow the name
 * qualified by the workflow's ("HealthOmics supports fully qualified variables in input.json":
 * `SumWorkflow.number1` is input `number1` of workflow `SumWorkflow`).
 */
function templateNameOf(record: DefinitionRecord, template: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(template, name)) return name;
  const prefix = record.wdlWorkflowName === undefined ? undefined : `${record.wdlWorkflowName}.`;
  if (prefix !== undefined && name.startsWith(prefix) && Object.hasOwn(template, name.slice(prefix.length))) return name.slice(prefix.length);
  return undefined;
}

/** Why run parameters do not fit a parameter template, or undefined. */
function parameterProblem(record: DefinitionRecord, parameters: Record<string, unknown>): string | undefined {
  if (!record.templateKnown) return undefined;
  const template = record.parameterTemplate ?? {};
  const unknown: string[] = [];
  /** Template parameter → the run parameter giving it (short or fully qualified). */
  const given = new Map<string, string>();
  for (const name of Object.keys(parameters)) {
    const target = templateNameOf(record, template, name);
    if (target === undefined) {
      unknown.push(name);
      continue;
    }
    const other = given.get(target);
    if (other !== undefined) return `The run gives workflow parameter ${target} twice, as ${other} and as ${name}; give it once.`;
    given.set(target, name);
  }
  if (unknown.length > 0) {
    const qualified = record.wdlWorkflowName === undefined ? "" : ` (or fully qualified, ${record.wdlWorkflowName}.<name>)`;
    return `The run has parameters that are not in the workflow's parameter template: ${unknown.join(", ")}. Defined parameters${qualified}: ${Object.keys(template).join(", ") || "(none)"}.`;
  }
  const missing = Object.entries(template)
    .filter(([name, parameter]) => {
      if (parameter.optional === true) return false;
      const key = given.get(name);
      return key === undefined || parameters[key] === undefined || parameters[key] === null;
    })
    .map(([name]) => name);
  if (missing.length > 0) return `The run is missing required workflow parameters: ${missing.join(", ")}.`;
  return undefined;
}

/** Forgets a run (DeleteRun, or retention mode REMOVE making room). */
export function removeRun(backend: OmicsBackend, run: RunRecord): void {
  backend.deleteRun(run);
  backend.tags.drop(run.arn);
  for (const task of run.tasks.values()) backend.taskIds.delete(task.taskId);
  if (run.runGroupId) backend.runGroups.get(run.runGroupId)?.runIds.delete(run.id);
}

/**
 * Starts a run (StartRun, and each run a batch submits): checks everything first, then
 * stores the run in PENDING. Raises HealthOmics' own errors; nothing is stored on failure.
 */
export function startRun(env: OmicsEnv, request: RunRequest): RunRecord {
  const backend = env.backend;
  if ((request.workflowId === undefined) === (request.runId === undefined)) {
    throw invalid(request.runId === undefined ? "Give workflowId to start a run, or runId to run an earlier run again." : "Give either workflowId or runId, not both.");
  }
  let base: Partial<RunRequest> = {};
  let rerunOf: string | undefined;
  if (request.runId !== undefined) {
    const original = backend.runs.get(request.runId);
    if (!original) throw notFound(`Run ${request.runId} not found.`);
    // "StartRun will not support re-run for a workflow that is shared with you" (API reference).
    if (original.workflowOwnerId !== undefined && original.workflowOwnerId !== backend.scope.accountId) {
      throw invalid(`Run ${original.id} ran a workflow shared with you by account ${original.workflowOwnerId}; StartRun cannot re-run it. Start a new run with workflowId and workflowOwnerId.`);
    }
    rerunOf = original.id;
    base = {
      workflowId: original.workflowId,
      workflowType: original.workflowType,
      workflowOwnerId: original.workflowOwnerId,
      workflowVersionName: original.workflowVersionName,
      name: original.name,
      parameters: original.parameters,
      storageCapacity: original.storageType === "STATIC" ? original.storageCapacity : undefined,
      storageType: original.storageType,
      runGroupId: original.runGroupId,
      priority: original.priority,
      logLevel: original.logLevel,
      cacheId: original.cacheId,
      cacheBehavior: original.cacheBehavior,
      retentionMode: original.retentionMode,
      networkingMode: original.networkingMode,
      configurationName: original.configuration?.name,
    };
  }
  const given = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as Partial<RunRequest>;
  const settings: RunRequest = { ...base, ...given, runId: undefined } as RunRequest;

  const { workflow } = resolveWorkflow(env, settings.workflowId!, { type: settings.workflowType, workflowOwnerId: settings.workflowOwnerId });
  let definition: DefinitionRecord = workflow;
  if (settings.workflowVersionName !== undefined) {
    const version = workflow.versions.get(settings.workflowVersionName);
    if (!version) throw notFound(`Version ${settings.workflowVersionName} of workflow ${workflow.id} not found.`);
    definition = version;
  }
  const what = settings.workflowVersionName !== undefined ? `Version ${settings.workflowVersionName} of workflow ${workflow.id}` : `Workflow ${workflow.id}`;
  if (statusOf(definition) !== "ACTIVE") throw conflict(`${what} is ${statusOf(definition)}; runs can start only when it is ACTIVE.`);

  const parameters = settings.parameters;
  if (parameters !== undefined && (parameters === null || typeof parameters !== "object" || Array.isArray(parameters))) {
    throw invalid("parameters must be a JSON object of workflow parameter names and values.");
  }
  const problem = parameterProblem(definition, (parameters ?? {}) as Record<string, unknown>);
  if (problem) throw invalid(problem);
  const storageInputs = storageInputsOf(env, parameters);

  const outputProblem = outputUriProblem(settings.outputUri);
  if (outputProblem) throw invalid(outputProblem);
  // With DYNAMIC storage "the system ignores any value that you enter" for storageCapacity
  // (StartRun API reference), so a capacity given with it is dropped, not refused.
  const storageType = settings.storageType ?? definition.storageType ?? "STATIC";
  if (settings.runGroupId !== undefined && !backend.runGroups.has(settings.runGroupId)) throw notFound(`Run group ${settings.runGroupId} not found.`);
  if (settings.cacheBehavior !== undefined && settings.cacheId === undefined) throw invalid("cacheBehavior needs cacheId: name the run cache the behavior applies to.");
  if (settings.cacheId !== undefined && !backend.runCaches.has(settings.cacheId)) throw notFound(`Run cache ${settings.cacheId} not found.`);
  if (settings.networkingMode === "VPC" && settings.configurationName === undefined) {
    throw invalid("networkingMode VPC needs configurationName: name the configuration that holds the run's VPC settings.");
  }
  let configuration: RunRecord["configuration"];
  if (settings.configurationName !== undefined) {
    const found = backend.configurations.get(settings.configurationName);
    if (!found || found.process.state === "DELETED") throw notFound(`Configuration ${settings.configurationName} not found.`);
    if (found.process.state !== "ACTIVE") throw conflict(`Configuration ${found.name} is ${found.process.state}; runs can use it once it is ACTIVE.`);
    configuration = { name: found.name, arn: found.arn, uuid: found.uuid, vpcConfig: found.vpcConfig };
  }

  // Retention: at the quota, the oldest finished run in REMOVE mode makes room; else the run is refused.
  if (backend.runs.size >= backend.quotas.runs) {
    const removable = backend.runs.values().find((r) => r.retentionMode === "REMOVE" && !isInProgress(r.process.state));
    if (!removable) {
      throw quotaExceeded(`This account already keeps ${backend.runs.size} runs in ${backend.scope.region}, the maximum (quota "runs"), and none is a finished run in REMOVE retention mode. Delete runs, or start runs with retentionMode REMOVE.`);
    }
    removeRun(backend, removable);
  }

  const id = backend.newId((candidate) => backend.runs.has(candidate));
  const run = {
    seq: backend.nextSeq(),
    id,
    arn: backend.arn(`run/${id}`),
    uuid: uuid(),
    name: settings.name,
    workflowId: workflow.id,
    workflowType: settings.workflowType ?? "PRIVATE",
    workflowOwnerId: settings.workflowOwnerId,
    workflowVersionName: settings.workflowVersionName,
    workflowUuid: definition.uuid,
    digest: definition.digest,
    definitionZip: definition.zip,
    definitionUri: definition.definitionUri,
    taskSpecs: definition.tasks,
    accelerators: definition.accelerators,
    rerunOf,
    roleArn: settings.roleArn,
    runGroupId: settings.runGroupId,
    cacheId: settings.cacheId,
    cacheBehavior: settings.cacheBehavior,
    priority: settings.priority,
    parameters: parameters as Record<string, unknown> | undefined,
    storageCapacity: storageType === "STATIC" ? (settings.storageCapacity ?? definition.storageCapacity ?? DEFAULT_STATIC_STORAGE_GIB) : undefined,
    storageType,
    outputUri: settings.outputUri,
    runOutputUri: `${settings.outputUri.replace(/\/+$/, "")}/${id}`,
    logLevel: settings.logLevel,
    retentionMode: settings.retentionMode ?? "RETAIN",
    networkingMode: settings.networkingMode,
    configuration,
    batchId: settings.batchId,
    creationTime: env.engine.clock.now(),
    tasks: new OrderedTable<TaskRecord>((t) => t.seq),
  } as Omit<RunRecord, "process"> as RunRecord;
  run.process = env.engine.lifecycles.register(new RunProcess(env, run));
  backend.addRun(run);
  storageInputs.markRead();
  if (run.runGroupId) backend.runGroups.get(run.runGroupId)!.runIds.add(id);
  backend.tags.add(run.arn, settings.tags ?? {});
  return run;
}

export function findRun(ctx: RequestContext<OmicsBackend>, id: string): RunRecord {
  const run = ctx.backend.runs.get(id);
  if (!run) throw ctx.error("ResourceNotFoundException", `Run ${id} not found.`);
  return run;
}

/** A read of a run: its tasks in progress move, then the run (a run is read as a whole). */
export function observeRun(ctx: RequestContext<OmicsBackend>, run: RunRecord): void {
  for (const task of run.tasks.values()) if (!task.process.done) ctx.observe(task.process);
  ctx.observe(run.process);
}

export const runStatus = (run: RunRecord): RunStatus => run.process.state as RunStatus;

export const startRunOperation = op<StartRunRequest, StartRunResponse>({
  input: {
    workflowId: NUMERIC_ID,
    workflowType: oneOf("WorkflowType"),
    runId: NUMERIC_ID,
    roleArn: ROLE_ARN,
    name: printable(1, 128),
    cacheId: NUMERIC_ID,
    cacheBehavior: oneOf("CacheBehavior"),
    runGroupId: NUMERIC_ID,
    priority: PRIORITY,
    storageCapacity: STORAGE_CAPACITY,
    outputUri: OUTPUT_URI,
    logLevel: oneOf("RunLogLevel"),
    tags: TAGS,
    requestId: REQUEST_ID,
    retentionMode: oneOf("RunRetentionMode"),
    storageType: oneOf("StorageType"),
    workflowOwnerId: ACCOUNT_ID,
    workflowVersionName: VERSION_NAME,
    networkingMode: oneOf("NetworkingMode"),
    configurationName: CONFIGURATION_NAME,
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  replayable: (ctx, recorded) => ctx.backend.runs.get(recorded.id!)?.uuid === recorded.uuid,
  run(ctx, input) {
    checkNewTags(ctx, input.tags);
    const { requestId: _token, ...request } = input;
    const run = startRun(envOf(ctx), request as RunRequest);
    return {
      arn: run.arn,
      id: run.id,
      status: runStatus(run),
      tags: ctx.backend.tags.get(run.arn),
      uuid: run.uuid,
      runOutputUri: run.runOutputUri,
      ...(run.configuration ? { configuration: { name: run.configuration.name, arn: run.configuration.arn, uuid: run.configuration.uuid } } : {}),
      ...(run.networkingMode ? { networkingMode: run.networkingMode } : {}),
    };
  },
});

function logStream(ctx: RequestContext<OmicsBackend>, suffix: string): string {
  return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:/aws/omics/WorkflowLog:log-stream:${suffix}`;
}

export const getRun = op<GetRunRequest, GetRunResponse>({
  input: { id: NUMERIC_ID, export: list(oneOf("RunExport"), { max: 32 }) },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, input.id!);
    observeRun(ctx, run);
    const status = runStatus(run);
    const exported = (input.export ?? []).includes("DEFINITION");
    if (exported && run.workflowOwnerId !== undefined && run.workflowOwnerId !== ctx.accountId) {
      throw ctx.invalid("The definition of a run of a workflow shared with you cannot be exported.");
    }
    return {
      arn: run.arn,
      id: run.id,
      cacheId: run.cacheId,
      cacheBehavior: run.cacheId ? (run.cacheBehavior ?? ctx.backend.runCaches.get(run.cacheId)?.cacheBehavior) : undefined,
      status,
      workflowId: run.workflowId,
      workflowType: run.workflowType,
      runId: run.rerunOf,
      roleArn: run.roleArn,
      name: run.name,
      runGroupId: run.runGroupId,
      batchId: run.batchId,
      priority: run.priority,
      digest: run.digest,
      parameters: run.parameters as GetRunResponse["parameters"],
      storageCapacity: run.storageCapacity,
      outputUri: run.outputUri,
      logLevel: run.logLevel,
      creationTime: run.creationTime,
      startTime: run.startTime,
      stopTime: run.stopTime,
      statusMessage: statusMessageOf(run.process),
      failureReason: status === "FAILED" ? run.failureReason : undefined,
      tags: ctx.backend.tags.get(run.arn),
      accelerators: run.accelerators,
      retentionMode: run.retentionMode,
      logLocation: { engineLogStream: logStream(ctx, `run/${run.id}/engine`), runLogStream: logStream(ctx, `run/${run.id}`) },
      uuid: run.uuid,
      runOutputUri: run.runOutputUri,
      storageType: run.storageType,
      workflowOwnerId: run.workflowOwnerId,
      workflowVersionName: run.workflowVersionName,
      workflowUuid: run.workflowUuid,
      networkingMode: run.networkingMode,
      ...(run.configuration ? { configuration: { name: run.configuration.name, arn: run.configuration.arn, uuid: run.configuration.uuid }, vpcConfig: run.configuration.vpcConfig } : {}),
      ...(exported ? { definition: run.definitionZip ? `data:application/zip;base64,${Buffer.from(run.definitionZip).toString("base64")}` : run.definitionUri } : {}),
    };
  },
});

export const listRuns = op<ListRunsRequest, ListRunsResponse>({
  input: {
    name: printable(1, 128),
    runGroupId: NUMERIC_ID,
    batchId: NUMERIC_ID,
    startingToken: LIST_TOKEN,
    maxResults: pageSize(100),
    status: oneOf("RunStatus"),
  },
  errors: [],
  run(ctx, input) {
    // A name filter pages the runs of that name (an index), not every run.
    const table = input.name === undefined ? ctx.backend.runs : (ctx.backend.runsByName.get(input.name) ?? new OrderedTable<RunRecord>());
    const page = ctx.paginate(table, {
      token: input.startingToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (r) =>
        (input.runGroupId === undefined || r.runGroupId === input.runGroupId) &&
        (input.batchId === undefined || r.batchId === input.batchId) &&
        (input.status === undefined || runStatus(r) === input.status),
      query: { name: input.name, runGroupId: input.runGroupId, batchId: input.batchId, status: input.status },
    });
    return {
      // Rendered before the read moves them, so the page agrees with its status filter.
      items: page.items.map((r) => {
        const item = {
          arn: r.arn,
          id: r.id,
          status: runStatus(r),
          workflowId: r.workflowId,
          batchId: r.batchId,
          name: r.name,
          priority: r.priority,
          storageCapacity: r.storageCapacity,
          creationTime: r.creationTime,
          startTime: r.startTime,
          stopTime: r.stopTime,
          storageType: r.storageType,
          workflowVersionName: r.workflowVersionName,
        };
        observeRun(ctx, r);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});

export const cancelRun = op<CancelRunRequest, NoOutput>({
  input: { id: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const run = findRun(ctx, input.id!);
    const status = runStatus(run);
    if (!isInProgress(status)) throw ctx.error("ConflictException", `Run ${run.id} is ${status}; only a PENDING, STARTING, RUNNING or STOPPING run can be cancelled.`);
    if (run.process.upcoming.includes("CANCELLED")) throw ctx.error("ConflictException", `Run ${run.id} is already being cancelled.`);
    run.process.cancel();
    return {};
  },
});

export const deleteRun = op<DeleteRunRequest, NoOutput>({
  input: { id: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const run = findRun(ctx, input.id!);
    const status = runStatus(run);
    if (isInProgress(status)) {
      throw ctx.error("ConflictException", `Run ${run.id} is ${status}; a run can be deleted once it is COMPLETED, FAILED or CANCELLED (cancel it first).`);
    }
    removeRun(ctx.backend, run);
    return {};
  },
});
