import type {
  DeleteDeploymentInput,
  DeleteDeploymentOutput,
  Deployment,
  DeploymentState,
  DeploymentSummary,
  GetDeploymentInput,
  GetDeploymentOutput,
  ListDeploymentsInput,
  ListDeploymentsOutput,
  NotifyResourceDeploymentStatusChangeInput,
  NotifyResourceDeploymentStatusChangeOutput,
  Output,
  ProvisionedResource,
} from "@aws-sdk/client-proton";
import { parseArn } from "../../engine/arn.js";
import { uuid } from "../../engine/ids.js";
import { list, oneOf, str, struct } from "../../engine/validation/rules.js";
import { op, type ProtonBackend } from "./backend.js";
import { conflict, nextSeq, notFound, page, type Ctx } from "./common.js";
import { providedOutputs } from "./outputs.js";
import { DeploymentProcess } from "./processes.js";
import { ARN, MAX_RESULTS, NEXT_TOKEN, RESOURCE_NAME, STATUS_MESSAGE, UUID } from "./shapes.js";

/**
 * Deployments: every deployment of an environment, service instance, service pipeline or
 * component is recorded (GetDeployment, ListDeployments, DeleteDeployment) and driven by a
 * DeploymentProcess. Deletions of those resources are processes too (their Get answers
 * ResourceNotFoundException once the deletion completes), but not recorded deployments.
 */
export type TargetType = "ENVIRONMENT" | "SERVICE_PIPELINE" | "SERVICE_INSTANCE" | "COMPONENT";

/** What every deployed resource carries. */
export interface Deployable {
  arn: string;
  createdAt: Date;
  deploymentStatus: string;
  deploymentStatusMessage?: string | undefined;
  lastDeploymentAttemptedAt: Date;
  lastDeploymentSucceededAt: Date;
  lastAttemptedDeploymentId?: string | undefined;
  lastSucceededDeploymentId?: string | undefined;
  /** The deployment or deletion in progress. */
  process?: DeploymentProcess | undefined;
  /** Its recorded deployments (they go when it goes). */
  deploymentIds: string[];
  /** Outputs of its last successful deployment. */
  outputs: Output[];
  provisionedResources: ProvisionedResource[];
}

export interface DeploymentNames {
  environmentName: string;
  serviceName?: string | undefined;
  serviceInstanceName?: string | undefined;
  componentName?: string | undefined;
}

export interface DeploymentRecord extends DeploymentNames {
  seq: number;
  id: string;
  arn: string;
  targetArn: string;
  targetResourceCreatedAt: Date;
  targetResourceType: TargetType;
  deploymentStatus: string;
  deploymentStatusMessage?: string | undefined;
  createdAt: Date;
  lastModifiedAt: Date;
  completedAt?: Date | undefined;
  lastAttemptedDeploymentId?: string | undefined;
  lastSucceededDeploymentId?: string | undefined;
  initialState?: DeploymentState | undefined;
  targetState: DeploymentState;
  outputs: Output[];
  selfManaged: boolean;
  process: DeploymentProcess;
}

export interface DeploymentPlan {
  target: Deployable;
  type: TargetType;
  kind: string;
  names: DeploymentNames;
  /** The state before this deployment (absent for a resource's first deployment). */
  initialState?: DeploymentState | undefined;
  targetState: DeploymentState;
  /** Self-managed provisioning: the deployment waits for NotifyResourceDeploymentStatusChange. */
  selfManaged: boolean;
  /** Customer-managed infrastructure (CUSTOMER_MANAGED templates): nothing is provisioned. */
  customerManaged?: boolean;
  /** The account the infrastructure goes to (an environment account connection's), if not this one. */
  provisioningAccountId?: string | undefined;
  /**
   * Puts a state (version, spec) on the resource. A resource keeps showing what it had until
   * the deployment succeeds, as the user guide's examples show (an UpdateEnvironment or
   * UpdateServiceInstance answers IN_PROGRESS with the old minor version; a cancelled update
   * keeps it); failed and cancelled deployments change nothing.
   */
  apply(state: DeploymentState): void;
  /**
   * Show the target state at once instead, and put the initial one back if the deployment
   * fails or is cancelled (components: an attachment holds its service instance from the
   * moment UpdateComponent accepts it, so no second component can claim it meanwhile).
   */
  showsTargetAtOnce?: boolean;
  /** Called after every change of the resource's status (re-sorting, parents). */
  changed?(): void;
}

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

