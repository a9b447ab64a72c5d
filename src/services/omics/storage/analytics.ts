import type { ReferenceItem, SseConfig, StoreStatus } from "@aws-sdk/client-omics";
import type { RequestContext } from "../../../engine/context.js";
import { uuid } from "../../../engine/ids.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import type { OrderedTable } from "../../../engine/ordered-table.js";
import { envOf, type OmicsBackend, type OmicsEnv } from "../backend.js";
import type { AnalyticsImportJob } from "./analytics-imports.js";
import { isTerminal } from "./jobs.js";
import { checkReferenceArn } from "./references.js";

/**
 * What annotation stores, their versions and variant stores share (the "analytics" side of
 * HealthOmics): a UUID id, a name the operations address them by, CREATING → ACTIVE on the
 * next read, and deletion through DELETING, after which they are gone (a read is
 * ResourceNotFoundException, which the SDK's *Deleted waiters take as success). Their sizes
 * grow with what their import jobs load.
 */
export interface AnalyticsResource {
  seq: number;
  id: string;
  name: string;
  arn: string;
  description: string;
  creationTime: Date;
  updateTime: Date;
  sizeBytes: number;
  /** CREATING → ACTIVE, then DELETING → DELETED (removed). */
  process: LinearProcess;
}

export interface AnalyticsStore extends AnalyticsResource {
  reference?: ReferenceItem | undefined;
  sseConfig: SseConfig;
}

export const ANALYTICS_STATES = ["CREATING", "ACTIVE", "DELETING", "DELETED", "FAILED"] as const;

export const analyticsStatus = (resource: AnalyticsResource): StoreStatus => resource.process.state as StoreStatus;

export const statusMessageOf = (resource: AnalyticsResource): string =>
  resource.process.state === "FAILED" ? (resource.process.failureMessage ?? "The resource could not be created.") : "";

/**
 * The fields of a new store or version; its process is the CREATING → ACTIVE walk of `kind`,
 * or `process` when it shares another's (a store's first version is created with the store).
 */
export function newAnalyticsResource(
  ctx: RequestContext<OmicsBackend>,
  kind: string,
  attributes: Record<string, unknown>,
  fields: { name: string; arn: string; description?: string | undefined },
  process?: LinearProcess,
): AnalyticsResource {
  const now = ctx.now();
  return {
    seq: ctx.backend.nextSeq(),
    id: uuid(),
    name: fields.name,
    arn: fields.arn,
    description: fields.description ?? "",
    creationTime: now,
    updateTime: now,
    sizeBytes: 0,
    process: process ?? ctx.track(new LinearProcess({ kind, path: ["CREATING", "ACTIVE"] }, attributes)),
  };
}

/** Starts the DELETING → DELETED walk of a store or version; `gone` removes it on DELETED. */
export function startDeletion(env: OmicsEnv, resource: AnalyticsResource, kind: string, attributes: Record<string, unknown>, gone: () => void): void {
  resource.updateTime = env.engine.clock.now();
  resource.process = env.engine.lifecycles.register(
    new LinearProcess({ kind, path: ["DELETING", "DELETED"] }, attributes, {
      onEnter: (state) => {
        if (state === "DELETED") gone();
      },
    }),
  );
}

/** A store's reference: an existing reference of this account and region (ResourceNotFoundException otherwise). */
export function checkStoreReference(ctx: RequestContext<OmicsBackend>, reference: ReferenceItem | undefined): void {
  if (reference?.referenceArn !== undefined) checkReferenceArn(ctx, reference.referenceArn);
}

/** The name a store is created with: the model lets it out, the service addresses stores by it. */
export function storeName(ctx: RequestContext<OmicsBackend>, name: string | undefined, kind: string): string {
  if (name === undefined) throw ctx.invalid(`name is required: a ${kind} is addressed by its name in every other operation.`);
  return name;
}

/**
 * An Update* of a store or version: only an ACTIVE one can be changed (ValidationException
 * otherwise, naming it as `what`, e.g. "Variant store x"); a new description, if given, and
 * the update time.
 */
