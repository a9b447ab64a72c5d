import type { ETagAlgorithm, ETagAlgorithmFamily, FileType } from "@aws-sdk/client-omics";
import { createHash } from "node:crypto";
import { readBam } from "./bam.js";
import { readCram } from "./cram.js";
import { countFastq } from "./fastq.js";
import { inflateIfGzip, isGzip } from "./gzip.js";

export { readFasta, type FastaContig } from "./fasta.js";
export { inflateIfGzip } from "./gzip.js";

/**
 * What the fake reads from a read set source file (one FASTQ of a pair, a BAM, uBAM or CRAM):
 * whether it is a file of the declared type, its reads and bases where the fake can count
 * them, and the bytes its HealthOmics ETag is computed over.
 */
export interface SourceFacts {
  /** Primary reads and bases: FASTQ, BAM and uBAM only (CRAM is not decoded). */
  reads?: number | undefined;
  bases?: number | undefined;
  /** BAM/uBAM: whether records are placed on reference sequences. */
  aligned?: boolean | undefined;
  /** What the ETag hashes (see etagOf). */
  hashInput: Uint8Array;
  /** A file name suffix for the source as stored: fastq, fastq.gz, bam, cram. */
  extension: string;
}

export type SourceReading = ({ ok: true } & SourceFacts) | { ok: false; problem: string };

export function readSource(fileType: FileType, bytes: Uint8Array, what: string): SourceReading {
  switch (fileType) {
    case "FASTQ": {
      const inflated = inflateIfGzip(bytes, what);
      if (!inflated.ok) return inflated;
      const counts = countFastq(inflated.bytes, what);
      if (!counts.ok) return counts;
      return { ok: true, reads: counts.reads, bases: counts.bases, hashInput: inflated.bytes, extension: isGzip(bytes) ? "fastq.gz" : "fastq" };
    }
    case "BAM":
    case "UBAM": {
      const bam = readBam(bytes, what);
      if (!bam.ok) return bam;
      return { ok: true, reads: bam.reads, bases: bam.bases, aligned: bam.aligned, hashInput: bam.recordBytes, extension: "bam" };
    }
    case "CRAM": {
      const cram = readCram(bytes, what);
      if (!cram.ok) return cram;
      return { ok: true, aligned: true, hashInput: bytes, extension: "cram" };
    }
    default:
      return { ok: false, problem: `${what}: the fake does not read files of type ${String(fileType)}.` };
  }
}

const HASHES: Record<ETagAlgorithmFamily, string> = { MD5up: "md5", SHA256up: "sha256", SHA512up: "sha512" };

/**
 * The ETag of a source: the family's hash (MD5, SHA-256, SHA-512) of its semantic content, as
 * the developer guide describes ("ETag calculation and data provenance"): for FASTQ the
 * uncompressed file, exactly as HealthOmics computes it. For BAM/uBAM HealthOmics hashes the
 * alignment section rendered as SAM; the fake hashes the inflated binary records instead (the
 * same for the same content, not AWS's value). For CRAM the fake hashes the file's bytes.
 */
export function etagOf(family: ETagAlgorithmFamily, source: SourceFacts): string {
  return createHash(HASHES[family] ?? "md5").update(source.hashInput).digest("hex");
}

/** The ETag algorithm name of a file type and family (uBAM shares BAM's). */
export function etagAlgorithm(fileType: FileType, family: ETagAlgorithmFamily): ETagAlgorithm {
  const kind = fileType === "UBAM" ? "BAM" : fileType;
  return `${kind}_${family}` as ETagAlgorithm;
}
