import { ServiceError } from "../../engine/errors.js";
import { defineService } from "../../engine/service.js";
import { ImagebuilderBackend } from "./backend.js";
import { imageLifecycle } from "./builds.js";
import * as components from "./components.js";
import * as containerRecipes from "./container-recipes.js";
import * as distributions from "./distribution-configurations.js";
import * as executions from "./executions.js";
import * as imageRecipes from "./image-recipes.js";
import * as images from "./images.js";
import * as infrastructure from "./infrastructure-configurations.js";
import * as lifecycleExecutions from "./lifecycle-executions.js";
import * as lifecyclePolicies from "./lifecycle-policies.js";
import * as lifecycleRules from "./lifecycle-rules.js";
import * as marketplace from "./marketplace.js";
import * as pipelines from "./pipelines.js";
import * as scans from "./scans.js";
import { fireDueSchedules, type ScheduledWork } from "./schedules.js";
import * as tags from "./tags.js";
import * as workflows from "./workflows.js";

/** What a due schedule starts: a pipeline's scheduled build, a lifecycle policy's daily run. */
const scheduledWork: ScheduledWork = { ...pipelines.scheduledBuilds, runPolicy: lifecycleRules.runLifecyclePolicy };

/**
 * EC2 Image Builder (restJson1): the operation table. Handlers live in one file per resource
 * family. Most operations model InvalidRequestException as their validation error; the few
 * that model another one name it themselves (`validation` in their definition).
 */
