import * as omicsSdk from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { omics } from "../../omics/helpers.js";
import { garbage, GONE, stateOf, type Change, type KindScenario, type Tracked } from "./types.js";

/**
 * HealthOmics' storage kinds: sequence stores, direct uploads (read sets), the read set and
 * reference jobs, annotation stores and versions, variant stores and their import jobs.
 */
const DAY = 24 * 60 * 60 * 1000;
const JOB_ROLE = "arn:aws:iam::123456789012:role/OmicsImportRole";
const FASTQ = "@r1\nACGT\n+\nIIII\n";

let sequenceStoreId = "";
let readSetId = "";
let referenceStoreId = "";
let referenceArn = "";

async function sequenceStore(): Promise<void> {
  sequenceStoreId = (await omics.send(new omicsSdk.CreateSequenceStoreCommand({ name: "reads" }))).id!;
}

/** A store holding one uploaded read set (ACTIVE once the caller settles). */
async function storeWithReadSet(): Promise<void> {
  await sequenceStore();
  aws.settle();
  readSetId = await upload();
}

async function upload(): Promise<string> {
  const sequenceStoreIdNow = sequenceStoreId;
  const { uploadId } = await omics.send(
    new omicsSdk.CreateMultipartReadSetUploadCommand({ sequenceStoreId: sequenceStoreIdNow, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "reads" }),
  );
  const { checksum } = await omics.send(new omicsSdk.UploadReadSetPartCommand({ sequenceStoreId: sequenceStoreIdNow, uploadId, partSource: "SOURCE1", partNumber: 1, payload: FASTQ }));
  const done = await omics.send(new omicsSdk.CompleteMultipartReadSetUploadCommand({ sequenceStoreId: sequenceStoreIdNow, uploadId, parts: [{ partSource: "SOURCE1", partNumber: 1, checksum }] }));
  return done.readSetId!;
}

/** A reference (imported without content) in a reference store. */
async function reference(): Promise<void> {
  referenceStoreId = (await omics.send(new omicsSdk.CreateReferenceStoreCommand({ name: "refs" }))).id!;
  await omics.send(new omicsSdk.StartReferenceImportJobCommand({ referenceStoreId, roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/ref.fa", name: "ref" }] }));
  aws.settle();
  const [ref] = (await omics.send(new omicsSdk.ListReferencesCommand({ referenceStoreId }))).references!;
  referenceArn = ref!.arn!;
}

const storeJob = (get: (id: string) => Promise<{ status?: string }>, list: () => Promise<unknown>) => (id: string): Tracked => ({
  read: () => stateOf(() => get(id), (r) => r.status),
  rejectedRead: list,
});

const importJobOf = storeJob(
  (id) => omics.send(new omicsSdk.GetReadSetImportJobCommand({ sequenceStoreId, id })),
  () => omics.send(new omicsSdk.ListReadSetImportJobsCommand({ sequenceStoreId, nextToken: garbage })),
);
const activationJobOf = storeJob(
  (id) => omics.send(new omicsSdk.GetReadSetActivationJobCommand({ sequenceStoreId, id })),
  () => omics.send(new omicsSdk.ListReadSetActivationJobsCommand({ sequenceStoreId, nextToken: garbage })),
);
const exportJobOf = storeJob(
  (id) => omics.send(new omicsSdk.GetReadSetExportJobCommand({ sequenceStoreId, id })),
  () => omics.send(new omicsSdk.ListReadSetExportJobsCommand({ sequenceStoreId, nextToken: garbage })),
);
const referenceJobOf = storeJob(
  (id) => omics.send(new omicsSdk.GetReferenceImportJobCommand({ referenceStoreId, id })),
  () => omics.send(new omicsSdk.ListReferenceImportJobsCommand({ referenceStoreId, nextToken: garbage })),
);

const annotationStoreOf = (name: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetAnnotationStoreCommand({ name })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListAnnotationStoresCommand({ nextToken: garbage })),
});
const versionOf = (name: string, versionName: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetAnnotationStoreVersionCommand({ name, versionName })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListAnnotationStoreVersionsCommand({ name, nextToken: garbage })),
});
const variantStoreOf = (name: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetVariantStoreCommand({ name })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListVariantStoresCommand({ nextToken: garbage })),
});
const annotationJobOf = (jobId: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetAnnotationImportJobCommand({ jobId })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListAnnotationImportJobsCommand({ nextToken: garbage })),
});
const variantJobOf = (jobId: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetVariantImportJobCommand({ jobId })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListVariantImportJobsCommand({ nextToken: garbage })),
});

