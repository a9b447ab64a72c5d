import {
  CreateImageCommand,
  CreateImagePipelineCommand,
  CreateLifecyclePolicyCommand,
  ListWaitingWorkflowStepsCommand,
  PutComponentPolicyCommand,
  PutContainerRecipePolicyCommand,
  PutImagePolicyCommand,
  PutImageRecipePolicyCommand,
  StartResourceStateUpdateCommand,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { arn, COMPONENT_DOC, createComponent, createContainerRecipe, createDistribution, createInfrastructure, createPipeline, createRecipe, createWorkflow, ib, LINUX_PARENT, SIMPLE_TEST_WORKFLOW, WAITING_BUILD_WORKFLOW, waitingStepOf } from "./fixtures.js";

/**
 * One account with a resource of every kind, and a valid request for each of the 77
 * operations against it, for tests that vary one member at a time (bad-inputs.test.ts).
 */
export interface World {
  component: string;
  workflow: string;
  testWorkflow: string;
  recipe: string;
  containerRecipe: string;
  infrastructure: string;
  distribution: string;
  pipeline: string;
  /** An AVAILABLE image. */
  image: string;
  /** An AVAILABLE image a lifecycle execution is deprecating. */
  deprecating: string;
  lifecycleExecution: string;
  /** An image waiting at a WaitForAction step, and that step. */
  waiting: string;
  waitingStep: string;
  workflowExecution: string;
  lifecyclePolicy: string;
  /** An image whose distribution failed (what RetryImage retries). */
  failedDistribution: string;
  /**
   * One resource of each kind that no other request uses, for the deletes: each delete's
   * valid request removes a resource that exists, and the requests of the other operations
   * (sent in the same world) still find theirs.
   */
  doomed: {
    component: string;
    containerRecipe: string;
    distribution: string;
    image: string;
    pipeline: string;
    recipe: string;
    infrastructure: string;
    lifecyclePolicy: string;
    workflow: string;
  };
}

const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ["111122223333"] }, Action: ["imagebuilder:Get*"] }] });

export async function buildWorld(): Promise<World> {
  const component = await createComponent("world-component");
  const workflow = await createWorkflow("world-build");
  const testWorkflow = await createWorkflow("world-test", "TEST", SIMPLE_TEST_WORKFLOW);
  const { pipeline, recipe, infra: infrastructure } = await createPipeline("world", { tests: false });
  const containerRecipe = await createContainerRecipe("world-container");
  const distribution = await createDistribution("world-dist", ["us-east-1"]);
  const build = () => ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infrastructure }));
  const image = (await build()).imageBuildVersionArn!;
  const deprecating = (await build()).imageBuildVersionArn!;
  const doomedImage = (await build()).imageBuildVersionArn!;
  aws.lifecycle("ImageBuilder.Image", { name: "world-flaky" }).endsIn("FAILED", { after: "DISTRIBUTING", message: "copy failed", times: 1 });
  const flakyRecipe = await createRecipe("world-flaky", "1.0.0", component);
  const failedDistribution = (await ib.send(new CreateImageCommand({ imageRecipeArn: flakyRecipe, infrastructureConfigurationArn: infrastructure, distributionConfigurationArn: distribution }))).imageBuildVersionArn!;
  aws.settle();
  // Policies for the Get*Policy reads to find.
  await ib.send(new PutComponentPolicyCommand({ componentArn: component, policy: POLICY }));
  await ib.send(new PutContainerRecipePolicyCommand({ containerRecipeArn: containerRecipe, policy: POLICY }));
  await ib.send(new PutImagePolicyCommand({ imageArn: image, policy: POLICY }));
  await ib.send(new PutImageRecipePolicyCommand({ imageRecipeArn: recipe, policy: POLICY }));
  const doomedRecipe = await createRecipe("doomed-recipe", "1.0.0", component);
  const doomed = {
    component: await createComponent("doomed-component"),
    containerRecipe: await createContainerRecipe("doomed-container"),
    distribution: await createDistribution("doomed-dist", ["us-east-1"]),
    image: doomedImage,
    pipeline: (await ib.send(new CreateImagePipelineCommand({ name: "doomed-pipeline", imageRecipeArn: doomedRecipe, infrastructureConfigurationArn: infrastructure }))).imagePipelineArn!,
    recipe: await createRecipe("doomed-lone-recipe", "1.0.0", component),
    infrastructure: await createInfrastructure("doomed-infra"),
    lifecyclePolicy: "",
    workflow: await createWorkflow("doomed-workflow"),
  };
  aws.lifecycle("ImageBuilder.LifecycleExecution").staysIn("PENDING");
  const { lifecycleExecutionId } = await ib.send(new StartResourceStateUpdateCommand({ resourceArn: deprecating, state: { status: "DEPRECATED" } }));
  const waiting = (await ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infrastructure, workflows: [{ workflowArn: workflow }] }))).imageBuildVersionArn!;
  const waitingStep = await waitingStepOf(waiting);
  const { steps } = await ib.send(new ListWaitingWorkflowStepsCommand({}));
  // A policy for the requests to use, and one of its own for DeleteLifecyclePolicy.
  const lifecyclePolicy = async (name: string, env: string) =>
    (
      await ib.send(
        new CreateLifecyclePolicyCommand({
          name,
          executionRole: "LifecycleRole",
          resourceType: "AMI_IMAGE",
          policyDetails: [{ action: { type: "DELETE" }, filter: { type: "COUNT", value: 5 } }],
          resourceSelection: { tagMap: { env } },
        }),
      )
    ).lifecyclePolicyArn!;
  const lifecyclePolicyArn = await lifecyclePolicy("world-policy", "dev");
  doomed.lifecyclePolicy = await lifecyclePolicy("doomed-policy", "doomed");
  return {
    failedDistribution,
    doomed,
    component,
    workflow,
    testWorkflow,
    recipe,
    containerRecipe,
    infrastructure,
    distribution,
    pipeline,
    image,
    deprecating,
    lifecycleExecution: lifecycleExecutionId!,
    waiting,
    waitingStep,
    workflowExecution: steps![0]!.workflowExecutionId!,
    lifecyclePolicy: lifecyclePolicyArn!,
  };
}

