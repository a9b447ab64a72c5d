import type {
  CreateVariantStoreRequest,
  CreateVariantStoreResponse,
  DeleteVariantStoreRequest,
  DeleteVariantStoreResponse,
  GetVariantStoreRequest,
  GetVariantStoreResponse,
  ListVariantStoresRequest,
  ListVariantStoresResponse,
  UpdateVariantStoreRequest,
  UpdateVariantStoreResponse,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import { oneOf, struct } from "../../../engine/validation/rules.js";
import { op, type OmicsBackend } from "../backend.js";
import { TAGS } from "../shapes.js";
import { checkNewTags } from "../tags.js";
import { alreadyDeleting, analyticsStatus, checkStoreReference, deleteStore, newAnalyticsResource, statusMessageOf, storeName, storesPage, updateDescription, type AnalyticsStore } from "./analytics.js";
import { ANALYTICS_DESCRIPTION, ANALYTICS_NAME, ANALYTICS_TOKEN, ID_LIST, PAGE_SIZE, REFERENCE_ITEM, SSE_CONFIG } from "./shapes.js";

/**
 * Variant stores: VCF (and gVCF) variants loaded by variant import jobs, against a genome
 * reference (required). CREATING → ACTIVE on the next read; deletion goes DELETING → gone.
 */
export type VariantStoreRecord = AnalyticsStore;

export function findVariantStore(ctx: RequestContext<OmicsBackend>, name: string): VariantStoreRecord {
  const store = ctx.backend.storage.variantStores.get(name);
  if (!store) throw ctx.error("ResourceNotFoundException", `Variant store ${name} not found.`);
  return store;
}

function view(ctx: RequestContext<OmicsBackend>, store: VariantStoreRecord) {
  return {
    id: store.id,
    reference: store.reference!,
    status: analyticsStatus(store),
    storeArn: store.arn,
    name: store.name,
    description: store.description,
    sseConfig: store.sseConfig,
    creationTime: store.creationTime,
    updateTime: store.updateTime,
    tags: ctx.backend.tags.get(store.arn),
    statusMessage: statusMessageOf(store),
    storeSizeBytes: store.sizeBytes,
  };
}

export const createVariantStore = op<CreateVariantStoreRequest, CreateVariantStoreResponse>({
  input: { reference: REFERENCE_ITEM, name: ANALYTICS_NAME, description: ANALYTICS_DESCRIPTION, tags: TAGS, sseConfig: SSE_CONFIG },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const storage = ctx.backend.storage;
    const name = storeName(ctx, input.name, "variant store");
    if (input.reference?.referenceArn === undefined) throw ctx.invalid("A variant store needs reference.referenceArn: the genome reference its variants are called against.");
    checkNewTags(ctx, input.tags);
    if (storage.variantStores.has(name)) throw ctx.error("ConflictException", `A variant store named ${name} already exists.`);
    checkStoreReference(ctx, input.reference);
    if (storage.variantStores.size >= ctx.backend.quotas.variantStores) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${storage.variantStores.size} variant stores in ${ctx.region}, the maximum (quota "variantStores").`);
    }
    const base = newAnalyticsResource(ctx, "Omics.VariantStore", { name }, { name, arn: ctx.backend.arn(`variantStore/${name}`), description: input.description });
    const store: VariantStoreRecord = { ...base, reference: input.reference, sseConfig: input.sseConfig ?? { type: "KMS" } };
    storage.variantStores.set(name, store);
    storage.useReference(input.reference.referenceArn, store.arn);
    ctx.backend.tags.add(store.arn, input.tags ?? {});
    return { id: store.id, reference: store.reference, status: analyticsStatus(store), name: store.name, creationTime: store.creationTime };
  },
});

export const getVariantStore = op<GetVariantStoreRequest, GetVariantStoreResponse>({
  input: {},
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findVariantStore(ctx, input.name!);
    ctx.observe(store.process);
    return view(ctx, store);
  },
});

export const updateVariantStore = op<UpdateVariantStoreRequest, UpdateVariantStoreResponse>({
  input: { description: ANALYTICS_DESCRIPTION },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findVariantStore(ctx, input.name!);
    updateDescription(ctx, store, `Variant store ${store.name}`, input.description);
    const { tags: _tags, storeArn: _arn, sseConfig: _sse, statusMessage: _message, storeSizeBytes: _size, ...updated } = view(ctx, store);
    return updated;
  },
});

export const deleteVariantStore = op<DeleteVariantStoreRequest, DeleteVariantStoreResponse>({
  input: {},
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const store = findVariantStore(ctx, input.name!);
    if (alreadyDeleting(ctx, store, `Variant store ${store.name}`)) return { status: analyticsStatus(store) };
    const storage = ctx.backend.storage;
    const where = { stores: storage.variantStores, imports: storage.variantImports, what: "Variant store", kind: "Omics.VariantStore" };
    deleteStore(ctx, store, where, input.force, store.sizeBytes > 0 ? [`${store.sizeBytes} bytes of imported variants`] : []);
    return { status: analyticsStatus(store) };
  },
});

export const listVariantStores = op<ListVariantStoresRequest, ListVariantStoresResponse>({
  input: { ids: ID_LIST, maxResults: PAGE_SIZE, nextToken: ANALYTICS_TOKEN, filter: struct({ status: oneOf("StoreStatus") }) },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const page = storesPage(ctx, ctx.backend.storage.variantStores, input, (store) => {
      const { tags: _tags, ...item } = view(ctx, store);
      return item;
    });
    return { variantStores: page.items, nextToken: page.nextToken };
  },
});
