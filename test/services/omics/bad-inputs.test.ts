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
  GetBatchCommand,
  GetReadSetMetadataCommand,
  GetS3AccessPolicyCommand,
  ListAnnotationImportJobsCommand,
  ListAnnotationStoresCommand,
  ListAnnotationStoreVersionsCommand,
  ListBatchCommand,
  ListConfigurationsCommand,
  ListMultipartReadSetUploadsCommand,
  ListReadSetActivationJobsCommand,
  ListReadSetExportJobsCommand,
  ListReadSetImportJobsCommand,
  ListReadSetsCommand,
  ListReadSetUploadPartsCommand,
  ListReferenceImportJobsCommand,
  ListReferencesCommand,
  ListReferenceStoresCommand,
  ListRunCachesCommand,
  ListRunGroupsCommand,
  ListRunsCommand,
  ListRunTasksCommand,
  ListSequenceStoresCommand,
  ListSharesCommand,
  ListTagsForResourceCommand,
  ListVariantImportJobsCommand,
  ListVariantStoresCommand,
  ListWorkflowsCommand,
  ListWorkflowVersionsCommand,
  StartAnnotationImportJobCommand,
  StartReadSetActivationJobCommand,
  StartReadSetExportJobCommand,
  StartReadSetImportJobCommand,
  StartRunBatchCommand,
  StartRunCommand,
  StartVariantImportJobCommand,
  UploadReadSetPartCommand,
} from "@aws-sdk/client-omics";
import { NormalizedSchema } from "@smithy/core/schema";
import { registerS3Object, seedReady2RunWorkflow } from "aws-doubles/omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { activeWorkflow, arn, HELLO_PARAMS, HELLO_ZIP, omics, OTHER_ACCOUNT, OUTPUT, ROLE } from "./helpers.js";
import { activeSequenceStore, bytes, fastq, importedReference, JOB_ROLE, uploadReadSet } from "./storage/helpers.js";

/**
 * Values no caller should send, put in turn into every member (two levels deep) of a valid
 * request to every HealthOmics operation. Whatever the fake answers must be a modelled
 * HealthOmics error or a success, never a crash; and a request it refuses changes nothing
 * any read can see (checked by reading everything before and after the refused requests).
 */
const BAD: readonly unknown[] = [
  null,
  "",
  "\u0000",
  "a\nb",
  "\uD800",
  "💥".repeat(300),
  // Longer than every length limit of HealthOmics (10,000 for analytics page tokens), not much
  // more: a string given for a list bound to the query string becomes one query value per
  // character, which the SDK's request signer takes time quadratic in the count to sort.
  "x".repeat(12_000),
  -1,
  1.5,
  1e20,
  Number.NaN,
  true,
  {},
  [],
  [null],
  { ["__proto__"]: "p", constructor: "c" },
];

type Schema = ReturnType<typeof NormalizedSchema.of>;

/** Member paths of an input schema, two levels deep (list items as index 0). */
function memberPaths(schema: Schema, prefix: string[] = []): string[][] {
  if (prefix.length >= 2) return [];
  const out: string[][] = [];
  if (schema.isStructSchema()) {
    for (const [name, member] of schema.structIterator()) out.push([...prefix, name], ...memberPaths(member, [...prefix, name]));
  } else if (schema.isListSchema()) {
    out.push(...memberPaths(schema.getValueSchema(), [...prefix, "0"]));
  }
  return out;
}

function withValue(base: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let cursor = copy as Record<string, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    if (cursor[key] === null || typeof cursor[key] !== "object") cursor[key] = /^\d+$/.test(path[i + 1]!) ? [] : {};
    cursor = cursor[key] as Record<string, unknown>;
  });
  cursor[path[path.length - 1]!] = value;
  return copy;
}

interface World {
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
}

/** One of every HealthOmics resource, settled; transitions are manual afterwards, so reads move nothing. */
async function world(): Promise<World> {
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
  aws.configure({ transitions: "manual" });
  return { workflowId, runId, taskId, runGroupId, cacheId, batchId, shareId, sequenceStoreId, readSetId, uploadId, importJobId, activationJobId, exportJobId, referenceStoreId, referenceId, referenceArn, referenceImportJobId, annotationJobId, variantJobId, accessPointArn };
}

