import {
  CancelAnnotationImportJobCommand,
  CancelVariantImportJobCommand,
  ConflictException,
  CreateAnnotationStoreCommand,
  CreateAnnotationStoreVersionCommand,
  CreateShareCommand,
  CreateVariantStoreCommand,
  DeleteAnnotationStoreCommand,
  DeleteAnnotationStoreVersionsCommand,
  DeleteReferenceCommand,
  DeleteVariantStoreCommand,
  GetAnnotationImportJobCommand,
  GetAnnotationStoreCommand,
  GetAnnotationStoreVersionCommand,
  GetVariantImportJobCommand,
  GetVariantStoreCommand,
  ListAnnotationImportJobsCommand,
  ListAnnotationStoresCommand,
  ListAnnotationStoreVersionsCommand,
  ListTagsForResourceCommand,
  ListVariantImportJobsCommand,
  ListVariantStoresCommand,
  paginateListAnnotationImportJobs,
  paginateListAnnotationStores,
  paginateListAnnotationStoreVersions,
  paginateListVariantImportJobs,
  paginateListVariantStores,
  ResourceNotFoundException,
  StartAnnotationImportJobCommand,
  StartVariantImportJobCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAnnotationStoreCommand,
  UpdateAnnotationStoreVersionCommand,
  UpdateVariantStoreCommand,
  ValidationException,
  waitUntilAnnotationImportJobCreated,
  waitUntilAnnotationStoreCreated,
  waitUntilAnnotationStoreDeleted,
  waitUntilAnnotationStoreVersionCreated,
  waitUntilAnnotationStoreVersionDeleted,
  waitUntilVariantImportJobCreated,
  waitUntilVariantStoreCreated,
  waitUntilVariantStoreDeleted,
  type TsvStoreOptions,
} from "@aws-sdk/client-omics";
import { registerS3Object } from "aws-doubles/omics";
import { aws } from "aws-doubles/vitest";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { arn, fast, importedReference, omics, OTHER_ACCOUNT } from "./helpers.js";

const ROLE = "arn:aws:iam::123456789012:role/OmicsAnalyticsRole";
const VCF = "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=1000>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t10\t.\tA\tG\t50\tPASS\t.\n";
const GFF = "##gff-version 3\nchr1\tsource\tgene\t1\t100\t.\t+\t.\tID=gene1\n";
const TSV_OPTIONS: TsvStoreOptions = { annotationType: "CHR_POS", formatToHeader: { CHR: "chrom", POS: "pos" }, schema: [{ chrom: "STRING" }, { pos: "LONG" }, { score: "DOUBLE" }] };

