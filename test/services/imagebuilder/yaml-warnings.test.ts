import { CreateComponentCommand, CreateWorkflowCommand, InvalidRequestException } from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { warningsDuring } from "../../support/warnings.js";
import { COMPONENT_DOC, ib } from "./fixtures.js";

/**
 * A document YAML warns about (an unresolved tag such as `!ame:`, one character off `name:`)
 * is judged like any other, and nothing is printed: the YAML library's warnings went to the
 * caller's test output as Node process warnings. (Found by the property suites.)
 */
describe("Image Builder documents the YAML library warns about", () => {
  it("are refused or taken without a process warning", async () => {
    const warnings = await warningsDuring(async () => {
      const component = await rejectionOf(ib.send(new CreateComponentCommand({ name: "tagged", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC.replace(/^name:/, "!ame:") })));
      expect(component).toBeInstanceOf(InvalidRequestException);
      const workflow = await rejectionOf(ib.send(new CreateWorkflowCommand({ name: "tagged", semanticVersion: "1.0.0", type: "BUILD", data: "!teps: []\n" })));
      expect(workflow).toBeInstanceOf(InvalidRequestException);
      // A tag on a value the document does not need still parses.
      await ib.send(new CreateComponentCommand({ name: "tagged-value", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_DOC.replace("description: Says hello", "description: !custom Says hello") }));
    });
    expect(warnings).toEqual([]);
  });
});
