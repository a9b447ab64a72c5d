import type {
  GetWorkflowExecutionRequest,
  GetWorkflowExecutionResponse,
  GetWorkflowStepExecutionRequest,
  GetWorkflowStepExecutionResponse,
  ListWaitingWorkflowStepsRequest,
  ListWaitingWorkflowStepsResponse,
  ListWorkflowExecutionsRequest,
  ListWorkflowExecutionsResponse,
  ListWorkflowStepExecutionsRequest,
  ListWorkflowStepExecutionsResponse,
  OnWorkflowFailure,
  SendWorkflowStepActionRequest,
  SendWorkflowStepActionResponse,
  WorkflowExecutionMetadata,
  WorkflowExecutionStatus,
  WorkflowStepExecution,
  WorkflowStepExecutionRollbackStatus,
  WorkflowStepExecutionStatus,
  WorkflowStepMetadata,
  WorkflowType,
} from "@aws-sdk/client-imagebuilder";
import { setOwn } from "../../engine/canonical.js";
import type { VirtualClock } from "../../engine/clock.js";
import { randomHex, uuid } from "../../engine/ids.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { oneOf } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { NOT_FOUND_UNMODELLED, notFound, parseOwnArn, type Ctx } from "./common.js";
import { conditionHolds, MAX_STEP_TIMEOUT_SECONDS, type WorkflowStepDefinition } from "./documents.js";
import type { ImageRecord } from "./images.js";
import {
  CLIENT_TOKEN,
  DEFAULT_PAGE_SIZE,
  IMAGE_BUILD_VERSION_ARN,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  WORKFLOW_EXECUTION_ID,
  WORKFLOW_STEP_EXECUTION_ID,
} from "./shapes.js";
import type { WorkflowRecord } from "./workflows.js";

/** One run of a workflow for one image build. */
export interface WorkflowExecutionRecord {
  workflowExecutionId: string;
  sequence: number;
  image: ImageRecord;
  workflowBuildVersionArn: string;
  type: WorkflowType;
  status: WorkflowExecutionStatus;
  message?: string | undefined;
  startTime?: string | undefined;
  endTime?: string | undefined;
  parallelGroup?: string | undefined;
  onFailure: OnWorkflowFailure;
  retried?: boolean | undefined;
  /** Parameter values (the configuration's, else the document's defaults). */
  parameters: Record<string, string[]>;
  /** Steps by position. */
  steps: OrderedTable<StepRecord>;
  /** Position of the current step; -1 before the first. */
  cursor: number;
  stepOutputs: Record<string, Record<string, unknown>>;
}

/** One step of a workflow execution. */
export interface StepRecord {
  stepExecutionId: string;
  sequence: number;
  index: number;
  execution: WorkflowExecutionRecord;
  definition: WorkflowStepDefinition;
  status: WorkflowStepExecutionStatus;
  rollbackStatus?: WorkflowStepExecutionRollbackStatus | undefined;
  message?: string | undefined;
  outputs?: string | undefined;
  startTime?: string | undefined;
  endTime?: string | undefined;
  /** Virtual time the step started (timeouts of WaitForAction). */
  startedAtMs?: number | undefined;
}

/** What running steps needs: the backend that indexes them and the virtual clock. */
export interface BuildEnvironment {
  backend: ImagebuilderBackend;
  clock: VirtualClock;
}

export interface WorkflowRun {
  workflow: WorkflowRecord;
  parameters: Record<string, string[]>;
  parallelGroup?: string | undefined;
  onFailure: OnWorkflowFailure;
}

const now = (env: BuildEnvironment): string => env.clock.now().toISOString();

