import * as sdk from "@aws-sdk/client-proton";
import { NormalizedSchema } from "@smithy/core/schema";
import { aws } from "aws-doubles/vitest";
import { inputSchemaOf } from "../../support/fuzz.js";
import { ACCOUNT, activeService, arn, CONNECTION_ARN, ENV_SPEC, proton, publishedEnvironmentTemplate, ROLE, serviceSpec, source } from "./helpers.js";

/**
 * Requests for every Proton operation, to vary one member at a time: a plausible request built
 * from each operation's SDK input schema with member values that name what `badInputWorld()`
 * created (what the bad-input test, bad-inputs.test.ts, varies), and a table of valid requests
 * in the fuller `validWorld()` (what the property suites in test/properties vary).
 */

type Schema = ReturnType<typeof NormalizedSchema.of>;

/** Service orders with instances api-a and api-b on environment prod, with components. */
export function badInputWorld(): Promise<unknown> {
  return activeService({ instances: ["api-a", "api-b"], components: true });
}

/** Member values that name the resources the setup created, so requests get past their lookups. */
const VALUES: Record<string, string> = {
  serviceName: "orders",
  serviceInstanceName: "api-a",
  environmentName: "prod",
  componentName: "comp",
  majorVersion: "1",
  minorVersion: "0",
  templateMajorVersion: "1",
  templateMinorVersion: "0",
  resourceArn: arn("service/orders"),
  provider: "GITHUB",
  repositoryProvider: "GITHUB",
  repositoryName: "acme/templates",
  branch: "main",
  deploymentType: "CURRENT_VERSION",
  templateType: "ENVIRONMENT",
  syncType: "TEMPLATE_SYNC",
  spec: "proton: ServiceSpec\ninstances:\n  - name: api-a\n    environment: prod\n",
  bucket: "proton-templates",
};

function plausible(operation: string, member: string): string {
  if (member === "name" || member === "templateName") return /Service/.test(operation) && !/Environment/.test(operation) ? (member === "name" ? "orders" : "api-svc") : member === "name" ? "prod" : "vpc-env";
  if (/[rR]oleArn$/.test(member)) return ROLE;
  return VALUES[member] ?? "x";
}

function request(operation: string, member: string, schema: Schema): unknown {
  if (schema.isStructSchema()) {
    const entries = [...schema.structIterator()].filter(([name]) => name !== "nextToken");
    const chosen = schema.isUnionSchema() ? entries.slice(0, 1) : entries;
    return Object.fromEntries(chosen.map(([name, inner]) => [name, request(operation, name, inner)]));
  }
  if (schema.isListSchema()) return [request(operation, member, schema.getValueSchema())];
  if (schema.isMapSchema()) return { k: request(operation, member, schema.getValueSchema()) };
  if (schema.isBooleanSchema()) return false;
  if (schema.isNumericSchema()) return 10;
  if (schema.isTimestampSchema()) return new Date(0);
  return plausible(operation, member);
}

/** The plausible request of an operation (every member set, unions with their first member). */
export function plausibleRequest(operation: string): Record<string, unknown> {
  return request(operation, "", inputSchemaOf(sdk, operation)) as Record<string, unknown>;
}

const ENV_ACCOUNT = "210987654321";
const MANIFEST = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";
const TEMPLATE_FILE = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";
const REPOSITORY = { provider: "GITHUB" as const, name: "acme/templates" };

/** Ids of what `validWorld()` made. */
export interface ValidWorld {
  /** A deployment of environment prod. */
  deploymentId: string;
  /** A connection the environment account requested, pending in this (the management) account. */
  connectionId: string;
  /** An active sync blocker of service instance orders/api-a. */
  blockerId: string;
}

/**
 * Everything of `badInputWorld()`, and more for each family to act on: a component comp in
 * prod, repository acme/templates linked with a template sync config (vpc-env) and a service
 * sync config (orders), an active sync blocker on orders/api-a, a pending environment account
 * connection from another account, and a second, unused minor version of each template.
 */
