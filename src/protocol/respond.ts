import { dispatch } from "../engine/dispatch.js";
import type { Engine } from "../engine/engine.js";
import type { ServiceDefinition, WireProtocol } from "../engine/service.js";
import { walkInput } from "../engine/validation/schema-walk.js";
import { codecFor } from "./codec.js";
import { errorShapeInfo } from "./errors.js";
import { writeError, writeNotImplemented, writeOutput, type WireResponse } from "./writers.js";
import { findService, hasOperation } from "../services/registry.js";
import { sdkOperationSchema } from "../engine/sdk.js";

/**
 * The one answer both front doors give (docs/architecture.md): the in-process middleware and
 * the HTTP server each turn what they received into a `FrontDoorCall`, and get back the HTTP
 * response the real service would send, written by the client's own codec. The call is
 * recorded here, with what the request carried (its modelled members), so both doors log alike.
 */
export interface FrontDoorCall {
  /** The SDK's `config.serviceId` ("Glue", "imagebuilder"…). */
  serviceId: string;
  operation: string;
  /** The request's members: the caller's input (in-process) or what was read off the wire (server). */
  input: Record<string, unknown>;
  /** The idempotency token the serialized request carried, if any. */
  wireToken?: string | undefined;
  accountId: string;
  region: string;
  requestId: string;
  /** The SDK's operation schema; read from the service's SDK package when absent. */
  operationSchema?: unknown;
  /** The client's config, whose protocol supplies the payload codec and error schemas (in-process). */
  clientConfig?: unknown;
}

/** A call to a service or operation nothing models: the door decides (bypass, NotImplemented…). */
export interface Unmodelled {
  unmodelled: true;
  /** The modelled service, when only the operation is missing. */
  service: ServiceDefinition<unknown> | undefined;
  message: string;
}

export function respond(engine: Engine, call: FrontDoorCall): WireResponse | Unmodelled {
  const service = findService(call.serviceId);
  const definition = service && hasOperation(service, call.operation) ? service.operations[call.operation] : undefined;
  if (!service || !definition) {
    return {
      unmodelled: true,
      service,
      message: service
        ? `aws-doubles does not model ${call.serviceId}.${call.operation} yet (see docs/coverage.md for what it models). No request was sent. To let it through, pass mockAws({ onUnhandled }) a function or "bypass".`
        : `aws-doubles does not model the ${call.serviceId} service (operation ${call.operation}). No request was sent. Mock that client with another tool (such as aws-sdk-client-mock), or pass mockAws({ onUnhandled: "bypass" }) to let its calls reach AWS.`,
    };
  }

  const operationSchema = call.operationSchema ?? sdkOperationSchema(service.sdkPackage, call.operation);
  const inputSchema = Array.isArray(operationSchema) ? operationSchema[4] : undefined;
  const outcome = dispatch(engine, service, definition, {
    serviceId: call.serviceId,
    operation: call.operation,
    input: call.input,
    inputSchema,
    wireToken: call.wireToken,
    accountId: call.accountId,
    region: call.region,
    requestId: call.requestId,
  });

  const config = call.clientConfig as Parameters<typeof codecFor>[0] & Parameters<typeof errorShapeInfo>[0];
  let wire: WireResponse;
  if (outcome.ok) {
    wire = writeOutput(service.protocol, codecFor(config, service.protocol, service.namespace), operationSchema, outcome.output, call.requestId);
  } else {
    const shape = errorShapeInfo(config, service.namespace, service.sdkPackage, outcome.error.code);
    wire = writeError(service.protocol, shape, outcome.error, call.requestId);
  }
  engine.calls.add({
    service: call.serviceId,
    operation: call.operation,
    input: outcome.input,
    ...(outcome.token !== undefined ? { idempotencyToken: outcome.token } : {}),
    ...(outcome.ok ? { output: outcome.output } : { error: { name: outcome.error.code, message: outcome.error.message, statusCode: wire.statusCode } }),
    accountId: call.accountId,
    region: call.region,
  });
  return wire;
}

/** Answers and records a call nothing models, as the protocol's NotImplemented (HTTP 501). */
export function respondNotImplemented(engine: Engine, call: FrontDoorCall, unmodelled: Unmodelled, protocol: WireProtocol): WireResponse {
  recordUnmodelled(engine, call, unmodelled);
  return writeNotImplemented(protocol, unmodelled.message, call.requestId);
}

/** Records a call nothing models, with what its request carried as far as a schema tells. */
export function recordUnmodelled(engine: Engine, call: FrontDoorCall, unmodelled: Unmodelled): void {
  engine.calls.add({
    service: call.serviceId,
    operation: call.operation,
    input: modelledMembers(call),
    error: { name: "NotImplemented", message: unmodelled.message, statusCode: 501 },
    accountId: call.accountId,
    region: call.region,
  });
}

/** The request's modelled members (never the caller's own objects); {} when no schema says. */
function modelledMembers(call: FrontDoorCall): Record<string, unknown> {
  const schema = Array.isArray(call.operationSchema) ? call.operationSchema[4] : undefined;
  if (!schema) return {};
  try {
    return walkInput(schema, call.input).value;
  } catch {
    return {};
  }
}
