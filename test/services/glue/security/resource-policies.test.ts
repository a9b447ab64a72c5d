import {
  ConditionCheckFailureException,
  CreateDatabaseCommand,
  CreateTableCommand,
  CreateUserDefinedFunctionCommand,
  DeleteResourcePolicyCommand,
  EntityNotFoundException,
  GetResourcePoliciesCommand,
  GetResourcePolicyCommand,
  InvalidInputException,
  PutResourcePolicyCommand,
  paginateGetResourcePolicies,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { glue } from "../helpers.js";

const CATALOG = "arn:aws:glue:us-east-1:123456789012:catalog";
const policy = (principal = "210987654321", resource = "arn:aws:glue:us-east-1:123456789012:*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${principal}:root` }, Action: "glue:Get*", Resource: resource }] });
const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

describe("Glue resource policies", () => {
  it("puts the Data Catalog's policy, reads it back with its hash, replaces and deletes it", async () => {
    expect(await errorOf(glue.send(new GetResourcePolicyCommand({})))).toBeInstanceOf(EntityNotFoundException);
    const { PolicyHash } = await glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy() }));
    expect(PolicyHash).toBeTruthy();
    const read = await glue.send(new GetResourcePolicyCommand({ ResourceArn: CATALOG }));
    expect(read).toMatchObject({ PolicyInJson: policy(), PolicyHash });
    expect(read.CreateTime).toBeInstanceOf(Date);

    aws.clock.advance(1000);
    const second = await glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy("111122223333"), PolicyHashCondition: PolicyHash, PolicyExistsCondition: "MUST_EXIST" }));
    expect(second.PolicyHash).not.toBe(PolicyHash);
    const updated = await glue.send(new GetResourcePolicyCommand({}));
    expect(updated.UpdateTime!.getTime()).toBeGreaterThan(updated.CreateTime!.getTime());

    // The old hash no longer matches: a concurrent change is refused.
    expect(await errorOf(glue.send(new DeleteResourcePolicyCommand({ PolicyHashCondition: PolicyHash })))).toBeInstanceOf(ConditionCheckFailureException);
    await glue.send(new DeleteResourcePolicyCommand({ PolicyHashCondition: second.PolicyHash }));
    expect(await errorOf(glue.send(new DeleteResourcePolicyCommand({})))).toBeInstanceOf(EntityNotFoundException);
  });

  it("honours PolicyExistsCondition and PolicyHashCondition", async () => {
    const mustExist = await errorOf(glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy(), PolicyExistsCondition: "MUST_EXIST" })));
    expect(mustExist).toBeInstanceOf(ConditionCheckFailureException);
    expect(await errorOf(glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy(), PolicyHashCondition: "abc" })))).toBeInstanceOf(ConditionCheckFailureException);
    const { PolicyHash } = await glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy(), PolicyExistsCondition: "NOT_EXIST" }));
    expect(await errorOf(glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy("111122223333"), PolicyExistsCondition: "NOT_EXIST" })))).toBeInstanceOf(ConditionCheckFailureException);
    expect(await errorOf(glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy("111122223333"), PolicyHashCondition: "stale" })))).toBeInstanceOf(ConditionCheckFailureException);
    await glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy("111122223333"), PolicyExistsCondition: "NONE", EnableHybrid: "TRUE" }));
    expect((await glue.send(new GetResourcePolicyCommand({}))).PolicyHash).not.toBe(PolicyHash);
  });

  it("puts resource-level policies only on databases, tables and functions the Data Catalog has", async () => {
    const arn = (resource: string) => `arn:aws:glue:us-east-1:123456789012:${resource}`;
    for (const resource of ["database/sales", "table/sales/orders", "userDefinedFunction/sales/parse"]) {
      const missing = await errorOf(glue.send(new PutResourcePolicyCommand({ ResourceArn: arn(resource), PolicyInJson: policy() })));
      expect(missing, resource).toBeInstanceOf(EntityNotFoundException);
    }
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "Sales" } }));
    expect((await errorOf(glue.send(new PutResourcePolicyCommand({ ResourceArn: arn("table/sales/orders"), PolicyInJson: policy() })))).message).toBe("Table orders not found.");
    await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: { Name: "orders" } }));
    await glue.send(new CreateUserDefinedFunctionCommand({ DatabaseName: "sales", FunctionInput: { FunctionName: "parse", ClassName: "com.example.Parse", OwnerName: "data", OwnerType: "USER" } }));
    for (const resource of ["database/SALES", "table/sales/Orders", "userDefinedFunction/sales/parse"]) {
      await glue.send(new PutResourcePolicyCommand({ ResourceArn: arn(resource), PolicyInJson: policy() }));
    }
    expect((await glue.send(new GetResourcePoliciesCommand({}))).GetResourcePoliciesResponseList).toHaveLength(3);
  });

  it("keeps resource-level policies apart, and lists them all with the SDK paginator", async () => {
    for (const name of ["sales", "hr"]) await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name } }));
    await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: { Name: "orders" } }));
    await glue.send(new PutResourcePolicyCommand({ PolicyInJson: policy() }));
    for (const name of ["sales", "hr"]) {
      const arn = `arn:aws:glue:us-east-1:123456789012:database/${name}`;
      await glue.send(new PutResourcePolicyCommand({ ResourceArn: arn, PolicyInJson: policy("210987654321", arn) }));
    }
    await glue.send(new PutResourcePolicyCommand({ ResourceArn: "arn:aws:glue:us-east-1:123456789012:table/sales/orders", PolicyInJson: policy() }));
    const policies: string[] = [];
    for await (const page of paginateGetResourcePolicies({ client: glue, pageSize: 2 }, {})) policies.push(...page.GetResourcePoliciesResponseList!.map((p) => p.PolicyInJson!));
    expect(policies).toHaveLength(4);
    expect((await glue.send(new GetResourcePolicyCommand({ ResourceArn: "arn:aws:glue:us-east-1:123456789012:database/hr" }))).PolicyInJson).toContain("database/hr");
    expect(await errorOf(glue.send(new GetResourcePolicyCommand({ ResourceArn: "arn:aws:glue:us-east-1:123456789012:database/finance" })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new GetResourcePoliciesCommand({ MaxResults: 1 }))).NextToken).toBeDefined();
  });

  it.each([
    [{ PolicyInJson: "{not json" }, "not valid JSON"],
    [{ PolicyInJson: "[]" }, "policy document"],
    [{ PolicyInJson: JSON.stringify({ Version: "2012-10-17" }) }, "no Statement"],
    [{ PolicyInJson: JSON.stringify({ Statement: [{ Effect: "Maybe" }] }) }, "must be \"Allow\" or \"Deny\""],
    [{ PolicyInJson: "{}", ResourceArn: "arn:aws:glue:us-east-1:123456789012:job/etl" }, "not the ARN of a Data Catalog resource"],
    [{ PolicyInJson: "{}", ResourceArn: "arn:aws:s3:::bucket" }, "failed to satisfy constraint"],
  ])("refuses %j (%s)", async (request, fragment) => {
    const error = await errorOf(glue.send(new PutResourcePolicyCommand(request)));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(fragment);
    expect((await glue.send(new GetResourcePoliciesCommand({}))).GetResourcePoliciesResponseList).toEqual([]);
  });

  it("names another account's resource as not found", async () => {
    const error = await errorOf(glue.send(new PutResourcePolicyCommand({ ResourceArn: "arn:aws:glue:us-east-1:210987654321:catalog", PolicyInJson: policy() })));
    expect(error).toBeInstanceOf(EntityNotFoundException);
  });
});
