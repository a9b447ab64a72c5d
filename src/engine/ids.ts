import { randomBytes, randomUUID } from "node:crypto";

/** Lower-case hex of `length` characters (Glue run ids are `wr_` + 64 of these). */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}

/** A random RFC 4122 v4 UUID, lower case. */
export function uuid(): string {
  return randomUUID();
}

/** A random decimal string of `digits` digits without a leading zero (Omics ids). */
export function randomDigits(digits: number): string {
  let out = String(1 + Math.floor(Math.random() * 9));
  while (out.length < digits) out += String(Math.floor(Math.random() * 10));
  return out;
}

/** A request id in the form AWS returns in `x-amzn-requestid`. */
export function requestId(): string {
  return randomUUID();
}
