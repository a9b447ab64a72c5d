import type {
  AnnotationImportJobItem,
  CancelAnnotationImportRequest,
  CancelAnnotationImportResponse,
  CancelVariantImportRequest,
  CancelVariantImportResponse,
  FormatOptions,
  GetAnnotationImportRequest,
  GetAnnotationImportResponse,
  GetVariantImportRequest,
  GetVariantImportResponse,
  JobStatus,
  ListAnnotationImportJobsRequest,
  ListAnnotationImportJobsResponse,
  ListVariantImportJobsRequest,
  ListVariantImportJobsResponse,
  StartAnnotationImportRequest,
  StartAnnotationImportResponse,
  StartVariantImportRequest,
  StartVariantImportResponse,
  VariantImportJobItem,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import { uuid } from "../../../engine/ids.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import { list, map, oneOf, requiredAnd, str, struct } from "../../../engine/validation/rules.js";
import { envOf, op, type NoOutput, type OmicsBackend, type OmicsEnv } from "../backend.js";
import { analyticsStatus, type AnalyticsResource } from "./analytics.js";
import { findAnnotationStore, findAnnotationVersion, tsvColumns } from "./annotation-stores.js";
import { annotationFileProblem, type AnnotationFormat } from "./formats/annotations.js";
import { analyticsItemStatus, isTerminal, JobProcess, type JobItem } from "./jobs.js";
import { readS3Object } from "./s3-objects.js";
import { ANALYTICS_ARN, ANALYTICS_NAME, ANALYTICS_TOKEN, ID_LIST, PAGE_SIZE, RESOURCE_UUID, S3_URI } from "./shapes.js";
import { findVariantStore } from "./variant-stores.js";

/**
 * Annotation and variant import jobs: each item is a file in S3 (GFF3, TSV or VCF for an
 * annotation store, VCF for a variant store) loaded into the destination store (and, for an
 * annotation store, one of its versions). The content comes from registerS3Object; a file that
 * is not of the store's format fails its item, and the bytes loaded add to the store's size.
 * Without a registration an item loads nothing and completes. Jobs walk SUBMITTED →
 * IN_PROGRESS → COMPLETED (COMPLETED_WITH_FAILURES, FAILED) and can be cancelled while they run.
 */
export interface AnalyticsImportItem extends JobItem {
  source: string;
}

export interface AnalyticsImportJob {
  seq: number;
  id: string;
  destinationName: string;
  versionName?: string | undefined;
  roleArn: string;
  creationTime: Date;
  items: AnalyticsImportItem[];
  runLeftNormalization: boolean;
  formatOptions?: FormatOptions | undefined;
  annotationFields?: Record<string, string> | undefined;
  process: JobProcess<AnalyticsImportItem>;
}

const ANNOTATION_FIELDS = map({ key: str({ min: 1, max: 21 }), value: str({ min: 1, max: 21 }) });
const ITEMS = list(struct({ source: requiredAnd(S3_URI) }), { min: 1 });
const JOB_FILTER = struct({ status: oneOf("JobStatus") });

const READ_OPTIONS = struct({
  sep: str({ min: 1, max: 20 }),
  encoding: str({ min: 1, max: 20 }),
  quote: str({ min: 1, max: 1 }),
  escape: str({ min: 1, max: 1 }),
  comment: str({ min: 1, max: 1 }),
  lineSep: str({ min: 1, max: 20 }),
});

const status = (job: AnalyticsImportJob) => job.process.state as JobStatus;

/** Loads one file into a store (and version): checks its format and adds its size. */
function loadItem(env: OmicsEnv, kind: "AnnotationImport" | "VariantImport", job: AnalyticsImportJob, item: AnalyticsImportItem, format: AnnotationFormat, targets: () => AnalyticsResource[], columns?: number): string | undefined {
  const read = readS3Object(env, { uri: item.source, job: kind, jobId: job.id });
  if (read.kind === "failed") return read.message;
  const loaded = targets();
  if (loaded.length === 0) return `The destination ${job.destinationName} no longer exists.`;
  if (read.kind === "none") return undefined;
  const problem = annotationFileProblem(format, read.bytes, item.source, { columns, separator: job.formatOptions?.tsvOptions?.readOptions?.sep });
  if (problem) return problem;
  for (const target of loaded) {
    target.sizeBytes += read.bytes.length;
    target.updateTime = env.engine.clock.now();
  }
  return undefined;
}

function newJob(ctx: RequestContext<OmicsBackend>, fields: Omit<AnalyticsImportJob, "seq" | "id" | "creationTime" | "process">): AnalyticsImportJob {
  return { ...fields, seq: ctx.backend.nextSeq(), id: uuid(), creationTime: ctx.now() } as AnalyticsImportJob;
}

function findJob(ctx: RequestContext<OmicsBackend>, table: OrderedTable<AnalyticsImportJob>, what: string, id: string): AnalyticsImportJob {
  const job = table.get(id);
  if (!job) throw ctx.error("ResourceNotFoundException", `${what} import job ${id} not found.`);
  return job;
}

/** The members Get*ImportJob and the list items share. */
function jobView(job: AnalyticsImportJob) {
  return {
    id: job.id,
    destinationName: job.destinationName,
    roleArn: job.roleArn,
    status: status(job),
    creationTime: job.creationTime,
    updateTime: job.process.updateTime,
    completionTime: job.process.completionTime,
    runLeftNormalization: job.runLeftNormalization,
    annotationFields: job.annotationFields,
  };
}

/** One page of jobs, filtered by ids, status and store name. */
function listJobs(
  ctx: RequestContext<OmicsBackend>,
  table: OrderedTable<AnalyticsImportJob>,
  input: { ids?: string[] | undefined; maxResults?: number | undefined; nextToken?: string | undefined; filter?: { status?: string | undefined; storeName?: string | undefined } | undefined },
) {
  const filter = input.filter ?? {};
  const page = ctx.paginate(table, {
    token: input.nextToken,
    maxResults: input.maxResults,
    defaultSize: 100,
    filter: (job) =>
      (input.ids === undefined || input.ids.includes(job.id)) &&
      (filter.status === undefined || status(job) === filter.status) &&
      (filter.storeName === undefined || job.destinationName === filter.storeName),
    query: { ids: input.ids, status: filter.status, storeName: filter.storeName },
  });
  return { page, observe: (job: AnalyticsImportJob) => ctx.observe(job.process) };
}

function cancel(ctx: RequestContext<OmicsBackend>, job: AnalyticsImportJob, what: string): NoOutput {
  const current = status(job);
  if (isTerminal(current)) throw ctx.invalid(`${what} import job ${job.id} is ${current}; only a SUBMITTED or IN_PROGRESS job can be cancelled.`);
  job.process.cancel();
  return {};
}

// ── Annotation imports ─────────────────────────────────────────────────────────────────────

export const startAnnotationImportJob = op<StartAnnotationImportRequest, StartAnnotationImportResponse>({
  input: {
    destinationName: ANALYTICS_NAME,
    roleArn: ANALYTICS_ARN,
    items: ITEMS,
    versionName: ANALYTICS_NAME,
    formatOptions: struct({ tsvOptions: struct({ readOptions: READ_OPTIONS }) }),
    annotationFields: ANNOTATION_FIELDS,
  },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const store = findAnnotationStore(ctx, input.destinationName!);
    const version = findAnnotationVersion(ctx, store, input.versionName ?? store.defaultVersion);
    for (const target of [store, version]) {
      const targetStatus = analyticsStatus(target);
      if (targetStatus !== "ACTIVE") throw ctx.invalid(`${target === store ? `Annotation store ${store.name}` : `Version ${version.versionName}`} is ${targetStatus}; imports can start when it is ACTIVE.`);
    }
    const options = input.formatOptions;
    if (options?.tsvOptions !== undefined && store.storeFormat !== "TSV") throw ctx.invalid(`formatOptions.tsvOptions apply to TSV stores; ${store.name} is a ${store.storeFormat} store.`);
    if (options?.vcfOptions !== undefined && store.storeFormat !== "VCF") throw ctx.invalid(`formatOptions.vcfOptions apply to VCF stores; ${store.name} is a ${store.storeFormat} store.`);
    const env = envOf(ctx);
    const storage = ctx.backend.storage;
    const job = newJob(ctx, {
      destinationName: store.name,
      versionName: version.versionName,
      roleArn: input.roleArn!,
      items: input.items!.map((item) => ({ state: "waiting", source: item.source! })),
      runLeftNormalization: input.runLeftNormalization ?? false,
      formatOptions: options,
      annotationFields: input.annotationFields,
    });
    // The targets are looked up when the job works: a store deleted meanwhile fails the items.
    const targets = () => {
      const current = storage.annotationStores.get(store.name);
      const currentVersion = current?.versions.get(version.versionName);
      return current === store && currentVersion === version ? [store, version] : [];
    };
    job.process = ctx.track(
      new JobProcess(
        "Omics.AnnotationImportJob",
        { id: job.id, destinationName: store.name, versionName: version.versionName },
        { items: job.items, run: (item) => loadItem(env, "AnnotationImport", job, item, store.storeFormat as AnnotationFormat, targets, tsvColumns(store, version)) },
        ctx.engine.clock,
      ),
    );
    storage.annotationImports.set(job.id, job);
    return { jobId: job.id };
  },
});

