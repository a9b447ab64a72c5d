import type {
  DeleteReferenceRequest,
  DeleteReferenceResponse,
  FileInformation,
  GetReferenceMetadataRequest,
  GetReferenceMetadataResponse,
  GetReferenceRequest,
  GetReferenceResponse,
  ListReferencesRequest,
  ListReferencesResponse,
  ReferenceListItem,
  ReferenceStatus,
} from "@aws-sdk/client-omics";
import { createHash } from "node:crypto";
import type { RequestContext } from "../../../engine/context.js";
import { oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type OmicsBackend } from "../backend.js";
import { fileInformation, filePart, inWindow, ownArnResource, windowKey } from "./common.js";
import { inflateIfGzip, readFasta } from "./formats/index.js";
import type { StoredFile } from "./read-sets.js";
import { findReferenceStore, type ReferenceStoreRecord } from "./reference-stores.js";
import { NEXT_TOKEN, PAGE_SIZE, PART_NUMBER, REFERENCE_NAME, STORAGE_ID } from "./shapes.js";

/**
 * References: genome FASTA files in a reference store, created by reference import jobs. With
 * its content registered (registerS3Object) a reference keeps the FASTA (inflated when it was
 * gzipped) and the `.fai` index the fake builds from it; GetReference serves both in parts,
 * with an optional byte range. A reference used by read sets or analytics stores cannot be
 * deleted until they are.
 */
export interface ReferenceRecord {
  seq: number;
  id: string;
  arn: string;
  referenceStoreId: string;
  name: string;
  description?: string | undefined;
  md5: string;
  status: ReferenceStatus;
  creationTime: Date;
  updateTime: Date;
  creationJobId: string;
  /** The FASTA and its index; undefined when the import had no registered content. */
  files?: { source: StoredFile; index: StoredFile } | undefined;
  importedFrom: string;
}

export type ReferenceContent = { ok: true; files: NonNullable<ReferenceRecord["files"]>; md5: string } | { ok: false; problem: string };

/**
 * What the fake keeps of a FASTA: the file (inflated), its `.fai` index, and its MD5 (the
 * MD5 of the uncompressed file: HealthOmics does not say what it hashes).
 */
export function readReference(bytes: Uint8Array, uri: string): ReferenceContent {
  const inflated = inflateIfGzip(bytes, uri);
  if (!inflated.ok) return inflated;
  const fasta = readFasta(inflated.bytes, uri);
  if (!fasta.ok) return fasta;
  return {
    ok: true,
    md5: createHash("md5").update(inflated.bytes).digest("hex"),
    files: { source: { bytes: inflated.bytes, fileName: "reference.fasta" }, index: { bytes: new Uint8Array(Buffer.from(fasta.index, "utf8")), fileName: "reference.fasta.fai" } },
  };
}

/** A reference ARN names an existing reference of this account and region: ValidationException or ResourceNotFoundException otherwise. */
export function checkReferenceArn(ctx: RequestContext<OmicsBackend>, arn: string | undefined): ReferenceRecord | undefined {
  if (arn === undefined) return undefined;
  const shape = /^arn:[^:]+:omics:[^:]*:[0-9]{12}:referenceStore\/([0-9]+)\/reference\/([0-9]+)$/.exec(arn);
  if (!shape) throw ctx.invalid(`${arn} is not the ARN of a HealthOmics reference (arn:aws:omics:<region>:<account>:referenceStore/<id>/reference/<id>).`);
  const resource = ownArnResource(ctx, arn);
  const reference = resource !== undefined ? ctx.backend.storage.referenceStores.get(shape[1]!)?.references.get(shape[2]!) : undefined;
  if (!reference || reference.status !== "ACTIVE") throw ctx.error("ResourceNotFoundException", `The reference ${arn} was not found in account ${ctx.accountId}, ${ctx.region}.`);
  return reference;
}

function findReference(ctx: RequestContext<OmicsBackend>, store: ReferenceStoreRecord, id: string): ReferenceRecord {
  const reference = store.references.get(id);
  if (!reference) throw ctx.error("ResourceNotFoundException", `Reference ${id} not found in reference store ${store.id}.`);
  return reference;
}

const fileInfo = (store: ReferenceStoreRecord, reference: ReferenceRecord, file: StoredFile): FileInformation =>
  fileInformation(file, `${store.access.s3Uri}reference/${reference.id}/${file.fileName}`);

