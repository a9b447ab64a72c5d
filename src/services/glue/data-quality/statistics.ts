import { createHash } from "node:crypto";
import { OrderedTable } from "../../../engine/ordered-table.js";
import type { DataQualityState, ResultRecord, StatisticRecord } from "./records.js";

/**
 * Statistics: every metric a result carries (its rules' and analyzers' EvaluatedMetrics) is a
 * datapoint of a statistic. A statistic is one metric of one table ("Column.order_id.Completeness"
 * of sales.orders), so the same rule evaluated again adds a datapoint to the same series; the
 * datapoints of one result share the result's ProfileId.
 */

const LEVELS = { Dataset: "Dataset", Column: "Column", Multicolumn: "Multicolumn" } as const;

/** The parts of a metric name: `<Level>.<columns>.<Statistic>` ("Dataset.*.RowCount"). */
export function parseMetricName(metric: string): { level: StatisticRecord["EvaluationLevel"]; columns: string[]; name: string } {
  const parts = metric.split(".");
  const level = LEVELS[parts[0] as keyof typeof LEVELS];
  if (level && parts.length >= 3) {
    const columns = parts[1] === "*" ? [] : parts[1]!.split(",");
    return { level, columns, name: sanitize(parts.slice(2).join(".")) };
  }
  return { level: "Dataset", columns: [], name: sanitize(metric) };
}

/** StatisticNameString: ^[A-Z][A-Za-z\.]+$. */
function sanitize(name: string): string {
  const letters = name.replace(/[^A-Za-z.]/g, "");
  const capital = letters.charAt(0).toUpperCase() + letters.slice(1);
  return /^[A-Z][A-Za-z.]+$/.test(capital) ? capital : "CustomMetric";
}

/** A stable id per table and metric, in UUID form: the same statistic across runs. */
export function statisticIdOf(scope: string, metric: string): string {
  const hex = createHash("sha256").update(`${scope}|${metric}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Records the statistics of a result (its metrics) as datapoints of their series. */
export function recordStatistics(state: DataQualityState, result: ResultRecord, runId: string | undefined, scope: string): StatisticRecord[] {
  const metrics = new Map<string, number>();
  for (const rule of result.RuleResults) for (const [name, value] of Object.entries(rule.EvaluatedMetrics ?? {})) if (typeof value === "number") metrics.set(name, value);
  for (const analyzer of result.AnalyzerResults) for (const [name, value] of Object.entries(analyzer.EvaluatedMetrics ?? {})) if (typeof value === "number") metrics.set(name, value);
  const recorded: StatisticRecord[] = [];
  for (const [metric, value] of metrics) {
    const { level, columns, name } = parseMetricName(metric);
    const record: StatisticRecord = {
      sequence: state.next(),
      StatisticId: statisticIdOf(scope, metric),
      ProfileId: result.ProfileId,
      RunIdentifier: { RunId: runId, JobRunId: result.JobRunId },
      StatisticName: name,
      DoubleValue: value,
      EvaluationLevel: level,
      ColumnsReferenced: columns,
      ReferencedDatasets: [],
      StatisticProperties: { metric },
      RecordedOn: result.CompletedOn ?? result.ResultPublishedOn,
      tableKey: result.tableKey,
    };
    addStatistic(state, record);
    recorded.push(record);
  }
  return recorded;
}

export function addStatistic(state: DataQualityState, record: StatisticRecord): void {
  const key = `${record.StatisticId}|${record.ProfileId}`;
  state.statistics.set(key, record);
  let series = state.statisticSeries.get(record.StatisticId);
  if (!series) {
    series = new OrderedTable<StatisticRecord>((value) => -value.sequence);
    state.statisticSeries.set(record.StatisticId, series);
  }
  series.set(key, record);
  let profile = state.profiles.get(record.ProfileId);
  if (!profile) {
    profile = new OrderedTable<StatisticRecord>((value) => -value.sequence);
    state.profiles.set(record.ProfileId, profile);
  }
  profile.set(key, record);
  if (record.tableKey !== undefined) {
    const latest = state.latestByTable.get(record.tableKey) ?? new Map<string, number>();
    latest.set(record.StatisticProperties.metric ?? record.StatisticName, record.DoubleValue);
    state.latestByTable.set(record.tableKey, latest);
  }
}

/** The inclusion annotation of a datapoint (INCLUDE unless annotated). */
export function inclusionOf(state: DataQualityState, record: StatisticRecord): { Value: "INCLUDE" | "EXCLUDE"; LastModifiedOn?: Date | undefined } {
  const annotation = state.annotations.get(`${record.StatisticId}|${record.ProfileId}`);
  return annotation ? { Value: annotation.Value, LastModifiedOn: annotation.LastModifiedOn } : { Value: "INCLUDE" };
}
