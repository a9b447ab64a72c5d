import {
  CreateDatabaseCommand,
  CreateDataQualityRulesetCommand,
  CreateTableCommand,
  GetDataQualityRuleRecommendationRunCommand,
  GetDataQualityRulesetEvaluationRunCommand,
  StartDataQualityRuleRecommendationRunCommand,
  StartDataQualityRulesetEvaluationRunCommand,
} from "@aws-sdk/client-glue";
import { glue, pollUntil, ROLE } from "../helpers.js";

export const ORDERS = { GlueTable: { DatabaseName: "sales", TableName: "orders" } };

/**
 * The Data Catalog tables the data-quality tests read: sales.orders (order_id, email) and
 * hr.people (id, name). Data sources and target tables must name tables that exist.
 */
export async function catalogTables(): Promise<void> {
  for (const [database, table, columns] of [
    ["sales", "orders", ["order_id", "email"]],
    ["hr", "people", ["id", "name"]],
  ] as const) {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: database } }));
    await glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: { Name: table, StorageDescriptor: { Columns: columns.map((Name) => ({ Name, Type: "string" })) } } }));
  }
}
export const ORDER_RULES = 'Rules = [ RowCount > 0, IsComplete "order_id", Completeness "email" > 0.9 ]';
const TERMINAL = new Set(["SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT"]);

export function createRuleset(Name: string, Ruleset = ORDER_RULES, extra: Record<string, unknown> = {}) {
  return glue.send(new CreateDataQualityRulesetCommand({ Name, Ruleset, TargetTable: { DatabaseName: "sales", TableName: "orders" }, ...extra }));
}

export async function evaluationRun(RulesetNames: string[], DataSource: typeof ORDERS = ORDERS) {
  const { RunId } = await glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource, Role: ROLE, RulesetNames }));
  return RunId!;
}

/** Starts an evaluation and polls it to its end; returns the final run. */
export async function evaluate(RulesetNames: string[], DataSource: typeof ORDERS = ORDERS) {
  const RunId = await evaluationRun(RulesetNames, DataSource);
  const { value } = await pollUntil(() => glue.send(new GetDataQualityRulesetEvaluationRunCommand({ RunId })), (run) => TERMINAL.has(run.Status!));
  return value;
}

export async function recommend(extra: { CreatedRulesetName?: string } = {}, DataSource: typeof ORDERS = ORDERS) {
  const { RunId } = await glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource, Role: ROLE, ...extra }));
  const { value } = await pollUntil(() => glue.send(new GetDataQualityRuleRecommendationRunCommand({ RunId })), (run) => TERMINAL.has(run.Status!));
  return value;
}
