import * as omicsSdk from "@aws-sdk/client-omics";
import {
  CreateAnnotationStoreCommand,
  CreateAnnotationStoreVersionCommand,
  CreateConfigurationCommand,
  CreateMultipartReadSetUploadCommand,
  CreateRunCacheCommand,
  CreateRunGroupCommand,
  CreateShareCommand,
  CreateVariantStoreCommand,
  CreateWorkflowVersionCommand,
  ListReferenceImportJobsCommand,
  ListRunTasksCommand,
  StartAnnotationImportJobCommand,
  StartReadSetActivationJobCommand,
  StartReadSetExportJobCommand,
  StartReadSetImportJobCommand,
  StartRunBatchCommand,
  StartRunCommand,
  StartVariantImportJobCommand,
  UploadReadSetPartCommand,
} from "@aws-sdk/client-omics";
import { registerS3Object, seedReady2RunWorkflow } from "aws-doubles/omics";
import { aws } from "aws-doubles/vitest";
import { activeWorkflow, arn, HELLO_PARAMS, HELLO_ZIP, omics, OTHER_ACCOUNT, OUTPUT, ROLE } from "./helpers.js";
import { activeSequenceStore, bytes, fastq, importedReference, JOB_ROLE, referenceStore, uploadReadSet } from "./storage/helpers.js";

/**
 * One of every HealthOmics resource and a valid request for each of the 107 operations
 * against them: what the bad-input test (bad-inputs.test.ts) and the property suites
 * (test/properties) vary, one member at a time.
 */

export interface World {
  workflowId: string;
  runId: string;
  taskId: string;
  runGroupId: string;
  cacheId: string;
  batchId: string;
  shareId: string;
  sequenceStoreId: string;
  readSetId: string;
  uploadId: string;
  importJobId: string;
  activationJobId: string;
  exportJobId: string;
  referenceStoreId: string;
  referenceId: string;
  referenceArn: string;
  referenceImportJobId: string;
  annotationJobId: string;
  variantJobId: string;
  accessPointArn: string;
  /** One resource of each kind no other request uses, for the deletes; a run and a batch held running, for the cancels. */
  doomed: { workflowId: string; runId: string; runGroupId: string; cacheId: string; shareId: string; sequenceStoreId: string; uploadId: string; referenceStoreId: string };
  busyRunId: string;
  busyBatchId: string;
  /** Two PROCESSED batches for the batch deletes; an annotation and a variant import job held IN_PROGRESS, for their cancels. */
  doomedBatchIds: [string, string];
  busyAnnotationJobId: string;
  busyVariantJobId: string;
}

