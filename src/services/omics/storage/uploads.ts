import type {
  AbortMultipartReadSetUploadRequest,
  AbortMultipartReadSetUploadResponse,
  CompleteMultipartReadSetUploadRequest,
  CompleteMultipartReadSetUploadResponse,
  CreateMultipartReadSetUploadRequest,
  CreateMultipartReadSetUploadResponse,
  FileType,
  ListMultipartReadSetUploadsRequest,
  ListMultipartReadSetUploadsResponse,
  ListReadSetUploadPartsRequest,
  ListReadSetUploadPartsResponse,
  ReadSetPartSource,
  UploadReadSetPartRequest,
  UploadReadSetPartResponse,
} from "@aws-sdk/client-omics";
import { createHash } from "node:crypto";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { list, oneOf, requiredAnd, struct } from "../../../engine/validation/rules.js";
import { envOf, op, type OmicsBackend } from "../backend.js";
import { printable, TAGS } from "../shapes.js";
import { checkNewTags } from "../tags.js";
import { inWindow, windowKey } from "./common.js";
import { addReadSet, newReadSet, readContent, uploadProcess } from "./read-sets.js";
import { checkReferenceArn } from "./references.js";
import { findSequenceStore, notReady, type SequenceStoreRecord } from "./sequence-stores.js";
import { CLIENT_TOKEN, DESCRIPTION_255, MAX_PART_BYTES, NAME_127, NEXT_TOKEN, PAGE_SIZE, PART_NUMBER, STORAGE_ARN, STORAGE_ID } from "./shapes.js";

/**
 * Direct uploads: CreateMultipartReadSetUpload opens an upload; UploadReadSetPart sends the
 * parts of SOURCE1 (and, for a FASTQ pair, SOURCE2) by part number, each at most 100 MiB,
 * returning the part's checksum (the SHA-256 of its bytes, hex); uploading a part number
 * again replaces that part. CompleteMultipartReadSetUpload names the parts (with their
 * checksums) that make up the files, in part-number order, and creates the read set; parts it
 * does not name are discarded. The bytes are kept: the fake holds at most the `uploadBytes`
 * quota per upload (the fake's own limit, see quotas.ts).
 */
export interface PartRecord {
  partNumber: number;
  partSource: ReadSetPartSource;
  bytes: Uint8Array;
  checksum: string;
  creationTime: Date;
  lastUpdatedTime: Date;
}

export interface UploadRecord {
  seq: number;
  uploadId: string;
  sequenceStoreId: string;
  sourceFileType: FileType;
  subjectId: string;
  sampleId: string;
  generatedFrom?: string | undefined;
  referenceArn?: string | undefined;
  name: string;
  description?: string | undefined;
  tags?: Record<string, string> | undefined;
  creationTime: Date;
  parts: Record<ReadSetPartSource, OrderedTable<PartRecord>>;
  /** Bytes held by all parts of both sources. */
  bytes: number;
}

const partTable = () => new OrderedTable<PartRecord>((part) => part.partNumber);

function findUpload(ctx: RequestContext<OmicsBackend>, store: SequenceStoreRecord, uploadId: string): UploadRecord {
  const upload = store.uploads.get(uploadId);
  if (!upload) throw ctx.error("ResourceNotFoundException", `Multipart upload ${uploadId} not found in sequence store ${store.id} (it may have been completed or aborted).`);
  return upload;
}

/** SOURCE2 holds the second file of a FASTQ pair: "Formats like BAM and CRAM contain only a SOURCE1 file." */
export function sourceProblem(fileType: FileType | string, hasSource2: boolean): string | undefined {
  return hasSource2 && fileType !== "FASTQ" ? `Only FASTQ read sets have a SOURCE2 file (paired reads); a ${fileType} read set has SOURCE1 only.` : undefined;
}

/** CRAM needs its reference to be read: HealthOmics asks for one. */
export function referenceProblem(fileType: FileType | string, referenceArn: string | undefined): string | undefined {
  return fileType === "CRAM" && referenceArn === undefined ? "A CRAM read set needs referenceArn: CRAM records can only be decoded against their reference." : undefined;
}