/** A workflow execution for an image, its steps PENDING, indexed in the backend. */
export function createExecution(env: BuildEnvironment, image: ImageRecord, run: WorkflowRun, retried: boolean): WorkflowExecutionRecord {
  // Parameter and step names are the caller's (`constructor`, `__proto__` are valid): own members only.
  const parameters: Record<string, string[]> = {};
  for (const p of run.workflow.parameters) if (p.defaultValue) setOwn(parameters, p.name, p.defaultValue);
  for (const [name, values] of Object.entries(run.parameters)) setOwn(parameters, name, values);
  const execution: WorkflowExecutionRecord = {
    workflowExecutionId: `wf-${uuid()}`,
    sequence: env.backend.nextSequence(),
    image,
    workflowBuildVersionArn: run.workflow.arn,
    type: run.workflow.type,
    status: "PENDING",
    parallelGroup: run.parallelGroup,
    onFailure: run.onFailure,
    ...(retried ? { retried: true } : {}),
    parameters,
    steps: new OrderedTable<StepRecord>((s) => s.index),
    cursor: -1,
    stepOutputs: {},
  };
  run.workflow.steps.forEach((definition, index) => {
    const step: StepRecord = { stepExecutionId: `step-${uuid()}`, sequence: env.backend.nextSequence(), index, execution, definition, status: "PENDING" };
    execution.steps.set(step.stepExecutionId, step);
    env.backend.stepExecutions.set(step.stepExecutionId, step);
  });
  env.backend.workflowExecutions.set(execution.workflowExecutionId, execution);
  image.executions.set(execution.workflowExecutionId, execution);
  return execution;
}

function currentStep(execution: WorkflowExecutionRecord): StepRecord | undefined {
  return execution.cursor >= 0 ? execution.steps.at(execution.cursor) : undefined;
}

/** Values step conditions can read. */
function conditionScope(execution: WorkflowExecutionRecord) {
  const image = execution.image;
  return {
    parameters: execution.parameters,
    imagebuilder: { imageType: image.type, platform: image.platform ?? "", imageName: image.name, imageVersion: image.version, imageBuildVersionArn: image.arn },
    stepOutputs: execution.stepOutputs,
  };
}

/** Why a step is skipped: its `if` is false, or its action does not apply to this image. */
function skipReason(step: StepRecord): string | undefined {
  const image = step.execution.image;
  const definition = step.definition;
  if (definition.condition !== undefined && !conditionHolds(definition.condition, conditionScope(step.execution))) return "The step condition evaluated to false.";
  if (definition.action === "SanitizeInstance" && image.platform !== "Linux") return "SanitizeInstance applies to Linux images only.";
  if (definition.action === "RunSysPrep" && image.platform !== "Windows") return "RunSysPrep applies to Windows images only.";
  if (definition.action === "CollectImageMetadata" && image.enhancedImageMetadataEnabled === false) return "Enhanced image metadata collection is disabled for this image.";
  if (definition.action === "CollectImageScanFindings" && !image.imageScanningConfiguration?.imageScanningEnabled) return "Image scanning is disabled for this image.";
  return undefined;
}

/** What a completed step reports, by action (the outputs later steps read with $.stepOutputs). */
function outputsFor(step: StepRecord): Record<string, unknown> | undefined {
  switch (step.definition.action) {
    case "LaunchInstance":
      return { instanceId: `i-${randomHex(17)}` };
    case "CreateImage":
    case "RegisterImage": {
      const imageId = `ami-${randomHex(17)}`;
      step.execution.image.buildAmiId ??= imageId;
      return { imageId };
    }
    case "ExecuteComponents":
    case "RunCommand":
    case "BootstrapInstanceForContainer":
    case "SanitizeInstance":
    case "RunSysPrep":
    case "CollectImageMetadata":
      return { runCommandId: uuid(), status: "Success" };
    case "ExecuteStateMachine":
      return { executionArn: `arn:aws:states:${step.execution.image.arn.split(":")[3]}:${step.execution.image.arn.split(":")[4]}:execution:state-machine:${uuid()}` };
    default:
      return undefined;
  }
}

function leaveWaiting(env: BuildEnvironment, step: StepRecord): void {
  if (step.definition.action === "WaitForAction") env.backend.waitingSteps.delete(step.stepExecutionId);
}

export function completeStep(env: BuildEnvironment, step: StepRecord, outputs = outputsFor(step)): void {
  leaveWaiting(env, step);
  step.status = "COMPLETED";
  step.endTime = now(env);
  if (outputs) {
    step.outputs = JSON.stringify(outputs);
    setOwn(step.execution.stepOutputs, step.definition.name, outputs);
  }
}

export function failStep(env: BuildEnvironment, step: StepRecord, message: string): void {
  leaveWaiting(env, step);
  step.status = "FAILED";
  step.message = message.slice(0, 500);
  step.endTime = now(env);
}