/** The CloudFormation stack Proton provisions for a resource (AWS-managed provisioning). */
function stackOf(ctx: Ctx, plan: DeploymentPlan): ProvisionedResource {
  const n = plan.names;
  const name = ["AWSProton", n.serviceName, n.serviceInstanceName ?? (plan.type === "SERVICE_PIPELINE" ? "pipeline" : undefined), n.componentName, plan.type === "ENVIRONMENT" ? n.environmentName : undefined]
    .filter((part): part is string => part !== undefined)
    .join("-");
  const stackName = `${name}-cloudformation-${uuid().slice(0, 8)}`.slice(0, 128);
  const stackArn = `arn:${ctx.partition}:cloudformation:${ctx.region}:${plan.provisioningAccountId ?? ctx.accountId}:stack/${stackName}/${uuid()}`;
  return { name: stackName, identifier: stackArn, provisioningEngine: "CLOUDFORMATION" };
}

/** Starts a deployment of a resource: recorded, IN_PROGRESS, tracked. */
export function startDeployment(ctx: Ctx, plan: DeploymentPlan): DeploymentRecord {
  const { target } = plan;
  const id = uuid();
  const now = ctx.now();
  const clock = ctx.engine.clock;
  const backend = ctx.backend;
  const engine = ctx.engine;
  const stack = plan.selfManaged || plan.customerManaged ? undefined : stackOf(ctx, plan);
  const record: DeploymentRecord = {
    ...plan.names,
    seq: nextSeq(ctx),
    id,
    arn: ctx.arn(`deployment/${id}`),
    targetArn: target.arn,
    targetResourceCreatedAt: target.createdAt,
    targetResourceType: plan.type,
    deploymentStatus: "IN_PROGRESS",
    createdAt: now,
    lastModifiedAt: now,
    lastAttemptedDeploymentId: target.lastAttemptedDeploymentId,
    lastSucceededDeploymentId: target.lastSucceededDeploymentId,
    initialState: plan.initialState,
    targetState: plan.targetState,
    outputs: [],
    selfManaged: plan.selfManaged,
    process: undefined as unknown as DeploymentProcess,
  };
  record.process = new DeploymentProcess(plan.kind, { ...plan.names, deploymentId: id }, "DEPLOY", (state, process) => {
    const at = clock.now();
    record.deploymentStatus = state;
    record.lastModifiedAt = at;
    target.deploymentStatus = state;
    if (TERMINAL.has(state)) {
      record.completedAt = at;
      if (target.process === process) target.process = undefined;
    }
    if (state === "SUCCEEDED") {
      if (!plan.selfManaged) record.outputs = providedOutputs(engine, target.arn) ?? record.outputs;
      target.outputs = record.outputs;
      target.lastSucceededDeploymentId = id;
      target.lastDeploymentSucceededAt = at;
      target.deploymentStatusMessage = undefined;
      if (!plan.showsTargetAtOnce) plan.apply(plan.targetState);
      if (stack && target.provisionedResources.length === 0) target.provisionedResources = [stack];
    } else if (state === "FAILED" || state === "CANCELLED") {
      const message = process.message ?? (state === "FAILED" ? "The deployment failed." : "The deployment was cancelled.");
      record.deploymentStatusMessage = message;
      target.deploymentStatusMessage = message;
      if (plan.showsTargetAtOnce && plan.initialState) plan.apply(plan.initialState);
    }
    plan.changed?.();
  }, plan.selfManaged);

  target.lastAttemptedDeploymentId = id;
  target.lastDeploymentAttemptedAt = now;
  target.deploymentStatus = "IN_PROGRESS";
  target.deploymentStatusMessage = undefined;
  target.process = record.process;
  target.deploymentIds.push(id);
  if (plan.showsTargetAtOnce) plan.apply(plan.targetState);
  backend.deployments.set(id, record);
  plan.changed?.();
  ctx.track(record.process);
  return record;
}