const JOB_PATH = ["SUBMITTED", "IN_PROGRESS", "COMPLETED"];

export const omicsStorageKinds: KindScenario[] = [
  {
    kind: "Omics.SequenceStore",
    path: ["CREATING", "ACTIVE"],
    changes: ["UpdateSequenceStore"],
    readWith: "GetSequenceStore",
    prepare: async () => undefined,
    async start() {
      await sequenceStore();
      const id = sequenceStoreId;
      const tracked: Tracked = {
        read: () => stateOf(() => omics.send(new omicsSdk.GetSequenceStoreCommand({ id })), (r) => r.status),
        rejectedRead: () => omics.send(new omicsSdk.ListSequenceStoresCommand({ nextToken: garbage })),
      };
      const update = async (): Promise<Change> => ({
        call: "UpdateSequenceStore",
        tracked,
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await omics.send(new omicsSdk.UpdateSequenceStoreCommand({ id, description: "updated" }))),
        leaves: "UPDATING",
        next: "ACTIVE",
      });
      return { tracked, changes: [update] };
    },
  },
  {
    kind: "Omics.ReadSet",
    path: ["PROCESSING_UPLOAD", "ACTIVE"],
    readWith: "GetReadSetMetadata",
    prepare: sequenceStore,
    async start() {
      const id = await upload();
      const tracked: Tracked = {
        read: () => stateOf(() => omics.send(new omicsSdk.GetReadSetMetadataCommand({ sequenceStoreId, id })), (r) => r.status),
        rejectedRead: () => omics.send(new omicsSdk.ListReadSetsCommand({ sequenceStoreId, nextToken: garbage })),
      };
      return { tracked };
    },
  },
  {
    kind: "Omics.ReadSetImportJob",
    path: JOB_PATH,
    readWith: "GetReadSetImportJob",
    prepare: sequenceStore,
    async start() {
      const { id } = await omics.send(
        new omicsSdk.StartReadSetImportJobCommand({
          sequenceStoreId,
          roleArn: JOB_ROLE,
          sources: [{ sourceFiles: { source1: "s3://reads/r.fastq" }, sourceFileType: "FASTQ", subjectId: "s", sampleId: "s" }],
        }),
      );
      return { tracked: importJobOf(id!) };
    },
  },
  {
    kind: "Omics.ReadSetActivationJob",
    path: JOB_PATH,
    readWith: "GetReadSetActivationJob",
    async prepare() {
      await storeWithReadSet();
      aws.settle();
      aws.clock.advance(31 * DAY); // not read for 30 days: ARCHIVED
    },
    async start() {
      const { id } = await omics.send(new omicsSdk.StartReadSetActivationJobCommand({ sequenceStoreId, sources: [{ readSetId }] }));
      return { tracked: activationJobOf(id!) };
    },
  },
  {
    kind: "Omics.ReadSetExportJob",
    path: JOB_PATH,
    readWith: "GetReadSetExportJob",
    prepare: storeWithReadSet,
    async start() {
      const { id } = await omics.send(new omicsSdk.StartReadSetExportJobCommand({ sequenceStoreId, destination: "s3://exports/", roleArn: JOB_ROLE, sources: [{ readSetId }] }));
      return { tracked: exportJobOf(id!) };
    },
  },
  {
    kind: "Omics.ReferenceImportJob",
    path: JOB_PATH,
    readWith: "GetReferenceImportJob",
    prepare: async () => void (referenceStoreId = (await omics.send(new omicsSdk.CreateReferenceStoreCommand({ name: "refs" }))).id!),
    async start() {
      const { id } = await omics.send(new omicsSdk.StartReferenceImportJobCommand({ referenceStoreId, roleArn: JOB_ROLE, sources: [{ sourceFile: "s3://genomes/g.fa", name: "genome" }] }));
      return { tracked: referenceJobOf(id!) };
    },
  },
  {
    kind: "Omics.AnnotationStore",
    path: ["CREATING", "ACTIVE"],
    changes: ["DeleteAnnotationStore"],
    readWith: "GetAnnotationStore",
    prepare: reference,
    async start() {
      await omics.send(new omicsSdk.CreateAnnotationStoreCommand({ name: "notes", storeFormat: "GFF", reference: { referenceArn } }));
      const remove = async (): Promise<Change> => ({
        call: "DeleteAnnotationStore",
        tracked: annotationStoreOf("notes"),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await omics.send(new omicsSdk.DeleteAnnotationStoreCommand({ name: "notes" }))),
        leaves: "DELETING",
        next: GONE,
      });
      return { tracked: annotationStoreOf("notes"), changes: [remove] };
    },
  },
  {
    kind: "Omics.AnnotationStoreVersion",
    path: ["CREATING", "ACTIVE"],
    changes: ["DeleteAnnotationStoreVersions"],
    readWith: "GetAnnotationStoreVersion",
    async prepare() {
      await reference();
      await omics.send(new omicsSdk.CreateAnnotationStoreCommand({ name: "notes", storeFormat: "GFF", reference: { referenceArn } }));
    },
    async start() {
      await omics.send(new omicsSdk.CreateAnnotationStoreVersionCommand({ name: "notes", versionName: "second" }));
      const remove = async (): Promise<Change> => ({
        call: "DeleteAnnotationStoreVersions",
        tracked: versionOf("notes", "second"),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await omics.send(new omicsSdk.DeleteAnnotationStoreVersionsCommand({ name: "notes", versions: ["second"] }))),
        leaves: "DELETING",
        next: GONE,
      });
      return { tracked: versionOf("notes", "second"), changes: [remove] };
    },
  },
  {
    kind: "Omics.VariantStore",
    path: ["CREATING", "ACTIVE"],
    changes: ["DeleteVariantStore"],
    readWith: "GetVariantStore",
    prepare: reference,
    async start() {
      await omics.send(new omicsSdk.CreateVariantStoreCommand({ name: "cohort", reference: { referenceArn } }));
      const remove = async (): Promise<Change> => ({
        call: "DeleteVariantStore",
        tracked: variantStoreOf("cohort"),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await omics.send(new omicsSdk.DeleteVariantStoreCommand({ name: "cohort" }))),
        leaves: "DELETING",
        next: GONE,
      });
      return { tracked: variantStoreOf("cohort"), changes: [remove] };
    },
  },
  {
    kind: "Omics.AnnotationImportJob",
    path: JOB_PATH,
    changes: ["CancelAnnotationImportJob"],
    readWith: "GetAnnotationImportJob",
    async prepare() {
      await reference();
      await omics.send(new omicsSdk.CreateAnnotationStoreCommand({ name: "notes", storeFormat: "GFF", reference: { referenceArn } }));
    },
    async start() {
      const startJob = async () =>
        (await omics.send(new omicsSdk.StartAnnotationImportJobCommand({ destinationName: "notes", roleArn: JOB_ROLE, items: [{ source: "s3://annotations/a.gff" }] }))).jobId!;
      const cancel = async (): Promise<Change> => {
        const jobId = await startJob();
        return {
          call: "CancelAnnotationImportJob",
          tracked: annotationJobOf(jobId),
          before: [],
          act: async () => void (await omics.send(new omicsSdk.CancelAnnotationImportJobCommand({ jobId }))),
          leaves: "CANCELLED",
          next: "CANCELLED",
        };
      };
      return { tracked: annotationJobOf(await startJob()), changes: [cancel] };
    },
  },
  {
    kind: "Omics.VariantImportJob",
    path: JOB_PATH,
    changes: ["CancelVariantImportJob"],
    readWith: "GetVariantImportJob",
    async prepare() {
      await reference();
      await omics.send(new omicsSdk.CreateVariantStoreCommand({ name: "cohort", reference: { referenceArn } }));
    },
    async start() {
      const startJob = async () =>
        (await omics.send(new omicsSdk.StartVariantImportJobCommand({ destinationName: "cohort", roleArn: JOB_ROLE, items: [{ source: "s3://variants/v.vcf" }] }))).jobId!;
      const cancel = async (): Promise<Change> => {
        const jobId = await startJob();
        return {
          call: "CancelVariantImportJob",
          tracked: variantJobOf(jobId),
          before: [],
          act: async () => void (await omics.send(new omicsSdk.CancelVariantImportJobCommand({ jobId }))),
          leaves: "CANCELLED",
          next: "CANCELLED",
        };
      };
      return { tracked: variantJobOf(await startJob()), changes: [cancel] };
    },
  },
];