export function updateDescription(ctx: RequestContext<OmicsBackend>, resource: AnalyticsResource, what: string, description: string | undefined): void {
  const status = analyticsStatus(resource);
  if (status !== "ACTIVE") throw ctx.invalid(`${what} is ${status}; it can be updated when it is ACTIVE.`);
  if (description !== undefined) resource.description = description;
  resource.updateTime = ctx.now();
}

/**
 * Whether a Delete* of a store has anything to do: a store already DELETING answers as it is
 * (true), one still CREATING is a ConflictException, any other goes on to be deleted (false).
 */
export function alreadyDeleting(ctx: RequestContext<OmicsBackend>, store: AnalyticsStore, what: string): boolean {
  const status = analyticsStatus(store);
  if (status === "DELETING") return true;
  if (status === "CREATING") throw ctx.error("ConflictException", `${what} is still CREATING; delete it once it is ACTIVE.`);
  return false;
}

/** The import jobs into a store (or one version of it) that have not ended. */
export function runningImports(jobs: OrderedTable<AnalyticsImportJob>, storeName: string, versionName?: string): AnalyticsImportJob[] {
  return jobs.values().filter((job) => job.destinationName === storeName && (versionName === undefined || job.versionName === versionName) && !isTerminal(job.process.state));
}

/**
 * A Delete* of an annotation or variant store that goes on (after alreadyDeleting): without
 * `force`, a store that holds anything (`holds`: what, in words; its running imports are
 * added here) is a ConflictException; otherwise its running imports are cancelled and it walks
 * DELETING → gone, taking its tags and its use of its reference with it (`alsoGone`: what else
 * goes with it, e.g. its versions' tags).
 */
export function deleteStore<S extends AnalyticsStore>(
  ctx: RequestContext<OmicsBackend>,
  store: S,
  where: { stores: OrderedTable<S>; imports: OrderedTable<AnalyticsImportJob>; what: string; kind: string },
  force: boolean | undefined,
  holds: string[],
  alsoGone?: () => void,
): void {
  const running = runningImports(where.imports, store.name);
  if (!force) {
    const held = [...holds, running.length > 0 ? `${running.length} import job(s) in progress` : ""].filter(Boolean);
    if (held.length > 0) throw ctx.error("ConflictException", `${where.what} ${store.name} holds ${held.join(", ")}; delete with force: true to delete it anyway.`);
  }
  for (const job of running) job.process.cancel();
  const env = envOf(ctx);
  const storage = env.backend.storage;
  startDeletion(env, store, where.kind, { name: store.name }, () => {
    if (where.stores.get(store.name) !== store) return;
    where.stores.delete(store.name);
    storage.releaseReference(store.reference?.referenceArn, store.arn);
    env.backend.tags.drop(store.arn);
    alsoGone?.();
  });
}

/**
 * One page of a List*Stores, filtered by ids and status: each store as `item` shows it, then
 * observed (a CREATING store is listed as CREATING, and is ACTIVE on the next read).
 */
export function storesPage<S extends AnalyticsStore, T>(
  ctx: RequestContext<OmicsBackend>,
  stores: OrderedTable<S>,
  input: { ids?: string[] | undefined; maxResults?: number | undefined; nextToken?: string | undefined; filter?: { status?: string | undefined } | undefined },
  item: (store: S) => T,
): { items: T[]; nextToken: string | undefined } {
  const ids = input.ids;
  const status = input.filter?.status;
  const page = ctx.paginate(stores, {
    token: input.nextToken,
    maxResults: input.maxResults,
    defaultSize: 100,
    filter: (s) => (ids === undefined || ids.includes(s.id)) && (status === undefined || analyticsStatus(s) === status),
    query: { ids, status },
  });
  const items = page.items.map((store) => {
    const shown = item(store);
    ctx.observe(store.process);
    return shown;
  });
  return { items, nextToken: page.nextToken };
}