export interface DeletionPlan {
  target: Deployable;
  kind: string;
  attributes: Readonly<Record<string, unknown>>;
  /** Removes the resource once the deletion completes. */
  gone(): void;
  changed?(): void;
}

/** Starts deleting a resource: DELETE_IN_PROGRESS, then gone (or DELETE_FAILED). */
export function startDeletion(ctx: Ctx, plan: DeletionPlan): DeploymentProcess {
  const { target } = plan;
  const process = new DeploymentProcess(plan.kind, plan.attributes, "DELETE", (state, p) => {
    target.deploymentStatus = state;
    if (p.done && target.process === p) target.process = undefined;
    if (state === "DELETE_COMPLETE") plan.gone();
    else if (state === "DELETE_FAILED") target.deploymentStatusMessage = p.message ?? "The deletion failed.";
    plan.changed?.();
  });
  target.deploymentStatus = "DELETE_IN_PROGRESS";
  target.deploymentStatusMessage = undefined;
  target.process = process;
  plan.changed?.();
  ctx.track(process);
  return process;
}

/** Drops the deployment records of a resource that is gone. */
export function dropDeployments(backend: ProtonBackend, target: Deployable): void {
  for (const id of target.deploymentIds) backend.deployments.delete(id);
  target.deploymentIds = [];
}

/**
 * The running deployment that is moving a resource to a template version (its target state
 * names that version): the version is in use from the moment the deployment starts, so it
 * can't be deleted while the deployment runs.
 */
export function deployingTo(backend: ProtonBackend, version: { templateName: string; majorVersion: string; minorVersion: string }): DeploymentRecord | undefined {
  return backend.deployments.values().find((record) => {
    if (record.process.done) return false;
    const state = record.targetState.environment ?? record.targetState.serviceInstance ?? record.targetState.servicePipeline;
    return state?.templateName === version.templateName && state.templateMajorVersion === version.majorVersion && state.templateMinorVersion === version.minorVersion;
  });
}

/** Whether a resource is busy: a deployment or deletion in progress. */
export function inProgress(target: Deployable): boolean {
  return ["IN_PROGRESS", "CANCELLING", "DELETE_IN_PROGRESS"].includes(target.deploymentStatus);
}

/** Cancel…Deployment: the resource's IN_PROGRESS deployment goes CANCELLING → CANCELLED. */
export function cancelDeployment(ctx: Ctx, target: Deployable, label: string): void {
  if (target.deploymentStatus === "IN_PROGRESS" && !target.process) {
    // A pipeline waiting for its service's update to re-provision it: only the update can move it.
    throw conflict(ctx, `${label} is IN_PROGRESS as part of an update of its service; it can't be cancelled on its own.`);
  }
  if (target.deploymentStatus !== "IN_PROGRESS" || !target.process?.cancel()) {
    throw conflict(ctx, `${label} has no deployment in progress to cancel (its deployment status is ${target.deploymentStatus}).`);
  }
}

/** The outputs of a resource's last successful deployment, or of a given deployment of it. */
export function outputsOf(ctx: Ctx, target: Deployable, deploymentId: string | undefined, label: string): Output[] {
  ctx.observe(target.process);
  if (deploymentId === undefined) return target.outputs;
  const deployment = ctx.backend.deployments.get(deploymentId);
  if (!deployment || deployment.targetArn !== target.arn) throw notFound(ctx, `Deployment ${deploymentId} of ${label}`);
  return deployment.outputs;
}