function listItem(reference: ReferenceRecord): ReferenceListItem {
  return {
    id: reference.id,
    arn: reference.arn,
    referenceStoreId: reference.referenceStoreId,
    md5: reference.md5,
    status: reference.status,
    name: reference.name,
    description: reference.description,
    creationTime: reference.creationTime,
    updateTime: reference.updateTime,
  };
}

export const getReferenceMetadata = op<GetReferenceMetadataRequest, GetReferenceMetadataResponse>({
  input: { id: STORAGE_ID, referenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.referenceStoreId!);
    const reference = findReference(ctx, store, input.id!);
    return {
      ...listItem(reference),
      creationType: "IMPORT",
      creationJobId: reference.creationJobId,
      ...(reference.files
        ? { files: { source: fileInfo(store, reference, reference.files.source), index: fileInfo(store, reference, reference.files.index) } }
        : {}),
    };
  },
});

/** A Range header value ("100-199", "100-", "-50": digits and punctuation only, as the model's pattern says) within `size` bytes. */
function byteRange(range: string, size: number): [number, number] | undefined {
  const match = /^(?:bytes=)?(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    return suffix > 0 && size > 0 ? [Math.max(0, size - suffix), size - 1] : undefined;
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start < size && start <= end ? [start, end] : undefined;
}

export const getReference = op<GetReferenceRequest, GetReferenceResponse>({
  input: { id: STORAGE_ID, referenceStoreId: STORAGE_ID, range: str({ min: 1, max: 127, pattern: "[\\p{N}||\\p{P}]+" }), partNumber: PART_NUMBER, file: oneOf("ReferenceFile") },
  errors: ["ResourceNotFoundException", "RangeNotSatisfiableException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.referenceStoreId!);
    const reference = findReference(ctx, store, input.id!);
    if (!reference.files) {
      throw ctx.error(
        "ResourceNotFoundException",
        `aws-doubles has no content for reference ${reference.id}: it was imported from ${reference.importedFrom} without a registered object. Register the FASTA with registerS3Object(uri, bytes) from aws-doubles/omics before the import.`,
      );
    }
    const which = input.file ?? "SOURCE";
    const file = which === "INDEX" ? reference.files.index : reference.files.source;
    const part = input.partNumber!;
    let bytes = filePart(ctx, file, part, `the ${which} file of reference ${reference.id}`);
    if (input.range !== undefined) {
      const range = byteRange(input.range, bytes.length);
      if (!range) throw ctx.error("RangeNotSatisfiableException", `The range '${input.range}' is not satisfiable for part ${part} of ${which}, which holds ${bytes.length} bytes.`);
      bytes = bytes.subarray(range[0], range[1] + 1);
    }
    return { payload: bytes as unknown as GetReferenceResponse["payload"] };
  },
});

export const listReferences = op<ListReferencesRequest, ListReferencesResponse>({
  input: {
    referenceStoreId: STORAGE_ID,
    maxResults: PAGE_SIZE,
    nextToken: NEXT_TOKEN,
    filter: struct({ name: REFERENCE_NAME, md5: str({ min: 1, max: 255, pattern: "[\\p{L}||\\p{N}]+" }) }),
  },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.referenceStoreId!);
    const filter = input.filter ?? {};
    const page = ctx.paginate(store.references, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (r) =>
        (filter.name === undefined || r.name === filter.name) &&
        (filter.md5 === undefined || r.md5 === filter.md5) &&
        inWindow(r.creationTime, filter.createdAfter, filter.createdBefore),
      query: { store: store.id, name: filter.name, md5: filter.md5, created: windowKey(filter.createdAfter, filter.createdBefore) },
    });
    return { references: page.items.map(listItem), nextToken: page.nextToken };
  },
});

export const deleteReference = op<DeleteReferenceRequest, DeleteReferenceResponse>({
  input: { id: STORAGE_ID, referenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.referenceStoreId!);
    const reference = findReference(ctx, store, input.id!);
    // "The read set associated with the reference genome must first be deleted" (API reference).
    const users = [...(ctx.backend.storage.referenceUsers.get(reference.arn) ?? [])];
    if (users.length > 0) {
      throw ctx.error(
        "ConflictException",
        `Reference ${reference.id} is used by ${users.length} resource(s) (${users.slice(0, 3).join(", ")}${users.length > 3 ? ", …" : ""}); delete the read sets and stores that name it first.`,
      );
    }
    store.references.delete(reference.id);
    ctx.backend.tags.drop(reference.arn);
    return {};
  },
});
