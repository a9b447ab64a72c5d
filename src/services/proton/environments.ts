import type {
  CancelEnvironmentDeploymentInput,
  CancelEnvironmentDeploymentOutput,
  CreateEnvironmentInput,
  CreateEnvironmentOutput,
  DeleteEnvironmentInput,
  DeleteEnvironmentOutput,
  Environment,
  EnvironmentSummary,
  GetEnvironmentInput,
  GetEnvironmentOutput,
  ListEnvironmentOutputsInput,
  ListEnvironmentOutputsOutput,
  ListEnvironmentProvisionedResourcesInput,
  ListEnvironmentProvisionedResourcesOutput,
  ListEnvironmentsInput,
  ListEnvironmentsOutput,
  RepositoryBranch,
  RepositoryBranchInput,
  UpdateEnvironmentInput,
  UpdateEnvironmentOutput,
} from "@aws-sdk/client-proton";
import { list, oneOf, struct } from "../../engine/validation/rules.js";
import type { ConnectionRecord } from "./account-connections.js";
import { op } from "./backend.js";
import { checkSpecKind, conflict, fingerprint, forget, MANAGED_TAG, newResourceTags, notFound, page, parseSpecMapping, storeTags, type Ctx } from "./common.js";
import { cancelDeployment, dropDeployments, inProgress, outputsOf, startDeletion, startDeployment, type Deployable } from "./deployments.js";
import { KIND } from "./processes.js";
import { findRepository } from "./repositories.js";
import {
  ARN,
  DESCRIPTION,
  EMPTY_NEXT_TOKEN,
  MAX_RESULTS,
  NEXT_TOKEN,
  REPOSITORY_BRANCH_INPUT,
  RESOURCE_NAME,
  ROLE_ARN,
  SPEC,
  TAGS,
  UUID,
  VERSION_PART,
} from "./shapes.js";
import { findTemplate, publishedVersion, versionForUpdate } from "./templates.js";

export interface EnvironmentRecord extends Deployable {
  name: string;
  description?: string | undefined;
  templateName: string;
  templateMajorVersion: string;
  templateMinorVersion: string;
  spec?: string | undefined;
  protonServiceRoleArn?: string | undefined;
  environmentAccountConnectionId?: string | undefined;
  environmentAccountId?: string | undefined;
  provisioning?: string | undefined;
  provisioningRepository?: RepositoryBranch | undefined;
  componentRoleArn?: string | undefined;
  codebuildRoleArn?: string | undefined;
  createFingerprint: string;
  modified: boolean;
}

const label = (name: string) => `Environment ${name}`;

export function findEnvironment(ctx: Ctx, name: string): EnvironmentRecord {
  const environment = ctx.backend.environments.get(name);
  if (!environment) throw notFound(ctx, label(name));
  return environment;
}

/** The environment a read shows; its deployment moves once the read is answered. */
function observed(ctx: Ctx, name: string): EnvironmentRecord {
  const environment = findEnvironment(ctx, name);
  ctx.observe(environment.process);
  return environment;
}

export function renderEnvironment(environment: EnvironmentRecord): Environment {
  return {
    name: environment.name,
    description: environment.description,
    createdAt: environment.createdAt,
    lastDeploymentAttemptedAt: environment.lastDeploymentAttemptedAt,
    lastDeploymentSucceededAt: environment.lastDeploymentSucceededAt,
    arn: environment.arn,
    templateName: environment.templateName,
    templateMajorVersion: environment.templateMajorVersion,
    templateMinorVersion: environment.templateMinorVersion,
    deploymentStatus: environment.deploymentStatus as Environment["deploymentStatus"],
    deploymentStatusMessage: environment.deploymentStatusMessage,
    protonServiceRoleArn: environment.protonServiceRoleArn,
    environmentAccountConnectionId: environment.environmentAccountConnectionId,
    environmentAccountId: environment.environmentAccountId,
    spec: environment.spec,
    provisioning: environment.provisioning as Environment["provisioning"],
    provisioningRepository: environment.provisioningRepository,
    componentRoleArn: environment.componentRoleArn,
    codebuildRoleArn: environment.codebuildRoleArn,
    lastAttemptedDeploymentId: environment.lastAttemptedDeploymentId,
    lastSucceededDeploymentId: environment.lastSucceededDeploymentId,
  };
}

function renderSummary(environment: EnvironmentRecord): EnvironmentSummary {
  const { spec: _spec, provisioningRepository: _repo, codebuildRoleArn: _cb, ...summary } = renderEnvironment(environment);
  return summary;
}

function checkSpec(ctx: Ctx, spec: string): void {
  checkSpecKind(ctx, parseSpecMapping(ctx, spec, "environment spec"), "EnvironmentSpec", "environment spec");
}

