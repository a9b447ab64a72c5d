import {
  CompleteMultipartReadSetUploadCommand,
  CreateMultipartReadSetUploadCommand,
  CreateReferenceStoreCommand,
  CreateSequenceStoreCommand,
  GetReadSetCommand,
  GetReadSetMetadataCommand,
  GetSequenceStoreCommand,
  StartReferenceImportJobCommand,
  UploadReadSetPartCommand,
  waitUntilReferenceImportJobCompleted,
  type CreateMultipartReadSetUploadRequest,
  type CreateSequenceStoreRequest,
  type ReadSetPartSource,
} from "@aws-sdk/client-omics";
import { registerS3Object } from "aws-doubles/omics";
import { gzipSync } from "node:zlib";
import { fast, omics } from "../helpers.js";

/** Shared setup for the storage tests: stores, uploads, genomics files made in the test. */
export { ACCOUNT, arn, fast, omics, OTHER_ACCOUNT, REGION, ROLE } from "../helpers.js";

export const JOB_ROLE = "arn:aws:iam::123456789012:role/OmicsImportRole";

/** A sequence store, read until ACTIVE (there is no SDK waiter for sequence stores). */
export async function activeSequenceStore(input: Partial<CreateSequenceStoreRequest> = {}): Promise<string> {
  const { id } = await omics.send(new CreateSequenceStoreCommand({ name: "store", ...input }));
  for (let i = 0; i < 10; i++) {
    const store = await omics.send(new GetSequenceStoreCommand({ id }));
    if (store.status === "ACTIVE") return id!;
  }
  throw new Error(`sequence store ${id} did not become ACTIVE`);
}

export async function referenceStore(name = "refs"): Promise<string> {
  return (await omics.send(new CreateReferenceStoreCommand({ name }))).id!;
}

/** FASTQ text of `count` reads of `length` bases, named with a prefix. */
export function fastq(count: number, length = 8, prefix = "read"): string {
  const bases = "ACGT";
  let out = "";
  for (let i = 0; i < count; i++) {
    const seq = Array.from({ length }, (_, j) => bases[(i + j) % 4]).join("");
    out += `@${prefix}${i}\n${seq}\n+\n${"I".repeat(length)}\n`;
  }
  return out;
}

