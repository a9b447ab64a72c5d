import { CreateWorkflowCommand, GetWorkflowCommand } from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { warningsDuring } from "../../support/warnings.js";
import { omics, zipOf } from "./helpers.js";

/**
 * A CWL definition YAML warns about (an unresolved tag) is read like any other, and nothing is
 * printed: the YAML library's warnings went to the caller's test output as Node process
 * warnings. (Found with the property suites.)
 */
describe("HealthOmics CWL definitions the YAML library warns about", () => {
  it("are read without a process warning", async () => {
    const cwl = "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs:\n  message:\n    type: string\n    label: !custom What to say\noutputs: []\n";
    const warnings = await warningsDuring(async () => {
      const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "main.cwl": cwl }) }));
      await omics.send(new GetWorkflowCommand({ id }));
      const workflow = await omics.send(new GetWorkflowCommand({ id }));
      expect(workflow.status).toBe("ACTIVE");
      expect(workflow.parameterTemplate).toEqual({ message: { description: "What to say", optional: false } });
    });
    expect(warnings).toEqual([]);
  });
});
