import type {
  CreateServiceInput,
  CreateServiceOutput,
  DeleteServiceInput,
  DeleteServiceOutput,
  GetServiceInput,
  GetServiceOutput,
  ListServicesInput,
  ListServicesOutput,
  Service,
  ServiceSummary,
} from "@aws-sdk/client-proton";
import { str } from "../../engine/validation/rules.js";
import { op, type ProtonBackend } from "./backend.js";
import { checkSpecKind, conflict, fingerprint, forget, MANAGED_TAG, newResourceTags, notFound, page, parseSpecMapping, storeTags, type Ctx } from "./common.js";
import { dropDeployments, inProgress, type DeploymentRecord } from "./deployments.js";
import { ServiceProcess, type DeploymentProcess, type ServiceAction, type ServicePlan } from "./processes.js";
import { addInstance, deleteInstance, instanceTags, type InstanceRecord } from "./service-instances.js";
import { addPipeline, deletePipeline, renderPipeline, type PipelineRecord } from "./service-pipelines.js";
import { ARN, BRANCH, DESCRIPTION, MAX_RESULTS, NEXT_TOKEN, RESOURCE_NAME, SPEC, TAGS, VERSION_PART } from "./shapes.js";
import { findTemplate, publishedVersion, recommendedVersion, type TemplateVersionRecord } from "./templates.js";

export interface ServiceRecord {
  name: string;
  arn: string;
  description?: string | undefined;
  templateName: string;
  createdAt: Date;
  lastModifiedAt: Date;
  status: string;
  statusMessage?: string | undefined;
  spec: string;
  pipeline?: PipelineRecord | undefined;
  repositoryConnectionArn?: string | undefined;
  repositoryId?: string | undefined;
  branchName?: string | undefined;
  /** The create, update or delete in progress. */
  process?: ServiceProcess | undefined;
  createFingerprint: string;
  modified: boolean;
}

/** One entry of a service spec's `instances` list. */
export interface SpecInstance {
  name: string;
  environment: string;
  spec?: unknown;
}

const NAME_PATTERN = /^[0-9A-Za-z]+[0-9A-Za-z_-]*$/;

/**
 * A service spec (YAML): `proton: ServiceSpec`, an optional `pipeline` mapping of pipeline
 * inputs, and `instances`, a list of `{ name, environment, spec }`: the service instances.
 */
export function parseServiceSpec(ctx: Ctx, spec: string, member = "service spec"): { instances: SpecInstance[]; pipeline: unknown; document: Record<string, unknown> } {
  const document = parseSpecMapping(ctx, spec, member);
  checkSpecKind(ctx, document, "ServiceSpec", member);
  const raw = document["instances"];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) throw ctx.invalid(`The ${member}'s instances must be a list of { name, environment, spec } entries.`);
  const instances: SpecInstance[] = [];
  const names = new Set<string>();
  for (const [index, entry] of ((raw as unknown[] | null | undefined) ?? []).entries()) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) throw ctx.invalid(`Entry ${index} of the ${member}'s instances is not a mapping with name and environment.`);
    const { name, environment, spec: inputs } = entry as Record<string, unknown>;
    if (typeof name !== "string" || !NAME_PATTERN.test(name) || name.length > 100) {
      throw ctx.invalid(`Entry ${index} of the ${member}'s instances needs a name of 1 to 100 letters, digits, '-' or '_' (starting with a letter or digit).`);
    }
    if (typeof environment !== "string" || environment === "") throw ctx.invalid(`Service instance ${name} in the ${member} needs an environment.`);
    if (names.has(name)) throw ctx.invalid(`The ${member} lists service instance ${name} more than once.`);
    names.add(name);
    instances.push({ name, environment, spec: inputs });
  }
  return { instances, pipeline: document["pipeline"], document };
}

export function findService(ctx: Ctx, name: string): ServiceRecord {
  const service = ctx.backend.services.get(name);
  if (!service) throw notFound(ctx, `Service ${name}`);
  return service;
}

/** The processes a read of a service moves: its parts in progress, its pipeline's deployment, itself. */
export function observeService(ctx: Ctx, service: ServiceRecord): void {
  for (const part of service.process?.parts ?? []) ctx.observe(part);
  ctx.observe(service.pipeline?.process);
  ctx.observe(service.process);
}

/** The service a read shows; it and its parts move once the read is answered. */
function observed(ctx: Ctx, name: string): ServiceRecord {
  const service = findService(ctx, name);
  observeService(ctx, service);
  return service;
}

export function busy(service: ServiceRecord): boolean {
  return service.status.endsWith("_IN_PROGRESS");
}

export function renderService(service: ServiceRecord): Service {
  return {
    name: service.name,
    description: service.description,
    arn: service.arn,
    templateName: service.templateName,
    createdAt: service.createdAt,
    lastModifiedAt: service.lastModifiedAt,
    status: service.status as Service["status"],
    statusMessage: service.statusMessage,
    spec: service.spec,
    pipeline: service.pipeline ? renderPipeline(service.pipeline) : undefined,
    repositoryConnectionArn: service.repositoryConnectionArn,
    repositoryId: service.repositoryId,
    branchName: service.branchName,
  };
}