function startStep(env: BuildEnvironment, step: StepRecord): void {
  step.status = "RUNNING";
  step.startTime = now(env);
  step.startedAtMs = env.clock.nowMs();
  if (step.definition.action === "WaitForAction") env.backend.waitingSteps.set(step.stepExecutionId, step);
}

function finishExecution(env: BuildEnvironment, execution: WorkflowExecutionRecord, status: WorkflowExecutionStatus, message?: string): void {
  execution.status = status;
  execution.endTime = now(env);
  if (message !== undefined) execution.message = message.slice(0, 500);
  for (const { value: step } of execution.steps.entries()) {
    if (step.status !== "PENDING" && step.status !== "RUNNING") continue;
    leaveWaiting(env, step);
    step.status = status === "CANCELLED" ? "CANCELLED" : "SKIPPED";
    step.startTime ??= now(env);
    step.endTime = now(env);
  }
}

/** Moves to the next step that runs (skipped ones are recorded on the way), or ends the execution. */
function enterNextStep(env: BuildEnvironment, execution: WorkflowExecutionRecord): void {
  const steps = execution.steps.entries();
  while (++execution.cursor < steps.length) {
    const step = steps[execution.cursor]!.value;
    const skip = skipReason(step);
    if (skip) {
      step.status = "SKIPPED";
      step.message = skip;
      step.startTime = step.endTime = now(env);
      continue;
    }
    startStep(env, step);
    return;
  }
  finishExecution(env, execution, "COMPLETED");
}

export function startExecution(env: BuildEnvironment, execution: WorkflowExecutionRecord): void {
  execution.status = "RUNNING";
  execution.startTime = now(env);
  enterNextStep(env, execution);
}

/** How long a step may run before it fails with a timeout. */
export function stepTimeoutSeconds(step: StepRecord): number {
  return step.definition.timeoutSeconds ?? MAX_STEP_TIMEOUT_SECONDS;
}

/**
 * One step of an execution: the running step completes (a WaitForAction step waits for
 * SendWorkflowStepAction until it times out; under settle() it times out at once, as a step
 * left alone would), a failed step aborts the execution when its onFailure says so, and the
 * next step starts. Returns whether anything changed.
 */
export function tickExecution(env: BuildEnvironment, execution: WorkflowExecutionRecord, settling: boolean): boolean {
  if (execution.status !== "RUNNING") return false;
  const step = currentStep(execution);
  if (!step) {
    enterNextStep(env, execution);
    return true;
  }
  if (step.status === "RUNNING") {
    if (step.definition.action === "WaitForAction") {
      const timeout = stepTimeoutSeconds(step);
      const elapsed = env.clock.nowMs() - (step.startedAtMs ?? env.clock.nowMs());
      if (!settling && elapsed < timeout * 1000) return false;
      failStep(env, step, `The step timed out after ${timeout} seconds without a RESUME or STOP action.`);
    } else {
      completeStep(env, step);
    }
  }
  if (step.status === "FAILED" && step.definition.onFailure === "Abort") {
    finishExecution(env, execution, "FAILED", `Step '${step.definition.name}' failed: ${step.message ?? "the step failed"}`);
    return true;
  }
  enterNextStep(env, execution);
  return true;
}

/** Fails the running step (a test rule's failure lands here) and the execution with it. */
export function failExecution(env: BuildEnvironment, execution: WorkflowExecutionRecord, message: string): void {
  const step = currentStep(execution);
  if (step && step.status === "RUNNING") failStep(env, step, message);
  finishExecution(env, execution, "FAILED", step ? `Step '${step.definition.name}' failed: ${message}` : message);
}

export function cancelExecution(env: BuildEnvironment, execution: WorkflowExecutionRecord, message: string): void {
  if (execution.status !== "PENDING" && execution.status !== "RUNNING") return;
  finishExecution(env, execution, "CANCELLED", message);
}

