import {
  BatchPutDataQualityStatisticAnnotationCommand,
  EntityNotFoundException,
  GetDataQualityModelCommand,
  GetDataQualityModelResultCommand,
  GetDataQualityResultCommand,
  InvalidInputException,
  ListDataQualityStatisticAnnotationsCommand,
  ListDataQualityStatisticsCommand,
  PutDataQualityProfileAnnotationCommand,
} from "@aws-sdk/client-glue";
import { registerDataQualityOutcomes } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";
import { catalogTables, createRuleset, evaluate } from "./helpers.js";

/** Three evaluations whose row counts are 100, 110, then `last`; returns their profile ids. */
async function history(last = 500) {
  await createRuleset("orders-dq", 'Rules = [ RowCount > 0, Completeness "email" > 0.5 ]');
  const counts = [100, 110, last];
  const profiles: string[] = [];
  for (const count of counts) {
    registerDataQualityOutcomes("orders-dq", {
      Rule_1: { Result: "PASS", EvaluatedMetrics: { "Dataset.*.RowCount": count } },
      Rule_2: { Result: "PASS", EvaluatedMetrics: { "Column.email.Completeness": 0.9 } },
    });
    const run = await evaluate(["orders-dq"]);
    profiles.push((await glue.send(new GetDataQualityResultCommand({ ResultId: run.ResultIds![0]! }))).ProfileId!);
    aws.clock.advance(86_400_000);
  }
  return profiles;
}

describe("Glue data-quality statistics, annotations and models", () => {
  beforeEach(catalogTables);

  it("records each evaluated metric as a statistic of the table, one series per metric", async () => {
    const profiles = await history();
    const latest = await glue.send(new ListDataQualityStatisticsCommand({ ProfileId: profiles[2] }));
    const rowCount = latest.Statistics!.find((s) => s.StatisticName === "RowCount")!;
    expect(rowCount).toMatchObject({ DoubleValue: 500, EvaluationLevel: "Dataset", ColumnsReferenced: [], InclusionAnnotation: { Value: "INCLUDE" } });
    expect(latest.Statistics!.find((s) => s.StatisticName === "Completeness")).toMatchObject({ EvaluationLevel: "Column", ColumnsReferenced: ["email"], DoubleValue: 0.9 });
    const series = await glue.send(new ListDataQualityStatisticsCommand({ StatisticId: rowCount.StatisticId }));
    expect(series.Statistics!.map((s) => s.DoubleValue)).toEqual([500, 110, 100]);
    expect(series.Statistics!.map((s) => s.ProfileId)).toEqual([...profiles].reverse());
    const recent = await glue.send(new ListDataQualityStatisticsCommand({ StatisticId: rowCount.StatisticId, TimestampFilter: { RecordedAfter: new Date(rowCount.RecordedOn!.getTime() - 1000) } }));
    expect(recent.Statistics).toHaveLength(1);
    const paged = await glue.send(new ListDataQualityStatisticsCommand({ MaxResults: 4 }));
    expect(paged.Statistics).toHaveLength(4);
    expect(paged.NextToken).toBeDefined();
    expect(await rejectionOf(glue.send(new ListDataQualityStatisticsCommand({ StatisticId: "nope" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("models a statistic: predictions from the earlier included datapoints, bounded by three deviations", async () => {
    const profiles = await history();
    const rowCount = (await glue.send(new ListDataQualityStatisticsCommand({ ProfileId: profiles[2] }))).Statistics!.find((s) => s.StatisticName === "RowCount")!;
    const model = await glue.send(new GetDataQualityModelCommand({ StatisticId: rowCount.StatisticId, ProfileId: profiles[2] }));
    expect(model.Status).toBe("SUCCEEDED");
    const result = await glue.send(new GetDataQualityModelResultCommand({ StatisticId: rowCount.StatisticId, ProfileId: profiles[2] }));
    expect(result.Model!.map((m) => m.ActualValue)).toEqual([100, 110, 500]);
    expect(result.Model![0]!.PredictedValue).toBeUndefined();
    expect(result.Model![2]).toMatchObject({ PredictedValue: 105, LowerBound: 90, UpperBound: 120 });
    expect(await rejectionOf(glue.send(new GetDataQualityModelResultCommand({ StatisticId: rowCount.StatisticId, ProfileId: "dqprofile-nope" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetDataQualityModelCommand({ ProfileId: "dqprofile-nope" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("annotates datapoints; excluded ones leave the model's predictions", async () => {
    const profiles = await history(120);
    const rowCount = (await glue.send(new ListDataQualityStatisticsCommand({ ProfileId: profiles[1] }))).Statistics!.find((s) => s.StatisticName === "RowCount")!;
    const put = await glue.send(
      new BatchPutDataQualityStatisticAnnotationCommand({
        InclusionAnnotations: [
          { ProfileId: profiles[1], StatisticId: rowCount.StatisticId, InclusionAnnotation: "EXCLUDE" },
          { ProfileId: "dqprofile-nope", StatisticId: rowCount.StatisticId, InclusionAnnotation: "EXCLUDE" },
        ],
      }),
    );
    expect(put.FailedInclusionAnnotations).toEqual([{ ProfileId: "dqprofile-nope", StatisticId: rowCount.StatisticId, FailureReason: expect.stringContaining("Cannot find") }]);
    const annotations = await glue.send(new ListDataQualityStatisticAnnotationsCommand({ StatisticId: rowCount.StatisticId }));
    expect(annotations.Annotations).toMatchObject([{ ProfileId: profiles[1], StatisticId: rowCount.StatisticId, InclusionAnnotation: { Value: "EXCLUDE" } }]);
    const model = await glue.send(new GetDataQualityModelResultCommand({ StatisticId: rowCount.StatisticId, ProfileId: profiles[2] }));
    expect(model.Model![1]!.InclusionAnnotation).toBe("EXCLUDE");
    expect(model.Model![2]!.PredictedValue).toBe(100);
    const listed = await glue.send(new ListDataQualityStatisticsCommand({ ProfileId: profiles[1] }));
    expect(listed.Statistics!.find((s) => s.StatisticId === rowCount.StatisticId)!.InclusionAnnotation!.Value).toBe("EXCLUDE");
  });

  it("annotates a whole profile at once", async () => {
    const profiles = await history();
    await glue.send(new PutDataQualityProfileAnnotationCommand({ ProfileId: profiles[0], InclusionAnnotation: "EXCLUDE" }));
    const annotations = await glue.send(new ListDataQualityStatisticAnnotationsCommand({ ProfileId: profiles[0] }));
    expect(annotations.Annotations).toHaveLength(2);
    expect(annotations.Annotations!.every((a) => a.InclusionAnnotation!.Value === "EXCLUDE")).toBe(true);
    await glue.send(new PutDataQualityProfileAnnotationCommand({ ProfileId: profiles[0], InclusionAnnotation: "INCLUDE" }));
    const again = await glue.send(new ListDataQualityStatisticAnnotationsCommand({ ProfileId: profiles[0] }));
    expect(again.Annotations!.every((a) => a.InclusionAnnotation!.Value === "INCLUDE")).toBe(true);
    expect(await rejectionOf(glue.send(new PutDataQualityProfileAnnotationCommand({ ProfileId: "dqprofile-nope", InclusionAnnotation: "EXCLUDE" })))).toBeInstanceOf(EntityNotFoundException);
    const bad = await rejectionOf(glue.send(new PutDataQualityProfileAnnotationCommand({ ProfileId: profiles[0], InclusionAnnotation: "MAYBE" as "INCLUDE" })));
    expect(bad).toBeInstanceOf(InvalidInputException);
  });
});
