import { ServiceError } from "../engine/errors.js";
import type { WireProtocol } from "../engine/service.js";
import { writeError, type WireResponse } from "./writers.js";

/**
 * Errors AWS's front ends send for requests that never reach an operation (no signature, a
 * target or route that names no operation, a body that is not JSON, a body too large). They
 * are not in any service's model; they are written like modelled errors, in the protocol the
 * request used, so every SDK reads them as a typed service exception.
 */
export type RequestErrorCode =
  | "SerializationException"
  | "UnknownOperationException"
  | "MissingAuthenticationTokenException"
  | "RequestEntityTooLargeException"
  | "InternalFailure";

const STATUS: Record<RequestErrorCode, number> = {
  SerializationException: 400,
  UnknownOperationException: 400,
  MissingAuthenticationTokenException: 403,
  RequestEntityTooLargeException: 413,
  InternalFailure: 500,
};

export function writeRequestError(protocol: WireProtocol, code: RequestErrorCode, message: string, requestId: string, statusCode = STATUS[code]): WireResponse {
  const fault = statusCode >= 500 ? "server" : "client";
  return writeError(protocol, { statusCode, fault, messageMember: "message", members: [] }, new ServiceError(code, message), requestId);
}
