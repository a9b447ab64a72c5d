import type {
  CancelServiceInstanceDeploymentInput,
  CancelServiceInstanceDeploymentOutput,
  CreateServiceInstanceInput,
  CreateServiceInstanceOutput,
  GetServiceInstanceInput,
  GetServiceInstanceOutput,
  ListServiceInstanceOutputsInput,
  ListServiceInstanceOutputsOutput,
  ListServiceInstanceProvisionedResourcesInput,
  ListServiceInstanceProvisionedResourcesOutput,
  ListServiceInstancesFilter,
  ListServiceInstancesInput,
  ListServiceInstancesOutput,
  ServiceInstance,
  ServiceInstanceSummary,
  Tag,
  UpdateServiceInstanceInput,
  UpdateServiceInstanceOutput,
} from "@aws-sdk/client-proton";
import { stringify } from "yaml";
import { list, oneOf, str, struct } from "../../engine/validation/rules.js";
import { op, type InstanceOrder } from "./backend.js";
import { conflict, forget, MANAGED_TAG, newResourceTags, notFound, page, storeTags, type Ctx } from "./common.js";
import { cancelDeployment, dropDeployments, inProgress, outputsOf, startDeletion, startDeployment, type Deployable, type DeploymentRecord } from "./deployments.js";
import { KIND, type DeploymentProcess } from "./processes.js";
import { busy, checkInstanceEnvironments, defaultVersionOf, findService, parseServiceSpec, type ServiceRecord, type SpecInstance } from "./services.js";
import { CLIENT_TOKEN, EMPTY_NEXT_TOKEN, MAX_RESULTS, NEXT_TOKEN, RESOURCE_NAME, SPEC, TAGS, UUID, VERSION_PART } from "./shapes.js";
import { resolveCurrentValues } from "./spec-values.js";
import { recordManualChange } from "./sync.js";
import { findTemplate, publishedVersion, templateArn, versionForUpdate, type TemplateVersionRecord } from "./templates.js";

export interface InstanceRecord extends Deployable {
  /** "service/instance": instance names are unique within a service. */
  id: string;
  name: string;
  serviceName: string;
  environmentName: string;
  templateName: string;
  templateMajorVersion: string;
  templateMinorVersion: string;
  spec?: string | undefined;
  lastClientRequestToken?: string | undefined;
  /** The client token of the CreateServiceInstance that created it (tells a re-created instance from the original). */
  createToken?: string | undefined;
}

const instanceId = (serviceName: string, name: string) => `${serviceName}/${name}`;
const label = (serviceName: string, name: string) => `Service instance ${name} of service ${serviceName}`;

export function findInstance(ctx: Ctx, serviceName: string, name: string): InstanceRecord {
  const instance = ctx.backend.serviceInstances.get(instanceId(serviceName, name));
  if (!instance) throw notFound(ctx, label(serviceName, name));
  return instance;
}

/** The instance a read shows; its deployment moves once the read is answered. */
function observed(ctx: Ctx, serviceName: string, name: string): InstanceRecord {
  const instance = findInstance(ctx, serviceName, name);
  ctx.observe(instance.process);
  return instance;
}

export function renderInstance(instance: InstanceRecord): ServiceInstance {
  return {
    name: instance.name,
    arn: instance.arn,
    createdAt: instance.createdAt,
    lastDeploymentAttemptedAt: instance.lastDeploymentAttemptedAt,
    lastDeploymentSucceededAt: instance.lastDeploymentSucceededAt,
    serviceName: instance.serviceName,
    environmentName: instance.environmentName,
    templateName: instance.templateName,
    templateMajorVersion: instance.templateMajorVersion,
    templateMinorVersion: instance.templateMinorVersion,
    deploymentStatus: instance.deploymentStatus as ServiceInstance["deploymentStatus"],
    deploymentStatusMessage: instance.deploymentStatusMessage,
    spec: instance.spec,
    lastClientRequestToken: instance.lastClientRequestToken,
    lastAttemptedDeploymentId: instance.lastAttemptedDeploymentId,
    lastSucceededDeploymentId: instance.lastSucceededDeploymentId,
  };
}