export function renderExecution(execution: WorkflowExecutionRecord): WorkflowExecutionMetadata {
  let succeeded = 0;
  let failed = 0;
  let skipped = 0;
  for (const { value: step } of execution.steps.entries()) {
    if (step.status === "COMPLETED") succeeded++;
    else if (step.status === "FAILED") failed++;
    else if (step.status === "SKIPPED") skipped++;
  }
  return {
    workflowBuildVersionArn: execution.workflowBuildVersionArn,
    workflowExecutionId: execution.workflowExecutionId,
    type: execution.type,
    status: execution.status,
    message: execution.message,
    totalStepCount: execution.steps.size,
    totalStepsSucceeded: succeeded,
    totalStepsFailed: failed,
    totalStepsSkipped: skipped,
    startTime: execution.startTime,
    endTime: execution.endTime,
    parallelGroup: execution.parallelGroup,
    retried: execution.retried,
  };
}

function renderStepMetadata(step: StepRecord): WorkflowStepMetadata {
  return {
    stepExecutionId: step.stepExecutionId,
    name: step.definition.name,
    description: step.definition.description,
    action: step.definition.action,
    status: step.status,
    rollbackStatus: step.rollbackStatus,
    message: step.message,
    inputs: step.definition.inputs,
    outputs: step.outputs,
    startTime: step.startTime,
    endTime: step.endTime,
  };
}

function findExecution(ctx: Ctx, id: string): WorkflowExecutionRecord {
  const execution = ctx.backend.workflowExecutions.get(id);
  if (!execution) throw notFound(ctx, "workflow execution", id);
  return execution;
}

function findStep(ctx: Ctx, id: string): StepRecord {
  const step = ctx.backend.stepExecutions.get(id);
  if (!step) throw ctx.error("ResourceNotFoundException", `The workflow step execution '${id}' does not exist.`);
  return step;
}

export const getWorkflowExecution = op<GetWorkflowExecutionRequest, GetWorkflowExecutionResponse>({
  input: { workflowExecutionId: WORKFLOW_EXECUTION_ID },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const execution = findExecution(ctx, input.workflowExecutionId!);
    ctx.observe(execution.image.process);
    return { requestId: ctx.requestId, ...renderExecution(execution), imageBuildVersionArn: execution.image.arn };
  },
});

export const listWorkflowExecutions = op<ListWorkflowExecutionsRequest, ListWorkflowExecutionsResponse>({
  input: { imageBuildVersionArn: IMAGE_BUILD_VERSION_ARN, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const arn = input.imageBuildVersionArn!;
    parseOwnArn(ctx, arn, "image");
    const image = ctx.backend.images.get(arn);
    if (!image) throw notFound(ctx, "image", arn);
    const page = ctx.paginate(image.executions, { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE, query: arn });
    ctx.observe(image.process);
    return { requestId: ctx.requestId, workflowExecutions: page.items.map(renderExecution), imageBuildVersionArn: arn, message: image.state.reason, nextToken: page.nextToken };
  },
});

export const getWorkflowStepExecution = op<GetWorkflowStepExecutionRequest, GetWorkflowStepExecutionResponse>({
  input: { stepExecutionId: WORKFLOW_STEP_EXECUTION_ID },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const step = findStep(ctx, input.stepExecutionId!);
    ctx.observe(step.execution.image.process);
    return {
      requestId: ctx.requestId,
      ...renderStepMetadata(step),
      workflowBuildVersionArn: step.execution.workflowBuildVersionArn,
      workflowExecutionId: step.execution.workflowExecutionId,
      imageBuildVersionArn: step.execution.image.arn,
      onFailure: step.definition.onFailure,
      timeoutSeconds: stepTimeoutSeconds(step),
    };
  },
});

export const listWorkflowStepExecutions = op<ListWorkflowStepExecutionsRequest, ListWorkflowStepExecutionsResponse>({
  input: { workflowExecutionId: WORKFLOW_EXECUTION_ID, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const execution = findExecution(ctx, input.workflowExecutionId!);
    const page = ctx.paginate(execution.steps, { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE, query: execution.workflowExecutionId });
    ctx.observe(execution.image.process);
    return {
      requestId: ctx.requestId,
      steps: page.items.map(renderStepMetadata),
      workflowBuildVersionArn: execution.workflowBuildVersionArn,
      workflowExecutionId: execution.workflowExecutionId,
      imageBuildVersionArn: execution.image.arn,
      message: execution.message,
      nextToken: page.nextToken,
    };
  },
});