export const createMultipartReadSetUpload = op<CreateMultipartReadSetUploadRequest, CreateMultipartReadSetUploadResponse>({
  input: {
    sequenceStoreId: STORAGE_ID,
    clientToken: CLIENT_TOKEN,
    sourceFileType: oneOf("FileType"),
    subjectId: NAME_127,
    sampleId: NAME_127,
    generatedFrom: NAME_127,
    referenceArn: STORAGE_ARN,
    name: NAME_127,
    description: DESCRIPTION_255,
    tags: TAGS,
  },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException", "NotSupportedOperationException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const problem = notReady(store) ?? referenceProblem(input.sourceFileType!, input.referenceArn);
    if (problem) throw ctx.invalid(problem);
    checkReferenceArn(ctx, input.referenceArn);
    checkNewTags(ctx, input.tags);
    const upload: UploadRecord = {
      seq: ctx.backend.nextSeq(),
      uploadId: ctx.backend.storage.newId(),
      sequenceStoreId: store.id,
      sourceFileType: input.sourceFileType!,
      subjectId: input.subjectId!,
      sampleId: input.sampleId!,
      generatedFrom: input.generatedFrom,
      referenceArn: input.referenceArn,
      name: input.name!,
      description: input.description,
      tags: input.tags,
      creationTime: ctx.now(),
      parts: { SOURCE1: partTable(), SOURCE2: partTable() },
      bytes: 0,
    };
    store.uploads.set(upload.uploadId, upload);
    return uploadView(upload);
  },
});

function uploadView(upload: UploadRecord) {
  return {
    sequenceStoreId: upload.sequenceStoreId,
    uploadId: upload.uploadId,
    sourceFileType: upload.sourceFileType,
    subjectId: upload.subjectId,
    sampleId: upload.sampleId,
    generatedFrom: upload.generatedFrom,
    referenceArn: upload.referenceArn,
    name: upload.name,
    description: upload.description,
    tags: upload.tags,
    creationTime: upload.creationTime,
  };
}

export const uploadReadSetPart = op<UploadReadSetPartRequest, UploadReadSetPartResponse>({
  input: { sequenceStoreId: STORAGE_ID, uploadId: STORAGE_ID, partSource: oneOf("ReadSetPartSource"), partNumber: PART_NUMBER },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException", "NotSupportedOperationException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const upload = findUpload(ctx, store, input.uploadId!);
    const source = input.partSource!;
    const sourceIssue = sourceProblem(upload.sourceFileType, source === "SOURCE2");
    if (sourceIssue) throw ctx.invalid(sourceIssue);
    const bytes = input.payload as unknown as Uint8Array;
    if (bytes.length === 0) throw ctx.invalid("The part is empty: a part holds 1 byte at least.");
    if (bytes.length > MAX_PART_BYTES) {
      throw ctx.invalid(`The part holds ${bytes.length} bytes; a part cannot be larger than 100 MiB (${MAX_PART_BYTES} bytes). Split the file into smaller parts.`);
    }
    const table = upload.parts[source];
    const previous = table.get(String(input.partNumber));
    const total = upload.bytes - (previous?.bytes.length ?? 0) + bytes.length;
    const limit = ctx.backend.quotas.uploadBytes;
    if (total > limit) {
      throw ctx.error(
        "ServiceQuotaExceededException",
        `Upload ${upload.uploadId} would hold ${total} bytes; aws-doubles keeps uploads in memory and accepts at most ${limit} bytes per upload (quota "uploadBytes", adjustable with setServiceQuota from aws-doubles/omics).`,
      );
    }
    const now = ctx.now();
    const checksum = createHash("sha256").update(bytes).digest("hex");
    table.set(String(input.partNumber), {
      partNumber: input.partNumber!,
      partSource: source,
      bytes,
      checksum,
      creationTime: previous?.creationTime ?? now,
      lastUpdatedTime: now,
    });
    upload.bytes = total;
    return { checksum };
  },
});

export const listReadSetUploadParts = op<ListReadSetUploadPartsRequest, ListReadSetUploadPartsResponse>({
  input: { sequenceStoreId: STORAGE_ID, uploadId: STORAGE_ID, partSource: oneOf("ReadSetPartSource"), maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException", "NotSupportedOperationException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const upload = findUpload(ctx, store, input.uploadId!);
    const filter = input.filter ?? {};
    const page = ctx.paginate(upload.parts[input.partSource!], {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (part) => inWindow(part.creationTime, filter.createdAfter, filter.createdBefore),
      query: { upload: upload.uploadId, source: input.partSource, created: windowKey(filter.createdAfter, filter.createdBefore) },
    });
    return {
      parts: page.items.map((part) => ({
        partNumber: part.partNumber,
        partSize: part.bytes.length,
        partSource: part.partSource,
        checksum: part.checksum,
        creationTime: part.creationTime,
        lastUpdatedTime: part.lastUpdatedTime,
      })),
      nextToken: page.nextToken,
    };
  },
});

