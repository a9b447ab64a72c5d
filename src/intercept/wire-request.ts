/** The parts of the SDK's serialized HttpRequest the fake reads. */
export interface WireRequestLike {
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | string[] | null>;
}

/**
 * Reads a member from the serialized request body. The SDK fills idempotency tokens in while
 * serializing, so they exist only here, never in the caller's input. Bodies are a Uint8Array
 * subclass in current clients and a string in older ones; TextDecoder avoids the deprecation
 * warning the adapter prints when string methods are called on it.
 */
export function readBodyMember(request: WireRequestLike | undefined, member: string): string | undefined {
  const body = request?.body;
  let text: string | undefined;
  if (typeof body === "string") text = body;
  else if (body instanceof Uint8Array) text = new TextDecoder().decode(body);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const value = parsed[member];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
