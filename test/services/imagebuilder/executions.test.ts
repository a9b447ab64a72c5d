import {
  GetImageCommand,
  GetWorkflowExecutionCommand,
  GetWorkflowStepExecutionCommand,
  IdempotentParameterMismatchException,
  InvalidParameterValueException,
  InvalidRequestException,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  paginateListWaitingWorkflowSteps,
  paginateListWorkflowExecutions,
  paginateListWorkflowStepExecutions,
  ResourceNotFoundException,
  SendWorkflowStepActionCommand,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, createWorkflow, ib, pollImage, SIMPLE_TEST_WORKFLOW, startImage, waitingStepOf } from "./fixtures.js";

async function stepsOf(imageArn: string, type = "BUILD") {
  const executions = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions!;
  const execution = executions.find((e) => e.type === type)!;
  return (await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: execution.workflowExecutionId }))).steps!;
}

describe("Image Builder workflow executions", () => {
  it("pauses the build at a WaitForAction step until SendWorkflowStepAction RESUME arrives", async () => {
    const workflow = await createWorkflow("approval");
    const imageArn = await startImage({ recipeName: "approved", workflows: [{ workflowArn: workflow }], tests: false });
    const stepId = await waitingStepOf(imageArn);

    const { steps } = await ib.send(new ListWaitingWorkflowStepsCommand({}));
    expect(steps).toEqual([expect.objectContaining({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, workflowBuildVersionArn: workflow, name: "WaitForApproval", action: "WaitForAction" })]);
    // While it waits, reads do not move the image.
    for (let i = 0; i < 5; i++) expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status).toBe("BUILDING");
    const step = await ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId }));
    expect(step).toMatchObject({ status: "RUNNING", action: "WaitForAction", onFailure: "Abort", timeoutSeconds: 3600, imageBuildVersionArn: imageArn, workflowBuildVersionArn: workflow });

    const sent = await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "RESUME", reason: "approved by QA", clientToken: "resume-1" }));
    expect(sent).toMatchObject({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, clientToken: "resume-1" });
    expect((await ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId }))).status).toBe("COMPLETED");
    expect((await ib.send(new ListWaitingWorkflowStepsCommand({}))).steps).toEqual([]);
    // Replaying the same action is answered from the token; a changed request with it is refused.
    expect((await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "RESUME", reason: "approved by QA", clientToken: "resume-1" }))).stepExecutionId).toBe(stepId);
    expect(await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "STOP", clientToken: "resume-1" })))).toBeInstanceOf(
      IdempotentParameterMismatchException,
    );
    // A new action on a step already actioned fails.
    const late = await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "RESUME" })));
    expect(late).toBeInstanceOf(InvalidRequestException);
    expect(late.message).toContain("no longer accepts an action");

    expect((await pollImage(imageArn, ["AVAILABLE", "FAILED"])).status).toBe("AVAILABLE");
    const done = await stepsOf(imageArn);
    expect(done.map((s) => [s.name, s.status])).toEqual([
      ["LaunchBuildInstance", "COMPLETED"],
      ["WaitForApproval", "COMPLETED"],
      ["ApplyBuildComponents", "COMPLETED"],
      ["CreateOutputAMI", "COMPLETED"],
      ["TerminateBuildInstance", "COMPLETED"],
    ]);
    expect(JSON.parse(done[1]!.outputs!)).toEqual({ action: "RESUME", reason: "approved by QA" });
    const instanceId = JSON.parse(done[0]!.outputs!).instanceId as string;
    expect(instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(JSON.parse(done[2]!.inputs!)).toEqual({ "instanceId.$": "$.stepOutputs.LaunchBuildInstance.instanceId" });
    // The AMI the build workflow created is the build Region's output.
    const amiId = JSON.parse(done[3]!.outputs!).imageId as string;
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.outputResources?.amis?.[0]?.image).toBe(amiId);
  });

  it("STOP fails the waiting step, and its onFailure (Abort) fails the workflow and the image", async () => {
    const workflow = await createWorkflow("stoppable");
    const imageArn = await startImage({ recipeName: "stopped", workflows: [{ workflowArn: workflow }] });
    const stepId = await waitingStepOf(imageArn);
    await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "STOP", reason: "rejected" }));
    const step = await ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId }));
    expect(step).toMatchObject({ status: "FAILED", message: "Stopped: rejected" });
    expect((await pollImage(imageArn, ["AVAILABLE", "FAILED"])).status).toBe("FAILED");
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    expect(image?.state?.reason).toContain("rejected");
    const [execution] = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions!;
    expect(execution).toMatchObject({ status: "FAILED", totalStepCount: 5, totalStepsSucceeded: 1, totalStepsFailed: 1, totalStepsSkipped: 3 });
    expect(execution!.totalStepCount).toBe(execution!.totalStepsSucceeded! + execution!.totalStepsFailed! + execution!.totalStepsSkipped!);
  });

  it("checks SendWorkflowStepAction's step, image and action", async () => {
    const workflow = await createWorkflow("checked");
    const imageArn = await startImage({ recipeName: "checked", workflows: [{ workflowArn: workflow }] });
    const stepId = await waitingStepOf(imageArn);
    const wrongImage = await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: arn("image/other/1.0.0/1"), action: "RESUME" })));
    expect(wrongImage).toBeInstanceOf(InvalidParameterValueException);
    expect(wrongImage.message).toContain("belongs to the image");
    const missing = await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: "step-00000000-0000-0000-0000-000000000000", imageBuildVersionArn: imageArn, action: "RESUME" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const action = await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "PAUSE" as never })));
    expect(action).toBeInstanceOf(InvalidParameterValueException);
    expect(action.message).toContain("enum value set: [RESUME, STOP]");
    const badId = await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: "step-1", imageBuildVersionArn: imageArn, action: "RESUME" })));
    expect(badId.message).toContain("'stepExecutionId' failed to satisfy constraint");
    const launch = (await stepsOf(imageArn))[0]!;
    const notWaiting = await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: launch.stepExecutionId, imageBuildVersionArn: imageArn, action: "RESUME" })));
    expect(notWaiting).toBeInstanceOf(InvalidRequestException);
    expect(notWaiting.message).toContain("only WaitForAction steps");
  });

  it("times a waiting step out after timeoutSeconds of virtual time; settle() ends waits the same way", async () => {
    const workflow = await createWorkflow("timed");
    const imageArn = await startImage({ recipeName: "timed", workflows: [{ workflowArn: workflow }] });
    const stepId = await waitingStepOf(imageArn);
    aws.clock.advance(3_600_000);
    expect((await pollImage(imageArn, ["FAILED", "AVAILABLE"])).status).toBe("FAILED");
    const step = await ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId }));
    expect(step.status).toBe("FAILED");
    expect(step.message).toContain("timed out after 3600 seconds");
    const late = await rejectionOf(ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "RESUME" })));
    expect(late.message).toContain("has timed out");

    const settled = await startImage({ recipeName: "settled", workflows: [{ workflowArn: workflow }] });
    await waitingStepOf(settled);
    aws.settle();
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: settled }))).image?.state?.status).toBe("FAILED");
    expect((await ib.send(new ListWaitingWorkflowStepsCommand({}))).steps).toEqual([]);
  });

  it("skips steps whose condition is false (workflow parameters) and records why", async () => {
    const workflow = await createWorkflow("conditional");
    const imageArn = await startImage({ recipeName: "no-wait", workflows: [{ workflowArn: workflow, parameters: [{ name: "waitForApproval", value: ["false"] }] }], tests: false });
    expect((await pollImage(imageArn, ["AVAILABLE", "FAILED"])).status).toBe("AVAILABLE");
    const steps = await stepsOf(imageArn);
    const skipped = steps.find((s) => s.name === "WaitForApproval")!;
    expect(skipped.status).toBe("SKIPPED");
    expect(skipped.startTime).toBe(skipped.endTime);
    expect(skipped.message).toContain("condition");
  });

  it("continues past a failed step whose onFailure is Continue, and past a workflow whose onFailure is CONTINUE", async () => {
    const doc = `name: tolerant
steps:
  - name: Launch
    action: LaunchInstance
  - name: MaybeWait
    action: WaitForAction
    onFailure: Continue
  - name: Finish
    action: TerminateInstance
`;
    const tolerant = await createWorkflow("tolerant", "BUILD", doc);
    const imageArn = await startImage({ recipeName: "tolerant", workflows: [{ workflowArn: tolerant }], tests: false });
    const stepId = await waitingStepOf(imageArn);
    await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: imageArn, action: "STOP" }));
    expect((await pollImage(imageArn, ["AVAILABLE", "FAILED"])).status).toBe("AVAILABLE");
    const [execution] = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions!;
    expect(execution).toMatchObject({ status: "COMPLETED", totalStepsFailed: 1, totalStepsSucceeded: 2 });

    const failingTest = await createWorkflow("failing-test", "TEST", `steps:\n  - name: Gate\n    action: WaitForAction\n    timeoutSeconds: 60\n`);
    const build = await createWorkflow("plain-build", "BUILD", SIMPLE_TEST_WORKFLOW);
    const lenient = await startImage({ recipeName: "lenient", workflows: [{ workflowArn: build }, { workflowArn: failingTest, onFailure: "CONTINUE" }] });
    aws.settle();
    const lenientImage = (await ib.send(new GetImageCommand({ imageBuildVersionArn: lenient }))).image!;
    expect(lenientImage.state?.status).toBe("AVAILABLE");
    const executions = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: lenient }))).workflowExecutions!;
    expect(executions.map((e) => `${e.type}:${e.status}`)).toEqual(["BUILD:COMPLETED", "TEST:FAILED"]);
  });

  it("runs test workflows of one parallel group together", async () => {
    const build = await createWorkflow("group-build", "BUILD", SIMPLE_TEST_WORKFLOW);
    const tests = [await createWorkflow("t-one", "TEST", SIMPLE_TEST_WORKFLOW), await createWorkflow("t-two", "TEST", SIMPLE_TEST_WORKFLOW), await createWorkflow("t-three", "TEST", SIMPLE_TEST_WORKFLOW)];
    const imageArn = await startImage({
      recipeName: "grouped",
      workflows: [{ workflowArn: build }, { workflowArn: tests[0], parallelGroup: "smoke" }, { workflowArn: tests[1], parallelGroup: "smoke" }, { workflowArn: tests[2] }],
    });
    await pollImage(imageArn, ["TESTING"]);
    const running = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions!.filter((e) => e.type === "TEST");
    expect(running.map((e) => [e.workflowBuildVersionArn, e.status, e.parallelGroup])).toEqual([
      [tests[0], "RUNNING", "smoke"],
      [tests[1], "RUNNING", "smoke"],
    ]);
    expect((await pollImage(imageArn, ["AVAILABLE", "FAILED"])).status).toBe("AVAILABLE");
    const all = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions!;
    expect(all.map((e) => e.status)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED"]);
  });

  it("gets and lists executions and steps with their ids, timings and paginators", async () => {
    const imageArn = await startImage({ recipeName: "listing" });
    aws.settle();
    const executions: string[] = [];
    for await (const page of paginateListWorkflowExecutions({ client: ib, pageSize: 1 }, { imageBuildVersionArn: imageArn })) executions.push(...page.workflowExecutions!.map((e) => e.workflowExecutionId!));
    expect(executions).toHaveLength(2);
    expect(executions[0]).toMatch(/^wf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const execution = await ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: executions[0] }));
    expect(execution).toMatchObject({ workflowExecutionId: executions[0], imageBuildVersionArn: imageArn, type: "BUILD", status: "COMPLETED", totalStepCount: 7 });
    expect(Date.parse(execution.endTime!)).toBeGreaterThanOrEqual(Date.parse(execution.startTime!));

    const steps: string[] = [];
    for await (const page of paginateListWorkflowStepExecutions({ client: ib, pageSize: 3 }, { workflowExecutionId: executions[0] })) steps.push(...page.steps!.map((s) => s.name!));
    expect(steps).toEqual(["LaunchBuildInstance", "ApplyBuildComponents", "InventoryCollection", "RunSanitizeScript", "RunSysPrepScript", "CreateOutputAMI", "TerminateBuildInstance"]);
    const listed = await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: executions[0] }));
    expect(listed).toMatchObject({ workflowExecutionId: executions[0], imageBuildVersionArn: imageArn, workflowBuildVersionArn: execution.workflowBuildVersionArn });
    const sysprep = listed.steps!.find((s) => s.name === "RunSysPrepScript")!;
    expect(sysprep).toMatchObject({ status: "SKIPPED", action: "RunSysPrep" });
    expect(sysprep.stepExecutionId).toMatch(/^step-[0-9a-f-]{36}$/);

    expect(await rejectionOf(ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: "wf-00000000-0000-0000-0000-000000000000" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: "step-00000000-0000-0000-0000-000000000000" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: "wf-00000000-0000-0000-0000-000000000000" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn("image/none/1.0.0/1") })))).toBeInstanceOf(ResourceNotFoundException);
    const badId = await rejectionOf(ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: "execution-1" })));
    expect(badId).toBeInstanceOf(InvalidRequestException);
    const token = await rejectionOf(ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: executions[0], nextToken: "bogus" })));
    expect(token.name).toBe("InvalidPaginationTokenException");
  });

  it("reading a workflow execution moves its build on, and lists the steps of every waiting build", async () => {
    const workflow = await createWorkflow("pollable");
    const images = [await startImage({ recipeName: "w-one", workflows: [{ workflowArn: workflow }] }), await startImage({ recipeName: "w-two", workflows: [{ workflowArn: workflow }] })];
    for (const image of images) await waitingStepOf(image);
    const waiting: string[] = [];
    for await (const page of paginateListWaitingWorkflowSteps({ client: ib, pageSize: 1 }, {})) waiting.push(...page.steps!.map((s) => s.imageBuildVersionArn!));
    expect(waiting).toEqual(images);

    const executionId = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: images[0] }))).workflowExecutions![0]!.workflowExecutionId!;
    const stepId = await waitingStepOf(images[0]!);
    await ib.send(new SendWorkflowStepActionCommand({ stepExecutionId: stepId, imageBuildVersionArn: images[0], action: "RESUME" }));
    let status: string | undefined;
    for (let i = 0; i < 10 && status !== "COMPLETED"; i++) status = (await ib.send(new GetWorkflowExecutionCommand({ workflowExecutionId: executionId }))).status;
    expect(status).toBe("COMPLETED");
  });
});