export const getAnnotationImportJob = op<GetAnnotationImportRequest, GetAnnotationImportResponse>({
  input: { jobId: RESOURCE_UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const job = findJob(ctx, ctx.backend.storage.annotationImports, "Annotation", input.jobId!);
    ctx.observe(job.process);
    return {
      ...jobView(job),
      versionName: job.versionName!,
      statusMessage: job.process.statusMessage ?? "",
      completionTime: job.process.completionTime as Date,
      items: job.items.map((item) => ({ source: item.source, jobStatus: analyticsItemStatus(item) })),
      formatOptions: job.formatOptions as FormatOptions,
    };
  },
});

export const listAnnotationImportJobs = op<ListAnnotationImportJobsRequest, ListAnnotationImportJobsResponse>({
  input: { maxResults: PAGE_SIZE, ids: ID_LIST, nextToken: ANALYTICS_TOKEN, filter: JOB_FILTER },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { page, observe } = listJobs(ctx, ctx.backend.storage.annotationImports, input);
    return {
      annotationImportJobs: page.items.map((job): AnnotationImportJobItem => {
        const item = { ...jobView(job), versionName: job.versionName! };
        observe(job);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});

export const cancelAnnotationImportJob = op<CancelAnnotationImportRequest, CancelAnnotationImportResponse>({
  input: { jobId: RESOURCE_UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return cancel(ctx, findJob(ctx, ctx.backend.storage.annotationImports, "Annotation", input.jobId!), "Annotation");
  },
});

// ── Variant imports ────────────────────────────────────────────────────────────────────────

export const startVariantImportJob = op<StartVariantImportRequest, StartVariantImportResponse>({
  input: { destinationName: ANALYTICS_NAME, roleArn: ANALYTICS_ARN, items: ITEMS, annotationFields: ANNOTATION_FIELDS },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const store = findVariantStore(ctx, input.destinationName!);
    const storeStatus = analyticsStatus(store);
    if (storeStatus !== "ACTIVE") throw ctx.invalid(`Variant store ${store.name} is ${storeStatus}; imports can start when it is ACTIVE.`);
    const env = envOf(ctx);
    const storage = ctx.backend.storage;
    const job = newJob(ctx, {
      destinationName: store.name,
      roleArn: input.roleArn!,
      items: input.items!.map((item) => ({ state: "waiting", source: item.source! })),
      runLeftNormalization: input.runLeftNormalization ?? false,
      annotationFields: input.annotationFields,
    });
    const targets = () => (storage.variantStores.get(store.name) === store ? [store] : []);
    job.process = ctx.track(
      new JobProcess("Omics.VariantImportJob", { id: job.id, destinationName: store.name }, { items: job.items, run: (item) => loadItem(env, "VariantImport", job, item, "VCF", targets) }, ctx.engine.clock),
    );
    storage.variantImports.set(job.id, job);
    return { jobId: job.id };
  },
});

export const getVariantImportJob = op<GetVariantImportRequest, GetVariantImportResponse>({
  input: { jobId: RESOURCE_UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const job = findJob(ctx, ctx.backend.storage.variantImports, "Variant", input.jobId!);
    ctx.observe(job.process);
    return {
      ...jobView(job),
      statusMessage: job.process.statusMessage ?? "",
      items: job.items.map((item) => ({
        source: item.source,
        jobStatus: analyticsItemStatus(item),
        ...(item.state === "failed" || item.state === "cancelled" ? { statusMessage: item.message } : {}),
      })),
    };
  },
});

export const listVariantImportJobs = op<ListVariantImportJobsRequest, ListVariantImportJobsResponse>({
  input: { maxResults: PAGE_SIZE, ids: ID_LIST, nextToken: ANALYTICS_TOKEN, filter: JOB_FILTER },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { page, observe } = listJobs(ctx, ctx.backend.storage.variantImports, input);
    return {
      variantImportJobs: page.items.map((job): VariantImportJobItem => {
        const item = jobView(job);
        observe(job);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});

export const cancelVariantImportJob = op<CancelVariantImportRequest, CancelVariantImportResponse>({
  input: { jobId: RESOURCE_UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return cancel(ctx, findJob(ctx, ctx.backend.storage.variantImports, "Variant", input.jobId!), "Variant");
  },
});
