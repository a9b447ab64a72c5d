import { NormalizedSchema } from "@smithy/core/schema";
import { deepCopy } from "./canonical.js";
import { RequestContext } from "./context.js";
import type { Engine } from "./engine.js";
import { AwsDoublesInternalError, ServiceError } from "./errors.js";
import { sdkEnumValues } from "./sdk.js";
import { idempotencyMismatchOf, operationMayRaise, validationErrorOf, type OperationDefinition, type ServiceDefinition, type WireProtocol } from "./service.js";
import { checkRequest, type RuleContext } from "./validation/rules.js";
import { walkInput } from "./validation/schema-walk.js";
import { formatViolations, type Violation } from "./validation/violations.js";

/** A call as the interceptor hands it over: routing, the caller's input, and what the wire added. */
export interface IncomingCall {
  serviceId: string;
  operation: string;
  /** The caller's own input object (never mutated). */
  input: Record<string, unknown>;
  /** The SDK's input schema for the operation, when the client has one. */
  inputSchema: unknown;
  /** The idempotency token the SDK serialized (auto-filled when the caller gave none). */
  wireToken: string | undefined;
  accountId: string;
  region: string;
  requestId: string;
}

/**
 * What a call came to. `input` is what the request carried as the service sees it: its
 * modelled members, a copy sharing nothing with the caller (what calls() records).
 */
export type Outcome =
  | { ok: true; output: unknown; input: Record<string, unknown>; token?: string | undefined }
  | { ok: false; error: ServiceError; input: Record<string, unknown>; token?: string | undefined };

const tokenMembers = new WeakMap<object, string | null>();

/** The member carrying the @idempotencyToken trait, if the operation has one. */
export function idempotencyTokenMember(inputSchema: unknown): string | undefined {
  if (!inputSchema || (typeof inputSchema !== "object" && typeof inputSchema !== "function")) return undefined;
  let member = tokenMembers.get(inputSchema as object);
  if (member === undefined) {
    member = null;
    try {
      for (const [name, schema] of NormalizedSchema.of(inputSchema as Parameters<typeof NormalizedSchema.of>[0]).structIterator()) {
        if (schema.isIdempotencyToken()) member = name;
      }
    } catch {
      member = null;
    }
    tokenMembers.set(inputSchema as object, member);
  }
  return member ?? undefined;
}

/**
 * The request as the handler will see it (a clean copy, with the token the SDK sent), or the
 * validation error for it: the SDK schema first, then the operation's declared constraints.
 */
/** The token the caller gave, else the one the SDK filled into the serialized request. */
function tokenOf(call: IncomingCall, tokenMember: string): string | undefined {
  return (call.input[tokenMember] as string | undefined) ?? call.wireToken;
}

interface CheckedRequest {
  /** What the handler reads: the modelled members, with the token the SDK sent. */
  input: Record<string, unknown>;
  /** What the call log records: the modelled members as the caller gave them. */
  recorded: Record<string, unknown>;
  token: string | undefined;
  error?: ServiceError;
}

/** The request's modelled members, as the service receives them, and what they break. */
function readRequest(call: IncomingCall, protocol: WireProtocol): { value: Record<string, unknown>; violations: Violation[] } {
  if (call.inputSchema) return walkInput(call.inputSchema, call.input, { httpBindings: protocol === "restJson1" });
  return { value: deepCopy(call.input), violations: [] };
}

function validate<B>(service: ServiceDefinition<B>, operation: OperationDefinition<B>, call: IncomingCall): CheckedRequest {
  const walked = readRequest(call, service.protocol);
  const violations = walked.violations;
  const input = walked.value;
  // The log's own copy: a handler may keep and later change the objects it was given.
  const recorded = deepCopy(input);

  const tokenMember = idempotencyTokenMember(call.inputSchema);
  const token = tokenMember ? tokenOf(call, tokenMember) : undefined;
  if (tokenMember && token !== undefined) input[tokenMember] = token;

  const rules: RuleContext = { enumValues: (name) => sdkEnumValues(service.sdkPackage, name) };
  violations.push(...checkRequest(operation.input ?? {}, input, rules));
  if (violations.length > 0) return { input, recorded, token, error: new ServiceError(validationErrorOf(service, operation), formatViolations(violations)) };
  return { input, recorded, token };
}