function renderSummary(instance: InstanceRecord): ServiceInstanceSummary {
  const { spec: _spec, lastClientRequestToken: _token, ...summary } = renderInstance(instance);
  return summary;
}

function stateOf(ctx: Ctx, instance: InstanceRecord, major = instance.templateMajorVersion, minor = instance.templateMinorVersion, spec = instance.spec) {
  const environment = ctx.backend.environments.get(instance.environmentName);
  const pipeline = ctx.backend.services.get(instance.serviceName)?.pipeline;
  const component = ctx.backend.components.values().find((c) => c.serviceName === instance.serviceName && c.serviceInstanceName === instance.name);
  return {
    serviceInstance: {
      spec: spec ?? "",
      templateName: instance.templateName,
      templateMajorVersion: major,
      templateMinorVersion: minor,
      lastSuccessfulEnvironmentDeploymentId: environment?.lastSucceededDeploymentId,
      lastSuccessfulServicePipelineDeploymentId: pipeline?.lastSucceededDeploymentId,
      lastSuccessfulComponentDeploymentIds: component?.lastSucceededDeploymentId ? [component.lastSucceededDeploymentId] : [],
    },
  };
}

function deploy(ctx: Ctx, instance: InstanceRecord, targetState: ReturnType<typeof stateOf>, initialState?: ReturnType<typeof stateOf>): DeploymentRecord {
  const backend = ctx.backend;
  return startDeployment(ctx, {
    target: instance,
    type: "SERVICE_INSTANCE",
    kind: KIND.serviceInstance,
    names: { environmentName: instance.environmentName, serviceName: instance.serviceName, serviceInstanceName: instance.name },
    initialState,
    targetState,
    selfManaged: backend.environments.get(instance.environmentName)?.provisioningRepository !== undefined,
    provisioningAccountId: backend.environments.get(instance.environmentName)?.environmentAccountId,
    apply(state) {
      const target = state.serviceInstance!;
      instance.spec = target.spec;
      instance.templateMajorVersion = target.templateMajorVersion!;
      instance.templateMinorVersion = target.templateMinorVersion!;
    },
    changed: () => backend.serviceInstances.touch(instance.id),
  });
}

/**
 * The tags a new service instance starts with, checked against the tag limit: it carries its
 * template's, environment's and service's ARNs, and inherits their tags. `pending` gives the
 * tags of a service created by the same call and not stored yet (CreateService).
 */
export function instanceTags(
  ctx: Ctx,
  service: Pick<ServiceRecord, "name" | "arn" | "templateName">,
  request: { name: string; environmentName: string; tags?: Tag[] | undefined },
  pending?: ReadonlyMap<string, Readonly<Record<string, string>>>,
): Record<string, string> {
  const arn = ctx.arn(`service/${service.name}/service-instance/${request.name}`);
  const template = templateArn(ctx, "service", service.templateName);
  const environment = ctx.arn(`environment/${request.environmentName}`);
  return newResourceTags(
    ctx,
    arn,
    request.tags,
    {
      managed: { [MANAGED_TAG.template]: template, [MANAGED_TAG.environment]: environment, [MANAGED_TAG.service]: service.arn, [MANAGED_TAG.serviceInstance]: arn },
      parents: [template, environment, service.arn],
    },
    pending,
  );
}

/** Creates a service instance of a service and starts its first deployment. */
export function addInstance(
  ctx: Ctx,
  service: ServiceRecord,
  request: { name: string; environmentName: string; version: TemplateVersionRecord; spec: string; tags?: Tag[] | undefined; clientToken?: string | undefined },
): { instance: InstanceRecord; deployment: DeploymentRecord } {
  const tags = instanceTags(ctx, service, request);
  const now = ctx.now();
  const arn = ctx.arn(`service/${service.name}/service-instance/${request.name}`);
  const instance: InstanceRecord = {
    id: instanceId(service.name, request.name),
    name: request.name,
    arn,
    createdAt: now,
    lastDeploymentAttemptedAt: now,
    lastDeploymentSucceededAt: now,
    serviceName: service.name,
    environmentName: request.environmentName,
    templateName: request.version.templateName,
    templateMajorVersion: request.version.majorVersion,
    templateMinorVersion: request.version.minorVersion,
    deploymentStatus: "IN_PROGRESS",
    spec: request.spec,
    lastClientRequestToken: request.clientToken,
    createToken: request.clientToken,
    deploymentIds: [],
    outputs: [],
    provisionedResources: [],
  };
  ctx.backend.serviceInstances.set(instance.id, instance);
  ctx.backend.deleted.delete(arn);
  storeTags(ctx, arn, tags);
  const deployment = deploy(ctx, instance, stateOf(ctx, instance));
  return { instance, deployment };
}

