import {
  AlreadyExistsException,
  DeleteDataQualityRulesetCommand,
  EntityNotFoundException,
  GetDataQualityRulesetCommand,
  GetTagsCommand,
  InvalidInputException,
  ListDataQualityRulesetsCommand,
  paginateListDataQualityRulesets,
  UpdateDataQualityRulesetCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { arnOf, glue } from "../helpers.js";
import { ORDER_RULES, catalogTables, createRuleset } from "./helpers.js";

describe("Glue data-quality rulesets", () => {
  beforeEach(catalogTables);

  it("creates, reads, updates and deletes a ruleset", async () => {
    expect((await createRuleset("orders-dq", ORDER_RULES, { Description: "orders", Tags: { team: "data" } })).Name).toBe("orders-dq");
    const got = await glue.send(new GetDataQualityRulesetCommand({ Name: "orders-dq" }));
    expect(got).toMatchObject({ Name: "orders-dq", Description: "orders", Ruleset: ORDER_RULES, TargetTable: { DatabaseName: "sales", TableName: "orders" } });
    expect(got.CreatedOn).toBeInstanceOf(Date);
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("dataQualityRuleset", "orders-dq") }))).Tags).toEqual({ team: "data" });

    aws.clock.advance(60_000);
    const updated = await glue.send(new UpdateDataQualityRulesetCommand({ Name: "orders-dq", Ruleset: "Rules = [ RowCount > 10 ]" }));
    expect(updated).toMatchObject({ Name: "orders-dq", Description: "orders", Ruleset: "Rules = [ RowCount > 10 ]" });
    const after = await glue.send(new GetDataQualityRulesetCommand({ Name: "orders-dq" }));
    expect(after.LastModifiedOn!.getTime()).toBeGreaterThan(after.CreatedOn!.getTime());

    await glue.send(new DeleteDataQualityRulesetCommand({ Name: "orders-dq" }));
    expect(await rejectionOf(glue.send(new GetDataQualityRulesetCommand({ Name: "orders-dq" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteDataQualityRulesetCommand({ Name: "orders-dq" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new UpdateDataQualityRulesetCommand({ Name: "orders-dq", Description: "x" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("refuses duplicates and malformed names", async () => {
    await createRuleset("dup");
    const duplicate = await rejectionOf(createRuleset("dup"));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    const badName = await rejectionOf(createRuleset("a\nb"));
    expect(badName).toBeInstanceOf(InvalidInputException);
    expect(badName.message).toContain("'name'");
  });

  it("lists rulesets with RuleCount, filters and pages them", async () => {
    for (const name of ["a", "b", "c", "d", "e"]) await createRuleset(`rs-${name}`, name === "e" ? "Rules = [ RowCount > 0 ]" : ORDER_RULES, name === "a" ? { Tags: { env: "prod" } } : {});
    await createRuleset("other", "Rules = [ RowCount > 0 ]", { TargetTable: { DatabaseName: "hr", TableName: "people" } });
    const first = await glue.send(new ListDataQualityRulesetsCommand({ MaxResults: 2 }));
    expect(first.Rulesets!.map((r) => r.Name)).toEqual(["other", "rs-a"]);
    expect(first.NextToken).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateListDataQualityRulesets({ client: glue, pageSize: 2 }, {})) names.push(...page.Rulesets!.map((r) => r.Name!));
    expect(names).toEqual(["other", "rs-a", "rs-b", "rs-c", "rs-d", "rs-e"]);
    const all = await glue.send(new ListDataQualityRulesetsCommand({}));
    expect(all.Rulesets!.find((r) => r.Name === "rs-a")!.RuleCount).toBe(3);
    expect(all.Rulesets!.find((r) => r.Name === "rs-e")!.RuleCount).toBe(1);
    const hr = await glue.send(new ListDataQualityRulesetsCommand({ Filter: { TargetTable: { DatabaseName: "hr", TableName: "people" } } }));
    expect(hr.Rulesets!.map((r) => r.Name)).toEqual(["other"]);
    const tagged = await glue.send(new ListDataQualityRulesetsCommand({ Tags: { env: "prod" } }));
    expect(tagged.Rulesets!.map((r) => r.Name)).toEqual(["rs-a"]);
    const token = await rejectionOf(glue.send(new ListDataQualityRulesetsCommand({ NextToken: first.NextToken, Tags: { env: "prod" } })));
    expect(token).toBeInstanceOf(InvalidInputException);
  });
});
