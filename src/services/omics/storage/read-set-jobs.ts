import type {
  FileType,
  GetReadSetActivationJobRequest,
  GetReadSetActivationJobResponse,
  GetReadSetExportJobRequest,
  GetReadSetExportJobResponse,
  GetReadSetImportJobRequest,
  GetReadSetImportJobResponse,
  ListReadSetActivationJobsRequest,
  ListReadSetActivationJobsResponse,
  ListReadSetExportJobsRequest,
  ListReadSetExportJobsResponse,
  ListReadSetImportJobsRequest,
  ListReadSetImportJobsResponse,
  StartReadSetActivationJobRequest,
  StartReadSetActivationJobResponse,
  StartReadSetExportJobRequest,
  StartReadSetExportJobResponse,
  StartReadSetImportJobRequest,
  StartReadSetImportJobResponse,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import { list, oneOf, requiredAnd, struct } from "../../../engine/validation/rules.js";
import { envOf, op, type OmicsBackend, type OmicsEnv } from "../backend.js";
import { TAGS } from "../shapes.js";
import { checkNewTags } from "../tags.js";
import { inWindow, windowKey } from "./common.js";
import { itemMessage, JobProcess, storageItemStatus, type JobItem, type JobWork } from "./jobs.js";
import { addReadSet, newReadSet, readContent, readSetStatus, touch, unreadable } from "./read-sets.js";
import { checkReferenceArn } from "./references.js";
import { readS3Object } from "./s3-objects.js";
import { findSequenceStore, notReady, type SequenceStoreRecord } from "./sequence-stores.js";
import {
  CLIENT_TOKEN,
  DESCRIPTION_255,
  JOB_ROLE_ARN,
  NAME_127,
  NEXT_TOKEN,
  PAGE_SIZE,
  S3_DESTINATION,
  S3_URI,
  STORAGE_ARN,
  STORAGE_ID,
} from "./shapes.js";
import { referenceProblem, sourceProblem } from "./uploads.js";

/**
 * The read set jobs of a sequence store: imports (S3 files become read sets), activations
 * (ARCHIVED read sets become ACTIVE again) and exports (read sets are copied to S3). Each walks
 * SUBMITTED → IN_PROGRESS → COMPLETED, COMPLETED_WITH_FAILURES or FAILED as its items finish
 * or fail (see jobs.ts), reports a status per item, and is a lifecycle tests can control.
 */
interface StoreJob<I extends JobItem> {
  seq: number;
  id: string;
  sequenceStoreId: string;
  creationTime: Date;
  items: I[];
  process: JobProcess<I>;
}

export interface ReadSetImportItem extends JobItem {
  sourceFiles: { source1: string; source2?: string | undefined };
  sourceFileType: FileType;
  subjectId: string;
  sampleId: string;
  generatedFrom?: string | undefined;
  referenceArn?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  tags?: Record<string, string> | undefined;
  readSetId?: string | undefined;
}

export interface ReadSetImportJob extends StoreJob<ReadSetImportItem> {
  roleArn: string;
}

export interface ReadSetRefItem extends JobItem {
  readSetId: string;
}

export type ActivationJob = StoreJob<ReadSetRefItem>;

export interface ExportJob extends StoreJob<ReadSetRefItem> {
  destination: string;
  roleArn: string;
}

type AnyJob = StoreJob<JobItem>;

function findJob<J extends AnyJob>(ctx: RequestContext<OmicsBackend>, table: OrderedTable<J>, what: string, store: SequenceStoreRecord, id: string): J {
  const job = table.get(id);
  if (!job) throw ctx.error("ResourceNotFoundException", `Read set ${what} job ${id} not found in sequence store ${store.id}.`);
  return job;
}

/** Creates, tracks and stores a job of a store. */
function startJob<I extends JobItem, J extends StoreJob<I>>(
  ctx: RequestContext<OmicsBackend>,
  kind: string,
  store: SequenceStoreRecord,
  table: OrderedTable<J>,
  fields: Omit<J, "seq" | "id" | "sequenceStoreId" | "creationTime" | "process">,
  work: (job: J) => Omit<JobWork<I>, "items">,
): J {
  const job = { ...fields, seq: ctx.backend.nextSeq(), id: ctx.backend.storage.newId(), sequenceStoreId: store.id, creationTime: ctx.now() } as unknown as J;
  job.process = ctx.track(new JobProcess<I>(kind, { id: job.id, sequenceStoreId: store.id }, { items: job.items, ...work(job) }, ctx.engine.clock));
  table.set(job.id, job);
  return job;
}

/** The members every job view shares. */
function jobView(job: AnyJob) {
  return { id: job.id, sequenceStoreId: job.sequenceStoreId, status: job.process.state as never, creationTime: job.creationTime, completionTime: job.process.completionTime };
}

/** One page of a store's jobs, with the status and creation-time filters every job list has. */
function listJobs<J extends AnyJob, T>(
  ctx: RequestContext<OmicsBackend>,
  store: SequenceStoreRecord,
  table: OrderedTable<J>,
  input: { maxResults?: number | undefined; nextToken?: string | undefined; filter?: { status?: string | undefined; createdAfter?: Date | undefined; createdBefore?: Date | undefined } | undefined },
  render: (job: J) => T,
): { items: T[]; nextToken: string | undefined } {
  const filter = input.filter ?? {};
  const page = ctx.paginate(table, {
    token: input.nextToken,
    maxResults: input.maxResults,
    defaultSize: 100,
    filter: (job) => (filter.status === undefined || job.process.state === filter.status) && inWindow(job.creationTime, filter.createdAfter, filter.createdBefore),
    query: { store: store.id, status: filter.status, created: windowKey(filter.createdAfter, filter.createdBefore) },
  });
  return {
    items: page.items.map((job) => {
      const item = render(job);
      ctx.observe(job.process);
      return item;
    }),
    nextToken: page.nextToken,
  };
}

const JOB_FILTER = (statusEnum: string) => struct({ status: oneOf(statusEnum) });

// ── Imports ────────────────────────────────────────────────────────────────────────────────

/** Imports one source: reads its files (registered S3 objects) and creates the read set. */
function importSource(env: OmicsEnv, store: SequenceStoreRecord, job: ReadSetImportJob, item: ReadSetImportItem): string | undefined {
  const uris = [item.sourceFiles.source1, ...(item.sourceFiles.source2 !== undefined ? [item.sourceFiles.source2] : [])];
  const reads = uris.map((uri) => readS3Object(env, { uri, job: "ReadSetImport", jobId: job.id }));
  const failed = reads.find((read) => read.kind === "failed");
  if (failed?.kind === "failed") return failed.message;
  const known = reads.filter((read) => read.kind === "bytes").length;
  if (known > 0 && known < reads.length) {
    return `Only some of this source's files have registered content (${uris.filter((_, i) => reads[i]!.kind === "none").join(", ")} has none): register every file of a read set with registerS3Object.`;
  }
  if (item.referenceArn !== undefined && !referenceExists(env, item.referenceArn)) return `The reference ${item.referenceArn} no longer exists.`;
  let content: ReturnType<typeof readContent> | undefined;
  if (known > 0) {
    const bytes = reads.map((read) => (read.kind === "bytes" ? read.bytes : new Uint8Array()));
    content = readContent(item.sourceFileType, store.eTagAlgorithmFamily, item.generatedFrom, bytes[0]!, bytes[1]);
    if (!content.ok) return content.problem;
  }
  const readSet = newReadSet(env, store, {
    name: item.name,
    description: item.description,
    subjectId: item.subjectId,
    sampleId: item.sampleId,
    generatedFrom: item.generatedFrom,
    referenceArn: item.referenceArn,
    fileType: item.sourceFileType,
    creationType: "IMPORT",
    creationJobId: job.id,
    state: "ACTIVE",
  });
  readSet.importedFrom = uris;
  if (content?.ok) {
    readSet.files = content.files;
    readSet.sequenceInformation = content.sequenceInformation;
    readSet.etag = content.etag;
  } else {
    readSet.sequenceInformation = { ...(item.generatedFrom !== undefined ? { generatedFrom: item.generatedFrom } : {}) };
  }
  addReadSet(env, store, readSet, item.tags);
  item.readSetId = readSet.id;
  return undefined;
}

function referenceExists(env: OmicsEnv, arn: string): boolean {
  const match = /referenceStore\/([0-9]+)\/reference\/([0-9]+)$/.exec(arn);
  return match !== null && env.backend.storage.referenceStores.get(match[1]!)?.references.get(match[2]!)?.status === "ACTIVE";
}

const IMPORT_SOURCE = struct({
  sourceFiles: requiredAnd(struct({ source1: requiredAnd(S3_URI), source2: S3_URI })),
  sourceFileType: requiredAnd(oneOf("FileType")),
  subjectId: requiredAnd(NAME_127),
  sampleId: requiredAnd(NAME_127),
  generatedFrom: NAME_127,
  referenceArn: STORAGE_ARN,
  name: NAME_127,
  description: DESCRIPTION_255,
  tags: TAGS,
});

export const startReadSetImportJob = op<StartReadSetImportJobRequest, StartReadSetImportJobResponse>({
  input: { sequenceStoreId: STORAGE_ID, roleArn: JOB_ROLE_ARN, clientToken: CLIENT_TOKEN, sources: list(IMPORT_SOURCE, { min: 1, max: 100 }) },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const notActive = notReady(store);
    if (notActive) throw ctx.invalid(notActive);
    input.sources!.forEach((source, i) => {
      const problem = sourceProblem(source.sourceFileType!, source.sourceFiles!.source2 !== undefined) ?? referenceProblem(source.sourceFileType!, source.referenceArn);
      if (problem) throw ctx.invalid(`sources[${i}]: ${problem}`);
      checkReferenceArn(ctx, source.referenceArn);
      checkNewTags(ctx, source.tags);
    });
    const env = envOf(ctx);
    const items: ReadSetImportItem[] = input.sources!.map((source) => ({
      state: "waiting",
      sourceFiles: { source1: source.sourceFiles!.source1!, source2: source.sourceFiles!.source2 },
      sourceFileType: source.sourceFileType!,
      subjectId: source.subjectId!,
      sampleId: source.sampleId!,
      generatedFrom: source.generatedFrom,
      referenceArn: source.referenceArn,
      name: source.name,
      description: source.description,
      tags: source.tags,
    }));
    const job = startJob<ReadSetImportItem, ReadSetImportJob>(ctx, "Omics.ReadSetImportJob", store, store.importJobs, { roleArn: input.roleArn!, items }, (self) => ({
      run: (item) => importSource(env, store, self, item),
    }));
    const { completionTime: _done, ...view } = jobView(job);
    return { ...view, roleArn: job.roleArn };
  },
});

