import type {
  BatchDeleteReadSetRequest,
  BatchDeleteReadSetResponse,
  CreationType,
  ETag,
  ETagAlgorithmFamily,
  FileInformation,
  FileType,
  GetReadSetMetadataRequest,
  GetReadSetMetadataResponse,
  GetReadSetRequest,
  GetReadSetResponse,
  ListReadSetsRequest,
  ListReadSetsResponse,
  ReadSetBatchError,
  ReadSetListItem,
  ReadSetStatus,
  SequenceInformation,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type OmicsBackend, type OmicsEnv } from "../backend.js";
import { fileInformation, filePart, inWindow, windowKey } from "./common.js";
import { etagAlgorithm, etagOf, readSource, type SourceFacts } from "./formats/index.js";
import { isTerminal } from "./jobs.js";
import { findSequenceStore, type SequenceStoreRecord } from "./sequence-stores.js";
import { NAME_127, NEXT_TOKEN, PAGE_SIZE, PART_NUMBER, STORAGE_ID } from "./shapes.js";

/**
 * Read sets: the genomics files of a sample (a FASTQ pair, a BAM, uBAM or CRAM) in a sequence
 * store. A direct upload's read set is PROCESSING_UPLOAD, then ACTIVE (or UPLOAD_FAILED when
 * its content is not a file of its type); an imported one is ACTIVE when its import finishes.
 * A read set not read for 30 days (of the virtual clock) is ARCHIVED, as HealthOmics archives
 * data not accessed for 30 days; an activation job makes it ACTIVE again. The fake keeps the
 * bytes: GetReadSet serves them in parts, GetReadSetMetadata reports what it read from them.
 */
export interface StoredFile {
  bytes: Uint8Array;
  /** The file's name under the store's S3 URI. */
  fileName: string;
}

export interface ReadSetRecord {
  seq: number;
  id: string;
  arn: string;
  sequenceStoreId: string;
  name?: string | undefined;
  description?: string | undefined;
  subjectId?: string | undefined;
  sampleId?: string | undefined;
  generatedFrom?: string | undefined;
  referenceArn?: string | undefined;
  fileType: FileType;
  creationType: CreationType;
  creationJobId?: string | undefined;
  creationTime: Date;
  state: ReadSetStatus;
  statusMessage?: string | undefined;
  /** When the read set was last read (its data, not its metadata): it archives 30 days later. */
  lastAccessMs: number;
  /** The files; undefined for an import whose source content was not registered (registerS3Object). */
  files?: { source1: StoredFile; source2?: StoredFile | undefined } | undefined;
  /** The S3 URIs an import read (kept for messages when the content is unknown). */
  importedFrom?: string[] | undefined;
  sequenceInformation?: SequenceInformation | undefined;
  etag?: ETag | undefined;
  /** A direct upload's processing: PROCESSING_UPLOAD → ACTIVE, or UPLOAD_FAILED. */
  upload?: LinearProcess | undefined;
}

/** HealthOmics archives read sets not accessed for 30 days. */
export const ARCHIVE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

export const READ_SET_STATES = ["PROCESSING_UPLOAD", "ACTIVE", "UPLOAD_FAILED"] as const;

/** The read set's status now: an ACTIVE read set untouched for 30 days has become ARCHIVED. */
export function readSetStatus(readSet: ReadSetRecord, nowMs: number): ReadSetStatus {
  if (readSet.state === "ACTIVE" && nowMs - readSet.lastAccessMs >= ARCHIVE_AFTER_MS) readSet.state = "ARCHIVED";
  return readSet.state;
}

/** Reading a read set's data (GetReadSet, a run, an export) restarts its 30 days. */
export function touch(readSet: ReadSetRecord, nowMs: number): void {
  if (readSet.state === "ACTIVE") readSet.lastAccessMs = nowMs;
}

