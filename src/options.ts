import { AwsDoublesUsageError } from "./engine/errors.js";
import type { TransitionMode } from "./engine/lifecycle/engine.js";

/** What to do with a call to a service or operation aws-doubles does not model. */
export type OnUnhandled = "error" | "bypass" | ((service: string, operation: string) => void);

export interface MockAwsOptions {
  /** The account every call lands in unless its credentials name another (default "123456789012"). */
  accountId?: string;
  /** The region clients without one of their own use (default: AWS_REGION, else "us-east-1"). */
  region?: string;
  /**
   * "error" (default): the call fails with NotImplemented (HTTP 501) naming the service and
   * operation, and nothing touches the network. "bypass": the call goes to the real endpoint.
   * A function is called with (service, operation) first; unless it throws, the call then
   * fails with NotImplemented.
   */
  onUnhandled?: OnUnhandled;
  /** "poll" (default): runs advance one step per read that observes them. "manual": only step()/settle(). */
  transitions?: TransitionMode;
  /** How long a client token is remembered, in virtual milliseconds (default 8 hours). */
  idempotencyTtlMs?: number;
  /**
   * Make SDK retries wait 0 ms (same number of attempts) for every client while the mock is
   * installed, so injected throttling does not slow tests. Default false: real backoff.
   */
  instantRetries?: boolean;
  /**
   * Client classes or instances to patch explicitly, for SDK copies the automatic discovery
   * cannot see (a bundled SDK, modules re-created by jest.resetModules()).
   */
  clients?: readonly unknown[];
}

export interface ResolvedOptions {
  accountId: string;
  region: string;
  regionExplicit: boolean;
  onUnhandled: OnUnhandled;
  transitions: TransitionMode;
  idempotencyTtlMs: number;
  instantRetries: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const KNOWN_OPTIONS: ReadonlySet<string> = new Set(["accountId", "region", "onUnhandled", "transitions", "idempotencyTtlMs", "instantRetries", "clients"]);

/** Refuses option names the receiver would ignore (a typo such as `acountId` included). */
export function refuseUnknownOptions(options: object, known: ReadonlySet<string>, where: string): void {
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new AwsDoublesUsageError(`${where} does not take ${unknown.map((k) => JSON.stringify(k)).join(", ")}; it takes ${[...known].join(", ")}.`);
}

/** What a value is, for a usage error's "got …" ("null", "a list", "number"…). */
function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "a list" : typeof value;
}

/**
 * A test API's options argument: a plain object of the names it takes (`known`). Anything else
 * (null, a list, a number), or a name it does not take (a typo such as `tiems`), is refused.
 */
export function checkedOptions(options: unknown, known: Iterable<string>, where: string): void {
  const names = known instanceof Set ? (known as ReadonlySet<string>) : new Set(known);
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new AwsDoublesUsageError(`${where}: options must be an object { ${[...names].join(", ")} }; got ${kindOf(options)}`);
  }
  refuseUnknownOptions(options, names, where);
}

/** A `times` option: how many calls or runs a fault or rule applies to, a whole number ≥ 1. */
export function checkedTimes(times: unknown, where: string): void {
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) throw new AwsDoublesUsageError(`${where}: times must be a whole number ≥ 1; got ${String(times)}`);
}

/**
 * A `message` option of an injected failure: text that is not empty. An empty message reads
 * neither as the failure a test describes nor as the default one, so it is refused.
 */
export function checkedMessage(message: unknown, where: string): void {
  if (message !== undefined && (typeof message !== "string" || message === "")) {
    throw new AwsDoublesUsageError(`${where}: message must be a non-empty string (leave it out for the default message); got ${message === "" ? '""' : kindOf(message)}`);
  }
}

export function resolveOptions(options: MockAwsOptions = {}, defaults: { ttlMs: number }): ResolvedOptions {
  checkedOptions(options, KNOWN_OPTIONS, "mockAws(options)");
  const accountId = options.accountId ?? "123456789012";
  // typeof first: the pattern alone would take the number 123456789012 (test() makes it text).
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) throw new AwsDoublesUsageError(`mockAws({ accountId }) must be 12 digits; got ${JSON.stringify(accountId)}`);
  const region = options.region ?? process.env["AWS_REGION"] ?? "us-east-1";
  if (!REGION.test(region)) throw new AwsDoublesUsageError(`mockAws({ region }) must look like "us-east-1"; got ${JSON.stringify(region)}`);
  const onUnhandled = options.onUnhandled ?? "error";
  if (onUnhandled !== "error" && onUnhandled !== "bypass" && typeof onUnhandled !== "function") {
    throw new AwsDoublesUsageError(`mockAws({ onUnhandled }) must be "error", "bypass" or a function; got ${JSON.stringify(onUnhandled)}`);
  }
  const transitions = options.transitions ?? "poll";
  if (transitions !== "poll" && transitions !== "manual") {
    throw new AwsDoublesUsageError(`mockAws({ transitions }) must be "poll" or "manual"; got ${JSON.stringify(transitions)}`);
  }
  const idempotencyTtlMs = options.idempotencyTtlMs ?? defaults.ttlMs;
  if (!Number.isFinite(idempotencyTtlMs) || idempotencyTtlMs <= 0) {
    throw new AwsDoublesUsageError(`mockAws({ idempotencyTtlMs }) must be a positive number of milliseconds; got ${String(idempotencyTtlMs)}`);
  }
  clientsOf(options);
  return {
    accountId,
    region,
    regionExplicit: options.region !== undefined,
    onUnhandled,
    transitions,
    idempotencyTtlMs,
    instantRetries: checkedBoolean(options.instantRetries, "instantRetries") ?? false,
  };
}

function checkedBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  throw new AwsDoublesUsageError(`mockAws({ ${name} }) must be true or false; got ${JSON.stringify(value)}`);
}

/** The clients to attach (mockAws({ clients })): a list, or none. */
export function clientsOf(options: Pick<MockAwsOptions, "clients">): readonly unknown[] {
  const clients: unknown = options.clients;
  if (clients === undefined) return [];
  if (!Array.isArray(clients)) throw new AwsDoublesUsageError(`mockAws({ clients }) must be a list of SDK client classes or instances; got ${clients === null ? "null" : typeof clients}`);
  return clients;
}

/**
 * Where a service's test helper acts (`{ accountId?, region? }`, plus the helper's own option
 * names in `others`): the given account and region, checked as mockAws() checks its own, else
 * `defaults` (the installed mock's).
 */
export function resolveWhere(
  where: unknown,
  defaults: { accountId: string; region: string },
  helper: string,
  others: readonly string[] = [],
): { accountId: string; region: string } {
  if (where === null || typeof where !== "object" || Array.isArray(where)) {
    const names = [...others, "accountId", "region"].map((name) => `${name}?`).join(", ");
    throw new AwsDoublesUsageError(`${helper} takes an object { ${names} }; got ${kindOf(where)}`);
  }
  refuseUnknownOptions(where, new Set(["accountId", "region", ...others]), helper);
  const { accountId = defaults.accountId, region = defaults.region } = where as { accountId?: unknown; region?: unknown };
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) throw new AwsDoublesUsageError(`${helper}: accountId must be 12 digits; got ${JSON.stringify(accountId) ?? String(accountId)}`);
  return { accountId, region: checkedRegion(region, helper) };
}

/** A region a test helper is given: text such as "us-east-1". */
export function checkedRegion(region: unknown, helper: string): string {
  if (typeof region !== "string" || !REGION.test(region)) throw new AwsDoublesUsageError(`${helper}: region must look like "us-east-1"; got ${JSON.stringify(region) ?? String(region)}`);
  return region;
}
