import { inflateIfGzip } from "./gzip.js";

/**
 * BAM and unaligned BAM (uBAM): BGZF-compressed binary SAM. The fake inflates the blocks and
 * walks the records (SAM/BAM specification §4.2) to count reads and bases and to tell aligned
 * from unaligned data. It does not render records as SAM text, which is what HealthOmics
 * hashes for a BAM ETag: see `recordBytes`.
 */
export interface BamSummary {
  /** Primary records (secondary and supplementary alignments are not reads of their own). */
  reads: number;
  bases: number;
  /** Whether the header names reference sequences and some record is placed on one. */
  aligned: boolean;
  /** The inflated alignment records, header excluded (what the fake hashes for an ETag). */
  recordBytes: Uint8Array;
}

export type BamResult = ({ ok: true } & BamSummary) | { ok: false; problem: string };

const MAGIC = [0x42, 0x41, 0x4d, 0x01]; // "BAM\1"
const SECONDARY_OR_SUPPLEMENTARY = 0x100 | 0x800;
const UNMAPPED = 0x4;

export function readBam(bytes: Uint8Array, what: string): BamResult {
  if (!(bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return { ok: false, problem: `${what} is not BAM: BAM files are BGZF (gzip) compressed.` };
  const inflated = inflateIfGzip(bytes, what);
  if (!inflated.ok) return inflated;
  const data = inflated.bytes;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const truncated = (where: string): BamResult => ({ ok: false, problem: `${what} is not a valid BAM file: it ends inside ${where}.` });
  if (data.length < 12 || MAGIC.some((byte, i) => data[i] !== byte)) return { ok: false, problem: `${what} is not BAM: it does not start with the BAM magic bytes.` };
  let at = 4;
  const textLength = view.getInt32(at, true);
  at += 4 + textLength;
  if (textLength < 0 || at + 4 > data.length) return truncated("its header text");
  const references = view.getInt32(at, true);
  if (references < 0) return { ok: false, problem: `${what} is not a valid BAM file: its header gives a negative reference count (${references}).` };
  at += 4;
  for (let i = 0; i < references; i++) {
    if (at + 4 > data.length) return truncated("its reference list");
    const nameLength = view.getInt32(at, true);
    at += 4 + nameLength + 4;
    if (nameLength < 1 || at > data.length) return truncated("its reference list");
  }
  const recordsStart = at;
  let reads = 0;
  let bases = 0;
  let placed = false;
  while (at < data.length) {
    if (at + 4 > data.length) return truncated(`record ${reads + 1}`);
    const blockSize = view.getInt32(at, true);
    if (blockSize < 32 || at + 4 + blockSize > data.length) return truncated(`record ${reads + 1}`);
    const block = at + 4;
    const refId = view.getInt32(block, true);
    const flag = view.getUint16(block + 14, true);
    const sequenceLength = view.getInt32(block + 16, true);
    if (sequenceLength < 0) return { ok: false, problem: `${what} is not a valid BAM file: record ${reads + 1} gives a negative sequence length (${sequenceLength}).` };
    if ((flag & SECONDARY_OR_SUPPLEMENTARY) === 0) {
      reads++;
      bases += sequenceLength;
    }
    if (refId >= 0 && (flag & UNMAPPED) === 0) placed = true;
    at = block + blockSize;
  }
  return { ok: true, reads, bases, aligned: references > 0 && placed, recordBytes: data.subarray(recordsStart) };
}
