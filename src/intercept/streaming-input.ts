import { NormalizedSchema } from "@smithy/core/schema";

/**
 * Streaming blob inputs (a read set part, an upload body) may be given to the SDK as a
 * Node Readable, a web ReadableStream or a Blob as well as bytes or a string. A handler is
 * synchronous and sees a clean copy of the input, so the bytes of such a stream are read here,
 * in the (asynchronous) middleware, before the call is answered: the service then sees bytes,
 * as AWS receives the request body. A stream is consumed, as sending it would consume it.
 */
const streamingMembers = new WeakMap<object, readonly string[]>();

/** The input members modelled as streaming blobs (usually the one HTTP payload member). */
function streamingBlobMembers(inputSchema: unknown): readonly string[] {
  if (!inputSchema || (typeof inputSchema !== "object" && typeof inputSchema !== "function")) return [];
  let members = streamingMembers.get(inputSchema as object);
  if (!members) {
    const found: string[] = [];
    try {
      for (const [name, member] of NormalizedSchema.of(inputSchema as Parameters<typeof NormalizedSchema.of>[0]).structIterator()) {
        if (member.isStreaming() && member.isBlobSchema()) found.push(name);
      }
    } catch {
      // Not a structure schema: nothing to collect.
    }
    members = found;
    streamingMembers.set(inputSchema as object, members);
  }
  return members;
}

interface BlobLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

function isBlobLike(value: unknown): value is BlobLike {
  return typeof value === "object" && value !== null && typeof (value as BlobLike).arrayBuffer === "function" && !(value instanceof Uint8Array);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

function chunkBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`a streaming body produced a chunk that is not bytes (${typeof chunk})`);
}

/** The bytes of a stream-like value, or undefined when it is not one (bytes, strings, other values stay as they are). */
async function collect(value: unknown): Promise<Uint8Array | undefined> {
  if (value instanceof Uint8Array || typeof value === "string" || value === null || value === undefined) return undefined;
  if (isBlobLike(value)) return new Uint8Array(await value.arrayBuffer());
  if (isAsyncIterable(value)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of value) chunks.push(chunkBytes(chunk));
    return Buffer.concat(chunks);
  }
  return undefined;
}

/**
 * The input with every streaming blob member that holds a stream or Blob replaced by its bytes
 * (a shallow copy; the caller's object is not changed). Other inputs are returned as they are.
 */
export async function withStreamsRead(inputSchema: unknown, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const members = streamingBlobMembers(inputSchema);
  if (members.length === 0) return input;
  let copy: Record<string, unknown> | undefined;
  for (const name of members) {
    const bytes = await collect(input[name]);
    if (bytes === undefined) continue;
    copy ??= { ...input };
    copy[name] = bytes;
  }
  return copy ?? input;
}
