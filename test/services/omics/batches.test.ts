import {
  CancelRunBatchCommand,
  ConflictException,
  DeleteBatchCommand,
  DeleteRunBatchCommand,
  GetBatchCommand,
  GetRunCommand,
  ListBatchCommand,
  ListRunsCommand,
  ListRunsInBatchCommand,
  paginateListBatch,
  paginateListRunsInBatch,
  ResourceNotFoundException,
  StartRunBatchCommand,
  ValidationException,
  type InlineSetting,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, HELLO_PARAMS, omics, OUTPUT, ROLE, runGroup } from "./helpers.js";

const samples = (...names: string[]): InlineSetting[] =>
  names.map((name) => ({ runSettingId: `setting-${name}`, name, parameters: { sample_name: name }, runTags: { sample: name } }));

async function readBatchUntil(batchId: string, status: string, limit = 20): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    const batch = await omics.send(new GetBatchCommand({ batchId }));
    if (seen[seen.length - 1] !== batch.status) seen.push(batch.status!);
    if (batch.status === status) return seen;
  }
  throw new Error(`batch ${batchId} did not reach ${status}; saw ${seen.join(" → ")}`);
}

describe("HealthOmics run batches", () => {
  it("starts a batch of runs from shared settings and per-run overrides, and processes it", async () => {
    const workflowId = await activeWorkflow();
    const started = await omics.send(
      new StartRunBatchCommand({
        batchName: "cohort-1",
        requestId: "batch-1",
        tags: { cohort: "1" },
        defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: { reads: HELLO_PARAMS.reads, threads: 2 }, runTags: { project: "p1" }, priority: 5 },
        batchRunSettings: { inlineSettings: [...samples("A", "B"), { runSettingId: "setting-C", name: "C", outputUri: "s3://other-bucket/c/", parameters: { sample_name: "C", threads: 8 } }] },
      }),
    );
    expect(started.$metadata.httpStatusCode).toBe(201);
    expect(started).toMatchObject({ arn: arn(`runBatch/${started.id}`), status: "CREATING", tags: { cohort: "1" } });
    expect(started.uuid).toMatch(/^[0-9a-f-]{36}$/);

    expect(await readBatchUntil(started.id!, "PROCESSED")).toEqual(["CREATING", "PENDING", "SUBMITTING", "INPROGRESS", "PROCESSED"]);
    const batch = await omics.send(new GetBatchCommand({ batchId: started.id }));
    expect(batch).toMatchObject({
      name: "cohort-1",
      totalRuns: 3,
      defaultRunSetting: { workflowId, priority: 5 },
      submissionSummary: { successfulStartSubmissionCount: 3, failedStartSubmissionCount: 0, pendingStartSubmissionCount: 0 },
      runSummary: { completedRunCount: 3, runningRunCount: 0, failedRunCount: 0 },
    });
    expect(batch.submittedTime).toBeInstanceOf(Date);
    expect(batch.processedTime).toBeInstanceOf(Date);

    const { runs } = await omics.send(new ListRunsInBatchCommand({ batchId: started.id }));
    expect(runs!.map((r) => [r.runSettingId, r.submissionStatus])).toEqual([
      ["setting-A", "SUCCESS"],
      ["setting-B", "SUCCESS"],
      ["setting-C", "SUCCESS"],
    ]);
    const runC = await omics.send(new GetRunCommand({ id: runs![2]!.runId }));
    // Parameters and tags are merged, per-run values winning; other members are replaced.
    expect(runC).toMatchObject({ batchId: started.id, name: "C", outputUri: "s3://other-bucket/c/", parameters: { reads: HELLO_PARAMS.reads, sample_name: "C", threads: 8 }, priority: 5 });
    const runA = await omics.send(new GetRunCommand({ id: runs![0]!.runId }));
    expect(runA.tags).toEqual({ project: "p1", sample: "A" });
    expect(runs![0]!.runArn).toBe(runA.arn);
    expect(runs![0]!.runInternalUuid).toBe(runA.uuid);
    expect((await omics.send(new ListRunsCommand({ batchId: started.id }))).items).toHaveLength(3);
  });

  it("records runs that cannot start as FAILED submissions, and fails a batch none of whose runs started", async () => {
    const workflowId = await activeWorkflow();
    const { id } = await omics.send(
      new StartRunBatchCommand({
        defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: { reads: HELLO_PARAMS.reads } },
        batchRunSettings: { inlineSettings: [...samples("ok"), { runSettingId: "no-sample", name: "broken" }] },
      }),
    );
    await readBatchUntil(id!, "PROCESSED");
    const failed = await omics.send(new ListRunsInBatchCommand({ batchId: id, submissionStatus: "FAILED" }));
    expect(failed.runs).toEqual([
      { runSettingId: "no-sample", submissionStatus: "FAILED", submissionFailureReason: "ValidationException", submissionFailureMessage: "The run is missing required workflow parameters: sample_name." },
    ]);
    expect((await omics.send(new GetBatchCommand({ batchId: id }))).submissionSummary).toMatchObject({ successfulStartSubmissionCount: 1, failedStartSubmissionCount: 1 });

    const { id: hopeless } = await omics.send(
      new StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT }, batchRunSettings: { inlineSettings: [{ runSettingId: "x" }, { runSettingId: "y" }] } }),
    );
    expect(await readBatchUntil(hopeless!, "FAILED")).toEqual(["CREATING", "PENDING", "SUBMITTING", "FAILED"]);
    const batch = await omics.send(new GetBatchCommand({ batchId: hopeless }));
    expect(batch.failedTime).toBeInstanceOf(Date);
    expect(batch.failureReason).toContain("No run of the batch could be submitted");
  });

  it("validates the common settings synchronously", async () => {
    const workflowId = await activeWorkflow();
    const base = { workflowId, roleArn: ROLE, outputUri: OUTPUT };
    const duplicate = await rejectionOf(omics.send(new StartRunBatchCommand({ defaultRunSetting: base, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }, { runSettingId: "a" }] } })));
    expect(duplicate).toBeInstanceOf(ValidationException);
    expect(duplicate.message).toContain("runSettingId 'a' is used more than once");
    const noOutput = await rejectionOf(omics.send(new StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } })));
    expect(noOutput.message).toContain("no outputUri");
    const tooMany = await rejectionOf(
      omics.send(new StartRunBatchCommand({ defaultRunSetting: base, batchRunSettings: { inlineSettings: Array.from({ length: 101 }, (_, i) => ({ runSettingId: `s${i}` })) } })),
    );
    expect(tooMany.message).toContain("Member must have length less than or equal to 100");
    const ready2run = await rejectionOf(omics.send(new StartRunBatchCommand({ defaultRunSetting: { ...base, workflowType: "READY2RUN" }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } })));
    expect(ready2run.message).toContain("not supported with READY2RUN workflows");
    const noWorkflow = await rejectionOf(omics.send(new StartRunBatchCommand({ defaultRunSetting: { ...base, workflowId: "5555555" }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } })));
    expect(noWorkflow).toBeInstanceOf(ResourceNotFoundException);
    const noGroup = await rejectionOf(omics.send(new StartRunBatchCommand({ defaultRunSetting: { ...base, runGroupId: "5555555" }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } })));
    expect(noGroup).toBeInstanceOf(ResourceNotFoundException);
    const missing = await rejectionOf(omics.send(new StartRunBatchCommand({ defaultRunSetting: base } as never)));
    expect(missing.message).toContain("Value null at 'batchRunSettings'");
    expect((await omics.send(new ListBatchCommand({}))).items).toEqual([]);
  });

  it("cancels a batch in progress: its runs are cancelled, then the batch is CANCELLED", async () => {
    const workflowId = await activeWorkflow();
    const { id } = await omics.send(new StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: samples("A", "B") } }));
    await readBatchUntil(id!, "INPROGRESS");
    const result = await omics.send(new CancelRunBatchCommand({ batchId: id }));
    expect(result.$metadata.httpStatusCode).toBe(202);
    const busy = await rejectionOf(omics.send(new CancelRunBatchCommand({ batchId: id })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.message).toContain("only one cancel or delete operation per batch is allowed at a time");
    expect(await readBatchUntil(id!, "CANCELLED")).toEqual(["STOPPING", "CANCELLED"]);
    const batch = await omics.send(new GetBatchCommand({ batchId: id }));
    expect(batch.submissionSummary).toMatchObject({ successfulCancelSubmissionCount: 2, failedCancelSubmissionCount: 0 });
    expect(batch.runSummary).toMatchObject({ cancelledRunCount: 2 });
    expect((await omics.send(new ListRunsInBatchCommand({ batchId: id, submissionStatus: "CANCEL_SUCCESS" }))).runs).toHaveLength(2);

    const again = await rejectionOf(omics.send(new CancelRunBatchCommand({ batchId: id })));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.message).toContain("only a PENDING, SUBMITTING or INPROGRESS batch can be cancelled");
  });

  it("deletes a processed batch's runs, then the batch itself", async () => {
    const workflowId = await activeWorkflow();
    const { id } = await omics.send(new StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: samples("A", "B") } }));
    const early = await rejectionOf(omics.send(new DeleteRunBatchCommand({ batchId: id })));
    expect(early).toBeInstanceOf(ConflictException);
    const notTerminal = await rejectionOf(omics.send(new DeleteBatchCommand({ batchId: id })));
    expect(notTerminal).toBeInstanceOf(ConflictException);
    expect(notTerminal.message).toContain("it can be deleted when it is PROCESSED, FAILED, CANCELLED or RUNS_DELETED");

    aws.settle();
    const { runs } = await omics.send(new ListRunsInBatchCommand({ batchId: id }));
    expect((await omics.send(new DeleteRunBatchCommand({ batchId: id }))).$metadata.httpStatusCode).toBe(202);
    await readBatchUntil(id!, "RUNS_DELETED");
    expect(await rejectionOf(omics.send(new GetRunCommand({ id: runs![0]!.runId })))).toBeInstanceOf(ResourceNotFoundException);
    const batch = await omics.send(new GetBatchCommand({ batchId: id }));
    expect(batch.submissionSummary).toMatchObject({ successfulDeleteSubmissionCount: 2 });
    expect(batch.runSummary).toMatchObject({ deletedRunCount: 2 });

    expect((await omics.send(new DeleteBatchCommand({ batchId: id }))).$metadata.httpStatusCode).toBe(202);
    for (const call of [new GetBatchCommand({ batchId: id }), new ListRunsInBatchCommand({ batchId: id }), new DeleteRunBatchCommand({ batchId: id }), new CancelRunBatchCommand({ batchId: id })]) {
      const error = await rejectionOf(omics.send(call as never));
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.message).toBe(`Run batch ${id} not found.`);
    }
  });

  it("lists batches and a batch's runs with the SDK paginators and one filter at a time", async () => {
    const workflowId = await activeWorkflow();
    const runGroupId = await runGroup();
    for (const name of ["one", "two", "three"]) {
      await omics.send(
        new StartRunBatchCommand({
          batchName: name,
          defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, ...(name === "two" ? { runGroupId } : {}) },
          batchRunSettings: { inlineSettings: samples("A", "B", "C") },
        }),
      );
    }
    const pages: string[][] = [];
    for await (const page of paginateListBatch({ client: omics, pageSize: 2 }, {})) pages.push(page.items!.map((b) => b.name!));
    expect(pages).toEqual([["one", "two"], ["three"]]);
    const [first] = (await omics.send(new ListBatchCommand({ name: "two" }))).items!;
    expect(first).toMatchObject({ name: "two", totalRuns: 3, workflowId });
    expect(first!.createdAt).toBeInstanceOf(Date);
    expect((await omics.send(new ListBatchCommand({ runGroupId }))).items!.map((b) => b.name)).toEqual(["two"]);
    const twoFilters = await rejectionOf(omics.send(new ListBatchCommand({ name: "two", runGroupId })));
    expect(twoFilters).toBeInstanceOf(ValidationException);
    expect(twoFilters.message).toContain("Only one filter per call is supported");

    aws.settle();
    const runPages: number[] = [];
    for await (const page of paginateListRunsInBatch({ client: omics, pageSize: 2 }, { batchId: first!.id })) runPages.push(page.runs!.length);
    expect(runPages).toEqual([2, 1]);
    const bySetting = await omics.send(new ListRunsInBatchCommand({ batchId: first!.id, runSettingId: "setting-B" }));
    expect(bySetting.runs!.map((r) => r.runSettingId)).toEqual(["setting-B"]);
    const byRun = await omics.send(new ListRunsInBatchCommand({ batchId: first!.id, runId: bySetting.runs![0]!.runId }));
    expect(byRun.runs).toHaveLength(1);
    expect((await omics.send(new ListBatchCommand({ status: "PROCESSED" }))).items).toHaveLength(3);
  });
});
