import type { LifecycleKind } from "../../../engine/service.js";

export const EVALUATION_RUN = "Glue.DataQualityRulesetEvaluationRun";
export const RECOMMENDATION_RUN = "Glue.DataQualityRuleRecommendationRun";

/** TaskStatusType runs: STARTING → RUNNING → SUCCEEDED; a cancel passes STOPPING to STOPPED. */
export const DATA_QUALITY_LIFECYCLES: readonly LifecycleKind[] = [
  {
    kind: EVALUATION_RUN,
    states: ["STARTING", "RUNNING", "STOPPING", "STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT"],
    failures: ["FAILED", "TIMEOUT", "STOPPED"],
    attributes: ["RunId", "RulesetName", "DatabaseName", "TableName"],
  },
  {
    kind: RECOMMENDATION_RUN,
    states: ["STARTING", "RUNNING", "STOPPING", "STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT"],
    failures: ["FAILED", "TIMEOUT", "STOPPED"],
    attributes: ["RunId", "DatabaseName", "TableName", "CreatedRulesetName"],
  },
];