export function findReadSet(ctx: RequestContext<OmicsBackend>, store: SequenceStoreRecord, id: string): ReadSetRecord {
  const readSet = store.readSets.get(id);
  if (!readSet) throw ctx.error("ResourceNotFoundException", `Read set ${id} not found in sequence store ${store.id}.`);
  return readSet;
}

/** What the fake derives from a read set's sources: its files, sequence information and ETag, or why they are not files of the type. */
export type ReadSetContent =
  | { ok: true; files: NonNullable<ReadSetRecord["files"]>; sequenceInformation: SequenceInformation; etag: ETag }
  | { ok: false; problem: string };

export function readContent(
  fileType: FileType,
  family: ETagAlgorithmFamily,
  generatedFrom: string | undefined,
  source1: Uint8Array,
  source2: Uint8Array | undefined,
): ReadSetContent {
  const first = readSource(fileType, source1, source2 ? "SOURCE1" : "The source");
  if (!first.ok) return first;
  let second: SourceFacts | undefined;
  if (source2) {
    const read = readSource(fileType, source2, "SOURCE2");
    if (!read.ok) return read;
    second = read;
  }
  const counted = first.reads !== undefined;
  const sequenceInformation: SequenceInformation = {
    ...(counted ? { totalReadCount: first.reads! + (second?.reads ?? 0), totalBaseCount: first.bases! + (second?.bases ?? 0) } : {}),
    ...(generatedFrom !== undefined ? { generatedFrom } : {}),
    alignment: first.aligned ? "ALIGNED" : "UNALIGNED",
  };
  const etag: ETag = {
    algorithm: etagAlgorithm(fileType, family),
    source1: etagOf(family, first),
    ...(second ? { source2: etagOf(family, second) } : {}),
  };
  const files = {
    source1: { bytes: source1, fileName: `source1.${first.extension}` },
    ...(second ? { source2: { bytes: source2!, fileName: `source2.${second.extension}` } } : {}),
  };
  return { ok: true, files, sequenceInformation, etag };
}

/** A new read set in a store (an upload's, an import's); the caller sets its state and stores it. */
export function newReadSet(
  env: OmicsEnv,
  store: SequenceStoreRecord,
  fields: Pick<ReadSetRecord, "name" | "description" | "subjectId" | "sampleId" | "generatedFrom" | "referenceArn" | "fileType" | "creationType" | "creationJobId" | "state">,
): ReadSetRecord {
  const backend = env.backend;
  const id = backend.storage.newId();
  const now = env.engine.clock.now();
  return {
    ...fields,
    seq: backend.nextSeq(),
    id,
    arn: backend.arn(`sequenceStore/${store.id}/readSet/${id}`),
    sequenceStoreId: store.id,
    creationTime: now,
    lastAccessMs: now.getTime(),
  };
}

/** Stores a read set, with its tags, and records its use of a reference. */
export function addReadSet(env: OmicsEnv, store: SequenceStoreRecord, readSet: ReadSetRecord, tags: Record<string, string> | undefined): void {
  store.readSets.set(readSet.id, readSet);
  env.backend.tags.add(readSet.arn, tags ?? {});
  env.backend.storage.useReference(readSet.referenceArn, readSet.arn);
}

function removeReadSet(backend: OmicsBackend, store: SequenceStoreRecord, readSet: ReadSetRecord): void {
  store.readSets.delete(readSet.id);
  backend.tags.drop(readSet.arn);
  backend.storage.releaseReference(readSet.referenceArn, readSet.arn);
}

const fileInfo = (store: SequenceStoreRecord, readSet: ReadSetRecord, file: StoredFile): FileInformation =>
  fileInformation(file, `${store.access.s3Uri}readSet/${readSet.id}/${file.fileName}`);

