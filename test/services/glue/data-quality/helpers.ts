import {
  CreateDataQualityRulesetCommand,
  GetDataQualityRuleRecommendationRunCommand,
  GetDataQualityRulesetEvaluationRunCommand,
  StartDataQualityRuleRecommendationRunCommand,
  StartDataQualityRulesetEvaluationRunCommand,
} from "@aws-sdk/client-glue";
import { glue, pollUntil, ROLE } from "../helpers.js";

export const ORDERS = { GlueTable: { DatabaseName: "sales", TableName: "orders" } };
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
