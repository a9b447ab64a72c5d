// An approval gate in an EC2 Image Builder build, end to end on the fake:
//   a BUILD workflow (YAML) with a WaitForAction step, a component, a recipe, an infrastructure
//   configuration and a pipeline; start the pipeline; poll the image and its workflow execution
//   until the build waits at the gate; approve it with SendWorkflowStepAction; poll the image to
//   AVAILABLE; then repeat StartImagePipelineExecution with the same client token, which returns
//   the same image instead of building another.
//
//   node examples/imagebuilder-approval-workflow.mjs
import {
  CreateComponentCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  CreateWorkflowCommand,
  GetImageCommand,
  GetWorkflowExecutionCommand,
  ImagebuilderClient,
  ListImagePipelineImagesCommand,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  SendWorkflowStepActionCommand,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import { mockAws } from "aws-doubles";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";

const BUILD_WORKFLOW = `name: build-with-approval
description: Builds an AMI once a person has approved the build instance
schemaVersion: 1.0

steps:
  - name: LaunchBuildInstance
    action: LaunchInstance
    onFailure: Abort
    inputs:
      waitFor: "ssmAgent"

  - name: ApplyBuildComponents
    action: ExecuteComponents
    onFailure: Abort
    inputs:
      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"

  - name: ApproveBuildInstance
    action: WaitForAction
    timeoutSeconds: 7200

  - name: CreateOutputAMI
    action: CreateImage
    onFailure: Abort
    inputs:
      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"

  - name: TerminateBuildInstance
    action: TerminateInstance
    onFailure: Continue
    inputs:
      instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"
`;

const COMPONENT = `name: install-nginx
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: InstallNginx
        action: ExecuteBash
        inputs:
          commands:
            - sudo dnf install -y nginx
`;

/** Creates everything the pipeline needs and the pipeline itself. */
async function buildPipeline(ib) {
  const { workflowBuildVersionArn } = await ib.send(new CreateWorkflowCommand({ name: "build-with-approval", semanticVersion: "1.0.0", type: "BUILD", data: BUILD_WORKFLOW }));
  const { componentBuildVersionArn } = await ib.send(new CreateComponentCommand({ name: "install-nginx", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT }));
  const { imageRecipeArn } = await ib.send(
    new CreateImageRecipeCommand({
      name: "web-server",
      semanticVersion: "1.0.0",
      parentImage: "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x",
      components: [{ componentArn: componentBuildVersionArn }],
    }),
  );
  const { infrastructureConfigurationArn } = await ib.send(
    new CreateInfrastructureConfigurationCommand({ name: "web-builders", instanceProfileName: "EC2InstanceProfileForImageBuilder", instanceTypes: ["t3.medium"] }),
  );
  const { imagePipelineArn } = await ib.send(
    new CreateImagePipelineCommand({
      name: "web-server",
      imageRecipeArn,
      infrastructureConfigurationArn,
      workflows: [{ workflowArn: workflowBuildVersionArn }],
      imageTestsConfiguration: { imageTestsEnabled: false },
    }),
  );
  return { imagePipelineArn, workflowBuildVersionArn };
}

/** Polls the image and its build workflow until a step waits for an action; returns that step. */
async function waitForGate(ib, imageBuildVersionArn) {
  for (let reads = 1; reads <= 20; reads++) {
    await ib.send(new GetImageCommand({ imageBuildVersionArn }));
    const { workflowExecutions } = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn }));
    const build = workflowExecutions?.find((e) => e.type === "BUILD");
    if (build) {
      const execution = await ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: build.workflowExecutionId }));
      const { steps } = await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: build.workflowExecutionId }));
      const gate = steps?.find((s) => s.action === "WaitForAction" && s.status === "RUNNING");
      if (gate) {
        // Every read moves the build on, so read the image again now that it waits.
        const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn }));
        return { image, execution, gate, reads };
      }
    }
  }
  throw new Error("the build never reached its approval step");
}

