import {
  BatchDeleteReadSetCommand,
  ConflictException,
  DeleteSequenceStoreCommand,
  GetReadSetCommand,
  GetReadSetMetadataCommand,
  ListReadSetsCommand,
  paginateListReadSets,
  RangeNotSatisfiableException,
  ResourceNotFoundException,
  StartReadSetActivationJobCommand,
  waitUntilReadSetActivationJobCompleted,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { activeSequenceStore, bam, bytes, cram, fast, fastq, importedReference, omics, readSetBytes, settledReadSet, uploadReadSet } from "./helpers.js";

const DAY = 24 * 60 * 60 * 1000;

describe("HealthOmics read sets", () => {
  it("reports BAM sequence information from its records: primary reads, bases, alignment", async () => {
    const store = await activeSequenceStore({ eTagAlgorithmFamily: "SHA512up" });
    const file = bam([
      { name: "r1", seq: "ACGTACGTAC" },
      { name: "r2", seq: "ACGTA" },
      { name: "r2", seq: "ACGTA", flag: 0x100 }, // a secondary alignment is not another read
    ]);
    const id = await uploadReadSet(store, { SOURCE1: [file] }, { sourceFileType: "BAM" });
    const metadata = await settledReadSet(store, id);
    expect(metadata).toMatchObject({ status: "ACTIVE", fileType: "BAM", sequenceInformation: { totalReadCount: 2, totalBaseCount: 15, alignment: "ALIGNED" } });
    // BAM ETags hash the inflated records (not AWS's SAM rendering); the family decides the hash.
    const records = gunzipSync(file).subarray(gunzipSync(file).indexOf(Buffer.from("chr1\0")) + 9);
    expect(metadata.etag).toEqual({ algorithm: "BAM_SHA512up", source1: createHash("sha512").update(records).digest("hex") });
    expect(Buffer.compare(await readSetBytes(store, id), Buffer.from(file))).toBe(0);

    const unaligned = await uploadReadSet(store, { SOURCE1: [bam([{ name: "u1", seq: "ACGT" }], { unaligned: true })] }, { sourceFileType: "UBAM" });
    expect((await settledReadSet(store, unaligned)).sequenceInformation).toEqual({ totalReadCount: 1, totalBaseCount: 4, alignment: "UNALIGNED" });
  });

  it("keeps CRAM as it came: its definition checked, no counts derived", async () => {
    const store = await activeSequenceStore();
    const { arn } = await importedReference();
    const id = await uploadReadSet(store, { SOURCE1: [cram()] }, { sourceFileType: "CRAM", referenceArn: arn });
    const metadata = await settledReadSet(store, id);
    expect(metadata).toMatchObject({ status: "ACTIVE", referenceArn: arn, etag: { algorithm: "CRAM_MD5up" } });
    expect(metadata.sequenceInformation?.totalReadCount).toBeUndefined();
  });

  it("fails an upload whose content is not a file of its type (UPLOAD_FAILED, naming the fallback location)", async () => {
    const store = await activeSequenceStore({ fallbackLocation: "s3://omics-fallback/failed/" });
    const id = await uploadReadSet(store, { SOURCE1: [bytes("@r1\nACGT\n+\nII\n")] });
    const first = await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id }));
    expect(first.status).toBe("PROCESSING_UPLOAD");
    const failed = await settledReadSet(store, id);
    expect(failed.status).toBe("UPLOAD_FAILED");
    expect(failed.statusMessage).toContain("record 1 has 4 bases but 2 quality scores");
    expect(failed.statusMessage).toContain("s3://omics-fallback/failed/");
    expect(failed.files).toBeUndefined();
    const read = await rejectionOf(omics.send(new GetReadSetCommand({ sequenceStoreId: store, id, partNumber: 1 })));
    expect(read).toBeInstanceOf(ConflictException);

    const notBam = await uploadReadSet(store, { SOURCE1: [bytes(fastq(1))] }, { sourceFileType: "BAM" });
    expect((await settledReadSet(store, notBam)).statusMessage).toContain("BGZF");
  });

  it("fails a BAM whose header or records carry negative lengths instead of counting them", async () => {
    const store = await activeSequenceStore();
    // The inflated BAM of one aligned read; l_seq sits 16 bytes into the record's block.
    const inflated = Buffer.from(gunzipSync(bam([{ name: "r1", seq: "ACGT" }])));
    const textLength = inflated.readInt32LE(4);
    const nRefAt = 8 + textLength;
    const recordsAt = nRefAt + 4 + 4 + inflated.readInt32LE(nRefAt + 4) + 4;
    const negativeSequence = Buffer.from(inflated);
    negativeSequence.writeInt32LE(-1000, recordsAt + 4 + 16);
    const negativeRefs = Buffer.from(inflated);
    negativeRefs.writeInt32LE(-1, nRefAt);
    for (const [file, problem] of [
      [negativeSequence, "sequence length"],
      [negativeRefs, "reference"],
    ] as const) {
      const id = await uploadReadSet(store, { SOURCE1: [gzipSync(file)] }, { sourceFileType: "BAM" });
      const settled = await settledReadSet(store, id);
      expect(settled.status).toBe("UPLOAD_FAILED");
      expect(settled.statusMessage).toContain(problem);
      expect(settled.sequenceInformation).toBeUndefined();
    }
  });

  it("ends an upload UPLOAD_FAILED under a test rule", async () => {
    const store = await activeSequenceStore();
    aws.lifecycle("Omics.ReadSet", { name: "doomed" }).endsIn("UPLOAD_FAILED", { message: "checksum validation failed" });
    const id = await uploadReadSet(store, { SOURCE1: [bytes(fastq(2))] }, { name: "doomed" });
    expect(await settledReadSet(store, id)).toMatchObject({ status: "UPLOAD_FAILED", statusMessage: "checksum validation failed" });
  });

  it("serves files part by part: the documented errors for a part, file or read set that does not exist", async () => {
    const store = await activeSequenceStore();
    const id = await uploadReadSet(store, { SOURCE1: [bytes(fastq(2))] });
    aws.settle();
    const read = (input: { file?: "SOURCE1" | "SOURCE2" | "INDEX"; partNumber: number; id?: string }) =>
      rejectionOf(omics.send(new GetReadSetCommand({ sequenceStoreId: store, id: input.id ?? id, file: input.file, partNumber: input.partNumber })));
    const part2 = await read({ partNumber: 2 });
    expect(part2).toBeInstanceOf(RangeNotSatisfiableException);
    expect(part2.$metadata.httpStatusCode).toBe(416);
    expect(part2.message).toContain("the file has 1 part(s)");
    expect(await read({ file: "SOURCE2", partNumber: 1 })).toBeInstanceOf(ResourceNotFoundException);
    expect((await read({ file: "INDEX", partNumber: 1 })).message).toContain("does not build BAM or CRAM indexes");
    expect(await read({ id: "9999999999", partNumber: 1 })).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new GetReadSetCommand({ sequenceStoreId: "9999999999", id, partNumber: 1 })))).toBeInstanceOf(ResourceNotFoundException);
    const { payload } = await omics.send(new GetReadSetCommand({ sequenceStoreId: store, id, partNumber: 1 }));
    expect(await payload!.transformToString()).toBe(fastq(2));
  });

  it("archives a read set not read for 30 days; reading it then needs an activation job", async () => {
    const store = await activeSequenceStore();
    const id = await uploadReadSet(store, { SOURCE1: [bytes(fastq(2))] });
    aws.settle();
    aws.clock.advance(29 * DAY);
    await readSetBytes(store, id); // a read restarts the 30 days
    aws.clock.advance(29 * DAY);
    expect((await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id }))).status).toBe("ACTIVE");
    aws.clock.advance(2 * DAY);
    expect((await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id }))).status).toBe("ARCHIVED");
    const archived = await rejectionOf(omics.send(new GetReadSetCommand({ sequenceStoreId: store, id, partNumber: 1 })));
    expect(archived).toBeInstanceOf(ConflictException);
    expect(archived.message).toContain("StartReadSetActivationJob");

    const job = await omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId: store, sources: [{ readSetId: id }] }));
    await waitUntilReadSetActivationJobCompleted(fast(), { sequenceStoreId: store, id: job.id });
    expect((await readSetBytes(store, id)).toString()).toBe(fastq(2));
  });

  it("lists read sets with every filter, page by page with the SDK paginator", async () => {
    const store = await activeSequenceStore();
    const { arn } = await importedReference();
    const a = await uploadReadSet(store, { SOURCE1: [bytes(fastq(1))] }, { name: "a", sampleId: "s1", subjectId: "p1", generatedFrom: "lab-1" });
    const b = await uploadReadSet(store, { SOURCE1: [bam([{ name: "r", seq: "ACGT" }])] }, { name: "b", sampleId: "s2", subjectId: "p1", sourceFileType: "BAM", referenceArn: arn });
    const c = await uploadReadSet(store, { SOURCE1: [bytes("not fastq")] }, { name: "c", sampleId: "s2", subjectId: "p2" });
    aws.settle();
    const ids = async (filter: Record<string, unknown>) => (await omics.send(new ListReadSetsCommand({ sequenceStoreId: store, filter }))).readSets!.map((r) => r.id);
    expect(await ids({})).toEqual([a, b, c]);
    expect(await ids({ sampleId: "s2" })).toEqual([b, c]);
    expect(await ids({ subjectId: "p1" })).toEqual([a, b]);
    expect(await ids({ status: "UPLOAD_FAILED" })).toEqual([c]);
    expect(await ids({ referenceArn: arn })).toEqual([b]);
    expect(await ids({ referenceArn: "" })).toEqual([a, c]);
    expect(await ids({ generatedFrom: "lab-1" })).toEqual([a]);
    expect(await ids({ creationType: "IMPORT" })).toEqual([]);
    expect(await ids({ name: "b" })).toEqual([b]);
    expect(await ids({ createdBefore: new Date(0) })).toEqual([]);

    const pages = [];
    for await (const page of paginateListReadSets({ client: omics, pageSize: 2 }, { sequenceStoreId: store })) pages.push(page.readSets!.map((r) => r.id));
    expect(pages).toEqual([[a, b], [c]]);
    const item = (await omics.send(new ListReadSetsCommand({ sequenceStoreId: store, filter: { name: "a" } }))).readSets![0]!;
    expect(item).toMatchObject({ fileType: "FASTQ", creationType: "UPLOAD", status: "ACTIVE", sequenceInformation: { totalReadCount: 1 }, etag: { algorithm: "FASTQ_MD5up" } });
    expect(await rejectionOf(omics.send(new ListReadSetsCommand({ sequenceStoreId: "9999999999" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("deletes read sets in a batch, reporting each one it cannot delete", async () => {
    const store = await activeSequenceStore();
    const done = await uploadReadSet(store, { SOURCE1: [bytes(fastq(1))] });
    aws.settle();
    const processing = await uploadReadSet(store, { SOURCE1: [bytes(fastq(1))] });
    const result = await omics.send(new BatchDeleteReadSetCommand({ sequenceStoreId: store, ids: [done, processing, "9999999999"] }));
    expect(result.errors).toEqual([
      { id: processing, code: "ConflictException", message: expect.stringContaining("PROCESSING_UPLOAD") },
      { id: "9999999999", code: "ResourceNotFoundException", message: expect.stringContaining("not found") },
    ]);
    expect(await rejectionOf(omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id: done })))).toBeInstanceOf(ResourceNotFoundException);
    aws.settle();
    const clean = await omics.send(new BatchDeleteReadSetCommand({ sequenceStoreId: store, ids: [processing] }));
    expect(clean.errors).toBeUndefined();
    expect((await omics.send(new DeleteSequenceStoreCommand({ id: store }))).$metadata.httpStatusCode).toBe(200);
  });
});
