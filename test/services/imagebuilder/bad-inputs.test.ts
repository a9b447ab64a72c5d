import * as sdk from "@aws-sdk/client-imagebuilder";
import { CreateComponentCommand, CreateImageRecipeCommand, GetComponentCommand, ImagebuilderServiceException, ListComponentsCommand, StartImagePipelineExecutionCommand } from "@aws-sdk/client-imagebuilder";
import { NormalizedSchema } from "@smithy/core/schema";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { inputSchemaOf, sdkOperations } from "../../support/fuzz.js";
import { arn, COMPONENT_DOC, createComponent, createWorkflow, ib, LINUX_PARENT, pollImage, startImage } from "./fixtures.js";
import { buildWorld, requestsFor, type World } from "./requests.js";

/**
 * Requests a caller can get wrong, sent through the real ImagebuilderClient: each member of a
 * valid request of every operation replaced by a value of the wrong type, an empty or huge
 * string, a malformed ARN or a number out of range. Every one must come back as a modelled
 * Image Builder error with a 4xx status (never a TypeError or an aws-doubles defect), and what
 * was stored before must read back unchanged.
 */

type Command = new (input: Record<string, unknown>) => Parameters<typeof ib.send>[0];
const commands = sdk as unknown as Record<string, Command>;
const OPERATIONS = sdkOperations(sdk);

function send(operation: string, input: Record<string, unknown>): Promise<unknown> {
  return ib.send(new commands[`${operation}Command`]!(input));
}

type Member = ReturnType<typeof NormalizedSchema.of>;

/** Values that are wrong for a member of this shape (or at least unusual, for strings). */
function badValues(member: Member): unknown[] {
  const traits = member.getMergedTraits();
  if (member.isStructSchema()) return ["not a structure", [1]];
  // A list bound to the query string must be a list for the SDK to serialize it at all.
  if (member.isListSchema()) return traits.httpQuery !== undefined ? [[42]] : [{}, [42]];
  if (member.isMapSchema()) return [[1], { "": "value" }];
  if (member.isTimestampSchema()) return ["not a date"];
  if (member.isBooleanSchema()) return ["yes"];
  if (member.isNumericSchema()) return [-1, 2 ** 53, "7"];
  // The SDK itself refuses an empty path label before sending.
  const empty = traits.httpLabel !== undefined ? [] : [""];
  if (member.isStringSchema()) return [...empty, "x".repeat(70_000), "arn:aws:imagebuilder:us-east-1:123456789012:nope/x", 42];
  return [];
}

/** What a call came back with: nothing for a success, else a description of a wrong kind of failure. */
async function misbehaviour(operation: string, input: Record<string, unknown>): Promise<string | undefined> {
  try {
    await send(operation, input);
    return undefined;
  } catch (error) {
    const status = (error as ImagebuilderServiceException).$metadata?.httpStatusCode ?? 0;
    if (error instanceof ImagebuilderServiceException && status >= 400 && status < 500) return undefined;
    return `${(error as Error).name} (${status}): ${(error as Error).message.slice(0, 160)}`;
  }
}

/** The resources no request of the sweep may change, as they read back. */
async function untouchable(w: World): Promise<unknown[]> {
  const reads: Array<[string, Record<string, unknown>]> = [
    ["GetComponent", { componentBuildVersionArn: w.component }],
    ["GetComponentPolicy", { componentArn: w.component }],
    ["GetWorkflow", { workflowBuildVersionArn: w.workflow }],
    ["GetWorkflow", { workflowBuildVersionArn: w.testWorkflow }],
    ["GetImageRecipe", { imageRecipeArn: w.recipe }],
    ["GetImageRecipePolicy", { imageRecipeArn: w.recipe }],
    ["GetContainerRecipe", { containerRecipeArn: w.containerRecipe }],
    ["ListTagsForResource", { resourceArn: w.component }],
    ["ListTagsForResource", { resourceArn: w.recipe }],
  ];
  const out: unknown[] = [];
  for (const [operation, input] of reads) {
    out.push(
      await send(operation, input).then(
        (result) => ({ ...(result as object), $metadata: undefined, requestId: undefined }),
        (error: Error) => error.name,
      ),
    );
  }
  return out;
}