/** An accepted connection from an environment account to this (management) account, for this environment. */
function usableConnection(ctx: Ctx, id: string, environmentName: string): ConnectionRecord {
  const connection = ctx.backend.connections.get(id);
  if (!connection || connection.managementAccountId !== ctx.accountId) throw notFound(ctx, `Environment account connection ${id}`);
  if (connection.status !== "CONNECTED") {
    throw ctx.invalid(`Environment account connection ${id} is ${connection.status}; only a CONNECTED connection can provision an environment.`);
  }
  if (connection.environmentName !== environmentName) {
    throw ctx.invalid(`Environment account connection ${id} was requested for environment ${connection.environmentName}, not ${environmentName}.`);
  }
  return connection;
}

function linkedRepositoryBranch(ctx: Ctx, input: RepositoryBranchInput): RepositoryBranch {
  const repository = findRepository(ctx, input.provider!, input.name!);
  return { arn: repository.arn, provider: repository.provider as RepositoryBranch["provider"], name: repository.name, branch: input.branch! };
}

function deploymentPlan(environment: EnvironmentRecord) {
  const apply = (state: { environment?: { spec?: string | undefined; templateName?: string | undefined; templateMajorVersion?: string | undefined; templateMinorVersion?: string | undefined } }) => {
    const target = state.environment!;
    environment.spec = target.spec;
    environment.templateMajorVersion = target.templateMajorVersion!;
    environment.templateMinorVersion = target.templateMinorVersion!;
  };
  return {
    target: environment,
    type: "ENVIRONMENT" as const,
    kind: KIND.environment,
    names: { environmentName: environment.name },
    selfManaged: environment.provisioningRepository !== undefined,
    customerManaged: environment.provisioning === "CUSTOMER_MANAGED",
    provisioningAccountId: environment.environmentAccountId,
    apply,
  };
}

function stateOf(environment: EnvironmentRecord, major = environment.templateMajorVersion, minor = environment.templateMinorVersion, spec = environment.spec) {
  return { environment: { spec, templateName: environment.templateName, templateMajorVersion: major, templateMinorVersion: minor } };
}

export const createEnvironment = op<CreateEnvironmentInput, CreateEnvironmentOutput>({
  input: {
    name: RESOURCE_NAME,
    templateName: RESOURCE_NAME,
    templateMajorVersion: VERSION_PART,
    templateMinorVersion: VERSION_PART,
    description: DESCRIPTION,
    spec: SPEC,
    protonServiceRoleArn: ARN,
    environmentAccountConnectionId: UUID,
    tags: TAGS,
    provisioningRepository: REPOSITORY_BRANCH_INPUT,
    componentRoleArn: ROLE_ARN,
    codebuildRoleArn: ROLE_ARN,
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const name = input.name!;
    const existing = ctx.backend.environments.get(name);
    if (existing) {
      // Proton's idempotent create: a retry returns the environment; anything else is refused.
      if (existing.createFingerprint !== fingerprint(input)) {
        throw ctx.invalid(`IdempotentParameterMismatch: environment ${name} already exists and was created with different parameters.`);
      }
      if (existing.modified) throw conflict(ctx, `Environment ${name} already exists and has been updated since it was created.`);
      return { environment: renderEnvironment(existing) };
    }
    const template = findTemplate(ctx, "environment", input.templateName!);
    const version = publishedVersion(ctx, template, input.templateMajorVersion!, input.templateMinorVersion);
    checkSpec(ctx, input.spec!);
    if (input.protonServiceRoleArn !== undefined && input.environmentAccountConnectionId !== undefined) {
      throw ctx.invalid("Specify either environmentAccountConnectionId or protonServiceRoleArn for AWS-managed provisioning, not both.");
    }
    if (input.provisioningRepository !== undefined && (input.protonServiceRoleArn !== undefined || input.environmentAccountConnectionId !== undefined)) {
      throw ctx.invalid("provisioningRepository selects self-managed provisioning: omit protonServiceRoleArn and environmentAccountConnectionId.");
    }
    const provisions =
      input.protonServiceRoleArn ?? input.environmentAccountConnectionId ?? input.provisioningRepository ?? input.codebuildRoleArn;
    if (template.provisioning !== "CUSTOMER_MANAGED" && provisions === undefined) {
      throw ctx.invalid(
        "Say how Proton provisions the environment: protonServiceRoleArn or environmentAccountConnectionId (AWS-managed), provisioningRepository (self-managed) or codebuildRoleArn (CodeBuild-based).",
      );
    }
    const connection = input.environmentAccountConnectionId !== undefined ? usableConnection(ctx, input.environmentAccountConnectionId, name) : undefined;
    const repository = input.provisioningRepository !== undefined ? linkedRepositoryBranch(ctx, input.provisioningRepository) : undefined;

    const now = ctx.now();
    const arn = ctx.arn(`environment/${name}`);
    const tags = newResourceTags(ctx, arn, input.tags, { managed: { [MANAGED_TAG.template]: template.arn, [MANAGED_TAG.environment]: arn }, parents: [template.arn] });
    const environment: EnvironmentRecord = {
      name,
      arn,
      description: input.description,
      createdAt: now,
      lastDeploymentAttemptedAt: now,
      lastDeploymentSucceededAt: now,
      templateName: template.name,
      templateMajorVersion: version.majorVersion,
      templateMinorVersion: version.minorVersion,
      spec: input.spec,
      deploymentStatus: "IN_PROGRESS",
      protonServiceRoleArn: input.protonServiceRoleArn,
      environmentAccountConnectionId: connection?.id,
      environmentAccountId: connection?.environmentAccountId,
      provisioning: template.provisioning,
      provisioningRepository: repository,
      componentRoleArn: input.componentRoleArn,
      codebuildRoleArn: input.codebuildRoleArn,
      deploymentIds: [],
      outputs: [],
      provisionedResources: [],
      createFingerprint: fingerprint(input),
      modified: false,
    };
    ctx.backend.environments.set(name, environment);
    ctx.backend.deleted.delete(arn);
    storeTags(ctx, arn, tags);
    startDeployment(ctx, { ...deploymentPlan(environment), targetState: stateOf(environment) });
    return { environment: renderEnvironment(environment) };
  },
});

