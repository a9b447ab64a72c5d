import type { RecordedCall } from "../engine/calls.js";
import { AwsDoublesUsageError } from "../engine/errors.js";
import { loadSdk } from "../engine/sdk.js";
import { findService, findServiceByName, serviceIds } from "../services/registry.js";

/**
 * Matchers with the names aws-sdk-client-mock users know, for vitest and jest alike:
 * `expect(aws).toHaveReceivedCommand(StartJobRunCommand)`. Commands are matched by service
 * and operation *name* (from the Command class's schema or its class name, or a string such
 * as "StartJobRun" or "Glue:StartJobRun"), never with instanceof, so commands from another
 * copy of the SDK match too. Inputs match like expect.objectContaining(input).
 *
 * They live beside aws-sdk-client-mock's own matchers (aws-sdk-client-mock-vitest or -jest),
 * which register the same names: `installMatchers()` makes each name answer for its own
 * received value — an aws-doubles handle here, an aws-sdk-client-mock stub there — whichever
 * library registers last (see docs/decisions/0006-matchers-beside-aws-sdk-client-mock.md).
 */

/** What a matcher receives as `this` from vitest or jest (the parts used here). */
interface MatcherState {
  isNot: boolean;
  equals(actual: unknown, expected: unknown): boolean;
  utils: { printExpected(value: unknown): string; printReceived(value: unknown): string };
}

interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** A Command class (any SDK copy) or "Operation" / "Service:Operation". */
export type CommandRef = string | (abstract new (...args: never[]) => unknown) | ((...args: never[]) => unknown);

interface CommandKey {
  service?: string;
  operation: string;
  label: string;
}

/** Marks the handles mockAws() returns, so matchers can tell them from other libraries' stubs. */
export const HANDLE_BRAND = Symbol.for("aws-doubles.handle");

export function isAwsDoublesHandle(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[HANDLE_BRAND] === true;
}

function serviceForNamespace(namespace: unknown): string | undefined {
  if (typeof namespace !== "string") return undefined;
  return serviceIds().find((id) => findService(id)?.namespace === namespace);
}

/** Every command name of the installed clients of a service ("StartJobRun", …). */
function sdkOperations(serviceId: string): string[] {
  const service = findService(serviceId);
  const sdk = service ? loadSdk(service.sdkPackage) : undefined;
  const names = sdk ? Object.keys(sdk).filter((name) => /^[A-Z]\w*Command$/.test(name)).map((name) => name.slice(0, -"Command".length)) : [];
  return names.length > 0 ? names : Object.keys(service?.operations ?? {});
}

function suggestions(name: string, candidates: readonly string[]): string {
  const lower = name.toLowerCase();
  const close = candidates.filter((c) => c.toLowerCase().includes(lower.slice(0, 4)) || lower.includes(c.toLowerCase().slice(0, 6))).slice(0, 5);
  return close.length > 0 ? ` Did you mean ${close.join(", ")}?` : "";
}

/** A string reference must name an operation of a modelled service's client. */
function keyFromString(ref: string): CommandKey {
  const parts = ref.split(":");
  // "Glue:StartJobRun:x" or "Glue:" would otherwise be read as something it does not say.
  if (parts.length > 2 || parts.some((part) => part === "")) {
    throw new AwsDoublesUsageError(`${JSON.stringify(ref)} is not an operation name: write "Operation" or "Service:Operation", e.g. "StartJobRun" or "Glue:StartJobRun".`);
  }
  const [serviceName, rawOperation] = parts.length === 2 ? (parts as [string, string]) : [undefined, ref];
  const operation = rawOperation.replace(/Command$/, "");
  if (serviceName !== undefined) {
    const service = findServiceByName(serviceName);
    if (!service) throw new AwsDoublesUsageError(`"${ref}" names no modelled service: use one of ${serviceIds().join(", ")} before the colon.`);
    const operations = sdkOperations(service.serviceId);
    if (!operations.includes(operation)) throw new AwsDoublesUsageError(`"${ref}": ${service.serviceId} has no operation ${operation}.${suggestions(operation, operations)}`);
    return { service: service.serviceId, operation, label: ref };
  }
  const owners = serviceIds().filter((id) => sdkOperations(id).includes(operation));
  if (owners.length === 0) {
    const all = serviceIds().flatMap((id) => sdkOperations(id));
    throw new AwsDoublesUsageError(`"${ref}" is no operation of ${serviceIds().join(", ")}.${suggestions(operation, all)} Pass the Command class, or "Service:Operation".`);
  }
  return { operation, label: ref };
}

