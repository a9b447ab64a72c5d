/**
 * FASTA references: the fake reads the sequences to validate the file and to build its index
 * in the samtools `.fai` format (name, length, offset, bases per line, bytes per line), the
 * file GetReference returns for `file: INDEX`.
 */
export interface FastaContig {
  name: string;
  length: number;
  offset: number;
  lineBases: number;
  lineBytes: number;
}

export type FastaResult = { ok: true; contigs: FastaContig[]; index: string } | { ok: false; problem: string };

const NEWLINE = 0x0a;
const CR = 0x0d;
const GT = 0x3e;

export function readFasta(bytes: Uint8Array, what: string): FastaResult {
  const contigs: FastaContig[] = [];
  const names = new Set<string>();
  let current: FastaContig | undefined;
  let lastLineShort = false;
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    const terminated = end !== -1;
    if (!terminated) end = bytes.length;
    let stop = end;
    if (stop > start && bytes[stop - 1] === CR) stop--;
    lineNumber++;
    const lineBytes = end - start + (terminated ? 1 : 0);
    if (bytes[start] === GT) {
      const name = Buffer.from(bytes.subarray(start + 1, stop)).toString("utf8").split(/\s/)[0] ?? "";
      if (name === "") return { ok: false, problem: `${what} is not FASTA: the header on line ${lineNumber} has no sequence name.` };
      if (names.has(name)) return { ok: false, problem: `${what} names the sequence ${name} twice.` };
      names.add(name);
      current = { name, length: 0, offset: end + (terminated ? 1 : 0), lineBases: 0, lineBytes: 0 };
      contigs.push(current);
      lastLineShort = false;
    } else if (stop > start) {
      if (!current) return { ok: false, problem: `${what} is not FASTA: it does not start with a '>' header line.` };
      const bases = stop - start;
      if (lastLineShort) return { ok: false, problem: `${what} has lines of different lengths in sequence ${current.name} (line ${lineNumber}), which a FASTA index cannot describe.` };
      if (current.lineBases === 0) {
        current.lineBases = bases;
        current.lineBytes = lineBytes;
      } else if (bases > current.lineBases) {
        return { ok: false, problem: `${what} has lines of different lengths in sequence ${current.name} (line ${lineNumber}), which a FASTA index cannot describe.` };
      } else if (bases < current.lineBases) {
        lastLineShort = true;
      }
      current.length += bases;
    } else if (current && current.length > 0) {
      lastLineShort = true; // a blank line ends the sequence's lines
    }
    start = end + 1;
  }
  if (contigs.length === 0) return { ok: false, problem: `${what} is not FASTA: it has no '>' header line.` };
  const empty = contigs.find((contig) => contig.length === 0);
  if (empty) return { ok: false, problem: `${what} has no bases for the sequence ${empty.name}.` };
  const index = contigs.map((c) => `${c.name}\t${c.length}\t${c.offset}\t${c.lineBases}\t${c.lineBytes}\n`).join("");
  return { ok: true, contigs, index };
}
