import {
  ConflictException,
  CreateIntegrationCommand,
  DeleteIntegrationCommand,
  DescribeInboundIntegrationsCommand,
  DescribeIntegrationsCommand,
  IntegrationNotFoundFault,
  InvalidInputException,
  InvalidIntegrationStateFault,
  ModifyIntegrationCommand,
  type CreateIntegrationRequest,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, pollUntil } from "../helpers.js";

const SOURCE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
const TARGET = "arn:aws:glue:us-east-1:123456789012:database/lake";

const create = (IntegrationName: string, extra: Partial<CreateIntegrationRequest> = {}) =>
  glue.send(new CreateIntegrationCommand({ IntegrationName, SourceArn: SOURCE, TargetArn: TARGET, ...extra }));

async function statusOf(IntegrationIdentifier: string) {
  const { Integrations } = await glue.send(new DescribeIntegrationsCommand({ IntegrationIdentifier }));
  return Integrations![0]?.Status;
}

describe("Glue zero-ETL integrations", () => {
  it("creates an integration CREATING, then ACTIVE", async () => {
    const created = await create("orders-to-lake", { Description: "orders", Tags: [{ key: "team", value: "data" }], IntegrationConfig: { RefreshInterval: "15", ContinuousSync: true } });
    expect(created).toMatchObject({ IntegrationName: "orders-to-lake", SourceArn: SOURCE, TargetArn: TARGET, Status: "CREATING", Tags: [{ key: "team", value: "data" }] });
    expect(created.IntegrationArn).toMatch(/^arn:aws:glue:us-east-1:123456789012:integration:[0-9a-f-]{36}$/);
    expect(created.CreateTime).toBeInstanceOf(Date);
    const { value } = await pollUntil(() => statusOf(created.IntegrationArn!), (status) => status === "ACTIVE");
    expect(value).toBe("ACTIVE");
  });

  it("modifies an ACTIVE integration (MODIFYING → ACTIVE) and refuses one still changing", async () => {
    aws.configure({ transitions: "manual" });
    const { IntegrationArn } = await create("orders-to-lake");
    const early = await rejectionOf(glue.send(new ModifyIntegrationCommand({ IntegrationIdentifier: IntegrationArn, Description: "x" })));
    expect(early).toBeInstanceOf(InvalidIntegrationStateFault);
    aws.settle();
    const modified = await glue.send(new ModifyIntegrationCommand({ IntegrationIdentifier: IntegrationArn, Description: "new", IntegrationName: "renamed", DataFilter: "include: orders.*" }));
    expect(modified).toMatchObject({ Status: "MODIFYING", Description: "new", IntegrationName: "renamed", DataFilter: "include: orders.*" });
    aws.step();
    expect(await statusOf(IntegrationArn!)).toBe("ACTIVE");
    const byName = await glue.send(new DescribeIntegrationsCommand({ Filters: [{ Name: "IntegrationName", Values: ["renamed"] }] }));
    expect(byName.Integrations!.map((i) => i.IntegrationArn)).toEqual([IntegrationArn]);

    // A new name must be one CreateIntegration would accept; the refused call changes nothing.
    const badName = await rejectionOf(glue.send(new ModifyIntegrationCommand({ IntegrationIdentifier: IntegrationArn, IntegrationName: "two--hyphens", Description: "changed" })));
    expect(badName).toBeInstanceOf(InvalidInputException);
    expect(badName.message).toContain("IntegrationName two--hyphens must start with a letter");
    const { Integrations } = await glue.send(new DescribeIntegrationsCommand({ IntegrationIdentifier: IntegrationArn }));
    expect(Integrations![0]).toMatchObject({ IntegrationName: "renamed", Description: "new", Status: "ACTIVE" });
  });

  it("deletes an integration: DELETING, then gone", async () => {
    aws.configure({ transitions: "manual" });
    const { IntegrationArn } = await create("orders-to-lake");
    aws.settle();
    const deleting = await glue.send(new DeleteIntegrationCommand({ IntegrationIdentifier: IntegrationArn }));
    expect(deleting.Status).toBe("DELETING");
    expect(await rejectionOf(glue.send(new DeleteIntegrationCommand({ IntegrationIdentifier: IntegrationArn })))).toBeInstanceOf(InvalidIntegrationStateFault);
    aws.settle();
    expect(await rejectionOf(glue.send(new DescribeIntegrationsCommand({ IntegrationIdentifier: IntegrationArn })))).toBeInstanceOf(IntegrationNotFoundFault);
    expect(await rejectionOf(glue.send(new DeleteIntegrationCommand({ IntegrationIdentifier: IntegrationArn })))).toBeInstanceOf(IntegrationNotFoundFault);
    // The name and the source/target pair are free again.
    await create("orders-to-lake");
  });

  it("can be made to fail or need attention with aws.lifecycle", async () => {
    aws.lifecycle("Glue.Integration", { IntegrationName: "broken" }).endsIn("FAILED", { message: "The role cannot read the table." });
    const { IntegrationArn } = await create("broken");
    await pollUntil(() => statusOf(IntegrationArn!), (s) => s === "FAILED");
    const { Integrations } = await glue.send(new DescribeIntegrationsCommand({ IntegrationIdentifier: IntegrationArn }));
    expect(Integrations![0]!.Errors).toEqual([{ ErrorCode: "IntegrationFailed", ErrorMessage: "The role cannot read the table." }]);
  });

  it("refuses duplicate names, a second integration of the same pair, and malformed input", async () => {
    await create("one");
    expect(await rejectionOf(create("one", { SourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/other" }))).toBeInstanceOf(ConflictException);
    expect(await rejectionOf(create("two"))).toBeInstanceOf(ConflictException);
    const name = await rejectionOf(create("bad name!"));
    expect(name).toBeInstanceOf(InvalidInputException);
    const arn = await rejectionOf(create("three", { SourceArn: "not-an-arn" }));
    expect(arn.message).toContain("SourceArn");
    const long = await rejectionOf(create("x".repeat(129)));
    expect(long.message).toContain("'integrationName'");
    const kms = await rejectionOf(create("four", { SourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/t4", AdditionalEncryptionContext: { a: "b" } }));
    expect(kms.message).toContain("KmsKeyId");
  });

  it("describes integrations with filters and Marker paging, and inbound integrations by target", async () => {
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) arns.push((await create(`int-${i}`, { SourceArn: `arn:aws:dynamodb:us-east-1:123456789012:table/t${i}`, TargetArn: i < 3 ? TARGET : "arn:aws:glue:us-east-1:123456789012:database/other" })).IntegrationArn!);
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await glue.send(new DescribeIntegrationsCommand({ MaxRecords: 2, Marker }));
      seen.push(...page.Integrations!.map((i) => i.IntegrationArn!));
      Marker = page.Marker;
    } while (Marker);
    expect(seen).toEqual(arns);
    const bySource = await glue.send(new DescribeIntegrationsCommand({ Filters: [{ Name: "SourceArn", Values: ["arn:aws:dynamodb:us-east-1:123456789012:table/t4"] }] }));
    expect(bySource.Integrations!.map((i) => i.IntegrationArn)).toEqual([arns[4]]);
    const creating = await glue.send(new DescribeIntegrationsCommand({ Filters: [{ Name: "Status", Values: ["CREATING", "ACTIVE"] }] }));
    expect(creating.Integrations).toHaveLength(5);
    expect(await rejectionOf(glue.send(new DescribeIntegrationsCommand({ Filters: [{ Name: "Colour", Values: ["red"] }] })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new DescribeIntegrationsCommand({ Filters: [{ Name: "IntegrationName", Values: ["a", "b"] }] })))).toBeInstanceOf(InvalidInputException);
    const inbound = await glue.send(new DescribeInboundIntegrationsCommand({ TargetArn: TARGET }));
    expect(inbound.InboundIntegrations!.map((i) => i.IntegrationArn)).toEqual(arns.slice(0, 3));
    expect(inbound.InboundIntegrations![0]).toMatchObject({ SourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/t0", TargetArn: TARGET });
    const one = await glue.send(new DescribeInboundIntegrationsCommand({ IntegrationArn: arns[0] }));
    expect(one.InboundIntegrations).toHaveLength(1);
    expect(await rejectionOf(glue.send(new DescribeInboundIntegrationsCommand({ IntegrationArn: "arn:aws:glue:us-east-1:123456789012:integration:nope" })))).toBeInstanceOf(IntegrationNotFoundFault);
  });
});