export async function validWorld(): Promise<ValidWorld> {
  await badInputWorld();
  await proton.send(new sdk.CreateComponentCommand({ name: "comp", environmentName: "prod", templateFile: TEMPLATE_FILE, manifest: MANIFEST }));
  await proton.send(new sdk.CreateRepositoryCommand({ ...REPOSITORY, connectionArn: CONNECTION_ARN }));
  await proton.send(new sdk.CreateTemplateSyncConfigCommand({ templateName: "vpc-env", templateType: "ENVIRONMENT", repositoryProvider: "GITHUB", repositoryName: REPOSITORY.name, branch: "main" }));
  await proton.send(new sdk.CreateServiceSyncConfigCommand({ serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: REPOSITORY.name, branch: "main", filePath: "proton-ops.yaml" }));
  await proton.send(new sdk.CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source("v1-1.tar.gz") }));
  await proton.send(new sdk.CreateServiceTemplateVersionCommand({ templateName: "api-svc", majorVersion: "1", source: source("v1-1.tar.gz"), compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }] }));
  // A manual update of a synced instance blocks its sync until the blocker is resolved.
  await proton.send(new sdk.UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" }));
  const environmentAccount = new sdk.ProtonClient({ credentials: aws.credentialsFor(ENV_ACCOUNT) });
  const { environmentAccountConnection } = await environmentAccount.send(
    new sdk.CreateEnvironmentAccountConnectionCommand({ managementAccountId: ACCOUNT, environmentName: "staging", roleArn: `arn:aws:iam::${ENV_ACCOUNT}:role/ProtonEnvironmentRole` }),
  );
  // For the deletes, resources nothing depends on and no other request uses; a service with no
  // sync config for CreateServiceSyncConfig.
  await proton.send(new sdk.CreateComponentCommand({ name: "doomed-comp", environmentName: "prod", templateFile: TEMPLATE_FILE, manifest: MANIFEST }));
  await proton.send(new sdk.CreateEnvironmentCommand({ name: "doomed-env", templateName: "vpc-env", templateMajorVersion: "1", protonServiceRoleArn: ROLE, spec: ENV_SPEC }));
  await proton.send(new sdk.CreateEnvironmentTemplateCommand({ name: "doomed-env-template" }));
  await proton.send(new sdk.CreateServiceTemplateCommand({ name: "doomed-svc-template" }));
  await proton.send(new sdk.CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source("doomed.tar.gz") }));
  await proton.send(new sdk.CreateServiceTemplateVersionCommand({ templateName: "api-svc", majorVersion: "1", source: source("doomed.tar.gz"), compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }] }));
  await proton.send(new sdk.CreateRepositoryCommand({ provider: "GITHUB", name: "acme/doomed", connectionArn: CONNECTION_ARN }));
  await publishedEnvironmentTemplate("synced-env");
  await proton.send(new sdk.CreateTemplateSyncConfigCommand({ templateName: "synced-env", templateType: "ENVIRONMENT", repositoryProvider: "GITHUB", repositoryName: REPOSITORY.name, branch: "main" }));
  for (const name of ["doomed-svc", "unsynced", "synced"]) {
    await proton.send(
      new sdk.CreateServiceCommand({
        name,
        templateName: "api-svc",
        templateMajorVersion: "1",
        templateMinorVersion: "0",
        spec: serviceSpec([{ name: `${name}-a`, environment: "prod" }]),
        repositoryConnectionArn: CONNECTION_ARN,
        repositoryId: `acme/${name}`,
        branchName: "main",
      }),
    );
  }
  aws.settle();
  await proton.send(new sdk.CreateServiceSyncConfigCommand({ serviceName: "synced", repositoryProvider: "GITHUB", repositoryName: REPOSITORY.name, branch: "main", filePath: "proton-ops.yaml" }));
  aws.settle();
  const { deployments } = await proton.send(new sdk.ListDeploymentsCommand({ environmentName: "prod" }));
  const environmentDeployment = deployments!.find((deployment) => deployment.targetResourceType === "ENVIRONMENT")!;
  const summary = await proton.send(new sdk.GetServiceSyncBlockerSummaryCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
  return { deploymentId: environmentDeployment.id!, connectionId: environmentAccountConnection!.id!, blockerId: summary.serviceSyncBlockerSummary!.latestBlockers![0]!.id! };
}

/**
 * A valid request for each of the 87 operations in `validWorld()`. Deletes name a resource of
 * their own that nothing depends on, so that the valid request can be accepted.
 */
