import type {
  CancelServicePipelineDeploymentInput,
  CancelServicePipelineDeploymentOutput,
  ListServicePipelineOutputsInput,
  ListServicePipelineOutputsOutput,
  ListServicePipelineProvisionedResourcesInput,
  ListServicePipelineProvisionedResourcesOutput,
  ServicePipeline,
  UpdateServicePipelineInput,
  UpdateServicePipelineOutput,
} from "@aws-sdk/client-proton";
import { uuid } from "../../engine/ids.js";
import { oneOf } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { conflict, notFound, type Ctx } from "./common.js";
import { cancelDeployment, inProgress, outputsOf, startDeletion, startDeployment, type Deployable, type DeploymentRecord } from "./deployments.js";
import { KIND, type DeploymentProcess } from "./processes.js";
import { findService, parseServiceSpec, type ServiceRecord } from "./services.js";
import { EMPTY_NEXT_TOKEN, RESOURCE_NAME, SPEC, UUID, VERSION_PART } from "./shapes.js";
import { resolveCurrentValues } from "./spec-values.js";
import { findTemplate, versionForUpdate, type TemplateVersionRecord } from "./templates.js";

/** A service's CI/CD pipeline (service templates without pipelineProvisioning CUSTOMER_MANAGED). */
export interface PipelineRecord extends Deployable {
  serviceName: string;
  templateName: string;
  templateMajorVersion: string;
  templateMinorVersion: string;
  spec?: string | undefined;
}

const label = (serviceName: string) => `The pipeline of service ${serviceName}`;

export function renderPipeline(pipeline: PipelineRecord): ServicePipeline {
  return {
    arn: pipeline.arn,
    createdAt: pipeline.createdAt,
    lastDeploymentAttemptedAt: pipeline.lastDeploymentAttemptedAt,
    lastDeploymentSucceededAt: pipeline.lastDeploymentSucceededAt,
    templateName: pipeline.templateName,
    templateMajorVersion: pipeline.templateMajorVersion,
    templateMinorVersion: pipeline.templateMinorVersion,
    deploymentStatus: pipeline.deploymentStatus as ServicePipeline["deploymentStatus"],
    deploymentStatusMessage: pipeline.deploymentStatusMessage,
    spec: pipeline.spec,
    lastAttemptedDeploymentId: pipeline.lastAttemptedDeploymentId,
    lastSucceededDeploymentId: pipeline.lastSucceededDeploymentId,
  };
}

function findPipeline(ctx: Ctx, serviceName: string): { service: ServiceRecord; pipeline: PipelineRecord } {
  const service = findService(ctx, serviceName);
  if (!service.pipeline) throw notFound(ctx, `${label(serviceName)} (its service template has no pipeline)`);
  return { service, pipeline: service.pipeline };
}

function stateOf(pipeline: PipelineRecord, major = pipeline.templateMajorVersion, minor = pipeline.templateMinorVersion, spec = pipeline.spec) {
  return { servicePipeline: { spec, templateName: pipeline.templateName, templateMajorVersion: major, templateMinorVersion: minor } };
}

function deploy(ctx: Ctx, service: ServiceRecord, pipeline: PipelineRecord, targetState: ReturnType<typeof stateOf>, initialState?: ReturnType<typeof stateOf>): DeploymentRecord {
  // A pipeline belongs to no environment; its deployments name the service's first one.
  const environmentName = ctx.backend.serviceInstances.values().find((i) => i.serviceName === service.name)?.environmentName ?? "";
  return startDeployment(ctx, {
    target: pipeline,
    type: "SERVICE_PIPELINE",
    kind: KIND.servicePipeline,
    names: { environmentName, serviceName: service.name },
    initialState,
    targetState,
    selfManaged: ctx.backend.accountSettings.pipelineProvisioningRepository !== undefined,
    apply(state) {
      const target = state.servicePipeline!;
      pipeline.spec = target.spec;
      pipeline.templateMajorVersion = target.templateMajorVersion!;
      pipeline.templateMinorVersion = target.templateMinorVersion!;
    },
  });
}