function renderWaitingStep(step: StepRecord): WorkflowStepExecution {
  return {
    stepExecutionId: step.stepExecutionId,
    imageBuildVersionArn: step.execution.image.arn,
    workflowExecutionId: step.execution.workflowExecutionId,
    workflowBuildVersionArn: step.execution.workflowBuildVersionArn,
    name: step.definition.name,
    action: step.definition.action,
    startTime: step.startTime,
  };
}

export const listWaitingWorkflowSteps = op<ListWaitingWorkflowStepsRequest, ListWaitingWorkflowStepsResponse>({
  input: { maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.waitingSteps, { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE });
    // Reading the waiting steps observes the builds of those it lists (a wait that has timed
    // out ends there), once the page is known to be good.
    for (const step of page.items) ctx.observe(step.execution.image.process);
    return { steps: page.items.map(renderWaitingStep), nextToken: page.nextToken };
  },
});

export const sendWorkflowStepAction = op<SendWorkflowStepActionRequest, SendWorkflowStepActionResponse>({
  input: {
    stepExecutionId: WORKFLOW_STEP_EXECUTION_ID,
    imageBuildVersionArn: IMAGE_BUILD_VERSION_ARN,
    action: oneOf("WorkflowStepActionType"),
    reason: NON_EMPTY,
    clientToken: CLIENT_TOKEN,
  },
  validation: "InvalidParameterValueException",
  errors: ["ResourceNotFoundException", "InvalidRequestException", "ResourceInUseException"],
  run(ctx, input) {
    const step = findStep(ctx, input.stepExecutionId!);
    const image = step.execution.image;
    if (image.arn !== input.imageBuildVersionArn) {
      throw ctx.invalid(`The step '${step.stepExecutionId}' belongs to the image '${image.arn}', not to '${input.imageBuildVersionArn}'.`);
    }
    if (step.definition.action !== "WaitForAction") {
      throw ctx.error("InvalidRequestException", `The step '${step.definition.name}' (${step.stepExecutionId}) is a ${step.definition.action} step; only WaitForAction steps accept actions.`);
    }
    if (step.status !== "RUNNING" || !ctx.backend.waitingSteps.has(step.stepExecutionId)) {
      const state = step.status === "FAILED" && step.message?.includes("timed out") ? "has timed out" : step.status === "PENDING" ? "has not started waiting yet" : `has already ended (${step.status})`;
      throw ctx.error("InvalidRequestException", `The step '${step.definition.name}' (${step.stepExecutionId}) ${state}; it no longer accepts an action.`);
    }
    const env: BuildEnvironment = { backend: ctx.backend, clock: ctx.engine.clock };
    if (input.action === "RESUME") {
      completeStep(env, step, { action: "RESUME", ...(input.reason ? { reason: input.reason } : {}) });
    } else {
      failStep(env, step, input.reason ? `Stopped: ${input.reason}` : "Stopped by a STOP action.");
    }
    return { stepExecutionId: step.stepExecutionId, imageBuildVersionArn: image.arn, clientToken: input.clientToken };
  },
});

/** An execution's steps in order (for the build process). */
export function stepsOf(execution: WorkflowExecutionRecord): StepRecord[] {
  return execution.steps.values();
}

/** Parameter values of a workflow run from a configuration, checked against the workflow's declared parameters. */
export function parameterProblem(workflow: WorkflowRecord, name: string, values: readonly string[]): string | undefined {
  const declared = workflow.parameters.find((p) => p.name === name);
  if (!declared) {
    const known = workflow.parameters.map((p) => p.name);
    return `The workflow '${workflow.arn}' has no parameter '${name}'${known.length > 0 ? `; its parameters are ${known.join(", ")}` : ""}.`;
  }
  if (declared.type !== "stringList" && values.length !== 1) return `The workflow parameter '${name}' is a ${declared.type} and takes exactly one value.`;
  if (declared.type === "boolean" && !["true", "false"].includes(values[0]!.toLowerCase())) return `The workflow parameter '${name}' is a boolean: use true or false.`;
  if (declared.type === "integer" && !/^-?[0-9]+$/.test(values[0]!)) return `The workflow parameter '${name}' is an integer: '${values[0]}' is not one.`;
  return undefined;
}
