import type {
  AnnotationType,
  CreateAnnotationStoreRequest,
  CreateAnnotationStoreResponse,
  CreateAnnotationStoreVersionRequest,
  CreateAnnotationStoreVersionResponse,
  DeleteAnnotationStoreRequest,
  DeleteAnnotationStoreResponse,
  DeleteAnnotationStoreVersionsRequest,
  DeleteAnnotationStoreVersionsResponse,
  FormatToHeaderKey,
  ReferenceItem,
  GetAnnotationStoreRequest,
  GetAnnotationStoreResponse,
  GetAnnotationStoreVersionRequest,
  GetAnnotationStoreVersionResponse,
  ListAnnotationStoresRequest,
  ListAnnotationStoresResponse,
  ListAnnotationStoreVersionsRequest,
  ListAnnotationStoreVersionsResponse,
  StoreFormat,
  StoreOptions,
  TsvStoreOptions,
  UpdateAnnotationStoreRequest,
  UpdateAnnotationStoreResponse,
  UpdateAnnotationStoreVersionRequest,
  UpdateAnnotationStoreVersionResponse,
  VersionDeleteError,
  VersionOptions,
  VersionStatus,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import { list, map, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { envOf, op, type OmicsBackend } from "../backend.js";
import { TAGS } from "../shapes.js";
import { checkNewTags } from "../tags.js";
import {
  alreadyDeleting,
  analyticsStatus,
  checkStoreReference,
  deleteStore,
  newAnalyticsResource,
  runningImports,
  startDeletion,
  statusMessageOf,
  storeName,
  storesPage,
  updateDescription,
  type AnalyticsResource,
  type AnalyticsStore,
} from "./analytics.js";
import { ANALYTICS_DESCRIPTION, ANALYTICS_NAME, ANALYTICS_TOKEN, ID_LIST, PAGE_SIZE, REFERENCE_ITEM, SSE_CONFIG } from "./shapes.js";
import { tableBySeq } from "./state.js";

/**
 * Annotation stores: annotation files (GFF3, TSV, VCF) loaded by annotation import jobs, in
 * versions. A store is created with its first version (`versionName`, "default" unless
 * given); more versions can be added. The format's rules, as the API reference states them:
 * a genome reference is required for every store except a TSV store of GENERIC annotations;
 * parsing options (`storeOptions`, `versionOptions`) belong to TSV stores only, and a TSV
 * store's annotation type decides which columns `formatToHeader` must name (CHR and POS for
 * CHR_POS, CHR/START/END for the CHR_START_END types, REF and ALT as well for the *_REF_ALT types).
 */
export interface AnnotationStoreRecord extends AnalyticsStore {
  storeFormat: StoreFormat;
  storeOptions?: StoreOptions | undefined;
  defaultVersion: string;
  versions: OrderedTable<AnnotationVersionRecord>;
}

export interface AnnotationVersionRecord extends AnalyticsResource {
  storeId: string;
  versionName: string;
  versionOptions?: VersionOptions | undefined;
}

export const DEFAULT_VERSION_NAME = "default";

const HEADERS: Record<AnnotationType, readonly FormatToHeaderKey[]> = {
  GENERIC: [],
  CHR_POS: ["CHR", "POS"],
  CHR_POS_REF_ALT: ["CHR", "POS", "REF", "ALT"],
  CHR_START_END_ONE_BASE: ["CHR", "START", "END"],
  CHR_START_END_ZERO_BASE: ["CHR", "START", "END"],
  CHR_START_END_REF_ALT_ONE_BASE: ["CHR", "START", "END", "REF", "ALT"],
  CHR_START_END_REF_ALT_ZERO_BASE: ["CHR", "START", "END", "REF", "ALT"],
};

const TSV_OPTIONS = struct({
  annotationType: oneOf("AnnotationType"),
  formatToHeader: map({ key: oneOf("FormatToHeaderKey"), value: str({ max: 1000 }) }),
  schema: list(map({ key: str({ pattern: "[a-z0-9_]{1,255}" }), value: oneOf("SchemaValueType"), min: 1, max: 1 }), { min: 1, max: 5000 }),
});

/** Why TSV parsing options break the rules of their annotation type, or undefined. */
function tsvProblem(options: TsvStoreOptions | undefined, member: string): string | undefined {
  if (!options?.annotationType) return `A TSV store needs ${member}.annotationType: how its rows are placed on the genome (GENERIC for annotations that are not).`;
  const given = Object.keys(options.formatToHeader ?? {});
  const missing = HEADERS[options.annotationType].filter((key) => !given.includes(key));
  if (missing.length > 0) return `Annotation type ${options.annotationType} needs ${member}.formatToHeader to name the ${missing.join(", ")} column(s).`;
  const names = (options.schema ?? []).flatMap((column) => Object.keys(column));
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) return `${member}.schema names the column ${twice} twice.`;
  return undefined;
}

/** The schema's column count, for checking imported TSV rows. */
export function tsvColumns(store: AnnotationStoreRecord, version: AnnotationVersionRecord): number | undefined {
  const schema = version.versionOptions?.tsvVersionOptions?.schema ?? store.storeOptions?.tsvStoreOptions?.schema;
  return schema?.length;
}

export function findAnnotationStore(ctx: RequestContext<OmicsBackend>, name: string): AnnotationStoreRecord {
  const store = ctx.backend.storage.annotationStores.get(name);
  if (!store) throw ctx.error("ResourceNotFoundException", `Annotation store ${name} not found.`);
  return store;
}

export function findAnnotationVersion(ctx: RequestContext<OmicsBackend>, store: AnnotationStoreRecord, versionName: string): AnnotationVersionRecord {
  const version = store.versions.get(versionName);
  if (!version) throw ctx.error("ResourceNotFoundException", `Version ${versionName} of annotation store ${store.name} not found.`);
  return version;
}

function newVersion(
  ctx: RequestContext<OmicsBackend>,
  store: AnnotationStoreRecord,
  versionName: string,
  description: string | undefined,
  versionOptions: VersionOptions | undefined,
  first = false,
): AnnotationVersionRecord {
  const fields = { name: store.name, arn: ctx.backend.arn(`annotationStore/${store.name}/version/${versionName}`), description };
  // The first version is created with the store: it is ACTIVE when the store is.
  const base = newAnalyticsResource(ctx, "Omics.AnnotationStoreVersion", { name: store.name, versionName }, fields, first ? store.process : undefined);
  return { ...base, storeId: store.id, versionName, versionOptions };
}

export const createAnnotationStore = op<CreateAnnotationStoreRequest, CreateAnnotationStoreResponse>({
  input: {
    reference: REFERENCE_ITEM,
    name: ANALYTICS_NAME,
    description: ANALYTICS_DESCRIPTION,
    tags: TAGS,
    versionName: ANALYTICS_NAME,
    sseConfig: SSE_CONFIG,
    storeFormat: oneOf("StoreFormat"),
    storeOptions: struct({ tsvStoreOptions: TSV_OPTIONS }),
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const storage = ctx.backend.storage;
    const name = storeName(ctx, input.name, "annotation store");
    const format = input.storeFormat!;
    if (format !== "TSV" && input.storeOptions !== undefined) throw ctx.invalid(`storeOptions apply to TSV stores only; this store's format is ${format}.`);
    if (format === "TSV") {
      const problem = tsvProblem(input.storeOptions?.tsvStoreOptions, "storeOptions.tsvStoreOptions");
      if (problem) throw ctx.invalid(problem);
    }
    const generic = format === "TSV" && input.storeOptions?.tsvStoreOptions?.annotationType === "GENERIC";
    if (input.reference?.referenceArn === undefined && !generic) {
      throw ctx.invalid(`A ${format} annotation store needs reference.referenceArn: only TSV stores of GENERIC annotations have no genome reference.`);
    }
    checkNewTags(ctx, input.tags);
    if (storage.annotationStores.has(name)) throw ctx.error("ConflictException", `An annotation store named ${name} already exists.`);
    checkStoreReference(ctx, input.reference);
    if (storage.annotationStores.size >= ctx.backend.quotas.annotationStores) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${storage.annotationStores.size} annotation stores in ${ctx.region}, the maximum (quota "annotationStores").`);
    }
    const versionName = input.versionName ?? DEFAULT_VERSION_NAME;
    const base = newAnalyticsResource(ctx, "Omics.AnnotationStore", { name }, { name, arn: ctx.backend.arn(`annotationStore/${name}`), description: input.description });
    const store: AnnotationStoreRecord = {
      ...base,
      reference: input.reference,
      sseConfig: input.sseConfig ?? { type: "KMS" },
      storeFormat: format,
      storeOptions: input.storeOptions,
      defaultVersion: versionName,
      versions: tableBySeq<AnnotationVersionRecord>(),
    };
    const version = newVersion(ctx, store, versionName, input.description, input.storeOptions ? { tsvVersionOptions: input.storeOptions.tsvStoreOptions! } : undefined, true);
    store.versions.set(versionName, version);
    storage.annotationStores.set(name, store);
    storage.useReference(input.reference?.referenceArn, store.arn);
    ctx.backend.tags.add(store.arn, input.tags ?? {});
    return {
      id: store.id,
      reference: store.reference,
      storeFormat: store.storeFormat,
      storeOptions: store.storeOptions,
      status: analyticsStatus(store),
      name: store.name,
      versionName,
      creationTime: store.creationTime,
    };
  },
});

function storeView(ctx: RequestContext<OmicsBackend>, store: AnnotationStoreRecord) {
  return {
    id: store.id,
    // A TSV store of GENERIC annotations has no reference: the member is left out.
    reference: store.reference as ReferenceItem,
    status: analyticsStatus(store),
    storeArn: store.arn,
    name: store.name,
    description: store.description,
    sseConfig: store.sseConfig,
    creationTime: store.creationTime,
    updateTime: store.updateTime,
    storeOptions: store.storeOptions,
    storeFormat: store.storeFormat,
    statusMessage: statusMessageOf(store),
    storeSizeBytes: store.sizeBytes,
    numVersions: store.versions.size,
    tags: ctx.backend.tags.get(store.arn),
  };
}

export const getAnnotationStore = op<GetAnnotationStoreRequest, GetAnnotationStoreResponse>({
  input: {},
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findAnnotationStore(ctx, input.name!);
    ctx.observe(store.process);
    return storeView(ctx, store);
  },
});

export const updateAnnotationStore = op<UpdateAnnotationStoreRequest, UpdateAnnotationStoreResponse>({
  input: { description: ANALYTICS_DESCRIPTION },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findAnnotationStore(ctx, input.name!);
    updateDescription(ctx, store, `Annotation store ${store.name}`, input.description);
    const { tags: _tags, sseConfig: _sse, statusMessage: _message, storeSizeBytes: _size, numVersions: _versions, storeArn: _arn, ...view } = storeView(ctx, store);
    return view;
  },
});

export const deleteAnnotationStore = op<DeleteAnnotationStoreRequest, DeleteAnnotationStoreResponse>({
  input: {},
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const store = findAnnotationStore(ctx, input.name!);
    if (alreadyDeleting(ctx, store, `Annotation store ${store.name}`)) return { status: analyticsStatus(store) };
    const extra = store.versions.size - 1;
    const holds = [store.sizeBytes > 0 ? `${store.sizeBytes} bytes of imported annotations` : "", extra > 0 ? `${extra} version(s) besides ${store.defaultVersion}` : ""].filter(Boolean);
    const storage = ctx.backend.storage;
    const where = { stores: storage.annotationStores, imports: storage.annotationImports, what: "Annotation store", kind: "Omics.AnnotationStore" };
    const tags = ctx.backend.tags;
    deleteStore(ctx, store, where, input.force, holds, () => {
      for (const version of store.versions.values()) tags.drop(version.arn);
    });
    return { status: analyticsStatus(store) };
  },
});

export const listAnnotationStores = op<ListAnnotationStoresRequest, ListAnnotationStoresResponse>({
  input: { ids: ID_LIST, maxResults: PAGE_SIZE, nextToken: ANALYTICS_TOKEN, filter: struct({ status: oneOf("StoreStatus") }) },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const page = storesPage(ctx, ctx.backend.storage.annotationStores, input, (store) => {
      const { tags: _tags, storeOptions: _options, numVersions: _versions, ...item } = storeView(ctx, store);
      return item;
    });
    return { annotationStores: page.items, nextToken: page.nextToken };
  },
});

// ── Versions ───────────────────────────────────────────────────────────────────────────────

function versionView(ctx: RequestContext<OmicsBackend>, version: AnnotationVersionRecord) {
  return {
    storeId: version.storeId,
    id: version.id,
    status: analyticsStatus(version) as VersionStatus,
    versionArn: version.arn,
    name: version.name,
    versionName: version.versionName,
    description: version.description,
    creationTime: version.creationTime,
    updateTime: version.updateTime,
    tags: ctx.backend.tags.get(version.arn),
    versionOptions: version.versionOptions,
    statusMessage: statusMessageOf(version),
    versionSizeBytes: version.sizeBytes,
  };
}

export const createAnnotationStoreVersion = op<CreateAnnotationStoreVersionRequest, CreateAnnotationStoreVersionResponse>({
  input: {
    name: ANALYTICS_NAME,
    versionName: ANALYTICS_NAME,
    description: ANALYTICS_DESCRIPTION,
    versionOptions: struct({ tsvVersionOptions: TSV_OPTIONS }),
    tags: TAGS,
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const store = findAnnotationStore(ctx, input.name!);
    const status = analyticsStatus(store);
    if (status !== "ACTIVE") throw ctx.error("ConflictException", `Annotation store ${store.name} is ${status}; versions can be added when it is ACTIVE.`);
    if (input.versionOptions !== undefined) {
      if (store.storeFormat !== "TSV") throw ctx.invalid(`versionOptions apply to TSV stores only; ${store.name} is a ${store.storeFormat} store.`);
      const problem = tsvProblem(input.versionOptions.tsvVersionOptions, "versionOptions.tsvVersionOptions");
      if (problem) throw ctx.invalid(problem);
    }
    checkNewTags(ctx, input.tags);
    if (store.versions.has(input.versionName!)) throw ctx.error("ConflictException", `Annotation store ${store.name} already has a version named ${input.versionName}.`);
    if (store.versions.size >= ctx.backend.quotas.annotationStoreVersions) {
      throw ctx.error("ServiceQuotaExceededException", `Annotation store ${store.name} already has ${store.versions.size} versions, the maximum (quota "annotationStoreVersions").`);
    }
    // A TSV version without options of its own parses as the store does.
    const options = input.versionOptions ?? (store.storeOptions ? { tsvVersionOptions: store.storeOptions.tsvStoreOptions! } : undefined);
    const version = newVersion(ctx, store, input.versionName!, input.description, options);
    store.versions.set(version.versionName, version);
    ctx.backend.tags.add(version.arn, input.tags ?? {});
    return {
      id: version.id,
      versionName: version.versionName,
      storeId: store.id,
      versionOptions: version.versionOptions,
      name: store.name,
      status: analyticsStatus(version) as VersionStatus,
      creationTime: version.creationTime,
    };
  },
});

export const getAnnotationStoreVersion = op<GetAnnotationStoreVersionRequest, GetAnnotationStoreVersionResponse>({
  input: {},
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const version = findAnnotationVersion(ctx, findAnnotationStore(ctx, input.name!), input.versionName!);
    ctx.observe(version.process);
    return versionView(ctx, version);
  },
});

export const updateAnnotationStoreVersion = op<UpdateAnnotationStoreVersionRequest, UpdateAnnotationStoreVersionResponse>({
  input: { description: ANALYTICS_DESCRIPTION },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const version = findAnnotationVersion(ctx, findAnnotationStore(ctx, input.name!), input.versionName!);
    updateDescription(ctx, version, `Version ${version.versionName} of annotation store ${version.name}`, input.description);
    const { tags: _tags, versionArn: _arn, versionOptions: _options, statusMessage: _message, versionSizeBytes: _size, ...view } = versionView(ctx, version);
    return view;
  },
});

export const listAnnotationStoreVersions = op<ListAnnotationStoreVersionsRequest, ListAnnotationStoreVersionsResponse>({
  input: { maxResults: PAGE_SIZE, nextToken: ANALYTICS_TOKEN, filter: struct({ status: oneOf("VersionStatus") }) },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findAnnotationStore(ctx, input.name!);
    const status = input.filter?.status;
    const page = ctx.paginate(store.versions, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (v) => status === undefined || analyticsStatus(v) === status,
      query: { store: store.id, status },
    });
    return {
      annotationStoreVersions: page.items.map((version) => {
        const { tags: _tags, versionOptions: _options, ...item } = versionView(ctx, version);
        ctx.observe(version.process);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});

export const deleteAnnotationStoreVersions = op<DeleteAnnotationStoreVersionsRequest, DeleteAnnotationStoreVersionsResponse>({
  input: { versions: list(ANALYTICS_NAME, { min: 1, max: 10 }) },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const store = findAnnotationStore(ctx, input.name!);
    const status = analyticsStatus(store);
    if (status !== "ACTIVE") throw ctx.error("ConflictException", `Annotation store ${store.name} is ${status}; its versions can be deleted when it is ACTIVE.`);
    const env = envOf(ctx);
    const errors: VersionDeleteError[] = [];
    for (const versionName of input.versions!) {
      const version = store.versions.get(versionName);
      if (!version) {
        errors.push({ versionName, message: `Version ${versionName} of annotation store ${store.name} not found.` });
        continue;
      }
      if (versionName === store.defaultVersion) {
        errors.push({ versionName, message: `${versionName} is the store's first version; it goes with the store (DeleteAnnotationStore).` });
        continue;
      }
      const versionStatus = analyticsStatus(version);
      if (versionStatus === "DELETING") continue;
      if (versionStatus === "CREATING") {
        errors.push({ versionName, message: `Version ${versionName} is still CREATING.` });
        continue;
      }
      const running = runningImports(ctx.backend.storage.annotationImports, store.name, versionName);
      if (!input.force && running.length > 0) {
        errors.push({ versionName, message: `Version ${versionName} has imports in progress; delete it with force: true to cancel them.` });
        continue;
      }
      for (const job of running) job.process.cancel();
      startDeletion(env, version, "Omics.AnnotationStoreVersion", { name: store.name, versionName }, () => {
        if (store.versions.get(versionName) !== version) return;
        store.versions.delete(versionName);
        store.sizeBytes -= version.sizeBytes;
        env.backend.tags.drop(version.arn);
      });
    }
    return errors.length > 0 ? { errors } : {};
  },
});