/** Polls the image until its build ends. */
async function waitForImage(ib, imageBuildVersionArn) {
  for (let reads = 1; reads <= 20; reads++) {
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn }));
    if (["AVAILABLE", "FAILED", "CANCELLED"].includes(image.state.status)) return { image, reads };
  }
  throw new Error("the image build did not end");
}

export async function main() {
  const aws = mockAws();
  try {
    const ib = new ImagebuilderClient({ region: "us-east-1" });
    const { imagePipelineArn, workflowBuildVersionArn } = await buildPipeline(ib);

    // 1. Start the pipeline with our own client token (so a retry cannot build twice).
    const clientToken = randomUUID();
    const started = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn, clientToken }));
    assert.equal(started.clientToken, clientToken);
    assert.match(started.imageBuildVersionArn, /^arn:aws:imagebuilder:us-east-1:123456789012:image\/web-server\/1\.0\.0\/1$/);

    // 2. Poll until the build waits at the approval gate: the image is BUILDING, the build
    //    workflow RUNNING, and the gate is listed among the waiting steps.
    const { image, execution, gate } = await waitForGate(ib, started.imageBuildVersionArn);
    assert.equal(image.state.status, "BUILDING");
    assert.equal(execution.status, "RUNNING");
    assert.equal(execution.workflowBuildVersionArn, workflowBuildVersionArn);
    assert.equal(gate.name, "ApproveBuildInstance");
    const { steps: waiting } = await ib.send(new ListWaitingWorkflowStepsCommand({}));
    assert.deepEqual(
      waiting.map((s) => [s.stepExecutionId, s.imageBuildVersionArn]),
      [[gate.stepExecutionId, started.imageBuildVersionArn]],
    );

    // 3. Approve: the gate completes and the build goes on to create the AMI.
    const resumed = await ib.send(
      new SendWorkflowStepActionCommand({ stepExecutionId: gate.stepExecutionId, imageBuildVersionArn: started.imageBuildVersionArn, action: "RESUME", reason: "instance reviewed" }),
    );
    assert.equal(resumed.stepExecutionId, gate.stepExecutionId);
    const done = await waitForImage(ib, started.imageBuildVersionArn);
    assert.equal(done.image.state.status, "AVAILABLE");
    assert.ok(done.reads <= 10, `the rest of the build takes a few reads (took ${done.reads})`);
    assert.match(done.image.outputResources.amis[0].image, /^ami-[0-9a-f]{17}$/);
    assert.equal(done.image.sourcePipelineArn, imagePipelineArn);

    const { steps } = await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: execution.workflowExecutionId }));
    assert.deepEqual(
      steps.map((s) => [s.name, s.status]),
      [
        ["LaunchBuildInstance", "COMPLETED"],
        ["ApplyBuildComponents", "COMPLETED"],
        ["ApproveBuildInstance", "COMPLETED"],
        ["CreateOutputAMI", "COMPLETED"],
        ["TerminateBuildInstance", "COMPLETED"],
      ],
    );
    assert.deepEqual(JSON.parse(steps[2].outputs), { action: "RESUME", reason: "instance reviewed" });

    // 4. The same start request with the same token is a retry: same image, no new build.
    const replayed = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn, clientToken }));
    assert.equal(replayed.imageBuildVersionArn, started.imageBuildVersionArn);
    assert.equal(replayed.clientToken, clientToken);
    // No second build was started: the pipeline still has its one image.
    assert.equal(aws.running("ImageBuilder.Image").length, 0);
    const { imageSummaryList } = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn }));
    assert.deepEqual(
      imageSummaryList.map((i) => [i.arn, i.state.status]),
      [[started.imageBuildVersionArn, "AVAILABLE"]],
    );

    return { imageBuildVersionArn: started.imageBuildVersionArn, amis: done.image.outputResources.amis.map((a) => a.image) };
  } finally {
    aws.restore();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await main();
  console.log(`${result.imageBuildVersionArn} is AVAILABLE: ${result.amis.join(", ")}`);
}
