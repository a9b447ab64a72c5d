import type { FileInformation } from "@aws-sdk/client-omics";
import { parseArn } from "../../../engine/arn.js";
import type { RequestContext } from "../../../engine/context.js";
import { randomHex } from "../../../engine/ids.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import type { OmicsBackend } from "../backend.js";
import { defaultPolicy, type StoreRecord } from "../s3-access-policies.js";
import type { StoredFile } from "./read-sets.js";
import { DOWNLOAD_PART_BYTES } from "./shapes.js";

/** Whether a time lies in a list filter's window (`createdAfter`/`createdBefore`, both inclusive). */
export function inWindow(time: Date | undefined, after: Date | undefined, before: Date | undefined): boolean {
  if (after === undefined && before === undefined) return true;
  if (time === undefined) return false;
  return (after === undefined || time.getTime() >= after.getTime()) && (before === undefined || time.getTime() <= before.getTime());
}

/** A window filter with its ends as numbers, for page tokens (Dates are not part of a query's identity). */
export const windowKey = (after: Date | undefined, before: Date | undefined) => [after?.getTime() ?? null, before?.getTime() ?? null];

/**
 * The S3 access point of a new sequence or reference store: named `<account>-<storeId>`, with
 * the default policy HealthOmics gives a new store (see s3-access-policies.ts), registered so
 * that Put/Get/DeleteS3AccessPolicy find it.
 */
export function openAccessPoint(backend: OmicsBackend, now: Date, storeId: string, storeType: "SEQUENCE_STORE" | "REFERENCE_STORE"): StoreRecord {
  const { accountId, region, partition } = backend.scope;
  const accessPointName = `${accountId}-${storeId}`;
  const kind = storeType === "SEQUENCE_STORE" ? "sequenceStore" : "referenceStore";
  const store: StoreRecord = {
    storeId,
    storeType,
    s3AccessPointArn: `arn:${partition}:s3:${region}:${accountId}:accesspoint/${accessPointName}`,
    s3Uri: `s3://${accessPointName}-${randomHex(30)}-s3alias/${accountId}/${kind}/${storeId}/`,
  };
  store.policy = { text: defaultPolicy(store, accountId, partition), updateTime: now };
  backend.stores.set(store.s3AccessPointArn, store);
  return store;
}

/** Deletes a sequence or reference store: out of its table, its S3 access point closed, its tags dropped. */
export function removeStore<S extends { id: string; arn: string; access: StoreRecord }>(backend: OmicsBackend, stores: OrderedTable<S>, store: S): void {
  stores.delete(store.id);
  backend.stores.delete(store.access.s3AccessPointArn);
  backend.tags.drop(store.arn);
}

/** The resource part of an omics ARN of this account and region, or undefined. */
export function ownArnResource(ctx: RequestContext<OmicsBackend>, arn: string): string | undefined {
  const parts = parseArn(arn);
  return parts?.service === "omics" && ctx.isOwn(parts) ? parts.resource : undefined;
}

/** How many download parts a stored file has (an empty file has one, empty). */
const partCount = (file: StoredFile): number => Math.max(1, Math.ceil(file.bytes.length / DOWNLOAD_PART_BYTES));

/** What GetReadSetMetadata and GetReferenceMetadata say of a stored file kept under the store's S3 URI at `s3Uri`. */
export function fileInformation(file: StoredFile, s3Uri: string): FileInformation {
  return { totalParts: partCount(file), partSize: DOWNLOAD_PART_BYTES, contentLength: file.bytes.length, s3Access: { s3Uri } };
}

/** Part `part` (from 1) of a stored file, as GetReadSet and GetReference serve it: RangeNotSatisfiableException past its last part. */
export function filePart(ctx: RequestContext<OmicsBackend>, file: StoredFile, part: number, what: string): Uint8Array {
  const parts = partCount(file);
  if (part > parts) throw ctx.error("RangeNotSatisfiableException", `Part ${part} of ${what} does not exist: the file has ${parts} part(s) of up to ${DOWNLOAD_PART_BYTES} bytes.`);
  return file.bytes.subarray((part - 1) * DOWNLOAD_PART_BYTES, part * DOWNLOAD_PART_BYTES);
}
