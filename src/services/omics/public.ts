import type { StoreType } from "@aws-sdk/client-omics";
import { partitionOf } from "../../engine/arn.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import { randomDigits, randomHex } from "../../engine/ids.js";
import { globalState } from "../../state.js";
import type { OmicsBackend } from "./backend.js";
import { omics } from "./index.js";
import { QUOTA_NAMES, type QuotaName } from "./quotas.js";
import { defaultPolicy } from "./s3-access-policies.js";

/**
 * Test helpers for the HealthOmics fake (`aws-doubles/omics`): state that AWS holds but the
 * modelled API cannot create (stores, whose APIs are not modelled; adjustable quotas).
 */
export interface Where {
  /** Default: the mock's account. */
  accountId?: string;
  /** Default: the mock's region. */
  region?: string;
}

function backendAt(where: Where): OmicsBackend {
  const state = globalState();
  const options = state.installation?.options;
  if (!options) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use a runner setup file) before using aws-doubles/omics helpers.");
  const accountId = where.accountId ?? options.accountId;
  const region = where.region ?? options.region;
  if (!/^[0-9]{12}$/.test(accountId)) throw new AwsDoublesUsageError(`accountId must be 12 digits; got "${accountId}"`);
  return state.engine.backends.get({ serviceId: omics.serviceId, accountId, region, partition: partitionOf(region) }, (scope) => omics.createBackend(scope));
}

export interface DeclaredStore {
  storeId: string;
  storeType: StoreType;
  /** The store's S3 access point: what Put/Get/DeleteS3AccessPolicy address. */
  s3AccessPointArn: string;
  /** The store's S3 URI (through the access point's alias). */
  s3Uri: string;
}

/**
 * Declares that a sequence or reference store exists (the store operations are not modelled),
 * with its S3 access point and the default S3 access policy HealthOmics gives a new store.
 */
export function declareStore(options: Where & { storeType?: StoreType; storeId?: string } = {}): DeclaredStore {
  const backend = backendAt(options);
  const storeType = options.storeType ?? "SEQUENCE_STORE";
  if (storeType !== "SEQUENCE_STORE" && storeType !== "REFERENCE_STORE") {
    throw new AwsDoublesUsageError(`storeType must be SEQUENCE_STORE or REFERENCE_STORE; got "${String(storeType)}"`);
  }
  const storeId = options.storeId ?? randomDigits(10);
  if (!/^[0-9]{10,36}$/.test(storeId)) throw new AwsDoublesUsageError(`storeId must be 10 to 36 digits; got "${storeId}"`);
  const { accountId, region, partition } = backend.scope;
  const accessPointName = `${accountId}-${storeId}`;
  const s3AccessPointArn = `arn:${partition}:s3:${region}:${accountId}:accesspoint/${accessPointName}`;
  if (backend.stores.has(s3AccessPointArn)) throw new AwsDoublesUsageError(`A store with id ${storeId} is already declared in ${accountId}/${region}.`);
  const kind = storeType === "SEQUENCE_STORE" ? "sequenceStore" : "referenceStore";
  const store = {
    storeId,
    storeType,
    s3AccessPointArn,
    s3Uri: `s3://${accessPointName}-${randomHex(30)}-s3alias/${accountId}/${kind}/${storeId}/`,
    policy: undefined as { text: string; updateTime: Date } | undefined,
  };
  store.policy = { text: defaultPolicy(store, accountId, partition), updateTime: globalState().engine.clock.now() };
  backend.stores.set(s3AccessPointArn, store);
  return { storeId, storeType, s3AccessPointArn, s3Uri: store.s3Uri };
}

/** Sets an adjustable service quota of an account and region (see docs/services/omics.md). */
export function setServiceQuota(name: QuotaName, value: number, where: Where = {}): void {
  if (!QUOTA_NAMES.includes(name)) throw new AwsDoublesUsageError(`Unknown HealthOmics quota "${String(name)}". Quotas: ${QUOTA_NAMES.join(", ")}`);
  if (!Number.isInteger(value) || value < 0) throw new AwsDoublesUsageError(`A quota must be a whole number ≥ 0; got ${value}`);
  backendAt(where).quotas[name] = value;
}

export type { QuotaName } from "./quotas.js";
