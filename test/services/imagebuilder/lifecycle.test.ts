import {
  CancelLifecycleExecutionCommand,
  CreateImageCommand,
  CreateLifecyclePolicyCommand,
  DeleteLifecyclePolicyCommand,
  GetImageCommand,
  GetLifecycleExecutionCommand,
  GetLifecyclePolicyCommand,
  InvalidRequestException,
  ListLifecycleExecutionResourcesCommand,
  ListLifecycleExecutionsCommand,
  ListLifecyclePoliciesCommand,
  paginateListLifecyclePolicies,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  StartResourceStateUpdateCommand,
  TagResourceCommand,
  UpdateLifecyclePolicyCommand,
  type CreateLifecyclePolicyRequest,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, createDistribution, createInfrastructure, createRecipe, ib, startImage } from "./fixtures.js";

const POLICY: CreateLifecyclePolicyRequest = {
  name: "Keep Recent",
  description: "deprecate old AMIs",
  executionRole: "arn:aws:iam::123456789012:role/ImageBuilderLifecycle",
  resourceType: "AMI_IMAGE",
  policyDetails: [
    { action: { type: "DEPRECATE" }, filter: { type: "AGE", value: 30, unit: "DAYS", retainAtLeast: 2 } },
    { action: { type: "DELETE", includeResources: { amis: true, snapshots: true } }, filter: { type: "COUNT", value: 10 }, exclusionRules: { tagMap: { keep: "true" } } },
  ],
  resourceSelection: { recipes: [{ name: "my-recipe", semanticVersion: "1.0.0" }] },
  tags: { team: "ops" },
};

