import type { RecordedCall } from "../engine/calls.js";
import { AwsDoublesUsageError } from "../engine/errors.js";
import type { LifecycleRule, RuleWhere } from "../engine/lifecycle/engine.js";
import type { LifecycleKindName } from "../generated/lifecycle-kinds.js";
import type { LifecycleControl, ServiceName } from "../mock.js";
import type { AwsMock, RuntimeOptions } from "../mock.js";
import { globalState } from "../state.js";
import { toJson } from "./json.js";
import { snapshot } from "./dashboard/snapshot.js";

/** The reserved path prefix of the control API and the dashboard (no AWS route starts with it). */
export const CONTROL_PREFIX = "/_aws-doubles";

export interface ControlResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A control request the server could not act on: answered with its status and message. */
class ControlError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function json(value: unknown, statusCode = 200): ControlResponse {
  return { statusCode, headers: { "content-type": "application/json" }, body: Buffer.from(toJson(value)) };
}

function parseBody(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ControlError(400, "BadRequest", `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new ControlError(400, "BadRequest", "The body must be a JSON object.");
  return parsed as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new ControlError(400, "BadRequest", `"${name}" must be a string.`);
  return value;
}

function optionalNumber(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number") throw new ControlError(400, "BadRequest", `"${name}" must be a number.`);
  return value;
}

/** The calls matching a query: ?service=Glue&operation=StartJobRun&last=20 (all, oldest first, by default). */
function filterCalls(calls: RecordedCall[], query: URLSearchParams): RecordedCall[] {
  const service = query.get("service");
  const operation = query.get("operation");
  const last = query.get("last");
  let result = calls.filter((c) => (!service || c.service === service) && (!operation || c.operation === operation));
  if (last !== null) {
    const count = Number(last);
    if (!Number.isInteger(count) || count < 0) throw new ControlError(400, "BadRequest", `"last" must be a whole number; got ${last}`);
    result = result.slice(Math.max(0, result.length - count));
  }
  return result;
}

/**
 * The control API: JSON over HTTP for what a test steers in-process through its `AwsMock`
 * handle, for tests whose code under test (or whose own language) lives in another process.
 * Every action goes through the server's handle, so it is validated exactly as in-process.
 * Documented in README.md ("Server mode").
 */
export class ControlApi {
  /** Lifecycle rules made through the API, by the id it handed out (for release). */
  private readonly rules = new Map<string, LifecycleRule>();
  private nextRule = 0;
  private readonly startedAt = Date.now();
  requests = 0;

  constructor(
    private readonly aws: AwsMock,
    private readonly url: () => string,
    private readonly page: (url: string, fragment: boolean) => string,
  ) {}

  handle(method: string, path: string, query: URLSearchParams, body: Buffer): ControlResponse {
    try {
      return this.route(method, path.slice(CONTROL_PREFIX.length) || "/", query, body);
    } catch (error) {
      if (error instanceof ControlError) return json({ error: { name: error.code, message: error.message } }, error.statusCode);
      // What the handle refuses is the caller's to fix (400); anything else, a TypeError included,
      // is a defect in aws-doubles and says so (500), rather than blaming the request.
      if (error instanceof AwsDoublesUsageError) return json({ error: { name: error.name, message: error.message } }, 400);
      return json({ error: { name: "InternalError", message: `aws-doubles failed on ${method} ${path}: ${String(error)}` } }, 500);
    }
  }

  private route(method: string, path: string, query: URLSearchParams, body: Buffer): ControlResponse {
    const aws = this.aws;
    const is = (m: string, p: string) => method === m && path === p;

    if (method === "GET" && (path === "/" || path === "/dashboard")) {
      return { statusCode: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }, body: Buffer.from(this.page(this.url(), query.get("fragment") === "1")) };
    }
    if (is("GET", "/health")) {
      // ?gc=1 collects garbage first when node runs with --expose-gc (the soak test's memory reading).
      if (query.get("gc") === "1") (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      return json({ ok: true, url: this.url(), uptimeMs: Date.now() - this.startedAt, requests: this.requests, recordedCalls: globalState().engine.calls.size, memory: { rss: memory.rss, heapUsed: memory.heapUsed } });
    }
    if (is("GET", "/state")) return json(snapshot(this.url()));
    if (is("GET", "/calls")) return json({ calls: filterCalls(aws.calls(), query) });
    if (is("GET", "/running")) return json({ running: aws.running((query.get("kind") ?? undefined) as LifecycleKindName | undefined) });
    if (is("GET", "/clock")) return json({ now: aws.clock.now() });
    if (is("POST", "/reset")) {
      aws.reset();
      this.rules.clear();
      return json({ ok: true });
    }
    if (is("POST", "/settle")) {
      aws.settle();
      return json({ ok: true, running: aws.running().length });
    }
    if (is("POST", "/step")) {
      const times = optionalNumber(parseBody(body), "times") ?? 1;
      if (!Number.isInteger(times) || times < 1 || times > 10_000) throw new ControlError(400, "BadRequest", `"times" must be a whole number from 1 to 10000; got ${times}`);
      for (let i = 0; i < times; i++) aws.step();
      return json({ ok: true, running: aws.running().length });
    }
    if (is("POST", "/clock/advance")) {
      const request = parseBody(body);
      const ms = optionalNumber(request, "ms");
      if (ms === undefined) throw new ControlError(400, "BadRequest", 'Give the milliseconds to advance: {"ms": 3600000}');
      aws.clock.advance(ms);
      return json({ now: aws.clock.now() });
    }
    if (is("POST", "/faults")) {
      const request = parseBody(body);
      const service = optionalString(request, "service");
      const operation = optionalString(request, "operation");
      if (!service || !operation) throw new ControlError(400, "BadRequest", 'Name the service and operation: {"service": "Glue", "operation": "StartJobRun"} ("*" for every operation)');
      const error = optionalString(request, "error");
      const message = optionalString(request, "message");
      const times = optionalNumber(request, "times");
      // Given values go to failNext as they are ("" included), so both doors refuse the same things.
      aws.failNext(service as ServiceName, operation, { ...(error !== undefined ? { error } : {}), ...(message !== undefined ? { message } : {}), ...(times !== undefined ? { times } : {}) });
      return json({ ok: true });
    }
    if (is("POST", "/lifecycle")) return this.addRule(parseBody(body));
    const release = /^\/lifecycle\/([^/]+)\/release$/.exec(path);
    if (method === "POST" && release) {
      const rule = this.rules.get(release[1]!);
      if (!rule) throw new ControlError(404, "NotFound", `No lifecycle rule ${release[1]} (rules are forgotten by reset).`);
      rule.release();
      return json({ ok: true });
    }
    if (is("POST", "/configure")) {
      const request = parseBody(body);
      const options: RuntimeOptions = {};
      const accountId = optionalString(request, "accountId");
      const transitions = optionalString(request, "transitions");
      const ttl = optionalNumber(request, "idempotencyTtlMs");
      if (accountId !== undefined) options.accountId = accountId;
      if (transitions !== undefined) options.transitions = transitions as RuntimeOptions["transitions"];
      if (ttl !== undefined) options.idempotencyTtlMs = ttl;
      aws.configure(options);
      return json({ ok: true, accountId: aws.accountId });
    }
    const credentials = /^\/credentials\/([^/]+)$/.exec(path);
    if (method === "GET" && credentials) {
      let accountId: string;
      try {
        accountId = decodeURIComponent(credentials[1]!);
      } catch {
        throw new ControlError(400, "BadRequest", `The account id in ${CONTROL_PREFIX}${path} is not valid percent-encoding.`);
      }
      return json(aws.credentialsFor(accountId));
    }
    throw new ControlError(404, "NotFound", `No control endpoint ${method} ${CONTROL_PREFIX}${path}. See README.md ("Server mode") for the control API.`);
  }

  /** {"kind": "Glue.JobRun", "where": {...}, "endsIn": "FAILED" | "staysIn": "RUNNING" | "slow": 3, "message"?, "after"?, "times"?} */
  private addRule(request: Record<string, unknown>): ControlResponse {
    const kind = optionalString(request, "kind");
    if (!kind) throw new ControlError(400, "BadRequest", 'Name the lifecycle kind: {"kind": "Glue.JobRun", "endsIn": "FAILED"}');
    const where = request["where"];
    if (where !== undefined && (where === null || typeof where !== "object" || Array.isArray(where))) throw new ControlError(400, "BadRequest", '"where" must be an object of attribute values.');
    const times = optionalNumber(request, "times");
    // Names and states arrive as text over HTTP: aws.lifecycle() checks them as it does in-process.
    const control = this.aws.lifecycle(kind as LifecycleKindName, where as RuleWhere | undefined) as LifecycleControl<LifecycleKindName>;
    const endsIn = optionalString(request, "endsIn");
    const staysIn = optionalString(request, "staysIn");
    const slow = optionalNumber(request, "slow");
    const effects = [endsIn, staysIn, slow].filter((e) => e !== undefined).length;
    if (effects !== 1) throw new ControlError(400, "BadRequest", 'Give exactly one of "endsIn", "staysIn" or "slow".');
    const timesOption = times !== undefined ? { times } : {};
    let rule: LifecycleRule;
    if (endsIn !== undefined) {
      const message = optionalString(request, "message");
      const after = optionalString(request, "after");
      // Given values go to endsIn() as they are ("" included), so both doors refuse the same things.
      rule = control.endsIn(endsIn as never, { ...timesOption, ...(message !== undefined ? { message } : {}), ...(after !== undefined ? { after: after as never } : {}) });
    } else if (staysIn !== undefined) {
      rule = control.staysIn(staysIn as never, timesOption);
    } else {
      rule = control.slow(slow!, timesOption);
    }
    const id = `rule-${++this.nextRule}`;
    this.rules.set(id, rule);
    return json({ rule: id });
  }
}
