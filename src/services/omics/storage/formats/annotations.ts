import { inflateIfGzip } from "./gzip.js";

/**
 * Variant and annotation files (VCF, GFF3, TSV), checked as far as telling a file of the
 * declared format from something else: the VCF `##fileformat=VCF` line and `#CHROM` header,
 * the GFF `##gff-version` directive, TSV rows with the expected number of columns. The fake
 * does not load their records into queryable tables (Athena / Lake Formation are not modelled).
 */
export type AnnotationFormat = "VCF" | "GFF" | "TSV";

export function annotationFileProblem(format: AnnotationFormat, bytes: Uint8Array, what: string, options: { columns?: number | undefined; separator?: string | undefined } = {}): string | undefined {
  const inflated = inflateIfGzip(bytes, what);
  if (!inflated.ok) return inflated.problem;
  const text = Buffer.from(inflated.bytes).toString("utf8");
  const lines = text.split(/\r?\n/);
  if (format === "VCF") {
    if (!lines[0]?.startsWith("##fileformat=VCF")) return `${what} is not VCF: it does not start with a ##fileformat=VCF line.`;
    if (!lines.some((line) => line.startsWith("#CHROM"))) return `${what} is not VCF: it has no #CHROM header line.`;
    return undefined;
  }
  if (format === "GFF") {
    if (!lines[0]?.startsWith("##gff-version")) return `${what} is not GFF3: it does not start with a ##gff-version directive.`;
    return undefined;
  }
  const separator = options.separator ?? "\t";
  const rows = lines.filter((line) => line.trim() !== "" && !line.startsWith("#"));
  if (rows.length === 0) return `${what} holds no TSV rows.`;
  const expected = options.columns;
  if (expected !== undefined) {
    const bad = rows.findIndex((row) => row.split(separator).length !== expected);
    if (bad !== -1) return `${what}: row ${bad + 1} has ${rows[bad]!.split(separator).length} columns where the store's schema has ${expected}.`;
  }
  return undefined;
}