export const getReadSetImportJob = op<GetReadSetImportJobRequest, GetReadSetImportJobResponse>({
  input: { id: STORAGE_ID, sequenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const job = findJob(ctx, store.importJobs, "import", store, input.id!);
    ctx.observe(job.process);
    return {
      ...jobView(job),
      roleArn: job.roleArn,
      statusMessage: job.process.statusMessage,
      sources: job.items.map((item) => ({
        sourceFiles: item.sourceFiles,
        sourceFileType: item.sourceFileType,
        status: storageItemStatus(item),
        statusMessage: itemMessage(item),
        subjectId: item.subjectId,
        sampleId: item.sampleId,
        generatedFrom: item.generatedFrom,
        referenceArn: item.referenceArn,
        name: item.name,
        description: item.description,
        tags: item.tags,
        readSetId: item.readSetId,
      })),
    };
  },
});

export const listReadSetImportJobs = op<ListReadSetImportJobsRequest, ListReadSetImportJobsResponse>({
  input: { sequenceStoreId: STORAGE_ID, maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN, filter: JOB_FILTER("ReadSetImportJobStatus") },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const page = listJobs(ctx, store, store.importJobs, input, (job) => ({ ...jobView(job), roleArn: job.roleArn }));
    return { importJobs: page.items, nextToken: page.nextToken };
  },
});

