import type {
  DataQualityAggregatedMetrics,
  DataQualityAnalyzerResult,
  DataQualityEvaluationConfigAdditionalRunOptions,
  DataQualityEvaluationConfigDataSource,
  DataQualityEvaluationRunAdditionalRunOptions,
  DataQualityObservation,
  DataQualityRuleRecommendationRunAdditionalRunOptions,
  DataQualityRuleResult,
  DataQualityTargetTable,
  DataSource,
} from "@aws-sdk/client-glue";
import type { LinearProcess } from "../../../engine/lifecycle/process.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import type { DqdlRuleset } from "./dqdl.js";

/** What Glue keeps of data quality in one account and region. */

export interface RulesetRecord {
  Name: string;
  Description?: string | undefined;
  Ruleset: string;
  parsed: DqdlRuleset;
  TargetTable?: DataQualityTargetTable | undefined;
  CreatedOn: Date;
  LastModifiedOn: Date;
  RecommendationRunId?: string | undefined;
  DataQualitySecurityConfiguration?: string | undefined;
}

/** What evaluation and recommendation runs share. */
export interface RunCommon {
  readonly sequence: number;
  readonly RunId: string;
  readonly DataSource: DataSource;
  /** `<catalog>.<database>.<table>` of the data source, for filters. */
  readonly tableKey: string;
  readonly Role: string;
  readonly NumberOfWorkers: number;
  readonly Timeout: number;
  readonly StartedOn: Date;
  LastModifiedOn: Date;
  CompletedOn?: Date | undefined;
  ErrorString?: string | undefined;
  readonly process: LinearProcess;
}

export interface EvaluationRunRecord extends RunCommon {
  readonly RulesetNames: string[];
  readonly AdditionalRunOptions?: DataQualityEvaluationRunAdditionalRunOptions | undefined;
  readonly AdditionalDataSources?: Record<string, DataSource> | undefined;
  ResultIds: string[];
}

export interface RecommendationRunRecord extends RunCommon {
  readonly CreatedRulesetName?: string | undefined;
  readonly DataQualitySecurityConfiguration?: string | undefined;
  readonly AdditionalRunOptions?: DataQualityRuleRecommendationRunAdditionalRunOptions | undefined;
  readonly RecommendationMode?: "BASIC" | "ADVANCED" | undefined;
  RecommendedRuleset?: string | undefined;
}

export interface ResultRecord {
  readonly sequence: number;
  readonly ResultId: string;
  readonly ProfileId: string;
  readonly Score: number;
  readonly DataSource?: DataSource | undefined;
  readonly tableKey?: string | undefined;
  readonly RulesetName?: string | undefined;
  readonly EvaluationContext?: string | undefined;
  readonly StartedOn?: Date | undefined;
  readonly CompletedOn?: Date | undefined;
  readonly JobName?: string | undefined;
  readonly JobRunId?: string | undefined;
  readonly RulesetEvaluationRunId?: string | undefined;
  readonly RuleResults: DataQualityRuleResult[];
  readonly AnalyzerResults: DataQualityAnalyzerResult[];
  readonly Observations: DataQualityObservation[];
  readonly AggregatedMetrics?: DataQualityAggregatedMetrics | undefined;
  readonly EvaluationRunMode?: "ON_DEMAND" | "EVALUATION_CONFIG" | undefined;
  readonly DataQualityEvaluationConfig?: string | undefined;
  readonly Dimensions?: Record<string, string> | undefined;
  readonly Tags?: Record<string, string> | undefined;
  readonly Descriptors?: Record<string, string> | undefined;
  readonly ResultPublishedOn: Date;
}

/** One recorded value of a statistic (a datapoint of its time series), in one profile. */
export interface StatisticRecord {
  readonly sequence: number;
  readonly StatisticId: string;
  readonly ProfileId: string;
  readonly RunIdentifier: { RunId?: string | undefined; JobRunId?: string | undefined };
  readonly StatisticName: string;
  readonly DoubleValue: number;
  readonly EvaluationLevel: "Dataset" | "Column" | "Multicolumn";
  readonly ColumnsReferenced: string[];
  readonly ReferencedDatasets: string[];
  readonly StatisticProperties: Record<string, string>;
  readonly RecordedOn: Date;
  /** The table the statistic was computed on, for rule recommendations. */
  readonly tableKey?: string | undefined;
}

export interface AnnotationRecord {
  readonly ProfileId: string;
  readonly StatisticId: string;
  readonly StatisticRecordedOn: Date;
  Value: "INCLUDE" | "EXCLUDE";
  LastModifiedOn: Date;
}

export interface EvaluationConfigRecord {
  readonly Name: string;
  readonly CreatedOn: Date;
  LastModifiedOn: Date;
  readonly Level: "CATALOG" | "DATABASE" | "TABLE";
  DataSource?: DataQualityEvaluationConfigDataSource | undefined;
  RulesetName?: string | undefined;
  ManagedRulesetName?: "SIMPLE" | "ADVANCED" | undefined;
  Triggers?: Array<"ONCE" | "SCHEDULE" | "METADATA_CHANGE"> | undefined;
  ScheduleExpression?: string | undefined;
  StartAt?: Date | undefined;
  EndAt?: Date | undefined;
  PauseRuns: boolean;
  Role: string;
  NumberOfWorkers?: number | undefined;
  Timeout?: number | undefined;
  AdditionalRunOptions?: DataQualityEvaluationConfigAdditionalRunOptions | undefined;
  AdditionalDataSources?: Record<string, DataSource> | undefined;
}

const newestFirst = <V extends { readonly sequence: number }>() => new OrderedTable<V>((value) => -value.sequence);

export class DataQualityState {
  readonly rulesets = new OrderedTable<RulesetRecord>();
  readonly evaluationRuns = newestFirst<EvaluationRunRecord>();
  readonly recommendationRuns = newestFirst<RecommendationRunRecord>();
  readonly results = newestFirst<ResultRecord>();
  /** Every datapoint, newest first, keyed `<statisticId>|<profileId>`. */
  readonly statistics = newestFirst<StatisticRecord>();
  /** The datapoints of each statistic, newest first. */
  readonly statisticSeries = new Map<string, OrderedTable<StatisticRecord>>();
  /** The datapoints of each profile (one result's statistics), newest first. */
  readonly profiles = new Map<string, OrderedTable<StatisticRecord>>();
  /** The latest value of each metric of each table, for rule recommendations. */
  readonly latestByTable = new Map<string, Map<string, number>>();
  /** Annotations by `<statisticId>|<profileId>`, listed newest first. */
  readonly annotations = new OrderedTable<AnnotationRecord>((value) => -value.StatisticRecordedOn.getTime());
  readonly evaluationConfigs = new OrderedTable<EvaluationConfigRecord>();
  private sequence = 0;

  next(): number {
    return ++this.sequence;
  }
}
