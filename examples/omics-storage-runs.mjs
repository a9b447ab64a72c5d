// HealthOmics storage meets workflows, on the fake, end to end:
//   a sequence store ← a paired FASTQ read set uploaded in parts (UploadReadSetPart)
//   a reference store ← a FASTA reference imported from S3 (registerS3Object stands in for S3)
//   → a WDL workflow run that reads both by their omics:// URIs → wait for it → read back.
// Every wait is an SDK waiter or a short polling loop (the fake moves a resource one step per read).
//
//   node examples/omics-storage-runs.mjs
import {
  CompleteMultipartReadSetUploadCommand,
  CreateMultipartReadSetUploadCommand,
  CreateReferenceStoreCommand,
  CreateSequenceStoreCommand,
  CreateWorkflowCommand,
  GetReadSetCommand,
  GetReadSetMetadataCommand,
  GetSequenceStoreCommand,
  OmicsClient,
  StartReferenceImportJobCommand,
  StartRunCommand,
  UploadReadSetPartCommand,
  waitUntilReferenceImportJobCompleted,
  waitUntilRunCompleted,
  waitUntilWorkflowActive,
} from "@aws-sdk/client-omics";
import { mockAws } from "aws-doubles";
import { registerS3Object } from "aws-doubles/omics";
import { strToU8, zipSync } from "fflate";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/OmicsWorkflowRole`;
const IMPORT_ROLE = `arn:aws:iam::${ACCOUNT}:role/OmicsImportRole`;
const OUTPUT = "s3://genomics-results/alignments/";
const REFERENCE_URI = "s3://genomics-references/chr-test.fa";

const WDL = `version 1.0

workflow align_pair {
  input {
    File reads_1
    File reads_2
    File reference
    File reference_index
  }
  call bwa { input: r1 = reads_1, r2 = reads_2, ref = reference, fai = reference_index }
}

task bwa {
  input { File r1  File r2  File ref  File fai }
  command <<< bwa mem ~{ref} ~{r1} ~{r2} > aligned.sam >>>
  runtime {
    cpu: 8
    memory: "32 GiB"
    docker: "123456789012.dkr.ecr.us-east-1.amazonaws.com/bwa:0.7.17"
  }
  output { File sam = "aligned.sam" }
}
`;

/** FASTQ text: `count` reads of 50 bases. */
function fastq(count, mate) {
  let text = "";
  for (let i = 0; i < count; i++) text += `@read${i}/${mate}\n${"ACGTTGCA".repeat(6)}AC\n+\n${"I".repeat(50)}\n`;
  return Buffer.from(text);
}

/** Reads until `done(result)` (a resource moves one step per read on the fake); at most 20 reads. */
async function readUntil(read, done) {
  for (let i = 0; i < 20; i++) {
    const result = await read();
    if (done(result)) return result;
  }
  throw new Error("the resource did not reach the state awaited");
}

/** Splits bytes into parts (each part of a real upload is at most 100 MiB). */
const partsOf = (bytes, size) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

export async function main() {
  const aws = mockAws();
  try {
    const omics = new OmicsClient({ region: REGION });
    const waiter = { client: omics, maxWaitTime: 10, minDelay: 0.001, maxDelay: 0.001 };

    // 1. A sequence store: CREATING, then ACTIVE (the SDK has no waiter for it: poll).
    const store = await omics.send(new CreateSequenceStoreCommand({ name: "cohort-reads", fallbackLocation: "s3://genomics-fallback/" }));
    await readUntil(() => omics.send(new GetSequenceStoreCommand({ id: store.id })), (s) => s.status === "ACTIVE");

    // 2. Upload a read pair in parts: each part returns its checksum; completing names them all.
    const mates = { SOURCE1: fastq(400, 1), SOURCE2: fastq(400, 2) };
    const upload = await omics.send(
      new CreateMultipartReadSetUploadCommand({ sequenceStoreId: store.id, sourceFileType: "FASTQ", subjectId: "donor-7", sampleId: "NA12878", name: "NA12878-lane1" }),
    );
    const parts = [];
    for (const [partSource, bytes] of Object.entries(mates)) {
      for (const [i, payload] of partsOf(bytes, 8 * 1024).entries()) {
        const { checksum } = await omics.send(new UploadReadSetPartCommand({ sequenceStoreId: store.id, uploadId: upload.uploadId, partSource, partNumber: i + 1, payload }));
        parts.push({ partSource, partNumber: i + 1, checksum });
      }
    }
    const { readSetId } = await omics.send(new CompleteMultipartReadSetUploadCommand({ sequenceStoreId: store.id, uploadId: upload.uploadId, parts }));
    const readSet = await readUntil(() => omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store.id, id: readSetId })), (r) => r.status !== "PROCESSING_UPLOAD");
    assert.equal(readSet.status, "ACTIVE");
    assert.deepEqual(readSet.sequenceInformation, { totalReadCount: 800, totalBaseCount: 40_000, alignment: "UNALIGNED" });

    // 3. Import a reference. The fake cannot read S3: registerS3Object says what the object holds.
    registerS3Object(REFERENCE_URI, `>chr1\n${"ACGTACGTAC".repeat(6)}\n>chr2\n${"TTGGCCAA".repeat(5)}\n`);
    const referenceStore = await omics.send(new CreateReferenceStoreCommand({ name: "genomes" }));
    const importJob = await omics.send(
      new StartReferenceImportJobCommand({ referenceStoreId: referenceStore.id, roleArn: IMPORT_ROLE, sources: [{ sourceFile: REFERENCE_URI, name: "chr-test" }] }),
    );
    const imported = await waitUntilReferenceImportJobCompleted(waiter, { referenceStoreId: referenceStore.id, id: importJob.id });
    const referenceId = imported.reason.sources[0].referenceId;

    // 4. A workflow run that reads both, by their HealthOmics storage URIs.
    const workflow = await omics.send(new CreateWorkflowCommand({ name: "align-pair", definitionZip: zipSync({ "main.wdl": strToU8(WDL) }) }));
    await waitUntilWorkflowActive(waiter, { id: workflow.id });
    const storage = `omics://${ACCOUNT}.storage.${REGION}.amazonaws.com`;
    const run = await omics.send(
      new StartRunCommand({
        workflowId: workflow.id,
        roleArn: ROLE,
        outputUri: OUTPUT,
        parameters: {
          reads_1: `${storage}/${store.id}/readSet/${readSetId}/source1`,
          reads_2: `${storage}/${store.id}/readSet/${readSetId}/source2`,
          reference: `${storage}/${referenceStore.id}/reference/${referenceId}`,
          reference_index: `${storage}/${referenceStore.id}/reference/${referenceId}/index`,
        },
      }),
    );
    await waitUntilRunCompleted(waiter, { id: run.id });

    // 5. The uploaded files come back byte for byte.
    const { payload } = await omics.send(new GetReadSetCommand({ sequenceStoreId: store.id, id: readSetId, file: "SOURCE2", partNumber: 1 }));
    assert.equal(Buffer.compare(Buffer.from(await payload.transformToByteArray()), mates.SOURCE2), 0);

    return { readSetId, referenceId, runId: run.id, parts: parts.length };
  } finally {
    aws.restore();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await main();
  console.log(`read set ${result.readSetId} (${result.parts} parts) and reference ${result.referenceId} read by run ${result.runId}, which completed`);
}
