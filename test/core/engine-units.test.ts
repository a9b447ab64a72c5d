import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * The engine's building blocks, tested directly where a service-level test cannot show the
 * property (page cost, token expiry arithmetic, rule application to running processes).
 */
const require = createRequire(import.meta.url);
const { OrderedTable } = require("../../dist/engine/ordered-table.js") as typeof import("../../src/engine/ordered-table.js");
const { paginate, InvalidPageTokenError } = require("../../dist/engine/pagination.js") as typeof import("../../src/engine/pagination.js");
const { IdempotencyLedger } = require("../../dist/engine/idempotency.js") as typeof import("../../src/engine/idempotency.js");
const { LifecycleEngine } = require("../../dist/engine/lifecycle/engine.js") as typeof import("../../src/engine/lifecycle/engine.js");
const { LinearProcess } = require("../../dist/engine/lifecycle/process.js") as typeof import("../../src/engine/lifecycle/process.js");

function tableOf(size: number) {
  const table = new OrderedTable<{ name: string }>((v) => v.name);
  for (let i = 0; i < size; i++) table.set(`item-${String(i).padStart(6, "0")}`, { name: `item-${String(i).padStart(6, "0")}` });
  return table;
}

describe("pagination", () => {
  it("visits the same number of entries per page whether the store holds 20 or 10,000 items", () => {
    const visitsFor = (size: number) => {
      const table = tableOf(size);
      let visits = 0;
      const filter = () => {
        visits++;
        return true;
      };
      const first = paginate(table, "scope", { defaultSize: 5, filter });
      visits = 0;
      paginate(table, "scope", { defaultSize: 5, filter, token: first.nextToken });
      return visits;
    };
    expect(visitsFor(10_000)).toBe(visitsFor(20));
    expect(visitsFor(20)).toBe(6); // the page, plus one look-ahead to know whether more exist
  });

  it("walks every item exactly once, ends without a token, and refuses foreign tokens", () => {
    const table = tableOf(23);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = paginate(table, "scope", { defaultSize: 5, token });
      seen.push(...page.items.map((i) => i.name));
      token = page.nextToken;
    } while (token);
    expect(seen).toEqual(table.values().map((v) => v.name));
    const page = paginate(table, "scope", { defaultSize: 5 });
    expect(() => paginate(table, "other-scope", { defaultSize: 5, token: page.nextToken })).toThrow(InvalidPageTokenError);
    expect(() => paginate(table, "scope", { defaultSize: 5, token: page.nextToken, query: { filter: "x" } })).toThrow(InvalidPageTokenError);
    expect(() => paginate(table, "scope", { defaultSize: 5, token: "%%%" })).toThrow(InvalidPageTokenError);
  });

  it("keeps entries sorted when keys change and after deletes", () => {
    const table = new OrderedTable<{ rank: number }>((v) => v.rank);
    table.set("a", { rank: 3 });
    table.set("b", { rank: 1 });
    table.set("c", { rank: 2 });
    table.set("a", { rank: 0 });
    table.delete("c");
    expect(table.entries().map((e) => e.id)).toEqual(["a", "b"]);
  });
});

describe("idempotency ledger", () => {
  it("replays for the same request, reports a mismatch for another, and forgets after the TTL", () => {
    const ledger = new IdempotencyLedger(1000);
    const scope = ["Svc", "123456789012", "us-east-1", "Create"];
    expect(ledger.lookup(scope, "t", { a: 1 }, 0)).toEqual({ kind: "new" });
    ledger.record(scope, "t", { a: 1, b: [1, 2] }, { id: "r-1" }, 0);
    expect(ledger.lookup(scope, "t", { b: [1, 2], a: 1 }, 999)).toEqual({ kind: "replay", output: { id: "r-1" } });
    expect(ledger.lookup(scope, "t", { a: 2 }, 999)).toEqual({ kind: "mismatch" });
    expect(ledger.lookup(["Svc", "123456789012", "us-east-1", "Other"], "t", { a: 2 }, 999)).toEqual({ kind: "new" });
    expect(ledger.lookup(scope, "t", { a: 2 }, 1000)).toEqual({ kind: "new" });
  });
});