function commandKey(ref: CommandRef): CommandKey {
  if (typeof ref === "string") return keyFromString(ref);
  if (typeof ref === "function") {
    let schema: unknown;
    try {
      schema = (new (ref as unknown as new (input: object) => { schema?: unknown })({}) as { schema?: unknown }).schema;
    } catch {
      schema = undefined;
    }
    if (Array.isArray(schema) && typeof schema[2] === "string") {
      const service = serviceForNamespace(schema[1]);
      return { ...(service ? { service } : {}), operation: schema[2], label: `${schema[2]}Command` };
    }
    const name = (ref as { name?: string }).name ?? "";
    if (name.endsWith("Command")) return { operation: name.slice(0, -"Command".length), label: name };
  }
  const className = typeof ref === "object" && ref !== null ? (ref as { constructor?: { name?: unknown } }).constructor?.name : undefined;
  if (typeof className === "string" && className.endsWith("Command")) {
    // A common slip: expect(aws).toHaveReceivedCommand(new StartJobRunCommand({ … })).
    throw new AwsDoublesUsageError(`Expected a Command class, got an instance of ${className}: pass the class (${className}) and the expected input as the next argument.`);
  }
  throw new AwsDoublesUsageError(`Expected an AWS SDK v3 Command class or an operation name such as "StartJobRun" or "Glue:StartJobRun"; got ${shownValue(ref)}`);
}

function callsOf(received: unknown): RecordedCall[] {
  if (!isAwsDoublesHandle(received)) {
    throw new AwsDoublesUsageError(
      `expect(received): received must be the aws-doubles mock (what mockAws() returns, or \`aws\` from aws-doubles/vitest or aws-doubles/jest); got ${describe(received)}. ` +
        "For an aws-sdk-client-mock stub, load its matchers too (aws-sdk-client-mock-vitest/extend or aws-sdk-client-mock-jest): both libraries' matchers work side by side.",
    );
  }
  return (received as { calls(): RecordedCall[] }).calls();
}

/** A bad argument as a usage message shows it: "1" (text) stays distinct from 1, a list is not "1,2". */
function shownValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return describe(value);
  if (typeof value === "function") return `a function (${value.name || "anonymous"}) that is not a Command class`;
  return String(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return typeof value;
}

function isCall(call: RecordedCall, key: CommandKey): boolean {
  return call.operation === key.operation && (key.service === undefined || call.service === key.service);
}

function inputMatches(state: MatcherState, input: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return Object.keys(expected).every((name) => state.equals(input[name], expected[name]));
}

/** How many of the most recent calls a failing matcher shows. */
const SHOWN_CALLS = 10;

function describeCalls(state: MatcherState, calls: RecordedCall[], key?: CommandKey): string {
  if (calls.length === 0) return "  (no calls)";
  const shown = calls.slice(-SHOWN_CALLS);
  const first = calls.length - shown.length;
  const lines = shown.map((c, i) => {
    const marker = key && isCall(c, key) ? "→" : " ";
    const outcome = c.error ? ` ✗ ${c.error.name}` : "";
    return ` ${marker}${first + i + 1}. ${c.service}.${c.operation} ${state.utils.printReceived(c.input)}${outcome}`;
  });
  const matching = key ? calls.filter((c) => isCall(c, key)).length : undefined;
  const summary = `${calls.length} call${calls.length === 1 ? "" : "s"} in all${matching !== undefined ? `, ${matching} of ${key!.label}` : ""}${first > 0 ? `; the last ${shown.length} shown` : ""}.`;
  return `${lines.join("\n")}\n  ${summary}`;
}

