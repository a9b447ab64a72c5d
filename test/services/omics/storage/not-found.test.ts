import * as sdk from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { activeSequenceStore, omics, referenceStore } from "./helpers.js";

/**
 * Every storage operation that names a store, a resource or a job answers a name that does
 * not exist with ResourceNotFoundException (404), as its API reference lists, and a message
 * naming what was not found.
 */
const ABSENT = "9999999999";
const ABSENT_UUID = "00000000-0000-4000-8000-000000000000";

function cases(store: string, refStore: string): Array<[string, Record<string, unknown>, string]> {
  return [
    ["GetSequenceStore", { id: ABSENT }, "Sequence store"],
    ["UpdateSequenceStore", { id: ABSENT, name: "x" }, "Sequence store"],
    ["DeleteSequenceStore", { id: ABSENT }, "Sequence store"],
    ["CreateMultipartReadSetUpload", { sequenceStoreId: ABSENT, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "n" }, "Sequence store"],
    ["UploadReadSetPart", { sequenceStoreId: store, uploadId: ABSENT, partSource: "SOURCE1", partNumber: 1, payload: "x" }, "Multipart upload"],
    ["ListReadSetUploadParts", { sequenceStoreId: store, uploadId: ABSENT, partSource: "SOURCE1" }, "Multipart upload"],
    ["ListMultipartReadSetUploads", { sequenceStoreId: ABSENT }, "Sequence store"],
    ["CompleteMultipartReadSetUpload", { sequenceStoreId: store, uploadId: ABSENT, parts: [{ partSource: "SOURCE1", partNumber: 1, checksum: "c" }] }, "Multipart upload"],
    ["AbortMultipartReadSetUpload", { sequenceStoreId: store, uploadId: ABSENT }, "Multipart upload"],
    ["GetReadSet", { sequenceStoreId: store, id: ABSENT, partNumber: 1 }, "Read set"],
    ["GetReadSetMetadata", { sequenceStoreId: store, id: ABSENT }, "Read set"],
    ["ListReadSets", { sequenceStoreId: ABSENT }, "Sequence store"],
    ["BatchDeleteReadSet", { sequenceStoreId: ABSENT, ids: [ABSENT] }, "Sequence store"],
    ["GetReadSetImportJob", { sequenceStoreId: store, id: ABSENT }, "import job"],
    ["ListReadSetImportJobs", { sequenceStoreId: ABSENT }, "Sequence store"],
    ["StartReadSetActivationJob", { sequenceStoreId: store, sources: [{ readSetId: ABSENT }] }, "Read set"],
    ["GetReadSetActivationJob", { sequenceStoreId: store, id: ABSENT }, "activation job"],
    ["ListReadSetActivationJobs", { sequenceStoreId: ABSENT }, "Sequence store"],
    ["StartReadSetExportJob", { sequenceStoreId: store, destination: "s3://exports/", roleArn: "arn:aws:iam::123456789012:role/r", sources: [{ readSetId: ABSENT }] }, "Read set"],
    ["GetReadSetExportJob", { sequenceStoreId: store, id: ABSENT }, "export job"],
    ["ListReadSetExportJobs", { sequenceStoreId: ABSENT }, "Sequence store"],
    ["GetReferenceStore", { id: ABSENT }, "Reference store"],
    ["DeleteReferenceStore", { id: ABSENT }, "Reference store"],
    ["GetReference", { referenceStoreId: refStore, id: ABSENT, partNumber: 1 }, "Reference"],
    ["GetReferenceMetadata", { referenceStoreId: refStore, id: ABSENT }, "Reference"],
    ["DeleteReference", { referenceStoreId: refStore, id: ABSENT }, "Reference"],
    ["ListReferences", { referenceStoreId: ABSENT }, "Reference store"],
    ["GetReferenceImportJob", { referenceStoreId: refStore, id: ABSENT }, "Reference import job"],
    ["ListReferenceImportJobs", { referenceStoreId: ABSENT }, "Reference store"],
    ["StartReferenceImportJob", { referenceStoreId: ABSENT, roleArn: "arn:aws:iam::123456789012:role/r", sources: [{ sourceFile: "s3://bucket1/x.fa", name: "ref" }] }, "Reference store"],
    ["GetAnnotationStore", { name: "absent_store" }, "Annotation store"],
    ["UpdateAnnotationStore", { name: "absent_store", description: "d" }, "Annotation store"],
    ["DeleteAnnotationStore", { name: "absent_store" }, "Annotation store"],
    ["CreateAnnotationStoreVersion", { name: "absent_store", versionName: "ver" }, "Annotation store"],
    ["GetAnnotationStoreVersion", { name: "absent_store", versionName: "ver" }, "Annotation store"],
    ["UpdateAnnotationStoreVersion", { name: "absent_store", versionName: "ver", description: "d" }, "Annotation store"],
    ["ListAnnotationStoreVersions", { name: "absent_store" }, "Annotation store"],
    ["DeleteAnnotationStoreVersions", { name: "absent_store", versions: ["ver"] }, "Annotation store"],
    ["StartAnnotationImportJob", { destinationName: "absent_store", roleArn: "arn:aws:iam::123456789012:role/r", items: [{ source: "s3://bucket1/a.vcf" }] }, "Annotation store"],
    ["GetAnnotationImportJob", { jobId: ABSENT_UUID }, "Annotation import job"],
    ["CancelAnnotationImportJob", { jobId: ABSENT_UUID }, "Annotation import job"],
    ["GetVariantStore", { name: "absent_store" }, "Variant store"],
    ["UpdateVariantStore", { name: "absent_store", description: "d" }, "Variant store"],
    ["DeleteVariantStore", { name: "absent_store" }, "Variant store"],
    ["StartVariantImportJob", { destinationName: "absent_store", roleArn: "arn:aws:iam::123456789012:role/r", items: [{ source: "s3://bucket1/a.vcf" }] }, "Variant store"],
    ["GetVariantImportJob", { jobId: ABSENT_UUID }, "Variant import job"],
    ["CancelVariantImportJob", { jobId: ABSENT_UUID }, "Variant import job"],
  ];
}

describe("HealthOmics storage: what does not exist", () => {
  it("is ResourceNotFoundException (404) for every operation that names it", async () => {
    const store = await activeSequenceStore();
    const refStore = await referenceStore();
    const client = sdk as unknown as Record<string, new (input: unknown) => sdk.GetRunCommand>;
    const wrong: string[] = [];
    for (const [operation, input, what] of cases(store, refStore)) {
      const error = await rejectionOf(omics.send(new client[`${operation}Command`]!(input)));
      if (!(error instanceof sdk.ResourceNotFoundException) || error.$metadata.httpStatusCode !== 404 || !error.message.includes(what)) {
        wrong.push(`${operation}: ${error.name} ${error.message}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
