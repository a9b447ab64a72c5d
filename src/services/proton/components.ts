import type {
  CancelComponentDeploymentInput,
  CancelComponentDeploymentOutput,
  Component,
  ComponentSummary,
  CreateComponentInput,
  CreateComponentOutput,
  DeleteComponentInput,
  DeleteComponentOutput,
  GetComponentInput,
  GetComponentOutput,
  ListComponentOutputsInput,
  ListComponentOutputsOutput,
  ListComponentProvisionedResourcesInput,
  ListComponentProvisionedResourcesOutput,
  ListComponentsInput,
  ListComponentsOutput,
  UpdateComponentInput,
  UpdateComponentOutput,
} from "@aws-sdk/client-proton";
import { oneOf } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { conflict, forget, MANAGED_TAG, newResourceTags, notFound, page, parseSpecMapping, storeTags, type Ctx } from "./common.js";
import { cancelDeployment, dropDeployments, inProgress, outputsOf, startDeletion, startDeployment, type Deployable } from "./deployments.js";
import type { EnvironmentRecord } from "./environments.js";
import { KIND } from "./processes.js";
import { findInstance, type InstanceRecord } from "./service-instances.js";
import { CLIENT_TOKEN, DESCRIPTION, EMPTY_NEXT_TOKEN, MANIFEST, MAX_RESULTS, NEXT_TOKEN, RESOURCE_NAME, RESOURCE_NAME_OR_EMPTY, SPEC, TAGS, TEMPLATE_FILE, UUID } from "./shapes.js";

/**
 * Components: directly defined infrastructure extensions. A component belongs to an
 * environment and may be attached to one service instance of it (at most one component per
 * instance). An attached component keeps its instance, service and environment from being
 * deleted, and can't be deleted itself until it is detached.
 */
export interface ComponentRecord extends Deployable {
  name: string;
  description?: string | undefined;
  environmentName: string;
  serviceName?: string | undefined;
  serviceInstanceName?: string | undefined;
  lastModifiedAt: Date;
  serviceSpec?: string | undefined;
  templateFile: string;
  manifest: string;
  lastClientRequestToken?: string | undefined;
  /** The client token of the CreateComponent that created it (tells a re-created component from the original). */
  createToken?: string | undefined;
}

const label = (name: string) => `Component ${name}`;

function findComponent(ctx: Ctx, name: string): ComponentRecord {
  const component = ctx.backend.components.get(name);
  if (!component) throw notFound(ctx, label(name));
  return component;
}

/** The component a read shows; its deployment moves once the read is answered. */
function observed(ctx: Ctx, name: string): ComponentRecord {
  const component = findComponent(ctx, name);
  ctx.observe(component.process);
  return component;
}

function render(component: ComponentRecord): Component {
  return {
    name: component.name,
    description: component.description,
    arn: component.arn,
    environmentName: component.environmentName,
    serviceName: component.serviceName,
    serviceInstanceName: component.serviceInstanceName,
    createdAt: component.createdAt,
    lastModifiedAt: component.lastModifiedAt,
    lastDeploymentAttemptedAt: component.lastDeploymentAttemptedAt,
    lastDeploymentSucceededAt: component.lastDeploymentSucceededAt,
    deploymentStatus: component.deploymentStatus as Component["deploymentStatus"],
    deploymentStatusMessage: component.deploymentStatusMessage,
    serviceSpec: component.serviceSpec,
    lastClientRequestToken: component.lastClientRequestToken,
    lastAttemptedDeploymentId: component.lastAttemptedDeploymentId,
    lastSucceededDeploymentId: component.lastSucceededDeploymentId,
  };
}

function renderSummary(component: ComponentRecord): ComponentSummary {
  const { description: _d, serviceSpec: _s, lastClientRequestToken: _t, ...summary } = render(component);
  return summary;
}

/** Directly defined components need a component role on the environment (or its account connection). */
function checkComponentRole(ctx: Ctx, environment: EnvironmentRecord): void {
  const viaConnection = environment.environmentAccountConnectionId !== undefined && ctx.backend.connections.get(environment.environmentAccountConnectionId)?.componentRoleArn;
  if (!environment.componentRoleArn && !viaConnection) {
    throw ctx.invalid(`Environment ${environment.name} has no componentRoleArn: set one (UpdateEnvironment) before associating directly defined components with it.`);
  }
}