// ── Activations ────────────────────────────────────────────────────────────────────────────

/** The read sets a request names: each must exist in the store, once. */
function namedReadSets(ctx: RequestContext<OmicsBackend>, store: SequenceStoreRecord, sources: ReadonlyArray<{ readSetId?: string | undefined }>): ReadSetRefItem[] {
  const seen = new Set<string>();
  return sources.map((source) => {
    const id = source.readSetId!;
    if (seen.has(id)) throw ctx.invalid(`Read set ${id} is named twice in sources.`);
    seen.add(id);
    if (!store.readSets.has(id)) throw ctx.error("ResourceNotFoundException", `Read set ${id} not found in sequence store ${store.id}.`);
    return { state: "waiting", readSetId: id };
  });
}

const READ_SET_SOURCES = (max: number) => list(struct({ readSetId: requiredAnd(STORAGE_ID) }), { min: 1, max });

export const startReadSetActivationJob = op<StartReadSetActivationJobRequest, StartReadSetActivationJobResponse>({
  input: { sequenceStoreId: STORAGE_ID, clientToken: CLIENT_TOKEN, sources: READ_SET_SOURCES(20) },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const items = namedReadSets(ctx, store, input.sources!);
    const clock = ctx.engine.clock;
    const job = startJob<ReadSetRefItem, ActivationJob>(ctx, "Omics.ReadSetActivationJob", store, store.activationJobs, { items }, () => ({
      // While the job runs, the archived read sets it names are ACTIVATING.
      started: () => {
        for (const item of items) {
          const readSet = store.readSets.get(item.readSetId);
          if (readSet && readSetStatus(readSet, clock.nowMs()) === "ARCHIVED") readSet.state = "ACTIVATING";
        }
      },
      run: (item) => {
        const readSet = store.readSets.get(item.readSetId);
        if (!readSet) return `Read set ${item.readSetId} no longer exists.`;
        if (readSet.state !== "ACTIVATING") return `Read set ${readSet.id} is ${readSetStatus(readSet, clock.nowMs())}, not ARCHIVED: there is nothing to activate.`;
        readSet.state = "ACTIVE";
        readSet.lastAccessMs = clock.nowMs();
        return undefined;
      },
      // A job that failed or was cancelled leaves what it did not activate ARCHIVED.
      ended: () => {
        for (const item of items) {
          const readSet = store.readSets.get(item.readSetId);
          if (readSet?.state === "ACTIVATING") readSet.state = "ARCHIVED";
        }
      },
    }));
    const { completionTime: _done, ...view } = jobView(job);
    return view;
  },
});