function renderSummary(service: ServiceRecord): ServiceSummary {
  return {
    name: service.name,
    description: service.description,
    arn: service.arn,
    templateName: service.templateName,
    createdAt: service.createdAt,
    lastModifiedAt: service.lastModifiedAt,
    status: service.status as ServiceSummary["status"],
    statusMessage: service.statusMessage,
  };
}

/** The instances of a service, in name order. */
export function instancesOf(backend: ProtonBackend, serviceName: string): InstanceRecord[] {
  return backend.serviceInstances
    .values()
    .filter((i) => i.serviceName === serviceName)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The template version new instances of a service get when the request names none: the
 * version its pipeline or its instances run, else the template's Recommended version.
 */
export function defaultVersionOf(ctx: Ctx, service: ServiceRecord): TemplateVersionRecord {
  const template = findTemplate(ctx, "service", service.templateName);
  const running = service.pipeline ?? instancesOf(ctx.backend, service.name)[0];
  if (running) return publishedVersion(ctx, template, running.templateMajorVersion, undefined);
  const recommended = recommendedVersion(template);
  if (!recommended) throw ctx.invalid(`Service template ${template.name} has no published version.`);
  return publishedVersion(ctx, template, recommended.major, recommended.minor);
}

/** Runs a create, update or delete of a service: its status follows its parts (in the phases of `plan`, when given). */
export function runServiceAction(ctx: Ctx, service: ServiceRecord, action: ServiceAction, parts: DeploymentProcess[], plan?: ServicePlan): void {
  const backend = ctx.backend;
  const clock = ctx.engine.clock;
  const process = new ServiceProcess(service.name, action, parts, (state, p) => {
    service.status = state;
    service.lastModifiedAt = clock.now();
    service.statusMessage = state.includes("FAILED") ? p.message : undefined;
    if (p.done && service.process === p) service.process = undefined;
    if (state === "DELETE_COMPLETE") removeService(backend, service);
  }, plan);
  service.status = process.state;
  service.statusMessage = undefined;
  service.process = process;
  ctx.track(process);
}

function removeService(backend: ProtonBackend, service: ServiceRecord): void {
  if (backend.services.get(service.name) !== service) return;
  for (const instance of instancesOf(backend, service.name)) {
    backend.serviceInstances.delete(instance.id);
    dropDeployments(backend, instance);
    forget(backend, instance.arn);
  }
  if (service.pipeline) dropDeployments(backend, service.pipeline);
  backend.services.delete(service.name);
  backend.serviceSyncConfigs.delete(service.name);
  for (const [id, blocker] of backend.syncBlockers) if (blocker.serviceName === service.name) backend.syncBlockers.delete(id);
  forget(backend, service.arn);
}

/** Checks the instances of a spec can run: their environments exist and are compatible. */
export function checkInstanceEnvironments(ctx: Ctx, instances: readonly SpecInstance[], version: TemplateVersionRecord): void {
  for (const instance of instances) {
    const environment = ctx.backend.environments.get(instance.environment);
    if (!environment) throw notFound(ctx, `Environment ${instance.environment} (of service instance ${instance.name})`);
    if (environment.deploymentStatus.startsWith("DELETE_")) {
      throw conflict(ctx, `Environment ${instance.environment} (of service instance ${instance.name}) is being deleted.`);
    }
    const compatible = (version.compatibleEnvironmentTemplates ?? []).some(
      (c) => c.templateName === environment.templateName && c.majorVersion === environment.templateMajorVersion,
    );
    if (!compatible) {
      const list = (version.compatibleEnvironmentTemplates ?? []).map((c) => `${c.templateName}:${c.majorVersion}`).join(", ");
      throw ctx.invalid(
        `Environment ${environment.name} runs environment template ${environment.templateName} major version ${environment.templateMajorVersion}, which service template ${version.templateName} version ${version.majorVersion}.${version.minorVersion} is not compatible with (compatible: ${list}).`,
      );
    }
  }
}

/** A pipeline needs an account-level way to provision it (UpdateAccountSettings). */
function checkPipelineSettings(ctx: Ctx): void {
  const settings = ctx.backend.accountSettings;
  if (!settings.pipelineServiceRoleArn && !settings.pipelineCodebuildRoleArn && !settings.pipelineProvisioningRepository) {
    throw ctx.invalid(
      "The service template includes a service pipeline, but the account has no pipeline provisioning configured: set pipelineServiceRoleArn, pipelineCodebuildRoleArn or pipelineProvisioningRepository with UpdateAccountSettings.",
    );
  }
}

export const createService = op<CreateServiceInput, CreateServiceOutput>({
  input: {
    name: RESOURCE_NAME,
    description: DESCRIPTION,
    templateName: RESOURCE_NAME,
    templateMajorVersion: VERSION_PART,
    templateMinorVersion: VERSION_PART,
    spec: SPEC,
    repositoryConnectionArn: ARN,
    repositoryId: str({ min: 1, max: 200 }),
    branchName: BRANCH,
    tags: TAGS,
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const name = input.name!;
    const existing = ctx.backend.services.get(name);
    if (existing) {
      if (existing.createFingerprint !== fingerprint(input)) {
        throw ctx.invalid(`IdempotentParameterMismatch: service ${name} already exists and was created with different parameters.`);
      }
      if (existing.modified) throw conflict(ctx, `Service ${name} already exists and has been updated since it was created.`);
      return { service: renderService(existing) };
    }
    const template = findTemplate(ctx, "service", input.templateName!);
    const version = publishedVersion(ctx, template, input.templateMajorVersion!, input.templateMinorVersion);
    const spec = parseServiceSpec(ctx, input.spec!);
    if (spec.instances.length === 0) throw ctx.invalid("A service needs at least one service instance: list it under instances in the spec.");
    const hasPipeline = template.provisioning !== "CUSTOMER_MANAGED";
    const repository = [input.repositoryConnectionArn, input.repositoryId, input.branchName];
    if (!hasPipeline) {
      if (repository.some((v) => v !== undefined)) {
        throw ctx.invalid(`Service template ${template.name} doesn't include a service pipeline: don't include repositoryConnectionArn, repositoryId or branchName.`);
      }
      if (spec.pipeline !== undefined) throw ctx.invalid(`Service template ${template.name} doesn't include a service pipeline: don't include pipeline inputs in the spec.`);
    } else {
      if (repository.some((v) => v === undefined)) {
        throw ctx.invalid(`Service template ${template.name} includes a service pipeline: repositoryConnectionArn, repositoryId and branchName are required.`);
      }
      checkPipelineSettings(ctx);
    }
    checkInstanceEnvironments(ctx, spec.instances, version);

    const now = ctx.now();
    const arn = ctx.arn(`service/${name}`);
    // The service's tags and its instances' (which inherit them) are checked before anything is stored.
    const tags = newResourceTags(ctx, arn, input.tags, { managed: { [MANAGED_TAG.template]: template.arn, [MANAGED_TAG.service]: arn }, parents: [template.arn] });
    const pending = new Map([[arn, tags]]);
    for (const entry of spec.instances) instanceTags(ctx, { name, arn, templateName: template.name }, { name: entry.name, environmentName: entry.environment }, pending);
    const service: ServiceRecord = {
      name,
      arn,
      description: input.description,
      templateName: template.name,
      createdAt: now,
      lastModifiedAt: now,
      status: "CREATE_IN_PROGRESS",
      spec: input.spec!,
      repositoryConnectionArn: input.repositoryConnectionArn,
      repositoryId: input.repositoryId,
      branchName: input.branchName,
      createFingerprint: fingerprint(input),
      modified: false,
    };
    ctx.backend.services.set(name, service);
    ctx.backend.deleted.delete(arn);
    storeTags(ctx, arn, tags);
    const parts: DeploymentRecord[] = spec.instances.map((entry) => addInstance(ctx, service, { name: entry.name, environmentName: entry.environment, version, spec: input.spec! }).deployment);
    if (hasPipeline) parts.push(addPipeline(ctx, service, version, input.spec!));
    runServiceAction(
      ctx,
      service,
      "CREATE",
      parts.map((d) => d.process),
    );
    return { service: renderService(service) };
  },
});

export const getService = op<GetServiceInput, GetServiceOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { service: renderService(observed(ctx, input.name!)) };
  },
});