function result(state: MatcherState, pass: boolean, expectation: string, calls: RecordedCall[], key?: CommandKey): MatcherResult {
  return {
    pass,
    message: () => `Expected the mock ${state.isNot ? "not " : ""}to have received ${expectation}.\nReceived calls:\n${describeCalls(state, calls, key)}`,
  };
}

function checkCount(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new AwsDoublesUsageError(`${what} must be a whole number ≥ 1; got ${shownValue(n)}`);
  return n;
}

function checkInput(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== "object" || Array.isArray(input)) throw new AwsDoublesUsageError(`The expected input must be an object of members; got ${shownValue(input)}`);
  return input as Record<string, unknown>;
}

function nthOfAll(state: MatcherState, received: unknown, n: unknown, command: CommandRef, expected: unknown): MatcherResult {
  const key = commandKey(command);
  const input = checkInput(expected);
  const count = checkCount(n, "The call number");
  const calls = callsOf(received);
  const call = calls[count - 1];
  const pass = call !== undefined && isCall(call, key) && inputMatches(state, call.input, input);
  return result(state, pass, `${key.label} with ${state.utils.printExpected(input)} as call #${count}`, calls, key);
}

function nthOfCommand(state: MatcherState, received: unknown, command: CommandRef, n: unknown, expected: unknown): MatcherResult {
  const key = commandKey(command);
  const input = checkInput(expected);
  const count = checkCount(n, "The call number");
  const calls = callsOf(received);
  const call = calls.filter((c) => isCall(c, key))[count - 1];
  const pass = call !== undefined && inputMatches(state, call.input, input);
  return result(state, pass, `${key.label} #${count} with ${state.utils.printExpected(input)}`, calls, key);
}

function timesOf(state: MatcherState, received: unknown, command: CommandRef, times: number): MatcherResult {
  const key = commandKey(command);
  if (typeof times !== "number" || !Number.isInteger(times) || times < 0) throw new AwsDoublesUsageError(`times must be a whole number ≥ 0; got ${shownValue(times)}`);
  const calls = callsOf(received);
  const count = calls.filter((c) => isCall(c, key)).length;
  return result(state, count === times, `${key.label} ${times} time(s) (received it ${count} time(s))`, calls, key);
}

function withInput(state: MatcherState, received: unknown, command: CommandRef, expected: unknown, exactlyOnce: boolean): MatcherResult {
  const key = commandKey(command);
  const input = checkInput(expected);
  const calls = callsOf(received);
  const matching = calls.filter((c) => isCall(c, key));
  const pass = (!exactlyOnce || matching.length === 1) && matching.some((c) => inputMatches(state, c.input, input));
  return result(state, pass, `${key.label}${exactlyOnce ? " exactly once" : ""} with ${state.utils.printExpected(input)}`, calls, key);
}

export const matchers = {
  toHaveReceivedCommand(this: MatcherState, received: unknown, command: CommandRef): MatcherResult {
    const key = commandKey(command);
    const calls = callsOf(received);
    return result(this, calls.some((c) => isCall(c, key)), key.label, calls, key);
  },

  toHaveReceivedCommandTimes(this: MatcherState, received: unknown, command: CommandRef, times: number): MatcherResult {
    return timesOf(this, received, command, times);
  },

  toHaveReceivedCommandOnce(this: MatcherState, received: unknown, command: CommandRef): MatcherResult {
    return timesOf(this, received, command, 1);
  },

  toHaveReceivedCommandWith(this: MatcherState, received: unknown, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    return withInput(this, received, command, input, false);
  },

  toHaveReceivedCommandExactlyOnceWith(this: MatcherState, received: unknown, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    return withInput(this, received, command, input, true);
  },

  /**
   * `(n, command, input)`: the nth call of all calls (1-based) was this command with this input,
   * as in aws-sdk-client-mock-jest. `(command, n, input)`: the nth call of this command had this
   * input, as in aws-sdk-client-mock-vitest.
   */
  toHaveReceivedNthCommandWith(this: MatcherState, received: unknown, first: unknown, second: unknown, input: Record<string, unknown>): MatcherResult {
    return typeof first === "number" ? nthOfAll(this, received, first, second as CommandRef, input) : nthOfCommand(this, received, first as CommandRef, second, input);
  },

  /** The nth call of this command (1-based) had this input. */
  toHaveReceivedNthSpecificCommandWith(this: MatcherState, received: unknown, n: number, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    return nthOfCommand(this, received, command, n, input);
  },

  toHaveReceivedLastCommandWith(this: MatcherState, received: unknown, command: CommandRef, expected: Record<string, unknown>): MatcherResult {
    const key = commandKey(command);
    const input = checkInput(expected);
    const calls = callsOf(received);
    const matching = calls.filter((c) => isCall(c, key));
    const last = matching[matching.length - 1];
    const pass = last !== undefined && inputMatches(this, last.input, input);
    return result(this, pass, `${key.label} last with ${this.utils.printExpected(input)}`, calls, key);
  },

  toHaveReceivedAnyCommand(this: MatcherState, received: unknown): MatcherResult {
    const calls = callsOf(received);
    return result(this, calls.length > 0, "any command", calls);
  },
};