describe("HealthOmics annotation stores", () => {
  it("creates a store with its first version, CREATING → ACTIVE (the SDK waiters), and reads, updates and lists it", async () => {
    const { arn: referenceArn } = await importedReference();
    const created = await omics.send(
      new CreateAnnotationStoreCommand({ name: "clinvar", storeFormat: "VCF", reference: { referenceArn }, description: "ClinVar", tags: { source: "ncbi" } }),
    );
    expect(created).toMatchObject({ name: "clinvar", storeFormat: "VCF", status: "CREATING", versionName: "default", reference: { referenceArn } });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const waited = await waitUntilAnnotationStoreCreated(fast(), { name: "clinvar" });
    expect(waited.state).toBe("SUCCESS");
    const store = await omics.send(new GetAnnotationStoreCommand({ name: "clinvar" }));
    expect(store).toMatchObject({ status: "ACTIVE", storeArn: arn("annotationStore/clinvar"), description: "ClinVar", numVersions: 1, storeSizeBytes: 0, statusMessage: "", tags: { source: "ncbi" }, sseConfig: { type: "KMS" } });
    await waitUntilAnnotationStoreVersionCreated(fast(), { name: "clinvar", versionName: "default" });

    const updated = await omics.send(new UpdateAnnotationStoreCommand({ name: "clinvar", description: "ClinVar 2024" }));
    expect(updated).toMatchObject({ description: "ClinVar 2024", status: "ACTIVE" });

    await omics.send(new CreateAnnotationStoreCommand({ name: "genes", storeFormat: "GFF", reference: { referenceArn } }));
    await omics.send(new CreateAnnotationStoreCommand({ name: "scores", storeFormat: "TSV", storeOptions: { tsvStoreOptions: { annotationType: "GENERIC", schema: [{ gene: "STRING" }] } } }));
    const pages = [];
    for await (const page of paginateListAnnotationStores({ client: omics, pageSize: 2 }, {})) pages.push(page.annotationStores!.map((s) => s.name));
    expect(pages).toEqual([["clinvar", "genes"], ["scores"]]);
    const byId = await omics.send(new ListAnnotationStoresCommand({ ids: [created.id!] }));
    expect(byId.annotationStores!.map((s) => s.name)).toEqual(["clinvar"]);
    aws.settle();
    expect((await omics.send(new ListAnnotationStoresCommand({ filter: { status: "ACTIVE" } }))).annotationStores).toHaveLength(3);
  });

  it("enforces the format rules: references, TSV options and their headers, unique names", async () => {
    const { arn: referenceArn } = await importedReference();
    const create = (input: Record<string, unknown>) => rejectionOf(omics.send(new CreateAnnotationStoreCommand({ name: "store_a", storeFormat: "GFF", ...input })));
    expect((await create({})).message).toContain("needs reference.referenceArn");
    expect((await create({ storeFormat: "TSV", storeOptions: { tsvStoreOptions: { annotationType: "CHR_POS", formatToHeader: { CHR: "chrom" } } } })).message).toContain("POS column");
    expect((await create({ storeFormat: "TSV", reference: { referenceArn } })).message).toContain("annotationType");
    expect((await create({ reference: { referenceArn }, storeOptions: { tsvStoreOptions: TSV_OPTIONS } })).message).toContain("TSV stores only");
    const twice = await create({ storeFormat: "TSV", storeOptions: { tsvStoreOptions: { annotationType: "GENERIC", schema: [{ a: "STRING" }, { a: "LONG" }] } } });
    expect(twice.message).toContain("names the column a twice");
    expect((await create({ reference: { referenceArn }, name: "Upper" })).message).toContain("'name'");
    const noName = await rejectionOf(omics.send(new CreateAnnotationStoreCommand({ storeFormat: "GFF", reference: { referenceArn } })));
    expect(noName.message).toContain("name is required");
    const unknownReference = await create({ reference: { referenceArn: "arn:aws:omics:us-east-1:123456789012:referenceStore/1111111111/reference/2222222222" } });
    expect(unknownReference).toBeInstanceOf(ResourceNotFoundException);
    expect((await omics.send(new ListAnnotationStoresCommand({}))).annotationStores).toEqual([]);

    await omics.send(new CreateAnnotationStoreCommand({ name: "store_a", storeFormat: "TSV", reference: { referenceArn }, storeOptions: { tsvStoreOptions: TSV_OPTIONS } }));
    expect(await create({ reference: { referenceArn } })).toBeInstanceOf(ConflictException);
  });

  it("adds, reads, updates, lists and deletes versions (the SDK waiters), keeping the first version", async () => {
    const { arn: referenceArn } = await importedReference();
    await omics.send(new CreateAnnotationStoreCommand({ name: "scores", storeFormat: "TSV", reference: { referenceArn }, versionName: "ver_one", storeOptions: { tsvStoreOptions: TSV_OPTIONS } }));
    const early = await rejectionOf(omics.send(new CreateAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_two" })));
    expect(early).toBeInstanceOf(ConflictException);
    await waitUntilAnnotationStoreCreated(fast(), { name: "scores" });

    const v2 = await omics.send(new CreateAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_two", description: "second", tags: { v: "2" } }));
    expect(v2).toMatchObject({ name: "scores", versionName: "ver_two", status: "CREATING", versionOptions: { tsvVersionOptions: TSV_OPTIONS } });
    await waitUntilAnnotationStoreVersionCreated(fast(), { name: "scores", versionName: "ver_two" });
    const read = await omics.send(new GetAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_two" }));
    expect(read).toMatchObject({ status: "ACTIVE", versionArn: arn("annotationStore/scores/version/ver_two"), description: "second", tags: { v: "2" }, versionSizeBytes: 0, statusMessage: "" });
    expect((await omics.send(new UpdateAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_two", description: "renamed" }))).description).toBe("renamed");
    const badOptions = await rejectionOf(omics.send(new CreateAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_three", versionOptions: { tsvVersionOptions: { annotationType: "CHR_START_END_ONE_BASE" } } })));
    expect(badOptions.message).toContain("CHR, START, END");
    expect(await rejectionOf(omics.send(new CreateAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_two" })))).toBeInstanceOf(ConflictException);
    await omics.send(new CreateAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_three" }));

    const pages = [];
    for await (const page of paginateListAnnotationStoreVersions({ client: omics, pageSize: 2 }, { name: "scores" })) pages.push(page.annotationStoreVersions!.map((v) => v.versionName));
    expect(pages).toEqual([["ver_one", "ver_two"], ["ver_three"]]);
    expect((await omics.send(new ListAnnotationStoreVersionsCommand({ name: "scores", filter: { status: "CREATING" } }))).annotationStoreVersions).toEqual([]);

    const deleted = await omics.send(new DeleteAnnotationStoreVersionsCommand({ name: "scores", versions: ["ver_two", "ver_one", "nope"] }));
    expect(deleted.errors!.map((e) => e.versionName)).toEqual(["ver_one", "nope"]);
    expect((await omics.send(new GetAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_two" }))).status).toBe("DELETING");
    const gone = await waitUntilAnnotationStoreVersionDeleted(fast(), { name: "scores", versionName: "ver_two" });
    expect(gone.state).toBe("SUCCESS");
    expect(await rejectionOf(omics.send(new GetAnnotationStoreVersionCommand({ name: "scores", versionName: "ver_two" })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await omics.send(new GetAnnotationStoreCommand({ name: "scores" }))).numVersions).toBe(2);
  });

  it("imports annotation files into a version: content checked, sizes grown, cancellable (the SDK waiter)", async () => {
    const { arn: referenceArn } = await importedReference();
    await omics.send(new CreateAnnotationStoreCommand({ name: "clinvar", storeFormat: "VCF", reference: { referenceArn } }));
    const notYet = await rejectionOf(omics.send(new StartAnnotationImportJobCommand({ destinationName: "clinvar", roleArn: ROLE, items: [{ source: "s3://vcf/a.vcf" }] })));
    expect(notYet.message).toContain("CREATING");
    await waitUntilAnnotationStoreCreated(fast(), { name: "clinvar" });
    registerS3Object("s3://vcf/clinvar.vcf", VCF);
    registerS3Object("s3://vcf/genes.gff", GFF);
    const { jobId } = await omics.send(
      new StartAnnotationImportJobCommand({ destinationName: "clinvar", roleArn: ROLE, items: [{ source: "s3://vcf/clinvar.vcf" }, { source: "s3://vcf/genes.gff" }], formatOptions: { vcfOptions: { ignoreQualField: true } }, annotationFields: { CLNSIG: "STRING" } }),
    );
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const first = await omics.send(new GetAnnotationImportJobCommand({ jobId }));
    expect(first).toMatchObject({ status: "SUBMITTED", destinationName: "clinvar", versionName: "default", runLeftNormalization: false, formatOptions: { vcfOptions: { ignoreQualField: true } } });
    // COMPLETED_WITH_FAILURES matches none of this waiter's acceptors: it would retry until maxWaitTime, as on AWS.
    const timedOut = await rejectionOf(waitUntilAnnotationImportJobCreated(fast(omics, 1), { jobId }));
    expect(timedOut.name).toBe("TimeoutError");
    const job = await omics.send(new GetAnnotationImportJobCommand({ jobId }));
    expect(job.status).toBe("COMPLETED_WITH_FAILURES");
    expect(job.items).toEqual([
      { source: "s3://vcf/clinvar.vcf", jobStatus: "COMPLETED" },
      { source: "s3://vcf/genes.gff", jobStatus: "FAILED" },
    ]);
    expect(job.statusMessage).toContain("is not VCF");
    expect((await omics.send(new GetAnnotationStoreCommand({ name: "clinvar" }))).storeSizeBytes).toBe(VCF.length);
    expect((await omics.send(new GetAnnotationStoreVersionCommand({ name: "clinvar", versionName: "default" }))).versionSizeBytes).toBe(VCF.length);

    const ok = await omics.send(new StartAnnotationImportJobCommand({ destinationName: "clinvar", roleArn: ROLE, items: [{ source: "s3://vcf/clinvar.vcf" }] }));
    expect((await waitUntilAnnotationImportJobCreated(fast(), { jobId: ok.jobId })).state).toBe("SUCCESS");

    aws.configure({ transitions: "manual" });
    const running = await omics.send(new StartAnnotationImportJobCommand({ destinationName: "clinvar", roleArn: ROLE, items: [{ source: "s3://vcf/clinvar.vcf" }] }));
    await omics.send(new CancelAnnotationImportJobCommand({ jobId: running.jobId }));
    // A cancelled job is a success for the waiter, as its acceptors say.
    expect((await waitUntilAnnotationImportJobCreated(fast(), { jobId: running.jobId })).state).toBe("SUCCESS");
    expect((await omics.send(new GetAnnotationImportJobCommand({ jobId: running.jobId }))).items![0]!.jobStatus).toBe("CANCELLED");
    expect(await rejectionOf(omics.send(new CancelAnnotationImportJobCommand({ jobId: running.jobId })))).toBeInstanceOf(ValidationException);
    aws.configure({ transitions: "poll" });

    const pages = [];
    for await (const page of paginateListAnnotationImportJobs({ client: omics, pageSize: 2 }, {})) pages.push(page.annotationImportJobs!.map((j) => j.id));
    expect(pages).toEqual([[jobId, ok.jobId], [running.jobId]]);
    expect((await omics.send(new ListAnnotationImportJobsCommand({ filter: { status: "CANCELLED", storeName: "clinvar" } }))).annotationImportJobs!.map((j) => j.id)).toEqual([running.jobId]);
    expect((await omics.send(new ListAnnotationImportJobsCommand({ ids: [ok.jobId!] }))).annotationImportJobs).toHaveLength(1);
    const tsvOptions = await rejectionOf(omics.send(new StartAnnotationImportJobCommand({ destinationName: "clinvar", roleArn: ROLE, items: [{ source: "s3://vcf/a.vcf" }], formatOptions: { tsvOptions: {} } })));
    expect(tsvOptions.message).toContain("apply to TSV stores");
  });

  it("checks TSV rows against the version's schema", async () => {
    await omics.send(new CreateAnnotationStoreCommand({ name: "scores", storeFormat: "TSV", storeOptions: { tsvStoreOptions: { annotationType: "GENERIC", schema: [{ gene: "STRING" }, { score: "DOUBLE" }] } } }));
    await waitUntilAnnotationStoreCreated(fast(), { name: "scores" });
    registerS3Object("s3://tsv/good.tsv", "BRCA1\t0.9\nTP53\t0.7\n");
    registerS3Object("s3://tsv/bad.tsv", "BRCA1\t0.9\textra\n");
    const { jobId } = await omics.send(new StartAnnotationImportJobCommand({ destinationName: "scores", roleArn: ROLE, items: [{ source: "s3://tsv/good.tsv" }, { source: "s3://tsv/bad.tsv" }] }));
    aws.settle();
    const job = await omics.send(new GetAnnotationImportJobCommand({ jobId }));
    expect(job.items!.map((i) => i.jobStatus)).toEqual(["COMPLETED", "FAILED"]);
    expect(job.statusMessage).toContain("has 3 columns where the store's schema has 2");
  });

  it("deletes a store: refused while it holds data unless forced; DELETING, then gone (the SDK waiter)", async () => {
    const { storeId, referenceId, arn: referenceArn } = await importedReference();
    await omics.send(new CreateAnnotationStoreCommand({ name: "clinvar", storeFormat: "VCF", reference: { referenceArn } }));
    const creating = await rejectionOf(omics.send(new DeleteAnnotationStoreCommand({ name: "clinvar" })));
    expect(creating).toBeInstanceOf(ConflictException);
    await waitUntilAnnotationStoreCreated(fast(), { name: "clinvar" });
    // The store uses the reference: it cannot be deleted first.
    expect(await rejectionOf(omics.send(new DeleteReferenceCommand({ referenceStoreId: storeId, id: referenceId })))).toBeInstanceOf(ConflictException);

    registerS3Object("s3://vcf/clinvar.vcf", VCF);
    const { jobId } = await omics.send(new StartAnnotationImportJobCommand({ destinationName: "clinvar", roleArn: ROLE, items: [{ source: "s3://vcf/clinvar.vcf" }] }));
    await waitUntilAnnotationImportJobCreated(fast(), { jobId });
    const holding = await rejectionOf(omics.send(new DeleteAnnotationStoreCommand({ name: "clinvar" })));
    expect(holding).toBeInstanceOf(ConflictException);
    expect(holding.message).toContain("force");

    const deleting = await omics.send(new DeleteAnnotationStoreCommand({ name: "clinvar", force: true }));
    expect(deleting.status).toBe("DELETING");
    expect((await omics.send(new DeleteAnnotationStoreCommand({ name: "clinvar" }))).status).toBe("DELETING");
    expect((await waitUntilAnnotationStoreDeleted(fast(), { name: "clinvar" })).state).toBe("SUCCESS");
    expect(await rejectionOf(omics.send(new GetAnnotationStoreCommand({ name: "clinvar" })))).toBeInstanceOf(ResourceNotFoundException);
    // Name free again; the reference is no longer used.
    await omics.send(new DeleteReferenceCommand({ referenceStoreId: storeId, id: referenceId }));
  });
});

describe("HealthOmics variant stores", () => {
  it("creates a store (the SDK waiter), reads, updates, lists, imports VCF and deletes it", async () => {
    const { arn: referenceArn } = await importedReference();
    const noReference = await rejectionOf(omics.send(new CreateVariantStoreCommand({ name: "cohort", reference: undefined as never })));
    expect(noReference).toBeInstanceOf(ValidationException);
    const created = await omics.send(new CreateVariantStoreCommand({ name: "cohort", reference: { referenceArn }, description: "Cohort variants", tags: { cohort: "a" } }));
    expect(created).toMatchObject({ name: "cohort", status: "CREATING", reference: { referenceArn } });
    expect((await waitUntilVariantStoreCreated(fast(), { name: "cohort" })).state).toBe("SUCCESS");
    expect(await omics.send(new GetVariantStoreCommand({ name: "cohort" }))).toMatchObject({ status: "ACTIVE", storeArn: arn("variantStore/cohort"), description: "Cohort variants", tags: { cohort: "a" }, storeSizeBytes: 0 });
    expect((await omics.send(new UpdateVariantStoreCommand({ name: "cohort", description: "updated" }))).description).toBe("updated");
    expect(await rejectionOf(omics.send(new CreateVariantStoreCommand({ name: "cohort", reference: { referenceArn } })))).toBeInstanceOf(ConflictException);

    registerS3Object("s3://vcf/cohort.vcf.gz", gzipSync(VCF));
    const { jobId } = await omics.send(new StartVariantImportJobCommand({ destinationName: "cohort", roleArn: ROLE, items: [{ source: "s3://vcf/cohort.vcf.gz" }], runLeftNormalization: true }));
    expect((await waitUntilVariantImportJobCreated(fast(), { jobId })).state).toBe("SUCCESS");
    const job = await omics.send(new GetVariantImportJobCommand({ jobId }));
    expect(job).toMatchObject({ status: "COMPLETED", destinationName: "cohort", runLeftNormalization: true, items: [{ source: "s3://vcf/cohort.vcf.gz", jobStatus: "COMPLETED" }], statusMessage: "" });
    expect(job.completionTime).toBeInstanceOf(Date);
    expect((await omics.send(new GetVariantStoreCommand({ name: "cohort" }))).storeSizeBytes).toBeGreaterThan(0);

    aws.configure({ transitions: "manual" });
    const pending = await omics.send(new StartVariantImportJobCommand({ destinationName: "cohort", roleArn: ROLE, items: [{ source: "s3://vcf/other.vcf" }] }));
    await omics.send(new CancelVariantImportJobCommand({ jobId: pending.jobId }));
    expect((await omics.send(new GetVariantImportJobCommand({ jobId: pending.jobId }))).status).toBe("CANCELLED");
    aws.configure({ transitions: "poll" });
    const pages = [];
    for await (const page of paginateListVariantImportJobs({ client: omics, pageSize: 1 }, {})) pages.push(page.variantImportJobs!.map((j) => j.id));
    expect(pages).toEqual([[jobId], [pending.jobId]]);
    expect((await omics.send(new ListVariantImportJobsCommand({ filter: { status: "COMPLETED" } }))).variantImportJobs!.map((j) => j.id)).toEqual([jobId]);

    expect(await rejectionOf(omics.send(new DeleteVariantStoreCommand({ name: "cohort" })))).toBeInstanceOf(ConflictException);
    expect((await omics.send(new DeleteVariantStoreCommand({ name: "cohort", force: true }))).status).toBe("DELETING");
    expect((await waitUntilVariantStoreDeleted(fast(), { name: "cohort" })).state).toBe("SUCCESS");
    expect(await rejectionOf(omics.send(new GetVariantStoreCommand({ name: "cohort" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists variant stores by id and status with the SDK paginator, and fails stores under a test rule", async () => {
    const { arn: referenceArn } = await importedReference();
    const ids = [];
    for (const name of ["one", "two", "three"]) ids.push((await omics.send(new CreateVariantStoreCommand({ name: `store_${name}`, reference: { referenceArn } }))).id);
    const pages = [];
    for await (const page of paginateListVariantStores({ client: omics, pageSize: 2 }, {})) pages.push(page.variantStores!.map((s) => s.id));
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2)]);
    expect((await omics.send(new ListVariantStoresCommand({ ids: [ids[1]!] }))).variantStores!.map((s) => s.name)).toEqual(["store_two"]);
    expect((await omics.send(new ListVariantStoresCommand({ filter: { status: "ACTIVE" } }))).variantStores).toHaveLength(3);

    aws.lifecycle("Omics.VariantStore", { name: "broken" }).endsIn("FAILED", { message: "KMS key disabled" });
    await omics.send(new CreateVariantStoreCommand({ name: "broken", reference: { referenceArn } }));
    const failure = await rejectionOf(waitUntilVariantStoreCreated(fast(), { name: "broken" }));
    expect(failure.message).toContain("FAILED");
    expect((await omics.send(new GetVariantStoreCommand({ name: "broken" }))).statusMessage).toBe("KMS key disabled");
  });

  it("tags stores and versions, and shares them with another account", async () => {
    const { arn: referenceArn } = await importedReference();
    await omics.send(new CreateVariantStoreCommand({ name: "shared_store", reference: { referenceArn } }));
    await omics.send(new CreateAnnotationStoreCommand({ name: "notes", storeFormat: "GFF", reference: { referenceArn } }));
    const share = await omics.send(new CreateShareCommand({ resourceArn: arn("variantStore/shared_store"), principalSubscriber: OTHER_ACCOUNT, shareName: "cohort" }));
    expect(share.status).toBe("PENDING");
    expect((await omics.send(new CreateShareCommand({ resourceArn: arn("annotationStore/notes"), principalSubscriber: OTHER_ACCOUNT }))).status).toBe("PENDING");
    expect(await rejectionOf(omics.send(new CreateShareCommand({ resourceArn: arn("variantStore/missing"), principalSubscriber: OTHER_ACCOUNT })))).toBeInstanceOf(ResourceNotFoundException);

    await omics.send(new TagResourceCommand({ resourceArn: arn("annotationStore/notes/version/default"), tags: { stage: "raw" } }));
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: arn("annotationStore/notes/version/default") }))).tags).toEqual({ stage: "raw" });
    await omics.send(new UntagResourceCommand({ resourceArn: arn("annotationStore/notes/version/default"), tagKeys: ["stage"] }));
    expect((await omics.send(new ListTagsForResourceCommand({ resourceArn: arn("annotationStore/notes/version/default") }))).tags).toEqual({});
  });
});
