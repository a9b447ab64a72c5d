import {
  AlreadyExistsException,
  CreateDataQualityEvaluationConfigCommand,
  DeleteDataQualityEvaluationConfigCommand,
  EntityNotFoundException,
  GetDataQualityEvaluationConfigCommand,
  InvalidInputException,
  ListDataQualityEvaluationConfigsCommand,
  paginateListDataQualityEvaluationConfigs,
  UpdateDataQualityEvaluationConfigCommand,
  type CreateDataQualityEvaluationConfigRequest,
} from "@aws-sdk/client-glue";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, ROLE } from "../helpers.js";
import { catalogTables, createRuleset } from "./helpers.js";

const config = (Name: string, extra: Partial<CreateDataQualityEvaluationConfigRequest> = {}) =>
  glue.send(
    new CreateDataQualityEvaluationConfigCommand({
      Name,
      Level: "TABLE",
      DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "sales", TableNamePattern: "orders_.*" } },
      ManagedRulesetName: "SIMPLE",
      Triggers: ["SCHEDULE"],
      ScheduleExpression: "cron(0 2 * * ? *)",
      Role: ROLE,
      ...extra,
    }),
  );

describe("Glue data-quality evaluation configurations", () => {
  beforeEach(catalogTables);

  it("creates, reads, updates and deletes a configuration", async () => {
    expect(await config("nightly")).toMatchObject({ Name: "nightly", EvaluationRunMode: "EVALUATION_CONFIG" });
    const got = await glue.send(new GetDataQualityEvaluationConfigCommand({ Name: "nightly" }));
    expect(got).toMatchObject({ Name: "nightly", Level: "TABLE", ManagedRulesetName: "SIMPLE", Triggers: ["SCHEDULE"], ScheduleExpression: "cron(0 2 * * ? *)", PauseRuns: false, Role: ROLE });
    await createRuleset("orders-dq");
    const updated = await glue.send(new UpdateDataQualityEvaluationConfigCommand({ Name: "nightly", RulesetName: "orders-dq", PauseRuns: true, Triggers: ["ONCE"] }));
    expect(updated).toMatchObject({ RulesetName: "orders-dq", PauseRuns: true, Triggers: ["ONCE"] });
    expect(updated.ManagedRulesetName).toBeUndefined();
    expect(updated.ScheduleExpression).toBeUndefined();
    await glue.send(new DeleteDataQualityEvaluationConfigCommand({ Name: "nightly" }));
    expect(await rejectionOf(glue.send(new GetDataQualityEvaluationConfigCommand({ Name: "nightly" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteDataQualityEvaluationConfigCommand({ Name: "nightly" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new UpdateDataQualityEvaluationConfigCommand({ Name: "nightly", PauseRuns: false })))).toBeInstanceOf(EntityNotFoundException);
  });

  it.each<[string, Partial<CreateDataQualityEvaluationConfigRequest>, string]>([
    ["both rulesets", { RulesetName: "x" }, "exactly one of RulesetName and ManagedRulesetName"],
    ["no ruleset", { ManagedRulesetName: undefined }, "exactly one of RulesetName and ManagedRulesetName"],
    ["a TABLE level without a pattern", { DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "sales" } } }, "TableNamePattern"],
    ["a CATALOG level naming a database", { Level: "CATALOG" }, "names no database"],
    ["a schedule without an expression", { ScheduleExpression: undefined }, "ScheduleExpression"],
    ["an expression without a schedule", { Triggers: ["ONCE"] }, "only used with a SCHEDULE"],
    ["a malformed cron expression", { ScheduleExpression: "cron(nope)" }, "cron"],
    ["an end before its start", { StartAt: new Date(2030, 1, 1), EndAt: new Date(2029, 1, 1) }, "EndAt"],
    ["a bad level", { Level: "GALAXY" as "TABLE" }, "'level'"],
  ])("refuses %s", async (_label, extra, words) => {
    const error = await rejectionOf(config("bad", extra));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(words);
    expect((await glue.send(new ListDataQualityEvaluationConfigsCommand({}))).DataQualityEvaluationConfigs).toEqual([]);
  });

  it("refuses duplicates and unknown rulesets", async () => {
    await config("nightly");
    expect(await rejectionOf(config("nightly"))).toBeInstanceOf(AlreadyExistsException);
    expect(await rejectionOf(config("other", { ManagedRulesetName: undefined, RulesetName: "missing" }))).toBeInstanceOf(EntityNotFoundException);
  });

  it("lists configurations by level with the paginator", async () => {
    for (const name of ["a", "b", "c"]) await config(name);
    await config("whole-catalog", { Level: "CATALOG", DataSource: { GlueTables: { CatalogId: "123456789012" } } });
    const names: string[] = [];
    for await (const page of paginateListDataQualityEvaluationConfigs({ client: glue, pageSize: 2 }, { Level: "TABLE" })) names.push(...page.DataQualityEvaluationConfigs!.map((c) => c.Name!));
    expect(names).toEqual(["a", "b", "c"]);
    const catalog = await glue.send(new ListDataQualityEvaluationConfigsCommand({ Level: "CATALOG" }));
    expect(catalog.DataQualityEvaluationConfigs).toMatchObject([{ Name: "whole-catalog", Level: "CATALOG", EvaluationRunMode: "EVALUATION_CONFIG", DataSource: { GlueTables: { CatalogId: "123456789012" } } }]);
  });
});