export const getReadSetActivationJob = op<GetReadSetActivationJobRequest, GetReadSetActivationJobResponse>({
  input: { id: STORAGE_ID, sequenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const job = findJob(ctx, store.activationJobs, "activation", store, input.id!);
    ctx.observe(job.process);
    return {
      ...jobView(job),
      statusMessage: job.process.statusMessage,
      sources: job.items.map((item) => ({ readSetId: item.readSetId, status: storageItemStatus(item), statusMessage: itemMessage(item) })),
    };
  },
});

export const listReadSetActivationJobs = op<ListReadSetActivationJobsRequest, ListReadSetActivationJobsResponse>({
  input: { sequenceStoreId: STORAGE_ID, maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN, filter: JOB_FILTER("ReadSetActivationJobStatus") },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const page = listJobs(ctx, store, store.activationJobs, input, jobView);
    return { activationJobs: page.items, nextToken: page.nextToken };
  },
});

// ── Exports ────────────────────────────────────────────────────────────────────────────────

export const startReadSetExportJob = op<StartReadSetExportJobRequest, StartReadSetExportJobResponse>({
  input: { sequenceStoreId: STORAGE_ID, destination: S3_DESTINATION, roleArn: JOB_ROLE_ARN, clientToken: CLIENT_TOKEN, sources: READ_SET_SOURCES(100) },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const items = namedReadSets(ctx, store, input.sources!);
    const clock = ctx.engine.clock;
    const job = startJob<ReadSetRefItem, ExportJob>(ctx, "Omics.ReadSetExportJob", store, store.exportJobs, { destination: input.destination!, roleArn: input.roleArn!, items }, () => ({
      // The fake writes nothing to S3: an export reads each read set, which must be ACTIVE.
      run: (item) => {
        const readSet = store.readSets.get(item.readSetId);
        if (!readSet) return `Read set ${item.readSetId} no longer exists.`;
        const problem = unreadable(readSet, clock.nowMs());
        if (problem) return problem;
        touch(readSet, clock.nowMs());
        return undefined;
      },
    }));
    const { completionTime: _done, ...view } = jobView(job);
    return { ...view, destination: job.destination };
  },
});

export const getReadSetExportJob = op<GetReadSetExportJobRequest, GetReadSetExportJobResponse>({
  input: { id: STORAGE_ID, sequenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const job = findJob(ctx, store.exportJobs, "export", store, input.id!);
    ctx.observe(job.process);
    return {
      ...jobView(job),
      destination: job.destination,
      statusMessage: job.process.statusMessage,
      readSets: job.items.map((item) => ({ id: item.readSetId, status: storageItemStatus(item), statusMessage: itemMessage(item) })),
    };
  },
});

export const listReadSetExportJobs = op<ListReadSetExportJobsRequest, ListReadSetExportJobsResponse>({
  input: { sequenceStoreId: STORAGE_ID, maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN, filter: JOB_FILTER("ReadSetExportJobStatus") },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findSequenceStore(ctx, input.sequenceStoreId!);
    const page = listJobs(ctx, store, store.exportJobs, input, (job) => ({ ...jobView(job), destination: job.destination }));
    return { exportJobs: page.items, nextToken: page.nextToken };
  },
});