function listItem(readSet: ReadSetRecord, nowMs: number): ReadSetListItem {
  return {
    id: readSet.id,
    arn: readSet.arn,
    sequenceStoreId: readSet.sequenceStoreId,
    subjectId: readSet.subjectId,
    sampleId: readSet.sampleId,
    status: readSetStatus(readSet, nowMs),
    name: readSet.name,
    description: readSet.description,
    referenceArn: readSet.referenceArn,
    fileType: readSet.fileType,
    sequenceInformation: readSet.sequenceInformation,
    creationTime: readSet.creationTime,
    statusMessage: readSet.statusMessage,
    creationType: readSet.creationType,
    etag: readSet.etag,
  };
}

export const getReadSetMetadata = op<GetReadSetMetadataRequest, GetReadSetMetadataResponse>({
  input: { id: STORAGE_ID, sequenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const readSet = findReadSet(ctx, store, input.id!);
    ctx.observe(readSet.upload);
    const files = readSet.files;
    return {
      ...listItem(readSet, ctx.engine.clock.nowMs()),
      creationJobId: readSet.creationJobId,
      ...(files
        ? {
            files: {
              source1: fileInfo(store, readSet, files.source1),
              ...(files.source2 ? { source2: fileInfo(store, readSet, files.source2) } : {}),
            },
          }
        : {}),
    };
  },
});

/** Why a read set's data cannot be read now (GetReadSet, runs, exports), or undefined. */
export function unreadable(readSet: ReadSetRecord, nowMs: number): string | undefined {
  const status = readSetStatus(readSet, nowMs);
  if (status === "ACTIVE") return undefined;
  if (status === "ARCHIVED") return `Read set ${readSet.id} is ARCHIVED (not read for 30 days); activate it with StartReadSetActivationJob before reading it.`;
  return `Read set ${readSet.id} is ${status}; its data can be read when it is ACTIVE.`;
}

export const getReadSet = op<GetReadSetRequest, GetReadSetResponse>({
  input: { id: STORAGE_ID, sequenceStoreId: STORAGE_ID, file: oneOf("ReadSetFile"), partNumber: PART_NUMBER },
  errors: ["ResourceNotFoundException", "ConflictException", "RangeNotSatisfiableException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const readSet = findReadSet(ctx, store, input.id!);
    const nowMs = ctx.engine.clock.nowMs();
    const problem = unreadable(readSet, nowMs);
    if (problem) throw ctx.error("ConflictException", problem);
    const which = input.file ?? "SOURCE1";
    if (!readSet.files) {
      throw ctx.error(
        "ConflictException",
        `aws-doubles has no content for read set ${readSet.id}: it was imported from ${readSet.importedFrom?.join(" and ") ?? "S3"} without a registered object. Register the file with registerS3Object(uri, bytes) from aws-doubles/omics before the import.`,
      );
    }
    if (which === "INDEX") {
      throw ctx.error("ResourceNotFoundException", `Read set ${readSet.id} has no INDEX file in aws-doubles: the fake does not build BAM or CRAM indexes.`);
    }
    const file = which === "SOURCE2" ? readSet.files.source2 : readSet.files.source1;
    if (!file) throw ctx.error("ResourceNotFoundException", `Read set ${readSet.id} has no SOURCE2 file (only paired FASTQ read sets have one).`);
    const bytes = filePart(ctx, file, input.partNumber!, `${which} of read set ${readSet.id}`);
    touch(readSet, nowMs);
    return { payload: bytes as unknown as GetReadSetResponse["payload"] };
  },
});

const READ_SET_FILTER = struct({
  name: NAME_127,
  status: oneOf("ReadSetStatus"),
  referenceArn: str({ max: 127, pattern: "$|^arn:.+" }),
  sampleId: NAME_127,
  subjectId: NAME_127,
  generatedFrom: NAME_127,
  creationType: oneOf("CreationType"),
});

