/**
 * CRAM: the fake checks the file definition (the "CRAM" magic and a major version of 2, 3 or
 * 4) and nothing more. Decoding CRAM records needs its codecs and the reference; the fake does
 * not count reads or bases of CRAM files (see docs/services/omics.md).
 */
export type CramResult = { ok: true; version: string } | { ok: false; problem: string };

export function readCram(bytes: Uint8Array, what: string): CramResult {
  const magic = bytes.length >= 6 && bytes[0] === 0x43 && bytes[1] === 0x52 && bytes[2] === 0x41 && bytes[3] === 0x4d;
  if (!magic) return { ok: false, problem: `${what} is not CRAM: it does not start with the CRAM file definition.` };
  const major = bytes[4]!;
  if (major < 2 || major > 4) return { ok: false, problem: `${what} is CRAM version ${major}.${bytes[5]}, which HealthOmics does not read (2.x, 3.x).` };
  return { ok: true, version: `${major}.${bytes[5]}` };
}
