import {
  CreateImagePipelineCommand,
  CreateWorkflowCommand,
  DeleteWorkflowCommand,
  DryRunOperationException,
  GetWorkflowCommand,
  IdempotentParameterMismatchException,
  InvalidParameterCombinationException,
  InvalidRequestException,
  InvalidVersionNumberException,
  ListWorkflowBuildVersionsCommand,
  ListWorkflowsCommand,
  paginateListWorkflowBuildVersions,
  paginateListWorkflows,
  ResourceDependencyException,
  ResourceNotFoundException,
} from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, createInfrastructure, createRecipe, createWorkflow, ib, managedArn, SIMPLE_TEST_WORKFLOW, WAITING_BUILD_WORKFLOW } from "./fixtures.js";

describe("Image Builder workflows", () => {
  it("creates a BUILD workflow from YAML: build-version ARN, latest references, document and parameters kept", async () => {
    const created = await ib.send(
      new CreateWorkflowCommand({ name: "My-Workflow", semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW, description: "d", changeDescription: "first", clientToken: "wf-token-1", tags: { team: "images" } }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.clientToken).toBe("wf-token-1");
    // Names become the lower-case ARN segment; the type is part of the ARN.
    expect(created.workflowBuildVersionArn).toBe(arn("workflow/build/my-workflow/1.0.0/1"));
    expect(created.latestVersionReferences).toEqual({
      latestVersionArn: arn("workflow/build/my-workflow/x.x.x"),
      latestMajorVersionArn: arn("workflow/build/my-workflow/1.x.x"),
      latestMinorVersionArn: arn("workflow/build/my-workflow/1.0.x"),
      latestPatchVersionArn: arn("workflow/build/my-workflow/1.0.0"),
    });

    const { workflow } = await ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: created.workflowBuildVersionArn }));
    expect(workflow).toMatchObject({ name: "My-Workflow", version: "1.0.0", type: "BUILD", description: "d", changeDescription: "first", owner: "123456789012", data: WAITING_BUILD_WORKFLOW, tags: { team: "images" } });
    expect(workflow?.parameters).toEqual([{ name: "waitForApproval", type: "boolean", defaultValue: ["true"] }]);
    expect(workflow?.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(workflow?.state).toBeUndefined();
  });

  it("assigns the next build number when the same name, version and type is created again", async () => {
    const first = await createWorkflow("versions");
    const second = await createWorkflow("versions");
    const otherType = await createWorkflow("versions", "TEST", SIMPLE_TEST_WORKFLOW);
    expect(first).toBe(arn("workflow/build/versions/1.0.0/1"));
    expect(second).toBe(arn("workflow/build/versions/1.0.0/2"));
    expect(otherType).toBe(arn("workflow/test/versions/1.0.0/1"));
    // A deleted build number is never reused.
    await ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: second }));
    expect(await createWorkflow("versions")).toBe(arn("workflow/build/versions/1.0.0/3"));
  });

  it("checks semantic versions with InvalidVersionNumberException (x.y.z, each node up to 2^30-1)", async () => {
    for (const version of ["1.0", "1.0.0.0", "a.b.c", "1.0.1073741824"]) {
      const error = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "bad-version", semanticVersion: version, type: "BUILD", data: WAITING_BUILD_WORKFLOW })));
      expect(error).toBeInstanceOf(InvalidVersionNumberException);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain(version);
    }
    expect(await createWorkflow("max-version", "BUILD", WAITING_BUILD_WORKFLOW, "1073741823.0.0")).toBe(arn("workflow/build/max-version/1073741823.0.0/1"));
  });

  it("refuses data and uri together, and a workflow with neither", async () => {
    const both = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "both", semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW, uri: "s3://bucket/wf.yaml" })));
    expect(both).toBeInstanceOf(InvalidParameterCombinationException);
    expect(both.message).toContain("both data and uri");
    const neither = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "neither", semanticVersion: "1.0.0", type: "BUILD" })));
    expect(neither).toBeInstanceOf(InvalidRequestException);
    const badUri = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "bad-uri", semanticVersion: "1.0.0", type: "BUILD", uri: "https://example.com/wf.yaml" })));
    expect(badUri.message).toContain("s3://");
    const fromS3 = await ib.send(new CreateWorkflowCommand({ name: "from-s3", semanticVersion: "1.0.0", type: "BUILD", uri: "s3://bucket/wf.yaml" }));
    expect(fromS3.workflowBuildVersionArn).toBe(arn("workflow/build/from-s3/1.0.0/1"));
  });

  it("rejects documents that do not parse or have no valid steps, naming the problem", async () => {
    const cases: Array<[string, string]> = [
      ["steps: [unclosed", "not valid YAML"],
      ["just a string", "YAML mapping"],
      ["schemaVersion: 1.0\nsteps: []", "non-empty 'steps'"],
      ["steps:\n  - name: x\n    action: LaunchInstance", "needs a 'name'"],
      ["steps:\n  - name: Launch\n    action: DoMagic", "DoMagic"],
      ["steps:\n  - name: Launch\n    action: LaunchInstance\n  - name: Launch\n    action: TerminateInstance", "two steps named 'Launch'"],
      ["steps:\n  - name: Launch\n    action: LaunchInstance\n    onFailure: Retry", "onFailure"],
      ["steps:\n  - name: Wait\n    action: WaitForAction\n    timeoutSeconds: 99999", "timeoutSeconds"],
      ["steps:\n  - name: Wait\n    action: WaitForAction\n    if:\n      stringEquals: a", "'if' condition"],
      ["parameters:\n  - name: p\n    type: float\nsteps:\n  - name: Launch\n    action: LaunchInstance", "type 'float'"],
      // Hostile YAML: an alias inside its own anchor (was a bare TypeError), and an alias bomb.
      ["steps:\n  - name: Launch\n    action: LaunchInstance\n    inputs: &i\n      self: *i", "refers to a node that contains it"],
      [`a: &a [x, x, x, x, x, x, x, x, x]\n${["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`).join("\n")}\nsteps: *f`, "resource exhaustion"],
    ];
    for (const [data, problem] of cases) {
      const error = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "broken", semanticVersion: "1.0.0", type: "BUILD", data })));
      expect(error, data).toBeInstanceOf(InvalidRequestException);
      expect(error.message, data).toContain(problem);
    }
    // Nothing invalid was stored.
    expect((await ib.send(new ListWorkflowsCommand({}))).workflowVersionList).toEqual([]);
  });

  it("validates name, type, sizes and tags before anything else", async () => {
    const badName = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "a", semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW })));
    expect(badName).toBeInstanceOf(InvalidRequestException);
    expect(badName.message).toContain("at 'name' failed to satisfy constraint");
    const badType = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "typed", semanticVersion: "1.0.0", type: "DEPLOY" as never, data: WAITING_BUILD_WORKFLOW })));
    expect(badType.message).toContain("Member must satisfy enum value set");
    const awsTag = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "tagged", semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW, tags: { "aws:reserved": "x" } })));
    expect(awsTag.message).toContain("Map keys must satisfy constraint");
    const tooBig = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "big", semanticVersion: "1.0.0", type: "BUILD", data: "x".repeat(16001) })));
    expect(tooBig.message).toContain("Member must have length less than or equal to 16000");
  });

  it("dryRun validates and answers DryRunOperationException (412) without creating anything", async () => {
    const error = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "dry", semanticVersion: "1.0.0", type: "BUILD", data: WAITING_BUILD_WORKFLOW, dryRun: true })));
    expect(error).toBeInstanceOf(DryRunOperationException);
    expect(error.$metadata.httpStatusCode).toBe(412);
    const invalid = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "dry", semanticVersion: "1.0.0", type: "BUILD", data: "steps: []", dryRun: true })));
    expect(invalid).toBeInstanceOf(InvalidRequestException);
    expect((await ib.send(new ListWorkflowsCommand({}))).workflowVersionList).toEqual([]);
  });

  it("replays a client token with the same request and refuses it with another", async () => {
    const input = { name: "idem", semanticVersion: "1.0.0", type: "BUILD" as const, data: WAITING_BUILD_WORKFLOW, clientToken: "same-token" };
    const first = await ib.send(new CreateWorkflowCommand(input));
    const again = await ib.send(new CreateWorkflowCommand(input));
    expect(again.workflowBuildVersionArn).toBe(first.workflowBuildVersionArn);
    expect(again.clientToken).toBe("same-token");
    const mismatch = await rejectionOf(ib.send(new CreateWorkflowCommand({ ...input, description: "changed" })));
    expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(mismatch.$metadata.httpStatusCode).toBe(400);
    expect(mismatch.message).toContain("same-token");
    const tooLong = await rejectionOf(ib.send(new CreateWorkflowCommand({ ...input, clientToken: "t".repeat(65) })));
    expect(tooLong.message).toContain("at 'clientToken' failed to satisfy constraint: Member must have length less than or equal to 64");
    // Only one build exists: the replay created nothing.
    expect((await ib.send(new ListWorkflowBuildVersionsCommand({ workflowVersionArn: arn("workflow/build/idem/1.0.0") }))).workflowSummaryList).toHaveLength(1);
  });

  it("gets the newest build for version ARNs with x wildcards, and refuses misplaced wildcards", async () => {
    await createWorkflow("wild", "BUILD", WAITING_BUILD_WORKFLOW, "1.6.8");
    await createWorkflow("wild", "BUILD", WAITING_BUILD_WORKFLOW, "1.7.8");
    await createWorkflow("wild", "BUILD", WAITING_BUILD_WORKFLOW, "2.2.4");
    const get = async (selector: string) => (await ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn(`workflow/build/wild/${selector}`) }))).workflow!.version;
    expect(await get("x.x.x")).toBe("2.2.4");
    expect(await get("1.x.x")).toBe("1.7.8");
    expect(await get("1.6.x")).toBe("1.6.8");
    expect(await get("1.6.8")).toBe("1.6.8");
    const misplaced = await rejectionOf(ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn("workflow/build/wild/x.2.x") })));
    expect(misplaced).toBeInstanceOf(InvalidRequestException);
    expect(misplaced.message).toContain("once a node is x");
    const missing = await rejectionOf(ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn("workflow/build/wild/3.x.x") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const wrongType = await rejectionOf(ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn("workflow/test/wild/x.x.x") })));
    expect(wrongType).toBeInstanceOf(ResourceNotFoundException);
    const badArn = await rejectionOf(ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: "arn:aws:imagebuilder:us-east-1:123456789012:component/x/1.0.0/1" })));
    expect(badArn).toBeInstanceOf(InvalidRequestException);
  });

  it("serves the AWS-managed workflows", async () => {
    const { workflow } = await ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: managedArn("workflow/build/build-image/x.x.x") }));
    expect(workflow).toMatchObject({ name: "build-image", type: "BUILD", owner: "Amazon" });
    expect(workflow?.data).toContain("LaunchBuildInstance");
    const managed = await ib.send(new ListWorkflowsCommand({ owner: "Amazon" }));
    expect(managed.workflowVersionList?.map((w) => w.name)).toEqual(expect.arrayContaining(["build-image", "test-image", "build-container", "test-container"]));
  });

  it("lists versions (newest build's details) and build versions newest first, with paginators and filters", async () => {
    for (const name of ["alpha", "beta", "gamma"]) await createWorkflow(name);
    await createWorkflow("alpha", "BUILD", WAITING_BUILD_WORKFLOW, "1.1.0");
    await createWorkflow("alpha", "BUILD", WAITING_BUILD_WORKFLOW, "1.1.0");
    const pages: string[][] = [];
    for await (const page of paginateListWorkflows({ client: ib, pageSize: 2 }, {})) pages.push(page.workflowVersionList!.map((w) => w.arn!));
    expect(pages).toEqual([
      [arn("workflow/build/alpha/1.0.0"), arn("workflow/build/alpha/1.1.0")],
      [arn("workflow/build/beta/1.0.0"), arn("workflow/build/gamma/1.0.0")],
    ]);
    const byName = await ib.send(new ListWorkflowsCommand({ byName: true }));
    expect(byName.workflowVersionList?.map((w) => w.version)).toEqual(["1.1.0", "1.0.0", "1.0.0"]);
    const filtered = await ib.send(new ListWorkflowsCommand({ filters: [{ name: "name", values: ["beta", "gamma"] }] }));
    expect(filtered.workflowVersionList?.map((w) => w.name)).toEqual(["beta", "gamma"]);
    const badFilter = await rejectionOf(ib.send(new ListWorkflowsCommand({ filters: [{ name: "color", values: ["red"] }] })));
    expect(badFilter).toBeInstanceOf(InvalidRequestException);
    expect(badFilter.message).toContain("'color'");

    const builds: string[] = [];
    for await (const page of paginateListWorkflowBuildVersions({ client: ib, pageSize: 2 }, { workflowVersionArn: arn("workflow/build/alpha/x.x.x") })) {
      builds.push(...page.workflowSummaryList!.map((w) => w.arn!));
    }
    expect(builds).toEqual([arn("workflow/build/alpha/1.1.0/2"), arn("workflow/build/alpha/1.1.0/1"), arn("workflow/build/alpha/1.0.0/1")]);
    const oneVersion = await ib.send(new ListWorkflowBuildVersionsCommand({ workflowVersionArn: arn("workflow/build/alpha/1.0.0") }));
    expect(oneVersion.workflowSummaryList?.map((w) => w.arn)).toEqual([arn("workflow/build/alpha/1.0.0/1")]);

    const badToken = await rejectionOf(ib.send(new ListWorkflowsCommand({ nextToken: "garbage" })));
    expect(badToken.name).toBe("InvalidPaginationTokenException");
    expect(badToken.$metadata.httpStatusCode).toBe(400);
    const missingArn = await rejectionOf(ib.send(new ListWorkflowBuildVersionsCommand({})));
    expect(missingArn.message).toContain("'workflowVersionArn' failed to satisfy constraint: Member must not be null");
  });

  it("deletes a build version, refusing one a pipeline depends on with ResourceDependencyException", async () => {
    const workflow = await createWorkflow("used");
    const recipe = await createRecipe("wf-recipe");
    const infra = await createInfrastructure("wf-infra");
    const pipeline = await ib.send(new CreateImagePipelineCommand({ name: "wf-pipe", imageRecipeArn: recipe, infrastructureConfigurationArn: infra, workflows: [{ workflowArn: arn("workflow/build/used/1.x.x") }] }));
    const blocked = await rejectionOf(ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: workflow })));
    expect(blocked).toBeInstanceOf(ResourceDependencyException);
    expect(blocked.message).toContain(pipeline.imagePipelineArn);

    // With a second build the wildcard reference no longer needs the first one.
    await createWorkflow("used");
    const deleted = await ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: workflow }));
    expect(deleted.workflowBuildVersionArn).toBe(workflow);
    expect(await rejectionOf(ib.send(new GetWorkflowCommand({ workflowBuildVersionArn: workflow })))).toBeInstanceOf(ResourceNotFoundException);
    const again = await rejectionOf(ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: workflow })));
    expect(again).toBeInstanceOf(ResourceNotFoundException);
    const versionOnly = await rejectionOf(ib.send(new DeleteWorkflowCommand({ workflowBuildVersionArn: arn("workflow/build/used/1.0.0") })));
    expect(versionOnly).toBeInstanceOf(InvalidRequestException);
  });
});
