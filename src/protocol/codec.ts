import { AwsJson1_0Protocol, AwsJson1_1Protocol, AwsRestJsonProtocol } from "@aws-sdk/core/protocols";
import type { WireProtocol } from "../engine/service.js";

/** The part of a Smithy payload codec the writers use. */
export interface PayloadCodec {
  createSerializer(): { write(schema: unknown, value: unknown): void; flush(): Uint8Array | string };
  /** The reading side (the HTTP server's request readers use it; writers never do). */
  createDeserializer?(): { readObject(schema: unknown, value: unknown): unknown };
}

interface ClientConfigLike {
  protocol?: { getPayloadCodec?: () => PayloadCodec };
}

const fallbacks = new Map<string, PayloadCodec>();

/**
 * The codec that writes response bodies: the client's own (so timestamps, blobs and member
 * names come out exactly as that client expects), or, for an SDK copy that predates schema
 * serde, the same protocol's codec from aws-doubles' own @aws-sdk/core.
 */
export function codecFor(config: ClientConfigLike | undefined, protocol: WireProtocol, namespace: string): PayloadCodec {
  const own = config?.protocol?.getPayloadCodec?.();
  if (own) return own;
  const key = `${protocol}|${namespace}`;
  let codec = fallbacks.get(key);
  if (!codec) {
    const options = { defaultNamespace: namespace, serviceTarget: "", awsQueryCompatible: false };
    const instance =
      protocol === "restJson1" ? new AwsRestJsonProtocol(options) : protocol === "awsJson1_0" ? new AwsJson1_0Protocol(options) : new AwsJson1_1Protocol(options);
    codec = instance.getPayloadCodec() as unknown as PayloadCodec;
    fallbacks.set(key, codec);
  }
  return codec;
}

/** Bytes for an HttpResponse body (a plain Buffer: the SDK's stream collector wants one). */
export function toBody(payload: Uint8Array | string): Buffer {
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}
