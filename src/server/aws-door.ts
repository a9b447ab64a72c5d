import { idempotencyTokenMember } from "../engine/dispatch.js";
import type { Engine } from "../engine/engine.js";
import { AwsDoublesInternalError } from "../engine/errors.js";
import { requestId as newRequestId } from "../engine/ids.js";
import type { ServiceDefinition, WireProtocol } from "../engine/service.js";
import { accountFromAccessKey } from "../intercept/accounts.js";
import { apiOperations, findRoute, pathKnown, type ApiOperation } from "../protocol/operation-table.js";
import { readJsonRpcRequest, readRestJsonRequest, RequestReadError } from "../protocol/request-readers.js";
import { writeRequestError } from "../protocol/request-errors.js";
import { recordUnmodelled, respond, respondNotImplemented, type FrontDoorCall } from "../protocol/respond.js";
import { writeNotImplemented, type WireResponse } from "../protocol/writers.js";
import { findService, serviceIdBySigningName } from "../services/registry.js";
import { credentialScope } from "./sigv4.js";

/** An HTTP request as the server received it (body already read, within the size limit). */
export interface IncomingHttpRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/**
 * The path (still percent-encoded, as the client wrote it) and the query of a request target.
 * Read without `new URL()`, which throws on targets such as "//[" and folds "." and ".."
 * segments away: an SDK sends a label ".." as is, and it must reach the route as a label.
 * An absolute-form target ("http://host/path", as sent through a proxy) is cut to its path.
 */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  let rest = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const mark = rest.indexOf("?");
  const path = mark >= 0 ? rest.slice(0, mark) : rest;
  return { path: path.startsWith("/") ? path : `/${path}`, query: new URLSearchParams(mark >= 0 ? rest.slice(mark + 1) : "") };
}

/**
 * The service a SigV4 scope names ("glue", "omics"…), by its signing name: only that service's
 * module is loaded, and none for a service that is not modelled.
 */
function serviceBySigningName(name: string): ServiceDefinition<unknown> | undefined {
  const id = serviceIdBySigningName(name);
  return id === undefined ? undefined : findService(id);
}

/** The protocol a request that reached no service was written in (for its error response). */
export function protocolOfRequest(headers: IncomingHttpRequest["headers"]): WireProtocol {
  const contentType = headers["content-type"] ?? "";
  if (headers["x-amz-target"] !== undefined || contentType.includes("x-amz-json")) {
    return contentType.includes("x-amz-json-1.0") ? "awsJson1_0" : "awsJson1_1";
  }
  return "restJson1";
}

/** The operation a request names: by X-Amz-Target (awsJson) or by method and URI (restJson1). */
function findOperation(
  service: ServiceDefinition<unknown>,
  request: IncomingHttpRequest,
  path: string,
  query: URLSearchParams,
): { operation: ApiOperation; labels: Record<string, string> } | { error: string; status: number } {
  const api = apiOperations(service);
  if (!api) return { error: `aws-doubles cannot read ${service.serviceId} requests: install ${service.sdkPackage} (version 3.900 or later) beside aws-doubles; the server reads requests with its operation schemas.`, status: 501 };
  if (service.protocol !== "restJson1") {
    const target = request.headers["x-amz-target"];
    if (!target) return { error: "The request has no X-Amz-Target header naming an operation.", status: 400 };
    const name = target.slice(target.lastIndexOf(".") + 1);
    const operation = api.byName.get(name);
    if (!operation || request.method !== "POST") return { error: `${service.serviceId} has no operation ${JSON.stringify(target)} (X-Amz-Target).`, status: 400 };
    return { operation, labels: {} };
  }
  const host = request.headers["host"] ?? "";
  const route = findRoute(api, request.method, path, query, host);
  if (route) return route;
  const known = pathKnown(api, path, query);
  return { error: `${service.serviceId} has no operation for ${request.method} ${path}${known ? " (the path exists for another method)" : ""}.`, status: 404 };
}

/**
 * The HTTP front door: reads a request as the real service's front end would (signature
 * scope, target or route, the wire protocol), turns it into the same `FrontDoorCall` the
 * in-process middleware builds, and returns what `respond()` answers. Requests that reach no
 * operation get the protocol's own error response. Never throws.
 */
export function answerAwsRequest(engine: Engine, defaultAccountId: string, request: IncomingHttpRequest): WireResponse {
  const requestId = newRequestId();
  const { path, query } = splitTarget(request.url);

  const scope = credentialScope(request.headers["authorization"], query);
  if (!scope) {
    return writeRequestError(protocolOfRequest(request.headers), "MissingAuthenticationTokenException", "Missing Authentication Token", requestId);
  }
  const service = serviceBySigningName(scope.service);
  const accountId = accountFromAccessKey(scope.accessKeyId) ?? defaultAccountId;
  if (!service) {
    const call: FrontDoorCall = { serviceId: scope.service, operation: request.headers["x-amz-target"]?.split(".").pop() ?? `${request.method} ${path}`, input: {}, accountId, region: scope.region, requestId };
    const message = `aws-doubles does not model the ${scope.service} service (signing name in the request's credential scope). Point this client at AWS or at another fake.`;
    recordUnmodelled(engine, call, { unmodelled: true, service: undefined, message });
    return writeNotImplemented(protocolOfRequest(request.headers), message, requestId);
  }

  const found = findOperation(service, request, path, query);
  if ("error" in found) {
    if (found.status === 501) return writeNotImplemented(service.protocol, found.error, requestId);
    return writeRequestError(service.protocol, "UnknownOperationException", found.error, requestId, found.status);
  }
  const { operation, labels } = found;
  const inputSchema = operation.schema[4];

  let input: Record<string, unknown>;
  try {
    input =
      service.protocol === "restJson1"
        ? readRestJsonRequest(service.namespace, inputSchema, { headers: request.headers, query, labels, body: request.body })
        : readJsonRpcRequest(service.protocol, service.namespace, inputSchema, request.body);
  } catch (error) {
    const message = error instanceof RequestReadError ? error.message : `The request could not be read: ${String(error)}`;
    return writeRequestError(service.protocol, "SerializationException", message, requestId);
  }

  // The token travels in the request like any member; the call hands it over as the wire's
  // (as the middleware does), so calls() records it as `idempotencyToken` in both doors.
  const tokenMember = idempotencyTokenMember(inputSchema);
  let wireToken: string | undefined;
  if (tokenMember && typeof input[tokenMember] === "string") {
    wireToken = input[tokenMember] as string;
    delete input[tokenMember];
  }

  const call: FrontDoorCall = {
    serviceId: service.serviceId,
    operation: operation.name,
    input,
    wireToken,
    accountId,
    region: scope.region,
    requestId,
    operationSchema: operation.schema,
  };
  try {
    const answer = respond(engine, call);
    if (!("unmodelled" in answer)) return answer;
    const message = `aws-doubles does not model ${service.serviceId}.${operation.name} yet (see docs/coverage.md for what it models).`;
    return respondNotImplemented(engine, call, { ...answer, message }, service.protocol);
  } catch (error) {
    // A defect in the fake: answered as the service's internal failure, and the server goes on.
    const message = error instanceof AwsDoublesInternalError ? error.message : `aws-doubles failed on ${service.serviceId}.${operation.name}: ${String(error)}`;
    return writeRequestError(service.protocol, "InternalFailure", message, requestId);
  }
}