export const getEnvironment = op<GetEnvironmentInput, GetEnvironmentOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { environment: renderEnvironment(observed(ctx, input.name!)) };
  },
});

export const updateEnvironment = op<UpdateEnvironmentInput, UpdateEnvironmentOutput>({
  input: {
    name: RESOURCE_NAME,
    description: DESCRIPTION,
    spec: SPEC,
    templateMajorVersion: VERSION_PART,
    templateMinorVersion: VERSION_PART,
    protonServiceRoleArn: ARN,
    deploymentType: oneOf("DeploymentUpdateType"),
    environmentAccountConnectionId: UUID,
    provisioningRepository: REPOSITORY_BRANCH_INPUT,
    componentRoleArn: ROLE_ARN,
    codebuildRoleArn: ROLE_ARN,
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const environment = findEnvironment(ctx, input.name!);
    if (inProgress(environment)) {
      throw conflict(ctx, `Environment ${environment.name} can't be updated while its deployment status is ${environment.deploymentStatus}.`);
    }
    if (input.protonServiceRoleArn !== undefined && input.environmentAccountConnectionId !== undefined) {
      throw ctx.invalid("You can update either environmentAccountConnectionId or protonServiceRoleArn, not both.");
    }
    if (environment.environmentAccountConnectionId !== undefined && (input.protonServiceRoleArn !== undefined || input.provisioningRepository !== undefined)) {
      throw ctx.invalid(`Environment ${environment.name} is provisioned through an environment account connection: don't include protonServiceRoleArn or provisioningRepository.`);
    }
    if (environment.environmentAccountConnectionId === undefined && input.environmentAccountConnectionId !== undefined) {
      throw ctx.invalid(`Environment ${environment.name} isn't associated with an environment account connection, so it can't be connected to one by an update.`);
    }
    const selfManaged = environment.provisioningRepository !== undefined;
    if (selfManaged && (input.protonServiceRoleArn !== undefined || input.environmentAccountConnectionId !== undefined)) {
      throw ctx.invalid(`Environment ${environment.name} uses self-managed provisioning: specify provisioningRepository and omit protonServiceRoleArn and environmentAccountConnectionId.`);
    }
    if (!selfManaged && input.provisioningRepository !== undefined) {
      throw ctx.invalid(`Environment ${environment.name} uses AWS-managed provisioning: omit provisioningRepository.`);
    }
    const deploymentType = input.deploymentType!;
    if (deploymentType === "NONE" && input.spec !== undefined && input.spec !== environment.spec) {
      throw ctx.invalid("deploymentType NONE changes metadata only; a new spec needs a deployment (use CURRENT_VERSION).");
    }
    if (input.spec !== undefined) checkSpec(ctx, input.spec);
    const template = findTemplate(ctx, "environment", environment.templateName);
    const target = versionForUpdate(ctx, template, { major: environment.templateMajorVersion, minor: environment.templateMinorVersion }, deploymentType, {
      major: input.templateMajorVersion,
      minor: input.templateMinorVersion,
    });
    let connection: ConnectionRecord | undefined;
    if (input.environmentAccountConnectionId !== undefined) {
      connection = usableConnection(ctx, input.environmentAccountConnectionId, environment.name);
      if (connection.environmentAccountId !== environment.environmentAccountId) {
        throw ctx.invalid(`Environment account connection ${connection.id} belongs to account ${connection.environmentAccountId}; the environment's connection is in account ${environment.environmentAccountId}.`);
      }
    }
    const repository = input.provisioningRepository !== undefined ? linkedRepositoryBranch(ctx, input.provisioningRepository) : undefined;

    if (input.description !== undefined) environment.description = input.description;
    if (input.protonServiceRoleArn !== undefined) environment.protonServiceRoleArn = input.protonServiceRoleArn;
    if (connection) environment.environmentAccountConnectionId = connection.id;
    if (repository) environment.provisioningRepository = repository;
    if (input.componentRoleArn !== undefined) environment.componentRoleArn = input.componentRoleArn;
    if (input.codebuildRoleArn !== undefined) environment.codebuildRoleArn = input.codebuildRoleArn;
    environment.modified = true;
    if (deploymentType !== "NONE") {
      startDeployment(ctx, {
        ...deploymentPlan(environment),
        initialState: stateOf(environment),
        targetState: stateOf(environment, target.major, target.minor, input.spec ?? environment.spec),
      });
    }
    return { environment: renderEnvironment(environment) };
  },
});

