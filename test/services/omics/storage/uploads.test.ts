import {
  AbortMultipartReadSetUploadCommand,
  CompleteMultipartReadSetUploadCommand,
  CreateMultipartReadSetUploadCommand,
  CreateSequenceStoreCommand,
  ListMultipartReadSetUploadsCommand,
  ListReadSetUploadPartsCommand,
  ListTagsForResourceCommand,
  paginateListMultipartReadSetUploads,
  paginateListReadSetUploadParts,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UploadReadSetPartCommand,
  ValidationException,
} from "@aws-sdk/client-omics";
import { setServiceQuota } from "aws-doubles/omics";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { activeSequenceStore, bytes, fastq, importedReference, omics, readSetBytes, settledReadSet, splitInto, uploadReadSet } from "./helpers.js";

const open = (sequenceStoreId: string, sourceFileType: "FASTQ" | "BAM" | "CRAM" | "UBAM" = "FASTQ", extra: Record<string, unknown> = {}) =>
  omics.send(new CreateMultipartReadSetUploadCommand({ sequenceStoreId, sourceFileType, subjectId: "subject", sampleId: "sample", name: "reads", ...extra }));

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("HealthOmics direct uploads", () => {
  it("uploads a FASTQ pair in several parts and reads both files back byte for byte", async () => {
    const store = await activeSequenceStore();
    const left = bytes(fastq(500, 50, "left"));
    const right = bytes(fastq(500, 50, "right"));
    const { uploadId, creationTime, ...opened } = await open(store, "FASTQ", { generatedFrom: "1000 Genomes", description: "HG00146", tags: { sample: "HG00146" } });
    expect(uploadId).toMatch(/^[0-9]{10}$/);
    expect(creationTime).toBeInstanceOf(Date);
    expect(opened).toMatchObject({ sequenceStoreId: store, sourceFileType: "FASTQ", subjectId: "subject", sampleId: "sample", generatedFrom: "1000 Genomes", name: "reads", tags: { sample: "HG00146" } });

    const parts = [];
    for (const [partSource, data] of [["SOURCE1", left], ["SOURCE2", right]] as const) {
      for (const [i, payload] of splitInto(data, 3).entries()) {
        const { checksum } = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource, partNumber: i + 1, payload }));
        // The checksum is the SHA-256 of the part's bytes.
        expect(checksum).toBe(sha256(payload));
        parts.push({ partSource, partNumber: i + 1, checksum: checksum! });
      }
    }
    const listed = await omics.send(new ListReadSetUploadPartsCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE2" }));
    expect(listed.parts!.map((p) => [p.partNumber, p.partSource, p.partSize])).toEqual(splitInto(right, 3).map((p, i) => [i + 1, "SOURCE2", p.length]));
    expect(listed.parts![0]!.creationTime).toBeInstanceOf(Date);

    const { readSetId } = await omics.send(new CompleteMultipartReadSetUploadCommand({ sequenceStoreId: store, uploadId, parts }));
    expect(readSetId).toMatch(/^[0-9]{10}$/);
    // The upload is over: it is no longer listed, and its parts cannot be read.
    expect((await omics.send(new ListMultipartReadSetUploadsCommand({ sequenceStoreId: store }))).uploads).toEqual([]);
    expect(await rejectionOf(omics.send(new ListReadSetUploadPartsCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1" })))).toBeInstanceOf(ResourceNotFoundException);

    const metadata = await settledReadSet(store, readSetId!);
    expect(metadata).toMatchObject({ status: "ACTIVE", creationType: "UPLOAD", creationJobId: uploadId, fileType: "FASTQ", sequenceInformation: { totalReadCount: 1000, totalBaseCount: 50_000, generatedFrom: "1000 Genomes" } });
    expect(Buffer.compare(await readSetBytes(store, readSetId!, "SOURCE1"), Buffer.from(left))).toBe(0);
    expect(Buffer.compare(await readSetBytes(store, readSetId!, "SOURCE2"), Buffer.from(right))).toBe(0);
    // The upload's tags are the read set's.
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: metadata.arn }))).tags).toEqual({ sample: "HG00146" });
  });

  it("takes a part as a Readable stream, replaces a part uploaded again, and discards parts the completion does not name", async () => {
    const store = await activeSequenceStore();
    const { uploadId } = await open(store);
    const good = fastq(3);
    const first = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 1, payload: Readable.from([Buffer.from("garbage")]) }));
    const replaced = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 1, payload: Readable.from([Buffer.from(good)]) }));
    expect(replaced.checksum).not.toBe(first.checksum);
    await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 7, payload: "@extra\nA\n+\nI\n" }));
    const listed = await omics.send(new ListReadSetUploadPartsCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1" }));
    expect(listed.parts!.map((p) => p.partNumber)).toEqual([1, 7]);
    expect(listed.parts![0]!.lastUpdatedTime!.getTime()).toBeGreaterThanOrEqual(listed.parts![0]!.creationTime!.getTime());
    // A stale checksum does not complete the upload.
    const stale = await rejectionOf(omics.send(new CompleteMultipartReadSetUploadCommand({ sequenceStoreId: store, uploadId, parts: [{ partSource: "SOURCE1", partNumber: 1, checksum: first.checksum! }] })));
    expect(stale).toBeInstanceOf(ValidationException);
    expect(stale.message).toContain("does not match");

    const { readSetId } = await omics.send(new CompleteMultipartReadSetUploadCommand({ sequenceStoreId: store, uploadId, parts: [{ partSource: "SOURCE1", partNumber: 1, checksum: replaced.checksum! }] }));
    expect((await settledReadSet(store, readSetId!)).sequenceInformation?.totalReadCount).toBe(3);
    expect((await readSetBytes(store, readSetId!)).toString()).toBe(good);
  });

  it("lists uploads and parts page by page with the SDK paginators", async () => {
    const store = await activeSequenceStore();
    const uploads = [];
    for (let i = 0; i < 3; i++) uploads.push((await open(store, "FASTQ", { name: `reads-${i}` })).uploadId);
    const pages = [];
    for await (const page of paginateListMultipartReadSetUploads({ client: omics, pageSize: 2 }, { sequenceStoreId: store })) pages.push(page.uploads!.map((u) => u.uploadId));
    expect(pages).toEqual([uploads.slice(0, 2), uploads.slice(2)]);

    for (let partNumber = 1; partNumber <= 5; partNumber++) {
      await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId: uploads[0], partSource: "SOURCE1", partNumber, payload: `part ${partNumber}` }));
    }
    const partPages = [];
    for await (const page of paginateListReadSetUploadParts({ client: omics, pageSize: 2 }, { sequenceStoreId: store, uploadId: uploads[0], partSource: "SOURCE1" })) {
      partPages.push(page.parts!.map((p) => p.partNumber));
    }
    expect(partPages).toEqual([[1, 2], [3, 4], [5]]);
    const later = await omics.send(new ListReadSetUploadPartsCommand({ sequenceStoreId: store, uploadId: uploads[0], partSource: "SOURCE1", filter: { createdAfter: new Date(Date.now() + 60_000) } }));
    expect(later.parts).toEqual([]);
  });

  it("aborts an upload: its parts are gone and it cannot be completed", async () => {
    const store = await activeSequenceStore();
    const { uploadId } = await open(store);
    const { checksum } = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 1, payload: fastq(1) }));
    const aborted = await omics.send(new AbortMultipartReadSetUploadCommand({ sequenceStoreId: store, uploadId }));
    expect(aborted.$metadata.httpStatusCode).toBe(200);
    const gone = await rejectionOf(omics.send(new CompleteMultipartReadSetUploadCommand({ sequenceStoreId: store, uploadId, parts: [{ partSource: "SOURCE1", partNumber: 1, checksum: checksum! }] })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new AbortMultipartReadSetUploadCommand({ sequenceStoreId: store, uploadId })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("refuses what HealthOmics refuses: unknown stores, stores not ACTIVE, SOURCE2 of a BAM, a CRAM without its reference", async () => {
    const missing = await rejectionOf(open("1234567890"));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const { id: creating } = await omics.send(new CreateSequenceStoreCommand({ name: "new" }));
    expect((await rejectionOf(open(creating!))).message).toContain("still CREATING");

    const store = await activeSequenceStore();
    const bamUpload = await open(store, "BAM");
    const second = await rejectionOf(omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId: bamUpload.uploadId, partSource: "SOURCE2", partNumber: 1, payload: "x" })));
    expect(second).toBeInstanceOf(ValidationException);
    expect(second.message).toContain("Only FASTQ read sets have a SOURCE2 file");
    const empty = await rejectionOf(omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId: bamUpload.uploadId, partSource: "SOURCE1", partNumber: 1, payload: new Uint8Array() })));
    expect(empty.message).toContain("The part is empty");
    const partRange = await rejectionOf(omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId: bamUpload.uploadId, partSource: "SOURCE1", partNumber: 10_001, payload: "x" })));
    expect(partRange.message).toContain("'partNumber'");

    expect((await rejectionOf(open(store, "CRAM"))).message).toContain("A CRAM read set needs referenceArn");
    const unknownReference = await rejectionOf(open(store, "CRAM", { referenceArn: "arn:aws:omics:us-east-1:123456789012:referenceStore/1234567890/reference/1234567890" }));
    expect(unknownReference).toBeInstanceOf(ResourceNotFoundException);
    const notAReference = await rejectionOf(open(store, "BAM", { referenceArn: "arn:aws:omics:us-east-1:123456789012:workflow/1234567" }));
    expect(notAReference).toBeInstanceOf(ValidationException);
    const { arn } = await importedReference();
    expect((await open(store, "CRAM", { referenceArn: arn })).referenceArn).toBe(arn);

    const noSource1 = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId: (await open(store)).uploadId, partSource: "SOURCE2", partNumber: 1, payload: "x" }));
    expect(noSource1.checksum).toBeDefined();
  });

  it("completes only with every named part uploaded once, and a SOURCE1", async () => {
    const store = await activeSequenceStore();
    const { uploadId } = await open(store);
    const { checksum } = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE2", partNumber: 1, payload: fastq(1) }));
    const complete = (parts: Array<{ partSource: "SOURCE1" | "SOURCE2"; partNumber: number; checksum: string }>) =>
      rejectionOf(omics.send(new CompleteMultipartReadSetUploadCommand({ sequenceStoreId: store, uploadId, parts })));
    expect((await complete([{ partSource: "SOURCE2", partNumber: 1, checksum: checksum! }])).message).toContain("names no SOURCE1 part");
    expect((await complete([{ partSource: "SOURCE1", partNumber: 3, checksum: checksum! }])).message).toContain("was not uploaded");
    expect((await complete([{ partSource: "SOURCE2", partNumber: 1, checksum: checksum! }, { partSource: "SOURCE2", partNumber: 1, checksum: checksum! }])).message).toContain("named twice");
    // Nothing was created by the refused completions.
    expect((await omics.send(new ListMultipartReadSetUploadsCommand({ sequenceStoreId: store }))).uploads).toHaveLength(1);
  });

  it("holds at most `uploadBytes` per upload (the fake keeps uploads in memory) and 100 MiB per part", async () => {
    const store = await activeSequenceStore();
    setServiceQuota("uploadBytes", 1000);
    const { uploadId } = await open(store);
    await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 1, payload: new Uint8Array(600) }));
    const over = await rejectionOf(omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 2, payload: new Uint8Array(500) })));
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(over.message).toContain("accepts at most 1000 bytes per upload");
    // Replacing a part counts its new size, not both.
    await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 1, payload: new Uint8Array(900) }));
    expect((await omics.send(new ListReadSetUploadPartsCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1" }))).parts!.map((p) => p.partSize)).toEqual([900]);

    setServiceQuota("uploadBytes", 512 * 1024 * 1024);
    const huge = await rejectionOf(
      omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store, uploadId, partSource: "SOURCE1", partNumber: 3, payload: new Uint8Array(100 * 1024 * 1024 + 1) })),
    );
    expect(huge).toBeInstanceOf(ValidationException);
    expect(huge.message).toContain("cannot be larger than 100 MiB");
  });

  it("reads gzipped FASTQ as HealthOmics does: counts and ETag over the uncompressed file", async () => {
    const store = await activeSequenceStore();
    const text = fastq(20, 30);
    const id = await uploadReadSet(store, { SOURCE1: splitInto(new Uint8Array(gzipSync(text)), 2) });
    const metadata = await settledReadSet(store, id);
    expect(metadata.sequenceInformation).toMatchObject({ totalReadCount: 20, totalBaseCount: 600 });
    expect(metadata.etag).toEqual({ algorithm: "FASTQ_MD5up", source1: createHash("md5").update(text).digest("hex") });
    expect(metadata.files!.source1!.s3Access!.s3Uri).toMatch(/readSet\/[0-9]+\/source1\.fastq\.gz$/);
  });
});