/** aws-sdk-client-mock's short aliases, so either spelling works on an aws-doubles handle. */
const ALIASES: Record<string, keyof typeof matchers> = {
  toReceiveCommand: "toHaveReceivedCommand",
  toReceiveCommandTimes: "toHaveReceivedCommandTimes",
  toReceiveCommandOnce: "toHaveReceivedCommandOnce",
  toReceiveCommandWith: "toHaveReceivedCommandWith",
  toReceiveCommandExactlyOnceWith: "toHaveReceivedCommandExactlyOnceWith",
  toReceiveNthCommandWith: "toHaveReceivedNthCommandWith",
  toReceiveNthSpecificCommandWith: "toHaveReceivedNthSpecificCommandWith",
  toReceiveLastCommandWith: "toHaveReceivedLastCommandWith",
  toReceiveAnyCommand: "toHaveReceivedAnyCommand",
};

type MatcherFunction = (this: unknown, received: unknown, ...args: unknown[]) => unknown;

/** Every matcher name aws-doubles answers, with its implementation. */
export const allMatchers: Record<string, MatcherFunction> = {
  ...(matchers as unknown as Record<string, MatcherFunction>),
  ...Object.fromEntries(Object.entries(ALIASES).map(([alias, name]) => [alias, matchers[name] as unknown as MatcherFunction])),
};

const COMBINED = Symbol.for("aws-doubles.combinedMatcher");

/** One matcher answering aws-doubles handles itself and handing anything else to `other`. */
function combine(ours: MatcherFunction, other: MatcherFunction | undefined): MatcherFunction {
  if (!other || (other as { [COMBINED]?: boolean })[COMBINED]) return ours;
  const combined = function (this: unknown, received: unknown, ...args: unknown[]) {
    return isAwsDoublesHandle(received) ? ours.call(this, received, ...args) : other.call(this, received, ...args);
  };
  (combined as unknown as Record<symbol, boolean>)[COMBINED] = true;
  return combined;
}

interface ExpectLike {
  extend(matchers: Record<string, unknown>): void;
}

/** Where vitest and jest keep registered matchers (both use this global symbol). */
const MATCHERS_OBJECT = Symbol.for("$$jest-matchers-object");

function registered(): Record<string, MatcherFunction> {
  const holder = (globalThis as Record<symbol, { matchers?: Record<string, MatcherFunction> } | undefined>)[MATCHERS_OBJECT];
  return holder?.matchers ?? {};
}

const EXTEND_WRAPPED = Symbol.for("aws-doubles.extendWrapped");

/** The parts of chai that vitest's expect is built on (vitest exports it as `chai`). */
export interface ChaiLike {
  Assertion: { prototype: Record<string, unknown> };
  util: { addMethod(target: object, name: string, method: (...args: unknown[]) => unknown): void; flag(assertion: object, key: string): unknown };
}

/**
 * Registers the matchers on a runner's expect so that they share their names with
 * aws-sdk-client-mock's, whichever registers first:
 * - names registered before ours keep answering for what is not an aws-doubles handle (jest
 *   keeps the raw matchers where they can be wrapped; vitest keeps chai methods, so with
 *   `chai` given the two methods are joined at chai's level);
 * - expect.extend is wrapped so that a later registration of one of these names is joined
 *   with ours the same way.
 */
