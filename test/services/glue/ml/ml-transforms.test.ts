import {
  AlreadyExistsException,
  CancelMLTaskRunCommand,
  ConcurrentRunsExceededException,
  CreateMLTransformCommand,
  DeleteMLTransformCommand,
  EntityNotFoundException,
  GetMLTaskRunCommand,
  GetMLTransformCommand,
  InvalidInputException,
  MLTransformNotReadyException,
  paginateGetMLTaskRuns,
  paginateGetMLTransforms,
  paginateListMLTransforms,
  StartExportLabelsTaskRunCommand,
  StartImportLabelsTaskRunCommand,
  StartMLEvaluationTaskRunCommand,
  StartMLLabelingSetGenerationTaskRunCommand,
  UpdateMLTransformCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, pollUntil, ROLE } from "../helpers.js";

const create = async (Name: string, extra: object = {}) =>
  (
    await glue.send(
      new CreateMLTransformCommand({
        Name,
        Role: ROLE,
        InputRecordTables: [{ DatabaseName: "db", TableName: "people" }],
        Parameters: { TransformType: "FIND_MATCHES", FindMatchesParameters: { PrimaryKeyColumnName: "id", PrecisionRecallTradeoff: 0.5 } },
        ...extra,
      }),
    )
  ).TransformId!;

const finished = (TransformId: string, TaskRunId: string) =>
  pollUntil(() => glue.send(new GetMLTaskRunCommand({ TransformId, TaskRunId })), (r) => ["SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT"].includes(r.Status!)).then((r) => r.value);

