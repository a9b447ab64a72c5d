import {
  ConflictException,
  GetReadSetActivationJobCommand,
  GetReadSetCommand,
  GetReadSetExportJobCommand,
  GetReadSetImportJobCommand,
  GetReadSetMetadataCommand,
  ListReadSetActivationJobsCommand,
  ListReadSetExportJobsCommand,
  ListReadSetImportJobsCommand,
  ListTagsForResourceCommand,
  paginateListReadSetActivationJobs,
  paginateListReadSetExportJobs,
  paginateListReadSetImportJobs,
  ResourceNotFoundException,
  StartReadSetActivationJobCommand,
  StartReadSetExportJobCommand,
  StartReadSetImportJobCommand,
  ValidationException,
  waitUntilReadSetActivationJobCompleted,
  waitUntilReadSetExportJobCompleted,
  waitUntilReadSetImportJobCompleted,
  type StartReadSetImportJobSourceItem,
} from "@aws-sdk/client-omics";
import { registerS3Object, unregisterS3Object } from "aws-doubles/omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { activeSequenceStore, bytes, fast, fastq, importedReference, JOB_ROLE, omics, readSetBytes, uploadReadSet } from "./helpers.js";

const DAY = 24 * 60 * 60 * 1000;

const source = (source1: string, extra: Partial<StartReadSetImportJobSourceItem> = {}): StartReadSetImportJobSourceItem => ({
  sourceFiles: { source1 },
  sourceFileType: "FASTQ",
  subjectId: "subject",
  sampleId: "sample",
  name: "imported",
  ...extra,
});

async function startImport(store: string, sources: StartReadSetImportJobSourceItem[]) {
  return omics.send(new StartReadSetImportJobCommand({ sequenceStoreId: store, roleArn: JOB_ROLE, sources }));
}

/** A read set not read for 30 days: ARCHIVED. */
async function archivedReadSet(store: string): Promise<string> {
  const id = await uploadReadSet(store, { SOURCE1: [bytes(fastq(3))] });
  aws.settle();
  aws.clock.advance(31 * DAY);
  return id;
}