describe("Image Builder lifecycle policies", () => {
  it("creates, gets and lists a policy, with Dates for its timestamps", async () => {
    const created = await ib.send(new CreateLifecyclePolicyCommand({ ...POLICY, clientToken: "lp-1" }));
    expect(created).toMatchObject({ lifecyclePolicyArn: arn("lifecycle-policy/keep-recent"), clientToken: "lp-1" });
    const { lifecyclePolicy } = await ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: created.lifecyclePolicyArn }));
    expect(lifecyclePolicy).toMatchObject({ name: "Keep Recent", status: "ENABLED", resourceType: "AMI_IMAGE", policyDetails: POLICY.policyDetails, resourceSelection: POLICY.resourceSelection, tags: { team: "ops" } });
    expect(lifecyclePolicy?.dateCreated).toBeInstanceOf(Date);
    expect(await rejectionOf(ib.send(new CreateLifecyclePolicyCommand(POLICY)))).toBeInstanceOf(ResourceAlreadyExistsException);

    await ib.send(new CreateLifecyclePolicyCommand({ ...POLICY, name: "another", status: "DISABLED" }));
    const names: string[] = [];
    for await (const page of paginateListLifecyclePolicies({ client: ib, pageSize: 1 }, {})) names.push(...page.lifecyclePolicySummaryList!.map((p) => p.name!));
    expect(names).toEqual(["another", "Keep Recent"]);
    const disabled = await ib.send(new ListLifecyclePoliciesCommand({ filters: [{ name: "status", values: ["DISABLED"] }] }));
    expect(disabled.lifecyclePolicySummaryList?.map((p) => p.name)).toEqual(["another"]);
    // The API reference spells these two filter names Name and Status: both spellings work.
    const named = await ib.send(new ListLifecyclePoliciesCommand({ filters: [{ name: "Name", values: ["Keep Recent"] }, { name: "Status", values: ["ENABLED"] }] }));
    expect(named.lifecyclePolicySummaryList?.map((p) => p.name)).toEqual(["Keep Recent"]);
    const unknown = await rejectionOf(ib.send(new ListLifecyclePoliciesCommand({ filters: [{ name: "resourceType", values: ["AMI_IMAGE"] }] })));
    expect(unknown).toBeInstanceOf(InvalidRequestException);
    expect(unknown.message).toContain("use one of: name, status, Name, Status");
  });

  it("checks the rules that tie a policy's members together", async () => {
    const cases: Array<[Partial<CreateLifecyclePolicyRequest>, string]> = [
      [{ policyDetails: [{ action: { type: "DELETE" }, filter: { type: "AGE", value: 3 } }] }, "needs a unit"],
      [{ policyDetails: [{ action: { type: "DELETE" }, filter: { type: "COUNT", value: 3, unit: "DAYS" } }] }, "takes no unit"],
      [{ policyDetails: [{ action: { type: "DELETE" }, filter: { type: "COUNT", value: 3, retainAtLeast: 1 } }] }, "AGE filters only"],
      [
        {
          policyDetails: [
            { action: { type: "DELETE" }, filter: { type: "COUNT", value: 3 } },
            { action: { type: "DELETE" }, filter: { type: "COUNT", value: 5 } },
          ],
        },
        "appears twice",
      ],
      [{ resourceType: "CONTAINER_IMAGE", policyDetails: [{ action: { type: "DEPRECATE" }, filter: { type: "COUNT", value: 3 } }] }, "can only DELETE"],
      [{ resourceType: "CONTAINER_IMAGE", policyDetails: [{ action: { type: "DELETE", includeResources: { amis: true } }, filter: { type: "COUNT", value: 3 } }] }, "not AMIs"],
      [{ policyDetails: [{ action: { type: "DELETE", includeResources: { containers: true } }, filter: { type: "COUNT", value: 3 } }] }, "not containers"],
      [{ resourceSelection: {} }, "recipes or a tagMap"],
      [{ resourceSelection: { recipes: [{ name: "rec", semanticVersion: "1.0.0.0" }] } }, "semanticVersion"],
    ];
    for (const [change, problem] of cases) {
      const error = await rejectionOf(ib.send(new CreateLifecyclePolicyCommand({ ...POLICY, name: "bad-policy", ...change })));
      expect(error, problem).toBeInstanceOf(InvalidRequestException);
      expect(error.message, problem).toContain(problem);
    }
    const enumError = await rejectionOf(ib.send(new CreateLifecyclePolicyCommand({ ...POLICY, policyDetails: [{ action: { type: "ARCHIVE" as never }, filter: { type: "COUNT", value: 1 } }] })));
    expect(enumError.message).toContain("policyDetails.1.member.action.type");
    const range = await rejectionOf(ib.send(new CreateLifecyclePolicyCommand({ ...POLICY, policyDetails: [{ action: { type: "DELETE" }, filter: { type: "COUNT", value: 1001 } }] })));
    expect(range.message).toContain("less than or equal to 1000");
    expect((await ib.send(new ListLifecyclePoliciesCommand({}))).lifecyclePolicySummaryList).toEqual([]);
  });

  it("updates by replacing the policy, and deletes it", async () => {
    const { lifecyclePolicyArn } = await ib.send(new CreateLifecyclePolicyCommand(POLICY));
    const update = { ...POLICY, name: undefined, tags: undefined, lifecyclePolicyArn, status: "DISABLED" as const, description: undefined, policyDetails: [POLICY.policyDetails![1]!], clientToken: "lp-upd" };
    expect((await ib.send(new UpdateLifecyclePolicyCommand(update))).lifecyclePolicyArn).toBe(lifecyclePolicyArn);
    await ib.send(new UpdateLifecyclePolicyCommand(update));
    const { lifecyclePolicy } = await ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn }));
    expect(lifecyclePolicy).toMatchObject({ status: "DISABLED", policyDetails: [POLICY.policyDetails![1]] });
    expect(lifecyclePolicy?.description).toBeUndefined();
    expect(lifecyclePolicy?.dateUpdated).toBeInstanceOf(Date);
    const missing = await rejectionOf(ib.send(new UpdateLifecyclePolicyCommand({ ...update, lifecyclePolicyArn: arn("lifecycle-policy/none"), clientToken: undefined })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((await ib.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn }))).lifecyclePolicyArn).toBe(lifecyclePolicyArn);
    expect(await rejectionOf(ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn })))).toBeInstanceOf(ResourceNotFoundException);
    const badArn = await rejectionOf(ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: "arn:aws:imagebuilder:global:123456789012:lifecycle-policy/x" })));
    expect(badArn).toBeInstanceOf(InvalidRequestException);
  });
});

