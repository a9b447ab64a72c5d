import {
  BatchGetDataQualityResultCommand,
  BatchGetDataQualityResultV2Command,
  EntityNotFoundException,
  GetDataQualityResultCommand,
  GetDataQualityResultV2Command,
  InvalidInputException,
  ListDataQualityResultsCommand,
  ListDataQualityResultsV2Command,
  paginateListDataQualityResults,
  paginateListDataQualityResultsV2,
  PublishDataQualityResultV2Command,
} from "@aws-sdk/client-glue";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";
import { ORDERS, catalogTables, createRuleset, evaluate } from "./helpers.js";

const publish = (extra: Record<string, unknown> = {}) =>
  glue.send(
    new PublishDataQualityResultV2Command({
      Dimensions: { platform: "emr", cluster: "j-1" },
      Score: 0.5,
      RuleResults: [
        { Name: "Rule_1", Result: "PASS", EvaluatedRule: "RowCount > 0", EvaluatedMetrics: { "Dataset.*.RowCount": 10 } },
        { Name: "Rule_2", Result: "FAIL", EvaluatedRule: 'IsComplete "id"' },
      ],
      EvaluationContext: "nightly",
      Descriptors: { databaseName: "sales", tableName: "orders", team: "data" },
      ...extra,
    }),
  );

describe("Glue data-quality results", () => {
  beforeEach(catalogTables);

  it("reads a run's result through Get, BatchGet and their V2 forms", async () => {
    await createRuleset("orders-dq");
    const run = await evaluate(["orders-dq"]);
    const id = run.ResultIds![0]!;
    const v1 = await glue.send(new GetDataQualityResultCommand({ ResultId: id }));
    const v2 = await glue.send(new GetDataQualityResultV2Command({ ResultId: id }));
    expect(v2).toMatchObject({ ResultId: id, ProfileId: v1.ProfileId, Score: 1, RulesetName: "orders-dq", EvaluationRunMode: "ON_DEMAND", ExecutionStartedOn: v1.StartedOn });
    expect(v2.ResultPublishedOn).toBeInstanceOf(Date);
    const batch = await glue.send(new BatchGetDataQualityResultCommand({ ResultIds: [id, "dqresult-missing"] }));
    expect(batch.Results!.map((r) => r.ResultId)).toEqual([id]);
    expect(batch.ResultsNotFound).toEqual(["dqresult-missing"]);
    const batch2 = await glue.send(new BatchGetDataQualityResultV2Command({ ResultIds: [id] }));
    expect(batch2.Results![0]).toMatchObject({ ResultId: id, RulesetName: "orders-dq" });
    expect(await rejectionOf(glue.send(new GetDataQualityResultCommand({ ResultId: "dqresult-missing" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetDataQualityResultV2Command({ ResultId: "dqresult-missing" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("publishes a result from another engine and finds it by dimensions and context", async () => {
    const { ResultId } = await publish();
    expect(ResultId).toMatch(/^dqresult-/);
    const got = await glue.send(new GetDataQualityResultV2Command({ ResultId }));
    expect(got).toMatchObject({ Score: 0.5, Dimensions: { platform: "emr", cluster: "j-1" }, EvaluationContext: "nightly", DataSource: { GlueTable: { DatabaseName: "sales", TableName: "orders" } } });
    expect(got.EvaluationRunMode).toBeUndefined();
    await publish({ Dimensions: { platform: "athena" }, EvaluationContext: "hourly", Descriptors: undefined });
    const emr = await glue.send(new ListDataQualityResultsV2Command({ Filter: { Dimensions: { platform: "emr" } } }));
    expect(emr.Results!.map((r) => r.ResultId)).toEqual([ResultId]);
    const hourly = await glue.send(new ListDataQualityResultsV2Command({ Filter: { EvaluationContext: "hourly" } }));
    expect(hourly.Results).toHaveLength(1);
    const orders = await glue.send(new ListDataQualityResultsV2Command({ Filter: { DataSource: ORDERS } }));
    expect(orders.Results!.map((r) => r.ResultId)).toEqual([ResultId]);
  });

  it("refuses a publication without dimensions or with a score outside 0..1", async () => {
    expect(await rejectionOf(publish({ Dimensions: {} }))).toBeInstanceOf(InvalidInputException);
    const score = await rejectionOf(publish({ Score: 1.5 }));
    expect(score.message).toContain("'score'");
    expect((await glue.send(new ListDataQualityResultsV2Command({}))).Results).toEqual([]);
  });

  it("lists results newest first, filtered by table and run mode, with both paginators", async () => {
    await createRuleset("orders-dq");
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await evaluate(["orders-dq"]));
    const published = (await publish({ Descriptors: undefined })).ResultId!;
    const v1: string[] = [];
    for await (const page of paginateListDataQualityResults({ client: glue, pageSize: 2 }, {})) v1.push(...page.Results!.map((r) => r.ResultId!));
    expect(v1).toEqual([published, ...runs.map((r) => r.ResultIds![0]!).reverse()]);
    const v2: string[] = [];
    for await (const page of paginateListDataQualityResultsV2({ client: glue, pageSize: 3 }, { Filter: { EvaluationRunMode: "ON_DEMAND" } })) v2.push(...page.Results!.map((r) => r.ResultId!));
    expect(v2).toEqual(runs.map((r) => r.ResultIds![0]!).reverse());
    const byTable = await glue.send(new ListDataQualityResultsCommand({ Filter: { DataSource: ORDERS } }));
    expect(byTable.Results).toHaveLength(3);
    expect(byTable.Results![0]).toMatchObject({ DataSource: ORDERS, EvaluationRunMode: "ON_DEMAND" });
  });
});