export const deleteService = op<DeleteServiceInput, DeleteServiceOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const name = input.name!;
    const backend = ctx.backend;
    const service = backend.services.get(name);
    if (!service) {
      if (backend.deleted.has(ctx.arn(`service/${name}`))) return {};
      throw notFound(ctx, `Service ${name}`);
    }
    if (service.status === "DELETE_IN_PROGRESS") return { service: renderService(service) };
    if (busy(service)) throw conflict(ctx, `Service ${name} can't be deleted while its status is ${service.status}.`);
    const instances = instancesOf(backend, name);
    const attached = backend.components.values().filter((c) => c.serviceName === name);
    if (attached.length > 0) {
      throw conflict(ctx, `Service ${name} has service instances with attached components (${attached.map((c) => c.name).join(", ")}); detach or delete them first.`);
    }
    const running = [...instances, ...(service.pipeline ? [service.pipeline] : [])].filter(inProgress);
    if (running.length > 0) throw conflict(ctx, `Service ${name} has deployments in progress; wait for them or cancel them before deleting the service.`);
    const parts = instances.map((instance) => deleteInstance(ctx, instance));
    if (service.pipeline) parts.push(deletePipeline(ctx, service));
    runServiceAction(ctx, service, "DELETE", parts);
    return { service: renderService(service) };
  },
});

export const listServices = op<ListServicesInput, ListServicesOutput>({
  input: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  errors: [],
  run(ctx, input) {
    const result = page(ctx, ctx.backend.services, { nextToken: input.nextToken, maxResults: input.maxResults });
    for (const service of result.items) observeService(ctx, service);
    return { services: result.items.map(renderSummary), nextToken: result.nextToken };
  },
});
