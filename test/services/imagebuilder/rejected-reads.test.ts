import {
  GetImageCommand,
  InvalidPaginationTokenException,
  ListImageBuildVersionsCommand,
  ListImagePipelineImagesCommand,
  ListLifecycleExecutionResourcesCommand,
  ListLifecycleExecutionsCommand,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
  StartResourceStateUpdateCommand,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, createPipeline, createWorkflow, ib, pollImage, startImage, waitingStepOf } from "./fixtures.js";

/** A token no page of any request ever issued. */
const FOREIGN_TOKEN = Buffer.from(JSON.stringify({ v: 1, s: "elsewhere", k: "a", i: "x" })).toString("base64url");
const BAD_TOKENS = ["not-a-token", FOREIGN_TOKEN];

/** Every process in progress and its state, read without moving anything. */
const states = () => aws.running().map((p) => `${p.kind} ${JSON.stringify(p.attributes)} ${p.state}`);

/** What a build shows: its status and each workflow step's status (reads: they move it on afterwards). */
async function progressOf(imageArn: string): Promise<string[]> {
  const status = (await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image!.state!.status!;
  const { workflowExecutions } = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }));
  const steps: string[] = [];
  for (const execution of workflowExecutions ?? []) {
    const listed = await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: execution.workflowExecutionId }));
    steps.push(...(listed.steps ?? []).map((s) => `${s.name}:${s.status}`));
  }
  return [status, ...steps];
}

describe("Image Builder reads refused for a bad page token", () => {
  it("ListImageBuildVersions, ListWorkflowExecutions and ListWorkflowStepExecutions move nothing", async () => {
    // Two builds made and read alike; only the first gets the refused reads.
    const tried = await startImage({ recipeName: "tried" });
    const control = await startImage({ recipeName: "control" });
    for (const imageArn of [tried, control]) await pollImage(imageArn, ["BUILDING"]);
    const { workflowExecutions } = await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: tried }));
    await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: control }));
    const workflowExecutionId = workflowExecutions![0]!.workflowExecutionId!;

    for (const nextToken of BAD_TOKENS) {
      const refused = [
        new ListImageBuildVersionsCommand({ imageVersionArn: arn("image/tried/1.0.0"), nextToken }),
        new ListWorkflowExecutionsCommand({ imageBuildVersionArn: tried, nextToken }),
        new ListWorkflowStepExecutionsCommand({ workflowExecutionId, nextToken }),
      ];
      for (const command of refused) expect(await rejectionOf(ib.send(command as never)), command.constructor.name).toBeInstanceOf(InvalidPaginationTokenException);
    }
    const seen = await progressOf(tried);
    expect(seen[0]).toBe("BUILDING");
    expect(seen).toEqual(await progressOf(control));
  });

  it("ListWaitingWorkflowSteps, ListLifecycleExecutions, ListLifecycleExecutionResources and ListImagePipelineImages move nothing", async () => {
    // A lifecycle execution in progress, on an image built first.
    const aging = await startImage({ recipeName: "aging" });
    aws.settle();
    const { lifecycleExecutionId } = await ib.send(new StartResourceStateUpdateCommand({ resourceArn: aging, state: { status: "DEPRECATED" } }));
    // A pipeline build in progress.
    const { pipeline } = await createPipeline("nightly");
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }));
    // A build waiting in a WaitForAction step past its timeout: the next read of it ends the wait.
    const waiting = await startImage({ recipeName: "waiting", workflows: [{ workflowArn: await createWorkflow("approval") }] });
    await waitingStepOf(waiting);
    aws.clock.advance(2 * 3_600_000);

    const before = states();
    expect(before).toHaveLength(3);
    for (const nextToken of BAD_TOKENS) {
      const refused = [
        new ListWaitingWorkflowStepsCommand({ nextToken }),
        new ListLifecycleExecutionsCommand({ resourceArn: aging, nextToken }),
        new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId, nextToken }),
        new ListImagePipelineImagesCommand({ imagePipelineArn: pipeline, nextToken }),
      ];
      for (const command of refused) {
        expect(await rejectionOf(ib.send(command as never)), command.constructor.name).toBeInstanceOf(InvalidPaginationTokenException);
        expect(states(), `${command.constructor.name} with a bad token moved something`).toEqual(before);
      }
    }
    // The same reads, accepted, do move what they list.
    await ib.send(new ListWaitingWorkflowStepsCommand({}));
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: waiting }))).image!.state!.status).toBe("FAILED");
  });
});