/** The service instance a component attaches to: it must allow directly defined components and have none yet. */
function attachableInstance(ctx: Ctx, serviceName: string, instanceName: string, componentName: string): InstanceRecord {
  const instance = findInstance(ctx, serviceName, instanceName);
  if (instance.deploymentStatus.startsWith("DELETE_")) throw conflict(ctx, `Service instance ${instanceName} of service ${serviceName} is ${instance.deploymentStatus}; a component can't attach to it.`);
  const version = ctx.backend.serviceTemplates.get(instance.templateName)?.versions.get(`${instance.templateMajorVersion}.${instance.templateMinorVersion}`);
  if (!version?.supportedComponentSources?.includes("DIRECTLY_DEFINED")) {
    throw ctx.invalid(
      `Service instance ${instanceName} runs service template ${instance.templateName} version ${instance.templateMajorVersion}.${instance.templateMinorVersion}, which doesn't support directly defined components (supportedComponentSources).`,
    );
  }
  const other = ctx.backend.components.values().find((c) => c.serviceName === serviceName && c.serviceInstanceName === instanceName && c.name !== componentName);
  if (other) throw conflict(ctx, `Service instance ${instanceName} of service ${serviceName} already has component ${other.name} attached.`);
  return instance;
}

function stateOf(component: ComponentRecord) {
  return {
    component: {
      serviceName: component.serviceName ?? "",
      serviceInstanceName: component.serviceInstanceName ?? "",
      serviceSpec: component.serviceSpec,
      templateFile: component.templateFile,
    },
  };
}

function deploy(ctx: Ctx, component: ComponentRecord, initialState?: ReturnType<typeof stateOf>): void {
  startDeployment(ctx, {
    target: component,
    type: "COMPONENT",
    kind: KIND.component,
    names: { environmentName: component.environmentName, serviceName: component.serviceName, serviceInstanceName: component.serviceInstanceName, componentName: component.name },
    initialState,
    targetState: stateOf(component),
    selfManaged: false,
    showsTargetAtOnce: true,
    apply(state) {
      const target = state.component!;
      component.serviceName = target.serviceName || undefined;
      component.serviceInstanceName = target.serviceInstanceName || undefined;
      component.serviceSpec = target.serviceSpec;
      component.templateFile = target.templateFile!;
    },
  });
}

function checkManifest(ctx: Ctx, manifest: string): void {
  parseSpecMapping(ctx, manifest, "component manifest");
}

