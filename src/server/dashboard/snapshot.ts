import type { RecordedCall } from "../../engine/calls.js";
import { Process } from "../../engine/lifecycle/process.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { serviceIds, findService } from "../../services/registry.js";
import { globalState } from "../../state.js";
import { glueRunsOf, type GlueRunView } from "./glue-runs.js";

/**
 * What the dashboard shows, read from the engine without changing it: no read here observes
 * a process, records a call or creates a backend. Resources are found generically (every
 * OrderedTable a backend holds), so a new resource family shows up without dashboard code.
 */
export interface ItemView {
  id: string;
  state?: string;
}

export interface TableView {
  name: string;
  count: number;
  items: ItemView[];
}

export interface RunningView {
  kind: string;
  state: string;
  attributes: Record<string, unknown>;
}

export interface ScopeView {
  accountId: string;
  region: string;
  resources: TableView[];
  running: RunningView[];
  glueRuns: GlueRunView[];
}

export interface ServiceView {
  serviceId: string;
  scopes: ScopeView[];
}

export interface CallView {
  index: number;
  service: string;
  operation: string;
  accountId: string;
  region: string;
  error?: { name: string; message: string; statusCode: number };
}

export interface Snapshot {
  url: string;
  now: Date;
  transitions: string;
  services: ServiceView[];
  /** Running processes not found in any backend (shown under their service's name). */
  unplaced: RunningView[];
  calls: { total: number; recent: CallView[] };
}

/** Items listed per table; the count is always complete. */
const ITEMS_PER_TABLE = 100;
/** Recent calls shown. */
const RECENT_CALLS = 50;
/** How deep records are searched for the processes they hold (job → runs → run → process…). */
const SEARCH_DEPTH = 6;
/** How many entries of one collection are searched for processes. */
const SEARCH_BREADTH = 2000;

const STATE_KEYS = ["status", "Status", "state", "State", "deploymentStatus", "lifecycleStatus", "JobRunState"];

function label(property: string): string {
  return property.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** The state a record shows: its process's, else its own status member. */
function stateOf(value: unknown): string | undefined {
  if (value instanceof Process) return value.state;
  if (!value || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  if (record["process"] instanceof Process) return (record["process"] as Process).state;
  for (const key of STATE_KEYS) {
    const v = record[key];
    if (typeof v === "string") return v;
    if (v && typeof v === "object" && typeof (v as { status?: unknown }).status === "string") return (v as { status: string }).status;
  }
  return undefined;
}

function entriesOf(collection: unknown): unknown[] | undefined {
  if (collection instanceof OrderedTable) return collection.entries().slice(0, SEARCH_BREADTH).map((e) => e.value);
  if (collection instanceof Map) return [...collection.values()].slice(0, SEARCH_BREADTH);
  if (collection instanceof Set) return [...collection].slice(0, SEARCH_BREADTH);
  if (Array.isArray(collection)) return collection.slice(0, SEARCH_BREADTH);
  return undefined;
}

/**
 * Every process held by a backend's records, up to SEARCH_DEPTH levels down. Records keep
 * references back to the engine and to backends (a run's runtime, a process's environment):
 * the search never enters those (`fences`), so a process is found only under its own backend.
 */
function processesIn(backend: object, fences: ReadonlySet<object>): Set<Process> {
  const found = new Set<Process>();
  const seen = new WeakSet<object>(fences);
  const visit = (value: unknown, depth: number): void => {
    if (!value || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Process) found.add(value);
    if (depth === 0) return;
    const items = entriesOf(value);
    if (items) {
      for (const item of items) visit(item, depth - 1);
      return;
    }
    if (value instanceof Date || ArrayBuffer.isView(value)) return;
    for (const child of Object.values(value)) visit(child, depth - 1);
  };
  for (const child of Object.values(backend)) visit(child, SEARCH_DEPTH);
  return found;
}

function tablesOf(backend: object): TableView[] {
  const tables: TableView[] = [];
  for (const [property, value] of Object.entries(backend)) {
    if (!(value instanceof OrderedTable) || value.size === 0) continue;
    tables.push({
      name: label(property),
      count: value.size,
      items: value
        .entries()
        .slice(0, ITEMS_PER_TABLE)
        .map((entry) => {
          const state = stateOf(entry.value);
          return state === undefined ? { id: entry.id } : { id: entry.id, state };
        }),
    });
  }
  return tables;
}

function runningView(process: Process): RunningView {
  return { kind: process.kind, state: process.state, attributes: { ...process.attributes } };
}

function callView(call: RecordedCall, index: number): CallView {
  return {
    index,
    service: call.service,
    operation: call.operation,
    accountId: call.accountId,
    region: call.region,
    ...(call.error ? { error: call.error } : {}),
  };
}

export function snapshot(url: string): Snapshot {
  const { engine, installation } = globalState();
  const live = new Set(engine.lifecycles.running());
  const placed = new Set<Process>();
  const fences = new Set<object>([engine]);
  for (const serviceId of serviceIds()) {
    const backends = engine.backends.all<object>(serviceId);
    for (const [, backend] of backends) fences.add(backend);
    if (backends.length > 0) fences.add(findService(serviceId)!);
  }
  const services: ServiceView[] = [];
  for (const serviceId of serviceIds()) {
    const backends = engine.backends.all<object>(serviceId);
    if (backends.length === 0) continue;
    const scopes: ScopeView[] = [];
    for (const [key, backend] of backends) {
      const [accountId = "", region = ""] = key.split("/");
      const running = [...processesIn(backend, fences)].filter((p) => live.has(p));
      for (const p of running) placed.add(p);
      scopes.push({
        accountId,
        region,
        resources: tablesOf(backend),
        running: running.map(runningView),
        glueRuns: serviceId === "Glue" ? glueRunsOf(backend) : [],
      });
    }
    services.push({ serviceId, scopes: scopes.sort((a, b) => `${a.accountId}/${a.region}`.localeCompare(`${b.accountId}/${b.region}`)) });
  }
  const total = engine.calls.size;
  const recent = engine.calls.recent(RECENT_CALLS).map((call, i, all) => callView(call, total - all.length + i + 1));
  return {
    url,
    now: engine.clock.now(),
    transitions: installation?.options.transitions ?? engine.lifecycles.mode,
    services,
    unplaced: [...live].filter((p) => !placed.has(p)).map(runningView),
    calls: { total, recent: recent.reverse() },
  };
}

/** The service a lifecycle kind belongs to ("Glue.JobRun" → "Glue"), for unplaced processes. */
export function serviceOfKind(kind: string): string {
  for (const id of serviceIds()) {
    if (findService(id)?.lifecycles.some((k) => k.kind === kind)) return id;
  }
  return kind.split(".")[0] ?? kind;
}