/** Creates a service's pipeline and starts its first deployment. */
export function addPipeline(ctx: Ctx, service: ServiceRecord, version: TemplateVersionRecord, spec: string): DeploymentRecord {
  const now = ctx.now();
  const pipeline: PipelineRecord = {
    arn: ctx.arn(`service/${service.name}/pipeline/${uuid()}`),
    createdAt: now,
    lastDeploymentAttemptedAt: now,
    lastDeploymentSucceededAt: now,
    serviceName: service.name,
    templateName: version.templateName,
    templateMajorVersion: version.majorVersion,
    templateMinorVersion: version.minorVersion,
    deploymentStatus: "IN_PROGRESS",
    spec,
    deploymentIds: [],
    outputs: [],
    provisionedResources: [],
  };
  service.pipeline = pipeline;
  return deploy(ctx, service, pipeline, stateOf(pipeline));
}

/**
 * Re-provisions a service's pipeline with the service's spec (UpdateService does, once the
 * instances it added and removed are done: the pipeline deploys to the instances there are).
 */
export function redeployPipeline(ctx: Ctx, service: ServiceRecord): DeploymentProcess {
  const pipeline = service.pipeline!;
  return deploy(ctx, service, pipeline, stateOf(pipeline, pipeline.templateMajorVersion, pipeline.templateMinorVersion, service.spec), stateOf(pipeline)).process;
}

/** Starts deleting a service's pipeline (part of DeleteService). */
export function deletePipeline(ctx: Ctx, service: ServiceRecord): DeploymentProcess {
  const pipeline = service.pipeline!;
  return startDeletion(ctx, { target: pipeline, kind: KIND.servicePipeline, attributes: { serviceName: service.name }, gone() {} });
}

export const updateServicePipeline = op<UpdateServicePipelineInput, UpdateServicePipelineOutput>({
  input: { serviceName: RESOURCE_NAME, spec: SPEC, deploymentType: oneOf("DeploymentUpdateType"), templateMajorVersion: VERSION_PART, templateMinorVersion: VERSION_PART },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const { service, pipeline } = findPipeline(ctx, input.serviceName!);
    if (inProgress(pipeline)) throw conflict(ctx, `${label(service.name)} can't be updated while its deployment status is ${pipeline.deploymentStatus}.`);
    if (service.status.startsWith("DELETE_")) throw conflict(ctx, `Service ${service.name} is ${service.status}.`);
    parseServiceSpec(ctx, input.spec!, "pipeline spec");
    const spec = resolveCurrentValues(input.spec!, pipeline.spec);
    const deploymentType = input.deploymentType!;
    if (deploymentType === "NONE" && spec !== pipeline.spec) throw ctx.invalid("deploymentType NONE deploys nothing; a new spec needs a deployment (use CURRENT_VERSION).");
    const template = findTemplate(ctx, "service", pipeline.templateName);
    const target = versionForUpdate(ctx, template, { major: pipeline.templateMajorVersion, minor: pipeline.templateMinorVersion }, deploymentType, {
      major: input.templateMajorVersion,
      minor: input.templateMinorVersion,
    });
    if (deploymentType !== "NONE") deploy(ctx, service, pipeline, stateOf(pipeline, target.major, target.minor, spec), stateOf(pipeline));
    return { pipeline: renderPipeline(pipeline) };
  },
});

export const cancelServicePipelineDeployment = op<CancelServicePipelineDeploymentInput, CancelServicePipelineDeploymentOutput>({
  input: { serviceName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const { service, pipeline } = findPipeline(ctx, input.serviceName!);
    cancelDeployment(ctx, pipeline, label(service.name));
    return { pipeline: renderPipeline(pipeline) };
  },
});

export const listServicePipelineOutputs = op<ListServicePipelineOutputsInput, ListServicePipelineOutputsOutput>({
  input: { serviceName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN, deploymentId: UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { service, pipeline } = findPipeline(ctx, input.serviceName!);
    return { outputs: outputsOf(ctx, pipeline, input.deploymentId, label(service.name)) };
  },
});

export const listServicePipelineProvisionedResources = op<ListServicePipelineProvisionedResourcesInput, ListServicePipelineProvisionedResourcesOutput>({
  input: { serviceName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { pipeline } = findPipeline(ctx, input.serviceName!);
    ctx.observe(pipeline.process);
    return { provisionedResources: pipeline.provisionedResources };
  },
});
