import {
  CallRateLimitExceededException,
  CancelImageCreationCommand,
  ClientException,
  CreateImageCommand,
  CreateImageRecipeCommand,
  DeleteImageCommand,
  DistributeImageCommand,
  GetImageCommand,
  GetImagePolicyCommand,
  IdempotentParameterMismatchException,
  ImagebuilderClient,
  ImportDiskImageCommand,
  ImportVmImageCommand,
  InvalidParameterValueException,
  InvalidRequestException,
  ListImageBuildVersionsCommand,
  ListImagePackagesCommand,
  ListImagesCommand,
  ListWorkflowExecutionsCommand,
  paginateListImageBuildVersions,
  paginateListImages,
  PutImagePolicyCommand,
  ResourceDependencyException,
  ResourceInUseException,
  ResourceNotFoundException,
  RetryImageCommand,
  StartResourceStateUpdateCommand,
  type ImageStatus,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import {
  arn,
  createComponent,
  createContainerRecipe,
  createDistribution,
  createInfrastructure,
  createRecipe,
  ib,
  managedArn,
  pollImage,
  startImage,
} from "./fixtures.js";

/** The statuses one image shows on successive reads, until it ends. */
async function statusesOf(imageArn: string, limit = 40): Promise<ImageStatus[]> {
  const seen: ImageStatus[] = [];
  for (let i = 0; i < limit; i++) {
    const status = (await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image!.state!.status!;
    if (seen[seen.length - 1] !== status) seen.push(status);
    if (["AVAILABLE", "FAILED", "CANCELLED"].includes(status)) return seen;
  }
  return seen;
}

describe("Image Builder images", () => {
  it("builds an image through every state, each read moving it on, and reports what it was built from", async () => {
    const dist = await createDistribution("img-dist");
    const imageArn = await startImage({ recipeName: "states", distribution: dist });
    expect(imageArn).toBe(arn("image/states/1.0.0/1"));
    const first = await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    // The first read shows the state CreateImage left, then moves the build on.
    expect(first.image?.state?.status).toBe("PENDING");
    expect(await statusesOf(imageArn)).toEqual(["CREATING", "BUILDING", "TESTING", "DISTRIBUTING", "INTEGRATING", "AVAILABLE"]);

    const { image, latestVersionReferences } = await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    expect(image).toMatchObject({
      arn: imageArn,
      name: "states",
      // One build: "<major>.<minor>.<patch>/<build>" (the Image data type).
      version: "1.0.0/1",
      type: "AMI",
      platform: "Linux",
      osVersion: "Amazon Linux 2023",
      buildType: "USER_INITIATED",
      imageSource: "CUSTOM",
      enhancedImageMetadataEnabled: true,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
      imageRecipe: { name: "states", version: "1.0.0" },
      infrastructureConfiguration: { name: "states-infra" },
      distributionConfiguration: { name: "img-dist" },
    });
    expect(image?.outputResources?.amis?.map((a) => a.region)).toEqual(["us-east-1", "eu-west-1"]);
    expect(image?.outputResources?.amis?.[0]).toMatchObject({ accountId: "123456789012", state: { status: "AVAILABLE" } });
    expect(image?.outputResources?.amis?.[0]?.image).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(image?.outputResources?.amis?.[0]?.name).toMatch(/^golden \d{14}$/);
    expect(latestVersionReferences?.latestVersionArn).toBe(arn("image/states/x.x.x"));
  });

  it("runs the managed build and test workflows when the image names none, and skips TESTING when tests are off", async () => {
    const tested = await startImage({ recipeName: "with-tests" });
    aws.settle();
    const executions = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: tested }))).workflowExecutions!;
    expect(executions.map((e) => [e.type, e.workflowBuildVersionArn, e.status])).toEqual([
      ["BUILD", managedArn("workflow/build/build-image/1.0.0/1"), "COMPLETED"],
      ["TEST", managedArn("workflow/test/test-image/1.0.0/1"), "COMPLETED"],
    ]);
    // On Linux the SysPrep step does not apply and is skipped.
    expect(executions[0]).toMatchObject({ totalStepCount: 7, totalStepsSucceeded: 6, totalStepsSkipped: 1, totalStepsFailed: 0 });

    const untested = await startImage({ recipeName: "no-tests", tests: false });
    expect(await statusesOf(untested)).not.toContain("TESTING");
    expect((await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: untested }))).workflowExecutions?.map((e) => e.type)).toEqual(["BUILD"]);
  });

  it("builds container images from container recipes, with image URIs as output", async () => {
    const recipe = await createContainerRecipe("app");
    const infra = await createInfrastructure("app-infra");
    const created = await ib.send(new CreateImageCommand({ containerRecipeArn: recipe, infrastructureConfigurationArn: infra }));
    aws.settle();
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: created.imageBuildVersionArn }));
    expect(image).toMatchObject({ type: "DOCKER", state: { status: "AVAILABLE" }, containerRecipe: { name: "app" } });
    expect(image?.outputResources?.containers).toEqual([{ region: "us-east-1", imageUris: ["123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo:1.0.0-1"] }]);
    const executions = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: created.imageBuildVersionArn }))).workflowExecutions!;
    expect(executions[0]?.workflowBuildVersionArn).toBe(managedArn("workflow/build/build-container/1.0.0/1"));
  });

  it("checks CreateImage's references and replays its token", async () => {
    const recipe = await createRecipe("ci-recipe");
    const infra = await createInfrastructure("ci-infra");
    const neither = await rejectionOf(ib.send(new CreateImageCommand({ infrastructureConfigurationArn: infra })));
    expect(neither).toBeInstanceOf(InvalidRequestException);
    const missing = await rejectionOf(ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: arn("infrastructure-configuration/none") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const tests = await rejectionOf(ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra, imageTestsConfiguration: { timeoutMinutes: 10 } })));
    expect(tests.message).toContain("imageTestsConfiguration.timeoutMinutes");
    const input = { imageRecipeArn: recipe, infrastructureConfigurationArn: infra, clientToken: "image-token" };
    const first = await ib.send(new CreateImageCommand(input));
    expect((await ib.send(new CreateImageCommand(input))).imageBuildVersionArn).toBe(first.imageBuildVersionArn);
    expect(await rejectionOf(ib.send(new CreateImageCommand({ ...input, enhancedImageMetadataEnabled: false })))).toBeInstanceOf(IdempotentParameterMismatchException);
    expect((await ib.send(new CreateImageCommand({ ...input, clientToken: "other" }))).imageBuildVersionArn).toBe(arn("image/ci-recipe/1.0.0/2"));
  });

  it("lets tests fail, hold and slow builds with aws.lifecycle", async () => {
    aws.lifecycle("ImageBuilder.Image", { name: "fails" }).endsIn("FAILED", { after: "BUILDING", message: "component install failed" });
    const failing = await startImage({ recipeName: "fails" });
    const seen = await statusesOf(failing);
    expect(seen[seen.length - 1]).toBe("FAILED");
    expect(seen).not.toContain("TESTING");
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: failing }));
    expect(image?.state).toEqual({ status: "FAILED", reason: "component install failed" });
    const build = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: failing }))).workflowExecutions![0]!;
    expect(build).toMatchObject({ type: "BUILD", status: "FAILED", totalStepsFailed: 1 });
    expect(build.message).toContain("component install failed");

    const hold = aws.lifecycle("ImageBuilder.Image", { name: "held" }).staysIn("TESTING");
    const held = await startImage({ recipeName: "held" });
    expect((await pollImage(held, ["TESTING"])).status).toBe("TESTING");
    for (let i = 0; i < 5; i++) await ib.send(new GetImageCommand({ imageBuildVersionArn: held }));
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: held }))).image?.state?.status).toBe("TESTING");
    hold.release();
    expect((await pollImage(held, ["AVAILABLE"])).status).toBe("AVAILABLE");

    aws.lifecycle("ImageBuilder.Image", { name: "slow" }).slow(3);
    const slow = await startImage({ recipeName: "slow" });
    const fast = await startImage({ recipeName: "fast" });
    const slowReads = (await pollImage(slow, ["AVAILABLE"], 200)).reads;
    const fastReads = (await pollImage(fast, ["AVAILABLE"])).reads;
    expect(slowReads).toBeGreaterThan(fastReads * 2);
  });

  it("moves nothing in manual mode until aws.step() or aws.settle()", async () => {
    aws.configure({ transitions: "manual" });
    const imageArn = await startImage({ recipeName: "manual" });
    for (let i = 0; i < 3; i++) expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status).toBe("PENDING");
    aws.step();
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status).toBe("CREATING");
    aws.settle();
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.state?.status).toBe("AVAILABLE");
    expect(aws.running("ImageBuilder.Image")).toEqual([]);
  });

  it("cancels an image still being built, and refuses to cancel a finished one", async () => {
    const imageArn = await startImage({ recipeName: "cancel" });
    await pollImage(imageArn, ["BUILDING"]);
    const cancelled = await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: imageArn, clientToken: "cancel-1" }));
    expect(cancelled).toMatchObject({ imageBuildVersionArn: imageArn, clientToken: "cancel-1" });
    // The same token replays the cancellation instead of failing on the now-cancelled image.
    expect((await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: imageArn, clientToken: "cancel-1" }))).imageBuildVersionArn).toBe(imageArn);
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    expect(image?.state?.status).toBe("CANCELLED");
    const build = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions![0]!;
    expect(build.status).toBe("CANCELLED");
    const again = await rejectionOf(ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: imageArn })));
    expect(again).toBeInstanceOf(InvalidRequestException);
    expect(again.message).toContain("CANCELLED");
    const missing = await rejectionOf(ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn("image/none/1.0.0/1") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it("retries a failed distribution without rebuilding, and refuses other retries", async () => {
    aws.lifecycle("ImageBuilder.Image", { name: "flaky" }).endsIn("FAILED", { after: "DISTRIBUTING", message: "copy to eu-west-1 failed", times: 1 });
    const imageArn = await startImage({ recipeName: "flaky", distribution: await createDistribution("flaky-dist") });
    expect((await pollImage(imageArn, ["FAILED", "AVAILABLE"])).status).toBe("FAILED");
    const retried = await ib.send(new RetryImageCommand({ imageBuildVersionArn: imageArn, clientToken: "retry-1" }));
    expect(retried).toMatchObject({ imageBuildVersionArn: imageArn, clientToken: "retry-1" });
    // The retry starts again at DISTRIBUTING (the read that follows moves it one step).
    expect(aws.running("ImageBuilder.Image").map((p) => [p.attributes.arn, p.state])).toEqual([[imageArn, "DISTRIBUTING"]]);
    const busy = await rejectionOf(ib.send(new RetryImageCommand({ imageBuildVersionArn: imageArn })));
    expect(busy).toBeInstanceOf(ResourceInUseException);
    expect((await pollImage(imageArn, ["AVAILABLE", "FAILED"])).status).toBe("AVAILABLE");

    aws.lifecycle("ImageBuilder.Image", { name: "broken" }).endsIn("FAILED", { after: "BUILDING" });
    const broken = await startImage({ recipeName: "broken" });
    aws.settle();
    const refused = await rejectionOf(ib.send(new RetryImageCommand({ imageBuildVersionArn: broken })));
    expect(refused).toBeInstanceOf(InvalidRequestException);
    expect(refused.message).toContain("failed while BUILDING");
    expect(await rejectionOf(ib.send(new RetryImageCommand({ imageBuildVersionArn: imageArn })))).toBeInstanceOf(InvalidRequestException);
  });

  it("distributes an AVAILABLE image as a new build version", async () => {
    const source = await startImage({ recipeName: "source" });
    const dist = await createDistribution("more-regions", ["ap-south-1"]);
    const early = await rejectionOf(ib.send(new DistributeImageCommand({ sourceImage: source, distributionConfigurationArn: dist, executionRole: "ImageBuilderRole" })));
    expect(early).toBeInstanceOf(InvalidRequestException);
    expect(early.message).toContain("only AVAILABLE images");
    aws.settle();
    const distributed = await ib.send(new DistributeImageCommand({ sourceImage: source, distributionConfigurationArn: dist, executionRole: "ImageBuilderRole", clientToken: "dist-run", tags: { copy: "yes" } }));
    expect(distributed.imageBuildVersionArn).toBe(arn("image/source/1.0.0/2"));
    expect(await statusesOf(distributed.imageBuildVersionArn!)).toEqual(expect.arrayContaining(["DISTRIBUTING", "AVAILABLE"]));
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: distributed.imageBuildVersionArn }));
    expect(image?.outputResources?.amis?.map((a) => a.region)).toEqual(["ap-south-1"]);
    expect(image?.tags).toEqual({ copy: "yes" });
    const missing = await rejectionOf(ib.send(new DistributeImageCommand({ sourceImage: arn("image/none/1.0.0/1"), distributionConfigurationArn: dist, executionRole: "r" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const noDist = await rejectionOf(ib.send(new DistributeImageCommand({ sourceImage: source, distributionConfigurationArn: arn("distribution-configuration/none"), executionRole: "r" })));
    expect(noDist).toBeInstanceOf(ResourceNotFoundException);
    const notArn = await rejectionOf(ib.send(new DistributeImageCommand({ sourceImage: "ami-0123", distributionConfigurationArn: dist, executionRole: "r" })));
    expect(notArn).toBeInstanceOf(InvalidRequestException);
  });

  it("lists image versions and build versions, with owners, filters, byName and deprecated images", async () => {
    await startImage({ recipeName: "list-a" });
    const recipe = await ib.send(new CreateImageRecipeCommand({ name: "list-a", semanticVersion: "2.0.0", parentImage: "ami-0abc", components: [{ componentArn: await createComponent("list-a2") }] }));
    const infra = await createInfrastructure("list-infra");
    const newer = (await ib.send(new CreateImageCommand({ imageRecipeArn: recipe.imageRecipeArn, infrastructureConfigurationArn: infra }))).imageBuildVersionArn!;
    await startImage({ recipeName: "list-b" });
    aws.settle();
    const versions: string[] = [];
    for await (const page of paginateListImages({ client: ib, pageSize: 2 }, {})) versions.push(...page.imageVersionList!.map((v) => v.arn!));
    expect(versions).toEqual([arn("image/list-a/1.0.0"), arn("image/list-a/2.0.0"), arn("image/list-b/1.0.0")]);
    const byName = await ib.send(new ListImagesCommand({ byName: true }));
    expect(byName.imageVersionList?.map((v) => v.arn)).toEqual([arn("image/list-a/2.0.0"), arn("image/list-b/1.0.0")]);
    const filtered = await ib.send(new ListImagesCommand({ filters: [{ name: "name", values: ["list-b"] }, { name: "platform", values: ["Linux"] }] }));
    expect(filtered.imageVersionList).toEqual([expect.objectContaining({ name: "list-b", type: "AMI", owner: "123456789012", buildType: "USER_INITIATED", imageSource: "CUSTOM" })]);
    const amazon = await ib.send(new ListImagesCommand({ owner: "Amazon", filters: [{ name: "platform", values: ["Windows"] }] }));
    expect(amazon.imageVersionList?.map((v) => v.name)).toEqual(["windows-server-2022-english-full-base-x86"]);

    await ib.send(new StartResourceStateUpdateCommand({ resourceArn: newer, state: { status: "DEPRECATED" } }));
    aws.settle();
    expect((await ib.send(new ListImagesCommand({}))).imageVersionList?.map((v) => v.arn)).toEqual([arn("image/list-a/1.0.0"), arn("image/list-b/1.0.0")]);
    expect((await ib.send(new ListImagesCommand({ includeDeprecated: true }))).imageVersionList).toHaveLength(3);

    await ib.send(new CreateImageCommand({ imageRecipeArn: arn("image-recipe/list-b/1.0.0"), infrastructureConfigurationArn: infra }));
    const builds: string[] = [];
    for await (const page of paginateListImageBuildVersions({ client: ib, pageSize: 1 }, { imageVersionArn: arn("image/list-b/1.0.0") })) builds.push(...page.imageSummaryList!.map((i) => `${i.arn}:${i.state?.status}`));
    expect(builds[0]).toMatch(/list-b\/1\.0\.0\/2:(PENDING|CREATING)/);
    expect(builds[1]).toBe(`${arn("image/list-b/1.0.0/1")}:AVAILABLE`);
    expect((await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn("image/none/1.0.0") }))).imageSummaryList).toEqual([]);
    const bad = await rejectionOf(ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn("image/list-b/1.0.0"), filters: [{ name: "color", values: ["x"] }] })));
    expect(bad).toBeInstanceOf(InvalidRequestException);
  });

  it("deletes a finished image, refusing images still building or used as a parent image", async () => {
    const imageArn = await startImage({ recipeName: "to-delete" });
    const building = await rejectionOf(ib.send(new DeleteImageCommand({ imageBuildVersionArn: imageArn })));
    expect(building).toBeInstanceOf(InvalidRequestException);
    expect(building.message).toContain("still being built");
    aws.settle();
    const child = await ib.send(new CreateImageRecipeCommand({ name: "child", semanticVersion: "1.0.0", parentImage: imageArn, components: [{ componentArn: await createComponent("child-c") }] }));
    expect(await rejectionOf(ib.send(new DeleteImageCommand({ imageBuildVersionArn: imageArn })))).toBeInstanceOf(ResourceDependencyException);
    expect(child.imageRecipeArn).toBe(arn("image-recipe/child/1.0.0"));

    const other = await startImage({ recipeName: "other" });
    aws.settle();
    const executions = (await ib.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: other }))).workflowExecutions!;
    expect((await ib.send(new DeleteImageCommand({ imageBuildVersionArn: other }))).imageBuildVersionArn).toBe(other);
    expect(await rejectionOf(ib.send(new GetImageCommand({ imageBuildVersionArn: other })))).toBeInstanceOf(ResourceNotFoundException);
    expect(executions.length).toBeGreaterThan(0);
    expect(await rejectionOf(ib.send(new DeleteImageCommand({ imageBuildVersionArn: other })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists packages of an image (none: no instance ran) and manages image policies", async () => {
    const imageArn = await startImage({ recipeName: "pkgs" });
    aws.settle();
    const packages = await ib.send(new ListImagePackagesCommand({ imageBuildVersionArn: imageArn }));
    expect(packages.imagePackageList).toEqual([]);
    expect(await rejectionOf(ib.send(new ListImagePackagesCommand({ imageBuildVersionArn: arn("image/none/1.0.0/1") })))).toBeInstanceOf(ResourceNotFoundException);

    expect(await rejectionOf(ib.send(new GetImagePolicyCommand({ imageArn })))).toBeInstanceOf(ResourceNotFoundException);
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "210987654321" }, Action: ["imagebuilder:GetImage"] }] });
    expect((await ib.send(new PutImagePolicyCommand({ imageArn, policy }))).imageArn).toBe(imageArn);
    expect((await ib.send(new GetImagePolicyCommand({ imageArn }))).policy).toBe(policy);
    expect(await rejectionOf(ib.send(new PutImagePolicyCommand({ imageArn, policy: "{}" })))).toBeInstanceOf(InvalidParameterValueException);
    // The account named in the policy can read the image; it lists it as shared.
    const other = new ImagebuilderClient({ credentials: aws.credentialsFor("210987654321") });
    expect((await other.send(new GetImageCommand({ imageBuildVersionArn: imageArn }))).image?.arn).toBe(imageArn);
    expect((await other.send(new ListImagesCommand({ owner: "Shared" }))).imageVersionList?.map((v) => v.arn)).toEqual([arn("image/pkgs/1.0.0")]);
  });

  it("imports VM and disk images as IMPORTED images", async () => {
    const vm = await ib.send(new ImportVmImageCommand({ name: "Imported VM", semanticVersion: "1.0.0", platform: "Linux", osVersion: "Ubuntu 22", vmImportTaskId: "import-ami-0123456789abcdef0", clientToken: "vm-1" }));
    expect(vm.imageArn).toBe(arn("image/imported-vm/1.0.0/1"));
    expect((await pollImage(vm.imageArn!, ["AVAILABLE"])).status).toBe("AVAILABLE");
    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: vm.imageArn }));
    expect(image).toMatchObject({ buildType: "IMPORT", imageSource: "IMPORTED", platform: "Linux", osVersion: "Ubuntu 22" });
    const task = await rejectionOf(ib.send(new ImportVmImageCommand({ name: "vm", semanticVersion: "1.0.0", platform: "Linux", vmImportTaskId: "task-1" })));
    expect(task).toBeInstanceOf(ClientException);
    expect(task.message).toContain("import-ami-");
    const version = await rejectionOf(ib.send(new ImportVmImageCommand({ name: "vm", semanticVersion: "1", platform: "Linux", vmImportTaskId: "import-ami-0123456789abcdef0" })));
    expect(version).toBeInstanceOf(ClientException);
    const missing = await rejectionOf(ib.send(new ImportVmImageCommand({ name: "vm", semanticVersion: "1.0.0", vmImportTaskId: "import-ami-0123456789abcdef0" } as never)));
    expect(missing).toBeInstanceOf(ClientException);
    expect(missing.message).toContain("'platform' failed to satisfy constraint: Member must not be null");
    const mismatch = await rejectionOf(ib.send(new ImportVmImageCommand({ name: "Imported VM", semanticVersion: "1.0.0", platform: "Windows", vmImportTaskId: "import-ami-0123456789abcdef0", clientToken: "vm-1" })));
    expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);

    const infra = await createInfrastructure("iso-infra");
    const disk = await ib.send(
      new ImportDiskImageCommand({ name: "win11", semanticVersion: "1.0.0", platform: "Windows", osVersion: "Microsoft Windows 11", infrastructureConfigurationArn: infra, uri: "s3://isos/win11.iso", clientToken: "disk-1" }),
    );
    expect(disk.imageBuildVersionArn).toBe(arn("image/win11/1.0.0/1"));
    aws.settle();
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: disk.imageBuildVersionArn }))).image).toMatchObject({ buildType: "IMPORT_ISO", imageSource: "IMPORTED", state: { status: "AVAILABLE" } });
    const linux = await rejectionOf(ib.send(new ImportDiskImageCommand({ name: "iso", semanticVersion: "1.0.0", platform: "Linux", osVersion: "x", infrastructureConfigurationArn: infra, uri: "s3://b/k.iso" })));
    expect(linux).toBeInstanceOf(ClientException);
    const noInfra = await rejectionOf(
      ib.send(new ImportDiskImageCommand({ name: "iso", semanticVersion: "1.0.0", platform: "Windows", osVersion: "x", infrastructureConfigurationArn: arn("infrastructure-configuration/none"), uri: "s3://b/k.iso" })),
    );
    expect(noInfra).toBeInstanceOf(ResourceNotFoundException);
  });

  it("throttles with CallRateLimitExceededException (429), which the SDK retries", async () => {
    const imageArn = await startImage({ recipeName: "throttled" });
    aws.failNext("imagebuilder", "GetImage", { times: 2 });
    const read = await ib.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    expect(read.$metadata.attempts).toBe(3);
    aws.failNext("imagebuilder", "GetImage", { times: 5 });
    const error = await rejectionOf(new ImagebuilderClient({ maxAttempts: 1 }).send(new GetImageCommand({ imageBuildVersionArn: imageArn })));
    expect(error).toBeInstanceOf(CallRateLimitExceededException);
    expect(error.$metadata.httpStatusCode).toBe(429);
  });
});
