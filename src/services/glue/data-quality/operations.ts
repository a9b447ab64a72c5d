import * as configs from "./evaluation-configs.js";
import * as evaluationRuns from "./evaluation-runs.js";
import * as recommendationRuns from "./recommendation-runs.js";
import * as results from "./results.js";
import * as rulesets from "./rulesets.js";
import * as statistics from "./statistics-operations.js";

/** Glue Data Quality: rulesets, evaluation and recommendation runs, results, statistics, configurations. */
export const DATA_QUALITY_OPERATIONS = {
  CreateDataQualityRuleset: rulesets.createDataQualityRuleset,
  GetDataQualityRuleset: rulesets.getDataQualityRuleset,
  UpdateDataQualityRuleset: rulesets.updateDataQualityRuleset,
  DeleteDataQualityRuleset: rulesets.deleteDataQualityRuleset,
  ListDataQualityRulesets: rulesets.listDataQualityRulesets,

  StartDataQualityRulesetEvaluationRun: evaluationRuns.startDataQualityRulesetEvaluationRun,
  GetDataQualityRulesetEvaluationRun: evaluationRuns.getDataQualityRulesetEvaluationRun,
  BatchGetDataQualityRulesetEvaluationRun: evaluationRuns.batchGetDataQualityRulesetEvaluationRun,
  CancelDataQualityRulesetEvaluationRun: evaluationRuns.cancelDataQualityRulesetEvaluationRun,
  ListDataQualityRulesetEvaluationRuns: evaluationRuns.listDataQualityRulesetEvaluationRuns,

  StartDataQualityRuleRecommendationRun: recommendationRuns.startDataQualityRuleRecommendationRun,
  GetDataQualityRuleRecommendationRun: recommendationRuns.getDataQualityRuleRecommendationRun,
  CancelDataQualityRuleRecommendationRun: recommendationRuns.cancelDataQualityRuleRecommendationRun,
  ListDataQualityRuleRecommendationRuns: recommendationRuns.listDataQualityRuleRecommendationRuns,

  GetDataQualityResult: results.getDataQualityResult,
  GetDataQualityResultV2: results.getDataQualityResultV2,
  BatchGetDataQualityResult: results.batchGetDataQualityResult,
  BatchGetDataQualityResultV2: results.batchGetDataQualityResultV2,
  ListDataQualityResults: results.listDataQualityResults,
  ListDataQualityResultsV2: results.listDataQualityResultsV2,
  PublishDataQualityResultV2: results.publishDataQualityResultV2,

  ListDataQualityStatistics: statistics.listDataQualityStatistics,
  ListDataQualityStatisticAnnotations: statistics.listDataQualityStatisticAnnotations,
  BatchPutDataQualityStatisticAnnotation: statistics.batchPutDataQualityStatisticAnnotation,
  PutDataQualityProfileAnnotation: statistics.putDataQualityProfileAnnotation,
  GetDataQualityModel: statistics.getDataQualityModel,
  GetDataQualityModelResult: statistics.getDataQualityModelResult,

  CreateDataQualityEvaluationConfig: configs.createDataQualityEvaluationConfig,
  GetDataQualityEvaluationConfig: configs.getDataQualityEvaluationConfig,
  UpdateDataQualityEvaluationConfig: configs.updateDataQualityEvaluationConfig,
  DeleteDataQualityEvaluationConfig: configs.deleteDataQualityEvaluationConfig,
  ListDataQualityEvaluationConfigs: configs.listDataQualityEvaluationConfigs,
};
