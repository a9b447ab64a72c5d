import { FromStringShapeDeserializer } from "@smithy/core/protocols";
import { NormalizedSchema } from "@smithy/core/schema";
import type { WireProtocol } from "../engine/service.js";
import { codecFor } from "./codec.js";

/**
 * Request readers: the inverse of what the SDK's serializers write, built at run time from
 * the operation schemas of the installed client and read with the codecs @smithy provides
 * (the protocol's JSON codec for bodies, FromStringShapeDeserializer for labels, query
 * strings and headers). Nothing here is generated from the Smithy models.
 */

/** A request as it came off the wire, already routed to an operation. */
export interface WireRequest {
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  query: URLSearchParams;
  /** restJson1: the URI template's labels, percent-decoded. */
  labels: Readonly<Record<string, string>>;
  body: Buffer;
}

/** A request the protocol cannot read: the service answers it with its SerializationException. */
export class RequestReadError extends Error {
  override readonly name = "RequestReadError";
}

type Schema = Parameters<typeof NormalizedSchema.of>[0];

/** The deserializer the SDK reads HTTP-bound strings with (restJson1 settings). */
const fromString = new FromStringShapeDeserializer({ timestampFormat: { useTrait: true, default: 7 }, httpBindings: true });

interface MemberTraits {
  httpLabel?: unknown;
  httpQuery?: string;
  httpQueryParams?: unknown;
  httpHeader?: string;
  httpPrefixHeaders?: string;
  httpPayload?: unknown;
}

/** Parses the body as JSON: an object, or nothing (an empty body is an empty request). */
function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  const text = body.toString("utf8");
  if (text.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RequestReadError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new RequestReadError("The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** Reads a JSON document into the shape `schema` describes (timestamps, blobs, member names). */
function readWithCodec(protocol: WireProtocol, namespace: string, schema: unknown, parsed: Record<string, unknown>): Record<string, unknown> {
  const deserializer = codecFor(undefined, protocol, namespace).createDeserializer?.();
  if (!deserializer) throw new RequestReadError("No JSON codec is available to read this request.");
  try {
    return (deserializer.readObject(schema, parsed) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new RequestReadError(`The request body could not be read: ${(error as Error).message}`);
  }
}

/** awsJson1_0 / awsJson1_1: the body is the input structure. */
export function readJsonRpcRequest(protocol: "awsJson1_0" | "awsJson1_1", namespace: string, inputSchema: unknown, body: Buffer): Record<string, unknown> {
  const parsed = parseJsonObject(body);
  if (!parsed) return {};
  return readWithCodec(protocol, namespace, inputSchema, parsed);
}

function readString(member: NormalizedSchema, value: string, where: string): unknown {
  try {
    const read = fromString.read(member as unknown as Parameters<typeof fromString.read>[0], value);
    if (typeof read === "number" && Number.isNaN(read)) throw new Error(`"${value}" is not a number`);
    if (read instanceof Date && Number.isNaN(read.getTime())) throw new Error(`"${value}" is not a timestamp`);
    return read;
  } catch (error) {
    throw new RequestReadError(`The ${where} could not be read: ${(error as Error).message}`);
  }
}

/** A query-string member: lists are repeated keys, each item read as the list's member. */
function readQuery(member: NormalizedSchema, name: string, query: URLSearchParams): unknown {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  if (member.isListSchema()) {
    const item = member.getValueSchema();
    return values.map((value) => (item.isStringSchema() ? value : readString(item, value, `query parameter ${name}`)));
  }
  return readString(member, values[values.length - 1]!, `query parameter ${name}`);
}

/**
 * restJson1: labels from the path, members bound to the query string and headers, the
 * payload member or the JSON body, each read as the serializer wrote it.
 */
export function readRestJsonRequest(namespace: string, inputSchema: unknown, request: WireRequest): Record<string, unknown> {
  const input = NormalizedSchema.of(inputSchema as Schema);
  const bound: Record<string, unknown> = {};
  const boundNames = new Set<string>();
  const usedQueryKeys = new Set<string>();
  let queryParamsMember: [string, NormalizedSchema] | undefined;
  let payloadMember: [string, NormalizedSchema] | undefined;
  let hasBodyMembers = false;

  for (const [name, member] of input.structIterator()) {
    const traits = member.getMergedTraits() as MemberTraits;
    if (traits.httpLabel !== undefined) {
      boundNames.add(name);
      const value = request.labels[name];
      if (value !== undefined) bound[name] = member.isStringSchema() ? value : readString(member, value, `path label ${name}`);
    } else if (traits.httpQuery !== undefined) {
      boundNames.add(name);
      usedQueryKeys.add(traits.httpQuery);
      const value = readQuery(member, traits.httpQuery, request.query);
      if (value !== undefined) bound[name] = value;
    } else if (traits.httpQueryParams !== undefined) {
      boundNames.add(name);
      queryParamsMember = [name, member];
    } else if (traits.httpHeader !== undefined) {
      boundNames.add(name);
      const value = request.headers[traits.httpHeader.toLowerCase()];
      if (value !== undefined) bound[name] = readString(member, value, `header ${traits.httpHeader}`);
    } else if (traits.httpPrefixHeaders !== undefined) {
      boundNames.add(name);
      const prefix = traits.httpPrefixHeaders.toLowerCase();
      const map: Record<string, string> = {};
      for (const [header, value] of Object.entries(request.headers)) {
        if (header.startsWith(prefix) && value !== undefined) map[header.slice(prefix.length)] = value;
      }
      if (Object.keys(map).length > 0) bound[name] = map;
    } else if (traits.httpPayload !== undefined) {
      boundNames.add(name);
      payloadMember = [name, member];
    } else {
      hasBodyMembers = true;
    }
  }

  if (queryParamsMember) {
    // The members not bound to a key of their own (httpQuery wins over httpQueryParams).
    const [name, member] = queryParamsMember;
    const listValued = member.getValueSchema().isListSchema();
    const map: Record<string, string | string[]> = {};
    for (const key of new Set(request.query.keys())) {
      if (usedQueryKeys.has(key)) continue;
      map[key] = listValued ? request.query.getAll(key) : request.query.getAll(key).pop()!;
    }
    if (Object.keys(map).length > 0) bound[name] = map;
  }

  let fromBody: Record<string, unknown> = {};
  if (payloadMember) {
    const [name, member] = payloadMember;
    if (request.body.byteLength > 0) {
      if (member.isBlobSchema()) bound[name] = new Uint8Array(request.body);
      else if (member.isStringSchema()) bound[name] = request.body.toString("utf8");
      else {
        const parsed = parseJsonObject(request.body);
        if (parsed) bound[name] = readWithCodec("restJson1", namespace, member, parsed);
      }
    }
  } else if (hasBodyMembers) {
    const parsed = parseJsonObject(request.body);
    if (parsed) fromBody = readWithCodec("restJson1", namespace, inputSchema, parsed);
  }
  for (const name of boundNames) delete fromBody[name];
  return { ...fromBody, ...bound };
}
