import { gunzipSync } from "node:zlib";

/**
 * Genomics files travel gzipped (FASTQ as .fastq.gz, BAM as BGZF, which is a series of gzip
 * members). HealthOmics hashes and counts their uncompressed content, so the fake inflates
 * them, with a bound on the inflated size so a small upload cannot exhaust memory.
 */
export const MAX_INFLATED_BYTES = 2 * 1024 ** 3;

export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

export type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/** The bytes, inflated when they are gzip (all members, as BGZF has many). */
export function inflateIfGzip(bytes: Uint8Array, what: string): Inflated {
  if (!isGzip(bytes)) return { ok: true, bytes };
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") return { ok: false, problem: `${what} inflates beyond ${MAX_INFLATED_BYTES} bytes, more than aws-doubles reads.` };
    return { ok: false, problem: `${what} is not a valid gzip stream (${(error as Error).message}).` };
  }
}
