import type { RequestContext } from "../../../engine/context.js";
import { randomHex } from "../../../engine/ids.js";
import type { OmicsBackend } from "../backend.js";
import { defaultPolicy, type StoreRecord } from "../s3-access-policies.js";

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

export function closeAccessPoint(backend: OmicsBackend, store: StoreRecord): void {
  backend.stores.delete(store.s3AccessPointArn);
}

/** The ARN parts of a resource of this account and region, or undefined. */
export function ownArnResource(ctx: RequestContext<OmicsBackend>, arn: string): string | undefined {
  const match = /^arn:([^:]+):omics:([^:]*):([0-9]{12}):(.+)$/.exec(arn);
  if (!match) return undefined;
  const [, partition, region, accountId, resource] = match as unknown as [string, string, string, string, string];
  return ctx.isOwn({ partition, region, accountId }) ? resource : undefined;
}
