import type {
  AnnotationError,
  BatchPutDataQualityStatisticAnnotationRequest,
  BatchPutDataQualityStatisticAnnotationResponse,
  GetDataQualityModelRequest,
  GetDataQualityModelResponse,
  GetDataQualityModelResultRequest,
  GetDataQualityModelResultResponse,
  ListDataQualityStatisticAnnotationsRequest,
  ListDataQualityStatisticAnnotationsResponse,
  ListDataQualityStatisticsRequest,
  ListDataQualityStatisticsResponse,
  PutDataQualityProfileAnnotationRequest,
  PutDataQualityProfileAnnotationResponse,
  StatisticModelResult,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { list, oneOf, requiredAnd, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import type { StatisticRecord } from "./records.js";
import { DQ_PAGE, HASH } from "./shapes.js";
import { inclusionOf } from "./statistics.js";

const TIMESTAMP_FILTER = struct({});
const INCLUSION = oneOf("InclusionAnnotationValue");

function within(record: StatisticRecord, filter: { RecordedAfter?: Date | undefined; RecordedBefore?: Date | undefined } | undefined): boolean {
  return (!filter?.RecordedAfter || record.RecordedOn > filter.RecordedAfter) && (!filter?.RecordedBefore || record.RecordedOn < filter.RecordedBefore);
}

function render(ctx: RequestContext<GlueBackend>, s: StatisticRecord) {
  const inclusion = inclusionOf(ctx.backend.dataQuality, s);
  return {
    StatisticId: s.StatisticId,
    ProfileId: s.ProfileId,
    RunIdentifier: { ...s.RunIdentifier },
    StatisticName: s.StatisticName,
    DoubleValue: s.DoubleValue,
    EvaluationLevel: s.EvaluationLevel,
    ColumnsReferenced: [...s.ColumnsReferenced],
    ReferencedDatasets: [...s.ReferencedDatasets],
    StatisticProperties: { ...s.StatisticProperties },
    RecordedOn: s.RecordedOn,
    InclusionAnnotation: { Value: inclusion.Value, LastModifiedOn: inclusion.LastModifiedOn },
  };
}

export const listDataQualityStatistics = op<ListDataQualityStatisticsRequest, ListDataQualityStatisticsResponse>({
  input: { StatisticId: HASH, ProfileId: HASH, TimestampFilter: TIMESTAMP_FILTER, MaxResults: DQ_PAGE },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const state = ctx.backend.dataQuality;
    if (input.StatisticId !== undefined && !state.statisticSeries.has(input.StatisticId)) throw ctx.error("EntityNotFoundException", `Cannot find statistic ${input.StatisticId}.`);
    if (input.ProfileId !== undefined && !state.profiles.has(input.ProfileId)) throw ctx.error("EntityNotFoundException", `Cannot find profile ${input.ProfileId}.`);
    // The narrowest index that holds the answer: the statistic's series, the profile, or everything.
    const table = input.StatisticId !== undefined ? state.statisticSeries.get(input.StatisticId)! : input.ProfileId !== undefined ? state.profiles.get(input.ProfileId)! : state.statistics;
    const page = ctx.paginate(table, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      query: { s: input.StatisticId, p: input.ProfileId, t: input.TimestampFilter },
      filter: (s) => (input.ProfileId === undefined || s.ProfileId === input.ProfileId) && within(s, input.TimestampFilter),
    });
    return { Statistics: page.items.map((s) => render(ctx, s)), NextToken: page.nextToken };
  },
});

export const listDataQualityStatisticAnnotations = op<ListDataQualityStatisticAnnotationsRequest, ListDataQualityStatisticAnnotationsResponse>({
  input: { StatisticId: HASH, ProfileId: HASH, TimestampFilter: TIMESTAMP_FILTER, MaxResults: DQ_PAGE },
  errors: [],
  run(ctx, input) {
    const f = input.TimestampFilter;
    const page = ctx.paginate(ctx.backend.dataQuality.annotations, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      query: { s: input.StatisticId, p: input.ProfileId, t: f },
      filter: (a) =>
        (input.StatisticId === undefined || a.StatisticId === input.StatisticId) &&
        (input.ProfileId === undefined || a.ProfileId === input.ProfileId) &&
        (!f?.RecordedAfter || a.StatisticRecordedOn > f.RecordedAfter) &&
        (!f?.RecordedBefore || a.StatisticRecordedOn < f.RecordedBefore),
    });
    return {
      Annotations: page.items.map((a) => ({
        ProfileId: a.ProfileId,
        StatisticId: a.StatisticId,
        StatisticRecordedOn: a.StatisticRecordedOn,
        InclusionAnnotation: { Value: a.Value, LastModifiedOn: a.LastModifiedOn },
      })),
      NextToken: page.nextToken,
    };
  },
});

