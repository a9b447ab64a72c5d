import * as sdk from "@aws-sdk/client-imagebuilder";
import { IdempotentParameterMismatchException } from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import {
  arn,
  COMPONENT_DOC,
  createComponent,
  createDistribution,
  createInfrastructure,
  createPipeline,
  createRecipe,
  createWorkflow,
  ib,
  startImage,
  waitingStepOf,
  WAITING_BUILD_WORKFLOW,
} from "./fixtures.js";

type Input = Record<string, unknown>;

interface TokenCase {
  /** Builds what the call needs and returns its input (without a token). */
  setup(): Promise<Input>;
  /** The same input with one parameter changed. */
  change(input: Input): Input;
  /** The member of the output that names what the call acted on. */
  key: string;
  /** The operation's validation error (for the token length rule). */
  validation?: string;
}

async function availableImage(name: string): Promise<string> {
  const image = await startImage({ recipeName: name });
  aws.settle();
  return image;
}

const POLICY_INPUT = {
  executionRole: "LifecycleRole",
  resourceType: "AMI_IMAGE",
  policyDetails: [{ action: { type: "DELETE" }, filter: { type: "COUNT", value: 5 } }],
  resourceSelection: { tagMap: { env: "dev" } },
};

/** The 23 operations with a client token (service-semantics 1.C), each with a request and a variant of it. */
const CASES: Record<string, TokenCase> = {
  CancelImageCreation: {
    setup: async () => ({ imageBuildVersionArn: await startImage({ recipeName: "cancel" }) }),
    change: () => ({ imageBuildVersionArn: arn("image/other/1.0.0/1") }),
    key: "imageBuildVersionArn",
  },
  CancelLifecycleExecution: {
    async setup() {
      const image = await availableImage("lce");
      aws.lifecycle("ImageBuilder.LifecycleExecution").staysIn("PENDING");
      const { lifecycleExecutionId } = await ib.send(new sdk.StartResourceStateUpdateCommand({ resourceArn: image, state: { status: "DISABLED" } }));
      return { lifecycleExecutionId };
    },
    change: () => ({ lifecycleExecutionId: "lce-00000000-0000-0000-0000-000000000000" }),
    key: "lifecycleExecutionId",
  },
  CreateComponent: {
    setup: async () => ({ name: "comp", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC }),
    change: (input) => ({ ...input, description: "other" }),
    key: "componentBuildVersionArn",
  },
  CreateContainerRecipe: {
    setup: async () => ({
      containerType: "DOCKER",
      name: "container",
      semanticVersion: "1.0.0",
      parentImage: "amazonlinux:2023",
      components: [{ componentArn: await createComponent("container-comp") }],
      dockerfileTemplateData: "FROM {{{ imagebuilder:parentImage }}}",
      targetRepository: { service: "ECR", repositoryName: "repo" },
    }),
    change: (input) => ({ ...input, workingDirectory: "/opt" }),
    key: "containerRecipeArn",
  },
  CreateDistributionConfiguration: {
    setup: async () => ({ name: "dist", distributions: [{ region: "us-east-1" }] }),
    change: (input) => ({ ...input, distributions: [{ region: "us-west-2" }] }),
    key: "distributionConfigurationArn",
  },
  CreateImage: {
    setup: async () => ({ imageRecipeArn: await createRecipe("image"), infrastructureConfigurationArn: await createInfrastructure("image-infra") }),
    change: (input) => ({ ...input, imageTestsConfiguration: { imageTestsEnabled: false } }),
    key: "imageBuildVersionArn",
  },
  CreateImagePipeline: {
    setup: async () => ({ name: "pipeline", imageRecipeArn: await createRecipe("pipeline"), infrastructureConfigurationArn: await createInfrastructure("pipeline-infra") }),
    change: (input) => ({ ...input, status: "DISABLED" }),
    key: "imagePipelineArn",
  },
  CreateImageRecipe: {
    setup: async () => ({ name: "recipe", semanticVersion: "1.0.0", parentImage: "ami-0abc", components: [{ componentArn: await createComponent("recipe-comp") }] }),
    change: (input) => ({ ...input, semanticVersion: "1.0.1" }),
    key: "imageRecipeArn",
  },
  CreateInfrastructureConfiguration: {
    setup: async () => ({ name: "infra", instanceProfileName: "profile" }),
    change: (input) => ({ ...input, instanceProfileName: "other-profile" }),
    key: "infrastructureConfigurationArn",
  },
  CreateLifecyclePolicy: {
    setup: async () => ({ name: "policy", ...POLICY_INPUT }),
    change: (input) => ({ ...input, status: "DISABLED" }),
    key: "lifecyclePolicyArn",
  },
  CreateWorkflow: {
    setup: async () => ({ name: "workflow", semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW }),
    change: (input) => ({ ...input, type: "TEST" }),
    key: "workflowBuildVersionArn",
  },
  DistributeImage: {
    setup: async () => ({ sourceImage: await availableImage("distribute"), distributionConfigurationArn: await createDistribution("more"), executionRole: "DistributionRole" }),
    change: (input) => ({ ...input, executionRole: "OtherRole" }),
    key: "imageBuildVersionArn",
  },
  ImportComponent: {
    setup: async () => ({ name: "imported", semanticVersion: "1.0.0", type: "BUILD", format: "SHELL", platform: "Linux", data: "echo hi" }),
    change: (input) => ({ ...input, data: "echo bye" }),
    key: "componentBuildVersionArn",
  },
  ImportDiskImage: {
    setup: async () => ({ name: "iso", semanticVersion: "1.0.0", platform: "Windows", osVersion: "Microsoft Windows 11", infrastructureConfigurationArn: await createInfrastructure("iso-infra"), uri: "s3://isos/w.iso" }),
    change: (input) => ({ ...input, uri: "s3://isos/other.iso" }),
    key: "imageBuildVersionArn",
    validation: "ClientException",
  },
  ImportVmImage: {
    setup: async () => ({ name: "vm", semanticVersion: "1.0.0", platform: "Linux", vmImportTaskId: "import-ami-0123456789abcdef0" }),
    change: (input) => ({ ...input, osVersion: "Ubuntu 22" }),
    key: "imageArn",
    validation: "ClientException",
  },
  RetryImage: {
    async setup() {
      aws.lifecycle("ImageBuilder.Image").endsIn("FAILED", { after: "DISTRIBUTING", times: 1 });
      return { imageBuildVersionArn: await availableImage("retry") };
    },
    change: () => ({ imageBuildVersionArn: arn("image/other/1.0.0/1") }),
    key: "imageBuildVersionArn",
  },
  SendWorkflowStepAction: {
    async setup() {
      const image = await startImage({ recipeName: "action", workflows: [{ workflowArn: await createWorkflow("action") }] });
      return { stepExecutionId: await waitingStepOf(image), imageBuildVersionArn: image, action: "RESUME" };
    },
    change: (input) => ({ ...input, action: "STOP" }),
    key: "stepExecutionId",
    validation: "InvalidParameterValueException",
  },
  StartImagePipelineExecution: {
    setup: async () => ({ imagePipelineArn: (await createPipeline("start")).pipeline }),
    change: (input) => ({ ...input, tags: { run: "2" } }),
    key: "imageBuildVersionArn",
  },
  StartResourceStateUpdate: {
    setup: async () => ({ resourceArn: await availableImage("state"), state: { status: "DEPRECATED" } }),
    change: (input) => ({ ...input, state: { status: "DISABLED" } }),
    key: "lifecycleExecutionId",
  },
  UpdateDistributionConfiguration: {
    setup: async () => ({ distributionConfigurationArn: await createDistribution("upd-dist"), distributions: [{ region: "us-east-1" }] }),
    change: (input) => ({ ...input, description: "changed" }),
    key: "distributionConfigurationArn",
  },
  UpdateImagePipeline: {
    async setup() {
      const { pipeline, recipe, infra } = await createPipeline("upd-pipe");
      return { imagePipelineArn: pipeline, imageRecipeArn: recipe, infrastructureConfigurationArn: infra };
    },
    change: (input) => ({ ...input, description: "changed" }),
    key: "imagePipelineArn",
  },
  UpdateInfrastructureConfiguration: {
    setup: async () => ({ infrastructureConfigurationArn: await createInfrastructure("upd-infra"), instanceProfileName: "p2" }),
    change: (input) => ({ ...input, instanceProfileName: "p3" }),
    key: "infrastructureConfigurationArn",
  },
  UpdateLifecyclePolicy: {
    async setup() {
      const { lifecyclePolicyArn } = await ib.send(new sdk.CreateLifecyclePolicyCommand({ name: "upd-policy", ...(POLICY_INPUT as Omit<sdk.CreateLifecyclePolicyRequest, "name">) }));
      return { lifecyclePolicyArn, ...POLICY_INPUT };
    },
    change: (input) => ({ ...input, description: "changed" }),
    key: "lifecyclePolicyArn",
  },
};