const ABSENT = "9999999999";
const ABSENT_UUID = "00000000-0000-4000-8000-000000000000";

/** A valid request to every operation of the client; creates get a fresh name per attempt (see FRESH). */
function validRequests(w: World): Record<string, Record<string, unknown>> {
  const store = w.sequenceStoreId;
  const refStore = w.referenceStoreId;
  return {
    // Workflow side
    CreateWorkflow: { name: "new", definitionZip: HELLO_ZIP(), parameterTemplate: { sample_name: { description: "s" }, reads: { description: "r" } }, storageCapacity: 10, tags: { t: "v" } },
    GetWorkflow: { id: w.workflowId, export: ["DEFINITION"] },
    UpdateWorkflow: { id: w.workflowId, name: "renamed", description: "d", storageType: "DYNAMIC" },
    DeleteWorkflow: { id: "1111111" },
    ListWorkflows: { name: "hello", maxResults: 5 },
    CreateWorkflowVersion: { workflowId: w.workflowId, versionName: "new", definitionZip: HELLO_ZIP(), description: "d" },
    GetWorkflowVersion: { workflowId: w.workflowId, versionName: "v1" },
    UpdateWorkflowVersion: { workflowId: w.workflowId, versionName: "v1", description: "d" },
    DeleteWorkflowVersion: { workflowId: w.workflowId, versionName: "absent" },
    ListWorkflowVersions: { workflowId: w.workflowId, maxResults: 5 },
    StartRun: { workflowId: w.workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, name: "run", priority: 1, storageCapacity: 10, runGroupId: w.runGroupId, tags: { t: "v" } },
    GetRun: { id: w.runId, export: ["DEFINITION"] },
    ListRuns: { name: "run", status: "COMPLETED", maxResults: 5 },
    CancelRun: { id: w.runId },
    DeleteRun: { id: "1111111" },
    GetRunTask: { id: w.runId, taskId: w.taskId },
    ListRunTasks: { id: w.runId, status: "COMPLETED", maxResults: 5 },
    StartRunBatch: { batchName: "b", defaultRunSetting: { workflowId: w.workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }, batchRunSettings: { inlineSettings: [{ runSettingId: "a", name: "n" }] } },
    GetBatch: { batchId: w.batchId },
    ListBatch: { maxItems: 5 },
    ListRunsInBatch: { batchId: w.batchId, maxItems: 5 },
    CancelRunBatch: { batchId: w.batchId },
    DeleteRunBatch: { batchId: "1111111" },
    DeleteBatch: { batchId: "1111111" },
    CreateRunGroup: { name: "g", maxCpus: 10, maxRuns: 2, maxDuration: 60, tags: { t: "v" } },
    GetRunGroup: { id: w.runGroupId },
    UpdateRunGroup: { id: w.runGroupId, name: "g2", maxRuns: 3 },
    DeleteRunGroup: { id: "1111111" },
    ListRunGroups: { name: "group", maxResults: 5 },
    CreateRunCache: { cacheS3Location: "s3://cache/x/", cacheBehavior: "CACHE_ALWAYS", name: "c", tags: { t: "v" } },
    GetRunCache: { id: w.cacheId },
    UpdateRunCache: { id: w.cacheId, name: "c2", cacheBehavior: "CACHE_ON_FAILURE" },
    DeleteRunCache: { id: "1111111" },
    ListRunCaches: { maxResults: 5 },
    CreateConfiguration: { name: "cfg", runConfigurations: { vpcConfig: { subnetIds: ["subnet-0abc1234"], securityGroupIds: ["sg-0abc1234"] } }, description: "d" },
    GetConfiguration: { name: "vpc" },
    DeleteConfiguration: { name: "absent" },
    ListConfigurations: { maxResults: 5 },
    CreateShare: { resourceArn: arn("variantStore/cohort"), principalSubscriber: OTHER_ACCOUNT, shareName: "s" },
    AcceptShare: { shareId: w.shareId },
    GetShare: { shareId: w.shareId },
    DeleteShare: { shareId: ABSENT_UUID },
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
    DeleteSequenceStore: { id: ABSENT },
    ListSequenceStores: { maxResults: 5, filter: { name: "store", status: "ACTIVE" } },
    CreateMultipartReadSetUpload: { sequenceStoreId: store, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "n", generatedFrom: "g", description: "d", tags: { t: "v" } },
    UploadReadSetPart: { sequenceStoreId: store, uploadId: w.uploadId, partSource: "SOURCE1", partNumber: 2, payload: fastq(1) },
    CompleteMultipartReadSetUpload: { sequenceStoreId: store, uploadId: ABSENT, parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: "abc" }] },
    AbortMultipartReadSetUpload: { sequenceStoreId: store, uploadId: ABSENT },
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
    DeleteReferenceStore: { id: ABSENT },
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
    DeleteAnnotationStore: { name: "absent_store" },
    ListAnnotationStores: { maxResults: 5, filter: { status: "ACTIVE" } },
    CreateAnnotationStoreVersion: { name: "notes", versionName: "third", description: "d", tags: { t: "v" } },
    GetAnnotationStoreVersion: { name: "notes", versionName: "second" },
    UpdateAnnotationStoreVersion: { name: "notes", versionName: "second", description: "d" },
    ListAnnotationStoreVersions: { name: "notes", maxResults: 5 },
    DeleteAnnotationStoreVersions: { name: "notes", versions: ["absent_version"] },
    StartAnnotationImportJob: { destinationName: "notes", roleArn: ROLE, items: [{ source: "s3://annotations/b.gff" }], runLeftNormalization: false },
    GetAnnotationImportJob: { jobId: w.annotationJobId },
    ListAnnotationImportJobs: { maxResults: 5, filter: { storeName: "notes" } },
    CancelAnnotationImportJob: { jobId: ABSENT_UUID },
    CreateVariantStore: { name: "cohort_new", reference: { referenceArn: w.referenceArn }, description: "d", tags: { t: "v" } },
    GetVariantStore: { name: "cohort" },
    UpdateVariantStore: { name: "cohort", description: "d" },
    DeleteVariantStore: { name: "absent_store" },
    ListVariantStores: { maxResults: 5 },
    StartVariantImportJob: { destinationName: "cohort", roleArn: ROLE, items: [{ source: "s3://variants/w.vcf" }] },
    GetVariantImportJob: { jobId: w.variantJobId },
    ListVariantImportJobs: { maxResults: 5 },
    CancelVariantImportJob: { jobId: ABSENT_UUID },
  };
}