/** Starts deleting a service instance (UpdateService removing it, or DeleteService). */
export function deleteInstance(ctx: Ctx, instance: InstanceRecord): DeploymentProcess {
  const backend = ctx.backend;
  return startDeletion(ctx, {
    target: instance,
    kind: KIND.serviceInstance,
    attributes: { environmentName: instance.environmentName, serviceName: instance.serviceName, serviceInstanceName: instance.name },
    gone() {
      if (backend.serviceInstances.get(instance.id) !== instance) return;
      backend.serviceInstances.delete(instance.id);
      dropDeployments(backend, instance);
      forget(backend, instance.arn);
    },
    changed: () => backend.serviceInstances.touch(instance.id),
  });
}

/** The service spec lists every instance: a later UpdateService that omits a new one removes it. */
export function appendToServiceSpec(ctx: Ctx, service: ServiceRecord, entry: SpecInstance): void {
  const serviceSpec = parseServiceSpec(ctx, service.spec).document;
  const instances = Array.isArray(serviceSpec["instances"]) ? serviceSpec["instances"] : [];
  serviceSpec["instances"] = [...instances, { name: entry.name, environment: entry.environment, ...(entry.spec !== undefined ? { spec: entry.spec } : {}) }];
  service.spec = stringify(serviceSpec);
  service.lastModifiedAt = ctx.now();
}

/** A deployment of an instance with a new spec on its current version (what a service sync does; no blocker). */
export function deploySpec(ctx: Ctx, instance: InstanceRecord, spec: string): DeploymentRecord {
  return deploy(ctx, instance, stateOf(ctx, instance, instance.templateMajorVersion, instance.templateMinorVersion, spec), stateOf(ctx, instance));
}

/** The instance's own entry of a service spec (Create/UpdateServiceInstance take the service spec). */
function specEntry(ctx: Ctx, spec: string, name: string) {
  const parsed = parseServiceSpec(ctx, spec, "service instance spec");
  return { entry: parsed.instances.find((i) => i.name === name), document: parsed.document };
}

export const createServiceInstance = op<CreateServiceInstanceInput, CreateServiceInstanceOutput>({
  input: {
    name: RESOURCE_NAME,
    serviceName: RESOURCE_NAME,
    spec: SPEC,
    templateMajorVersion: VERSION_PART,
    templateMinorVersion: VERSION_PART,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const service = findService(ctx, input.serviceName!);
    if (busy(service) || service.status === "DELETE_FAILED") {
      throw conflict(ctx, `Service ${service.name} is ${service.status}; instances can be added once it is ACTIVE.`);
    }
    const name = input.name!;
    if (ctx.backend.serviceInstances.has(instanceId(service.name, name))) throw conflict(ctx, `${label(service.name, name)} already exists.`);
    const { entry } = specEntry(ctx, input.spec!, name);
    if (!entry) {
      throw ctx.invalid(`The spec must list service instance ${name} under instances, with its environment (proton: ServiceSpec, instances: [{ name: ${name}, environment: …, spec: … }]).`);
    }
    let version: TemplateVersionRecord;
    if (input.templateMajorVersion !== undefined) {
      version = publishedVersion(ctx, findTemplate(ctx, "service", service.templateName), input.templateMajorVersion, input.templateMinorVersion);
    } else {
      if (input.templateMinorVersion !== undefined) throw ctx.invalid("templateMinorVersion needs templateMajorVersion.");
      version = defaultVersionOf(ctx, service);
    }
    checkInstanceEnvironments(ctx, [entry], version);
    const { instance } = addInstance(ctx, service, { name, environmentName: entry.environment, version, spec: input.spec!, tags: input.tags, clientToken: input.clientToken });
    appendToServiceSpec(ctx, service, entry);
    recordManualChange(ctx, service.name, name, `Service instance ${name} was manually created with CreateServiceInstance; a sync would override it.`);
    return { serviceInstance: renderInstance(instance) };
  },
  // Replays only while the instance that token created exists: one removed and created again
  // under the same name is another resource, so the retry is then a new create (a conflict).
  replayable: (ctx, output, token) => ctx.backend.serviceInstances.get(instanceId(output.serviceInstance?.serviceName ?? "", output.serviceInstance?.name ?? ""))?.createToken === token,
});

