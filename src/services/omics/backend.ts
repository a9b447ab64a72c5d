import { buildArn } from "../../engine/arn.js";
import type { BackendScope } from "../../engine/backends.js";
import type { RequestContext } from "../../engine/context.js";
import type { Engine } from "../../engine/engine.js";
import { randomDigits } from "../../engine/ids.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { operationsFor } from "../../engine/service.js";
import { TagStore } from "../../engine/tags.js";
import type { BatchRecord } from "./batches.js";
import type { ConfigurationRecord } from "./configurations.js";
import { DEFAULT_QUOTAS, type QuotaName } from "./quotas.js";
import type { RunCacheRecord } from "./run-caches.js";
import type { RunGroupRecord } from "./run-groups.js";
import type { RunRecord } from "./run-model.js";
import type { StoreRecord } from "./s3-access-policies.js";
import type { ShareRecord } from "./shares.js";
import { StorageState } from "./storage/state.js";
import type { WorkflowRecord } from "./workflow-model.js";

/** Anything listed in creation order carries its sequence number. */
interface Sequenced {
  seq: number;
}

const bySeq = <V extends Sequenced>(): OrderedTable<V> => new OrderedTable<V>((value) => value.seq);

/** HealthOmics' state in one account and region. */
export class OmicsBackend {
  /** Private workflows by id, listed in creation order. */
  readonly workflows = bySeq<WorkflowRecord>();
  /** Runs by id, listed in creation order (their tasks live on the run). */
  readonly runs = bySeq<RunRecord>();
  /** Runs by name (a run's name never changes), each in creation order: ListRuns' name filter. */
  readonly runsByName = new Map<string, OrderedTable<RunRecord>>();
  readonly runGroups = bySeq<RunGroupRecord>();
  readonly runCaches = bySeq<RunCacheRecord>();
  readonly batches = bySeq<BatchRecord>();
  /** Configurations by name. */
  readonly configurations = bySeq<ConfigurationRecord>();
  /** Shares this account owns, by share id. */
  readonly sharesOwned = bySeq<ShareRecord>();
  /** Shares offered to this account (the same records as in the owner's backend), by share id. */
  readonly sharesReceived = bySeq<ShareRecord>();
  /** The S3 access points of sequence and reference stores, by ARN (S3 access policies). */
  readonly stores = new Map<string, StoreRecord>();
  /** The storage side: sequence, reference, annotation and variant stores and their jobs. */
  readonly storage = new StorageState();
  /** Task ids in use in this account and region (task ids are unique like run ids). */
  readonly taskIds = new Set<string>();
  readonly tags = new TagStore();
  /** Adjustable service quotas (see quotas.ts); tests change them through aws-doubles/omics. */
  readonly quotas: Record<QuotaName, number> = { ...DEFAULT_QUOTAS };
  private sequence = 0;

  constructor(readonly scope: BackendScope) {}

  /** Stores a new run, indexed by id and by name. */
  addRun(run: RunRecord): void {
    this.runs.set(run.id, run);
    if (run.name === undefined) return;
    let named = this.runsByName.get(run.name);
    if (!named) {
      named = bySeq<RunRecord>();
      this.runsByName.set(run.name, named);
    }
    named.set(run.id, run);
  }

  /** Forgets a run from both indexes. */
  deleteRun(run: RunRecord): void {
    this.runs.delete(run.id);
    if (run.name === undefined) return;
    const named = this.runsByName.get(run.name);
    named?.delete(run.id);
    if (named?.size === 0) this.runsByName.delete(run.name);
  }

  /** The next creation sequence number (the list order of every resource). */
  nextSeq(): number {
    return ++this.sequence;
  }

  /** A fresh 7-digit id, as HealthOmics ids look in every documented example. */
  newId(taken: (id: string) => boolean): string {
    for (;;) {
      const id = randomDigits(7);
      if (!taken(id)) return id;
    }
  }

  /** An ARN of this account and region: `arn("run/1234567")`. */
  arn(resource: string): string {
    return buildArn({ partition: this.scope.partition, service: "omics", region: this.scope.region, accountId: this.scope.accountId, resource });
  }
}

/**
 * What asynchronous work needs outside a request (a run entering RUNNING creates its tasks, a
 * batch submits runs, during aws.step() or settle() as well as during reads): the backend,
 * the clock and the lifecycle engine.
 */
export interface OmicsEnv {
  readonly backend: OmicsBackend;
  readonly engine: Engine;
  /** The backend of another account in the same region (shared workflows). */
  backendFor(accountId: string): OmicsBackend;
}

export function envOf(ctx: RequestContext<OmicsBackend>): OmicsEnv {
  const region = ctx.region;
  return {
    backend: ctx.backend,
    engine: ctx.engine,
    backendFor: (accountId) => ctx.backendFor(accountId, region),
  };
}

/** The output of operations that answer with an empty body (202/204). */
export type NoOutput = Record<string, never>;

/** Typed operation definitions for Omics' resource files. */
export const op = operationsFor<OmicsBackend>();
