import { ServiceError } from "../../engine/errors.js";
import { defineService } from "../../engine/service.js";
import * as account from "./account.js";
import * as connections from "./account-connections.js";
import { ProtonBackend } from "./backend.js";
import * as components from "./components.js";
import * as deployments from "./deployments.js";
import * as environmentTemplates from "./environment-templates.js";
import * as environments from "./environments.js";
import { LIFECYCLES } from "./processes.js";
import * as repositories from "./repositories.js";
import * as instances from "./service-instances.js";
import * as pipelines from "./service-pipelines.js";
import * as serviceTemplates from "./service-templates.js";
import * as serviceUpdates from "./service-updates.js";
import * as services from "./services.js";
import * as sync from "./sync.js";
import * as tags from "./tags.js";

/** AWS Proton (awsJson1_0): the operation table. Handlers live in one file per resource family. */
export const proton = defineService<ProtonBackend>({
  serviceId: "Proton",
  sdkPackage: "@aws-sdk/client-proton",
  namespace: "com.amazonaws.proton",
  arnService: "proton",
  protocol: "awsJson1_0",
  errors: {
    validation: "ValidationException",
    throttling: "ThrottlingException",
    idempotencyMismatch: (operation, token) =>
      new ServiceError("ValidationException", `IdempotentParameterMismatch: the client token ${token} was already used for a different ${operation} request.`),
  },
  lifecycles: LIFECYCLES,
  createBackend: (scope) => new ProtonBackend(scope),
  operations: {
    // Environment templates and their versions
    CreateEnvironmentTemplate: environmentTemplates.createEnvironmentTemplate,
    GetEnvironmentTemplate: environmentTemplates.getEnvironmentTemplate,
    UpdateEnvironmentTemplate: environmentTemplates.updateEnvironmentTemplate,
    DeleteEnvironmentTemplate: environmentTemplates.deleteEnvironmentTemplate,
    ListEnvironmentTemplates: environmentTemplates.listEnvironmentTemplates,
    CreateEnvironmentTemplateVersion: environmentTemplates.createEnvironmentTemplateVersion,
    GetEnvironmentTemplateVersion: environmentTemplates.getEnvironmentTemplateVersion,
    UpdateEnvironmentTemplateVersion: environmentTemplates.updateEnvironmentTemplateVersion,
    DeleteEnvironmentTemplateVersion: environmentTemplates.deleteEnvironmentTemplateVersion,
    ListEnvironmentTemplateVersions: environmentTemplates.listEnvironmentTemplateVersions,
    // Service templates and their versions
    CreateServiceTemplate: serviceTemplates.createServiceTemplate,
    GetServiceTemplate: serviceTemplates.getServiceTemplate,
    UpdateServiceTemplate: serviceTemplates.updateServiceTemplate,
    DeleteServiceTemplate: serviceTemplates.deleteServiceTemplate,
    ListServiceTemplates: serviceTemplates.listServiceTemplates,
    CreateServiceTemplateVersion: serviceTemplates.createServiceTemplateVersion,
    GetServiceTemplateVersion: serviceTemplates.getServiceTemplateVersion,
    UpdateServiceTemplateVersion: serviceTemplates.updateServiceTemplateVersion,
    DeleteServiceTemplateVersion: serviceTemplates.deleteServiceTemplateVersion,
    ListServiceTemplateVersions: serviceTemplates.listServiceTemplateVersions,
    // Environments
    CreateEnvironment: environments.createEnvironment,
    GetEnvironment: environments.getEnvironment,
    UpdateEnvironment: environments.updateEnvironment,
    DeleteEnvironment: environments.deleteEnvironment,
    ListEnvironments: environments.listEnvironments,
    CancelEnvironmentDeployment: environments.cancelEnvironmentDeployment,
    ListEnvironmentOutputs: environments.listEnvironmentOutputs,
    ListEnvironmentProvisionedResources: environments.listEnvironmentProvisionedResources,
    // Services, their instances and pipelines
    CreateService: services.createService,
    GetService: services.getService,
    UpdateService: serviceUpdates.updateService,
    DeleteService: services.deleteService,
    ListServices: services.listServices,
    CreateServiceInstance: instances.createServiceInstance,
    GetServiceInstance: instances.getServiceInstance,
    UpdateServiceInstance: instances.updateServiceInstance,
    ListServiceInstances: instances.listServiceInstances,
    CancelServiceInstanceDeployment: instances.cancelServiceInstanceDeployment,
    ListServiceInstanceOutputs: instances.listServiceInstanceOutputs,
    ListServiceInstanceProvisionedResources: instances.listServiceInstanceProvisionedResources,
    UpdateServicePipeline: pipelines.updateServicePipeline,
    CancelServicePipelineDeployment: pipelines.cancelServicePipelineDeployment,
    ListServicePipelineOutputs: pipelines.listServicePipelineOutputs,
    ListServicePipelineProvisionedResources: pipelines.listServicePipelineProvisionedResources,
    // Components
    CreateComponent: components.createComponent,
    GetComponent: components.getComponent,
    UpdateComponent: components.updateComponent,
    DeleteComponent: components.deleteComponent,
    ListComponents: components.listComponents,
    CancelComponentDeployment: components.cancelComponentDeployment,
    ListComponentOutputs: components.listComponentOutputs,
    ListComponentProvisionedResources: components.listComponentProvisionedResources,
    // Deployments and self-managed provisioning
    GetDeployment: deployments.getDeployment,
    ListDeployments: deployments.listDeployments,
    DeleteDeployment: deployments.deleteDeployment,
    NotifyResourceDeploymentStatusChange: deployments.notifyResourceDeploymentStatusChange,
    // Environment account connections
    CreateEnvironmentAccountConnection: connections.createEnvironmentAccountConnection,
    GetEnvironmentAccountConnection: connections.getEnvironmentAccountConnection,
    UpdateEnvironmentAccountConnection: connections.updateEnvironmentAccountConnection,
    DeleteEnvironmentAccountConnection: connections.deleteEnvironmentAccountConnection,
    ListEnvironmentAccountConnections: connections.listEnvironmentAccountConnections,
    AcceptEnvironmentAccountConnection: connections.acceptEnvironmentAccountConnection,
    RejectEnvironmentAccountConnection: connections.rejectEnvironmentAccountConnection,
    // Repositories
    CreateRepository: repositories.createRepository,
    GetRepository: repositories.getRepository,
    DeleteRepository: repositories.deleteRepository,
    ListRepositories: repositories.listRepositories,
    GetRepositorySyncStatus: repositories.getRepositorySyncStatus,
    ListRepositorySyncDefinitions: repositories.listRepositorySyncDefinitions,
    // Template sync and service sync
    CreateTemplateSyncConfig: sync.createTemplateSyncConfig,
    GetTemplateSyncConfig: sync.getTemplateSyncConfig,
    UpdateTemplateSyncConfig: sync.updateTemplateSyncConfig,
    DeleteTemplateSyncConfig: sync.deleteTemplateSyncConfig,
    GetTemplateSyncStatus: sync.getTemplateSyncStatus,
    CreateServiceSyncConfig: sync.createServiceSyncConfig,
    GetServiceSyncConfig: sync.getServiceSyncConfig,
    UpdateServiceSyncConfig: sync.updateServiceSyncConfig,
    DeleteServiceSyncConfig: sync.deleteServiceSyncConfig,
    GetServiceInstanceSyncStatus: sync.getServiceInstanceSyncStatus,
    GetServiceSyncBlockerSummary: sync.getServiceSyncBlockerSummary,
    UpdateServiceSyncBlocker: sync.updateServiceSyncBlocker,
    // Account
    GetAccountSettings: account.getAccountSettings,
    UpdateAccountSettings: account.updateAccountSettings,
    GetResourcesSummary: account.getResourcesSummary,
    // Tags
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListTagsForResource: tags.listTagsForResource,
  },
});
