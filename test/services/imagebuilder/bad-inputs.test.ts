import * as sdk from "@aws-sdk/client-imagebuilder";
import { CreateComponentCommand, CreateImageRecipeCommand, GetComponentCommand, ListComponentsCommand } from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { COMPONENT_DOC, createComponent, createWorkflow, ib, LINUX_PARENT, startImage } from "./fixtures.js";

/** Requests a caller can get wrong, sent through the real ImagebuilderClient. */

type Command = new (input: Record<string, unknown>) => Parameters<typeof ib.send>[0];
const commands = sdk as unknown as Record<string, Command>;

function send(operation: string, input: Record<string, unknown>): Promise<unknown> {
  return ib.send(new commands[`${operation}Command`]!(input));
}

describe("Image Builder: bad inputs through the real client", () => {
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
});