export const deleteEnvironment = op<DeleteEnvironmentInput, DeleteEnvironmentOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const name = input.name!;
    const backend = ctx.backend;
    const environment = backend.environments.get(name);
    if (!environment) {
      // A retry after the deletion completed: an empty response (Proton's idempotent delete).
      if (backend.deleted.has(ctx.arn(`environment/${name}`))) return {};
      throw notFound(ctx, label(name));
    }
    if (environment.deploymentStatus === "DELETE_IN_PROGRESS") return { environment: renderEnvironment(environment) };
    if (inProgress(environment)) throw conflict(ctx, `Environment ${name} can't be deleted while its deployment status is ${environment.deploymentStatus}.`);
    const instances = backend.serviceInstances.values().filter((i) => i.environmentName === name);
    if (instances.length > 0) {
      throw conflict(ctx, `Environment ${name} has service instances deployed to it (${instances.map((i) => `${i.serviceName}/${i.name}`).join(", ")}); delete them first.`);
    }
    const components = backend.components.values().filter((c) => c.environmentName === name);
    if (components.length > 0) {
      throw conflict(ctx, `Environment ${name} has components (${components.map((c) => c.name).join(", ")}); delete them first.`);
    }
    const doomed = environment;
    startDeletion(ctx, {
      target: doomed,
      kind: KIND.environment,
      attributes: { environmentName: name },
      gone() {
        if (backend.environments.get(name) !== doomed) return;
        backend.environments.delete(name);
        dropDeployments(backend, doomed);
        forget(backend, doomed.arn);
      },
    });
    return { environment: renderEnvironment(environment) };
  },
});

export const listEnvironments = op<ListEnvironmentsInput, ListEnvironmentsOutput>({
  input: {
    nextToken: NEXT_TOKEN,
    maxResults: MAX_RESULTS,
    environmentTemplates: list(struct({ templateName: RESOURCE_NAME, majorVersion: VERSION_PART })),
  },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const filters = input.environmentTemplates ?? [];
    for (const filter of filters) findTemplate(ctx, "environment", filter.templateName!);
    const matches = (e: EnvironmentRecord) =>
      filters.length === 0 || filters.some((f) => f.templateName === e.templateName && f.majorVersion === e.templateMajorVersion);
    const result = page(ctx, ctx.backend.environments, { nextToken: input.nextToken, maxResults: input.maxResults, filter: matches, query: filters });
    for (const environment of result.items) ctx.observe(environment.process);
    return { environments: result.items.map(renderSummary), nextToken: result.nextToken };
  },
});

export const cancelEnvironmentDeployment = op<CancelEnvironmentDeploymentInput, CancelEnvironmentDeploymentOutput>({
  input: { environmentName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const environment = findEnvironment(ctx, input.environmentName!);
    cancelDeployment(ctx, environment, label(environment.name));
    return { environment: renderEnvironment(environment) };
  },
});

export const listEnvironmentOutputs = op<ListEnvironmentOutputsInput, ListEnvironmentOutputsOutput>({
  input: { environmentName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN, deploymentId: UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const environment = findEnvironment(ctx, input.environmentName!);
    return { outputs: outputsOf(ctx, environment, input.deploymentId, label(environment.name)) };
  },
});

export const listEnvironmentProvisionedResources = op<ListEnvironmentProvisionedResourcesInput, ListEnvironmentProvisionedResourcesOutput>({
  input: { environmentName: RESOURCE_NAME, nextToken: EMPTY_NEXT_TOKEN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const environment = observed(ctx, input.environmentName!);
    return { provisionedResources: environment.provisionedResources };
  },
});
