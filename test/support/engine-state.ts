import { createHash } from "node:crypto";
import { createRequire } from "node:module";

/**
 * A white-box view of everything the fakes store, as one canonical text, so that a test can
 * prove that a rejected call changed nothing: take `storedState()` before and after, compare.
 *
 * It reads the engine through dist/ (the build the tests load, one instance per process,
 * shared with `aws-doubles/vitest`), as test/core tests do. What it covers:
 * - the backends of every service, account and region (every table, index, tag store and
 *   record in them, Processes and their states included);
 * - the idempotency ledger;
 * - the lifecycle engine's live processes (in their order) and its rules with their use counts;
 * - per-service test registrations (`engine.extension`: stand-ins, seeded catalogues, outputs).
 *
 * What it leaves out, because it changes on every call by design (rejected or not):
 * - the call log (`calls()` records every call, refused ones included);
 * - the lifecycle engine's request counter and per-process "last observed in request n" marks
 *   (bookkeeping that makes a process move at most once per request; they move no process);
 * - the clock (wall time runs on; the offset only changes through `aws.clock.advance`);
 * - injected faults (consumed by the call they answer; the property suites inject none).
 * And one lazy creation that is not a change: a per-service test registration map
 * (`engine.extension`) that is created empty the first time a handler looks into it is left
 * out while it is empty, so that "created empty, nothing registered" reads the same as "not
 * created yet". Backends get no such allowance: the engine drops a backend a refused call
 * created, so a backend that appears on a refused call is a change.
 */
const require = createRequire(import.meta.url);
const { globalState } = require("../../dist/state.js") as typeof import("../../src/state.js");
const { OrderedTable } = require("../../dist/engine/ordered-table.js") as typeof import("../../src/engine/ordered-table.js");
const { Engine } = require("../../dist/engine/engine.js") as typeof import("../../src/engine/engine.js");
const { CallLog } = require("../../dist/engine/calls.js") as typeof import("../../src/engine/calls.js");
const { VirtualClock } = require("../../dist/engine/clock.js") as typeof import("../../src/engine/clock.js");
const { FaultInjector } = require("../../dist/engine/faults.js") as typeof import("../../src/engine/faults.js");
const { LifecycleEngine } = require("../../dist/engine/lifecycle/engine.js") as typeof import("../../src/engine/lifecycle/engine.js");
const { IdempotencyLedger } = require("../../dist/engine/idempotency.js") as typeof import("../../src/engine/idempotency.js");

type EngineLike = InstanceType<typeof Engine>;

/** The process's one engine (what `mockAws()` and the setup files drive). */
export function currentEngine(): EngineLike {
  return globalState().engine;
}

/** How many calls the fake has answered or refused so far (without copying the log). */
export function recordedCallCount(): number {
  return currentEngine().calls.size;
}

/**
 * Objects a backend may point at that are not stored state: the engine and its parts. Walked
 * from the root on their own terms (the parts that are state), opaque everywhere else.
 */
const OPAQUE: ReadonlyArray<abstract new (...args: never[]) => unknown> = [Engine, CallLog, VirtualClock, FaultInjector, LifecycleEngine, IdempotencyLedger];

/** Prototypes whose instances are written by kind, found in one lookup (the walk's hot path). */
const OPAQUE_PROTOTYPES = new Set<object>([...OPAQUE.map((type) => type.prototype as object), WeakMap.prototype, WeakSet.prototype, WeakRef.prototype, Promise.prototype]);

/**
 * A canonical text of any value graph: object keys in sorted order, Maps and Sets in their
 * order, Dates by time, bytes by digest, and an object met a second time (shared, or a cycle)
 * as a reference to the number it got when first met (numbered in walk order, so equal graphs
 * number alike). Own accessors are not run (stored records have none; getters live on
 * prototypes, which the walk does not read). Built by string concatenation: this runs once
 * per call of a property suite, over every backend.
 */
