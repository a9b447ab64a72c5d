/**
 * The DQDL rule types Glue accepts, with what each takes (DQDL reference, "DQDL rule type
 * reference"): how many parameters, and which kinds of condition. A rule type that returns a
 * number needs a condition to compare it with; one that returns a boolean takes none.
 */

/** The kinds of condition a rule can carry. */
export type ConditionKind = "number" | "string" | "date" | "duration" | "size";

export interface RuleTypeSpec {
  /** Parameters: at least `min`, at most `max` (Infinity for "one or more columns"). */
  params: { min: number; max: number };
  /** The condition kinds accepted; empty when the rule takes none. */
  conditions: readonly ConditionKind[];
  /** Whether the condition may be left out (boolean rules, row-level CustomSql). */
  conditionOptional: boolean;
  /** Whether it may appear in the Analyzers section (rules that compute a statistic). */
  analyzer: boolean;
  /** The statistic it evaluates, for metric names ("Column.<col>.Completeness"). */
  statistic?: string;
}

const NUMBER: Pick<RuleTypeSpec, "conditions" | "conditionOptional" | "analyzer"> = { conditions: ["number"], conditionOptional: false, analyzer: true };
const BOOLEAN: Pick<RuleTypeSpec, "conditions" | "conditionOptional" | "analyzer"> = { conditions: [], conditionOptional: true, analyzer: false };

const one = { min: 1, max: 1 };
const none = { min: 0, max: 0 };

export const RULE_TYPES: Readonly<Record<string, RuleTypeSpec>> = {
  RowCount: { params: none, ...NUMBER, statistic: "RowCount" },
  ColumnCount: { params: none, ...NUMBER, statistic: "ColumnCount" },
  Completeness: { params: one, ...NUMBER, statistic: "Completeness" },
  Uniqueness: { params: one, ...NUMBER, statistic: "Uniqueness" },
  UniqueValueRatio: { params: one, ...NUMBER, statistic: "UniqueValueRatio" },
  DistinctValuesCount: { params: one, ...NUMBER, statistic: "DistinctValuesCount" },
  Mean: { params: one, ...NUMBER, statistic: "Mean" },
  Sum: { params: one, ...NUMBER, statistic: "Sum" },
  StandardDeviation: { params: one, ...NUMBER, statistic: "StandardDeviation" },
  Entropy: { params: one, ...NUMBER, statistic: "Entropy" },
  ColumnLength: { params: one, ...NUMBER, statistic: "ColumnLength" },
  ColumnCorrelation: { params: { min: 2, max: 2 }, ...NUMBER, statistic: "ColumnCorrelation" },
  RowCountMatch: { params: one, ...NUMBER, analyzer: false, statistic: "RowCountMatch" },
  SchemaMatch: { params: one, ...NUMBER, analyzer: false, statistic: "SchemaMatch" },
  DatasetMatch: { params: { min: 2, max: 3 }, ...NUMBER, analyzer: false, statistic: "DatasetMatch" },
  AggregateMatch: { params: { min: 2, max: 2 }, ...NUMBER, analyzer: false, statistic: "AggregateMatch" },
  ReferentialIntegrity: { params: { min: 2, max: 2 }, ...NUMBER, analyzer: false, statistic: "ReferentialIntegrity" },
  IsComplete: { params: one, ...BOOLEAN, statistic: "Completeness" },
  IsUnique: { params: one, ...BOOLEAN, statistic: "Uniqueness" },
  IsPrimaryKey: { params: { min: 1, max: Infinity }, ...BOOLEAN },
  ColumnExists: { params: one, ...BOOLEAN },
  ColumnNamesMatchPattern: { params: one, ...BOOLEAN },
  DetectAnomalies: { params: { min: 1, max: Infinity }, ...BOOLEAN },
  ColumnValues: { params: one, conditions: ["number", "string", "date"], conditionOptional: false, analyzer: false },
  ColumnDataType: { params: one, conditions: ["string"], conditionOptional: false, analyzer: false },
  DataFreshness: { params: one, conditions: ["duration"], conditionOptional: false, analyzer: false },
  CustomSql: { params: one, conditions: ["number"], conditionOptional: true, analyzer: false, statistic: "CustomSQL" },
  FileCount: { params: { min: 0, max: 1 }, ...NUMBER, analyzer: false },
  FileSize: { params: { min: 0, max: 1 }, conditions: ["size"], conditionOptional: false, analyzer: false },
  FileFreshness: { params: { min: 0, max: 1 }, conditions: ["date", "duration"], conditionOptional: false, analyzer: false },
  FileMatch: { params: { min: 1, max: 2 }, conditions: [], conditionOptional: true, analyzer: false },
  FileUniqueness: { params: { min: 0, max: 1 }, ...NUMBER, analyzer: false },
};

/** Analyzer-only types (they compute statistics and assert nothing). */
export const ANALYZER_ONLY: ReadonlySet<string> = new Set(["AllStatistics"]);