export function installMatchers(expect: ExpectLike, options: { chai?: ChaiLike } = {}): void {
  const chai = options.chai;
  const before = chai ? previousChaiMethods(chai) : {};
  const existing = chai ? {} : registered();
  const ours: Record<string, MatcherFunction> = {};
  for (const [name, matcher] of Object.entries(allMatchers)) ours[name] = combine(matcher, existing[name]);
  expect.extend(ours);
  if (chai) joinChaiMethods(chai, before);
  const extend = expect.extend as ExpectLike["extend"] & { [EXTEND_WRAPPED]?: boolean };
  if (extend[EXTEND_WRAPPED]) return;
  const wrapped = function (this: unknown, incoming: Record<string, unknown>) {
    const merged: Record<string, unknown> = { ...incoming };
    for (const [name, matcher] of Object.entries(incoming)) {
      const mine = allMatchers[name];
      if (mine && typeof matcher === "function") merged[name] = combine(mine, matcher as MatcherFunction);
    }
    return extend.call(this, merged);
  } as ExpectLike["extend"] & { [EXTEND_WRAPPED]?: boolean };
  wrapped[EXTEND_WRAPPED] = true;
  expect.extend = wrapped;
}

type ChaiMethod = (this: object, ...args: unknown[]) => unknown;

/** The chai methods already registered under our names (another library's matchers). */
function previousChaiMethods(chai: ChaiLike): Record<string, ChaiMethod> {
  const found: Record<string, ChaiMethod> = {};
  for (const name of Object.keys(allMatchers)) {
    const method = chai.Assertion.prototype[name];
    if (typeof method === "function") found[name] = method as ChaiMethod;
  }
  return found;
}

/** Each name answers with our method for an aws-doubles handle and with the earlier one otherwise. */
function joinChaiMethods(chai: ChaiLike, before: Record<string, ChaiMethod>): void {
  for (const [name, previous] of Object.entries(before)) {
    const mine = chai.Assertion.prototype[name] as ChaiMethod;
    if (mine === previous) continue;
    chai.util.addMethod(chai.Assertion.prototype, name, function (this: object, ...args: unknown[]) {
      return (isAwsDoublesHandle(chai.util.flag(this, "object")) ? mine : previous).apply(this, args);
    });
  }
}

/** An asymmetric matcher (expect.any(String), expect.stringMatching(/x/), …), as either runner types it. */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown): boolean;
}

/**
 * Input a matcher expects for a Command class: the command's own members, each optional and
 * each also open to an asymmetric matcher. A member the command does not have does not compile.
 */
export type ExpectedInput<C> = C extends abstract new (...args: never[]) => { input: infer I }
  ? { [K in keyof I]?: I[K] | AsymmetricMatcherLike }
  : Record<string, unknown>;

/** A Command class, whose instances carry the typed input. */
export type CommandClass = abstract new (...args: never[]) => { input: object };

/** Type of the matchers, for runner augmentations (see the runner files: they declare these members directly). */
export interface AwsDoublesMatchers<R = unknown> {
  toHaveReceivedCommand(command: CommandRef): R;
  toHaveReceivedCommandTimes(command: CommandRef, times: number): R;
  toHaveReceivedCommandOnce(command: CommandRef): R;
  toHaveReceivedCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
  toHaveReceivedCommandWith(command: string, input: Record<string, unknown>): R;
  toHaveReceivedCommandExactlyOnceWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
  toHaveReceivedCommandExactlyOnceWith(command: string, input: Record<string, unknown>): R;
  toHaveReceivedNthCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): R;
  toHaveReceivedNthCommandWith<C extends CommandClass>(command: C, n: number, input: ExpectedInput<C>): R;
  toHaveReceivedNthCommandWith(n: number, command: string, input: Record<string, unknown>): R;
  toHaveReceivedNthSpecificCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): R;
  toHaveReceivedNthSpecificCommandWith(n: number, command: string, input: Record<string, unknown>): R;
  toHaveReceivedLastCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
  toHaveReceivedLastCommandWith(command: string, input: Record<string, unknown>): R;
  toHaveReceivedAnyCommand(): R;
}