describe("Glue ML transforms", () => {
  it("creates a transform NOT_READY, which labels make READY and an evaluation evaluates", async () => {
    const id = await create("dedupe", { Description: "people", GlueVersion: "2.0", Tags: { team: "data" } });
    expect(id).toMatch(/^tfm-[0-9a-f]{40}$/);
    const created = await glue.send(new GetMLTransformCommand({ TransformId: id }));
    expect(created).toMatchObject({ Name: "dedupe", Status: "NOT_READY", LabelCount: 0, MaxCapacity: 10, Timeout: 2880, MaxRetries: 0, GlueVersion: "2.0", Parameters: { TransformType: "FIND_MATCHES" } });
    expect(created.EvaluationMetrics).toBeUndefined();

    const notReady = await rejectionOf(glue.send(new StartMLEvaluationTaskRunCommand({ TransformId: id })));
    expect(notReady).toBeInstanceOf(MLTransformNotReadyException);

    const { TaskRunId } = await glue.send(new StartImportLabelsTaskRunCommand({ TransformId: id, InputS3Path: "s3://labels/set1.csv" }));
    const imported = await finished(id, TaskRunId!);
    expect(imported).toMatchObject({ Status: "SUCCEEDED", Properties: { TaskType: "IMPORT_LABELS", ImportLabelsTaskRunProperties: { InputS3Path: "s3://labels/set1.csv", Replace: false } }, CompletedOn: expect.any(Date) });
    expect(await glue.send(new GetMLTransformCommand({ TransformId: id }))).toMatchObject({ Status: "READY", LabelCount: 1 });

    const evaluation = await glue.send(new StartMLEvaluationTaskRunCommand({ TransformId: id }));
    expect(await rejectionOf(glue.send(new StartMLEvaluationTaskRunCommand({ TransformId: id })))).toBeInstanceOf(ConcurrentRunsExceededException);
    expect((await finished(id, evaluation.TaskRunId!)).Status).toBe("SUCCEEDED");
    expect((await glue.send(new GetMLTransformCommand({ TransformId: id }))).EvaluationMetrics).toEqual({ TransformType: "FIND_MATCHES" });
    expect(await rejectionOf(create("dedupe"))).toBeInstanceOf(AlreadyExistsException);
  });

  it("runs labeling-set generation and export task runs, and cancels one: STOPPING → STOPPED", async () => {
    const id = await create("t");
    const labeling = await glue.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId: id, OutputS3Path: "s3://out/labeling/" }));
    expect(await rejectionOf(glue.send(new StartMLLabelingSetGenerationTaskRunCommand({ TransformId: id, OutputS3Path: "s3://out/2/" })))).toBeInstanceOf(ConcurrentRunsExceededException);
    const cancelled = await glue.send(new CancelMLTaskRunCommand({ TransformId: id, TaskRunId: labeling.TaskRunId }));
    expect(cancelled).toMatchObject({ TransformId: id, TaskRunId: labeling.TaskRunId, Status: "STOPPING" });
    expect((await finished(id, labeling.TaskRunId!)).Status).toBe("STOPPED");
    expect(await rejectionOf(glue.send(new CancelMLTaskRunCommand({ TransformId: id, TaskRunId: labeling.TaskRunId })))).toBeInstanceOf(InvalidInputException);

    const exported = await glue.send(new StartExportLabelsTaskRunCommand({ TransformId: id, OutputS3Path: "s3://out/export/" }));
    expect((await finished(id, exported.TaskRunId!)).Properties).toEqual({ TaskType: "EXPORT_LABELS", ExportLabelsTaskRunProperties: { OutputS3Path: "s3://out/export/" } });
    expect(await rejectionOf(glue.send(new StartExportLabelsTaskRunCommand({ TransformId: id, OutputS3Path: "/tmp/x" })))).toBeInstanceOf(InvalidInputException);
  });

  it("makes a task run fail or time out when a test rule says so", async () => {
    const id = await create("t");
    aws.lifecycle("Glue.MLTaskRun", { TaskType: "IMPORT_LABELS" }).endsIn("FAILED", { message: "Labels file is malformed." });
    const { TaskRunId } = await glue.send(new StartImportLabelsTaskRunCommand({ TransformId: id, InputS3Path: "s3://labels/bad.csv" }));
    expect(await finished(id, TaskRunId!)).toMatchObject({ Status: "FAILED", ErrorString: "Labels file is malformed." });
    expect((await glue.send(new GetMLTransformCommand({ TransformId: id }))).Status).toBe("NOT_READY");
  });

  it("pages task runs newest first, filters and sorts them", async () => {
    const id = await create("t");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await glue.send(new StartExportLabelsTaskRunCommand({ TransformId: id, OutputS3Path: `s3://out/${i}/` }))).TaskRunId!);
    ids.push((await glue.send(new StartImportLabelsTaskRunCommand({ TransformId: id, InputS3Path: "s3://in/x.csv" }))).TaskRunId!);
    const newestFirst: string[] = [];
    for await (const page of paginateGetMLTaskRuns({ client: glue, pageSize: 3 }, { TransformId: id })) newestFirst.push(...page.TaskRuns!.map((r) => r.TaskRunId!));
    expect(newestFirst).toEqual([...ids].reverse());
    const imports: string[] = [];
    for await (const page of paginateGetMLTaskRuns({ client: glue, pageSize: 1 }, { TransformId: id, Filter: { TaskRunType: "IMPORT_LABELS" } })) imports.push(...page.TaskRuns!.map((r) => r.TaskRunId!));
    expect(imports).toEqual([ids[3]]);
    const ascending: string[] = [];
    for await (const page of paginateGetMLTaskRuns({ client: glue, pageSize: 2 }, { TransformId: id, Sort: { Column: "STARTED", SortDirection: "ASCENDING" } })) ascending.push(...page.TaskRuns!.map((r) => r.TaskRunId!));
    expect(ascending).toEqual(ids);
  });

  it("lists and gets transforms with filters, sorts and tags through the paginators", async () => {
    const a = await create("b-transform", { Tags: { env: "test" } });
    const b = await create("a-transform");
    await create("c-transform", { GlueVersion: "2.0" });
    const byName: string[] = [];
    for await (const page of paginateGetMLTransforms({ client: glue, pageSize: 2 }, { Sort: { Column: "NAME", SortDirection: "ASCENDING" } })) byName.push(...page.Transforms!.map((t) => t.Name!));
    expect(byName).toEqual(["a-transform", "b-transform", "c-transform"]);
    const newest: string[] = [];
    for await (const page of paginateListMLTransforms({ client: glue, pageSize: 1 }, { Sort: { Column: "CREATED", SortDirection: "DESCENDING" } })) newest.push(...page.TransformIds!);
    expect(newest.slice(1)).toEqual([b, a]);
    const tagged: string[] = [];
    for await (const page of paginateListMLTransforms({ client: glue }, { Tags: { env: "test" } })) tagged.push(...page.TransformIds!);
    expect(tagged).toEqual([a]);
    const v2: string[] = [];
    for await (const page of paginateGetMLTransforms({ client: glue }, { Filter: { GlueVersion: "2.0" } })) v2.push(...page.Transforms!.map((t) => t.Name!));
    expect(v2).toEqual(["c-transform"]);
  });

  it("updates and deletes transforms, refusing inconsistent capacity", async () => {
    const id = await create("t");
    await glue.send(new UpdateMLTransformCommand({ TransformId: id, Name: "renamed", WorkerType: "G.2X", NumberOfWorkers: 4, Timeout: 60 }));
    expect(await glue.send(new GetMLTransformCommand({ TransformId: id }))).toMatchObject({ Name: "renamed", WorkerType: "G.2X", NumberOfWorkers: 4, Timeout: 60 });
    expect((await glue.send(new GetMLTransformCommand({ TransformId: id }))).MaxCapacity).toBeUndefined();
    expect(await rejectionOf(glue.send(new UpdateMLTransformCommand({ TransformId: id, MaxCapacity: 5, WorkerType: "G.1X", NumberOfWorkers: 2 })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(create("x", { MaxCapacity: 5, WorkerType: "G.1X", NumberOfWorkers: 2 }))).toBeInstanceOf(InvalidInputException);
    expect(await glue.send(new DeleteMLTransformCommand({ TransformId: id }))).toMatchObject({ TransformId: id });
    expect(await rejectionOf(glue.send(new GetMLTransformCommand({ TransformId: id })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteMLTransformCommand({ TransformId: id })))).toBeInstanceOf(EntityNotFoundException);
    // The name is free again.
    expect(await create("renamed")).toMatch(/^tfm-/);
  });
});