/** Creates whose name must be new each time: the member and how to make a fresh value. */
const FRESH: Readonly<Record<string, [string, (n: number) => string]>> = {
  CreateWorkflowVersion: ["versionName", (n) => `new-${n}`],
  CreateConfiguration: ["name", (n) => `cfg-${n}`],
  CreateAnnotationStore: ["name", (n) => `notes_new_${n}`],
  CreateAnnotationStoreVersion: ["versionName", (n) => `third_${n}`],
  CreateVariantStore: ["name", (n) => `cohort_new_${n}`],
};

/** Everything a caller can read (without $metadata); reads move nothing in manual mode. */
async function snapshot(w: World): Promise<unknown[]> {
  const store = w.sequenceStoreId;
  const refStore = w.referenceStoreId;
  const reads = [
    new ListWorkflowsCommand({}),
    new ListWorkflowVersionsCommand({ workflowId: w.workflowId }),
    new ListRunsCommand({}),
    new ListRunTasksCommand({ id: w.runId }),
    new ListRunGroupsCommand({}),
    new ListRunCachesCommand({}),
    new ListBatchCommand({}),
    new GetBatchCommand({ batchId: w.batchId }),
    new ListConfigurationsCommand({}),
    new ListSharesCommand({ resourceOwner: "SELF" }),
    new GetS3AccessPolicyCommand({ s3AccessPointArn: w.accessPointArn }),
    new ListSequenceStoresCommand({}),
    new ListReadSetsCommand({ sequenceStoreId: store }),
    new GetReadSetMetadataCommand({ sequenceStoreId: store, id: w.readSetId }),
    new ListMultipartReadSetUploadsCommand({ sequenceStoreId: store }),
    new ListReadSetUploadPartsCommand({ sequenceStoreId: store, uploadId: w.uploadId, partSource: "SOURCE1" }),
    new ListReadSetImportJobsCommand({ sequenceStoreId: store }),
    new ListReadSetActivationJobsCommand({ sequenceStoreId: store }),
    new ListReadSetExportJobsCommand({ sequenceStoreId: store }),
    new ListReferenceStoresCommand({}),
    new ListReferencesCommand({ referenceStoreId: refStore }),
    new ListReferenceImportJobsCommand({ referenceStoreId: refStore }),
    new ListAnnotationStoresCommand({}),
    new ListAnnotationStoreVersionsCommand({ name: "notes" }),
    new ListAnnotationImportJobsCommand({}),
    new ListVariantStoresCommand({}),
    new ListVariantImportJobsCommand({}),
    ...[`workflow/${w.workflowId}`, `sequenceStore/${store}`, `sequenceStore/${store}/readSet/${w.readSetId}`, "annotationStore/notes"].map(
      (resource) => new ListTagsForResourceCommand({ resourceArn: arn(resource) }),
    ),
  ];
  const out: unknown[] = [];
  for (const read of reads) {
    const { $metadata: _, ...rest } = (await omics.send(read as never)) as unknown as Record<string, unknown>;
    // As JSON: Dates as text, the SDK's LazyJsonString documents as their text.
    out.push(JSON.parse(JSON.stringify(rest)));
  }
  return out;
}

