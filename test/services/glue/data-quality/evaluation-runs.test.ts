import {
  BatchGetDataQualityRulesetEvaluationRunCommand,
  CancelDataQualityRulesetEvaluationRunCommand,
  DeleteDataQualityRulesetCommand,
  EntityNotFoundException,
  GetDataQualityResultCommand,
  GetDataQualityRulesetEvaluationRunCommand,
  InvalidInputException,
  ListDataQualityRulesetEvaluationRunsCommand,
  paginateListDataQualityRulesetEvaluationRuns,
  StartDataQualityRulesetEvaluationRunCommand,
} from "@aws-sdk/client-glue";
import { registerDataQualityOutcomes, unregisterDataQualityOutcomes } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, ROLE } from "../helpers.js";
import { ORDERS, catalogTables, createRuleset, evaluate, evaluationRun } from "./helpers.js";

describe("Glue data-quality evaluation runs", () => {
  beforeEach(catalogTables);

  it("runs STARTING → RUNNING → SUCCEEDED and, without a stand-in, passes every rule saying why", async () => {
    await createRuleset("orders-dq");
    const RunId = await evaluationRun(["orders-dq"]);
    const first = await glue.send(new GetDataQualityRulesetEvaluationRunCommand({ RunId }));
    expect(first).toMatchObject({ RunId, Status: "STARTING", RulesetNames: ["orders-dq"], Role: ROLE, NumberOfWorkers: 5, Timeout: 2880, DataSource: ORDERS });
    const run = await evaluate(["orders-dq"]);
    expect(run.Status).toBe("SUCCEEDED");
    expect(run.ResultIds).toHaveLength(1);
    expect(run.CompletedOn).toBeInstanceOf(Date);
    const result = await glue.send(new GetDataQualityResultCommand({ ResultId: run.ResultIds![0]! }));
    expect(result).toMatchObject({ Score: 1, RulesetName: "orders-dq", RulesetEvaluationRunId: run.RunId, EvaluationRunMode: "ON_DEMAND", DataSource: ORDERS });
    expect(result.ProfileId).toMatch(/^dqprofile-/);
    expect(result.RuleResults!.map((r) => [r.Name, r.EvaluatedRule, r.Result])).toEqual([
      ["Rule_1", "RowCount > 0", "PASS"],
      ["Rule_2", 'IsComplete "order_id"', "PASS"],
      ["Rule_3", 'Completeness "email" > 0.9', "PASS"],
    ]);
    expect(result.RuleResults![0]!.EvaluationMessage).toContain("registerDataQualityOutcomes");
  });

  it("takes rule outcomes and metrics from the registered stand-in, by rule name or text", async () => {
    await createRuleset("orders-dq");
    registerDataQualityOutcomes("orders-dq", {
      Rule_1: { Result: "PASS", EvaluatedMetrics: { "Dataset.*.RowCount": 120 } },
      'Completeness "email" > 0.9': { Result: "FAIL", EvaluationMessage: "Value: 0.82 does not meet the constraint requirement!", EvaluatedMetrics: { "Column.email.Completeness": 0.82 } },
    });
    const run = await evaluate(["orders-dq"]);
    const result = await glue.send(new GetDataQualityResultCommand({ ResultId: run.ResultIds![0]! }));
    expect(result.Score).toBeCloseTo(2 / 3);
    expect(result.RuleResults!.map((r) => r.Result)).toEqual(["PASS", "PASS", "FAIL"]);
    expect(result.RuleResults![2]).toMatchObject({ EvaluationMessage: "Value: 0.82 does not meet the constraint requirement!", EvaluatedMetrics: { "Column.email.Completeness": 0.82 } });
    expect(result.RuleResults![1]!.EvaluationMessage).toBeUndefined();
    expect(unregisterDataQualityOutcomes("orders-dq")).toBe(true);
  });

  it("gives a stand-in function the ruleset's rules and the data source", async () => {
    await createRuleset("orders-dq");
    const seen: unknown[] = [];
    registerDataQualityOutcomes("*", (request, context) => {
      seen.push({ rules: request.rules.map((r) => [r.Name, r.RuleType, r.Columns]), table: request.dataSource.GlueTable?.TableName, key: context.key, runId: context.runId });
      return Object.fromEntries(request.rules.map((r) => [r.Name, r.RuleType === "RowCount" ? "FAIL" : "PASS"]));
    });
    const run = await evaluate(["orders-dq"]);
    expect(seen).toEqual([{ rules: [["Rule_1", "RowCount", []], ["Rule_2", "IsComplete", ["order_id"]], ["Rule_3", "Completeness", ["email"]]], table: "orders", key: "orders-dq", runId: run.RunId }]);
    const result = await glue.send(new GetDataQualityResultCommand({ ResultId: run.ResultIds![0]! }));
    expect(result.RuleResults!.map((r) => r.Result)).toEqual(["FAIL", "PASS", "PASS"]);
  });

  it("fails the run with the stand-in's error, and on a wrongly shaped answer", async () => {
    await createRuleset("orders-dq");
    registerDataQualityOutcomes("orders-dq", () => {
      throw new Error("the table is unreadable");
    });
    const failed = await evaluate(["orders-dq"]);
    expect(failed).toMatchObject({ Status: "FAILED", ErrorString: "the table is unreadable" });
    expect(failed.ResultIds).toBeUndefined();
    registerDataQualityOutcomes("orders-dq", { Rule_1: "MAYBE" as "PASS" });
    const odd = await evaluate(["orders-dq"]);
    expect(odd.Status).toBe("FAILED");
    expect(odd.ErrorString).toContain("PASS, FAIL or ERROR");
  });

  it("evaluates several rulesets into one result each", async () => {
    await createRuleset("one");
    await createRuleset("two", "Rules = [ ColumnExists \"id\" ]");
    const run = await evaluate(["one", "two"]);
    const results = await Promise.all(run.ResultIds!.map((ResultId) => glue.send(new GetDataQualityResultCommand({ ResultId }))));
    expect(results.map((r) => r.RulesetName)).toEqual(["one", "two"]);
  });

  it("is made to fail or time out with aws.lifecycle", async () => {
    await createRuleset("orders-dq");
    aws.lifecycle("Glue.DataQualityRulesetEvaluationRun", { RulesetName: "orders-dq" }).endsIn("TIMEOUT", { times: 1 });
    const run = await evaluate(["orders-dq"]);
    expect(run).toMatchObject({ Status: "TIMEOUT", ErrorString: "The run exceeded its timeout of 2880 minutes." });
    aws.lifecycle("Glue.DataQualityRulesetEvaluationRun").endsIn("FAILED", { message: "Access denied to s3://orders" });
    expect(await evaluate(["orders-dq"])).toMatchObject({ Status: "FAILED", ErrorString: "Access denied to s3://orders" });
  });

  it("cancels a run in progress (STOPPING → STOPPED) and refuses to cancel a finished one", async () => {
    await createRuleset("orders-dq");
    aws.configure({ transitions: "manual" });
    const RunId = await evaluationRun(["orders-dq"]);
    await glue.send(new CancelDataQualityRulesetEvaluationRunCommand({ RunId }));
    expect((await glue.send(new GetDataQualityRulesetEvaluationRunCommand({ RunId }))).Status).toBe("STOPPING");
    aws.settle();
    const stopped = await glue.send(new GetDataQualityRulesetEvaluationRunCommand({ RunId }));
    expect(stopped.Status).toBe("STOPPED");
    expect(stopped.ResultIds).toBeUndefined();
    const again = await rejectionOf(glue.send(new CancelDataQualityRulesetEvaluationRunCommand({ RunId })));
    expect(again).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new CancelDataQualityRulesetEvaluationRunCommand({ RunId: "dqrun-missing" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("fails a run whose ruleset was deleted before it was evaluated", async () => {
    await createRuleset("orders-dq");
    aws.configure({ transitions: "manual" });
    const RunId = await evaluationRun(["orders-dq"]);
    await glue.send(new DeleteDataQualityRulesetCommand({ Name: "orders-dq" }));
    aws.settle();
    expect(await glue.send(new GetDataQualityRulesetEvaluationRunCommand({ RunId }))).toMatchObject({ Status: "FAILED", ErrorString: expect.stringContaining("deleted") });
  });

  it("validates the start request: rulesets must exist, one table, positive workers", async () => {
    await createRuleset("orders-dq");
    const missing = await rejectionOf(glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: ORDERS, Role: ROLE, RulesetNames: ["nope"] })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    const twoTables = await rejectionOf(
      glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: { ...ORDERS, DataQualityGlueTable: { DatabaseName: "a", TableName: "b" } }, Role: ROLE, RulesetNames: ["orders-dq"] })),
    );
    expect(twoTables).toBeInstanceOf(InvalidInputException);
    const noTable = await rejectionOf(glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: {}, Role: ROLE, RulesetNames: ["orders-dq"] })));
    expect(noTable.message).toContain("exactly one of GlueTable and DataQualityGlueTable");
    const workers = await rejectionOf(glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: ORDERS, Role: ROLE, RulesetNames: ["orders-dq"], NumberOfWorkers: 0 })));
    expect(workers).toBeInstanceOf(InvalidInputException);
    const tooMany = await rejectionOf(glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: ORDERS, Role: ROLE, RulesetNames: Array.from({ length: 11 }, () => "orders-dq") })));
    expect(tooMany.message).toContain("'rulesetNames'");
    expect((await glue.send(new ListDataQualityRulesetEvaluationRunsCommand({}))).Runs).toEqual([]);
  });

  it("lists runs newest first, filtered by table, with the paginator, and batch-gets them", async () => {
    await createRuleset("orders-dq");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await evaluationRun(["orders-dq"]));
    const hr = { GlueTable: { DatabaseName: "hr", TableName: "people" } };
    const other = await evaluationRun(["orders-dq"], hr);
    const all: string[] = [];
    for await (const page of paginateListDataQualityRulesetEvaluationRuns({ client: glue, pageSize: 2 }, {})) all.push(...page.Runs!.map((r) => r.RunId!));
    expect(all).toEqual([other, ...ids.reverse()]);
    const orders = await glue.send(new ListDataQualityRulesetEvaluationRunsCommand({ Filter: { DataSource: ORDERS } }));
    expect(orders.Runs!.map((r) => r.RunId)).toEqual(ids);
    const batch = await glue.send(new BatchGetDataQualityRulesetEvaluationRunCommand({ RunIds: [ids[0]!, "dqrun-missing"] }));
    expect(batch.Runs!.map((r) => r.RunId)).toEqual([ids[0]]);
    expect(batch.RunsNotFound).toEqual(["dqrun-missing"]);
  });
});