/** A resource a deployment targets, found by its ARN (environment, instance, pipeline, component). */
export function deployableByArn(ctx: Ctx, arn: string): { target: Deployable; selfManaged: boolean } | undefined {
  const parts = parseArn(arn);
  if (!parts || parts.service !== "proton" || !ctx.isOwn(parts)) return undefined;
  const path = parts.resource.split("/");
  const backend = ctx.backend;
  if (path[0] === "environment" && path.length === 2) {
    const environment = backend.environments.get(path[1]!);
    return environment && { target: environment, selfManaged: environment.provisioningRepository !== undefined };
  }
  if (path[0] === "component" && path.length === 2) {
    const component = backend.components.get(path[1]!);
    return component && { target: component, selfManaged: false };
  }
  if (path[0] === "service" && path.length === 4 && path[2] === "service-instance") {
    const instance = backend.serviceInstances.get(`${path[1]}/${path[3]}`);
    if (!instance) return undefined;
    return { target: instance, selfManaged: backend.environments.get(instance.environmentName)?.provisioningRepository !== undefined };
  }
  if (path[0] === "service" && (path.length === 3 || path.length === 4) && path[2] === "pipeline") {
    const pipeline = backend.services.get(path[1]!)?.pipeline;
    if (!pipeline || pipeline.arn !== arn) return undefined;
    return { target: pipeline, selfManaged: backend.accountSettings.pipelineProvisioningRepository !== undefined };
  }
  return undefined;
}

function render(record: DeploymentRecord): Deployment {
  return {
    id: record.id,
    arn: record.arn,
    targetArn: record.targetArn,
    targetResourceCreatedAt: record.targetResourceCreatedAt,
    targetResourceType: record.targetResourceType,
    environmentName: record.environmentName,
    serviceName: record.serviceName,
    serviceInstanceName: record.serviceInstanceName,
    componentName: record.componentName,
    deploymentStatus: record.deploymentStatus as Deployment["deploymentStatus"],
    deploymentStatusMessage: record.deploymentStatusMessage,
    createdAt: record.createdAt,
    lastModifiedAt: record.lastModifiedAt,
    completedAt: record.completedAt,
    lastAttemptedDeploymentId: record.lastAttemptedDeploymentId,
    lastSucceededDeploymentId: record.lastSucceededDeploymentId,
    initialState: record.initialState,
    targetState: record.targetState,
  };
}

function renderSummary(record: DeploymentRecord): DeploymentSummary {
  const { initialState: _i, targetState: _t, deploymentStatusMessage: _m, ...summary } = render(record);
  return summary;
}

/** serviceInstanceName only means something with its serviceName. */
function checkNames(ctx: Ctx, input: { serviceName?: string | undefined; serviceInstanceName?: string | undefined }): void {
  if (input.serviceInstanceName !== undefined && input.serviceName === undefined) {
    throw ctx.invalid("serviceInstanceName is given without serviceName: specify the service of the service instance too.");
  }
}

const FILTERS = { environmentName: RESOURCE_NAME, serviceName: RESOURCE_NAME, serviceInstanceName: RESOURCE_NAME, componentName: RESOURCE_NAME };

export const getDeployment = op<GetDeploymentInput, GetDeploymentOutput>({
  input: { id: UUID, ...FILTERS },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    checkNames(ctx, input);
    const record = ctx.backend.deployments.get(input.id!);
    const matches =
      record &&
      (input.environmentName === undefined || record.environmentName === input.environmentName) &&
      (input.serviceName === undefined || record.serviceName === input.serviceName) &&
      (input.serviceInstanceName === undefined || record.serviceInstanceName === input.serviceInstanceName) &&
      (input.componentName === undefined || record.componentName === input.componentName);
    if (!record || !matches) throw notFound(ctx, `Deployment ${input.id}${record ? " for the resource named in the request" : ""}`);
    ctx.observe(record.process);
    return { deployment: render(record) };
  },
});