export function validRequests(w: ValidWorld): Record<string, Record<string, unknown>> {
  const envVersion = { templateName: "vpc-env", majorVersion: "1", minorVersion: "1" };
  const svcVersion = { templateName: "api-svc", majorVersion: "1", minorVersion: "1" };
  const syncConfig = { repositoryProvider: "GITHUB", repositoryName: REPOSITORY.name, branch: "main" };
  const tags = [{ key: "team", value: "data" }];
  return {
    AcceptEnvironmentAccountConnection: { id: w.connectionId },
    CancelComponentDeployment: { componentName: "comp" },
    CancelEnvironmentDeployment: { environmentName: "prod" },
    CancelServiceInstanceDeployment: { serviceName: "orders", serviceInstanceName: "api-b" },
    CancelServicePipelineDeployment: { serviceName: "orders" },
    CreateComponent: { name: "new-comp", environmentName: "prod", templateFile: TEMPLATE_FILE, manifest: MANIFEST, description: "d", tags },
    CreateEnvironmentAccountConnection: { managementAccountId: ENV_ACCOUNT, environmentName: "new-env", roleArn: ROLE, tags },
    CreateEnvironment: { name: "new-env", templateName: "vpc-env", templateMajorVersion: "1", spec: ENV_SPEC, protonServiceRoleArn: ROLE, description: "d", tags },
    CreateEnvironmentTemplate: { name: "new-env-template", displayName: "New", description: "d", tags },
    CreateEnvironmentTemplateVersion: { templateName: "vpc-env", majorVersion: "1", source: source("new.tar.gz"), description: "d" },
    CreateRepository: { provider: "GITHUB", name: "acme/new", connectionArn: CONNECTION_ARN, tags },
    CreateService: {
      name: "new-svc",
      templateName: "api-svc",
      templateMajorVersion: "1",
      spec: serviceSpec([{ name: "new-a", environment: "prod" }]),
      repositoryConnectionArn: CONNECTION_ARN,
      repositoryId: "acme/new-svc",
      branchName: "main",
      description: "d",
      tags,
    },
    CreateServiceInstance: { serviceName: "orders", name: "api-c", spec: serviceSpec([{ name: "api-c", environment: "prod" }], false), tags },
    CreateServiceSyncConfig: { serviceName: "unsynced", ...syncConfig, filePath: "other.yaml" },
    CreateServiceTemplate: { name: "new-svc-template", displayName: "New", description: "d", pipelineProvisioning: "CUSTOMER_MANAGED", tags },
    CreateServiceTemplateVersion: { templateName: "api-svc", majorVersion: "1", source: source("new.tar.gz"), compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }], supportedComponentSources: ["DIRECTLY_DEFINED"] },
    CreateTemplateSyncConfig: { templateName: "api-svc", templateType: "SERVICE", ...syncConfig, subdirectory: "svc" },
    DeleteComponent: { name: "doomed-comp" },
    DeleteDeployment: { id: w.deploymentId },
    DeleteEnvironmentAccountConnection: { id: w.connectionId },
    DeleteEnvironment: { name: "doomed-env" },
    DeleteEnvironmentTemplate: { name: "doomed-env-template" },
    DeleteEnvironmentTemplateVersion: { templateName: "vpc-env", majorVersion: "1", minorVersion: "2" },
    DeleteRepository: { provider: "GITHUB", name: "acme/doomed" },
    DeleteService: { name: "doomed-svc" },
    DeleteServiceSyncConfig: { serviceName: "synced" },
    DeleteServiceTemplate: { name: "doomed-svc-template" },
    DeleteServiceTemplateVersion: { templateName: "api-svc", majorVersion: "1", minorVersion: "2" },
    DeleteTemplateSyncConfig: { templateName: "synced-env", templateType: "ENVIRONMENT" },
    GetAccountSettings: {},
    GetComponent: { name: "comp" },
    GetDeployment: { id: w.deploymentId, environmentName: "prod" },
    GetEnvironmentAccountConnection: { id: w.connectionId },
    GetEnvironment: { name: "prod" },
    GetEnvironmentTemplate: { name: "vpc-env" },
    GetEnvironmentTemplateVersion: envVersion,
    GetRepository: REPOSITORY,
    GetRepositorySyncStatus: { ...syncConfig, syncType: "TEMPLATE_SYNC" },
    GetResourcesSummary: {},
    GetService: { name: "orders" },
    GetServiceInstance: { serviceName: "orders", name: "api-a" },
    GetServiceInstanceSyncStatus: { serviceName: "orders", serviceInstanceName: "api-a" },
    GetServiceSyncBlockerSummary: { serviceName: "orders", serviceInstanceName: "api-a" },
    GetServiceSyncConfig: { serviceName: "orders" },
    GetServiceTemplate: { name: "api-svc" },
    GetServiceTemplateVersion: svcVersion,
    GetTemplateSyncConfig: { templateName: "vpc-env", templateType: "ENVIRONMENT" },
    GetTemplateSyncStatus: { templateName: "vpc-env", templateType: "ENVIRONMENT", templateVersion: "1" },
    ListComponentOutputs: { componentName: "comp" },
    ListComponentProvisionedResources: { componentName: "comp" },
    ListComponents: { environmentName: "prod", maxResults: 5 },
    ListDeployments: { serviceName: "orders", serviceInstanceName: "api-a", maxResults: 5 },
    ListEnvironmentAccountConnections: { requestedBy: "MANAGEMENT_ACCOUNT", statuses: ["PENDING"], maxResults: 5 },
    ListEnvironmentOutputs: { environmentName: "prod", deploymentId: w.deploymentId },
    ListEnvironmentProvisionedResources: { environmentName: "prod" },
    ListEnvironmentTemplateVersions: { templateName: "vpc-env", majorVersion: "1", maxResults: 5 },
    ListEnvironmentTemplates: { maxResults: 5 },
    ListEnvironments: { environmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }], maxResults: 5 },
    ListRepositories: { maxResults: 5 },
    ListRepositorySyncDefinitions: { repositoryName: REPOSITORY.name, repositoryProvider: "GITHUB", syncType: "SERVICE_SYNC" },
    ListServiceInstanceOutputs: { serviceName: "orders", serviceInstanceName: "api-a" },
    ListServiceInstanceProvisionedResources: { serviceName: "orders", serviceInstanceName: "api-a" },
    ListServiceInstances: { serviceName: "orders", filters: [{ key: "environmentName", value: "prod" }], sortBy: "createdAt", sortOrder: "DESCENDING", maxResults: 5 },
    ListServicePipelineOutputs: { serviceName: "orders" },
    ListServicePipelineProvisionedResources: { serviceName: "orders" },
    ListServiceTemplateVersions: { templateName: "api-svc", majorVersion: "1", maxResults: 5 },
    ListServiceTemplates: { maxResults: 5 },
    ListServices: { maxResults: 5 },
    ListTagsForResource: { resourceArn: arn("service/orders"), maxResults: 5 },
    NotifyResourceDeploymentStatusChange: { resourceArn: arn("environment/prod"), status: "SUCCEEDED", outputs: [{ key: "vpc", valueString: "vpc-1" }], statusMessage: "done" },
    RejectEnvironmentAccountConnection: { id: w.connectionId },
    TagResource: { resourceArn: arn("service/orders"), tags },
    UntagResource: { resourceArn: arn("service/orders"), tagKeys: ["team"] },
    UpdateAccountSettings: { pipelineServiceRoleArn: ROLE, pipelineProvisioningRepository: { ...REPOSITORY, branch: "main" } },
    UpdateComponent: { name: "comp", deploymentType: "CURRENT_VERSION", description: "d", templateFile: TEMPLATE_FILE },
    UpdateEnvironmentAccountConnection: { id: w.connectionId, roleArn: ROLE },
    UpdateEnvironment: { name: "prod", deploymentType: "CURRENT_VERSION", description: "d", spec: ENV_SPEC },
    UpdateEnvironmentTemplate: { name: "vpc-env", displayName: "VPC", description: "d" },
    UpdateEnvironmentTemplateVersion: { ...envVersion, description: "d", status: "PUBLISHED" },
    UpdateService: { name: "orders", description: "d" },
    UpdateServiceInstance: { serviceName: "orders", name: "api-b", deploymentType: "CURRENT_VERSION" },
    UpdateServicePipeline: { serviceName: "orders", spec: "proton: ServiceSpec\npipeline:\n  unit_test_command: npm test\n", deploymentType: "CURRENT_VERSION" },
    UpdateServiceSyncBlocker: { id: w.blockerId, resolvedReason: "synced by hand" },
    UpdateServiceSyncConfig: { serviceName: "orders", ...syncConfig, filePath: "ops/proton.yaml" },
    UpdateServiceTemplate: { name: "api-svc", displayName: "API", description: "d" },
    UpdateServiceTemplateVersion: { ...svcVersion, description: "d", status: "PUBLISHED", supportedComponentSources: ["DIRECTLY_DEFINED"] },
    UpdateTemplateSyncConfig: { templateName: "vpc-env", templateType: "ENVIRONMENT", ...syncConfig, subdirectory: "env" },
  };
}

/** Create operations and the member holding the new resource's name. */
export const VALID_CREATES: Readonly<Record<string, string>> = {
  CreateComponent: "name",
  CreateEnvironment: "name",
  CreateEnvironmentTemplate: "name",
  CreateRepository: "name",
  CreateService: "name",
  CreateServiceInstance: "name",
  CreateServiceTemplate: "name",
};