describe("HealthOmics read set import jobs", () => {
  it("imports registered S3 files: SUBMITTED → IN_PROGRESS → COMPLETED, one read set per source", async () => {
    const store = await activeSequenceStore();
    registerS3Object("s3://reads/NA12878_1.fastq", fastq(10, 20, "l"));
    registerS3Object("s3://reads/NA12878_2.fastq", bytes(fastq(10, 20, "r")));
    const started = await startImport(store, [
      source("s3://reads/NA12878_1.fastq", { sourceFiles: { source1: "s3://reads/NA12878_1.fastq", source2: "s3://reads/NA12878_2.fastq" }, tags: { sample: "NA12878" }, generatedFrom: "HiSeq" }),
    ]);
    expect(started).toMatchObject({ sequenceStoreId: store, roleArn: JOB_ROLE, status: "SUBMITTED" });
    expect(started.id).toMatch(/^[0-9]{10}$/);

    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const job = await omics.send(new GetReadSetImportJobCommand({ sequenceStoreId: store, id: started.id }));
      seen.push(`${job.status}/${job.sources![0]!.status}`);
      if (job.status === "COMPLETED") break;
    }
    expect(seen).toEqual(["SUBMITTED/NOT_STARTED", "IN_PROGRESS/IN_PROGRESS", "COMPLETED/FINISHED"]);

    const job = await omics.send(new GetReadSetImportJobCommand({ sequenceStoreId: store, id: started.id }));
    expect(job.completionTime).toBeInstanceOf(Date);
    const readSetId = job.sources![0]!.readSetId!;
    const metadata = await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id: readSetId }));
    expect(metadata).toMatchObject({ status: "ACTIVE", creationType: "IMPORT", creationJobId: started.id, sequenceInformation: { totalReadCount: 20, totalBaseCount: 400, generatedFrom: "HiSeq" } });
    expect((await readSetBytes(store, readSetId, "SOURCE2")).toString()).toBe(fastq(10, 20, "r"));
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: metadata.arn }))).tags).toEqual({ sample: "NA12878" });
  });

  it("without a registered object still creates the read set, whose data the fake cannot serve", async () => {
    const store = await activeSequenceStore();
    const { id } = await startImport(store, [source("s3://reads/unregistered.fastq")]);
    const done = await waitUntilReadSetImportJobCompleted(fast(), { sequenceStoreId: store, id });
    const readSetId = (done.reason as { sources: Array<{ readSetId: string }> }).sources[0]!.readSetId;
    const metadata = await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id: readSetId }));
    expect(metadata.status).toBe("ACTIVE");
    expect(metadata.files).toBeUndefined();
    const read = await rejectionOf(omics.send(new GetReadSetCommand({ sequenceStoreId: store, id: readSetId, partNumber: 1 })));
    expect(read).toBeInstanceOf(ConflictException);
    expect(read.message).toContain("registerS3Object");
  });

  it("fails the sources whose stand-in throws or whose content is not of its type: COMPLETED_WITH_FAILURES, then FAILED", async () => {
    const store = await activeSequenceStore();
    registerS3Object("s3://reads/ok.fastq", fastq(2));
    registerS3Object("s3://reads/denied.fastq", () => {
      throw new Error("Access Denied (the role cannot read the bucket)");
    });
    registerS3Object("s3://reads/not-bam.bam", "plain text");
    const { id } = await startImport(store, [source("s3://reads/ok.fastq"), source("s3://reads/denied.fastq"), source("s3://reads/not-bam.bam", { sourceFileType: "BAM" })]);
    const outcome = await rejectionOf(waitUntilReadSetImportJobCompleted(fast(), { sequenceStoreId: store, id }));
    expect(outcome.message).toContain("COMPLETED_WITH_FAILURES");
    const job = await omics.send(new GetReadSetImportJobCommand({ sequenceStoreId: store, id }));
    expect(job.sources!.map((s) => [s.status, s.statusMessage])).toEqual([
      ["FINISHED", undefined],
      ["FAILED", "Access Denied (the role cannot read the bucket)"],
      ["FAILED", expect.stringContaining("is not BAM")],
    ]);
    expect(job.statusMessage).toContain("Access Denied");

    unregisterS3Object("s3://reads/ok.fastq");
    registerS3Object("*", () => {
      throw new Error("NoSuchKey");
    });
    const failed = await startImport(store, [source("s3://reads/ok.fastq")]);
    const failure = await rejectionOf(waitUntilReadSetImportJobCompleted(fast(), { sequenceStoreId: store, id: failed.id }));
    expect(failure.message).toContain("FAILED");
  });

  it("follows test rules: endsIn FAILED fails every source, CANCELLED starts none", async () => {
    const store = await activeSequenceStore();
    aws.lifecycle("Omics.ReadSetImportJob").endsIn("FAILED", { message: "the role cannot be assumed", times: 1 });
    const failed = await startImport(store, [source("s3://reads/a.fastq"), source("s3://reads/b.fastq")]);
    await rejectionOf(waitUntilReadSetImportJobCompleted(fast(), { sequenceStoreId: store, id: failed.id }));
    const job = await omics.send(new GetReadSetImportJobCommand({ sequenceStoreId: store, id: failed.id }));
    expect(job.sources!.map((s) => [s.status, s.statusMessage])).toEqual([
      ["FAILED", "the role cannot be assumed"],
      ["FAILED", "the role cannot be assumed"],
    ]);

    aws.lifecycle("Omics.ReadSetImportJob").endsIn("CANCELLED");
    const cancelled = await startImport(store, [source("s3://reads/a.fastq")]);
    aws.settle();
    expect(await omics.send(new GetReadSetImportJobCommand({ sequenceStoreId: store, id: cancelled.id }))).toMatchObject({ status: "CANCELLED", sources: [{ status: "FAILED" }] });
  });

  it("checks sources when the job starts: types, SOURCE2, references, the store", async () => {
    const store = await activeSequenceStore();
    const pair = await rejectionOf(startImport(store, [source("s3://reads/a.bam", { sourceFileType: "BAM", sourceFiles: { source1: "s3://reads/a.bam", source2: "s3://reads/b.bam" } })]));
    expect(pair).toBeInstanceOf(ValidationException);
    expect(pair.message).toContain("sources[0]");
    expect((await rejectionOf(startImport(store, [source("s3://reads/a.cram", { sourceFileType: "CRAM" })]))).message).toContain("needs referenceArn");
    const reference = await rejectionOf(startImport(store, [source("s3://reads/a.bam", { sourceFileType: "BAM", referenceArn: "arn:aws:omics:us-east-1:123456789012:referenceStore/1111111111/reference/2222222222" })]));
    expect(reference).toBeInstanceOf(ResourceNotFoundException);
    const uri = await rejectionOf(startImport(store, [source("https://example.com/a.fastq")]));
    expect(uri.message).toContain("'sources.1.member.sourceFiles.source1'");
    expect(await rejectionOf(startImport("1234567890", [source("s3://reads/a.fastq")]))).toBeInstanceOf(ResourceNotFoundException);
    expect((await omics.send(new ListReadSetImportJobsCommand({ sequenceStoreId: store }))).importJobs).toEqual([]);

    const { arn } = await importedReference();
    const ok = await startImport(store, [source("s3://reads/a.bam", { sourceFileType: "BAM", referenceArn: arn })]);
    expect(ok.status).toBe("SUBMITTED");
  });

  it("lists import jobs by status and creation time, page by page with the SDK paginator", async () => {
    const store = await activeSequenceStore();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await startImport(store, [source(`s3://reads/${i}.fastq`)])).id);
    const pages = [];
    for await (const page of paginateListReadSetImportJobs({ client: omics, pageSize: 2 }, { sequenceStoreId: store })) pages.push(page.importJobs!.map((j) => j.id));
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2)]);
    aws.settle();
    const completed = await omics.send(new ListReadSetImportJobsCommand({ sequenceStoreId: store, filter: { status: "COMPLETED" } }));
    expect(completed.importJobs!.map((j) => j.id)).toEqual(ids);
    expect(completed.importJobs![0]).toMatchObject({ roleArn: JOB_ROLE, sequenceStoreId: store });
    expect(completed.importJobs![0]!.completionTime).toBeInstanceOf(Date);
    const none = await omics.send(new ListReadSetImportJobsCommand({ sequenceStoreId: store, filter: { createdAfter: new Date(Date.now() + 60_000) } }));
    expect(none.importJobs).toEqual([]);
    expect(await rejectionOf(omics.send(new GetReadSetImportJobCommand({ sequenceStoreId: store, id: "1111111111" })))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("HealthOmics read set activation jobs", () => {
  it("activates archived read sets: ACTIVATING while the job runs, ACTIVE when it completes", async () => {
    const store = await activeSequenceStore();
    const id = await archivedReadSet(store);
    expect((await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id }))).status).toBe("ARCHIVED");
    const job = await omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: [{ readSetId: id }] }));
    expect(job).toMatchObject({ sequenceStoreId: store, status: "SUBMITTED" });
    // A read shows the job as it is, then moves it on: after this one it is IN_PROGRESS.
    await omics.send(new GetReadSetActivationJobCommand({ sequenceStoreId: store, id: job.id }));
    expect((await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id }))).status).toBe("ACTIVATING");
    const running = await omics.send(new GetReadSetActivationJobCommand({ sequenceStoreId: store, id: job.id }));
    expect(running).toMatchObject({ status: "IN_PROGRESS", sources: [{ readSetId: id, status: "IN_PROGRESS" }] });

    const done = await waitUntilReadSetActivationJobCompleted(fast(), { sequenceStoreId: store, id: job.id });
    expect(done.state).toBe("SUCCESS");
    expect((await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id }))).status).toBe("ACTIVE");
  });

  it("fails the read sets that are not archived, and leaves read sets ARCHIVED when the job fails", async () => {
    const store = await activeSequenceStore();
    const archived = await archivedReadSet(store);
    const active = await uploadReadSet(store, { SOURCE1: [bytes(fastq(1))] });
    aws.settle();
    const job = await omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: [{ readSetId: archived }, { readSetId: active }] }));
    await rejectionOf(waitUntilReadSetActivationJobCompleted(fast(), { sequenceStoreId: store, id: job.id }));
    const result = await omics.send(new GetReadSetActivationJobCommand({ sequenceStoreId: store, id: job.id }));
    expect(result.status).toBe("COMPLETED_WITH_FAILURES");
    expect(result.sources![1]).toMatchObject({ readSetId: active, status: "FAILED", statusMessage: expect.stringContaining("not ARCHIVED") });

    const other = await archivedReadSet(store);
    aws.lifecycle("Omics.ReadSetActivationJob").endsIn("FAILED");
    const failing = await omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: [{ readSetId: other }] }));
    aws.settle();
    expect((await omics.send(new GetReadSetActivationJobCommand({ sequenceStoreId: store, id: failing.id }))).status).toBe("FAILED");
    expect((await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id: other }))).status).toBe("ARCHIVED");
  });

  it("refuses unknown or repeated read sets, and lists jobs with the SDK paginator", async () => {
    const store = await activeSequenceStore();
    const id = await archivedReadSet(store);
    expect(await rejectionOf(omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: [{ readSetId: "9999999999" }] })))).toBeInstanceOf(ResourceNotFoundException);
    const twice = await rejectionOf(omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: [{ readSetId: id }, { readSetId: id }] })));
    expect(twice).toBeInstanceOf(ValidationException);
    const tooMany = await rejectionOf(omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: Array.from({ length: 21 }, () => ({ readSetId: id })) })));
    expect(tooMany.message).toContain("'sources'");

    const jobs = [];
    for (let i = 0; i < 3; i++) jobs.push((await omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: [{ readSetId: id }] }))).id);
    const pages = [];
    for await (const page of paginateListReadSetActivationJobs({ client: omics, pageSize: 2 }, { sequenceStoreId: store })) pages.push(page.activationJobs!.map((j) => j.id));
    expect(pages).toEqual([jobs.slice(0, 2), jobs.slice(2)]);
    expect((await omics.send(new ListReadSetActivationJobsCommand({ sequenceStoreId: store, filter: { status: "SUBMITTED" } }))).activationJobs).toEqual([]);
  });
});