export const listReadSets = op<ListReadSetsRequest, ListReadSetsResponse>({
  input: { sequenceStoreId: STORAGE_ID, maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN, filter: READ_SET_FILTER },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const filter = input.filter ?? {};
    const nowMs = ctx.engine.clock.nowMs();
    const page = ctx.paginate(store.readSets, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (r) =>
        (filter.name === undefined || r.name === filter.name) &&
        (filter.status === undefined || readSetStatus(r, nowMs) === filter.status) &&
        // An empty referenceArn filter finds the read sets without a reference.
        (filter.referenceArn === undefined || (r.referenceArn ?? "") === filter.referenceArn) &&
        (filter.sampleId === undefined || r.sampleId === filter.sampleId) &&
        (filter.subjectId === undefined || r.subjectId === filter.subjectId) &&
        (filter.generatedFrom === undefined || r.generatedFrom === filter.generatedFrom) &&
        (filter.creationType === undefined || r.creationType === filter.creationType) &&
        inWindow(r.creationTime, filter.createdAfter, filter.createdBefore),
      query: { store: store.id, ...filter, createdAfter: undefined, createdBefore: undefined, created: windowKey(filter.createdAfter, filter.createdBefore) },
    });
    return {
      readSets: page.items.map((r) => {
        const item = listItem(r, nowMs);
        ctx.observe(r.upload);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});

/** Why a read set cannot be deleted now, or undefined. */
function undeletable(store: SequenceStoreRecord, readSet: ReadSetRecord, nowMs: number): string | undefined {
  const status = readSetStatus(readSet, nowMs);
  if (status === "PROCESSING_UPLOAD" || status === "ACTIVATING") return `Read set ${readSet.id} is ${status}; delete it once that has finished.`;
  const exporting = store.exportJobs.values().find((job) => !isTerminal(job.process.state) && job.items.some((item) => item.readSetId === readSet.id));
  if (exporting) return `Read set ${readSet.id} is being exported by export job ${exporting.id}; delete it once the job has ended.`;
  return undefined;
}

export const batchDeleteReadSet = op<BatchDeleteReadSetRequest, BatchDeleteReadSetResponse>({
  input: { ids: list(STORAGE_ID, { min: 1, max: 100 }), sequenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const nowMs = ctx.engine.clock.nowMs();
    const errors: ReadSetBatchError[] = [];
    for (const id of input.ids!) {
      const readSet = store.readSets.get(id);
      if (!readSet) {
        errors.push({ id, code: "ResourceNotFoundException", message: `Read set ${id} not found in sequence store ${store.id}.` });
        continue;
      }
      const problem = undeletable(store, readSet, nowMs);
      if (problem) {
        errors.push({ id, code: "ConflictException", message: problem });
        continue;
      }
      removeReadSet(ctx.backend, store, readSet);
    }
    // The API reference: a response with no body when every read set was deleted.
    return errors.length > 0 ? { errors } : {};
  },
});

/** A direct upload's processing, as a lifecycle tests can control (`Omics.ReadSet`). */
export function uploadProcess(env: OmicsEnv, store: SequenceStoreRecord, readSet: ReadSetRecord, problem: string | undefined): LinearProcess {
  const process = new LinearProcess(
    { kind: "Omics.ReadSet", path: ["PROCESSING_UPLOAD", "ACTIVE"] },
    { sequenceStoreId: store.id, id: readSet.id, name: readSet.name, sampleId: readSet.sampleId, subjectId: readSet.subjectId },
    {
      onEnter: (state, self) => {
        readSet.state = state as ReadSetStatus;
        if (state === "ACTIVE") readSet.lastAccessMs = env.engine.clock.nowMs();
        if (state === "UPLOAD_FAILED") {
          // What failed to upload is not kept in the store (HealthOmics moves it to the fallback location).
          readSet.files = undefined;
          readSet.sequenceInformation = undefined;
          readSet.etag = undefined;
          const where = store.fallbackLocation ? ` The parts were moved to the fallback location ${store.fallbackLocation}.` : "";
          readSet.statusMessage = `${self.failureMessage ?? "The upload could not be processed."}${where}`;
        }
      },
    },
  );
  if (problem !== undefined) process.divert(["UPLOAD_FAILED"], problem);
  return env.engine.lifecycles.register(process);
}
