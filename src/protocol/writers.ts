import { NormalizedSchema } from "@smithy/core/schema";
import type { ServiceError } from "../engine/errors.js";
import type { WireProtocol } from "../engine/service.js";
import { toBody, type PayloadCodec } from "./codec.js";
import type { ErrorShapeInfo } from "./errors.js";

/** An HTTP response as the SDK's deserializer will read it. */
export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
  /**
   * The body is a modelled streaming payload (a read set or reference file): the SDK hands it
   * to the caller as a stream, so a front door must deliver it as one (in-process: a Readable).
   */
  streaming?: boolean;
}

const CONTENT_TYPES: Record<WireProtocol, string> = {
  awsJson1_0: "application/x-amz-json-1.0",
  awsJson1_1: "application/x-amz-json-1.1",
  restJson1: "application/json",
};

type OperationSchemaTuple = readonly [number, string, string, unknown, unknown, unknown];

/** The success status an operation is modelled with (restJson: its @http code; RPC: 200). */
function successStatus(operationSchema: OperationSchemaTuple | undefined): number {
  const traits = operationSchema?.[3] as { http?: [string, string, number] } | number | undefined;
  if (traits && typeof traits === "object" && Array.isArray(traits.http) && typeof traits.http[2] === "number") return traits.http[2];
  return 200;
}

/**
 * A success response: the body written by the SDK's payload codec from the output schema;
 * for restJson, members bound to headers or the status code are moved out of the body.
 */
export function writeOutput(protocol: WireProtocol, codec: PayloadCodec, operationSchema: unknown, output: unknown, requestId: string): WireResponse {
  const op = operationSchema as OperationSchemaTuple | undefined;
  const headers: Record<string, string> = { "content-type": CONTENT_TYPES[protocol], "x-amzn-requestid": requestId };
  let statusCode = successStatus(op);
  let bodyValue = (output ?? {}) as Record<string, unknown>;
  if (!op) return { statusCode, headers, body: Buffer.from(JSON.stringify(bodyValue)) };
  const outputSchema = op[5];
  if (protocol === "restJson1") {
    const bound = extractHttpBindings(outputSchema, bodyValue);
    Object.assign(headers, bound.headers);
    if (bound.statusCode !== undefined) statusCode = bound.statusCode;
    if (bound.payload !== undefined) return { statusCode, headers, body: bound.payload, ...(bound.streaming ? { streaming: true } : {}) };
    bodyValue = bound.rest;
  }
  const serializer = codec.createSerializer();
  serializer.write(outputSchema, bodyValue);
  return { statusCode, headers, body: toBody(serializer.flush()) };
}

function extractHttpBindings(outputSchema: unknown, output: Record<string, unknown>) {
  const headers: Record<string, string> = {};
  const rest: Record<string, unknown> = { ...output };
  let statusCode: number | undefined;
  let payload: Buffer | undefined;
  let streaming = false;
  for (const [name, member] of NormalizedSchema.of(outputSchema as Parameters<typeof NormalizedSchema.of>[0]).structIterator()) {
    const traits = member.getMergedTraits() as { httpHeader?: string; httpResponseCode?: unknown; httpPayload?: unknown };
    const value = output[name];
    if (traits.httpHeader !== undefined) {
      delete rest[name];
      if (value !== undefined && value !== null) headers[traits.httpHeader.toLowerCase()] = value instanceof Date ? value.toUTCString() : String(value);
    } else if (traits.httpResponseCode !== undefined) {
      delete rest[name];
      if (typeof value === "number") statusCode = value;
    } else if (traits.httpPayload !== undefined && (member.isBlobSchema() || member.isStringSchema())) {
      delete rest[name];
      streaming = member.isStreaming();
      // A streaming payload is always a body, even an empty one (the SDK reads it as a stream).
      if (value instanceof Uint8Array || typeof value === "string") payload = toBody(value);
      else if (streaming) payload = Buffer.alloc(0);
    }
  }
  return { headers, rest, statusCode, payload, streaming };
}

/** An error response as the service sends it: modelled status, type header or `__type`, message. */
export function writeError(protocol: WireProtocol, shape: ErrorShapeInfo, error: ServiceError, requestId: string): WireResponse {
  const headers: Record<string, string> = { "content-type": CONTENT_TYPES[protocol], "x-amzn-requestid": requestId };
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(error.members)) {
    if (shape.members.includes(name) && value !== undefined) body[name] = value;
  }
  body[shape.messageMember] = error.message;
  if (protocol === "restJson1") headers["x-amzn-errortype"] = error.code;
  else body["__type"] = error.code;
  return { statusCode: shape.statusCode, headers, body: Buffer.from(JSON.stringify(body)) };
}

/** The answer to a call nothing models: 501 NotImplemented, in the protocol the client reads. */
export function writeNotImplemented(protocol: WireProtocol, message: string, requestId: string): WireResponse {
  const headers: Record<string, string> = { "content-type": CONTENT_TYPES[protocol], "x-amzn-requestid": requestId };
  const body: Record<string, unknown> = { message, Message: message };
  if (protocol === "restJson1") headers["x-amzn-errortype"] = "NotImplemented";
  else body["__type"] = "NotImplemented";
  return { statusCode: 501, headers, body: Buffer.from(JSON.stringify(body)) };
}