describe("HealthOmics under malformed input", () => {
  it("answers every malformed value in every member of every operation with a modelled error or a success, and a refusal changes nothing", async () => {
    const w = await world();
    const requests = validRequests(w);
    const sdk = omicsSdk as unknown as Record<string, unknown>;
    const operations = Object.keys(sdk).filter((name) => /^[A-Z][A-Za-z0-9]+Command$/.test(name)).map((name) => name.slice(0, -"Command".length));
    expect(Object.keys(requests).sort()).toEqual(operations.sort());
    expect(operations).toHaveLength(107);

    const modelled = new Set(Object.keys(sdk).filter((name) => name.endsWith("Exception")));
    const problems: string[] = [];
    let attempt = 0;
    const send = async (operation: string, input: Record<string, unknown>): Promise<"ok" | "refused" | "local"> => {
      const Command = sdk[`${operation}Command`] as new (input: unknown) => omicsSdk.GetRunCommand;
      const fresh = FRESH[operation];
      if (fresh && input[fresh[0]] === requests[operation]![fresh[0]]) input[fresh[0]] = fresh[1](++attempt);
      try {
        await omics.send(new Command(input));
        return "ok";
      } catch (error) {
        const { name, message } = error as Error;
        // The SDK's own serializer may refuse a value before it is sent: that is not the fake's answer.
        const fromFake = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined;
        if (fromFake ? !modelled.has(name) : /dist[\\/](engine|services|intercept|protocol)/.test(String((error as Error).stack))) {
          problems.push(`${operation} ${JSON.stringify(input).slice(0, 200)}: ${name}: ${message.slice(0, 200)}`);
        }
        return fromFake ? "refused" : "local";
      } finally {
        aws.settle();
      }
    };

    for (const operation of operations) {
      const valid = requests[operation]!;
      const schema = NormalizedSchema.of((sdk[`${operation}$`] as unknown[])[4] as Parameters<typeof NormalizedSchema.of>[0]);
      const inputs = [valid, ...memberPaths(schema).flatMap((path) => BAD.map((bad) => withValue(valid, path, bad)))];
      const refused: Array<Record<string, unknown>> = [];
      for (const input of inputs) if ((await send(operation, structuredClone(input))) === "refused") refused.push(input);
      // The refused requests of operations that change things, again, between two readings of
      // everything: nothing may change. (Reads move nothing in manual mode.)
      if (refused.length === 0 || /^(Get|List)/.test(operation)) continue;
      const before = await snapshot(w);
      for (const input of refused) await send(operation, structuredClone(input));
      const after = await snapshot(w);
      try {
        expect(after).toEqual(before);
      } catch {
        problems.push(`${operation}: a refused request changed what reads show`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