/**
 * The request pipeline every operation of every service goes through, in AWS's order:
 * faults (throttling happens before anything else), validation (SDK schema, then the
 * service's declared constraints), the idempotency ledger, then the handler.
 */
export function dispatch<B>(engine: Engine, service: ServiceDefinition<B>, operation: OperationDefinition<B>, call: IncomingCall): Outcome {
  engine.lifecycles.beginRequest();
  engine.backends.beginRequest();
  let outcome: Outcome | undefined;
  try {
    outcome = answer(engine, service, operation, call);
    // Reads move what they observed once answered: the answer must not see those moves.
    if (outcome.ok && engine.lifecycles.hasPendingMoves) outcome = { ...outcome, output: deepCopy(outcome.output) };
    return outcome;
  } finally {
    engine.backends.endRequest(outcome?.ok === true);
    engine.lifecycles.endRequest(outcome?.ok === true);
  }
}

function answer<B>(engine: Engine, service: ServiceDefinition<B>, operation: OperationDefinition<B>, call: IncomingCall): Outcome {
  const fault = engine.faults.take(service.serviceId, call.operation);
  if (fault) {
    const code = fault.spec.error ?? service.errors.throttling;
    const message = fault.spec.message ?? (code === service.errors.throttling ? "Rate exceeded" : `Injected ${code} for ${call.operation}`);
    // The token still shows in calls(), so a test can see the SDK's retries reuse one.
    const tokenMember = idempotencyTokenMember(call.inputSchema);
    const token = tokenMember ? tokenOf(call, tokenMember) : undefined;
    let recorded: Record<string, unknown>;
    try {
      recorded = readRequest(call, service.protocol).value;
    } catch {
      recorded = {}; // unreadable input: the fault answers first, as throttling does in AWS
    }
    return { ok: false, error: new ServiceError(code, message), input: recorded, token: typeof token === "string" ? token : undefined };
  }

  let checked: CheckedRequest;
  try {
    checked = validate(service, operation, call);
  } catch (error) {
    // A defect in validation itself: loud, never a bare TypeError from deep inside.
    throw new AwsDoublesInternalError(service.serviceId, call.operation, error);
  }
  const { input, recorded, token } = checked;
  if (checked.error) return { ok: false, error: checked.error, input: recorded, token };
  const tokenMember = idempotencyTokenMember(call.inputSchema);

  const ctx = new RequestContext(engine, service, call.operation, call.accountId, call.region, call.requestId);
  const ledgerScope = [service.serviceId, call.accountId, call.region, call.operation];
  let request: Record<string, unknown> | undefined;
  if (tokenMember && typeof token === "string") {
    request = { ...input };
    delete request[tokenMember];
    const seen = engine.ledger.lookup(ledgerScope, token, request, engine.clock.nowMs());
    if (seen.kind === "replay" && (!operation.replayable || operation.replayable(ctx, seen.output, token))) return { ok: true, output: seen.output, input: recorded, token };
    if (seen.kind === "mismatch") return { ok: false, error: idempotencyMismatchOf(service, operation, call.operation, token), input: recorded, token };
  }

  let output: unknown;
  try {
    service.beforeEachOperation?.(ctx);
    output = operation.run(ctx, input);
  } catch (error) {
    if (error instanceof ServiceError) {
      if (!operationMayRaise(service, operation, error.code)) {
        throw new AwsDoublesInternalError(service.serviceId, call.operation, new Error(`raised ${error.code} ("${error.message}"), which the operation does not declare`));
      }
      return { ok: false, error, input: recorded, token };
    }
    throw new AwsDoublesInternalError(service.serviceId, call.operation, error);
  }

  if (request && typeof token === "string") engine.ledger.record(ledgerScope, token, request, output, engine.clock.nowMs());
  return { ok: true, output: output ?? {}, input: recorded, token };
}