export const getServiceInstance = op<GetServiceInstanceInput, GetServiceInstanceOutput>({
  input: { name: RESOURCE_NAME, serviceName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { serviceInstance: renderInstance(observed(ctx, input.serviceName!, input.name!)) };
  },
});

export const updateServiceInstance = op<UpdateServiceInstanceInput, UpdateServiceInstanceOutput>({
  input: {
    name: RESOURCE_NAME,
    serviceName: RESOURCE_NAME,
    deploymentType: oneOf("DeploymentUpdateType"),
    spec: SPEC,
    templateMajorVersion: VERSION_PART,
    templateMinorVersion: VERSION_PART,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const instance = findInstance(ctx, input.serviceName!, input.name!);
    const service = findService(ctx, instance.serviceName);
    if (inProgress(instance)) throw conflict(ctx, `${label(instance.serviceName, instance.name)} can't be updated while its deployment status is ${instance.deploymentStatus}.`);
    if (service.status.startsWith("DELETE_")) throw conflict(ctx, `Service ${service.name} is ${service.status}.`);
    const component = ctx.backend.components.values().find((c) => c.serviceName === instance.serviceName && c.serviceInstanceName === instance.name);
    if (component && inProgress(component)) {
      throw conflict(ctx, `Component ${component.name} attached to ${label(instance.serviceName, instance.name)} is ${component.deploymentStatus}; wait for it before updating the instance.`);
    }
    const deploymentType = input.deploymentType!;
    let spec: string | undefined;
    if (input.spec !== undefined) {
      parseServiceSpec(ctx, input.spec, "service instance spec");
      spec = resolveCurrentValues(input.spec, instance.spec);
      if (deploymentType === "NONE" && spec !== instance.spec) throw ctx.invalid("deploymentType NONE deploys nothing; a new spec needs a deployment (use CURRENT_VERSION).");
    }
    const template = findTemplate(ctx, "service", instance.templateName);
    const target = versionForUpdate(ctx, template, { major: instance.templateMajorVersion, minor: instance.templateMinorVersion }, deploymentType, {
      major: input.templateMajorVersion,
      minor: input.templateMinorVersion,
    });
    if (target.major !== instance.templateMajorVersion) {
      checkInstanceEnvironments(ctx, [{ name: instance.name, environment: instance.environmentName }], publishedVersion(ctx, template, target.major, target.minor));
    }
    instance.lastClientRequestToken = input.clientToken;
    if (deploymentType !== "NONE") {
      deploy(ctx, instance, stateOf(ctx, instance, target.major, target.minor, spec ?? instance.spec), stateOf(ctx, instance));
      recordManualChange(ctx, service.name, instance.name, `Service instance ${instance.name} was manually updated with UpdateServiceInstance (${deploymentType}); a sync would override the change.`);
    }
    return { serviceInstance: renderInstance(instance) };
  },
});

const FILTER_KEYS_AT = new Set(["lastDeploymentAttemptedAtBefore", "lastDeploymentAttemptedAtAfter", "createdAtBefore", "createdAtAfter"]);

/** RFC 3339 timestamps; one without an offset is read as UTC. */
function filterDate(ctx: Ctx, filter: ListServiceInstancesFilter): number {
  const text = filter.value ?? "";
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  if (!/^\d{4}-\d\d-\d\dT/.test(text) || Number.isNaN(ms)) throw ctx.invalid(`Filter ${filter.key} needs an RFC 3339 date-time value (for example 1985-04-12T23:20:50.52Z); got '${text}'.`);
  return ms;
}

