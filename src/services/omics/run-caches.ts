import type {
  CacheBehavior,
  CreateRunCacheRequest,
  CreateRunCacheResponse,
  DeleteRunCacheRequest,
  GetRunCacheRequest,
  GetRunCacheResponse,
  ListRunCachesRequest,
  ListRunCachesResponse,
  UpdateRunCacheRequest,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { uuid } from "../../engine/ids.js";
import { oneOf } from "../../engine/validation/rules.js";
import { op, type NoOutput, type OmicsBackend } from "./backend.js";
import { isInProgress } from "./run-model.js";
import { AWS_ACCOUNT_ID, LIST_TOKEN, NUMERIC_ID, pageSize, printable, REQUEST_ID, S3_URI_FOR_BUCKET_OR_OBJECT, TAGS } from "./shapes.js";
import { checkNewTags } from "./tags.js";

/**
 * Run caches (call caching): runs that name a cache record the outputs of their completed
 * tasks in it when they end (every run with CACHE_ALWAYS, failed runs with CACHE_ON_FAILURE;
 * never cancelled or timed-out runs), and a later run's task with the same definition, name,
 * container and parameters is a cache hit. Deleting a cache removes its metadata only.
 */
export interface RunCacheRecord {
  seq: number;
  id: string;
  arn: string;
  name?: string | undefined;
  description?: string | undefined;
  /** Where entries go: the given location plus a folder of the cache's own (as AWS reports it). */
  cacheS3Uri: string;
  cacheBehavior: CacheBehavior;
  cacheBucketOwnerId?: string | undefined;
  creationTime: Date;
  /** Task cache key → the S3 prefix of its cached outputs. */
  entries: Map<string, string>;
}

const NAME = printable(1, 128);
const DESCRIPTION = printable(1, 256);

export function findRunCache(ctx: RequestContext<OmicsBackend>, id: string): RunCacheRecord {
  const cache = ctx.backend.runCaches.get(id);
  if (!cache) throw ctx.error("ResourceNotFoundException", `Run cache ${id} not found.`);
  return cache;
}

export const createRunCache = op<CreateRunCacheRequest, CreateRunCacheResponse>({
  input: {
    cacheBehavior: oneOf("CacheBehavior"),
    cacheS3Location: S3_URI_FOR_BUCKET_OR_OBJECT,
    description: DESCRIPTION,
    name: NAME,
    requestId: REQUEST_ID,
    tags: TAGS,
    cacheBucketOwnerId: AWS_ACCOUNT_ID,
  },
  errors: ["ServiceQuotaExceededException"],
  replayable: (ctx, recorded) => ctx.backend.runCaches.has(recorded.id!),
  run(ctx, input) {
    const backend = ctx.backend;
    checkNewTags(ctx, input.tags);
    if (backend.runCaches.size >= backend.quotas.runCaches) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${backend.runCaches.size} run caches in ${ctx.region}, the maximum (quota "runCaches").`);
    }
    const id = backend.newId((candidate) => backend.runCaches.has(candidate));
    const arn = backend.arn(`runCache/${id}`);
    const location = input.cacheS3Location!.endsWith("/") ? input.cacheS3Location! : `${input.cacheS3Location!}/`;
    backend.runCaches.set(id, {
      seq: backend.nextSeq(),
      id,
      arn,
      name: input.name,
      description: input.description,
      cacheS3Uri: `${location}${uuid()}/`,
      cacheBehavior: input.cacheBehavior ?? "CACHE_ON_FAILURE",
      // "If not provided, your account ID is set as the owner of the bucket" (CreateRunCache API reference).
      cacheBucketOwnerId: input.cacheBucketOwnerId ?? ctx.accountId,
      creationTime: ctx.now(),
      entries: new Map(),
    });
    backend.tags.add(arn, input.tags ?? {});
    return { arn, id, status: "ACTIVE", tags: backend.tags.get(arn) };
  },
});

export const getRunCache = op<GetRunCacheRequest, GetRunCacheResponse>({
  input: { id: NUMERIC_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const cache = findRunCache(ctx, input.id!);
    return {
      arn: cache.arn,
      id: cache.id,
      name: cache.name,
      description: cache.description,
      cacheBehavior: cache.cacheBehavior,
      cacheBucketOwnerId: cache.cacheBucketOwnerId,
      cacheS3Uri: cache.cacheS3Uri,
      creationTime: cache.creationTime,
      status: "ACTIVE",
      tags: ctx.backend.tags.get(cache.arn),
    };
  },
});

export const updateRunCache = op<UpdateRunCacheRequest, NoOutput>({
  input: { id: NUMERIC_ID, cacheBehavior: oneOf("CacheBehavior"), description: DESCRIPTION, name: NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const cache = findRunCache(ctx, input.id!);
    if (input.cacheBehavior !== undefined) cache.cacheBehavior = input.cacheBehavior;
    if (input.description !== undefined) cache.description = input.description;
    if (input.name !== undefined) cache.name = input.name;
    return {};
  },
});

export const deleteRunCache = op<DeleteRunCacheRequest, NoOutput>({
  input: { id: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const cache = findRunCache(ctx, input.id!);
    const users = ctx.backend.runs.values().filter((run) => run.cacheId === cache.id && isInProgress(run.process.state));
    if (users.length > 0) {
      throw ctx.error("ConflictException", `Run cache ${cache.id} is used by ${users.length} run(s) in progress (${users.slice(0, 5).map((r) => r.id).join(", ")}); delete it once they have ended.`);
    }
    ctx.backend.runCaches.delete(cache.id);
    ctx.backend.tags.drop(cache.arn);
    return {};
  },
});

export const listRunCaches = op<ListRunCachesRequest, ListRunCachesResponse>({
  input: { maxResults: pageSize(100), startingToken: LIST_TOKEN },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.runCaches, { token: input.startingToken, maxResults: input.maxResults, defaultSize: 100 });
    return {
      items: page.items.map((c) => ({ arn: c.arn, id: c.id, name: c.name, cacheBehavior: c.cacheBehavior, cacheS3Uri: c.cacheS3Uri, creationTime: c.creationTime, status: "ACTIVE" })),
      nextToken: page.nextToken,
    };
  },
});
