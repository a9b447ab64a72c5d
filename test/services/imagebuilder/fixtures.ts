import {
  CreateComponentCommand,
  CreateContainerRecipeCommand,
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  CreateWorkflowCommand,
  GetImageCommand,
  ImagebuilderClient,
  ListWaitingWorkflowStepsCommand,
  type ImageStatus,
  type WorkflowConfiguration,
  type WorkflowType,
} from "@aws-sdk/client-imagebuilder";

/** Shared by the Image Builder tests: one client and small builders for the resources a build needs. */
export const ib = new ImagebuilderClient({});

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const arn = (resource: string) => `arn:aws:imagebuilder:${REGION}:${ACCOUNT}:${resource}`;
export const managedArn = (resource: string) => `arn:aws:imagebuilder:${REGION}:aws:${resource}`;

export const COMPONENT_DOC = `name: hello
description: Says hello
schemaVersion: 1.0
parameters:
  - Greeting:
      type: string
      default: hello
      description: What to say
phases:
  - name: build
    steps:
      - name: SayHello
        action: ExecuteBash
        inputs:
          commands:
            - echo "{{ Greeting }}"
`;

export const TEST_COMPONENT_DOC = `name: check
schemaVersion: 1.0
phases:
  - name: test
    steps:
      - name: Check
        action: ExecuteBash
        inputs:
          commands: ["true"]
`;

/** A build workflow whose second step waits for SendWorkflowStepAction. */
export const WAITING_BUILD_WORKFLOW = `name: approved-build
description: Builds an AMI after an approval
schemaVersion: 1.0
parameters:
  - name: waitForApproval
    type: boolean
    default: true
steps:
  - name: LaunchBuildInstance
    action: LaunchInstance
    onFailure: Abort
    inputs:
      waitFor: "ssmAgent"
  - name: WaitForApproval
    action: WaitForAction
    timeoutSeconds: 3600
    if:
      booleanEquals: true
      value: "$.parameters.waitForApproval"
  - name: ApplyBuildComponents
    action: ExecuteComponents
    inputs:
      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"
  - name: CreateOutputAMI
    action: CreateImage
    inputs:
      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"
  - name: TerminateBuildInstance
    action: TerminateInstance
    onFailure: Continue
    inputs:
      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"
`;

export const SIMPLE_TEST_WORKFLOW = `name: smoke-test
schemaVersion: 1.0
steps:
  - name: LaunchTestInstance
    action: LaunchInstance
  - name: RunTests
    action: ExecuteComponents
  - name: TerminateTestInstance
    action: TerminateInstance
`;

export async function createComponent(name = "hello", version = "1.0.0", data = COMPONENT_DOC): Promise<string> {
  const out = await ib.send(new CreateComponentCommand({ name, semanticVersion: version, platform: "Linux", data }));
  return out.componentBuildVersionArn!;
}

export async function createWorkflow(name: string, type: WorkflowType = "BUILD", data = WAITING_BUILD_WORKFLOW, version = "1.0.0"): Promise<string> {
  const out = await ib.send(new CreateWorkflowCommand({ name, semanticVersion: version, type, data }));
  return out.workflowBuildVersionArn!;
}

export const LINUX_PARENT = managedArn("image/amazon-linux-2023-x86/x.x.x");

export async function createRecipe(name = "my-recipe", version = "1.0.0", componentArn?: string): Promise<string> {
  const component = componentArn ?? (await createComponent(`${name}-component`));
  const out = await ib.send(new CreateImageRecipeCommand({ name, semanticVersion: version, parentImage: LINUX_PARENT, components: [{ componentArn: component }] }));
  return out.imageRecipeArn!;
}

export async function createContainerRecipe(name = "my-container", version = "1.0.0"): Promise<string> {
  const component = await createComponent(`${name}-component`);
  const out = await ib.send(
    new CreateContainerRecipeCommand({
      containerType: "DOCKER",
      name,
      semanticVersion: version,
      parentImage: "amazonlinux:2023",
      components: [{ componentArn: component }],
      dockerfileTemplateData: "FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n",
      targetRepository: { service: "ECR", repositoryName: "my-repo" },
    }),
  );
  return out.containerRecipeArn!;
}

export async function createInfrastructure(name = "infra"): Promise<string> {
  const out = await ib.send(new CreateInfrastructureConfigurationCommand({ name, instanceProfileName: "EC2InstanceProfileForImageBuilder", instanceTypes: ["t3.micro"] }));
  return out.infrastructureConfigurationArn!;
}

export async function createDistribution(name = "dist", regions = ["us-east-1", "eu-west-1"]): Promise<string> {
  const out = await ib.send(
    new CreateDistributionConfigurationCommand({
      name,
      distributions: regions.map((region) => ({ region, amiDistributionConfiguration: { name: "golden {{ imagebuilder:buildDate }}" } })),
    }),
  );
  return out.distributionConfigurationArn!;
}

export async function createPipeline(name = "pipe", options: { workflows?: WorkflowConfiguration[]; tests?: boolean; distribution?: string } = {}): Promise<{ pipeline: string; recipe: string; infra: string }> {
  const recipe = await createRecipe(`${name}-recipe`);
  const infra = await createInfrastructure(`${name}-infra`);
  const out = await ib.send(
    new CreateImagePipelineCommand({
      name,
      imageRecipeArn: recipe,
      infrastructureConfigurationArn: infra,
      distributionConfigurationArn: options.distribution,
      workflows: options.workflows,
      imageTestsConfiguration: { imageTestsEnabled: options.tests ?? true },
    }),
  );
  return { pipeline: out.imagePipelineArn!, recipe, infra };
}

/** Starts a plain AMI build (managed build and test workflows) and returns its ARN. */
export async function startImage(options: { workflows?: WorkflowConfiguration[]; tests?: boolean; recipeName?: string; distribution?: string } = {}): Promise<string> {
  const recipe = await createRecipe(options.recipeName ?? "img-recipe");
  const infra = await createInfrastructure(`${options.recipeName ?? "img"}-infra`);
  const out = await ib.send(
    new CreateImageCommand({
      imageRecipeArn: recipe,
      infrastructureConfigurationArn: infra,
      distributionConfigurationArn: options.distribution,
      workflows: options.workflows,
      imageTestsConfiguration: { imageTestsEnabled: options.tests ?? true },
    }),
  );
  return out.imageBuildVersionArn!;
}

/** Reads the image until it reaches one of `statuses` (at most `limit` reads); returns the status seen and the reads used. */
export async function pollImage(imageArn: string, statuses: readonly ImageStatus[], limit = 40): Promise<{ status: ImageStatus; reads: number }> {
  for (let reads = 1; reads <= limit; reads++) {
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    const status = image!.state!.status!;
    if (statuses.includes(status)) return { status, reads };
  }
  throw new Error(`image ${imageArn} did not reach ${statuses.join("/")} in ${limit} reads`);
}

/** Polls the image until one of its steps waits for an action; returns that step's id. */
export async function waitingStepOf(imageArn: string, limit = 20): Promise<string> {
  for (let i = 0; i < limit; i++) {
    const { steps } = await ib.send(new ListWaitingWorkflowStepsCommand({}));
    const step = steps?.find((s) => s.imageBuildVersionArn === imageArn);
    if (step) return step.stepExecutionId!;
    await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
  }
  throw new Error(`no waiting step appeared for ${imageArn}`);
}
