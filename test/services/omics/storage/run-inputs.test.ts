import {
  ConflictException,
  GetReadSetMetadataCommand,
  GetRunCommand,
  ListRunsCommand,
  ListRunsInBatchCommand,
  ResourceNotFoundException,
  StartRunBatchCommand,
  StartRunCommand,
  ValidationException,
  waitUntilRunCompleted,
} from "@aws-sdk/client-omics";
import type { DocumentType } from "@smithy/types";
import { aws } from "aws-doubles/vitest";

/** A run parameter value (a JSON document). */
type ParameterValue = DocumentType;
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { activeWorkflow, OUTPUT } from "../helpers.js";
import { ACCOUNT, activeSequenceStore, bam, bytes, fast, fastq, importedReference, omics, ROLE, uploadReadSet } from "./helpers.js";

const DAY = 24 * 60 * 60 * 1000;
const host = `omics://${ACCOUNT}.storage.us-east-1.amazonaws.com`;
const readSetUri = (store: string, id: string, file = "") => `${host}/${store}/readSet/${id}${file}`;
const referenceUri = (store: string, id: string, file = "") => `${host}/${store}/reference/${id}${file}`;

/** A workflow whose parameters are not checked (a definitionUri workflow without a template). */
async function anyParametersWorkflow(): Promise<string> {
  return activeWorkflow({ definitionZip: undefined, definitionUri: "s3://workflows/align.zip", main: "main.wdl", engine: "WDL" });
}

async function world() {
  const workflowId = await anyParametersWorkflow();
  const store = await activeSequenceStore();
  const readSet = await uploadReadSet(store, { SOURCE1: [bytes(fastq(4))], SOURCE2: [bytes(fastq(4))] });
  const aligned = await uploadReadSet(store, { SOURCE1: [bam([{ name: "r", seq: "ACGT" }])] }, { sourceFileType: "BAM" });
  aws.settle();
  const reference = await importedReference();
  return { workflowId, store, readSet, aligned, reference };
}

const start = (workflowId: string, parameters: Record<string, ParameterValue>) => omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters }));

describe("HealthOmics runs reading storage (omics:// URIs)", () => {
  it("starts a run whose parameters name ACTIVE read sets and references, in any JSON position", async () => {
    const { workflowId, store, readSet, aligned, reference } = await world();
    const run = await start(workflowId, {
      reads: { left: readSetUri(store, readSet, "/source1"), right: readSetUri(store, readSet, "/source2") },
      bams: [readSetUri(store, aligned), readSetUri(store, aligned, "/index")],
      genome: referenceUri(reference.storeId, reference.referenceId),
      genome_index: referenceUri(reference.storeId, reference.referenceId, "/index"),
    });
    expect((await waitUntilRunCompleted(fast(), { id: run.id })).state).toBe("SUCCESS");
    expect((await omics.send(new GetRunCommand({ id: run.id }))).parameters).toMatchObject({ genome: referenceUri(reference.storeId, reference.referenceId) });
  });

  it("refuses runs naming storage that does not exist, is not ACTIVE, or is malformed — and nothing starts", async () => {
    const { workflowId, store, readSet, aligned, reference } = await world();
    const missing = await rejectionOf(start(workflowId, { reads: readSetUri(store, "9999999999") }));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toContain("Run parameter reads");
    expect(await rejectionOf(start(workflowId, { genome: referenceUri(reference.storeId, "9999999999") }))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(start(workflowId, { reads: readSetUri(store, aligned, "/source2") }))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(start(workflowId, { reads: readSetUri(store, readSet, "/index") }))).toBeInstanceOf(ResourceNotFoundException);
    const malformed = await rejectionOf(start(workflowId, { reads: `${host}/${store}/readset/${readSet}` }));
    expect(malformed).toBeInstanceOf(ValidationException);
    expect(malformed.message).toContain("not a HealthOmics storage URI");
    const otherRegion = await rejectionOf(start(workflowId, { reads: `omics://${ACCOUNT}.storage.eu-west-1.amazonaws.com/${store}/readSet/${readSet}` }));
    expect(otherRegion.message).toContain("its own Region");
    const badFile = await rejectionOf(start(workflowId, { reads: readSetUri(store, readSet, "/source3") }));
    expect(badFile).toBeInstanceOf(ValidationException);

    aws.clock.advance(31 * DAY);
    const archived = await rejectionOf(start(workflowId, { reads: readSetUri(store, readSet) }));
    expect(archived).toBeInstanceOf(ConflictException);
    expect(archived.message).toContain("StartReadSetActivationJob");
    expect((await omics.send(new ListRunsCommand({}))).items).toEqual([]);
  });

  it("counts a run's read as an access to the read set (its archive clock restarts)", async () => {
    const { workflowId, store, readSet } = await world();
    aws.clock.advance(29 * DAY);
    await start(workflowId, { reads: readSetUri(store, readSet) });
    aws.clock.advance(29 * DAY);
    expect((await omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: store, id: readSet }))).status).toBe("ACTIVE");
  });

  it("records a batch run naming a missing read set as a failed submission", async () => {
    const { workflowId, store } = await world();
    const { id } = await omics.send(
      new StartRunBatchCommand({
        defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT },
        batchRunSettings: { inlineSettings: [{ runSettingId: "missing", parameters: { reads: readSetUri(store, "9999999999") } }] },
      }),
    );
    aws.settle();
    const runs = await omics.send(new ListRunsInBatchCommand({ batchId: id }));
    expect(runs.runs![0]).toMatchObject({ runSettingId: "missing", submissionStatus: "FAILED", submissionFailureReason: "ResourceNotFoundException" });
  });
});