export const createComponent = op<CreateComponentInput, CreateComponentOutput>({
  input: {
    name: RESOURCE_NAME,
    description: DESCRIPTION,
    serviceName: RESOURCE_NAME,
    serviceInstanceName: RESOURCE_NAME,
    environmentName: RESOURCE_NAME,
    templateFile: TEMPLATE_FILE,
    manifest: MANIFEST,
    serviceSpec: SPEC,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const name = input.name!;
    if (ctx.backend.components.has(name)) throw conflict(ctx, `${label(name)} already exists.`);
    if ((input.serviceName === undefined) !== (input.serviceInstanceName === undefined)) {
      throw ctx.invalid("Specify both serviceName and serviceInstanceName to attach the component to a service instance, or neither.");
    }
    let environmentName = input.environmentName;
    if (input.serviceName !== undefined) {
      const instance = attachableInstance(ctx, input.serviceName, input.serviceInstanceName!, name);
      if (environmentName !== undefined && environmentName !== instance.environmentName) {
        throw ctx.invalid(`Service instance ${instance.name} runs in environment ${instance.environmentName}, not ${environmentName}.`);
      }
      environmentName = instance.environmentName;
    } else {
      if (environmentName === undefined) throw ctx.invalid("Specify environmentName for a component that isn't attached to a service instance.");
      if (input.serviceSpec !== undefined) throw ctx.invalid("serviceSpec is for components attached to a service instance; don't set it on a detached component.");
    }
    const environment = ctx.backend.environments.get(environmentName);
    if (!environment) throw notFound(ctx, `Environment ${environmentName}`);
    checkComponentRole(ctx, environment);
    checkManifest(ctx, input.manifest!);
    const now = ctx.now();
    const arn = ctx.arn(`component/${name}`);
    // A component carries the ARNs of its environment (and of the service instance it is attached to), and inherits their tags.
    const managed: Record<string, string> = { [MANAGED_TAG.environment]: environment.arn };
    const parents = [environment.arn];
    if (input.serviceName !== undefined && input.serviceInstanceName !== undefined) {
      const service = ctx.arn(`service/${input.serviceName}`);
      const instance = ctx.arn(`service/${input.serviceName}/service-instance/${input.serviceInstanceName}`);
      Object.assign(managed, { [MANAGED_TAG.service]: service, [MANAGED_TAG.serviceInstance]: instance });
      parents.push(service, instance);
    }
    const tags = newResourceTags(ctx, arn, input.tags, { managed, parents });
    const component: ComponentRecord = {
      name,
      arn,
      description: input.description,
      environmentName,
      serviceName: input.serviceName,
      serviceInstanceName: input.serviceInstanceName,
      createdAt: now,
      lastModifiedAt: now,
      lastDeploymentAttemptedAt: now,
      lastDeploymentSucceededAt: now,
      deploymentStatus: "IN_PROGRESS",
      serviceSpec: input.serviceSpec,
      templateFile: input.templateFile!,
      manifest: input.manifest!,
      lastClientRequestToken: input.clientToken,
      createToken: input.clientToken,
      deploymentIds: [],
      outputs: [],
      provisionedResources: [],
    };
    ctx.backend.components.set(name, component);
    ctx.backend.deleted.delete(arn);
    storeTags(ctx, arn, tags);
    deploy(ctx, component);
    return { component: render(component) };
  },
  // Replays only while the component that token created exists (not one re-created under its name).
  replayable: (ctx, output, token) => ctx.backend.components.get(output.component?.name ?? "")?.createToken === token,
});

export const getComponent = op<GetComponentInput, GetComponentOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { component: render(observed(ctx, input.name!)) };
  },
});

export const updateComponent = op<UpdateComponentInput, UpdateComponentOutput>({
  input: {
    name: RESOURCE_NAME,
    deploymentType: oneOf("ComponentDeploymentUpdateType"),
    description: DESCRIPTION,
    serviceName: RESOURCE_NAME_OR_EMPTY,
    serviceInstanceName: RESOURCE_NAME_OR_EMPTY,
    serviceSpec: SPEC,
    templateFile: TEMPLATE_FILE,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const component = findComponent(ctx, input.name!);
    if (inProgress(component)) throw conflict(ctx, `${label(component.name)} can't be updated while its deployment status is ${component.deploymentStatus}.`);
    if (component.serviceName !== undefined) {
      const instance = ctx.backend.serviceInstances.get(`${component.serviceName}/${component.serviceInstanceName}`);
      if (instance && inProgress(instance)) {
        throw conflict(ctx, `Service instance ${instance.name}, which ${label(component.name).toLowerCase()} is attached to, is ${instance.deploymentStatus}.`);
      }
    }
    const changesAttachment = input.serviceName !== undefined || input.serviceInstanceName !== undefined;
    if (input.deploymentType === "NONE") {
      if (changesAttachment || input.serviceSpec !== undefined || input.templateFile !== undefined) {
        throw ctx.invalid("deploymentType NONE updates the description only; use CURRENT_VERSION to change the attachment, serviceSpec or templateFile.");
      }
      if (input.description !== undefined) component.description = input.description;
      component.lastModifiedAt = ctx.now();
      component.lastClientRequestToken = input.clientToken;
      return { component: render(component) };
    }
    const initial = stateOf(component);
    let serviceName = component.serviceName;
    let serviceInstanceName = component.serviceInstanceName;
    if (changesAttachment) {
      const service = input.serviceName ?? "";
      const instance = input.serviceInstanceName ?? "";
      if ((service === "") !== (instance === "")) {
        throw ctx.invalid("Specify non-empty serviceName and serviceInstanceName to attach the component, empty strings for both to detach it.");
      }
      if (service === "") {
        serviceName = undefined;
        serviceInstanceName = undefined;
      } else {
        // An attached component can't move to another instance directly (user guide, "Component states").
        const moves = component.serviceName !== undefined && (component.serviceName !== service || component.serviceInstanceName !== instance);
        if (moves) {
          throw ctx.invalid(
            `${label(component.name)} is attached to service instance ${component.serviceInstanceName} of service ${component.serviceName}; detach it (empty serviceName and serviceInstanceName) before attaching it to another service instance.`,
          );
        }
        const target = attachableInstance(ctx, service, instance, component.name);
        if (target.environmentName !== component.environmentName) {
          throw ctx.invalid(`Service instance ${instance} runs in environment ${target.environmentName}; ${label(component.name).toLowerCase()} belongs to environment ${component.environmentName}.`);
        }
        serviceName = service;
        serviceInstanceName = instance;
      }
    }
    const serviceSpec = serviceName === undefined ? undefined : (input.serviceSpec ?? component.serviceSpec);
    if (serviceName === undefined && input.serviceSpec !== undefined) throw ctx.invalid("serviceSpec is for components attached to a service instance.");
    if (input.description !== undefined) component.description = input.description;
    component.serviceName = serviceName;
    component.serviceInstanceName = serviceInstanceName;
    component.serviceSpec = serviceSpec;
    if (input.templateFile !== undefined) component.templateFile = input.templateFile;
    component.lastModifiedAt = ctx.now();
    component.lastClientRequestToken = input.clientToken;
    deploy(ctx, component, initial);
    return { component: render(component) };
  },
});

