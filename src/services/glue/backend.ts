import type { BackendScope } from "../../engine/backends.js";
import type { RequestContext } from "../../engine/context.js";
import type { Engine } from "../../engine/engine.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { operationsFor, type ServiceDefinition } from "../../engine/service.js";
import { TagStore } from "../../engine/tags.js";
import { AdminState } from "./admin/state.js";
import type { BlueprintRecord } from "./blueprints.js";
import { ConnectionsState } from "./connections/state.js";
import { CatalogState } from "./catalog/state.js";
import type { CrawlerRecord } from "./crawlers.js";
import { DataQualityState } from "./data-quality/records.js";
import { GlossaryState } from "./glossary/records.js";
import { IntegrationState } from "./integrations/records.js";
import type { JobRecord } from "./jobs.js";
import { TriggerIndex } from "./trigger-index.js";
import { SecurityState } from "./security/state.js";
import { RegistryState } from "./registry/state.js";
import type { SessionRecord } from "./sessions/model.js";
import type { DevEndpointRecord } from "./dev-endpoints/dev-endpoints.js";
import { newTransformViews } from "./ml/model.js";
import type { BookmarkState } from "./job-extras/bookmark-state.js";
import type { UpgradeAnalysis } from "./job-extras/upgrade-analysis.js";
import type { TriggerRecord } from "./triggers.js";
import type { WorkflowRecord } from "./workflows.js";

/**
 * What runs need after the request that started them has returned: the engine (clock and
 * lifecycle driver), the service definition and the backend they belong to. Runs keep one and
 * never hold a request context.
 */
export interface GlueRuntime {
  readonly engine: Engine;
  readonly service: ServiceDefinition<GlueBackend>;
  readonly backend: GlueBackend;
  readonly accountId: string;
  readonly region: string;
  now(): Date;
}

/** A workflow run or a trigger chain, as reads of the jobs and crawlers it may start see it. */
export interface WaitingScope {
  /** Whether it may still start this job or crawler (a trigger not yet fired names it). */
  mayStart(type: "JOB" | "CRAWLER", name: string): boolean;
  /** Moves its parts in progress one step (at most once per request each). */
  observeParts(): void;
  /** Whether it has ended: nothing in progress, nothing more can fire. */
  ended(): boolean;
}

/** Glue's state in one account and region. Every listable resource is kept in name order. */
export class GlueBackend {
  readonly workflows = new OrderedTable<WorkflowRecord>();
  readonly triggers = new OrderedTable<TriggerRecord>();
  readonly jobs = new OrderedTable<JobRecord>();
  readonly crawlers = new OrderedTable<CrawlerRecord>();
  readonly blueprints = new OrderedTable<BlueprintRecord>();
  /** The job of each job run, by run id (GetDashboardUrl finds a run by its id alone). */
  readonly jobOfRun = new Map<string, string>();
  readonly dataQuality = new DataQualityState();
  readonly integrations = new IntegrationState();
  readonly glossary = new GlossaryState();
  readonly tags = new TagStore();
  /** Connections and connection types (connections/). */
  readonly connections = new ConnectionsState();
  /** Security configurations, catalog settings, resource policies, Identity Center (security/). */
  readonly security = new SecurityState();
  /** Classifiers, custom entity types, usage profiles (admin/). */
  readonly admin = new AdminState();
  readonly schemaRegistry = new RegistryState();
  readonly sessions = new OrderedTable<SessionRecord>();
  readonly devEndpoints = new OrderedTable<DevEndpointRecord>();
  readonly mlTransforms = newTransformViews();
  /** Transform ids by name (names are unique). */
  readonly mlTransformNames = new Map<string, string>();
  /** Job bookmarks by job name. */
  readonly jobBookmarks = new Map<string, BookmarkState>();
  /** Job upgrade analyses by analysis id. */
  readonly upgradeAnalyses = new Map<string, UpgradeAnalysis>();
  /** The Data Catalog: catalogs, databases, tables, partitions and their runs (catalog/). */
  readonly catalog: CatalogState;
  /** Workflow runs and trigger chains in progress: what may still start a job or a crawler. */
  readonly scopes = new Set<WaitingScope>();
  /** When each time-based schedule fires next (epoch ms), by `trigger:<name>` / `crawler:<name>`. */
  readonly schedules = new Map<string, number>();
  private sequence = 0;
  private runtimeCache: GlueRuntime | undefined;
  private chainIndex: TriggerIndex | undefined;

  constructor(readonly scope: BackendScope) {
    this.catalog = new CatalogState(scope.accountId);
  }

  /** A number that grows with every call: creation order, and newest-first sort keys (negated). */
  nextSequence(): number {
    return ++this.sequence;
  }

  /**
   * The conditional triggers outside workflows (the ones trigger chains fire), indexed by the
   * nodes they watch and start. Built on first use after any change to the triggers.
   */
  chainTriggers(): TriggerIndex {
    this.chainIndex ??= new TriggerIndex(this.triggers.values().filter((t) => t.WorkflowName === undefined && t.Type === "CONDITIONAL"));
    return this.chainIndex;
  }

  /** Every change to a trigger (created, updated, deleted, started, stopped) calls this. */
  triggersChanged(): void {
    this.chainIndex = undefined;
  }

  /** The runtime of this backend (the engine is one per process, so it can be kept). */
  runtime(ctx: RequestContext<GlueBackend>): GlueRuntime {
    return this.runtimeWith(ctx.engine, ctx.service);
  }

  /** The runtime, for test helpers acting outside any request. */
  runtimeWith(engine: Engine, service: ServiceDefinition<GlueBackend>): GlueRuntime {
    if (!this.runtimeCache) {
      this.runtimeCache = {
        engine,
        service,
        backend: this,
        accountId: this.scope.accountId,
        region: this.scope.region,
        now: () => engine.clock.now(),
      };
    }
    return this.runtimeCache;
  }
}

/** Typed operation definitions for Glue's resource files. */
export const op = operationsFor<GlueBackend>();

/** A table sorted newest first, for run histories (sort key: negated creation sequence). */
export function newestFirst<V extends { readonly sequence: number }>(): OrderedTable<V> {
  return new OrderedTable<V>((value) => -value.sequence);
}

/**
 * A read of a job's runs or of a crawler also moves the workflow runs and trigger chains that
 * may still start it: code that waits for the last job of a pipeline by polling that job sees
 * the pipeline advance, as it would with time passing in AWS.
 */
export function observeScopesStarting(backend: GlueBackend, type: "JOB" | "CRAWLER", name: string): void {
  // Ended scopes are skipped, not dropped: a read may yet be refused (a bad NextToken), and a
  // refused call changes nothing. They are dropped when the next scope begins (addScope).
  for (const scope of backend.scopes) {
    if (!scope.ended() && scope.mayStart(type, name)) scope.observeParts();
  }
}

/** A workflow run or trigger chain begins waiting; the scopes that have ended are let go. */
export function addScope(backend: GlueBackend, scope: WaitingScope): void {
  for (const other of [...backend.scopes]) if (other.ended()) backend.scopes.delete(other);
  backend.scopes.add(scope);
}
