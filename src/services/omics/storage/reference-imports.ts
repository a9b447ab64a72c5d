import type {
  GetReferenceImportJobRequest,
  GetReferenceImportJobResponse,
  ListReferenceImportJobsRequest,
  ListReferenceImportJobsResponse,
  ReferenceImportJobStatus,
  StartReferenceImportJobRequest,
  StartReferenceImportJobResponse,
} from "@aws-sdk/client-omics";
import { createHash } from "node:crypto";
import type { RequestContext } from "../../../engine/context.js";
import { list, oneOf, requiredAnd, struct } from "../../../engine/validation/rules.js";
import { envOf, op, type OmicsBackend, type OmicsEnv } from "../backend.js";
import { TAGS } from "../shapes.js";
import { checkNewTags } from "../tags.js";
import { inWindow, windowKey } from "./common.js";
import { itemMessage, JobProcess, storageItemStatus, type JobItem } from "./jobs.js";
import { findReferenceStore, type ReferenceStoreRecord } from "./reference-stores.js";
import { readReference, type ReferenceRecord } from "./references.js";
import { readS3Object } from "./s3-objects.js";
import { CLIENT_TOKEN, DESCRIPTION_255, JOB_ROLE_ARN, NEXT_TOKEN, PAGE_SIZE, REFERENCE_NAME, S3_URI, STORAGE_ID } from "./shapes.js";

/**
 * Reference import jobs: each source is a FASTA file in S3 that becomes a reference. The fake
 * reads the file registered for its URI with registerS3Object (a file that is not FASTA fails
 * that source); without a registration the reference is created without content (no files,
 * and an MD5 of the source URI standing in for the file's).
 */
export interface ReferenceImportItem extends JobItem {
  sourceFile: string;
  name: string;
  description?: string | undefined;
  tags?: Record<string, string> | undefined;
  referenceId?: string | undefined;
}

export interface ReferenceImportJob {
  seq: number;
  id: string;
  referenceStoreId: string;
  roleArn: string;
  creationTime: Date;
  items: ReferenceImportItem[];
  process: JobProcess<ReferenceImportItem>;
}

function findJob(ctx: RequestContext<OmicsBackend>, store: ReferenceStoreRecord, id: string): ReferenceImportJob {
  const job = store.importJobs.get(id);
  if (!job) throw ctx.error("ResourceNotFoundException", `Reference import job ${id} not found in reference store ${store.id}.`);
  return job;
}

/** Imports one source: the reference, with the registered FASTA when there is one. */
function importSource(env: OmicsEnv, store: ReferenceStoreRecord, job: ReferenceImportJob, item: ReferenceImportItem): string | undefined {
  const read = readS3Object(env, { uri: item.sourceFile, job: "ReferenceImport", jobId: job.id });
  if (read.kind === "failed") return read.message;
  let content: ReturnType<typeof readReference> | undefined;
  if (read.kind === "bytes") {
    content = readReference(read.bytes, item.sourceFile);
    if (!content.ok) return content.problem;
  }
  const backend = env.backend;
  const id = backend.storage.newId();
  const now = env.engine.clock.now();
  const reference: ReferenceRecord = {
    seq: backend.nextSeq(),
    id,
    arn: backend.arn(`referenceStore/${store.id}/reference/${id}`),
    referenceStoreId: store.id,
    name: item.name,
    description: item.description,
    md5: content?.ok ? content.md5 : createHash("md5").update(item.sourceFile).digest("hex"),
    status: "ACTIVE",
    creationTime: now,
    updateTime: now,
    creationJobId: job.id,
    files: content?.ok ? content.files : undefined,
    importedFrom: item.sourceFile,
  };
  store.references.set(id, reference);
  backend.tags.add(reference.arn, item.tags ?? {});
  item.referenceId = id;
  return undefined;
}

const status = (job: ReferenceImportJob) => job.process.state as ReferenceImportJobStatus;

export const startReferenceImportJob = op<StartReferenceImportJobRequest, StartReferenceImportJobResponse>({
  input: {
    referenceStoreId: STORAGE_ID,
    roleArn: JOB_ROLE_ARN,
    clientToken: CLIENT_TOKEN,
    sources: list(struct({ sourceFile: requiredAnd(S3_URI), name: requiredAnd(REFERENCE_NAME), description: DESCRIPTION_255, tags: TAGS }), { min: 1, max: 100 }),
  },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.referenceStoreId!);
    for (const source of input.sources!) checkNewTags(ctx, source.tags);
    const env = envOf(ctx);
    const job = {
      seq: ctx.backend.nextSeq(),
      id: ctx.backend.storage.newId(),
      referenceStoreId: store.id,
      roleArn: input.roleArn!,
      creationTime: ctx.now(),
      items: input.sources!.map((source) => ({ state: "waiting" as const, sourceFile: source.sourceFile!, name: source.name!, description: source.description, tags: source.tags })),
    } as Omit<ReferenceImportJob, "process"> as ReferenceImportJob;
    job.process = ctx.track(
      new JobProcess("Omics.ReferenceImportJob", { id: job.id, referenceStoreId: store.id }, { items: job.items, run: (item) => importSource(env, store, job, item) }, ctx.engine.clock),
    );
    store.importJobs.set(job.id, job);
    return { id: job.id, referenceStoreId: store.id, roleArn: job.roleArn, status: status(job), creationTime: job.creationTime };
  },
});

export const getReferenceImportJob = op<GetReferenceImportJobRequest, GetReferenceImportJobResponse>({
  input: { id: STORAGE_ID, referenceStoreId: STORAGE_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.referenceStoreId!);
    const job = findJob(ctx, store, input.id!);
    ctx.observe(job.process);
    return {
      id: job.id,
      referenceStoreId: store.id,
      roleArn: job.roleArn,
      status: status(job),
      statusMessage: job.process.statusMessage,
      creationTime: job.creationTime,
      completionTime: job.process.completionTime,
      sources: job.items.map((item) => ({
        sourceFile: item.sourceFile,
        status: storageItemStatus(item),
        statusMessage: itemMessage(item),
        name: item.name,
        description: item.description,
        tags: item.tags,
        referenceId: item.referenceId,
      })),
    };
  },
});

export const listReferenceImportJobs = op<ListReferenceImportJobsRequest, ListReferenceImportJobsResponse>({
  input: { referenceStoreId: STORAGE_ID, maxResults: PAGE_SIZE, nextToken: NEXT_TOKEN, filter: struct({ status: oneOf("ReferenceImportJobStatus") }) },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findReferenceStore(ctx, input.referenceStoreId!);
    const filter = input.filter ?? {};
    const page = ctx.paginate(store.importJobs, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (job) => (filter.status === undefined || status(job) === filter.status) && inWindow(job.creationTime, filter.createdAfter, filter.createdBefore),
      query: { store: store.id, status: filter.status, created: windowKey(filter.createdAfter, filter.createdBefore) },
    });
    return {
      importJobs: page.items.map((job) => {
        const item = { id: job.id, referenceStoreId: store.id, roleArn: job.roleArn, status: status(job), creationTime: job.creationTime, completionTime: job.process.completionTime };
        ctx.observe(job.process);
        return item;
      }),
      nextToken: page.nextToken,
    };
  },
});