export const imagebuilder = defineService<ImagebuilderBackend>({
  serviceId: "imagebuilder",
  sdkPackage: "@aws-sdk/client-imagebuilder",
  namespace: "com.amazonaws.imagebuilder",
  arnService: "imagebuilder",
  protocol: "restJson1",
  errors: {
    validation: "InvalidRequestException",
    throttling: "CallRateLimitExceededException",
    idempotencyMismatch: (operation, token) =>
      new ServiceError(
        "IdempotentParameterMismatchException",
        `The client token '${token}' was already used for a ${operation} request with different parameters. Use a new client token, or repeat the original request exactly.`,
      ),
    invalidPageToken: (message) => new ServiceError("InvalidPaginationTokenException", message),
  },
  lifecycles: [imageLifecycle, lifecycleExecutions.lifecycleExecutionLifecycle],
  createBackend: (scope) => new ImagebuilderBackend(scope),
  // Every call first starts the scheduled pipeline builds and policy runs that have come due (schedules.ts).
  beforeEachOperation: (ctx) => fireDueSchedules(ctx, scheduledWork),
  operations: {
    // Components
    CreateComponent: components.createComponent,
    ImportComponent: components.importComponent,
    GetComponent: components.getComponent,
    DeleteComponent: components.deleteComponent,
    ListComponents: components.listComponents,
    ListComponentBuildVersions: components.listComponentBuildVersions,
    GetComponentPolicy: components.getComponentPolicy,
    PutComponentPolicy: components.putComponentPolicy,
    // Workflows
    CreateWorkflow: workflows.createWorkflow,
    GetWorkflow: workflows.getWorkflow,
    DeleteWorkflow: workflows.deleteWorkflow,
    ListWorkflows: workflows.listWorkflows,
    ListWorkflowBuildVersions: workflows.listWorkflowBuildVersions,
    // Image recipes
    CreateImageRecipe: imageRecipes.createImageRecipe,
    GetImageRecipe: imageRecipes.getImageRecipe,
    DeleteImageRecipe: imageRecipes.deleteImageRecipe,
    ListImageRecipes: imageRecipes.listImageRecipes,
    GetImageRecipePolicy: imageRecipes.getImageRecipePolicy,
    PutImageRecipePolicy: imageRecipes.putImageRecipePolicy,
    // Container recipes
    CreateContainerRecipe: containerRecipes.createContainerRecipe,
    GetContainerRecipe: containerRecipes.getContainerRecipe,
    DeleteContainerRecipe: containerRecipes.deleteContainerRecipe,
    ListContainerRecipes: containerRecipes.listContainerRecipes,
    GetContainerRecipePolicy: containerRecipes.getContainerRecipePolicy,
    PutContainerRecipePolicy: containerRecipes.putContainerRecipePolicy,
    // Infrastructure configurations
    CreateInfrastructureConfiguration: infrastructure.createInfrastructureConfiguration,
    UpdateInfrastructureConfiguration: infrastructure.updateInfrastructureConfiguration,
    GetInfrastructureConfiguration: infrastructure.getInfrastructureConfiguration,
    DeleteInfrastructureConfiguration: infrastructure.deleteInfrastructureConfiguration,
    ListInfrastructureConfigurations: infrastructure.listInfrastructureConfigurations,
    // Distribution configurations
    CreateDistributionConfiguration: distributions.createDistributionConfiguration,
    UpdateDistributionConfiguration: distributions.updateDistributionConfiguration,
    GetDistributionConfiguration: distributions.getDistributionConfiguration,
    DeleteDistributionConfiguration: distributions.deleteDistributionConfiguration,
    ListDistributionConfigurations: distributions.listDistributionConfigurations,
    // Image pipelines
    CreateImagePipeline: pipelines.createImagePipeline,
    UpdateImagePipeline: pipelines.updateImagePipeline,
    GetImagePipeline: pipelines.getImagePipeline,
    DeleteImagePipeline: pipelines.deleteImagePipeline,
    ListImagePipelines: pipelines.listImagePipelines,
    ListImagePipelineImages: pipelines.listImagePipelineImages,
    StartImagePipelineExecution: pipelines.startImagePipelineExecution,
    // Images
    CreateImage: images.createImage,
    GetImage: images.getImage,
    DeleteImage: images.deleteImage,
    ListImages: images.listImages,
    ListImageBuildVersions: images.listImageBuildVersions,
    CancelImageCreation: images.cancelImageCreation,
    RetryImage: images.retryImage,
    DistributeImage: images.distributeImage,
    ListImagePackages: images.listImagePackages,
    GetImagePolicy: images.getImagePolicy,
    PutImagePolicy: images.putImagePolicy,
    ImportVmImage: images.importVmImage,
    ImportDiskImage: images.importDiskImage,
    // Workflow executions
    GetWorkflowExecution: executions.getWorkflowExecution,
    ListWorkflowExecutions: executions.listWorkflowExecutions,
    GetWorkflowStepExecution: executions.getWorkflowStepExecution,
    ListWorkflowStepExecutions: executions.listWorkflowStepExecutions,
    ListWaitingWorkflowSteps: executions.listWaitingWorkflowSteps,
    SendWorkflowStepAction: executions.sendWorkflowStepAction,
    // Lifecycle policies and executions
    CreateLifecyclePolicy: lifecyclePolicies.createLifecyclePolicy,
    UpdateLifecyclePolicy: lifecyclePolicies.updateLifecyclePolicy,
    GetLifecyclePolicy: lifecyclePolicies.getLifecyclePolicy,
    DeleteLifecyclePolicy: lifecyclePolicies.deleteLifecyclePolicy,
    ListLifecyclePolicies: lifecyclePolicies.listLifecyclePolicies,
    StartResourceStateUpdate: lifecycleExecutions.startResourceStateUpdate,
    GetLifecycleExecution: lifecycleExecutions.getLifecycleExecution,
    ListLifecycleExecutions: lifecycleExecutions.listLifecycleExecutions,
    ListLifecycleExecutionResources: lifecycleExecutions.listLifecycleExecutionResources,
    CancelLifecycleExecution: lifecycleExecutions.cancelLifecycleExecution,
    // Scans and Marketplace
    ListImageScanFindings: scans.listImageScanFindings,
    ListImageScanFindingAggregations: scans.listImageScanFindingAggregations,
    GetMarketplaceResource: marketplace.getMarketplaceResource,
    // Tags
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListTagsForResource: tags.listTagsForResource,
  },
});