describe("HealthOmics read set export jobs", () => {
  it("exports ACTIVE read sets to S3 and reports each; archived ones fail", async () => {
    const store = await activeSequenceStore();
    const archived = await archivedReadSet(store);
    const active = await uploadReadSet(store, { SOURCE1: [bytes(fastq(2))] });
    aws.settle();
    const started = await omics.send(new StartReadSetExportJobCommand({ sequenceStoreId: store, destination: "s3://exports/cohort/", roleArn: JOB_ROLE, sources: [{ readSetId: active }] }));
    expect(started).toMatchObject({ status: "SUBMITTED", destination: "s3://exports/cohort/" });
    const done = await waitUntilReadSetExportJobCompleted(fast(), { sequenceStoreId: store, id: started.id });
    expect(done.state).toBe("SUCCESS");
    expect(await omics.send(new GetReadSetExportJobCommand({ sequenceStoreId: store, id: started.id }))).toMatchObject({ status: "COMPLETED", readSets: [{ id: active, status: "FINISHED" }] });

    const failing = await omics.send(new StartReadSetExportJobCommand({ sequenceStoreId: store, destination: "s3://exports/", roleArn: JOB_ROLE, sources: [{ readSetId: archived }] }));
    const failure = await rejectionOf(waitUntilReadSetExportJobCompleted(fast(), { sequenceStoreId: store, id: failing.id }));
    expect(failure.message).toContain("FAILED");
    const job = await omics.send(new GetReadSetExportJobCommand({ sequenceStoreId: store, id: failing.id }));
    expect(job.readSets![0]!.statusMessage).toContain("ARCHIVED");

    const pages = [];
    for await (const page of paginateListReadSetExportJobs({ client: omics, pageSize: 1 }, { sequenceStoreId: store })) pages.push(page.exportJobs!.map((j) => j.id));
    expect(pages).toEqual([[started.id], [failing.id]]);
    expect((await omics.send(new ListReadSetExportJobsCommand({ sequenceStoreId: store, filter: { status: "FAILED" } }))).exportJobs!.map((j) => j.destination)).toEqual(["s3://exports/"]);
    const badDestination = await rejectionOf(omics.send(new StartReadSetExportJobCommand({ sequenceStoreId: store, destination: "s3://exports/file.txt", roleArn: JOB_ROLE, sources: [{ readSetId: active }] })));
    expect(badDestination.message).toContain("'destination'");
  });
});
