import type {
  BatchGetDataQualityResultRequest,
  BatchGetDataQualityResultResponse,
  BatchGetDataQualityResultV2Request,
  BatchGetDataQualityResultV2Response,
  DataQualityResult,
  DataSource,
  DataQualityResultV2Item,
  GetDataQualityResultRequest,
  GetDataQualityResultResponse,
  GetDataQualityResultV2Request,
  GetDataQualityResultV2Response,
  ListDataQualityResultsRequest,
  ListDataQualityResultsResponse,
  ListDataQualityResultsV2Request,
  ListDataQualityResultsV2Response,
  PublishDataQualityResultV2Request,
  PublishDataQualityResultV2Response,
} from "@aws-sdk/client-glue";
import { randomHex, uuid } from "../../../engine/ids.js";
import type { RequestContext } from "../../../engine/context.js";
import { list, map, num, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import type { ResultRecord } from "./records.js";
import { DATA_SOURCE, DQ_PAGE, HASH, tableKey, tableOf } from "./shapes.js";
import { addStatistic, parseMetricName, recordStatistics, statisticIdOf } from "./statistics.js";

function findResult(ctx: RequestContext<GlueBackend>, id: string): ResultRecord {
  const result = ctx.backend.dataQuality.results.get(id);
  if (!result) throw ctx.error("EntityNotFoundException", `Cannot find Data Quality Result ${id}.`);
  return result;
}

function renderResult(r: ResultRecord): DataQualityResult {
  return {
    ResultId: r.ResultId,
    EvaluationRunMode: r.EvaluationRunMode,
    DataQualityEvaluationConfig: r.DataQualityEvaluationConfig,
    ProfileId: r.ProfileId,
    Score: r.Score,
    DataSource: r.DataSource,
    RulesetName: r.RulesetName,
    EvaluationContext: r.EvaluationContext,
    StartedOn: r.StartedOn,
    CompletedOn: r.CompletedOn,
    JobName: r.JobName,
    JobRunId: r.JobRunId,
    RulesetEvaluationRunId: r.RulesetEvaluationRunId,
    RuleResults: r.RuleResults,
    AnalyzerResults: r.AnalyzerResults,
    Observations: r.Observations,
    AggregatedMetrics: r.AggregatedMetrics,
  };
}

function renderResultV2(r: ResultRecord): DataQualityResultV2Item & { ProfileId: string } {
  return {
    ResultId: r.ResultId,
    EvaluationRunMode: r.EvaluationRunMode,
    DataQualityEvaluationConfig: r.DataQualityEvaluationConfig,
    DataSource: r.DataSource,
    ProfileId: r.ProfileId,
    Dimensions: r.Dimensions,
    Tags: r.Tags,
    ExecutionStartedOn: r.StartedOn,
    ExecutionCompletedOn: r.CompletedOn,
    ResultPublishedOn: r.ResultPublishedOn,
    Score: r.Score,
    RuleResults: r.RuleResults,
    AnalyzerResults: r.AnalyzerResults,
    Observations: r.Observations,
    EvaluationContext: r.EvaluationContext,
    Descriptors: r.Descriptors,
    AggregatedMetrics: r.AggregatedMetrics,
    RulesetName: r.RulesetName,
  };
}

export const getDataQualityResult = op<GetDataQualityResultRequest, GetDataQualityResultResponse>({
  input: { ResultId: HASH },
  errors: ["EntityNotFoundException"],
  run: (ctx, input) => renderResult(findResult(ctx, input.ResultId!)),
});

export const getDataQualityResultV2 = op<GetDataQualityResultV2Request, GetDataQualityResultV2Response>({
  input: { ResultId: HASH },
  errors: ["EntityNotFoundException"],
  run: (ctx, input) => renderResultV2(findResult(ctx, input.ResultId!)),
});

export const batchGetDataQualityResult = op<BatchGetDataQualityResultRequest, BatchGetDataQualityResultResponse>({
  input: { ResultIds: list(HASH, { min: 1, max: 100 }) },
  errors: [],
  run(ctx, input) {
    const found = input.ResultIds!.map((id) => ctx.backend.dataQuality.results.get(id));
    const missing = input.ResultIds!.filter((_, i) => !found[i]);
    return { Results: found.filter((r) => r !== undefined).map(renderResult), ResultsNotFound: missing.length > 0 ? missing : undefined };
  },
});

export const batchGetDataQualityResultV2 = op<BatchGetDataQualityResultV2Request, BatchGetDataQualityResultV2Response>({
  input: { ResultIds: list(HASH, { min: 1, max: 100 }) },
  errors: [],
  run(ctx, input) {
    const found = input.ResultIds!.map((id) => ctx.backend.dataQuality.results.get(id));
    const missing = input.ResultIds!.filter((_, i) => !found[i]);
    return {
      Results: found.filter((r) => r !== undefined).map((r) => {
        const { ProfileId: _profile, ...item } = renderResultV2(r);
        return item;
      }),
      ResultsNotFound: missing.length > 0 ? missing : undefined,
    };
  },
});

/** Whether each of `members` the filter gives is the result's own value. */
function sameAs<F extends object>(r: ResultRecord, filter: F | undefined, members: ReadonlyArray<keyof F & keyof ResultRecord>): boolean {
  return members.every((m) => filter?.[m] === undefined || r[m] === (filter[m] as unknown));
}

/** A page of results for a List* with a Filter: of its DataSource's table (if given), then `matches`. */
function pageOfResults(
  ctx: RequestContext<GlueBackend>,
  input: { Filter?: { DataSource?: DataSource | undefined } | undefined; NextToken?: string | undefined; MaxResults?: number | undefined },
  matches: (r: ResultRecord) => boolean,
) {
  const f = input.Filter;
  const key = f?.DataSource ? tableKey(ctx, tableOf(ctx, f.DataSource, "Filter.DataSource")) : undefined;
  return ctx.paginate(ctx.backend.dataQuality.results, {
    token: input.NextToken,
    maxResults: input.MaxResults,
    defaultSize: 100,
    query: f,
    filter: (r) => (key === undefined || r.tableKey === key) && matches(r),
  });
}

const RESULT_FILTER = struct({ DataSource: DATA_SOURCE, JobName: NAME, JobRunId: HASH, EvaluationRunMode: oneOf("DataQualityEvaluationRunMode"), DataQualityEvaluationConfig: NAME });

export const listDataQualityResults = op<ListDataQualityResultsRequest, ListDataQualityResultsResponse>({
  input: { Filter: RESULT_FILTER, MaxResults: DQ_PAGE },
  errors: [],
  run(ctx, input) {
    const f = input.Filter;
    const page = pageOfResults(
      ctx,
      input,
      (r) =>
        sameAs(r, f, ["JobName", "JobRunId", "EvaluationRunMode", "DataQualityEvaluationConfig"]) &&
        (!f?.StartedAfter || (r.StartedOn !== undefined && r.StartedOn > f.StartedAfter)) &&
        (!f?.StartedBefore || (r.StartedOn !== undefined && r.StartedOn < f.StartedBefore)),
    );
    return {
      Results: page.items.map((r) => ({
        ResultId: r.ResultId,
        EvaluationRunMode: r.EvaluationRunMode,
        DataQualityEvaluationConfig: r.DataQualityEvaluationConfig,
        DataSource: r.DataSource,
        JobName: r.JobName,
        JobRunId: r.JobRunId,
        StartedOn: r.StartedOn,
      })),
      NextToken: page.nextToken,
    };
  },
});

const DIMENSIONS = map({ key: str({ min: 1, max: 128 }), value: str({ max: 256 }), max: 20 });

const RESULT_V2_FILTER = struct({ DataSource: DATA_SOURCE, Dimensions: DIMENSIONS, EvaluationContext: str(), EvaluationRunMode: oneOf("DataQualityEvaluationRunMode"), DataQualityEvaluationConfig: NAME });

export const listDataQualityResultsV2 = op<ListDataQualityResultsV2Request, ListDataQualityResultsV2Response>({
  input: { Filter: RESULT_V2_FILTER, MaxResults: DQ_PAGE },
  errors: [],
  run(ctx, input) {
    const f = input.Filter;
    const page = pageOfResults(
      ctx,
      input,
      (r) =>
        sameAs(r, f, ["EvaluationContext", "EvaluationRunMode", "DataQualityEvaluationConfig"]) &&
        Object.entries(f?.Dimensions ?? {}).every(([k, v]) => r.Dimensions?.[k] === v) &&
        (!f?.PublishedAfter || r.ResultPublishedOn > f.PublishedAfter) &&
        (!f?.PublishedBefore || r.ResultPublishedOn < f.PublishedBefore),
    );
    return {
      Results: page.items.map((r) => ({
        ResultId: r.ResultId,
        EvaluationRunMode: r.EvaluationRunMode,
        DataQualityEvaluationConfig: r.DataQualityEvaluationConfig,
        DataSource: r.DataSource,
        ResultPublishedOn: r.ResultPublishedOn,
        Dimensions: r.Dimensions,
        EvaluationContext: r.EvaluationContext,
        Descriptors: r.Descriptors,
      })),
      NextToken: page.nextToken,
    };
  },
});

const RULE_RESULT = struct({ Name: NAME, Description: str({ max: 2048 }), EvaluationMessage: str({ max: 2048 }), EvaluatedRule: str({ max: 2048 }), Result: oneOf("DataQualityRuleResultStatus") });

export const publishDataQualityResultV2 = op<PublishDataQualityResultV2Request, PublishDataQualityResultV2Response>({
  input: {
    Dimensions: DIMENSIONS,
    Tags: map({ key: str({ min: 1, max: 128 }), value: str({ max: 256 }), max: 50 }),
    Score: num({ min: 0, max: 1 }),
    RuleResults: list(RULE_RESULT, { max: 2000 }),
    AnalyzerResults: list(struct({ Name: NAME, Description: str({ max: 2048 }), EvaluationMessage: str({ max: 2048 }) }), { max: 2000 }),
    Observations: list(undefined, { max: 50 }),
    Statistics: list(struct({ StatisticId: HASH, ProfileId: HASH, StatisticName: str({ min: 1, max: 255, pattern: "^[A-Z][A-Za-z\\.]+$" }), EvaluationLevel: oneOf("StatisticEvaluationLevel") })),
    RunConfiguration: struct({ ObservationsEnabled: oneOf("ObservationConfiguration"), ObservationMode: oneOf("ObservationMode") }),
    ClientToken: HASH,
    EvaluationContext: str({ min: 1, max: 2048 }),
    Descriptors: map({ key: str({ min: 1, max: 128 }), value: str({ max: 1024 }), max: 50 }),
    RulesetName: NAME,
    DataQualitySecurityConfiguration: NAME,
  },
  errors: [],
  run(ctx, input) {
    const state = ctx.backend.dataQuality;
    if (Object.keys(input.Dimensions ?? {}).length === 0) throw ctx.invalid("Dimensions must name at least one platform dimension (where the evaluation ran).");
    if (input.ExecutionStartedOn && input.ExecutionCompletedOn && input.ExecutionCompletedOn < input.ExecutionStartedOn) throw ctx.invalid("ExecutionCompletedOn is before ExecutionStartedOn.");
    const now = ctx.now();
    const profileId = `dqprofile-${uuid()}`;
    const descriptors = input.Descriptors;
    // Results published from outside name their table through descriptors, if at all.
    const database = descriptors?.databaseName ?? descriptors?.DatabaseName;
    const table = descriptors?.tableName ?? descriptors?.TableName;
    const dataSource = database && table ? { GlueTable: { DatabaseName: database, TableName: table } } : undefined;
    const result: ResultRecord = {
      sequence: state.next(),
      ResultId: `dqresult-${randomHex(40)}`,
      ProfileId: profileId,
      Score: input.Score!,
      DataSource: dataSource,
      tableKey: dataSource ? tableKey(ctx, dataSource.GlueTable) : undefined,
      RulesetName: input.RulesetName,
      EvaluationContext: input.EvaluationContext,
      StartedOn: input.ExecutionStartedOn,
      CompletedOn: input.ExecutionCompletedOn,
      RuleResults: input.RuleResults ?? [],
      AnalyzerResults: input.AnalyzerResults ?? [],
      Observations: input.Observations ?? [],
      AggregatedMetrics: input.AggregatedMetrics,
      Dimensions: input.Dimensions,
      Tags: input.Tags,
      Descriptors: descriptors,
      ResultPublishedOn: now,
    };
    state.results.set(result.ResultId, result);
    const scope = result.tableKey ?? `published:${input.EvaluationContext}:${JSON.stringify(input.Dimensions)}`;
    recordStatistics(state, result, undefined, scope);
    // Statistics given explicitly join the same profile.
    for (const s of input.Statistics ?? []) {
      if (s.StatisticName === undefined || s.DoubleValue === undefined) continue;
      const level = s.EvaluationLevel ?? "Dataset";
      const metric = `${level}.${(s.ColumnsReferenced ?? []).join(",") || "*"}.${s.StatisticName}`;
      addStatistic(state, {
        sequence: state.next(),
        StatisticId: s.StatisticId ?? statisticIdOf(scope, metric),
        ProfileId: profileId,
        RunIdentifier: { RunId: s.RunIdentifier?.RunId, JobRunId: s.RunIdentifier?.JobRunId },
        StatisticName: parseMetricName(metric).name,
        DoubleValue: s.DoubleValue,
        EvaluationLevel: level,
        ColumnsReferenced: [...(s.ColumnsReferenced ?? [])],
        ReferencedDatasets: [...(s.ReferencedDatasets ?? [])],
        StatisticProperties: { ...(s.StatisticProperties ?? {}), metric },
        RecordedOn: s.RecordedOn ?? now,
        tableKey: result.tableKey,
      });
    }
    return { ResultId: result.ResultId };
  },
});

