import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  DeleteComponentCommand,
  DryRunOperationException,
  GetComponentCommand,
  GetComponentPolicyCommand,
  IdempotentParameterMismatchException,
  ImportComponentCommand,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  InvalidRequestException,
  InvalidVersionNumberException,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
  paginateListComponentBuildVersions,
  paginateListComponents,
  PutComponentPolicyCommand,
  ResourceDependencyException,
  ResourceNotFoundException,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, COMPONENT_DOC, createComponent, ib, LINUX_PARENT, managedArn, TEST_COMPONENT_DOC } from "./fixtures.js";

const SHARE_POLICY = (account: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${account}:root`] }, Action: ["imagebuilder:GetComponent", "imagebuilder:ListComponents"] }] });

describe("Image Builder components", () => {
  it("creates a component from YAML and reads it back with its parameters, type and encryption", async () => {
    const created = await ib.send(
      new CreateComponentCommand({ name: "Hello World", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC, description: "says hi", supportedOsVersions: ["Amazon Linux 2023"], clientToken: "c-1", tags: { a: "b" } }),
    );
    expect(created.componentBuildVersionArn).toBe(arn("component/hello-world/1.0.0/1"));
    expect(created.clientToken).toBe("c-1");
    expect(created.requestId).toBe(created.$metadata.requestId);
    const { component, latestVersionReferences } = await ib.send(new GetComponentCommand({ componentBuildVersionArn: created.componentBuildVersionArn }));
    expect(component).toMatchObject({
      name: "Hello World",
      version: "1.0.0",
      type: "BUILD",
      platform: "Linux",
      owner: "123456789012",
      encrypted: true,
      description: "says hi",
      supportedOsVersions: ["Amazon Linux 2023"],
      state: { status: "ACTIVE" },
      data: COMPONENT_DOC,
      tags: { a: "b" },
      parameters: [{ name: "Greeting", type: "String", defaultValue: ["hello"], description: "What to say" }],
    });
    expect(latestVersionReferences?.latestVersionArn).toBe(arn("component/hello-world/x.x.x"));
  });

  it("derives the type from the document's phases and increments builds of the same version", async () => {
    const test = await createComponent("checker", "1.0.0", TEST_COMPONENT_DOC);
    expect((await ib.send(new GetComponentCommand({ componentBuildVersionArn: test }))).component?.type).toBe("TEST");
    expect(await createComponent("checker", "1.0.0", TEST_COMPONENT_DOC)).toBe(arn("component/checker/1.0.0/2"));
    const latest = await ib.send(new GetComponentCommand({ componentBuildVersionArn: arn("component/checker/1.0.0") }));
    expect(latest.component?.arn).toBe(arn("component/checker/1.0.0/2"));
  });

  it("rejects bad versions, documents, and data/uri combinations", async () => {
    const version = await rejectionOf(ib.send(new CreateComponentCommand({ name: "bad", semanticVersion: "1.x.0", platform: "Linux", data: COMPONENT_DOC })));
    expect(version).toBeInstanceOf(InvalidVersionNumberException);
    const both = await rejectionOf(ib.send(new CreateComponentCommand({ name: "bad", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC, uri: "s3://b/k" })));
    expect(both).toBeInstanceOf(InvalidParameterCombinationException);
    const neither = await rejectionOf(ib.send(new CreateComponentCommand({ name: "bad", semanticVersion: "1.0.0", platform: "Linux" })));
    expect(neither).toBeInstanceOf(InvalidRequestException);
    for (const [data, problem] of [
      ["phases: [", "not valid YAML"],
      ["name: x", "non-empty 'phases'"],
      ["phases:\n  - name: deploy\n    steps: [{name: a, action: b}]", "'deploy'"],
      ["phases:\n  - name: build\n    steps: []", "non-empty 'steps'"],
      ["phases:\n  - name: build\n    steps: [{name: a}]", "'action'"],
      // An alias inside its own anchor: the default never ends (was a bare TypeError).
      ["phases:\n  - name: build\n    steps: [{name: a, action: b}]\nparameters:\n  - p: {type: string, default: &d [*d]}", "refers to a node that contains it"],
    ] as const) {
      const error = await rejectionOf(ib.send(new CreateComponentCommand({ name: "bad", semanticVersion: "1.0.0", platform: "Linux", data })));
      expect(error, data).toBeInstanceOf(InvalidRequestException);
      expect(error.message, data).toContain(problem);
    }
    const platform = await rejectionOf(ib.send(new CreateComponentCommand({ name: "bad", semanticVersion: "1.0.0", platform: "Solaris" as never, data: COMPONENT_DOC })));
    expect(platform.message).toContain("enum value set: [Linux, macOS, Windows]");
    expect((await ib.send(new ListComponentsCommand({}))).componentVersionList).toEqual([]);
  });

  it("dryRun answers DryRunOperationException and stores nothing", async () => {
    const error = await rejectionOf(ib.send(new CreateComponentCommand({ name: "dry", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC, dryRun: true })));
    expect(error).toBeInstanceOf(DryRunOperationException);
    expect(error.$metadata.httpStatusCode).toBe(412);
    expect((await ib.send(new ListComponentsCommand({}))).componentVersionList).toEqual([]);
  });

  it("replays and refuses reused client tokens", async () => {
    const input = { name: "idem", semanticVersion: "1.0.0", platform: "Linux" as const, data: COMPONENT_DOC, clientToken: "component-token" };
    const first = await ib.send(new CreateComponentCommand(input));
    expect((await ib.send(new CreateComponentCommand(input))).componentBuildVersionArn).toBe(first.componentBuildVersionArn);
    const mismatch = await rejectionOf(ib.send(new CreateComponentCommand({ ...input, platform: "Windows" })));
    expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);
  });

  it("imports a shell script as a component of the given type", async () => {
    const imported = await ib.send(new ImportComponentCommand({ name: "script", semanticVersion: "2.0.0", type: "TEST", format: "SHELL", platform: "Linux", data: "echo ok", clientToken: "import-1" }));
    expect(imported.componentBuildVersionArn).toBe(arn("component/script/2.0.0/1"));
    const { component } = await ib.send(new GetComponentCommand({ componentBuildVersionArn: imported.componentBuildVersionArn }));
    expect(component?.type).toBe("TEST");
    expect(component?.data).toContain("echo ok");
    const format = await rejectionOf(ib.send(new ImportComponentCommand({ name: "script", semanticVersion: "2.0.0", type: "TEST", format: "POWERSHELL" as never, platform: "Linux", data: "x" })));
    expect(format).toBeInstanceOf(InvalidRequestException);
    const both = await rejectionOf(ib.send(new ImportComponentCommand({ name: "script", semanticVersion: "2.0.0", type: "TEST", format: "SHELL", platform: "Linux", data: "x", uri: "s3://b/k" })));
    expect(both).toBeInstanceOf(InvalidParameterCombinationException);
    const version = await rejectionOf(ib.send(new ImportComponentCommand({ name: "script", semanticVersion: "2", type: "TEST", format: "SHELL", platform: "Linux", data: "x" })));
    expect(version).toBeInstanceOf(InvalidVersionNumberException);
  });

  it("gets by build ARN, version ARN and wildcards, and reports missing components as ResourceNotFoundException", async () => {
    await createComponent("multi", "1.0.0");
    await createComponent("multi", "1.2.0");
    await createComponent("multi", "1.2.0");
    const version = async (selector: string) => (await ib.send(new GetComponentCommand({ componentBuildVersionArn: arn(`component/multi/${selector}`) }))).component!.arn;
    expect(await version("x.x.x")).toBe(arn("component/multi/1.2.0/2"));
    expect(await version("1.0.x")).toBe(arn("component/multi/1.0.0/1"));
    expect(await version("1.2.0/1")).toBe(arn("component/multi/1.2.0/1"));
    const missing = await rejectionOf(ib.send(new GetComponentCommand({ componentBuildVersionArn: arn("component/multi/9.x.x") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toContain("component/multi/9.x.x");
    const otherRegion = await rejectionOf(ib.send(new GetComponentCommand({ componentBuildVersionArn: "arn:aws:imagebuilder:eu-west-1:123456789012:component/multi/1.0.0/1" })));
    expect(otherRegion).toBeInstanceOf(ResourceNotFoundException);
    const managed = await ib.send(new GetComponentCommand({ componentBuildVersionArn: managedArn("component/update-linux/x.x.x") }));
    expect(managed.component).toMatchObject({ name: "update-linux", owner: "Amazon", platform: "Linux" });
  });

  it("lists versions and build versions with the SDK paginators, filters and owners", async () => {
    for (const name of ["a-comp", "b-comp", "c-comp"]) await createComponent(name);
    await createComponent("a-comp", "1.1.0");
    await createComponent("a-comp", "1.1.0");
    const versions: string[] = [];
    for await (const page of paginateListComponents({ client: ib, pageSize: 2 }, {})) versions.push(...page.componentVersionList!.map((v) => v.arn!));
    expect(versions).toEqual([arn("component/a-comp/1.0.0"), arn("component/a-comp/1.1.0"), arn("component/b-comp/1.0.0"), arn("component/c-comp/1.0.0")]);
    const byName = await ib.send(new ListComponentsCommand({ byName: true }));
    expect(byName.componentVersionList?.map((v) => `${v.name}@${v.version}`)).toEqual(["a-comp@1.1.0", "b-comp@1.0.0", "c-comp@1.0.0"]);
    const filtered = await ib.send(new ListComponentsCommand({ filters: [{ name: "version", values: ["1.1.0"] }, { name: "type", values: ["BUILD"] }] }));
    expect(filtered.componentVersionList?.map((v) => v.name)).toEqual(["a-comp"]);
    const amazon = await ib.send(new ListComponentsCommand({ owner: "Amazon", filters: [{ name: "platform", values: ["Linux"] }] }));
    expect(amazon.componentVersionList?.every((v) => v.owner === "Amazon" && v.platform === "Linux")).toBe(true);
    expect((await ib.send(new ListComponentsCommand({ owner: "ThirdParty" }))).componentVersionList).toEqual([]);

    const builds: string[] = [];
    for await (const page of paginateListComponentBuildVersions({ client: ib, pageSize: 1 }, { componentVersionArn: arn("component/a-comp/1.1.0") })) {
      builds.push(...page.componentSummaryList!.map((c) => c.arn!));
    }
    expect(builds).toEqual([arn("component/a-comp/1.1.0/2"), arn("component/a-comp/1.1.0/1")]);
    expect((await ib.send(new ListComponentBuildVersionsCommand({ componentVersionArn: arn("component/none/1.0.0") }))).componentSummaryList).toEqual([]);
    const wildcard = await rejectionOf(ib.send(new ListComponentBuildVersionsCommand({ componentVersionArn: arn("component/a-comp/1.x.x") })));
    expect(wildcard).toBeInstanceOf(InvalidRequestException);
    const page = await rejectionOf(ib.send(new ListComponentsCommand({ maxResults: 26 })));
    expect(page.message).toContain("Member must have value less than or equal to 25");
  });

  it("puts and gets resource policies; a shared component is visible to the other account", async () => {
    const component = await createComponent("shared");
    const none = await rejectionOf(ib.send(new GetComponentPolicyCommand({ componentArn: component })));
    expect(none).toBeInstanceOf(ResourceNotFoundException);
    const invalid = await rejectionOf(ib.send(new PutComponentPolicyCommand({ componentArn: component, policy: "{not json" })));
    expect(invalid).toBeInstanceOf(InvalidParameterValueException);
    expect(invalid.message).toContain("not valid JSON");
    const put = await ib.send(new PutComponentPolicyCommand({ componentArn: component, policy: SHARE_POLICY("210987654321") }));
    expect(put.componentArn).toBe(component);
    expect((await ib.send(new GetComponentPolicyCommand({ componentArn: component }))).policy).toBe(SHARE_POLICY("210987654321"));
    const missing = await rejectionOf(ib.send(new PutComponentPolicyCommand({ componentArn: arn("component/ghost/1.0.0/1"), policy: SHARE_POLICY("210987654321") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);

    const other = new (ib.constructor as typeof import("@aws-sdk/client-imagebuilder").ImagebuilderClient)({ credentials: aws.credentialsFor("210987654321") });
    const seen = await other.send(new GetComponentCommand({ componentBuildVersionArn: component }));
    expect(seen.component?.owner).toBe("123456789012");
    const shared = await other.send(new ListComponentsCommand({ owner: "Shared" }));
    expect(shared.componentVersionList?.map((v) => v.arn)).toEqual([arn("component/shared/1.0.0")]);
    // A third account sees nothing.
    const stranger = new (ib.constructor as typeof import("@aws-sdk/client-imagebuilder").ImagebuilderClient)({ credentials: aws.credentialsFor("333333333333") });
    expect(await rejectionOf(stranger.send(new GetComponentCommand({ componentBuildVersionArn: component })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("deletes a build, refusing one a recipe still needs", async () => {
    const component = await createComponent("needed");
    await ib.send(new CreateImageRecipeCommand({ name: "needs-it", semanticVersion: "1.0.0", parentImage: LINUX_PARENT, components: [{ componentArn: arn("component/needed/x.x.x") }] }));
    const blocked = await rejectionOf(ib.send(new DeleteComponentCommand({ componentBuildVersionArn: component })));
    expect(blocked).toBeInstanceOf(ResourceDependencyException);
    expect(blocked.message).toContain("image-recipe/needs-it/1.0.0");
    const spare = await createComponent("spare");
    expect((await ib.send(new DeleteComponentCommand({ componentBuildVersionArn: spare }))).componentBuildVersionArn).toBe(spare);
    expect(await rejectionOf(ib.send(new DeleteComponentCommand({ componentBuildVersionArn: spare })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new GetComponentCommand({ componentBuildVersionArn: spare })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