describe("Image Builder lifecycle executions (StartResourceStateUpdate)", () => {
  it("deprecates an image through a lifecycle execution whose resources are the image's AMIs", async () => {
    const imageArn = await startImage({ recipeName: "aging", distribution: await createDistribution("aging-dist") });
    aws.settle();
    const updateAt = new Date(Date.now() + 86_400_000);
    const started = await ib.send(new StartResourceStateUpdateCommand({ resourceArn: imageArn, state: { status: "DEPRECATED" }, updateAt, includeResources: { snapshots: true }, clientToken: "lce-1" }));
    expect(started.resourceArn).toBe(imageArn);
    expect(started.lifecycleExecutionId).toMatch(/^lce-[0-9a-f-]{36}$/);

    const first = await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: started.lifecycleExecutionId }));
    expect(first.lifecycleExecution).toMatchObject({ lifecycleExecutionId: started.lifecycleExecutionId, resourcesImpactedSummary: { hasImpactedResources: true } });
    expect(first.lifecycleExecution?.startTime).toBeInstanceOf(Date);
    let status = first.lifecycleExecution?.state?.status;
    for (let i = 0; i < 5 && status !== "SUCCESS"; i++) status = (await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: started.lifecycleExecutionId }))).lifecycleExecution?.state?.status;
    expect(status).toBe("SUCCESS");

    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    expect(image?.state?.status).toBe("DEPRECATED");
    expect(image?.deprecationTime?.getTime()).toBe(updateAt.getTime());
    expect(image?.lifecycleExecutionId).toBe(started.lifecycleExecutionId);

    const resources = await ib.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: started.lifecycleExecutionId }));
    expect(resources.lifecycleExecutionState?.status).toBe("SUCCESS");
    expect(resources.resources?.map((r) => [r.region, r.action?.name, r.state?.status])).toEqual([
      ["us-east-1", "DEPRECATE", "SUCCESS"],
      ["eu-west-1", "DEPRECATE", "SUCCESS"],
    ]);
    expect(resources.resources?.[0]?.resourceId).toBe(image?.outputResources?.amis?.[0]?.image);
    expect(resources.resources?.[0]?.snapshots?.[0]?.snapshotId).toMatch(/^snap-/);
    expect((await ib.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: started.lifecycleExecutionId, parentResourceId: "ami-other" }))).resources).toEqual([]);
    const executions = await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: imageArn }));
    expect(executions.lifecycleExecutions?.map((e) => e.lifecycleExecutionId)).toEqual([started.lifecycleExecutionId]);

    // Back to AVAILABLE, then newest execution first.
    const back = await ib.send(new StartResourceStateUpdateCommand({ resourceArn: imageArn, state: { status: "AVAILABLE" } }));
    aws.settle();
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status).toBe("AVAILABLE");
    expect((await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: imageArn }))).lifecycleExecutions?.map((e) => e.lifecycleExecutionId)).toEqual([back.lifecycleExecutionId, started.lifecycleExecutionId]);
  });

  it("refuses state changes an image cannot take", async () => {
    const building = await startImage({ recipeName: "busy" });
    const inUse = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: building, state: { status: "DELETED" } })));
    expect(inUse).toBeInstanceOf(ResourceInUseException);
    aws.lifecycle("ImageBuilder.Image", { name: "failed" }).endsIn("FAILED");
    const failed = await startImage({ recipeName: "failed" });
    aws.settle();
    const onlyDelete = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: failed, state: { status: "DEPRECATED" } })));
    expect(onlyDelete).toBeInstanceOf(InvalidRequestException);
    expect(onlyDelete.message).toContain("can only move to DELETED");
    const same = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: building, state: { status: "AVAILABLE" } })));
    expect(same.message).toContain("already AVAILABLE");
    const when = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: building, state: { status: "DISABLED" }, updateAt: new Date(Date.now() + 1000) })));
    expect(when.message).toContain("only when the target state is DEPRECATED");
    const missing = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: arn("image/none/1.0.0/1"), state: { status: "DELETED" } })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const badStatus = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: building, state: { status: "ARCHIVED" as never } })));
    expect(badStatus.message).toContain("state.status");

    const deleted = await ib.send(new StartResourceStateUpdateCommand({ resourceArn: failed, state: { status: "DELETED" } }));
    const busy = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: failed, state: { status: "DELETED" } })));
    expect(busy).toBeInstanceOf(ResourceInUseException);
    aws.settle();
    expect((await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: deleted.lifecycleExecutionId }))).lifecycleExecution?.resourcesImpactedSummary?.hasImpactedResources).toBe(false);
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: failed }))).image?.state?.status).toBe("DELETED");
    const gone = await rejectionOf(ib.send(new StartResourceStateUpdateCommand({ resourceArn: failed, state: { status: "AVAILABLE" } })));
    expect(gone.message).toContain("DELETED");
  });

  it("cancels an execution in progress, which then leaves the image as it was", async () => {
    const imageArn = await startImage({ recipeName: "kept" });
    aws.settle();
    aws.lifecycle("ImageBuilder.LifecycleExecution", { resourceArn: imageArn }).staysIn("IN_PROGRESS");
    const { lifecycleExecutionId } = await ib.send(new StartResourceStateUpdateCommand({ resourceArn: imageArn, state: { status: "DISABLED" } }));
    await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId }));
    const cancelled = await ib.send(new CancelLifecycleExecutionCommand({ lifecycleExecutionId, clientToken: "cancel-lce" }));
    expect(cancelled.lifecycleExecutionId).toBe(lifecycleExecutionId);
    expect((await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId }))).lifecycleExecution?.state?.status).toMatch(/^CANCELL(ING|ED)$/);
    aws.settle();
    const { lifecycleExecution } = await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId }));
    expect(lifecycleExecution?.state).toEqual({ status: "CANCELLED", reason: "Cancelled by CancelLifecycleExecution." });
    expect(lifecycleExecution?.endTime).toBeInstanceOf(Date);
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status).toBe("AVAILABLE");
    const resources = await ib.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId }));
    expect(resources.resources?.map((r) => r.state?.status)).toEqual(["SKIPPED"]);
    const again = await rejectionOf(ib.send(new CancelLifecycleExecutionCommand({ lifecycleExecutionId })));
    expect(again).toBeInstanceOf(InvalidRequestException);
    const missing = await rejectionOf(ib.send(new CancelLifecycleExecutionCommand({ lifecycleExecutionId: "lce-00000000-0000-0000-0000-000000000000" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: "lce-00000000-0000-0000-0000-000000000000" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: "lce-00000000-0000-0000-0000-000000000000" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lets tests fail a lifecycle execution", async () => {
    const imageArn = await startImage({ recipeName: "stays" });
    aws.settle();
    aws.lifecycle("ImageBuilder.LifecycleExecution", { targetStatus: "DISABLED" }).endsIn("FAILED", { message: "snapshot is in use" });
    const { lifecycleExecutionId } = await ib.send(new StartResourceStateUpdateCommand({ resourceArn: imageArn, state: { status: "DISABLED" } }));
    aws.settle();
    const { lifecycleExecution } = await ib.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId }));
    expect(lifecycleExecution?.state).toEqual({ status: "FAILED", reason: "snapshot is in use" });
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status).toBe("AVAILABLE");
    expect((await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: arn("lifecycle-policy/none") }))).lifecycleExecutions).toEqual([]);
  });
});