/** One of every HealthOmics resource, settled; transitions are manual afterwards, so reads move nothing. */
export async function world(): Promise<World> {
  const workflowId = await activeWorkflow({ tags: { t: "1" } });
  await omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "v1", definitionZip: HELLO_ZIP() }));
  const runGroupId = (await omics.send(new CreateRunGroupCommand({ name: "group" }))).id!;
  const cacheId = (await omics.send(new CreateRunCacheCommand({ cacheS3Location: "s3://omics-cache/runs/" }))).id!;
  await omics.send(new CreateConfigurationCommand({ name: "vpc", runConfigurations: { vpcConfig: { subnetIds: ["subnet-0123abcd"], securityGroupIds: ["sg-0123abcd"] } } }));
  const runId = (await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, runGroupId }))).id!;
  const batchId = (
    await omics.send(
      new StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: [{ runSettingId: "one" }] } }),
    )
  ).id!;
  const shareId = (await omics.send(new CreateShareCommand({ resourceArn: arn(`workflow/${workflowId}`), principalSubscriber: OTHER_ACCOUNT }))).shareId!;
  seedReady2RunWorkflow({ id: "9500001", name: "ready", parameterTemplate: { input: { description: "in" } } });

  const sequenceStoreId = await activeSequenceStore({ tags: { t: "1" } });
  const readSetId = await uploadReadSet(sequenceStoreId, { SOURCE1: [bytes(fastq(2))] });
  const uploadId = (await omics.send(new CreateMultipartReadSetUploadCommand({ sequenceStoreId, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "open" }))).uploadId!;
  await omics.send(new UploadReadSetPartCommand({ sequenceStoreId, uploadId, partSource: "SOURCE1", partNumber: 1, payload: fastq(1) }));
  registerS3Object("s3://reads/r.fastq", fastq(2));
  const importJobId = (
    await omics.send(new StartReadSetImportJobCommand({ sequenceStoreId, roleArn: JOB_ROLE, sources: [{ sourceFiles: { source1: "s3://reads/r.fastq" }, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s" }] }))
  ).id!;
  aws.settle();
  const activationJobId = (await omics.send(new StartReadSetActivationJobCommand({ sequenceStoreId, sources: [{ readSetId }] }))).id!;
  const exportJobId = (await omics.send(new StartReadSetExportJobCommand({ sequenceStoreId, destination: "s3://exports/", roleArn: JOB_ROLE, sources: [{ readSetId }] }))).id!;

  const { storeId: referenceStoreId, referenceId, arn: referenceArn } = await importedReference();
  const referenceImportJobId = (await omics.send(new ListReferenceImportJobsCommand({ referenceStoreId }))).importJobs![0]!.id!;
  await omics.send(new CreateAnnotationStoreCommand({ name: "notes", storeFormat: "GFF", reference: { referenceArn }, tags: { t: "1" } }));
  await omics.send(new CreateVariantStoreCommand({ name: "cohort", reference: { referenceArn } }));
  aws.settle();
  await omics.send(new CreateAnnotationStoreVersionCommand({ name: "notes", versionName: "second" }));
  registerS3Object("s3://annotations/a.gff", "##gff-version 3\n");
  const annotationJobId = (await omics.send(new StartAnnotationImportJobCommand({ destinationName: "notes", roleArn: ROLE, items: [{ source: "s3://annotations/a.gff" }] }))).jobId!;
  const variantJobId = (await omics.send(new StartVariantImportJobCommand({ destinationName: "cohort", roleArn: ROLE, items: [{ source: "s3://variants/v.vcf" }] }))).jobId!;
  aws.settle();
  const taskId = (await omics.send(new ListRunTasksCommand({ id: runId }))).items![0]!.taskId!;
  const accessPointArn = (await omics.send(new omicsSdk.GetSequenceStoreCommand({ id: sequenceStoreId }))).s3Access!.s3AccessPointArn!;
  // For the deletes, resources no other request uses.
  const doomedWorkflowId = await activeWorkflow();
  await omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "doomed", definitionZip: HELLO_ZIP() }));
  const doomedRunId = (await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, name: "doomed" }))).id!;
  const doomed = {
    workflowId: doomedWorkflowId,
    runId: doomedRunId,
    runGroupId: (await omics.send(new CreateRunGroupCommand({ name: "doomed" }))).id!,
    cacheId: (await omics.send(new CreateRunCacheCommand({ cacheS3Location: "s3://omics-cache/doomed/" }))).id!,
    // set below: a share of a store no delete removes (a shared workflow cannot be deleted)
    shareId: "",
    sequenceStoreId: await activeSequenceStore({ name: "doomed" }),
    uploadId: (await omics.send(new CreateMultipartReadSetUploadCommand({ sequenceStoreId, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "doomed" }))).uploadId!,
    referenceStoreId: await referenceStore("doomed"),
  };
  await omics.send(new CreateConfigurationCommand({ name: "doomed", runConfigurations: { vpcConfig: { subnetIds: ["subnet-0123abcd"], securityGroupIds: ["sg-0123abcd"] } } }));
  await omics.send(new CreateAnnotationStoreCommand({ name: "doomed_notes", storeFormat: "GFF", reference: { referenceArn } }));
  await omics.send(new CreateVariantStoreCommand({ name: "doomed_cohort", reference: { referenceArn } }));
  doomed.shareId = (await omics.send(new CreateShareCommand({ resourceArn: arn("annotationStore/notes"), principalSubscriber: OTHER_ACCOUNT }))).shareId!;
  await omics.send(new CreateAnnotationStoreCommand({ name: "busy_notes", storeFormat: "GFF", reference: { referenceArn } }));
  await omics.send(new CreateVariantStoreCommand({ name: "busy_cohort", reference: { referenceArn } }));
  const batch = async () =>
    (await omics.send(new StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: [{ runSettingId: "one" }] } }))).id!;
  const doomedBatchIds: [string, string] = [await batch(), await batch()];
  aws.settle();
  aws.lifecycle("Omics.AnnotationImportJob", { destinationName: "busy_notes" }).staysIn("IN_PROGRESS");
  aws.lifecycle("Omics.VariantImportJob", { destinationName: "busy_cohort" }).staysIn("IN_PROGRESS");
  const busyAnnotationJobId = (await omics.send(new StartAnnotationImportJobCommand({ destinationName: "busy_notes", roleArn: ROLE, items: [{ source: "s3://annotations/a.gff" }] }))).jobId!;
  const busyVariantJobId = (await omics.send(new StartVariantImportJobCommand({ destinationName: "busy_cohort", roleArn: ROLE, items: [{ source: "s3://variants/v.vcf" }] }))).jobId!;
  // A run and a batch that stay running, for the cancels.
  aws.lifecycle("Omics.Run", { name: "busy" }).staysIn("RUNNING");
  aws.lifecycle("Omics.Batch", { name: "busy" }).staysIn("INPROGRESS");
  const busyRunId = (await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, name: "busy" }))).id!;
  const busyBatchId = (
    await omics.send(
      new StartRunBatchCommand({ batchName: "busy", defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: [{ runSettingId: "one" }] } }),
    )
  ).id!;
  aws.configure({ transitions: "manual" });
  return { doomed, busyRunId, busyBatchId, doomedBatchIds, busyAnnotationJobId, busyVariantJobId, workflowId, runId, taskId, runGroupId, cacheId, batchId, shareId, sequenceStoreId, readSetId, uploadId, importJobId, activationJobId, exportJobId, referenceStoreId, referenceId, referenceArn, referenceImportJobId, annotationJobId, variantJobId, accessPointArn };
}

