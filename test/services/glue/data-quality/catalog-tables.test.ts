import {
  CreateCatalogCommand,
  CreateDatabaseCommand,
  CreateDataQualityEvaluationConfigCommand,
  CreateTableCommand,
  DeleteTableCommand,
  EntityNotFoundException,
  GetDataQualityRuleRecommendationRunCommand,
  GetDataQualityRulesetEvaluationRunCommand,
  InvalidInputException,
  ListDataQualityEvaluationConfigsCommand,
  ListDataQualityRulesetEvaluationRunsCommand,
  ListDataQualityRulesetsCommand,
  StartDataQualityRuleRecommendationRunCommand,
  StartDataQualityRulesetEvaluationRunCommand,
  UpdateDataQualityEvaluationConfigCommand,
  UpdateTableCommand,
  type CreateDataQualityEvaluationConfigRequest,
} from "@aws-sdk/client-glue";
import { registerDataQualityOutcomes, registerRuleRecommendations } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, pollUntil, ROLE } from "../helpers.js";
import { catalogTables, createRuleset, evaluate, ORDERS, recommend } from "./helpers.js";

/**
 * Data quality reads Data Catalog tables: a data source or target table must name one that
 * exists, and recommendations are derived from what the catalog says of it.
 */
const MISSING = { GlueTable: { DatabaseName: "sales", TableName: "returns" } };
const TERMINAL = new Set(["SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT"]);