/** The SDK command of an operation, by name. */
function command(operation: string, input: Input): Parameters<typeof ib.send>[0] {
  const Command = (sdk as unknown as Record<string, new (input: Input) => Parameters<typeof ib.send>[0]>)[`${operation}Command`]!;
  return new Command(input);
}

describe("Image Builder idempotency tokens", () => {
  it("covers the 23 operations that carry a client token", () => {
    expect(Object.keys(CASES)).toHaveLength(23);
  });

  for (const [operation, c] of Object.entries(CASES)) {
    it(`${operation}: the same token and request replays, another request is refused, the token length is checked`, async () => {
      const input = await c.setup();
      const token = `${operation}-token`;
      const first = (await ib.send(command(operation, { ...input, clientToken: token }))) as unknown as Input;
      expect(first[c.key], "first call").toBeDefined();
      const replay = (await ib.send(command(operation, { ...input, clientToken: token }))) as unknown as Input;
      expect(replay[c.key]).toBe(first[c.key]);
      if ("clientToken" in replay) expect(replay.clientToken).toBe(token);

      const mismatch = await rejectionOf(ib.send(command(operation, { ...c.change(input), clientToken: token })));
      expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);
      expect(mismatch.$metadata.httpStatusCode).toBe(400);
      expect(mismatch.message).toContain(token);

      const tooLong = await rejectionOf(ib.send(command(operation, { ...input, clientToken: "x".repeat(65) })));
      expect(tooLong.name).toBe(c.validation ?? "InvalidRequestException");
      expect(tooLong.message).toContain("at 'clientToken' failed to satisfy constraint: Member must have length less than or equal to 64");
    });
  }

  it("accepts 64-character tokens, scopes tokens to one operation, and forgets them after their lifetime", async () => {
    const token = "t".repeat(64);
    const first = await ib.send(new sdk.CreateComponentCommand({ name: "scoped", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC, clientToken: token }));
    // Another operation may use the same token.
    const workflow = await ib.send(new sdk.CreateWorkflowCommand({ name: "scoped", semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW, clientToken: token }));
    expect(workflow.workflowBuildVersionArn).toBe(arn("workflow/build/scoped/1.0.0/1"));
    const empty = await rejectionOf(ib.send(new sdk.CreateComponentCommand({ name: "scoped", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC, clientToken: "" })));
    expect(empty.message).toContain("greater than or equal to 1");
    aws.clock.advance(9 * 60 * 60 * 1000);
    const later = await ib.send(new sdk.CreateComponentCommand({ name: "scoped", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC, description: "new", clientToken: token }));
    expect(later.componentBuildVersionArn).not.toBe(first.componentBuildVersionArn);
  });
});