describe("Image Builder: bad inputs through the real client", () => {
  it("has a valid request for each of the 77 operations, each answered with a success or a modelled 4xx error", async () => {
    const world = await buildWorld();
    const requests = requestsFor(world);
    expect(OPERATIONS).toHaveLength(77);
    expect(Object.keys(requests).sort()).toEqual([...OPERATIONS].sort());
    const wrong: string[] = [];
    for (const operation of OPERATIONS) {
      const problem = await misbehaviour(operation, requests[operation]!(0));
      if (problem) wrong.push(`${operation}: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers a bad value in any member of any operation with a modelled 4xx error, leaving stored resources as they were", async () => {
    const world = await buildWorld();
    const requests = requestsFor(world);
    const before = await untouchable(world);
    const wrong: string[] = [];
    let n = 0;
    let calls = 0;
    for (const operation of OPERATIONS) {
      for (const [member, schema] of inputSchemaOf(sdk, operation).structIterator()) {
        for (const value of badValues(schema)) {
          calls++;
          const problem = await misbehaviour(operation, { ...requests[operation]!(++n), [member]: value });
          if (problem) wrong.push(`${operation}.${member} = ${JSON.stringify(value).slice(0, 40)}: ${problem}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
    expect(await untouchable(world)).toEqual(before);
    // The store still works: the pipeline builds, and every list of the world answers.
    const { imageBuildVersionArn } = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: world.pipeline }));
    aws.settle();
    expect((await pollImage(imageBuildVersionArn!, ["AVAILABLE", "FAILED"])).status).toBe("AVAILABLE");
    for (const operation of OPERATIONS.filter((o) => o.startsWith("List"))) await send(operation, requests[operation]!(0));
  });

  it("does not find resources through ARNs of another partition", async () => {
    const component = await createComponent("partitioned");
    const workflow = await createWorkflow("partitioned");
    const image = await startImage({ recipeName: "partitioned" });
    const china = (resourceArn: string) => resourceArn.replace(/^arn:aws:/, "arn:aws-cn:");
    const cases: Array<[string, Record<string, unknown>]> = [
      ["GetComponent", { componentBuildVersionArn: china(component) }],
      ["GetWorkflow", { workflowBuildVersionArn: china(workflow) }],
      ["GetImage", { imageBuildVersionArn: china(image) }],
      ["ListTagsForResource", { resourceArn: china(image) }],
      ["CreateImageRecipe", { name: "cn-recipe", semanticVersion: "1.0.0", parentImage: LINUX_PARENT, components: [{ componentArn: china(component) }] }],
    ];
    for (const [operation, input] of cases) {
      const error = await rejectionOf(send(operation, input));
      expect(error.name, operation).toBe("ResourceNotFoundException");
      expect(error.message, operation).toContain("arn:aws-cn:");
    }
    const { workflowSummaryList } = await ib.send(new sdk.ListWorkflowBuildVersionsCommand({ workflowVersionArn: china(workflow.replace(/\/1$/, "")) }));
    expect(workflowSummaryList).toEqual([]);
    expect((await ib.send(new GetComponentCommand({ componentBuildVersionArn: component }))).component?.arn).toBe(component);
  });

  it("refuses NUL characters in component and workflow parameter values, and filter values outside the FilterValue pattern", async () => {
    const component = await createComponent("with-params");
    const recipe = await rejectionOf(
      ib.send(new CreateImageRecipeCommand({ name: "nul-recipe", semanticVersion: "1.0.0", parentImage: LINUX_PARENT, components: [{ componentArn: component, parameters: [{ name: "Greeting", value: ["a\u0000b"] }] }] })),
    );
    expect(recipe).toBeInstanceOf(sdk.InvalidRequestException);
    expect(recipe.message).toContain("'components.1.member.parameters.1.member.value.1.member'");
    // Empty values are allowed (ComponentParameterValue has no minimum length).
    await ib.send(new CreateImageRecipeCommand({ name: "empty-param", semanticVersion: "1.0.0", parentImage: LINUX_PARENT, components: [{ componentArn: component, parameters: [{ name: "Greeting", value: [""] }] }] }));

    const workflow = await createWorkflow("nul-workflow");
    const image = await rejectionOf(startImage({ recipeName: "nul-image", workflows: [{ workflowArn: workflow, parameters: [{ name: "waitForApproval", value: ["\u0000"] }] }] }));
    expect(image).toBeInstanceOf(sdk.InvalidRequestException);
    expect(image.message).toContain("'workflows.1.member.parameters.1.member.value.1.member'");

    await ib.send(new CreateComponentCommand({ name: "listed", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC }));
    const filter = await rejectionOf(ib.send(new ListComponentsCommand({ filters: [{ name: "name", values: ["<listed>"] }] })));
    expect(filter).toBeInstanceOf(sdk.InvalidRequestException);
    expect(filter.message).toContain("'filters.1.member.values.1.member'");
    const findings = await rejectionOf(ib.send(new sdk.ListImageScanFindingsCommand({ filters: [{ name: "severity", values: ["HIGH!"] }] })));
    expect(findings).toBeInstanceOf(sdk.InvalidRequestException);
  });

  it("takes workflow parameter and step names such as constructor and __proto__ as plain names", async () => {
    const document = [
      "parameters:",
      "  - name: constructor",
      "    type: string",
      "  - name: __proto__",
      "    type: string",
      "    default: kept",
      "steps:",
      "  - name: constructor",
      "    action: LaunchInstance",
      "  - name: WhenGiven",
      "    action: RunCommand",
      "    if:",
      "      and:",
      "        - stringEquals: given",
      '          value: "$.parameters.constructor"',
      "        - stringEquals: kept",
      '          value: "$.parameters.__proto__"',
      "  - name: WhenLaunched",
      "    action: TerminateInstance",
      "    if:",
      "      not:",
      "        stringEquals: Object",
      '        value: "$.stepOutputs.valueOf.name"',
      "",
    ].join("\n");
    const workflow = await createWorkflow("odd-names", "BUILD", document);
    const image = await startImage({ recipeName: "odd-names", tests: false, workflows: [{ workflowArn: workflow, parameters: [{ name: "constructor", value: ["given"] }] }] });
    aws.settle();
    const [execution] = (await ib.send(new sdk.ListWorkflowExecutionsCommand({ imageBuildVersionArn: image }))).workflowExecutions!;
    const { steps } = await ib.send(new sdk.ListWorkflowStepExecutionsCommand({ workflowExecutionId: execution!.workflowExecutionId }));
    expect(steps!.map((step) => [step.name, step.status])).toEqual([
      ["constructor", "COMPLETED"],
      ["WhenGiven", "COMPLETED"],
      ["WhenLaunched", "COMPLETED"],
    ]);
  });

  it("answers a workflow document value that is a mapping with a toString or valueOf key with InvalidRequestException, and compares one in a condition as its JSON", async () => {
    const steps = (extra: string) => `steps:\n  - name: Launch\n    action: LaunchInstance\n${extra}`;
    const refused: Array<[string, string]> = [
      [`schemaVersion: {toString: 1}\n${steps("")}`, `schemaVersion '{"toString":1}'`],
      ["steps:\n  - name: Launch\n    action: {valueOf: 1}\n", `action '{"valueOf":1}'`],
      [steps("    onFailure: {toString: 1}\n"), `onFailure '{"toString":1}'`],
      [steps("    timeoutSeconds: {toString: 1}\n"), `timeoutSeconds '{"toString":1}'`],
      [`parameters:\n  - name: p\n    type: {toString: 1}\n${steps("")}`, `type '{"toString":1}'`],
    ];
    for (const [index, [data, shown]] of refused.entries()) {
      const error = await rejectionOf(ib.send(new sdk.CreateWorkflowCommand({ name: `odd-value-${index}`, semanticVersion: "1.0.0", type: "BUILD", data })));
      expect(error, data).toBeInstanceOf(sdk.InvalidRequestException);
      expect(error.message).toContain(shown);
    }

    const document = [
      "steps:",
      "  - name: LaunchBuild",
      "    action: LaunchInstance",
      "  - name: NeverEqual",
      "    action: RunCommand",
      "    if:",
      "      stringEquals: {toString: x}",
      '      value: "$.imagebuilder.imageType"',
      "  - name: NeverNumber",
      "    action: RunCommand",
      "    if:",
      "      numberGreaterThan: [{valueOf: 1}]",
      "      value: 2",
      "",
    ].join("\n");
    const workflow = await createWorkflow("odd-operands", "BUILD", document);
    const image = await startImage({ recipeName: "odd-operands", tests: false, workflows: [{ workflowArn: workflow }] });
    aws.settle();
    const [execution] = (await ib.send(new sdk.ListWorkflowExecutionsCommand({ imageBuildVersionArn: image }))).workflowExecutions!;
    const { steps: ran } = await ib.send(new sdk.ListWorkflowStepExecutionsCommand({ workflowExecutionId: execution!.workflowExecutionId }));
    expect(ran!.map((step) => [step.name, step.status])).toEqual([
      ["LaunchBuild", "COMPLETED"],
      ["NeverEqual", "SKIPPED"],
      ["NeverNumber", "SKIPPED"],
    ]);
  });

  it("answers every list given another request's page token with InvalidPaginationTokenException, and an unknown filter name with InvalidRequestException", async () => {
    const world = await buildWorld();
    const requests = requestsFor(world);
    await createComponent("another-component");
    await createComponent("another-component");
    const fromComponents = (await ib.send(new ListComponentsCommand({ maxResults: 1 }))).nextToken;
    const fromBuilds = (await ib.send(new sdk.ListComponentBuildVersionsCommand({ componentVersionArn: arn("component/another-component/1.0.0"), maxResults: 1 }))).nextToken;
    expect(fromComponents).toBeDefined();
    expect(fromBuilds).toBeDefined();
    const lists = OPERATIONS.filter((o) => o.startsWith("List") && o !== "ListTagsForResource");
    expect(lists).toHaveLength(21);
    for (const operation of lists) {
      const nextToken = operation === "ListComponents" ? fromBuilds : fromComponents;
      const token = await rejectionOf(send(operation, { ...requests[operation]!(0), nextToken }));
      expect(token, operation).toBeInstanceOf(sdk.InvalidPaginationTokenException);
      expect(token.$metadata.httpStatusCode, operation).toBe(400);
      const members = [...inputSchemaOf(sdk, operation).structIterator()].map(([name]) => name);
      const filterMember = members.includes("filters") ? "filters" : members.includes("filter") ? "filter" : undefined;
      if (!filterMember) continue;
      // `valueOf` is no filter either, though every JavaScript object has one.
      for (const name of ["bogus", "valueOf"]) {
        const bogus = { name, values: ["x"] };
        const filter = await rejectionOf(send(operation, { ...requests[operation]!(0), [filterMember]: filterMember === "filters" ? [bogus] : bogus }));
        expect(filter, `${operation} ${name}`).toBeInstanceOf(sdk.InvalidRequestException);
        expect(filter.message, `${operation} ${name}`).toContain(`'${name}' is not supported`);
      }
    }
  });
});
