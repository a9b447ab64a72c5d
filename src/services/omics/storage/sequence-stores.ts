import type {
  CreateSequenceStoreRequest,
  CreateSequenceStoreResponse,
  DeleteSequenceStoreRequest,
  ETagAlgorithmFamily,
  GetSequenceStoreRequest,
  GetSequenceStoreResponse,
  ListSequenceStoresRequest,
  ListSequenceStoresResponse,
  SequenceStoreDetail,
  SequenceStoreStatus,
  SseConfig,
  UpdateSequenceStoreRequest,
  UpdateSequenceStoreResponse,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import type { Engine } from "../../../engine/engine.js";
import { ServiceError } from "../../../engine/errors.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { oneOf, struct } from "../../../engine/validation/rules.js";
import { op, type NoOutput, type OmicsBackend } from "../backend.js";
import type { StoreRecord } from "../s3-access-policies.js";
import { TAGS } from "../shapes.js";
import { checkNewTags } from "../tags.js";
import { inWindow, openAccessPoint, removeStore, windowKey } from "./common.js";
import type { ReadSetRecord } from "./read-sets.js";
import type { ActivationJob, ExportJob, ReadSetImportJob } from "./read-set-jobs.js";
import type { UploadRecord } from "./uploads.js";
import { runningJobs } from "./jobs.js";
import {
  ACCESS_LOG_LOCATION,
  CLIENT_TOKEN,
  DESCRIPTION_255,
  NAME_127,
  NEXT_TOKEN,
  PAGE_SIZE,
  PROPAGATED_TAG_KEYS,
  S3_DESTINATION,
  SSE_CONFIG,
  STORAGE_ID,
} from "./shapes.js";
import { tableBySeq } from "./state.js";

/**
 * Sequence stores: where read sets live. A store is CREATING, then ACTIVE on the next read;
 * an update goes UPDATING → ACTIVE. Each store has an S3 access point (its `s3Access`, whose
 * policy the S3 access policy operations manage), an ETag algorithm family for the read sets
 * it ingests (MD5up by default), an optional fallback location for uploads that fail, and
 * the read sets, uploads and jobs that belong to it.
 */
export interface SequenceStoreRecord {
  seq: number;
  id: string;
  arn: string;
  name: string;
  description?: string | undefined;
  sseConfig: SseConfig;
  creationTime: Date;
  updateTime: Date;
  fallbackLocation?: string | undefined;
  eTagAlgorithmFamily: ETagAlgorithmFamily;
  propagatedSetLevelTags?: string[] | undefined;
  accessLogLocation?: string | undefined;
  access: StoreRecord;
  /** CREATING → ACTIVE, then UPDATING → ACTIVE for each update. */
  process: LinearProcess;
  readSets: ReturnType<typeof tableBySeq<ReadSetRecord>>;
  uploads: ReturnType<typeof tableBySeq<UploadRecord>>;
  importJobs: ReturnType<typeof tableBySeq<ReadSetImportJob>>;
  activationJobs: ReturnType<typeof tableBySeq<ActivationJob>>;
  exportJobs: ReturnType<typeof tableBySeq<ExportJob>>;
}

/** The states a store shows here (DeleteSequenceStore removes a store at once: no DELETING). */
export const SEQUENCE_STORE_STATES = ["CREATING", "ACTIVE", "UPDATING", "FAILED"] as const;

export const sequenceStoreStatus = (store: SequenceStoreRecord): SequenceStoreStatus => store.process.state as SequenceStoreStatus;

/** A sequence store of this account and region, or ResourceNotFoundException. */
export function findSequenceStore(ctx: RequestContext<OmicsBackend>, id: string): SequenceStoreRecord {
  const store = ctx.backend.storage.sequenceStores.get(id);
  if (!store) throw ctx.error("ResourceNotFoundException", `Sequence store ${id} not found.`);
  return store;
}

/** Why a store cannot take new data now (it is not ACTIVE), or undefined. */
export function notReady(store: SequenceStoreRecord): string | undefined {
  const status = sequenceStoreStatus(store);
  if (status === "ACTIVE") return undefined;
  return status === "CREATING"
    ? `Sequence store ${store.id} is still CREATING; read it with GetSequenceStore until it is ACTIVE.`
    : `Sequence store ${store.id} is ${status}; it takes read sets only when it is ACTIVE.`;
}

export interface NewSequenceStore {
  name: string;
  description?: string | undefined;
  sseConfig?: SseConfig | undefined;
  fallbackLocation?: string | undefined;
  eTagAlgorithmFamily?: ETagAlgorithmFamily | undefined;
  propagatedSetLevelTags?: string[] | undefined;
  accessLogLocation?: string | undefined;
  tags?: Record<string, string> | undefined;
  /** A given id (the declareStore helper); else a fresh one. */
  id?: string | undefined;
  /** Already ACTIVE (the declareStore helper), else CREATING. */
  active?: boolean;
}

/** Creates a store (CreateSequenceStore, and declareStore from aws-doubles/omics). */
export function createSequenceStoreRecord(backend: OmicsBackend, engine: Engine, input: NewSequenceStore): SequenceStoreRecord {
  const storage = backend.storage;
  const id = input.id ?? storage.newId();
  storage.claim(id);
  const now = engine.clock.now();
  const process = new LinearProcess({ kind: "Omics.SequenceStore", path: input.active ? ["ACTIVE"] : ["CREATING", "ACTIVE"] }, { id, name: input.name });
  const store: SequenceStoreRecord = {
    seq: backend.nextSeq(),
    id,
    arn: backend.arn(`sequenceStore/${id}`),
    name: input.name,
    description: input.description,
    sseConfig: input.sseConfig ?? { type: "KMS" },
    creationTime: now,
    updateTime: now,
    fallbackLocation: input.fallbackLocation,
    eTagAlgorithmFamily: input.eTagAlgorithmFamily ?? "MD5up",
    propagatedSetLevelTags: input.propagatedSetLevelTags,
    accessLogLocation: input.accessLogLocation,
    access: openAccessPoint(backend, now, id, "SEQUENCE_STORE"),
    process: engine.lifecycles.register(process),
    readSets: tableBySeq(),
    uploads: tableBySeq(),
    importJobs: tableBySeq(),
    activationJobs: tableBySeq(),
    exportJobs: tableBySeq(),
  };
  storage.sequenceStores.set(id, store);
  backend.tags.add(store.arn, input.tags ?? {});
  return store;
}

function statusMessage(store: SequenceStoreRecord): string | undefined {
  return sequenceStoreStatus(store) === "FAILED" ? (store.process.failureMessage ?? "The sequence store could not be created.") : undefined;
}

/** Everything GetSequenceStore shows; the create, update and list views are subsets. */
function view(store: SequenceStoreRecord) {
  return {
    id: store.id,
    arn: store.arn,
    name: store.name,
    description: store.description,
    sseConfig: store.sseConfig,
    creationTime: store.creationTime,
    updateTime: store.updateTime,
    fallbackLocation: store.fallbackLocation,
    eTagAlgorithmFamily: store.eTagAlgorithmFamily,
    status: sequenceStoreStatus(store),
    statusMessage: statusMessage(store),
    propagatedSetLevelTags: store.propagatedSetLevelTags,
    s3Access: {
      s3Uri: store.access.s3Uri,
      s3AccessPointArn: store.access.s3AccessPointArn,
      ...(store.accessLogLocation !== undefined ? { accessLogLocation: store.accessLogLocation } : {}),
    },
  };
}

const S3_ACCESS_CONFIG = struct({ accessLogLocation: ACCESS_LOG_LOCATION });

export const createSequenceStore = op<CreateSequenceStoreRequest, CreateSequenceStoreResponse>({
  input: {
    name: NAME_127,
    description: DESCRIPTION_255,
    sseConfig: SSE_CONFIG,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
    fallbackLocation: S3_DESTINATION,
    eTagAlgorithmFamily: oneOf("ETagAlgorithmFamily"),
    propagatedSetLevelTags: PROPAGATED_TAG_KEYS,
    s3AccessConfig: S3_ACCESS_CONFIG,
  },
  errors: ["ServiceQuotaExceededException"],
  // A client token names one creation; once that store is deleted, the token creates anew.
  replayable: (ctx, recorded) => ctx.backend.storage.sequenceStores.has(recorded.id!),
  // The model lists no ConflictException here (HealthOmics' usual answer to a reused token).
  idempotencyMismatch: (_operation, token) =>
    new ServiceError("ValidationException", `The client token ${token} was already used for a different CreateSequenceStore request. Use a new client token for a new store.`),
  run(ctx, input) {
    checkNewTags(ctx, input.tags);
    const storage = ctx.backend.storage;
    const quota = ctx.backend.quotas.sequenceStores;
    if (storage.sequenceStores.size >= quota) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${storage.sequenceStores.size} sequence stores in ${ctx.region}, the maximum (quota "sequenceStores").`);
    }
    const store = createSequenceStoreRecord(ctx.backend, ctx.engine, {
      name: input.name!,
      description: input.description,
      sseConfig: input.sseConfig,
      fallbackLocation: input.fallbackLocation,
      eTagAlgorithmFamily: input.eTagAlgorithmFamily,
      propagatedSetLevelTags: input.propagatedSetLevelTags,
      accessLogLocation: input.s3AccessConfig?.accessLogLocation || undefined,
      tags: input.tags,
    });
    const { updateTime: _updated, ...created } = view(store);
    return created;
  },
});

export const getSequenceStore = op<GetSequenceStoreRequest, GetSequenceStoreResponse>({
  input: { id: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.id!);
    ctx.observe(store.process);
    return view(store);
  },
});

export const updateSequenceStore = op<UpdateSequenceStoreRequest, UpdateSequenceStoreResponse>({
  input: {
    id: STORAGE_ID,
    name: NAME_127,
    description: DESCRIPTION_255,
    clientToken: CLIENT_TOKEN,
    fallbackLocation: S3_DESTINATION,
    propagatedSetLevelTags: PROPAGATED_TAG_KEYS,
    s3AccessConfig: S3_ACCESS_CONFIG,
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.id!);
    const status = sequenceStoreStatus(store);
    if (status !== "ACTIVE") throw ctx.error("ConflictException", `Sequence store ${store.id} is ${status}; it can be updated when it is ACTIVE.`);
    if (input.name !== undefined) store.name = input.name;
    if (input.description !== undefined) store.description = input.description;
    if (input.fallbackLocation !== undefined) store.fallbackLocation = input.fallbackLocation;
    if (input.propagatedSetLevelTags !== undefined) store.propagatedSetLevelTags = input.propagatedSetLevelTags;
    // An empty accessLogLocation turns access logging off (the pattern allows "").
    if (input.s3AccessConfig !== undefined) store.accessLogLocation = input.s3AccessConfig.accessLogLocation || undefined;
    store.updateTime = ctx.now();
    store.process = ctx.track(new LinearProcess({ kind: "Omics.SequenceStore", path: ["UPDATING", "ACTIVE"] }, { id: store.id, name: store.name }));
    return view(store);
  },
});

/** Work in the store that has not ended: uploads in progress and jobs not finished. */
function openWork(store: SequenceStoreRecord): string[] {
  const open: string[] = [];
  if (store.uploads.size > 0) open.push(`${store.uploads.size} multipart upload(s)`);
  for (const [what, table] of [
    ["import job", store.importJobs],
    ["activation job", store.activationJobs],
    ["export job", store.exportJobs],
  ] as const) {
    const running = runningJobs(table);
    if (running > 0) open.push(`${running} ${what}(s) in progress`);
  }
  return open;
}

export const deleteSequenceStore = op<DeleteSequenceStoreRequest, NoOutput>({
  input: { id: STORAGE_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.id!);
    const status = sequenceStoreStatus(store);
    if (status === "CREATING" || status === "UPDATING") throw ctx.error("ConflictException", `Sequence store ${store.id} is ${status}; delete it once it is ACTIVE.`);
    // The developer guide: a sequence store can be deleted once its read sets are deleted.
    if (store.readSets.size > 0) {
      throw ctx.error("ConflictException", `Sequence store ${store.id} still holds ${store.readSets.size} read set(s); delete them (BatchDeleteReadSet) before deleting the store.`);
    }
    const open = openWork(store);
    if (open.length > 0) throw ctx.error("ConflictException", `Sequence store ${store.id} has ${open.join(" and ")}; let them end (or abort the uploads) before deleting the store.`);
    removeStore(ctx.backend, ctx.backend.storage.sequenceStores, store);
    return {};
  },
});

export const listSequenceStores = op<ListSequenceStoresRequest, ListSequenceStoresResponse>({
  input: {
    maxResults: PAGE_SIZE,
    nextToken: NEXT_TOKEN,
    filter: struct({ name: NAME_127, status: oneOf("SequenceStoreStatus") }),
  },
  errors: [],
  run(ctx, input) {
    const filter = input.filter ?? {};
    const page = ctx.paginate(ctx.backend.storage.sequenceStores, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (s) =>
        (filter.name === undefined || s.name === filter.name) &&
        (filter.status === undefined || sequenceStoreStatus(s) === filter.status) &&
        inWindow(s.creationTime, filter.createdAfter, filter.createdBefore) &&
        inWindow(s.updateTime, filter.updatedAfter, filter.updatedBefore),
      query: {
        name: filter.name,
        status: filter.status,
        created: windowKey(filter.createdAfter, filter.createdBefore),
        updated: windowKey(filter.updatedAfter, filter.updatedBefore),
      },
    });
    const sequenceStores: SequenceStoreDetail[] = page.items.map((store) => {
      const { s3Access: _access, propagatedSetLevelTags: _tags, ...detail } = view(store);
      ctx.observe(store.process);
      return detail;
    });
    return { sequenceStores, nextToken: page.nextToken };
  },
});