export const listMultipartReadSetUploads = op<ListMultipartReadSetUploadsRequest, ListMultipartReadSetUploadsResponse>({
  input: { sequenceStoreId: STORAGE_ID, maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException", "NotSupportedOperationException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const page = ctx.paginate(store.uploads, { token: input.nextToken, maxResults: input.maxResults, defaultSize: 100, query: { store: store.id } });
    return { uploads: page.items.map(uploadView), nextToken: page.nextToken };
  },
});

export const abortMultipartReadSetUpload = op<AbortMultipartReadSetUploadRequest, AbortMultipartReadSetUploadResponse>({
  input: { sequenceStoreId: STORAGE_ID, uploadId: STORAGE_ID },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException", "NotSupportedOperationException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const upload = findUpload(ctx, store, input.uploadId!);
    store.uploads.delete(upload.uploadId);
    return {};
  },
});

const COMPLETE_PARTS = list(
  struct({ partNumber: requiredAnd(PART_NUMBER), partSource: requiredAnd(oneOf("ReadSetPartSource")), checksum: requiredAnd(printable(1, 100)) }),
);

/** The bytes of one source: the named parts, concatenated in part-number order. */
function assemble(parts: PartRecord[]): Uint8Array | undefined {
  if (parts.length === 0) return undefined;
  parts.sort((a, b) => a.partNumber - b.partNumber);
  return parts.length === 1 ? parts[0]!.bytes : Buffer.concat(parts.map((part) => part.bytes));
}

export const completeMultipartReadSetUpload = op<CompleteMultipartReadSetUploadRequest, CompleteMultipartReadSetUploadResponse>({
  input: { sequenceStoreId: STORAGE_ID, uploadId: STORAGE_ID, parts: COMPLETE_PARTS },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException", "NotSupportedOperationException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const upload = findUpload(ctx, store, input.uploadId!);
    const named: Record<ReadSetPartSource, PartRecord[]> = { SOURCE1: [], SOURCE2: [] };
    const seen = new Set<string>();
    for (const item of input.parts!) {
      const key = `${item.partSource} ${item.partNumber}`;
      if (seen.has(key)) throw ctx.invalid(`Part ${item.partNumber} of ${item.partSource} is named twice in parts.`);
      seen.add(key);
      const part = upload.parts[item.partSource!].get(String(item.partNumber));
      if (!part) throw ctx.invalid(`Part ${item.partNumber} of ${item.partSource} was not uploaded to upload ${upload.uploadId}.`);
      if (part.checksum !== item.checksum) {
        throw ctx.invalid(`The checksum given for part ${item.partNumber} of ${item.partSource} does not match the part uploaded (${part.checksum}).`);
      }
      named[item.partSource!].push(part);
    }
    const source1 = assemble(named.SOURCE1);
    if (!source1) throw ctx.invalid("parts names no SOURCE1 part: a read set needs its SOURCE1 file.");
    const source2 = assemble(named.SOURCE2);

    const env = envOf(ctx);
    const readSet = newReadSet(env, store, {
      name: upload.name,
      description: upload.description,
      subjectId: upload.subjectId,
      sampleId: upload.sampleId,
      generatedFrom: upload.generatedFrom,
      referenceArn: upload.referenceArn,
      fileType: upload.sourceFileType,
      creationType: "UPLOAD",
      creationJobId: upload.uploadId,
      state: "PROCESSING_UPLOAD",
    });
    // HealthOmics validates the files while PROCESSING_UPLOAD: content that is not a file of
    // its type makes the read set UPLOAD_FAILED (the statusMessage says why).
    const content = readContent(upload.sourceFileType, store.eTagAlgorithmFamily, upload.generatedFrom, source1, source2);
    if (content.ok) {
      readSet.files = content.files;
      readSet.sequenceInformation = content.sequenceInformation;
      readSet.etag = content.etag;
    }
    readSet.upload = uploadProcess(env, store, readSet, content.ok ? undefined : content.problem);
    addReadSet(env, store, readSet, upload.tags);
    store.uploads.delete(upload.uploadId);
    return { readSetId: readSet.id };
  },
});