/** A filter test per key: filters of one key are alternatives, different keys must all hold. */
function instanceFilter(ctx: Ctx, filters: readonly ListServiceInstancesFilter[]): (i: InstanceRecord) => boolean {
  const byKey = new Map<string, Array<(i: InstanceRecord) => boolean>>();
  for (const filter of filters) {
    const key = filter.key;
    if (key === undefined || filter.value === undefined) throw ctx.invalid("Each filter needs a key and a value.");
    let test: (i: InstanceRecord) => boolean;
    if (FILTER_KEYS_AT.has(key)) {
      const at = filterDate(ctx, filter);
      const field = key.startsWith("created") ? "createdAt" : "lastDeploymentAttemptedAt";
      test = key.endsWith("Before") ? (i) => i[field].getTime() < at : (i) => i[field].getTime() > at;
    } else if (key === "deployedTemplateVersionStatus") {
      test = (i) => ctx.backend.serviceTemplates.get(i.templateName)?.versions.get(`${i.templateMajorVersion}.${i.templateMinorVersion}`)?.status === filter.value;
    } else {
      const field = key as "name" | "deploymentStatus" | "templateName" | "serviceName" | "environmentName";
      test = (i) => i[field] === filter.value;
    }
    byKey.set(key, [...(byKey.get(key) ?? []), test]);
  }
  return (instance) => [...byKey.values()].every((tests) => tests.some((test) => test(instance)));
}

export const listServiceInstances = op<ListServiceInstancesInput, ListServiceInstancesOutput>({
  input: {
    serviceName: RESOURCE_NAME,
    nextToken: NEXT_TOKEN,
    maxResults: MAX_RESULTS,
    filters: list(struct({ key: oneOf("ListServiceInstancesFilterBy"), value: str() })),
    sortBy: oneOf("ListServiceInstancesSortBy"),
    sortOrder: oneOf("SortOrder"),
  },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    if (input.serviceName !== undefined) findService(ctx, input.serviceName);
    const matches = instanceFilter(ctx, input.filters ?? []);
    const filter = (i: InstanceRecord) => (input.serviceName === undefined || i.serviceName === input.serviceName) && matches(i);
    const sortBy = (input.sortBy ?? "serviceName") as InstanceOrder;
    const result = page(ctx, ctx.backend.serviceInstances.view(sortBy), {
      nextToken: input.nextToken,
      maxResults: input.maxResults,
      filter,
      query: { serviceName: input.serviceName, filters: input.filters, sortBy },
      descending: input.sortOrder === "DESCENDING",
    });
    for (const instance of result.items) ctx.observe(instance.process);
    return { serviceInstances: result.items.map(renderSummary), nextToken: result.nextToken };
  },
});

export const cancelServiceInstanceDeployment = op<CancelServiceInstanceDeploymentInput, CancelServiceInstanceDeploymentOutput>({
  input: { serviceInstanceName: RESOURCE_NAME, serviceName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const instance = findInstance(ctx, input.serviceName!, input.serviceInstanceName!);
    cancelDeployment(ctx, instance, label(instance.serviceName, instance.name));
    return { serviceInstance: renderInstance(instance) };
  },
});

export const listServiceInstanceOutputs = op<ListServiceInstanceOutputsInput, ListServiceInstanceOutputsOutput>({
  input: { serviceInstanceName: RESOURCE_NAME, serviceName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN, deploymentId: UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const instance = findInstance(ctx, input.serviceName!, input.serviceInstanceName!);
    return { outputs: outputsOf(ctx, instance, input.deploymentId, label(instance.serviceName, instance.name)) };
  },
});

export const listServiceInstanceProvisionedResources = op<ListServiceInstanceProvisionedResourcesInput, ListServiceInstanceProvisionedResourcesOutput>({
  input: { serviceName: RESOURCE_NAME, serviceInstanceName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { provisionedResources: observed(ctx, input.serviceName!, input.serviceInstanceName!).provisionedResources };
  },
});
