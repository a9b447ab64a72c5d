import { CreateWorkflowCommand, GetWorkflowCommand, GlueClient } from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { expect, it } from "vitest";
import { usageErrorOf } from "../support/errors.js";

/**
 * A matcher given an argument it cannot use says what it expected and what it got, in words a
 * person can act on: never a silently different reading of the argument.
 */

it("names a Command instance passed for its class", async () => {
  await new GlueClient({}).send(new CreateWorkflowCommand({ Name: "w" }));
  expect(usageErrorOf(() => expect(aws).toHaveReceivedCommand(new GetWorkflowCommand({ Name: "w" }) as never)).message).toBe(
    "Expected a Command class, got an instance of GetWorkflowCommand: pass the class (GetWorkflowCommand) and the expected input as the next argument.",
  );
  expect(usageErrorOf(() => expect(aws).toHaveReceivedCommand((() => 1) as never)).message).toMatch(/got a function \(anonymous\) that is not a Command class$/);
});

it("refuses an operation name with an extra or empty part instead of reading part of it", async () => {
  await new GlueClient({}).send(new CreateWorkflowCommand({ Name: "w" }));
  // "Glue:CreateWorkflow:x" was read as "Glue:CreateWorkflow" and passed.
  for (const ref of ["Glue:CreateWorkflow:x", "Glue:", ":CreateWorkflow", ""]) {
    expect(usageErrorOf(() => expect(aws).toHaveReceivedCommand(ref)).message, ref).toContain('write "Operation" or "Service:Operation"');
  }
  expect(aws).toHaveReceivedCommand("Glue:CreateWorkflow");
});

it("shows a count given as text as text, and a list as a list", () => {
  expect(usageErrorOf(() => expect(aws).toHaveReceivedCommandTimes(CreateWorkflowCommand, "1" as never)).message).toBe('times must be a whole number ≥ 0; got "1"');
  expect(usageErrorOf(() => expect(aws).toHaveReceivedNthCommandWith(CreateWorkflowCommand, "1" as never, {})).message).toBe('The call number must be a whole number ≥ 1; got "1"');
  expect(usageErrorOf(() => expect(aws).toHaveReceivedCommandWith(CreateWorkflowCommand, [1, 2] as never)).message).toBe("The expected input must be an object of members; got a list");
});
