import {
  CancelDataQualityRuleRecommendationRunCommand,
  ConflictException,
  EntityNotFoundException,
  GetDataQualityRuleRecommendationRunCommand,
  GetDataQualityRulesetCommand,
  InvalidInputException,
  ListDataQualityRuleRecommendationRunsCommand,
  paginateListDataQualityRuleRecommendationRuns,
  StartDataQualityRuleRecommendationRunCommand,
} from "@aws-sdk/client-glue";
import { parseDqdl, registerDataQualityOutcomes, registerRuleRecommendations } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, ROLE } from "../helpers.js";
import { ORDERS, catalogTables, createRuleset, evaluate, recommend } from "./helpers.js";

describe("Glue data-quality rule recommendation runs", () => {
  beforeEach(catalogTables);

  it("recommends RowCount > 0 and the table's ColumnCount for a table with no recorded statistics", async () => {
    const run = await recommend();
    expect(run).toMatchObject({ Status: "SUCCEEDED", DataSource: ORDERS, Role: ROLE });
    expect(run.RecommendedRuleset).toBe("Rules = [\n    RowCount > 0,\n    ColumnCount = 2\n]");
    expect(parseDqdl(run.RecommendedRuleset!).rules).toHaveLength(2);
  });

  it("derives rules from the statistics earlier evaluations recorded for the table", async () => {
    await createRuleset("orders-dq");
    registerDataQualityOutcomes("orders-dq", {
      Rule_1: { Result: "PASS", EvaluatedMetrics: { "Dataset.*.RowCount": 1000 } },
      Rule_2: { Result: "PASS", EvaluatedMetrics: { "Column.order_id.Completeness": 1 } },
      Rule_3: { Result: "PASS", EvaluatedMetrics: { "Column.email.Completeness": 0.934 } },
    });
    await evaluate(["orders-dq"]);
    const run = await recommend({ CreatedRulesetName: "recommended" });
    expect(run.RecommendedRuleset).toBe('Rules = [\n    RowCount between 800 and 1200,\n    Completeness "email" >= 0.93,\n    IsComplete "order_id"\n]');
    const created = await glue.send(new GetDataQualityRulesetCommand({ Name: "recommended" }));
    expect(created).toMatchObject({ Ruleset: run.RecommendedRuleset, RecommendationRunId: run.RunId, TargetTable: { DatabaseName: "sales", TableName: "orders" } });
  });

  it("takes the recommendation from a registered stand-in, and fails the run on invalid DQDL", async () => {
    registerRuleRecommendations("sales.orders", 'Rules = [ IsUnique "order_id" ]');
    expect((await recommend()).RecommendedRuleset).toBe('Rules = [ IsUnique "order_id" ]');
    registerRuleRecommendations("sales.orders", () => "Rules = [ Nonsense ]");
    const failed = await recommend({ CreatedRulesetName: "never" });
    expect(failed.Status).toBe("FAILED");
    expect(failed.ErrorString).toContain("not valid DQDL");
    expect(failed.RecommendedRuleset).toBeUndefined();
    expect(await rejectionOf(glue.send(new GetDataQualityRulesetCommand({ Name: "never" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("refuses a CreatedRulesetName that already exists", async () => {
    await createRuleset("taken");
    const error = await rejectionOf(glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource: ORDERS, Role: ROLE, CreatedRulesetName: "taken" })));
    expect(error).toBeInstanceOf(ConflictException);
  });

  it("cancels a run in progress", async () => {
    aws.configure({ transitions: "manual" });
    const { RunId } = await glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource: ORDERS, Role: ROLE }));
    expect((await glue.send(new GetDataQualityRuleRecommendationRunCommand({ RunId }))).Status).toBe("STARTING");
    await glue.send(new CancelDataQualityRuleRecommendationRunCommand({ RunId }));
    aws.settle();
    const run = await glue.send(new GetDataQualityRuleRecommendationRunCommand({ RunId }));
    expect(run.Status).toBe("STOPPED");
    expect(run.RecommendedRuleset).toBeUndefined();
    expect(await rejectionOf(glue.send(new CancelDataQualityRuleRecommendationRunCommand({ RunId })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new GetDataQualityRuleRecommendationRunCommand({ RunId: "dqrun-nope" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("lists runs newest first with the paginator and a table filter", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource: ORDERS, Role: ROLE }))).RunId!);
    await glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource: { GlueTable: { DatabaseName: "hr", TableName: "people" } }, Role: ROLE }));
    const listed: string[] = [];
    for await (const page of paginateListDataQualityRuleRecommendationRuns({ client: glue, pageSize: 1 }, { Filter: { DataSource: ORDERS } })) listed.push(...page.Runs!.map((r) => r.RunId!));
    expect(listed).toEqual([...ids].reverse());
    expect((await glue.send(new ListDataQualityRuleRecommendationRunsCommand({}))).Runs).toHaveLength(4);
  });
});