describe("Glue data quality on Data Catalog tables", () => {
  beforeEach(catalogTables);

  describe("rulesets", () => {
    it("refuses a target table the catalog does not have, and creates nothing", async () => {
      for (const TargetTable of [
        { DatabaseName: "sales", TableName: "returns" },
        { DatabaseName: "nowhere", TableName: "orders" },
        { DatabaseName: "sales", TableName: "orders", CatalogId: "123456789012:absent" },
      ]) {
        const error = await rejectionOf(createRuleset("orders-dq", undefined, { TargetTable }));
        // The model lists no EntityNotFoundException for CreateDataQualityRuleset.
        expect(error, JSON.stringify(TargetTable)).toBeInstanceOf(InvalidInputException);
        expect(error.message).toMatch(/not found/);
      }
      expect((await glue.send(new ListDataQualityRulesetsCommand({}))).Rulesets).toEqual([]);
      // Names are found in any case, as the catalog folds them; without a target table nothing is looked up.
      await createRuleset("orders-dq", undefined, { TargetTable: { DatabaseName: "Sales", TableName: "ORDERS" } });
      await createRuleset("free", "Rules = [ RowCount > 0 ]", { TargetTable: undefined });
    });
  });

  describe("evaluation runs", () => {
    it("refuse a data source or an additional data source the catalog does not have, and start nothing", async () => {
      await createRuleset("orders-dq");
      const start = (extra: object) => glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: ORDERS, Role: ROLE, RulesetNames: ["orders-dq"], ...extra }));
      const missing = await rejectionOf(start({ DataSource: MISSING }));
      expect(missing).toBeInstanceOf(EntityNotFoundException);
      expect(missing.message).toBe("Table returns not found.");
      expect(await rejectionOf(start({ DataSource: { GlueTable: { DatabaseName: "sales", TableName: "orders", CatalogId: "absent" } } }))).toBeInstanceOf(EntityNotFoundException);
      expect(await rejectionOf(start({ AdditionalDataSources: { reference: MISSING } }))).toBeInstanceOf(EntityNotFoundException);
      expect((await glue.send(new ListDataQualityRulesetEvaluationRunsCommand({}))).Runs).toEqual([]);

      await start({ AdditionalDataSources: { reference: { GlueTable: { DatabaseName: "hr", TableName: "people" } } } });
      expect((await glue.send(new ListDataQualityRulesetEvaluationRunsCommand({}))).Runs).toHaveLength(1);
    });

    it("fail when their table is deleted before they read it", async () => {
      await createRuleset("orders-dq");
      aws.configure({ transitions: "manual" });
      const { RunId } = await glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: ORDERS, Role: ROLE, RulesetNames: ["orders-dq"] }));
      await glue.send(new DeleteTableCommand({ DatabaseName: "sales", Name: "orders" }));
      aws.settle();
      const run = await glue.send(new GetDataQualityRulesetEvaluationRunCommand({ RunId }));
      expect(run).toMatchObject({ Status: "FAILED", ErrorString: "EntityNotFoundException: Table sales.orders not found in the Data Catalog." });
      expect(run.ResultIds).toBeUndefined();
    });

    it("read a table of a named catalog by its CatalogId", async () => {
      await glue.send(new CreateCatalogCommand({ Name: "lakehouse", CatalogInput: {} }));
      await glue.send(new CreateDatabaseCommand({ CatalogId: "lakehouse", DatabaseInput: { Name: "raw" } }));
      await glue.send(new CreateTableCommand({ CatalogId: "lakehouse", DatabaseName: "raw", TableInput: { Name: "events" } }));
      await createRuleset("events-dq", "Rules = [ RowCount > 0 ]", { TargetTable: { CatalogId: "lakehouse", DatabaseName: "raw", TableName: "events" } });
      const run = await evaluate(["events-dq"], { GlueTable: { CatalogId: "123456789012:lakehouse", DatabaseName: "raw", TableName: "events" } } as typeof ORDERS);
      expect(run.Status).toBe("SUCCEEDED");
    });
  });

  describe("recommendation runs", () => {
    it("fail when the table is not in the catalog (the start call does not check it)", async () => {
      const { RunId } = await glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource: MISSING, Role: ROLE, CreatedRulesetName: "never" }));
      const { value: run } = await pollUntil(() => glue.send(new GetDataQualityRuleRecommendationRunCommand({ RunId })), (r) => TERMINAL.has(r.Status!));
      expect(run).toMatchObject({ Status: "FAILED", ErrorString: "EntityNotFoundException: Table sales.returns not found in the Data Catalog." });
      expect(run.RecommendedRuleset).toBeUndefined();
    });

    it("derive rules from the table's columns as the catalog has them when the run runs", async () => {
      expect((await recommend()).RecommendedRuleset).toBe("Rules = [\n    RowCount > 0,\n    ColumnCount = 2\n]");
      await glue.send(
        new UpdateTableCommand({
          DatabaseName: "sales",
          TableInput: { Name: "orders", StorageDescriptor: { Columns: [{ Name: "order_id", Type: "string" }] }, PartitionKeys: [{ Name: "day", Type: "date" }] },
        }),
      );
      expect((await recommend()).RecommendedRuleset).toBe("Rules = [\n    RowCount > 0,\n    ColumnCount = 2\n]");
    });

    it("recommend rules from recorded statistics only for columns the table still has", async () => {
      await createRuleset("orders-dq");
      registerDataQualityOutcomes("orders-dq", {
        Rule_1: { Result: "PASS", EvaluatedMetrics: { "Dataset.*.RowCount": 100 } },
        Rule_2: { Result: "PASS", EvaluatedMetrics: { "Column.order_id.Completeness": 1 } },
        Rule_3: { Result: "PASS", EvaluatedMetrics: { "Column.email.Completeness": 0.5 } },
      });
      await evaluate(["orders-dq"]);
      await glue.send(new UpdateTableCommand({ DatabaseName: "sales", TableInput: { Name: "orders", StorageDescriptor: { Columns: [{ Name: "order_id", Type: "string" }] } } }));
      expect((await recommend()).RecommendedRuleset).toBe('Rules = [\n    RowCount between 80 and 120,\n    IsComplete "order_id"\n]');
    });

    it("give a stand-in the table's columns", async () => {
      const seen: unknown[] = [];
      registerRuleRecommendations("sales.orders", (request) => {
        seen.push(request.columns);
        return `Rules = [ ${request.columns.map((c) => `ColumnExists "${c.Name}"`).join(", ")} ]`;
      });
      expect((await recommend()).RecommendedRuleset).toBe('Rules = [ ColumnExists "order_id", ColumnExists "email" ]');
      expect(seen).toEqual([
        [
          { Name: "order_id", Type: "string" },
          { Name: "email", Type: "string" },
        ],
      ]);
    });
  });

  describe("evaluation configurations", () => {
    const config = (Name: string, extra: Partial<CreateDataQualityEvaluationConfigRequest> = {}) =>
      glue.send(
        new CreateDataQualityEvaluationConfigCommand({
          Name,
          Level: "TABLE",
          DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "sales", TableNamePattern: "orders_.*" } },
          ManagedRulesetName: "SIMPLE",
          Triggers: ["ONCE"],
          Role: ROLE,
          ...extra,
        }),
      );

    it("refuse a catalog, a database or an additional table the catalog does not have", async () => {
      const cases: Array<Partial<CreateDataQualityEvaluationConfigRequest>> = [
        { DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "nowhere", TableNamePattern: ".*" } } },
        { Level: "DATABASE", DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "nowhere" } } },
        { Level: "CATALOG", DataSource: { GlueTables: { CatalogId: "absent" } } },
        { AdditionalDataSources: { reference: MISSING } },
      ];
      for (const extra of cases) expect(await rejectionOf(config("bad", extra)), JSON.stringify(extra)).toBeInstanceOf(EntityNotFoundException);
      expect((await glue.send(new ListDataQualityEvaluationConfigsCommand({}))).DataQualityEvaluationConfigs).toEqual([]);

      // A table pattern may match tables created later: only its database must exist.
      await config("nightly");
      const moved = await rejectionOf(glue.send(new UpdateDataQualityEvaluationConfigCommand({ Name: "nightly", DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "nowhere", TableNamePattern: ".*" } } })));
      expect(moved).toBeInstanceOf(EntityNotFoundException);
    });
  });
});
