import type { DataQualityAnalyzerResult, DataQualityRuleResult, DataSource } from "@aws-sdk/client-glue";
import type { Engine } from "../../../engine/engine.js";
import { StandInFamily, type StandIn } from "../../../engine/stand-ins.js";
import { leafRules, type DqdlRuleNode, type DqdlRuleset } from "./dqdl.js";

/**
 * Data-quality outcomes: what an evaluation finds in data the fake cannot read. A test
 * registers, per ruleset name ("*" for every ruleset), the outcome of each rule (aws-doubles/glue:
 * registerDataQualityOutcomes). Without one, every rule passes and says why.
 */

/** The outcome of one rule: a result, or a result with its message and metrics. */
export type DataQualityRuleOutcome =
  | "PASS"
  | "FAIL"
  | "ERROR"
  | { Result: "PASS" | "FAIL" | "ERROR"; EvaluationMessage?: string; EvaluatedMetrics?: Record<string, number> };

/** An analyzer's metrics. */
export interface DataQualityAnalyzerOutcome {
  EvaluatedMetrics: Record<string, number>;
  EvaluationMessage?: string;
}

/**
 * Outcomes by rule: keyed by the rule's name in the result ("Rule_1", "Rule_2", … in ruleset
 * order) or by its text as written ('IsComplete "order_id"'); analyzers likewise ("Analyzer_1"
 * or their text). Rules left out pass.
 */
export type DataQualityOutcomes = Record<string, DataQualityRuleOutcome | DataQualityAnalyzerOutcome>;

/** What a stand-in function is told about the evaluation. */
export interface DataQualityEvaluationRequest {
  rulesetName: string;
  /** The DQDL text. */
  ruleset: string;
  rules: Array<{ Name: string; Rule: string; RuleType: string; Columns: string[] }>;
  analyzers: Array<{ Name: string; Analyzer: string; AnalyzerType: string; Columns: string[] }>;
  dataSource: DataSource;
}

export interface DataQualityEvaluationDetails {
  runId: string;
}

export type DataQualityOutcomesStandIn = StandIn<DataQualityEvaluationRequest, DataQualityOutcomes, DataQualityEvaluationDetails>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export const dataQualityOutcomes = new StandInFamily<DataQualityEvaluationRequest, DataQualityOutcomes, undefined, DataQualityEvaluationDetails>(
  "glue.dataQualityOutcomes",
  "Glue data-quality outcome",
  '{ "Rule_1": "PASS" | "FAIL" | "ERROR" | { Result, EvaluationMessage?, EvaluatedMetrics? }, … }',
  isObject,
);

const RESULTS = new Set(["PASS", "FAIL", "ERROR"]);

/** Why an answer is not outcomes (undefined when it is). */
function outcomeProblem(answer: unknown): string | undefined {
  if (!isObject(answer)) return "must return an object of outcomes keyed by rule name or rule text.";
  for (const [key, value] of Object.entries(answer)) {
    if (typeof value === "string") {
      if (!RESULTS.has(value)) return `gave ${JSON.stringify(value)} for ${key}: a rule outcome is PASS, FAIL or ERROR.`;
      continue;
    }
    if (!isObject(value)) return `gave a ${typeof value} for ${key}: expected PASS, FAIL, ERROR or { Result, … }.`;
    if (value.Result !== undefined && !RESULTS.has(value.Result as string)) return `gave Result ${JSON.stringify(value.Result)} for ${key}: expected PASS, FAIL or ERROR.`;
    if (value.Result === undefined && value.EvaluatedMetrics === undefined) return `gave ${key} neither a Result nor EvaluatedMetrics.`;
    const metrics = value.EvaluatedMetrics;
    if (metrics !== undefined && (!isObject(metrics) || Object.values(metrics).some((m) => typeof m !== "number" || !Number.isFinite(m)))) {
      return `gave ${key} EvaluatedMetrics that are not a map of finite numbers.`;
    }
  }
  return undefined;
}

/** Columns a rule names (its quoted parameters that are column names). */
function columnsOf(node: DqdlRuleNode): string[] {
  const columns = new Set<string>();
  for (const leaf of leafRules(node)) {
    if (leaf.ruleType === "CustomSql" || leaf.ruleType.endsWith("Match") || leaf.ruleType === "DetectAnomalies" || leaf.ruleType === "ColumnNamesMatchPattern") continue;
    for (const parameter of leaf.parameters) columns.add(parameter);
  }
  return [...columns];
}