describe("lifecycle engine", () => {
  const spec = { kind: "Test.Run", path: ["STARTING", "RUNNING", "SUCCEEDED"] };
  type Run = InstanceType<typeof LinearProcess>;

  /** One read request as dispatch runs it: observe, render (what the caller sees), then end. */
  const readWith = (engine: InstanceType<typeof LifecycleEngine>, answered = true) => (p: Run) => {
    engine.beginRequest();
    engine.observe(p);
    const seen = p.state;
    engine.endRequest(answered);
    return seen;
  };

  it("poll mode: a read shows the state it found, then moves the process one step, never twice in one request", () => {
    const engine = new LifecycleEngine("poll");
    const entered: string[] = [];
    engine.beginRequest();
    const run = engine.register(new LinearProcess(spec, {}, { onEnter: (s) => entered.push(s) }));
    engine.observe(run); // created in this request: the creation shows the first state
    expect(run.state).toBe("STARTING");
    engine.endRequest(true);
    expect(run.state).toBe("STARTING");

    engine.beginRequest();
    engine.observe(run);
    engine.observe(run);
    expect(run.state).toBe("STARTING"); // the response is rendered from this
    engine.endRequest(true);
    expect(run.state).toBe("RUNNING");

    const read = readWith(engine);
    expect(read(run)).toBe("RUNNING");
    expect(run.done).toBe(true);
    expect(read(run)).toBe("SUCCEEDED");
    expect(entered).toEqual(["RUNNING", "SUCCEEDED"]);
  });

  it("a rejected request moves nothing it observed", () => {
    const engine = new LifecycleEngine("poll");
    const run = engine.register(new LinearProcess(spec, {}));
    const rejected = readWith(engine, false);
    expect([rejected(run), rejected(run), rejected(run)]).toEqual(["STARTING", "STARTING", "STARTING"]);
    expect(run.state).toBe("STARTING");
    expect(readWith(engine)(run)).toBe("STARTING");
    expect(run.state).toBe("RUNNING");
  });

  it("asRequest() acts like one call: answered, it moves what it observed; thrown, nothing", () => {
    const engine = new LifecycleEngine("poll");
    const run = engine.register(new LinearProcess(spec, {}));
    const seen = engine.asRequest(() => {
      engine.observe(run);
      return run.state;
    });
    expect([seen, run.state]).toEqual(["STARTING", "RUNNING"]);
    expect(() =>
      engine.asRequest(() => {
        engine.observe(run);
        throw new Error("rejected");
      }),
    ).toThrow("rejected");
    expect(run.state).toBe("RUNNING");
  });

  it("manual mode moves only on step() and settle()", () => {
    const engine = new LifecycleEngine("manual");
    const run = engine.register(new LinearProcess(spec, {}));
    expect(readWith(engine)(run)).toBe("STARTING");
    expect(run.state).toBe("STARTING");
    engine.step();
    expect(run.state).toBe("RUNNING");
    engine.settle();
    expect(run.state).toBe("SUCCEEDED");
    expect(engine.running()).toEqual([]);
  });

  it("rules make matching runs fail, hold or go slowly, including runs already running", () => {
    const engine = new LifecycleEngine("poll");
    const read = readWith(engine);
    const early = engine.register(new LinearProcess(spec, { Name: "a" }));
    engine.addRule("Test.Run", { Name: "a" }, { type: "end", state: "FAILED", message: "boom" });
    expect([read(early), read(early), read(early)]).toEqual(["STARTING", "RUNNING", "FAILED"]);
    expect(early.failureMessage).toBe("boom");

    const held = engine.register(new LinearProcess(spec, { Name: "b" }));
    const hold = engine.addRule("Test.Run", (attrs) => attrs["Name"] === "b", { type: "hold", state: "RUNNING" });
    expect([read(held), read(held), read(held), read(held)]).toEqual(["STARTING", "RUNNING", "RUNNING", "RUNNING"]);
    hold.release();
    expect([read(held), read(held)]).toEqual(["RUNNING", "SUCCEEDED"]);

    engine.addRule("Test.Run", { Name: "c" }, { type: "slow", readsPerStep: 2 }, 1);
    const slow = engine.register(new LinearProcess(spec, { Name: "c" }));
    expect([read(slow), read(slow), read(slow), read(slow), read(slow)]).toEqual(["STARTING", "STARTING", "RUNNING", "RUNNING", "SUCCEEDED"]);
    const second = engine.register(new LinearProcess(spec, { Name: "c" }));
    expect([read(second), read(second)]).toEqual(["STARTING", "RUNNING"]); // times: 1 — the rule was used up
  });

  it("settle() releases holds and ends every process; reset() forgets processes and rules", () => {
    const engine = new LifecycleEngine("poll");
    engine.addRule("Test.Run", undefined, { type: "hold", state: "STARTING" });
    const run = engine.register(new LinearProcess(spec, {}));
    engine.settle();
    expect(run.state).toBe("SUCCEEDED");
    engine.reset();
    const fresh = engine.register(new LinearProcess(spec, {}));
    const read = readWith(engine);
    expect([read(fresh), read(fresh)]).toEqual(["STARTING", "RUNNING"]);
  });

  it("API actions divert a process (a stop) and jump to a state at once", () => {
    const engine = new LifecycleEngine("poll");
    const run = engine.register(new LinearProcess(spec, {}));
    run.jump("STOPPING", ["STOPPED"]);
    expect(run.state).toBe("STOPPING");
    expect(readWith(engine)(run)).toBe("STOPPING"); // the first read shows what the action left
    expect(run.state).toBe("STOPPED");
    const other = engine.register(new LinearProcess(spec, {}));
    other.jump("STOPPING", ["STOPPED"]);
    engine.settle();
    expect(other.state).toBe("STOPPED");
  });
});