describe("Image Builder lifecycle policy runs (daily, on the virtual clock)", () => {
  const DAY = 86_400_000;

  /** Builds `count` images of one recipe version, each a minute apart, and returns their ARNs (oldest first). */
  async function buildImages(recipeName: string, count: number, tags?: Record<string, string>): Promise<string[]> {
    const recipe = await createRecipe(recipeName);
    const infra = await createInfrastructure(`${recipeName}-infra`);
    const images: string[] = [];
    for (let i = 0; i < count; i++) {
      images.push((await ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra, tags }))).imageBuildVersionArn!);
      aws.settle();
      aws.clock.advance(60_000);
    }
    return images;
  }

  const statusOf = async (imageArn: string) => (await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status;

  it("keeps the newest builds of a recipe version and deletes the rest a day after the policy is created", async () => {
    const images = await buildImages("rotated", 3);
    const { lifecyclePolicyArn } = await ib.send(
      new CreateLifecyclePolicyCommand({
        name: "keep-one",
        executionRole: "LifecycleRole",
        resourceType: "AMI_IMAGE",
        policyDetails: [{ action: { type: "DELETE", includeResources: { amis: true, snapshots: true } }, filter: { type: "COUNT", value: 1 } }],
        resourceSelection: { recipes: [{ name: "rotated", semanticVersion: "1.0.0" }] },
      }),
    );
    aws.clock.advance(DAY - 1000);
    expect((await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: lifecyclePolicyArn }))).lifecycleExecutions).toEqual([]);
    aws.clock.advance(2000);
    const [execution] = (await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: lifecyclePolicyArn }))).lifecycleExecutions!;
    expect(execution).toMatchObject({ lifecyclePolicyArn, resourcesImpactedSummary: { hasImpactedResources: true } });
    aws.settle();
    expect(await Promise.all(images.map(statusOf))).toEqual(["DELETED", "DELETED", "AVAILABLE"]);
    const resources = await ib.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: execution!.lifecycleExecutionId }));
    expect(resources.resources?.map((r) => [r.action?.name, r.state?.status])).toEqual([
      ["DELETE", "SUCCESS"],
      ["DELETE", "SUCCESS"],
    ]);
    expect(resources.resources?.[0]?.snapshots).toHaveLength(1);
    expect((await ib.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn }))).lifecyclePolicy?.dateLastRun).toBeInstanceOf(Date);
    // The executions are listed for the images they changed too.
    expect((await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: images[0] }))).lifecycleExecutions?.map((e) => e.lifecycleExecutionId)).toEqual([execution!.lifecycleExecutionId]);
    // The next day there is nothing left to do: the run changes nothing.
    aws.clock.advance(DAY);
    const runs = (await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: lifecyclePolicyArn }))).lifecycleExecutions!;
    expect(runs).toHaveLength(2);
    expect(runs[0]?.resourcesImpactedSummary?.hasImpactedResources).toBe(false);
  });

  it("applies AGE rules with retainAtLeast, the strongest action, and tag exclusions", async () => {
    const images = await buildImages("aged", 4, { team: "web" });
    await ib.send(new TagResourceCommand({ resourceArn: images[1]!, tags: { keep: "true" } }));
    await ib.send(
      new CreateLifecyclePolicyCommand({
        name: "age-out",
        executionRole: "LifecycleRole",
        resourceType: "AMI_IMAGE",
        policyDetails: [
          { action: { type: "DEPRECATE" }, filter: { type: "AGE", value: 30, unit: "DAYS", retainAtLeast: 1 } },
          { action: { type: "DISABLE" }, filter: { type: "AGE", value: 30, unit: "DAYS", retainAtLeast: 2 }, exclusionRules: { tagMap: { keep: "true" } } },
        ],
        resourceSelection: { tagMap: { team: "web" } },
      }),
    );
    aws.clock.advance(40 * DAY);
    await ib.send(new ListLifecyclePoliciesCommand({}));
    aws.settle();
    // Newest kept by both rules; the next one only deprecated; the tagged one excluded from DISABLE.
    expect(await Promise.all(images.map(statusOf))).toEqual(["DISABLED", "DEPRECATED", "DEPRECATED", "AVAILABLE"]);
  });

  it("does not run DISABLED policies, and leaves images of other recipes alone", async () => {
    const mine = await buildImages("selected", 2);
    const other = await buildImages("unselected", 2);
    const policy = { executionRole: "LifecycleRole", resourceType: "AMI_IMAGE" as const, policyDetails: [{ action: { type: "DELETE" as const }, filter: { type: "COUNT" as const, value: 1 } }] };
    const disabled = await ib.send(new CreateLifecyclePolicyCommand({ ...policy, name: "disabled-policy", status: "DISABLED", resourceSelection: { recipes: [{ name: "unselected", semanticVersion: "1.0.0" }] } }));
    await ib.send(new CreateLifecyclePolicyCommand({ ...policy, name: "enabled-policy", resourceSelection: { recipes: [{ name: "selected", semanticVersion: "1.0.0" }] } }));
    aws.clock.advance(2 * DAY);
    await ib.send(new ListLifecyclePoliciesCommand({}));
    aws.settle();
    expect(await Promise.all([...mine, ...other].map(statusOf))).toEqual(["DELETED", "AVAILABLE", "AVAILABLE", "AVAILABLE"]);
    expect((await ib.send(new ListLifecycleExecutionsCommand({ resourceArn: disabled.lifecyclePolicyArn }))).lifecycleExecutions).toEqual([]);
  });
});

