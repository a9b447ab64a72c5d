import { CreateWorkflowCommand, GetTagsCommand, GetWorkflowCommand, GlueClient, ListWorkflowsCommand, TagResourceCommand } from "@aws-sdk/client-glue";
import { AwsDoublesUsageError, mockAws, type AwsMock } from "aws-doubles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../support/errors.js";

let aws: AwsMock;
beforeEach(() => {
  aws = mockAws();
});
afterEach(() => aws.restore());

describe("reset()", () => {
  it("forgets resources, recorded calls, faults and clock offsets, and keeps interception", async () => {
    const glue = new GlueClient({});
    await glue.send(new CreateWorkflowCommand({ Name: "before-reset" }));
    aws.failNext("Glue", "ListWorkflows", { times: 3 });
    aws.clock.advance(3_600_000);
    aws.configure({ transitions: "manual" });
    aws.reset();
    expect(aws.calls()).toEqual([]);
    expect(Math.abs(aws.clock.now().getTime() - Date.now())).toBeLessThan(1_000);
    const { Workflows } = await glue.send(new ListWorkflowsCommand({}));
    expect(Workflows).toEqual([]);
    expect(aws.calls()).toHaveLength(1);
  });
});

describe("accounts and regions", () => {
  it("keeps each account and region apart, and ARNs name the account and region", async () => {
    const home = new GlueClient({});
    const ireland = new GlueClient({ region: "eu-west-1" });
    const other = new GlueClient({ credentials: aws.credentialsFor("210987654321") });
    await home.send(new CreateWorkflowCommand({ Name: "shared-name", Description: "home" }));
    await ireland.send(new CreateWorkflowCommand({ Name: "shared-name", Description: "ireland" }));
    await other.send(new CreateWorkflowCommand({ Name: "shared-name", Description: "other account" }));

    expect((await home.send(new GetWorkflowCommand({ Name: "shared-name" }))).Workflow?.Description).toBe("home");
    expect((await ireland.send(new GetWorkflowCommand({ Name: "shared-name" }))).Workflow?.Description).toBe("ireland");
    expect((await other.send(new GetWorkflowCommand({ Name: "shared-name" }))).Workflow?.Description).toBe("other account");

    // A resource's ARN only resolves in its own account and region.
    const homeArn = "arn:aws:glue:us-east-1:123456789012:workflow/shared-name";
    const irelandArn = "arn:aws:glue:eu-west-1:123456789012:workflow/shared-name";
    const otherArn = "arn:aws:glue:us-east-1:210987654321:workflow/shared-name";
    await home.send(new TagResourceCommand({ ResourceArn: homeArn, TagsToAdd: { where: "home" } }));
    await ireland.send(new TagResourceCommand({ ResourceArn: irelandArn, TagsToAdd: { where: "ireland" } }));
    await other.send(new TagResourceCommand({ ResourceArn: otherArn, TagsToAdd: { where: "other" } }));
    expect((await ireland.send(new GetTagsCommand({ ResourceArn: irelandArn }))).Tags).toEqual({ where: "ireland" });
    expect((await rejectionOf(home.send(new GetTagsCommand({ ResourceArn: irelandArn })))).name).toBe("EntityNotFoundException");
    expect((await rejectionOf(home.send(new GetTagsCommand({ ResourceArn: otherArn })))).name).toBe("EntityNotFoundException");

    const byAccount = aws.calls().filter((c) => c.operation === "CreateWorkflow").map((c) => `${c.accountId}/${c.region}`);
    expect(byAccount).toEqual(["123456789012/us-east-1", "123456789012/eu-west-1", "210987654321/us-east-1"]);
  });

  it("uses the accountId option as the default account", async () => {
    aws.restore();
    aws = mockAws({ accountId: "111122223333" });
    await new GlueClient({}).send(new ListWorkflowsCommand({}));
    expect(aws.calls()[0]?.accountId).toBe("111122223333");
    expect(aws.accountId).toBe("111122223333");
    expect(() => aws.credentialsFor("abc")).toThrow(/12-digit/);
  });
});

describe("calls()", () => {
  it("records service, operation, input, output or error, account and region, oldest first", async () => {
    const glue = new GlueClient({});
    await glue.send(new CreateWorkflowCommand({ Name: "c1" }));
    await rejectionOf(glue.send(new GetWorkflowCommand({ Name: "missing" })));
    expect(aws.calls()).toEqual([
      { service: "Glue", operation: "CreateWorkflow", input: { Name: "c1" }, output: { Name: "c1" }, accountId: "123456789012", region: "us-east-1" },
      {
        service: "Glue",
        operation: "GetWorkflow",
        input: { Name: "missing" },
        error: { name: "EntityNotFoundException", message: "Workflow missing not found.", statusCode: 400 },
        accountId: "123456789012",
        region: "us-east-1",
      },
    ]);
  });
});

describe("clock", () => {
  it("timestamps follow the virtual clock, which only moves forward", async () => {
    const glue = new GlueClient({});
    aws.clock.advance(24 * 3_600_000);
    await glue.send(new CreateWorkflowCommand({ Name: "tomorrow" }));
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "tomorrow" }));
    expect(Workflow!.CreatedOn!.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(() => aws.clock.advance(-1)).toThrow(AwsDoublesUsageError);
  });
});

describe("usage errors", () => {
  it("name what is wrong and what is accepted", () => {
    expect(() => aws.lifecycle("Glue.Nothing" as never)).toThrow(/Unknown lifecycle kind "Glue.Nothing"/);
    aws.restore();
    expect(() => aws.settle()).toThrow(/restored/);
    aws = mockAws();
  });
});