describe("request copies", () => {
  const { walkInput } = require("../../dist/engine/validation/schema-walk.js") as typeof import("../../src/engine/validation/schema-walk.js");
  const { canonicalJson, deepCopy } = require("../../dist/engine/canonical.js") as typeof import("../../src/engine/canonical.js");
  const omicsSdk = require("@aws-sdk/client-omics") as Record<string, unknown[]>;
  const inputOf = (operation: string) => omicsSdk[`${operation}$`]![4];

  it("share nothing with the caller's objects, documents and bytes included", () => {
    const parameters = { sample: { reads: ["a.fastq"] } };
    const { value, violations } = walkInput(inputOf("StartRun"), { roleArn: "arn:aws:iam::123456789012:role/r", outputUri: "s3://b/o/", parameters, requestId: "t" });
    expect(violations).toEqual([]);
    parameters.sample.reads.push("b.fastq");
    expect(value["parameters"]).toEqual({ sample: { reads: ["a.fastq"] } });

    const zip = new Uint8Array([80, 75, 3, 4]);
    const created = walkInput(inputOf("CreateWorkflow"), { definitionZip: zip, requestId: "t" }).value;
    zip.fill(0);
    expect([...(created["definitionZip"] as Uint8Array)]).toEqual([80, 75, 3, 4]);
  });

  it("keep a map entry named __proto__ as data, in the walk, in copies and in idempotency fingerprints", () => {
    const tags = JSON.parse('{"__proto__": "evil", "team": "genomics"}') as Record<string, string>;
    const { value } = walkInput(inputOf("CreateRunGroup"), { name: "g", tags, requestId: "t" });
    expect(Object.keys(value["tags"] as object)).toEqual(["__proto__", "team"]);
    expect(Object.getPrototypeOf(value["tags"])).toBe(Object.prototype);
    expect(Object.keys(deepCopy(value["tags"]) as object)).toEqual(["__proto__", "team"]);
    expect(canonicalJson({ tags })).not.toBe(canonicalJson({ tags: { team: "genomics" } }));
  });
});

describe("declared rules", () => {
  const { int, checkRequest } = require("../../dist/engine/validation/rules.js") as typeof import("../../src/engine/validation/rules.js");
  const ctx = { enumValues: () => undefined };
  it("int() takes whole numbers within its range, and the 32-bit range where it states none", () => {
    const rules = { Retries: int({ min: 0 }), Size: int({ min: 1, max: 10 }) };
    expect(checkRequest(rules, { Retries: 2 ** 31 - 1, Size: 10 }, ctx)).toEqual([]);
    const constraints = checkRequest(rules, { Retries: 1e20, Size: 1.5 }, ctx).map((v) => `${v.path}: ${v.constraint}`);
    expect(constraints).toEqual(["retries: Member must have value less than or equal to 2147483647", "size: Member must be a whole number"]);
  });
});

describe("validation messages", () => {
  const { formatViolations } = require("../../dist/engine/validation/violations.js") as typeof import("../../src/engine/validation/violations.js");
  it("quote any value without throwing: invalid dates, BigInts, cycles", () => {
    const cycle: Record<string, unknown> = {};
    cycle["self"] = cycle;
    const message = formatViolations([
      { path: "a", value: new Date(Number.NaN), constraint: "Member must be a valid date" },
      { path: "b", value: { n: 10n }, constraint: "Member must be a string" },
      { path: "c", value: cycle, constraint: "Member must be a string" },
    ]);
    expect(message).toBe(
      "3 validation errors detected: Value 'Invalid Date' at 'a' failed to satisfy constraint: Member must be a valid date; " +
        "Value '{\"n\":\"10\"}' at 'b' failed to satisfy constraint: Member must be a string; " +
        "Value '[object Object]' at 'c' failed to satisfy constraint: Member must be a string",
    );
  });
});