const ABSENT = "9999999999";
const ABSENT_UUID = "00000000-0000-4000-8000-000000000000";

/** A valid request to every operation of the client; creates get a fresh name per attempt (see FRESH). */
export function validRequests(w: World): Record<string, Record<string, unknown>> {
  const store = w.sequenceStoreId;
  const refStore = w.referenceStoreId;
  return {
    // Workflow side
    CreateWorkflow: { name: "new", definitionZip: HELLO_ZIP(), parameterTemplate: { sample_name: { description: "s" }, reads: { description: "r" } }, storageCapacity: 10, tags: { t: "v" } },
    GetWorkflow: { id: w.workflowId, export: ["DEFINITION"] },
    UpdateWorkflow: { id: w.workflowId, name: "renamed", description: "d", storageType: "DYNAMIC" },
    DeleteWorkflow: { id: w.doomed.workflowId },
    ListWorkflows: { name: "hello", maxResults: 5 },
    CreateWorkflowVersion: { workflowId: w.workflowId, versionName: "new", definitionZip: HELLO_ZIP(), description: "d" },
    GetWorkflowVersion: { workflowId: w.workflowId, versionName: "v1" },
    UpdateWorkflowVersion: { workflowId: w.workflowId, versionName: "v1", description: "d" },
    DeleteWorkflowVersion: { workflowId: w.workflowId, versionName: "doomed" },
    ListWorkflowVersions: { workflowId: w.workflowId, maxResults: 5 },
    StartRun: { workflowId: w.workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, name: "run", priority: 1, storageCapacity: 10, runGroupId: w.runGroupId, tags: { t: "v" } },
    GetRun: { id: w.runId, export: ["DEFINITION"] },
    ListRuns: { name: "run", status: "COMPLETED", maxResults: 5 },
    CancelRun: { id: w.busyRunId },
    DeleteRun: { id: w.doomed.runId },
    GetRunTask: { id: w.runId, taskId: w.taskId },
    ListRunTasks: { id: w.runId, status: "COMPLETED", maxResults: 5 },
    StartRunBatch: { batchName: "b", defaultRunSetting: { workflowId: w.workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: [{ runSettingId: "a", name: "n" }] } },
    GetBatch: { batchId: w.batchId },
    ListBatch: { maxItems: 5 },
    ListRunsInBatch: { batchId: w.batchId, maxItems: 5 },
    CancelRunBatch: { batchId: w.busyBatchId },
    DeleteRunBatch: { batchId: w.doomedBatchIds[0] },
    DeleteBatch: { batchId: w.doomedBatchIds[1] },
    CreateRunGroup: { name: "g", maxCpus: 10, maxRuns: 2, maxDuration: 60, tags: { t: "v" } },
    GetRunGroup: { id: w.runGroupId },
    UpdateRunGroup: { id: w.runGroupId, name: "g2", maxRuns: 3 },
    DeleteRunGroup: { id: w.doomed.runGroupId },
    ListRunGroups: { name: "group", maxResults: 5 },
    CreateRunCache: { cacheS3Location: "s3://cache/x/", cacheBehavior: "CACHE_ALWAYS", name: "c", tags: { t: "v" } },
    GetRunCache: { id: w.cacheId },
    UpdateRunCache: { id: w.cacheId, name: "c2", cacheBehavior: "CACHE_ON_FAILURE" },
    DeleteRunCache: { id: w.doomed.cacheId },
    ListRunCaches: { maxResults: 5 },
    CreateConfiguration: { name: "cfg", runConfigurations: { vpcConfig: { subnetIds: ["subnet-0abc1234"], securityGroupIds: ["sg-0abc1234"] } }, description: "d" },
    GetConfiguration: { name: "vpc" },
    DeleteConfiguration: { name: "doomed" },
    ListConfigurations: { maxResults: 5 },
    CreateShare: { resourceArn: arn("variantStore/cohort"), principalSubscriber: OTHER_ACCOUNT, shareName: "s" },
    AcceptShare: { shareId: w.shareId },
    GetShare: { shareId: w.shareId },
    DeleteShare: { shareId: w.doomed.shareId },
    ListShares: { resourceOwner: "SELF", filter: { status: ["PENDING"] }, maxResults: 5 },
    PutS3AccessPolicy: { s3AccessPointArn: w.accessPointArn, s3AccessPolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }) },
    GetS3AccessPolicy: { s3AccessPointArn: w.accessPointArn },
    DeleteS3AccessPolicy: { s3AccessPointArn: `arn:aws:s3:us-east-1:123456789012:accesspoint/123456789012-${ABSENT}` },
    TagResource: { resourceArn: arn(`sequenceStore/${store}`), tags: { k: "v" } },
    UntagResource: { resourceArn: arn(`sequenceStore/${store}`), tagKeys: ["k"] },
    ListTagsForResource: { resourceArn: arn(`sequenceStore/${store}/readSet/${w.readSetId}`) },
    // Sequence stores and read sets
    CreateSequenceStore: { name: "store", description: "d", fallbackLocation: "s3://fallback/", eTagAlgorithmFamily: "SHA256up", propagatedSetLevelTags: ["t"], s3AccessConfig: { accessLogLocation: "s3://logs/" }, tags: { t: "v" } },
    GetSequenceStore: { id: store },
    UpdateSequenceStore: { id: store, name: "renamed", description: "d", fallbackLocation: "s3://fallback/" },
    DeleteSequenceStore: { id: w.doomed.sequenceStoreId },
    ListSequenceStores: { maxResults: 5, filter: { name: "store", status: "ACTIVE" } },
    CreateMultipartReadSetUpload: { sequenceStoreId: store, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "n", generatedFrom: "g", description: "d", tags: { t: "v" } },
    UploadReadSetPart: { sequenceStoreId: store, uploadId: w.uploadId, partSource: "SOURCE1", partNumber: 2, payload: fastq(1) },
    CompleteMultipartReadSetUpload: { sequenceStoreId: store, uploadId: ABSENT, parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: "abc" }] },
    AbortMultipartReadSetUpload: { sequenceStoreId: store, uploadId: w.doomed.uploadId },
    ListMultipartReadSetUploads: { sequenceStoreId: store, maxResults: 5 },
    ListReadSetUploadParts: { sequenceStoreId: store, uploadId: w.uploadId, partSource: "SOURCE1", maxResults: 5 },
    GetReadSet: { sequenceStoreId: store, id: w.readSetId, file: "SOURCE1", partNumber: 1 },
    GetReadSetMetadata: { sequenceStoreId: store, id: w.readSetId },
    ListReadSets: { sequenceStoreId: store, maxResults: 5, filter: { sampleId: "sample-1", status: "ACTIVE", creationType: "UPLOAD" } },
    BatchDeleteReadSet: { sequenceStoreId: store, ids: [ABSENT] },
    StartReadSetImportJob: { sequenceStoreId: store, roleArn: JOB_ROLE, sources: [{ sourceFiles: { source1: "s3://reads/x.fastq" }, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "n" }] },
    GetReadSetImportJob: { sequenceStoreId: store, id: w.importJobId },
    ListReadSetImportJobs: { sequenceStoreId: store, maxResults: 5, filter: { status: "COMPLETED" } },
    StartReadSetActivationJob: { sequenceStoreId: store, sources: [{ readSetId: w.readSetId }] },
    GetReadSetActivationJob: { sequenceStoreId: store, id: w.activationJobId },
    ListReadSetActivationJobs: { sequenceStoreId: store, maxResults: 5 },
    StartReadSetExportJob: { sequenceStoreId: store, destination: "s3://exports/", roleArn: JOB_ROLE, sources: [{ readSetId: w.readSetId }] },
    GetReadSetExportJob: { sequenceStoreId: store, id: w.exportJobId },
    ListReadSetExportJobs: { sequenceStoreId: store, maxResults: 5 },
    // Reference stores and references
    CreateReferenceStore: { name: "refs", description: "d", tags: { t: "v" } },
    GetReferenceStore: { id: refStore },
    DeleteReferenceStore: { id: w.doomed.referenceStoreId },
    ListReferenceStores: { maxResults: 5, filter: { name: "refs" } },
    StartReferenceImportJob: { referenceStoreId: refStore, roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/new.fa", name: "new-ref", tags: { t: "v" } }] },
    GetReferenceImportJob: { referenceStoreId: refStore, id: w.referenceImportJobId },
    ListReferenceImportJobs: { referenceStoreId: refStore, maxResults: 5 },
    GetReference: { referenceStoreId: refStore, id: w.referenceId, partNumber: 1, file: "SOURCE", range: "0-3" },
    GetReferenceMetadata: { referenceStoreId: refStore, id: w.referenceId },
    ListReferences: { referenceStoreId: refStore, maxResults: 5, filter: { name: "hg-test" } },
    DeleteReference: { referenceStoreId: refStore, id: ABSENT },
    // Annotation and variant stores
    CreateAnnotationStore: { name: "notes_new", storeFormat: "GFF", reference: { referenceArn: w.referenceArn }, description: "d", tags: { t: "v" } },
    GetAnnotationStore: { name: "notes" },
    UpdateAnnotationStore: { name: "notes", description: "d" },
    DeleteAnnotationStore: { name: "doomed_notes" },
    ListAnnotationStores: { maxResults: 5, filter: { status: "ACTIVE" } },
    CreateAnnotationStoreVersion: { name: "notes", versionName: "third", description: "d", tags: { t: "v" } },
    GetAnnotationStoreVersion: { name: "notes", versionName: "second" },
    UpdateAnnotationStoreVersion: { name: "notes", versionName: "second", description: "d" },
    ListAnnotationStoreVersions: { name: "notes", maxResults: 5 },
    DeleteAnnotationStoreVersions: { name: "notes", versions: ["absent_version"] },
    StartAnnotationImportJob: { destinationName: "notes", roleArn: ROLE, items: [{ source: "s3://annotations/b.gff" }], runLeftNormalization: false },
    GetAnnotationImportJob: { jobId: w.annotationJobId },
    ListAnnotationImportJobs: { maxResults: 5, filter: { storeName: "notes" } },
    CancelAnnotationImportJob: { jobId: w.busyAnnotationJobId },
    CreateVariantStore: { name: "cohort_new", reference: { referenceArn: w.referenceArn }, description: "d", tags: { t: "v" } },
    GetVariantStore: { name: "cohort" },
    UpdateVariantStore: { name: "cohort", description: "d" },
    DeleteVariantStore: { name: "doomed_cohort" },
    ListVariantStores: { maxResults: 5 },
    StartVariantImportJob: { destinationName: "cohort", roleArn: ROLE, items: [{ source: "s3://variants/w.vcf" }] },
    GetVariantImportJob: { jobId: w.variantJobId },
    ListVariantImportJobs: { maxResults: 5 },
    CancelVariantImportJob: { jobId: w.busyVariantJobId },
  };
}

/** Creates whose name must be new each time: the member and how to make a fresh value. */
export const FRESH: Readonly<Record<string, [string, (n: number) => string]>> = {
  CreateWorkflowVersion: ["versionName", (n) => `new-${n}`],
  CreateConfiguration: ["name", (n) => `cfg-${n}`],
  CreateAnnotationStore: ["name", (n) => `notes_new_${n}`],
  CreateAnnotationStoreVersion: ["versionName", (n) => `third_${n}`],
  CreateVariantStore: ["name", (n) => `cohort_new_${n}`],
};
