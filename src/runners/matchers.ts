import type { RecordedCall } from "../engine/calls.js";
import { findService, serviceIds } from "../services/registry.js";

/**
 * Matchers with the names aws-sdk-client-mock users know, for vitest and jest alike:
 * `expect(aws).toHaveReceivedCommand(StartJobRunCommand)`. Commands are matched by service
 * and operation *name* (from the Command class's schema or its class name, or a string such
 * as "StartJobRun" or "Glue:StartJobRun"), never with instanceof, so commands from another
 * copy of the SDK match too. Inputs match like expect.objectContaining(input).
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

function serviceForNamespace(namespace: unknown): string | undefined {
  if (typeof namespace !== "string") return undefined;
  return serviceIds().find((id) => findService(id)?.namespace === namespace);
}

function commandKey(ref: CommandRef): CommandKey {
  if (typeof ref === "string") {
    const [service, operation] = ref.includes(":") ? (ref.split(":", 2) as [string, string]) : [undefined, ref];
    return { ...(service ? { service } : {}), operation: operation.replace(/Command$/, ""), label: ref };
  }
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
  throw new TypeError("Expected an AWS SDK v3 Command class or an operation name such as \"StartJobRun\"");
}

function callsOf(received: unknown): RecordedCall[] {
  const calls = (received as { calls?: () => RecordedCall[] } | null)?.calls;
  if (typeof calls !== "function") throw new TypeError("Expected the aws-doubles mock (the value mockAws() returns) as the received value");
  return calls.call(received);
}

function isCall(call: RecordedCall, key: CommandKey): boolean {
  return call.operation === key.operation && (key.service === undefined || call.service === key.service);
}

function inputMatches(state: MatcherState, input: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return Object.keys(expected).every((name) => state.equals(input[name], expected[name]));
}

function describeCalls(state: MatcherState, calls: RecordedCall[]): string {
  if (calls.length === 0) return "  (no calls)";
  return calls.map((c, i) => `  ${i + 1}. ${c.service}.${c.operation} ${state.utils.printReceived(c.input)}`).join("\n");
}

function result(state: MatcherState, pass: boolean, expectation: string, calls: RecordedCall[]): MatcherResult {
  return {
    pass,
    message: () => `Expected the mock ${state.isNot ? "not " : ""}to have received ${expectation}.\nReceived calls:\n${describeCalls(state, calls)}`,
  };
}

export const matchers = {
  toHaveReceivedCommand(this: MatcherState, received: unknown, command: CommandRef): MatcherResult {
    const key = commandKey(command);
    const calls = callsOf(received);
    return result(this, calls.some((c) => isCall(c, key)), key.label, calls);
  },

  toHaveReceivedCommandTimes(this: MatcherState, received: unknown, command: CommandRef, times: number): MatcherResult {
    const key = commandKey(command);
    const calls = callsOf(received);
    const count = calls.filter((c) => isCall(c, key)).length;
    return result(this, count === times, `${key.label} ${times} time(s) (received it ${count} time(s))`, calls);
  },

  toHaveReceivedCommandOnce(this: MatcherState, received: unknown, command: CommandRef): MatcherResult {
    return matchers.toHaveReceivedCommandTimes.call(this, received, command, 1);
  },

  toHaveReceivedCommandWith(this: MatcherState, received: unknown, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    const key = commandKey(command);
    const calls = callsOf(received);
    const pass = calls.some((c) => isCall(c, key) && inputMatches(this, c.input, input));
    return result(this, pass, `${key.label} with ${this.utils.printExpected(input)}`, calls);
  },

  /** The nth call of all calls (1-based) was this command with this input. */
  toHaveReceivedNthCommandWith(this: MatcherState, received: unknown, n: number, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    const key = commandKey(command);
    const calls = callsOf(received);
    const call = calls[n - 1];
    const pass = call !== undefined && isCall(call, key) && inputMatches(this, call.input, input);
    return result(this, pass, `${key.label} with ${this.utils.printExpected(input)} as call #${n}`, calls);
  },

  /** The nth call of this command (1-based) had this input. */
  toHaveReceivedNthSpecificCommandWith(this: MatcherState, received: unknown, n: number, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    const key = commandKey(command);
    const calls = callsOf(received);
    const call = calls.filter((c) => isCall(c, key))[n - 1];
    const pass = call !== undefined && inputMatches(this, call.input, input);
    return result(this, pass, `${key.label} #${n} with ${this.utils.printExpected(input)}`, calls);
  },

  toHaveReceivedLastCommandWith(this: MatcherState, received: unknown, command: CommandRef, input: Record<string, unknown>): MatcherResult {
    const key = commandKey(command);
    const calls = callsOf(received);
    const matching = calls.filter((c) => isCall(c, key));
    const last = matching[matching.length - 1];
    const pass = last !== undefined && inputMatches(this, last.input, input);
    return result(this, pass, `${key.label} last with ${this.utils.printExpected(input)}`, calls);
  },

  toHaveReceivedAnyCommand(this: MatcherState, received: unknown): MatcherResult {
    const calls = callsOf(received);
    return result(this, calls.length > 0, "any command", calls);
  },
};

/** Type of the matchers for runner augmentations. */
export interface AwsDoublesMatchers<R = unknown> {
  toHaveReceivedCommand(command: CommandRef): R;
  toHaveReceivedCommandTimes(command: CommandRef, times: number): R;
  toHaveReceivedCommandOnce(command: CommandRef): R;
  toHaveReceivedCommandWith(command: CommandRef, input: Record<string, unknown>): R;
  toHaveReceivedNthCommandWith(n: number, command: CommandRef, input: Record<string, unknown>): R;
  toHaveReceivedNthSpecificCommandWith(n: number, command: CommandRef, input: Record<string, unknown>): R;
  toHaveReceivedLastCommandWith(command: CommandRef, input: Record<string, unknown>): R;
  toHaveReceivedAnyCommand(): R;
}