/** Annotates one datapoint; the reason it cannot be, or undefined. */
function annotate(ctx: RequestContext<GlueBackend>, profileId: string, statisticId: string, value: "INCLUDE" | "EXCLUDE"): string | undefined {
  const state = ctx.backend.dataQuality;
  const key = `${statisticId}|${profileId}`;
  const datapoint = state.statistics.get(key);
  if (!datapoint) return `Cannot find statistic ${statisticId} in profile ${profileId}.`;
  const existing = state.annotations.get(key);
  if (existing) {
    existing.Value = value;
    existing.LastModifiedOn = ctx.now();
  } else {
    state.annotations.set(key, { ProfileId: profileId, StatisticId: statisticId, StatisticRecordedOn: datapoint.RecordedOn, Value: value, LastModifiedOn: ctx.now() });
  }
  return undefined;
}

export const batchPutDataQualityStatisticAnnotation = op<BatchPutDataQualityStatisticAnnotationRequest, BatchPutDataQualityStatisticAnnotationResponse>({
  input: {
    InclusionAnnotations: list(struct({ ProfileId: requiredAnd(HASH), StatisticId: requiredAnd(HASH), InclusionAnnotation: requiredAnd(INCLUSION) }), { min: 1, max: 100 }),
    ClientToken: HASH,
  },
  errors: [],
  run(ctx, input) {
    // Per-datapoint problems are reported, not raised: the call succeeds for the others.
    const failed: AnnotationError[] = [];
    for (const a of input.InclusionAnnotations!) {
      const problem = annotate(ctx, a.ProfileId!, a.StatisticId!, a.InclusionAnnotation!);
      if (problem) failed.push({ ProfileId: a.ProfileId, StatisticId: a.StatisticId, FailureReason: problem });
    }
    return { FailedInclusionAnnotations: failed };
  },
});

export const putDataQualityProfileAnnotation = op<PutDataQualityProfileAnnotationRequest, PutDataQualityProfileAnnotationResponse>({
  input: { ProfileId: HASH, InclusionAnnotation: INCLUSION },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const datapoints = ctx.backend.dataQuality.profiles.get(input.ProfileId!);
    if (!datapoints) throw ctx.error("EntityNotFoundException", `Cannot find profile ${input.ProfileId}.`);
    for (const datapoint of datapoints.values()) annotate(ctx, datapoint.ProfileId, datapoint.StatisticId, input.InclusionAnnotation!);
    return {};
  },
});

/** The datapoints of a statistic up to (and including) a profile, oldest first. */
function seriesUpTo(ctx: RequestContext<GlueBackend>, statisticId: string, profileId: string): StatisticRecord[] {
  const state = ctx.backend.dataQuality;
  const series = state.statisticSeries.get(statisticId);
  const target = series?.get(`${statisticId}|${profileId}`);
  if (!series || !target) throw ctx.error("EntityNotFoundException", `Cannot find a data quality model for statistic ${statisticId} and profile ${profileId}.`);
  return series.values().filter((s) => s.sequence <= target.sequence).reverse();
}

export const getDataQualityModel = op<GetDataQualityModelRequest, GetDataQualityModelResponse>({
  input: { StatisticId: HASH, ProfileId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const state = ctx.backend.dataQuality;
    const points = input.StatisticId !== undefined ? seriesUpTo(ctx, input.StatisticId, input.ProfileId!) : state.profiles.get(input.ProfileId!)?.values();
    if (!points || points.length === 0) throw ctx.error("EntityNotFoundException", `Cannot find a data quality model for profile ${input.ProfileId}.`);
    // The model is trained on the datapoints recorded so far; training is immediate here.
    const first = points.reduce((a, b) => (a.RecordedOn < b.RecordedOn ? a : b));
    const last = points.reduce((a, b) => (a.RecordedOn > b.RecordedOn ? a : b));
    return { Status: "SUCCEEDED", StartedOn: first.RecordedOn, CompletedOn: last.RecordedOn };
  },
});

export const getDataQualityModelResult = op<GetDataQualityModelResultRequest, GetDataQualityModelResultResponse>({
  input: { StatisticId: HASH, ProfileId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const points = seriesUpTo(ctx, input.StatisticId!, input.ProfileId!);
    const model: StatisticModelResult[] = [];
    const included: number[] = [];
    for (const point of points) {
      const inclusion = inclusionOf(ctx.backend.dataQuality, point).Value;
      const entry: StatisticModelResult = { ActualValue: point.DoubleValue, Date: point.RecordedOn, InclusionAnnotation: inclusion };
      // Each prediction is the mean of the earlier included datapoints, bounded by ±3 standard deviations.
      if (included.length > 0) {
        const mean = included.reduce((a, b) => a + b, 0) / included.length;
        const sd = Math.sqrt(included.reduce((a, b) => a + (b - mean) ** 2, 0) / included.length);
        Object.assign(entry, { PredictedValue: mean, LowerBound: mean - 3 * sd, UpperBound: mean + 3 * sd });
      }
      model.push(entry);
      if (inclusion === "INCLUDE") included.push(point.DoubleValue);
    }
    return { CompletedOn: points[points.length - 1]!.RecordedOn, Model: model };
  },
});
