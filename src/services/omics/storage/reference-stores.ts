import type {
  CreateReferenceStoreRequest,
  CreateReferenceStoreResponse,
  DeleteReferenceStoreRequest,
  DeleteReferenceStoreResponse,
  GetReferenceStoreRequest,
  GetReferenceStoreResponse,
  ListReferenceStoresRequest,
  ListReferenceStoresResponse,
  SseConfig,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import type { Engine } from "../../../engine/engine.js";
import { struct } from "../../../engine/validation/rules.js";
import { op, type OmicsBackend } from "../backend.js";
import type { StoreRecord } from "../s3-access-policies.js";
import { TAGS } from "../shapes.js";
import { checkNewTags } from "../tags.js";
import { inWindow, openAccessPoint, removeStore, windowKey } from "./common.js";
import { runningJobs } from "./jobs.js";
import type { ReferenceImportJob } from "./reference-imports.js";
import type { ReferenceRecord } from "./references.js";
import { CLIENT_TOKEN, DESCRIPTION_255, NAME_127, NEXT_TOKEN, PAGE_SIZE, SSE_CONFIG, STORAGE_ID } from "./shapes.js";
import { tableBySeq } from "./state.js";

/**
 * Reference stores: where genome references (FASTA files) live, imported by reference import
 * jobs. A store has no status: it is usable once created. Like a sequence store it has an S3
 * access point whose policy the S3 access policy operations manage.
 */
export interface ReferenceStoreRecord {
  seq: number;
  id: string;
  arn: string;
  name: string;
  description?: string | undefined;
  sseConfig: SseConfig;
  creationTime: Date;
  access: StoreRecord;
  references: ReturnType<typeof tableBySeq<ReferenceRecord>>;
  importJobs: ReturnType<typeof tableBySeq<ReferenceImportJob>>;
}

export function findReferenceStore(ctx: RequestContext<OmicsBackend>, id: string): ReferenceStoreRecord {
  const store = ctx.backend.storage.referenceStores.get(id);
  if (!store) throw ctx.error("ResourceNotFoundException", `Reference store ${id} not found.`);
  return store;
}

export interface NewReferenceStore {
  name: string;
  description?: string | undefined;
  sseConfig?: SseConfig | undefined;
  tags?: Record<string, string> | undefined;
  /** A given id (the declareStore helper); else a fresh one. */
  id?: string | undefined;
}

/** Creates a store (CreateReferenceStore, and declareStore from aws-doubles/omics). */
export function createReferenceStoreRecord(backend: OmicsBackend, engine: Engine, input: NewReferenceStore): ReferenceStoreRecord {
  const storage = backend.storage;
  const id = input.id ?? storage.newId();
  storage.claim(id);
  const now = engine.clock.now();
  const store: ReferenceStoreRecord = {
    seq: backend.nextSeq(),
    id,
    arn: backend.arn(`referenceStore/${id}`),
    name: input.name,
    description: input.description,
    sseConfig: input.sseConfig ?? { type: "KMS" },
    creationTime: now,
    access: openAccessPoint(backend, now, id, "REFERENCE_STORE"),
    references: tableBySeq(),
    importJobs: tableBySeq(),
  };
  storage.referenceStores.set(id, store);
  backend.tags.add(store.arn, input.tags ?? {});
  return store;
}

const view = (store: ReferenceStoreRecord) => ({
  id: store.id,
  arn: store.arn,
  name: store.name,
  description: store.description,
  sseConfig: store.sseConfig,
  creationTime: store.creationTime,
});

export const createReferenceStore = op<CreateReferenceStoreRequest, CreateReferenceStoreResponse>({
  input: { name: NAME_127, description: DESCRIPTION_255, sseConfig: SSE_CONFIG, tags: TAGS, clientToken: CLIENT_TOKEN },
  errors: ["ServiceQuotaExceededException"],
  run(ctx, input) {
    checkNewTags(ctx, input.tags);
    const storage = ctx.backend.storage;
    if (storage.referenceStores.size >= ctx.backend.quotas.referenceStores) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${storage.referenceStores.size} reference store(s) in ${ctx.region}, the maximum (quota "referenceStores").`);
    }
    const store = createReferenceStoreRecord(ctx.backend, ctx.engine, { name: input.name!, description: input.description, sseConfig: input.sseConfig, tags: input.tags });
    return view(store);
  },
});

export const getReferenceStore = op<GetReferenceStoreRequest, GetReferenceStoreResponse>({
  input: { id: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return view(findReferenceStore(ctx, input.id!));
  },
});

export const deleteReferenceStore = op<DeleteReferenceStoreRequest, DeleteReferenceStoreResponse>({
  input: { id: STORAGE_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.id!);
    // "After the reference genome is deleted, you can delete the reference store" (API reference).
    if (store.references.size > 0) {
      throw ctx.error("ConflictException", `Reference store ${store.id} still holds ${store.references.size} reference(s); delete them (DeleteReference) before deleting the store.`);
    }
    const running = runningJobs(store.importJobs);
    if (running > 0) throw ctx.error("ConflictException", `Reference store ${store.id} has ${running} import job(s) in progress; delete it once they have ended.`);
    removeStore(ctx.backend, ctx.backend.storage.referenceStores, store);
    return {};
  },
});

export const listReferenceStores = op<ListReferenceStoresRequest, ListReferenceStoresResponse>({
  input: { maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN, filter: struct({ name: NAME_127 }) },
  errors: [],
  run(ctx, input) {
    const filter = input.filter ?? {};
    const page = ctx.paginate(ctx.backend.storage.referenceStores, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (s) => (filter.name === undefined || s.name === filter.name) && inWindow(s.creationTime, filter.createdAfter, filter.createdBefore),
      query: { name: filter.name, created: windowKey(filter.createdAfter, filter.createdBefore) },
    });
    return { referenceStores: page.items.map(view), nextToken: page.nextToken };
  },
});
