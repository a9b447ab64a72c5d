import * as sdk from "@aws-sdk/client-imagebuilder";
import { GetComponentCommand } from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createComponent, createWorkflow, ib, LINUX_PARENT, startImage } from "./fixtures.js";

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
});
