import {
  CreateConfigurationCommand,
  CreateWorkflowVersionCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartRunBatchCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
} from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, HELLO_PARAMS, HELLO_ZIP, omics, OUTPUT, ROLE, runCache, runGroup, startRun } from "./helpers.js";

describe("HealthOmics tags", () => {
  it("tags, untags and lists the tags of every taggable resource", async () => {
    const workflowId = await activeWorkflow();
    const version = await omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "v2", definitionZip: HELLO_ZIP() }));
    const batch = await omics.send(new StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } }));
    const configuration = await omics.send(new CreateConfigurationCommand({ name: "net", runConfigurations: { vpcConfig: { securityGroupIds: ["sg-0abc"], subnetIds: ["subnet-0abc1234"] } } }));
    const arns = [
      arn(`workflow/${workflowId}`),
      version.arn!,
      arn(`run/${await startRun({ workflowId })}`),
      arn(`runGroup/${await runGroup()}`),
      arn(`runCache/${await runCache()}`),
      batch.arn!,
      configuration.arn!,
    ];
    for (const resourceArn of arns) {
      const tagged = await omics.send(new TagResourceCommand({ resourceArn, tags: { team: "genomics", stage: "dev" } }));
      expect(tagged.$metadata.httpStatusCode).toBe(204);
      await omics.send(new TagResourceCommand({ resourceArn, tags: { stage: "prod" } }));
      const untagged = await omics.send(new UntagResourceCommand({ resourceArn, tagKeys: ["team"] }));
      expect(untagged.$metadata.httpStatusCode).toBe(204);
      expect((await omics.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual({ stage: "prod" });
    }
  });

  it("refuses ARNs of missing or untaggable resources, reserved keys and more than 50 tags", async () => {
    const workflowId = await activeWorkflow();
    const resourceArn = arn(`workflow/${workflowId}`);
    const missing = await rejectionOf(omics.send(new ListTagsForResourceCommand({ resourceArn: arn("run/1234567") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const otherRegion = await rejectionOf(omics.send(new ListTagsForResourceCommand({ resourceArn: resourceArn.replace("us-east-1", "eu-west-1") })));
    expect(otherRegion).toBeInstanceOf(ResourceNotFoundException);
    const task = await rejectionOf(omics.send(new ListTagsForResourceCommand({ resourceArn: arn("task/1234567") })));
    expect(task).toBeInstanceOf(ValidationException);
    expect(task.message).toContain("is not the ARN of a taggable HealthOmics resource");
    const notArn = await rejectionOf(omics.send(new TagResourceCommand({ resourceArn: "workflow-1", tags: { a: "b" } })));
    expect(notArn.message).toContain("at 'resourceArn' failed to satisfy constraint");
    const reserved = await rejectionOf(omics.send(new TagResourceCommand({ resourceArn, tags: { "aws:cloudformation:stack-name": "x" } })));
    expect(reserved.message).toContain("reserved for AWS use");

    const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`a${i}`, "v"]));
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`b${i}`, "v"]));
    await omics.send(new TagResourceCommand({ resourceArn, tags: forty }));
    const over = await rejectionOf(omics.send(new TagResourceCommand({ resourceArn, tags: twenty })));
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(over.message).toContain("would have 60 tags");
    const tooMany = await rejectionOf(omics.send(new TagResourceCommand({ resourceArn, tags: { ...forty, ...twenty } })));
    expect(tooMany).toBeInstanceOf(ValidationException);
    expect(tooMany.message).toContain("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    expect(Object.keys((await omics.send(new ListTagsForResourceCommand({ resourceArn }))).tags!)).toHaveLength(40);
  });

  it("an ARN of another partition names another resource", async () => {
    const id = await runGroup();
    const otherPartition = await rejectionOf(omics.send(new TagResourceCommand({ resourceArn: `arn:aws-cn:omics:us-east-1:123456789012:runGroup/${id}`, tags: { x: "y" } })));
    expect(otherPartition).toBeInstanceOf(ResourceNotFoundException);
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: arn(`runGroup/${id}`) }))).tags).not.toHaveProperty("x");
  });
});