type Request = Record<string, unknown>;

const LIFECYCLE_POLICY = {
  executionRole: "LifecycleRole",
  resourceType: "AMI_IMAGE",
  policyDetails: [{ action: { type: "DEPRECATE" }, filter: { type: "AGE", value: 30, unit: "DAYS", retainAtLeast: 1 } }],
  resourceSelection: { recipes: [{ name: "world-recipe", semanticVersion: "1.0.0" }] },
};

/** A valid request of every operation (`n` keeps the names of created resources apart). */
export function requestsFor(w: World): Record<string, (n: number) => Request> {
  const build = { imageRecipeArn: w.recipe, infrastructureConfigurationArn: w.infrastructure, distributionConfigurationArn: w.distribution };
  return {
    CancelImageCreation: () => ({ imageBuildVersionArn: w.waiting }),
    CancelLifecycleExecution: () => ({ lifecycleExecutionId: w.lifecycleExecution }),
    CreateComponent: (n) => ({ name: `component-${n}`, semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC, supportedOsVersions: ["Amazon Linux 2023"] }),
    CreateContainerRecipe: (n) => ({
      containerType: "DOCKER",
      name: `container-${n}`,
      semanticVersion: "1.0.0",
      parentImage: "amazonlinux:2023",
      components: [{ componentArn: w.component, parameters: [{ name: "Greeting", value: ["hi"] }] }],
      dockerfileTemplateData: "FROM {{{ imagebuilder:parentImage }}}",
      targetRepository: { service: "ECR", repositoryName: "repo" },
    }),
    CreateDistributionConfiguration: (n) => ({ name: `dist-${n}`, distributions: [{ region: "us-east-1", amiDistributionConfiguration: { name: "ami {{ imagebuilder:buildDate }}" } }] }),
    CreateImage: () => ({ ...build, imageTestsConfiguration: { imageTestsEnabled: false }, workflows: [{ workflowArn: w.workflow, parameters: [{ name: "waitForApproval", value: ["false"] }] }] }),
    CreateImagePipeline: (n) => ({ ...build, name: `pipeline-${n}`, schedule: { scheduleExpression: "cron(0 0 * * ? *)" }, workflows: [{ workflowArn: w.workflow }] }),
    CreateImageRecipe: (n) => ({ name: `recipe-${n}`, semanticVersion: "1.0.0", parentImage: LINUX_PARENT, components: [{ componentArn: w.component }], blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8 } }] }),
    CreateInfrastructureConfiguration: (n) => ({ name: `infra-${n}`, instanceProfileName: "Profile", instanceTypes: ["t3.micro"], placement: { tenancy: "default" } }),
    CreateLifecyclePolicy: (n) => ({ name: `policy-${n}`, ...LIFECYCLE_POLICY }),
    CreateWorkflow: (n) => ({ name: `workflow-${n}`, semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW }),
    DeleteComponent: () => ({ componentBuildVersionArn: w.doomed.component }),
    DeleteContainerRecipe: () => ({ containerRecipeArn: w.doomed.containerRecipe }),
    DeleteDistributionConfiguration: () => ({ distributionConfigurationArn: w.doomed.distribution }),
    DeleteImage: () => ({ imageBuildVersionArn: w.doomed.image }),
    DeleteImagePipeline: () => ({ imagePipelineArn: w.doomed.pipeline }),
    DeleteImageRecipe: () => ({ imageRecipeArn: w.doomed.recipe }),
    DeleteInfrastructureConfiguration: () => ({ infrastructureConfigurationArn: w.doomed.infrastructure }),
    DeleteLifecyclePolicy: () => ({ lifecyclePolicyArn: w.doomed.lifecyclePolicy }),
    DeleteWorkflow: () => ({ workflowBuildVersionArn: w.doomed.workflow }),
    DistributeImage: () => ({ sourceImage: w.image, distributionConfigurationArn: w.distribution, executionRole: "DistributionRole" }),
    GetComponent: () => ({ componentBuildVersionArn: w.component }),
    GetComponentPolicy: () => ({ componentArn: w.component }),
    GetContainerRecipe: () => ({ containerRecipeArn: w.containerRecipe }),
    GetContainerRecipePolicy: () => ({ containerRecipeArn: w.containerRecipe }),
    GetDistributionConfiguration: () => ({ distributionConfigurationArn: w.distribution }),
    GetImage: () => ({ imageBuildVersionArn: w.image }),
    GetImagePipeline: () => ({ imagePipelineArn: w.pipeline }),
    GetImagePolicy: () => ({ imageArn: w.image }),
    GetImageRecipe: () => ({ imageRecipeArn: w.recipe }),
    GetImageRecipePolicy: () => ({ imageRecipeArn: w.recipe }),
    GetInfrastructureConfiguration: () => ({ infrastructureConfigurationArn: w.infrastructure }),
    GetLifecycleExecution: () => ({ lifecycleExecutionId: w.lifecycleExecution }),
    GetLifecyclePolicy: () => ({ lifecyclePolicyArn: w.lifecyclePolicy }),
    GetMarketplaceResource: () => ({ resourceType: "COMPONENT_DATA", resourceArn: "arn:aws:imagebuilder:us-east-1:aws-marketplace:component/product/1.0.0/1" }),
    GetWorkflow: () => ({ workflowBuildVersionArn: w.workflow }),
    GetWorkflowExecution: () => ({ workflowExecutionId: w.workflowExecution }),
    GetWorkflowStepExecution: () => ({ stepExecutionId: w.waitingStep }),
    ImportComponent: (n) => ({ name: `imported-${n}`, semanticVersion: "1.0.0", type: "BUILD", format: "SHELL", platform: "Linux", data: "echo hello" }),
    ImportDiskImage: (n) => ({ name: `iso-${n}`, semanticVersion: "1.0.0", platform: "Windows", osVersion: "Microsoft Windows Server 2022", infrastructureConfigurationArn: w.infrastructure, uri: "s3://bucket/windows.iso" }),
    ImportVmImage: (n) => ({ name: `vm-${n}`, semanticVersion: "1.0.0", platform: "Linux", vmImportTaskId: "import-ami-0123456789abcdef0" }),
    ListComponentBuildVersions: () => ({ componentVersionArn: arn("component/world-component/1.0.0") }),
    ListComponents: () => ({ owner: "Self", filters: [{ name: "name", values: ["world-component"] }], byName: true, maxResults: 5 }),
    ListContainerRecipes: () => ({ owner: "Self", filters: [{ name: "name", values: ["world-container"] }], maxResults: 5 }),
    ListDistributionConfigurations: () => ({ filters: [{ name: "name", values: ["world-dist"] }], maxResults: 5 }),
    ListImageBuildVersions: () => ({ imageVersionArn: arn("image/world-recipe/1.0.0"), filters: [{ name: "platform", values: ["Linux"] }] }),
    ListImagePackages: () => ({ imageBuildVersionArn: w.image }),
    ListImagePipelineImages: () => ({ imagePipelineArn: w.pipeline, filters: [{ name: "version", values: ["1.0.0"] }] }),
    ListImagePipelines: () => ({ filters: [{ name: "name", values: ["world"] }] }),
    ListImageRecipes: () => ({ owner: "Self", filters: [{ name: "name", values: ["world-recipe"] }] }),
    ListImageScanFindingAggregations: () => ({ filter: { name: "imageBuildVersionArn", values: [w.image] } }),
    ListImageScanFindings: () => ({ filters: [{ name: "imageBuildVersionArn", values: [w.image] }] }),
    ListImages: () => ({ owner: "Self", filters: [{ name: "name", values: ["world-recipe"] }], byName: true, includeDeprecated: true }),
    ListInfrastructureConfigurations: () => ({ filters: [{ name: "name", values: ["world-infra"] }] }),
    ListLifecycleExecutionResources: () => ({ lifecycleExecutionId: w.lifecycleExecution, parentResourceId: w.deprecating }),
    ListLifecycleExecutions: () => ({ resourceArn: w.deprecating }),
    ListLifecyclePolicies: () => ({ filters: [{ name: "status", values: ["ENABLED"] }] }),
    ListTagsForResource: () => ({ resourceArn: w.image }),
    ListWaitingWorkflowSteps: () => ({ maxResults: 5 }),
    ListWorkflowBuildVersions: () => ({ workflowVersionArn: arn("workflow/build/world-build/1.x.x") }),
    ListWorkflowExecutions: () => ({ imageBuildVersionArn: w.waiting }),
    ListWorkflowStepExecutions: () => ({ workflowExecutionId: w.workflowExecution }),
    ListWorkflows: () => ({ owner: "Self", filters: [{ name: "type", values: ["BUILD"] }], byName: true }),
    PutComponentPolicy: () => ({ componentArn: w.component, policy: POLICY }),
    PutContainerRecipePolicy: () => ({ containerRecipeArn: w.containerRecipe, policy: POLICY }),
    PutImagePolicy: () => ({ imageArn: w.image, policy: POLICY }),
    PutImageRecipePolicy: () => ({ imageRecipeArn: w.recipe, policy: POLICY }),
    RetryImage: () => ({ imageBuildVersionArn: w.failedDistribution }),
    SendWorkflowStepAction: () => ({ stepExecutionId: w.waitingStep, imageBuildVersionArn: w.waiting, action: "RESUME", reason: "approved" }),
    StartImagePipelineExecution: () => ({ imagePipelineArn: w.pipeline }),
    StartResourceStateUpdate: () => ({ resourceArn: w.image, state: { status: "DEPRECATED" }, updateAt: new Date(Date.now() + 3_600_000) }),
    TagResource: () => ({ resourceArn: w.image, tags: { team: "images" } }),
    UntagResource: () => ({ resourceArn: w.image, tagKeys: ["team"] }),
    UpdateDistributionConfiguration: () => ({ distributionConfigurationArn: w.distribution, distributions: [{ region: "us-east-1", amiDistributionConfiguration: { name: "ami {{ imagebuilder:buildDate }}" } }] }),
    UpdateImagePipeline: () => ({ imagePipelineArn: w.pipeline, imageRecipeArn: w.recipe, infrastructureConfigurationArn: w.infrastructure, imageTestsConfiguration: { imageTestsEnabled: false } }),
    UpdateInfrastructureConfiguration: () => ({ infrastructureConfigurationArn: w.infrastructure, instanceProfileName: "EC2InstanceProfileForImageBuilder", instanceTypes: ["t3.micro"] }),
    UpdateLifecyclePolicy: () => ({ lifecyclePolicyArn: w.lifecyclePolicy, ...LIFECYCLE_POLICY }),
  };
}