/** Bytes split into `parts` nearly equal pieces (as `split -n` would). */
export function splitInto(bytes: Uint8Array, parts: number): Uint8Array[] {
  const size = Math.ceil(bytes.length / parts);
  return Array.from({ length: parts }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
}

/** A small BAM file (gzip-compressed, as BGZF is): reads placed on chr1 unless `unaligned`. */
export function bam(reads: Array<{ name: string; seq: string; flag?: number }>, options: { unaligned?: boolean } = {}): Uint8Array {
  const chunks: Buffer[] = [];
  const int32 = (value: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    return b;
  };
  const text = options.unaligned ? "@HD\tVN:1.6\tSO:unsorted\n" : "@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chr1\tLN:1000\n";
  chunks.push(Buffer.from("BAM\u0001", "latin1"), int32(text.length), Buffer.from(text));
  if (options.unaligned) chunks.push(int32(0));
  else chunks.push(int32(1), int32(5), Buffer.from("chr1\0"), int32(1000));
  reads.forEach((read, i) => {
    const name = Buffer.from(`${read.name}\0`);
    const seqBytes = Buffer.alloc(Math.ceil(read.seq.length / 2));
    const quals = Buffer.alloc(read.seq.length, 30);
    const flag = read.flag ?? (options.unaligned ? 4 : 0);
    const body = Buffer.alloc(32);
    body.writeInt32LE(options.unaligned ? -1 : 0, 0); // refID
    body.writeInt32LE(options.unaligned ? -1 : i * 10, 4); // pos
    body.writeUInt8(name.length, 8);
    body.writeUInt8(60, 9); // mapq
    body.writeUInt16LE(4680, 10); // bin
    body.writeUInt16LE(0, 12); // n_cigar_op
    body.writeUInt16LE(flag, 14);
    body.writeInt32LE(read.seq.length, 16);
    body.writeInt32LE(-1, 20);
    body.writeInt32LE(-1, 24);
    body.writeInt32LE(0, 28);
    const record = Buffer.concat([body, name, seqBytes, quals]);
    chunks.push(int32(record.length), record);
  });
  // BGZF: the records in gzip members, then the empty EOF member.
  return new Uint8Array(Buffer.concat([gzipSync(Buffer.concat(chunks)), gzipSync(Buffer.alloc(0))]));
}

/** The start of a CRAM 3.0 file (its file definition); the fake reads no further. */
export function cram(): Uint8Array {
  const bytes = Buffer.alloc(26 + 64);
  bytes.write("CRAM", 0, "latin1");
  bytes[4] = 3;
  bytes[5] = 0;
  bytes.write("test-cram-file-id", 6, "latin1");
  return new Uint8Array(bytes);
}

/** A two-contig FASTA reference. */
export const FASTA = ">chr1 test contig\nACGTACGTAC\nGTACGTAC\n>chr2\nTTTTGGGG\nCC\n";

/** Opens an upload, sends the parts (bytes per source, several parts each) and completes it; returns the read set id. */
export async function uploadReadSet(
  storeId: string,
  sources: { SOURCE1: Uint8Array[]; SOURCE2?: Uint8Array[] },
  input: Partial<CreateMultipartReadSetUploadRequest> = {},
): Promise<string> {
  const { uploadId } = await omics.send(
    new CreateMultipartReadSetUploadCommand({ sequenceStoreId: storeId, sourceFileType: "FASTQ", subjectId: "subject-1", sampleId: "sample-1", name: "reads", ...input }),
  );
  const parts: Array<{ partNumber: number; partSource: ReadSetPartSource; checksum: string }> = [];
  for (const [partSource, pieces] of Object.entries(sources) as Array<[ReadSetPartSource, Uint8Array[]]>) {
    for (const [i, payload] of pieces.entries()) {
      const { checksum } = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: storeId, uploadId, partSource, partNumber: i + 1, payload }));
      parts.push({ partNumber: i + 1, partSource, checksum: checksum! });
    }
  }
  const { readSetId } = await omics.send(new CompleteMultipartReadSetUploadCommand({ sequenceStoreId: storeId, uploadId, parts }));
  return readSetId!;
}

/** Reads a read set's metadata until it leaves PROCESSING_UPLOAD. */
export async function settledReadSet(storeId: string, id: string) {
  for (let i = 0; i < 10; i++) {
    const metadata = await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: storeId, id }));
    if (metadata.status !== "PROCESSING_UPLOAD") return metadata;
  }
  throw new Error(`read set ${id} stayed PROCESSING_UPLOAD`);
}

/** Every byte of one file of a read set, part by part. */
export async function readSetBytes(storeId: string, id: string, file: "SOURCE1" | "SOURCE2" = "SOURCE1", parts = 1): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for (let partNumber = 1; partNumber <= parts; partNumber++) {
    const { payload } = await omics.send(new GetReadSetCommand({ sequenceStoreId: storeId, id, file, partNumber }));
    chunks.push(await payload!.transformToByteArray());
  }
  return Buffer.concat(chunks);
}

/** A reference imported from a registered FASTA; returns the store and reference ids and ARN. */
export async function importedReference(fasta = FASTA, uri = "s3://genomes/hg-test.fa"): Promise<{ storeId: string; referenceId: string; arn: string }> {
  const storeId = await referenceStore();
  registerS3Object(uri, fasta);
  const { id } = await omics.send(new StartReferenceImportJobCommand({ referenceStoreId: storeId, roleArn: JOB_ROLE, sources: [{ sourceFile: uri, name: "hg-test" }] }));
  const done = await waitUntilReferenceImportJobCompleted(fast(), { referenceStoreId: storeId, id });
  const referenceId = (done.reason as { sources: Array<{ referenceId: string }> }).sources[0]!.referenceId;
  return { storeId, referenceId, arn: `arn:aws:omics:us-east-1:123456789012:referenceStore/${storeId}/reference/${referenceId}` };
}

export const bytes = (text: string) => new Uint8Array(Buffer.from(text));
