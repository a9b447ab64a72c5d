/**
 * FASTQ, read as HealthOmics reads it to report sequence information: four-line records
 * (`@name`, bases, `+`, qualities as long as the bases). Wrapped (multi-line) sequences are
 * not read; every real sequencer writes one line per sequence.
 */
export interface FastqCounts {
  reads: number;
  bases: number;
}

export type FastqResult = ({ ok: true } & FastqCounts) | { ok: false; problem: string };

const NEWLINE = 0x0a;
const CR = 0x0d;
const AT = 0x40;
const PLUS = 0x2b;

/** Counts the records and bases of uncompressed FASTQ bytes, or says why they are not FASTQ. */
export function countFastq(bytes: Uint8Array, what: string): FastqResult {
  let reads = 0;
  let bases = 0;
  let line = 0;
  let start = 0;
  let sequenceLength = 0;
  const length = bytes.length;
  while (start < length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = length;
    let stop = end;
    if (stop > start && bytes[stop - 1] === CR) stop--;
    const size = stop - start;
    const kind = line % 4;
    if (kind === 0) {
      if (size === 0 && isBlankTail(bytes, start)) break;
      if (bytes[start] !== AT) return { ok: false, problem: `${what} is not FASTQ: record ${reads + 1} does not start with '@' (line ${line + 1}).` };
    } else if (kind === 1) {
      if (size === 0) return { ok: false, problem: `${what} is not FASTQ: record ${reads + 1} has no bases (line ${line + 1}).` };
      sequenceLength = size;
    } else if (kind === 2) {
      if (bytes[start] !== PLUS) return { ok: false, problem: `${what} is not FASTQ: record ${reads + 1} has no '+' separator line (line ${line + 1}).` };
    } else {
      if (size !== sequenceLength) {
        return { ok: false, problem: `${what} is not FASTQ: record ${reads + 1} has ${sequenceLength} bases but ${size} quality scores (line ${line + 1}).` };
      }
      reads++;
      bases += sequenceLength;
    }
    line++;
    start = end + 1;
  }
  if (line % 4 !== 0) return { ok: false, problem: `${what} is not FASTQ: its last record (${reads + 1}) is incomplete.` };
  if (reads === 0) return { ok: false, problem: `${what} holds no FASTQ records.` };
  return { ok: true, reads, bases };
}

function isBlankTail(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== NEWLINE && bytes[i] !== CR) return false;
  return true;
}