export interface Evaluation {
  RuleResults: DataQualityRuleResult[];
  AnalyzerResults: DataQualityAnalyzerResult[];
  Score: number;
}

export type EvaluationOutcome = { kind: "done"; evaluation: Evaluation } | { kind: "failed"; message: string };

const DEFAULT_MESSAGE = "No data-quality outcome is registered for this ruleset (aws-doubles/glue registerDataQualityOutcomes): the rule passes by default.";

/** Evaluates a ruleset: each top-level rule's outcome from the stand-in, PASS without one. */
export function evaluate(
  engine: Engine,
  where: { accountId: string; region: string; runId: string },
  rulesetName: string,
  text: string,
  parsed: DqdlRuleset,
  dataSource: DataSource,
): EvaluationOutcome {
  const rules = parsed.rules.map((rule, i) => ({ Name: `Rule_${i + 1}`, Rule: rule.text, RuleType: rule.type === "rule" ? rule.ruleType : "Composite", Columns: columnsOf(rule) }));
  const analyzers = parsed.analyzers.map((a, i) => ({ Name: `Analyzer_${i + 1}`, Analyzer: a.text, AnalyzerType: a.analyzerType, Columns: [...a.parameters] }));
  const request: DataQualityEvaluationRequest = { rulesetName, ruleset: text, rules, analyzers, dataSource };
  const outcome = dataQualityOutcomes.resolve(engine, [rulesetName], request, { accountId: where.accountId, region: where.region, runId: where.runId }, outcomeProblem);
  if (outcome.kind === "failed") return { kind: "failed", message: outcome.message };
  const answers = outcome.kind === "answer" ? outcome.answer : {};
  const ruleResults: DataQualityRuleResult[] = rules.map((rule) => {
    const given = answers[rule.Name] ?? answers[rule.Rule];
    if (given === undefined) {
      return { Name: rule.Name, Description: rule.Rule, EvaluatedRule: rule.Rule, Result: "PASS", EvaluationMessage: outcome.kind === "none" ? DEFAULT_MESSAGE : undefined };
    }
    const detail = typeof given === "string" ? { Result: given } : given;
    const result = "Result" in detail && detail.Result !== undefined ? detail.Result : "PASS";
    return { Name: rule.Name, Description: rule.Rule, EvaluatedRule: rule.Rule, Result: result, EvaluationMessage: detail.EvaluationMessage, EvaluatedMetrics: detail.EvaluatedMetrics ? { ...detail.EvaluatedMetrics } : undefined };
  });
  const analyzerResults: DataQualityAnalyzerResult[] = analyzers.map((analyzer) => {
    const given = answers[analyzer.Name] ?? answers[analyzer.Analyzer];
    const detail = typeof given === "object" ? given : undefined;
    return { Name: analyzer.Name, Description: analyzer.Analyzer, EvaluationMessage: detail?.EvaluationMessage, EvaluatedMetrics: detail?.EvaluatedMetrics ? { ...detail.EvaluatedMetrics } : {} };
  });
  const passed = ruleResults.filter((r) => r.Result === "PASS").length;
  return { kind: "done", evaluation: { RuleResults: ruleResults, AnalyzerResults: analyzerResults, Score: ruleResults.length === 0 ? 1 : passed / ruleResults.length } };
}

/**
 * Rule recommendations: the ruleset a recommendation run proposes for a table, by table
 * (`<database>.<table>`, or "*"). Without one, it is derived from the statistics recorded for
 * the table (see recommend.ts).
 */
export interface RuleRecommendationRequest {
  dataSource: DataSource;
  /** The table's columns (then partition keys) in the Data Catalog, as they are when the run runs. */
  columns: Array<{ Name: string; Type?: string | undefined }>;
  /** The statistics last recorded for the table, by name ("Column.id.Completeness": 1). */
  latestMetrics: Record<string, number>;
}

export type RuleRecommendationStandIn = StandIn<RuleRecommendationRequest, string, DataQualityEvaluationDetails>;

export const ruleRecommendations = new StandInFamily<RuleRecommendationRequest, string, undefined, DataQualityEvaluationDetails>(
  "glue.ruleRecommendations",
  "Glue rule recommendation",
  "a DQDL ruleset string",
  (value) => typeof value === "string",
);