export const deleteComponent = op<DeleteComponentInput, DeleteComponentOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const component = findComponent(ctx, input.name!);
    if (component.deploymentStatus === "DELETE_IN_PROGRESS") return { component: render(component) };
    if (inProgress(component)) throw conflict(ctx, `${label(component.name)} can't be deleted while its deployment status is ${component.deploymentStatus}.`);
    if (component.serviceName !== undefined) {
      throw conflict(ctx, `${label(component.name)} is attached to service instance ${component.serviceInstanceName} of service ${component.serviceName}; detach it (UpdateComponent with empty serviceName and serviceInstanceName) before deleting it.`);
    }
    const backend = ctx.backend;
    startDeletion(ctx, {
      target: component,
      kind: KIND.component,
      attributes: { componentName: component.name, environmentName: component.environmentName },
      gone() {
        if (backend.components.get(component.name) !== component) return;
        backend.components.delete(component.name);
        dropDeployments(backend, component);
        forget(backend, component.arn);
      },
    });
    return { component: render(component) };
  },
});

export const listComponents = op<ListComponentsInput, ListComponentsOutput>({
  input: { nextToken: NEXT_TOKEN, environmentName: RESOURCE_NAME, serviceName: RESOURCE_NAME, serviceInstanceName: RESOURCE_NAME, maxResults: MAX_RESULTS },
  errors: [],
  run(ctx, input) {
    const filter = (c: ComponentRecord) =>
      (input.environmentName === undefined || c.environmentName === input.environmentName) &&
      (input.serviceName === undefined || c.serviceName === input.serviceName) &&
      (input.serviceInstanceName === undefined || c.serviceInstanceName === input.serviceInstanceName);
    const query = { e: input.environmentName, s: input.serviceName, i: input.serviceInstanceName };
    const result = page(ctx, ctx.backend.components, { nextToken: input.nextToken, maxResults: input.maxResults, filter, query });
    for (const component of result.items) ctx.observe(component.process);
    return { components: result.items.map(renderSummary), nextToken: result.nextToken };
  },
});

export const cancelComponentDeployment = op<CancelComponentDeploymentInput, CancelComponentDeploymentOutput>({
  input: { componentName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const component = findComponent(ctx, input.componentName!);
    cancelDeployment(ctx, component, label(component.name));
    return { component: render(component) };
  },
});

export const listComponentOutputs = op<ListComponentOutputsInput, ListComponentOutputsOutput>({
  input: { componentName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN, deploymentId: UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const component = findComponent(ctx, input.componentName!);
    return { outputs: outputsOf(ctx, component, input.deploymentId, label(component.name)) };
  },
});

export const listComponentProvisionedResources = op<ListComponentProvisionedResourcesInput, ListComponentProvisionedResourcesOutput>({
  input: { componentName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { provisionedResources: observed(ctx, input.componentName!).provisionedResources };
  },
});
