import {
  BatchDeleteReadSetCommand,
  ConflictException,
  CreateReferenceStoreCommand,
  DeleteReferenceCommand,
  DeleteReferenceStoreCommand,
  GetReferenceCommand,
  GetReferenceImportJobCommand,
  GetReferenceMetadataCommand,
  GetReferenceStoreCommand,
  GetS3AccessPolicyCommand,
  ListReferenceImportJobsCommand,
  ListReferencesCommand,
  ListReferenceStoresCommand,
  ListTagsForResourceCommand,
  paginateListReferenceImportJobs,
  paginateListReferences,
  paginateListReferenceStores,
  RangeNotSatisfiableException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartReferenceImportJobCommand,
  ValidationException,
  waitUntilReferenceImportJobCompleted,
} from "@aws-sdk/client-omics";
import { declareStore, registerS3Object, setServiceQuota } from "aws-doubles/omics";
import { aws } from "aws-doubles/vitest";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { activeSequenceStore, arn, bam, fast, FASTA, importedReference, JOB_ROLE, omics, referenceStore, uploadReadSet } from "./helpers.js";

const text = async (payload: { transformToString(): Promise<string> } | undefined) => payload!.transformToString();

describe("HealthOmics reference stores", () => {
  it("creates, reads, lists (paginator, name filter) and deletes stores", async () => {
    const created = await omics.send(
      new CreateReferenceStoreCommand({ name: "genomes", description: "GRCh38 and friends", tags: { team: "genomics" }, sseConfig: { type: "KMS" } }),
    );
    expect(created).toMatchObject({ arn: arn(`referenceStore/${created.id}`), name: "genomes", description: "GRCh38 and friends", sseConfig: { type: "KMS" } });
    expect(created.id).toMatch(/^[0-9]{10}$/);
    expect(await omics.send(new GetReferenceStoreCommand({ id: created.id }))).toMatchObject({ id: created.id, name: "genomes" });
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: created.arn }))).tags).toEqual({ team: "genomics" });
    // Reference stores have an S3 access point too.
    const { s3AccessPointArn } = declareStore({ storeType: "REFERENCE_STORE", storeId: "5555555555" });
    expect((await omics.send(new GetS3AccessPolicyCommand({ s3AccessPointArn }))).storeType).toBe("REFERENCE_STORE");

    await omics.send(new CreateReferenceStoreCommand({ name: "other" }));
    const pages = [];
    for await (const page of paginateListReferenceStores({ client: omics, pageSize: 2 }, {})) pages.push(page.referenceStores!.map((s) => s.name));
    expect(pages).toEqual([["genomes", "declared-5555555555"], ["other"]]);
    expect((await omics.send(new ListReferenceStoresCommand({ filter: { name: "other" } }))).referenceStores).toHaveLength(1);
    expect((await omics.send(new ListReferenceStoresCommand({ filter: { createdAfter: new Date(Date.now() + 60_000) } }))).referenceStores).toEqual([]);

    await omics.send(new DeleteReferenceStoreCommand({ id: created.id }));
    expect(await rejectionOf(omics.send(new GetReferenceStoreCommand({ id: created.id })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("counts reference stores against their quota", async () => {
    setServiceQuota("referenceStores", 1);
    await referenceStore();
    expect(await rejectionOf(omics.send(new CreateReferenceStoreCommand({ name: "second" })))).toBeInstanceOf(ServiceQuotaExceededException);
  });
});

describe("HealthOmics references", () => {
  it("imports a FASTA: the reference keeps it, with the .fai index the fake builds and its MD5", async () => {
    const storeId = await referenceStore();
    registerS3Object("s3://genomes/test.fa.gz", gzipSync(FASTA));
    const started = await omics.send(
      new StartReferenceImportJobCommand({ referenceStoreId: storeId, roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/test.fa.gz", name: "test-genome", description: "two contigs", tags: { build: "t1" } }] }),
    );
    expect(started).toMatchObject({ referenceStoreId: storeId, roleArn: JOB_ROLE, status: "SUBMITTED" });
    const done = await waitUntilReferenceImportJobCompleted(fast(), { referenceStoreId: storeId, id: started.id });
    expect(done.state).toBe("SUCCESS");
    const job = await omics.send(new GetReferenceImportJobCommand({ referenceStoreId: storeId, id: started.id }));
    expect(job).toMatchObject({ status: "COMPLETED", sources: [{ sourceFile: "s3://genomes/test.fa.gz", status: "FINISHED", name: "test-genome", tags: { build: "t1" } }] });
    const id = job.sources![0]!.referenceId!;

    const metadata = await omics.send(new GetReferenceMetadataCommand({ referenceStoreId: storeId, id }));
    expect(metadata).toMatchObject({
      arn: arn(`referenceStore/${storeId}/reference/${id}`),
      status: "ACTIVE",
      name: "test-genome",
      description: "two contigs",
      md5: createHash("md5").update(FASTA).digest("hex"),
      creationType: "IMPORT",
      creationJobId: started.id,
      files: { source: { totalParts: 1, contentLength: FASTA.length }, index: { totalParts: 1 } },
    });
    // The gzipped FASTA is kept inflated; its index describes that file.
    expect(await text((await omics.send(new GetReferenceCommand({ referenceStoreId: storeId, id, partNumber: 1 }))).payload)).toBe(FASTA);
    const index = await text((await omics.send(new GetReferenceCommand({ referenceStoreId: storeId, id, partNumber: 1, file: "INDEX" }))).payload);
    expect(index).toBe("chr1\t18\t18\t10\t11\nchr2\t10\t44\t8\t9\n");
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: metadata.arn }))).tags).toEqual({ build: "t1" });
  });

  it("serves byte ranges of a part, and the documented error for parts and ranges that do not exist", async () => {
    const { storeId, referenceId: id } = await importedReference();
    const range = (value: string) => omics.send(new GetReferenceCommand({ referenceStoreId: storeId, id, partNumber: 1, range: value }));
    expect(await text((await range("1-4")).payload)).toBe("chr1");
    expect(await text((await range("-3")).payload)).toBe("CC\n");
    expect(await text((await range(`${FASTA.length - 2}-`)).payload)).toBe("C\n");
    const outside = await rejectionOf(range("500-600"));
    expect(outside).toBeInstanceOf(RangeNotSatisfiableException);
    expect(outside.$metadata.httpStatusCode).toBe(416);
    expect(await rejectionOf(omics.send(new GetReferenceCommand({ referenceStoreId: storeId, id, partNumber: 2 })))).toBeInstanceOf(RangeNotSatisfiableException);
    const malformed = await rejectionOf(range("bytes=a-b"));
    expect(malformed).toBeInstanceOf(ValidationException);
    expect(await rejectionOf(omics.send(new GetReferenceCommand({ referenceStoreId: storeId, id: "1111111111", partNumber: 1 })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("imports without a registered object a reference without content; a file that is not FASTA fails its source", async () => {
    const storeId = await referenceStore();
    registerS3Object("s3://genomes/broken.fa", "ACGT without a header\n");
    const { id } = await omics.send(
      new StartReferenceImportJobCommand({
        referenceStoreId: storeId,
        roleArn: JOB_ROLE,
        sources: [
          { sourceFile: "s3://genomes/unregistered.fa", name: "unknown-content" },
          { sourceFile: "s3://genomes/broken.fa", name: "broken" },
        ],
      }),
    );
    const outcome = await rejectionOf(waitUntilReferenceImportJobCompleted(fast(), { referenceStoreId: storeId, id }));
    expect(outcome.message).toContain("COMPLETED_WITH_FAILURES");
    const job = await omics.send(new GetReferenceImportJobCommand({ referenceStoreId: storeId, id }));
    expect(job.sources![1]).toMatchObject({ status: "FAILED", statusMessage: expect.stringContaining("is not FASTA") });
    const referenceId = job.sources![0]!.referenceId!;
    const metadata = await omics.send(new GetReferenceMetadataCommand({ referenceStoreId: storeId, id: referenceId }));
    expect(metadata.files).toBeUndefined();
    expect(metadata.md5).toMatch(/^[0-9a-f]{32}$/);
    const read = await rejectionOf(omics.send(new GetReferenceCommand({ referenceStoreId: storeId, id: referenceId, partNumber: 1 })));
    expect(read.message).toContain("registerS3Object");
  });

  it("lists references and import jobs with their filters and the SDK paginators", async () => {
    const storeId = await referenceStore();
    registerS3Object("*", FASTA);
    const { id: jobId } = await omics.send(
      new StartReferenceImportJobCommand({ referenceStoreId: storeId, roleArn: JOB_ROLE, sources: ["one", "two", "three"].map((name) => ({ sourceFile: `s3://genomes/${name}.fa`, name })) }),
    );
    await waitUntilReferenceImportJobCompleted(fast(), { referenceStoreId: storeId, id: jobId });
    const pages = [];
    for await (const page of paginateListReferences({ client: omics, pageSize: 2 }, { referenceStoreId: storeId })) pages.push(page.references!.map((r) => r.name));
    expect(pages).toEqual([["one", "two"], ["three"]]);
    expect((await omics.send(new ListReferencesCommand({ referenceStoreId: storeId, filter: { name: "two" } }))).references).toHaveLength(1);
    const md5 = createHash("md5").update(FASTA).digest("hex");
    expect((await omics.send(new ListReferencesCommand({ referenceStoreId: storeId, filter: { md5 } }))).references).toHaveLength(3);
    expect((await omics.send(new ListReferencesCommand({ referenceStoreId: storeId, filter: { createdBefore: new Date(0) } }))).references).toEqual([]);

    const second = await omics.send(new StartReferenceImportJobCommand({ referenceStoreId: storeId, roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/four.fa", name: "four" }] }));
    const jobPages = [];
    for await (const page of paginateListReferenceImportJobs({ client: omics, pageSize: 1 }, { referenceStoreId: storeId })) jobPages.push(page.importJobs!.map((j) => j.id));
    expect(jobPages).toEqual([[jobId], [second.id]]);
    expect((await omics.send(new ListReferenceImportJobsCommand({ referenceStoreId: storeId, filter: { status: "COMPLETED" } }))).importJobs!.map((j) => j.id)).toEqual([jobId]);
    expect(await rejectionOf(omics.send(new ListReferencesCommand({ referenceStoreId: "1111111111" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("keeps a reference used by read sets, and its store until its references are deleted", async () => {
    const { storeId, referenceId, arn: referenceArn } = await importedReference();
    const sequenceStore = await activeSequenceStore();
    const readSet = await uploadReadSet(sequenceStore, { SOURCE1: [bam([{ name: "r", seq: "ACGT" }])] }, { sourceFileType: "BAM", referenceArn });
    const used = await rejectionOf(omics.send(new DeleteReferenceCommand({ referenceStoreId: storeId, id: referenceId })));
    expect(used).toBeInstanceOf(ConflictException);
    expect(used.message).toContain("used by 1 resource");
    const holding = await rejectionOf(omics.send(new DeleteReferenceStoreCommand({ id: storeId })));
    expect(holding).toBeInstanceOf(ConflictException);
    expect(holding.message).toContain("still holds 1 reference");

    aws.settle();
    await omics.send(new BatchDeleteReadSetCommand({ sequenceStoreId: sequenceStore, ids: [readSet] }));
    await omics.send(new DeleteReferenceCommand({ referenceStoreId: storeId, id: referenceId }));
    expect(await rejectionOf(omics.send(new GetReferenceMetadataCommand({ referenceStoreId: storeId, id: referenceId })))).toBeInstanceOf(ResourceNotFoundException);
    await omics.send(new DeleteReferenceStoreCommand({ id: storeId }));
  });

  it("follows test rules on import jobs, and checks the sources' shape", async () => {
    const storeId = await referenceStore();
    aws.lifecycle("Omics.ReferenceImportJob", { referenceStoreId: storeId }).endsIn("FAILED", { message: "the role has no access to the bucket" });
    const { id } = await omics.send(new StartReferenceImportJobCommand({ referenceStoreId: storeId, roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/a.fa", name: "aaa" }] }));
    const failure = await rejectionOf(waitUntilReferenceImportJobCompleted(fast(), { referenceStoreId: storeId, id }));
    expect(failure.message).toContain("FAILED");
    expect(await omics.send(new GetReferenceImportJobCommand({ referenceStoreId: storeId, id }))).toMatchObject({ statusMessage: "the role has no access to the bucket", sources: [{ status: "FAILED" }] });
    expect((await omics.send(new ListReferencesCommand({ referenceStoreId: storeId }))).references).toEqual([]);

    const shortName = await rejectionOf(omics.send(new StartReferenceImportJobCommand({ referenceStoreId: storeId, roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/a.fa", name: "ab" }] })));
    expect(shortName.message).toContain("'sources.1.member.name'");
    expect(await rejectionOf(omics.send(new StartReferenceImportJobCommand({ referenceStoreId: "1111111111", roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/a.fa", name: "aaa" }] })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