export function canonicalText(root: unknown): string {
  const seen = new Map<object, number>();
  let out = "";

  const walk = (value: unknown): void => {
    switch (typeof value) {
      case "string":
        out += JSON.stringify(value);
        return;
      case "number":
        out += Object.is(value, -0) ? "-0" : String(value);
        return;
      case "boolean":
        out += value ? "true" : "false";
        return;
      case "undefined":
        out += "undefined";
        return;
      case "bigint":
        out += `${value}n`;
        return;
      case "symbol":
        out += `Symbol(${value.description ?? ""})`;
        return;
      case "function":
        // A closure's captured state is not visible; its identity (by name) is what we can compare.
        out += `fn ${value.name}`;
        return;
    }
    if (value === null) {
      out += "null";
      return;
    }
    const object = value as object;
    const prototype = Object.getPrototypeOf(object) as object | null;
    if (prototype !== null && OPAQUE_PROTOTYPES.has(prototype)) {
      // Always by name (never a reference), so a text does not depend on where it was first met.
      out += `<${object.constructor.name}>`;
      return;
    }
    const earlier = seen.get(object);
    if (earlier !== undefined) {
      out += `@${earlier}`;
      return;
    }
    seen.set(object, seen.size);
    if (prototype === Object.prototype) return walkMembers(object, "{");
    if (prototype === Array.prototype) return walkArray(object as unknown[]);
    if (object instanceof Date) {
      out += `Date(${object.getTime()})`;
      return;
    }
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) {
      const bytes = object instanceof ArrayBuffer ? new Uint8Array(object) : new Uint8Array(object.buffer, object.byteOffset, object.byteLength);
      out += `${object.constructor.name}(${bytes.length}:${createHash("sha1").update(bytes).digest("hex")})`;
      return;
    }
    if (object instanceof OrderedTable) {
      // Its entries in sort order; how they are laid out in chunks is the table's business.
      out += "OrderedTable[";
      for (const entry of object.entries()) {
        out += `${JSON.stringify(entry.key)} ${JSON.stringify(entry.id)}=`;
        walk(entry.value);
        out += ",";
      }
      out += "]";
      return;
    }
    if (object instanceof Map) {
      out += "Map{";
      for (const [key, member] of object) {
        walk(key);
        out += "=>";
        walk(member);
        out += ",";
      }
      out += "}";
      return;
    }
    if (object instanceof Set) {
      out += "Set{";
      for (const member of object) {
        walk(member);
        out += ",";
      }
      out += "}";
      return;
    }
    if (Array.isArray(object)) return walkArray(object);
    if (object instanceof RegExp) {
      out += String(object);
      return;
    }
    const name = prototype === null ? "null-proto" : ((prototype as { constructor?: { name?: string } }).constructor?.name ?? "?");
    if (object instanceof Error) out += `${JSON.stringify(object.name)}:${JSON.stringify(object.message)};`;
    walkMembers(object, `${name}{`);
  };

  const walkArray = (array: unknown[]): void => {
    out += "[";
    for (let i = 0; i < array.length; i++) {
      if (i in array) walk(array[i]);
      else out += "hole";
      out += ",";
    }
    out += "]";
  };

  const walkMembers = (object: object, opening: string): void => {
    out += opening;
    for (const key of Object.keys(object).sort()) {
      out += `${JSON.stringify(key)}:`;
      walk((object as Record<string, unknown>)[key]);
      out += ",";
    }
    out += "}";
  };

  walk(root);
  return out;
}

/** Private members of the engine's parts this helper reads (white-box, by design). */
interface EngineInternals {
  backends: { byService: Map<string, Map<string, unknown>> };
  ledger: { entries: Map<string, unknown> };
  lifecycles: { live: Set<unknown>; rules: unknown[]; mode: string };
  extensions: Map<string, unknown>;
}

function isEmptyContainer(value: unknown): boolean {
  if (value instanceof Map || value instanceof Set) return value.size === 0;
  if (value instanceof OrderedTable) return value.size === 0;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * Everything the engine stores, as one canonical text (see the module comment for what is
 * left out and why). Two equal texts mean no stored state differs. One walk over all of it,
 * so a process held by a backend and by the live set is written once and referenced after.
 */
export function storedState(engine: EngineLike = currentEngine()): string {
  const internals = engine as unknown as EngineInternals;
  const backends: Array<[string, unknown]> = [];
  for (const [serviceId, perScope] of internals.backends.byService) {
    for (const [scopeKey, backend] of perScope) backends.push([`${serviceId} ${scopeKey}`, backend]);
  }
  backends.sort(([a], [b]) => (a < b ? -1 : 1));
  const extensions = [...internals.extensions].filter(([, value]) => !isEmptyContainer(value)).sort(([a], [b]) => (a < b ? -1 : 1));
  return canonicalText({
    backends,
    ledger: internals.ledger.entries,
    mode: internals.lifecycles.mode,
    live: [...internals.lifecycles.live],
    rules: internals.lifecycles.rules,
    extensions,
  });
}

/** Where two state texts first differ, with some context: what a failure message shows. */
export function firstDifference(before: string, after: string, context = 160): string {
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  if (i === before.length && i === after.length) return "no difference";
  const from = Math.max(0, i - context);
  return `at character ${i}:\n  before: …${before.slice(from, i + context)}…\n  after:  …${after.slice(from, i + context)}…`;
}
