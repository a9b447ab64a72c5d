import { createHash } from "node:crypto";

/**
 * A canonical text for a request value: object keys sorted, Dates as ISO text, bytes as a
 * digest, undefined members dropped. Two inputs that the service would treat as the same
 * request give the same text, whatever order the caller wrote their keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: createHash("sha256").update(value).digest("hex") };
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalize(item)));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) setOwn(out, key, normalize(member));
    }
    return out;
  }
  if (typeof value === "bigint") return { $bigint: value.toString() };
  return value;
}

/** Deep copy of plain request/response data (objects, arrays, Dates, bytes). */
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Uint8Array) return new Uint8Array(value) as T;
  if (Array.isArray(value)) return value.map((item) => deepCopy(item)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (member !== undefined) setOwn(out, key, deepCopy(member));
  }
  return out as T;
}

/**
 * Sets an own, enumerable member, even one named `__proto__`: user data (tags, parameters,
 * run properties) may use any key, and a plain assignment of `__proto__` would change the
 * object's prototype instead of storing the entry.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
