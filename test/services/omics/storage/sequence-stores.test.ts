import {
  AbortMultipartReadSetUploadCommand,
  BatchDeleteReadSetCommand,
  ConflictException,
  CreateMultipartReadSetUploadCommand,
  CreateSequenceStoreCommand,
  DeleteSequenceStoreCommand,
  GetS3AccessPolicyCommand,
  GetSequenceStoreCommand,
  ListSequenceStoresCommand,
  ListTagsForResourceCommand,
  paginateListSequenceStores,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  TagResourceCommand,
  UpdateSequenceStoreCommand,
  ValidationException,
} from "@aws-sdk/client-omics";
import { declareStore, setServiceQuota } from "aws-doubles/omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, activeSequenceStore, arn, fastq, omics, splitInto, bytes, uploadReadSet } from "./helpers.js";

describe("HealthOmics sequence stores", () => {
  it("creates a store CREATING, ACTIVE on the next read, with its S3 access point, ETag family and settings", async () => {
    const created = await omics.send(
      new CreateSequenceStoreCommand({
        name: "cohort-a",
        description: "Cohort A reads",
        fallbackLocation: "s3://omics-fallback/cohort-a/",
        eTagAlgorithmFamily: "SHA256up",
        propagatedSetLevelTags: ["project"],
        s3AccessConfig: { accessLogLocation: "s3://omics-logs/cohort-a/" },
        sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555" },
        tags: { project: "cohort-a" },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.id).toMatch(/^[0-9]{10}$/);
    expect(created).toMatchObject({
      arn: arn(`sequenceStore/${created.id}`),
      name: "cohort-a",
      status: "CREATING",
      eTagAlgorithmFamily: "SHA256up",
      fallbackLocation: "s3://omics-fallback/cohort-a/",
      propagatedSetLevelTags: ["project"],
      s3Access: {
        s3AccessPointArn: `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/${ACCOUNT}-${created.id}`,
        accessLogLocation: "s3://omics-logs/cohort-a/",
      },
    });
    expect(created.s3Access!.s3Uri).toMatch(new RegExp(`^s3://${ACCOUNT}-${created.id}-[0-9a-f]{30}-s3alias/${ACCOUNT}/sequenceStore/${created.id}/$`));

    const first = await omics.send(new GetSequenceStoreCommand({ id: created.id }));
    expect(first.status).toBe("CREATING");
    const second = await omics.send(new GetSequenceStoreCommand({ id: created.id }));
    expect(second).toMatchObject({ status: "ACTIVE", description: "Cohort A reads", sseConfig: { type: "KMS" } });
    expect(second.updateTime).toBeInstanceOf(Date);

    // The store's access point has the default policy, and its tags are the store's.
    const policy = await omics.send(new GetS3AccessPolicyCommand({ s3AccessPointArn: created.s3Access!.s3AccessPointArn }));
    expect(policy).toMatchObject({ storeId: created.id, storeType: "SEQUENCE_STORE" });
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: created.arn }))).tags).toEqual({ project: "cohort-a" });
  });

  it("defaults to the MD5up ETag family and KMS encryption", async () => {
    const id = await activeSequenceStore();
    expect(await omics.send(new GetSequenceStoreCommand({ id }))).toMatchObject({ eTagAlgorithmFamily: "MD5up", sseConfig: { type: "KMS" } });
  });

  it("updates an ACTIVE store through UPDATING, and refuses updates while it is CREATING", async () => {
    const { id } = await omics.send(new CreateSequenceStoreCommand({ name: "s" }));
    const early = await rejectionOf(omics.send(new UpdateSequenceStoreCommand({ id, name: "renamed" })));
    expect(early).toBeInstanceOf(ConflictException);
    expect(early.message).toContain("CREATING");
    await omics.send(new GetSequenceStoreCommand({ id }));

    const updated = await omics.send(
      new UpdateSequenceStoreCommand({ id, name: "renamed", description: "now described", fallbackLocation: "s3://fallback/", s3AccessConfig: { accessLogLocation: "s3://logs/" } }),
    );
    expect(updated).toMatchObject({ status: "UPDATING", name: "renamed", description: "now described", fallbackLocation: "s3://fallback/", s3Access: { accessLogLocation: "s3://logs/" } });
    expect((await omics.send(new GetSequenceStoreCommand({ id }))).status).toBe("UPDATING");
    expect((await omics.send(new GetSequenceStoreCommand({ id }))).status).toBe("ACTIVE");
    // An empty access log location turns logging off.
    const off = await omics.send(new UpdateSequenceStoreCommand({ id, s3AccessConfig: { accessLogLocation: "" } }));
    expect(off.s3Access?.accessLogLocation).toBeUndefined();
  });

  it("deletes an empty store; a store holding read sets or uploads cannot be deleted", async () => {
    const id = await activeSequenceStore();
    const readSetId = await uploadReadSet(id, { SOURCE1: splitInto(bytes(fastq(4)), 2) });
    const full = await rejectionOf(omics.send(new DeleteSequenceStoreCommand({ id })));
    expect(full).toBeInstanceOf(ConflictException);
    expect(full.message).toContain("still holds 1 read set");

    aws.settle();
    await omics.send(new BatchDeleteReadSetCommand({ sequenceStoreId: id, ids: [readSetId] }));
    const { uploadId } = await omics.send(new CreateMultipartReadSetUploadCommand({ sequenceStoreId: id, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "n" }));
    expect((await rejectionOf(omics.send(new DeleteSequenceStoreCommand({ id })))).message).toContain("1 multipart upload");
    await omics.send(new AbortMultipartReadSetUploadCommand({ sequenceStoreId: id, uploadId }));

    const deleted = await omics.send(new DeleteSequenceStoreCommand({ id }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(await rejectionOf(omics.send(new GetSequenceStoreCommand({ id })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new DeleteSequenceStoreCommand({ id })))).toBeInstanceOf(ResourceNotFoundException);
    // Its tags and access point went with it.
    expect(await rejectionOf(omics.send(new TagResourceCommand({ resourceArn: arn(`sequenceStore/${id}`), tags: { a: "b" } })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists stores in creation order, filtered by name, status and times, page by page with the SDK paginator", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await omics.send(new CreateSequenceStoreCommand({ name: i % 2 === 0 ? "even" : "odd" }))).id!);
    const pages = [];
    for await (const page of paginateListSequenceStores({ client: omics, pageSize: 2 }, {})) pages.push(page.sequenceStores!.map((s) => s.id));
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);

    const even = await omics.send(new ListSequenceStoresCommand({ filter: { name: "even" } }));
    expect(even.sequenceStores!.map((s) => s.id)).toEqual([ids[0], ids[2], ids[4]]);
    // The list above read every store once: all are ACTIVE now.
    const active = await omics.send(new ListSequenceStoresCommand({ filter: { status: "ACTIVE" } }));
    expect(active.sequenceStores).toHaveLength(5);
    const future = await omics.send(new ListSequenceStoresCommand({ filter: { createdAfter: new Date(Date.now() + 60_000) } }));
    expect(future.sequenceStores).toEqual([]);
    const item = active.sequenceStores![0]!;
    expect(item).toMatchObject({ arn: arn(`sequenceStore/${ids[0]}`), name: "even", eTagAlgorithmFamily: "MD5up", status: "ACTIVE" });

    const foreign = await rejectionOf(omics.send(new ListSequenceStoresCommand({ nextToken: "bm90LWEtdG9rZW4" })));
    expect(foreign).toBeInstanceOf(ValidationException);
  });

  it("replays a create with the same client token while that store exists", async () => {
    const first = await omics.send(new CreateSequenceStoreCommand({ name: "once", clientToken: "token-1" }));
    const again = await omics.send(new CreateSequenceStoreCommand({ name: "once", clientToken: "token-1" }));
    expect(again.id).toBe(first.id);
    expect((await omics.send(new ListSequenceStoresCommand({}))).sequenceStores).toHaveLength(1);
    const different = await rejectionOf(omics.send(new CreateSequenceStoreCommand({ name: "other", clientToken: "token-1" })));
    expect(different).toBeInstanceOf(ValidationException);
    expect(different.message).toContain("token-1 was already used");
  });

  it("refuses malformed settings and, at the quota, new stores", async () => {
    const badFallback = await rejectionOf(omics.send(new CreateSequenceStoreCommand({ name: "s", fallbackLocation: "https://bucket/" })));
    expect(badFallback).toBeInstanceOf(ValidationException);
    expect(badFallback.message).toContain("'fallbackLocation'");
    const badFamily = await rejectionOf(omics.send(new CreateSequenceStoreCommand({ name: "s", eTagAlgorithmFamily: "CRC32" as never })));
    expect(badFamily.message).toContain("CRC32");
    const badLog = await rejectionOf(omics.send(new CreateSequenceStoreCommand({ name: "s", s3AccessConfig: { accessLogLocation: "logs" } })));
    expect(badLog.message).toContain("'s3AccessConfig.accessLogLocation'");
    const reservedTag = await rejectionOf(omics.send(new CreateSequenceStoreCommand({ name: "s", tags: { "aws:owner": "x" } })));
    expect(reservedTag).toBeInstanceOf(ValidationException);
    expect((await omics.send(new ListSequenceStoresCommand({}))).sequenceStores).toEqual([]);

    setServiceQuota("sequenceStores", 1);
    await omics.send(new CreateSequenceStoreCommand({ name: "one" }));
    const over = await rejectionOf(omics.send(new CreateSequenceStoreCommand({ name: "two" })));
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(over.$metadata.httpStatusCode).toBe(402);
  });

  it("ends a store FAILED under a test rule, and declareStore makes a ready store", async () => {
    aws.lifecycle("Omics.SequenceStore", { name: "broken" }).endsIn("FAILED", { message: "KMS key not usable" });
    const { id } = await omics.send(new CreateSequenceStoreCommand({ name: "broken" }));
    const failed = await omics.send(new GetSequenceStoreCommand({ id }));
    expect(failed.status).toBe("CREATING");
    expect(await omics.send(new GetSequenceStoreCommand({ id }))).toMatchObject({ status: "FAILED", statusMessage: "KMS key not usable" });

    const declared = declareStore({ storeId: "1234567890", name: "ready" });
    expect(await omics.send(new GetSequenceStoreCommand({ id: declared.storeId }))).toMatchObject({ status: "ACTIVE", name: "ready", s3Access: { s3AccessPointArn: declared.s3AccessPointArn } });
    expect(() => declareStore({ storeId: "1234567890" })).toThrow(/already taken/);
  });
});