export const listDeployments = op<ListDeploymentsInput, ListDeploymentsOutput>({
  input: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS, ...FILTERS },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    checkNames(ctx, input);
    const backend = ctx.backend;
    if (input.environmentName !== undefined && !backend.environments.has(input.environmentName)) throw notFound(ctx, `Environment ${input.environmentName}`);
    if (input.serviceName !== undefined && !backend.services.has(input.serviceName)) throw notFound(ctx, `Service ${input.serviceName}`);
    if (input.serviceInstanceName !== undefined && !backend.serviceInstances.has(`${input.serviceName}/${input.serviceInstanceName}`)) {
      throw notFound(ctx, `Service instance ${input.serviceInstanceName} of service ${input.serviceName}`);
    }
    if (input.componentName !== undefined && !backend.components.has(input.componentName)) throw notFound(ctx, `Component ${input.componentName}`);
    const filter = (d: DeploymentRecord) =>
      (input.environmentName === undefined || d.environmentName === input.environmentName) &&
      (input.serviceName === undefined || d.serviceName === input.serviceName) &&
      (input.serviceInstanceName === undefined || d.serviceInstanceName === input.serviceInstanceName) &&
      (input.componentName === undefined || d.componentName === input.componentName);
    const query = { e: input.environmentName, s: input.serviceName, i: input.serviceInstanceName, c: input.componentName };
    const result = page(ctx, backend.deployments, { nextToken: input.nextToken, maxResults: input.maxResults, filter, query });
    for (const record of result.items) ctx.observe(record.process);
    return { deployments: result.items.map(renderSummary), nextToken: result.nextToken };
  },
});

export const deleteDeployment = op<DeleteDeploymentInput, DeleteDeploymentOutput>({
  input: { id: UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const record = ctx.backend.deployments.get(input.id!);
    if (!record) throw notFound(ctx, `Deployment ${input.id}`);
    if (!record.process.done) {
      throw ctx.invalid(`Deployment ${input.id} is ${record.deploymentStatus}; only a finished deployment can be deleted.`);
    }
    ctx.backend.deployments.delete(record.id);
    const target = deployableByArn(ctx, record.targetArn)?.target;
    if (target) target.deploymentIds = target.deploymentIds.filter((id) => id !== record.id);
    return { deployment: render(record) };
  },
});

const OUTPUT = struct({ key: str({ min: 1, max: 1024 }), valueString: str({ min: 1, max: 1024 }) });

export const notifyResourceDeploymentStatusChange = op<NotifyResourceDeploymentStatusChangeInput, NotifyResourceDeploymentStatusChangeOutput>({
  input: { resourceArn: ARN, status: oneOf("ResourceDeploymentStatus"), outputs: list(OUTPUT, { max: 50 }), deploymentId: UUID, statusMessage: STATUS_MESSAGE },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const found = deployableByArn(ctx, input.resourceArn!);
    if (!found) throw notFound(ctx, `Provisioned resource ${input.resourceArn}`);
    if (!found.selfManaged) {
      throw ctx.invalid(`${input.resourceArn} uses AWS-managed provisioning; NotifyResourceDeploymentStatusChange is only for resources provisioned with self-managed provisioning.`);
    }
    const { target } = found;
    const deploymentId = input.deploymentId ?? target.lastAttemptedDeploymentId;
    const record = deploymentId !== undefined ? ctx.backend.deployments.get(deploymentId) : undefined;
    if (!record || record.targetArn !== target.arn) throw notFound(ctx, `Deployment ${deploymentId ?? "(none)"} of ${input.resourceArn}`);
    if (record.process.done) throw conflict(ctx, `Deployment ${record.id} already ended in ${record.deploymentStatus}.`);
    if (input.outputs !== undefined) {
      const byKey = new Map(record.outputs.map((o) => [o.key, o] as const));
      for (const output of input.outputs) byKey.set(output.key, { key: output.key, valueString: output.valueString });
      record.outputs = [...byKey.values()];
    }
    if (input.status === "SUCCEEDED" || input.status === "FAILED") record.process.notify(input.status, input.statusMessage);
    else record.lastModifiedAt = ctx.now();
    return {};
  },
});
