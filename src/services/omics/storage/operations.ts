import type { LifecycleKind } from "../../../engine/service.js";
import * as imports from "./analytics-imports.js";
import { ANALYTICS_STATES } from "./analytics.js";
import * as annotations from "./annotation-stores.js";
import { ANALYTICS_JOB_STATES, JOB_FAILURES, STORAGE_JOB_STATES } from "./jobs.js";
import * as readSetJobs from "./read-set-jobs.js";
import * as readSets from "./read-sets.js";
import * as referenceImports from "./reference-imports.js";
import * as referenceStores from "./reference-stores.js";
import * as references from "./references.js";
import * as sequenceStores from "./sequence-stores.js";
import * as uploads from "./uploads.js";
import * as variants from "./variant-stores.js";

/**
 * The storage side of HealthOmics: sequence stores and read sets (direct uploads, imports,
 * activations, exports), reference stores and references, annotation stores and their
 * versions, variant stores, and their import jobs. Spread into the service's operation table.
 */
export const storageOperations = {
  CreateSequenceStore: sequenceStores.createSequenceStore,
  GetSequenceStore: sequenceStores.getSequenceStore,
  UpdateSequenceStore: sequenceStores.updateSequenceStore,
  DeleteSequenceStore: sequenceStores.deleteSequenceStore,
  ListSequenceStores: sequenceStores.listSequenceStores,

  CreateMultipartReadSetUpload: uploads.createMultipartReadSetUpload,
  UploadReadSetPart: uploads.uploadReadSetPart,
  CompleteMultipartReadSetUpload: uploads.completeMultipartReadSetUpload,
  AbortMultipartReadSetUpload: uploads.abortMultipartReadSetUpload,
  ListMultipartReadSetUploads: uploads.listMultipartReadSetUploads,
  ListReadSetUploadParts: uploads.listReadSetUploadParts,

  GetReadSet: readSets.getReadSet,
  GetReadSetMetadata: readSets.getReadSetMetadata,
  ListReadSets: readSets.listReadSets,
  BatchDeleteReadSet: readSets.batchDeleteReadSet,

  StartReadSetImportJob: readSetJobs.startReadSetImportJob,
  GetReadSetImportJob: readSetJobs.getReadSetImportJob,
  ListReadSetImportJobs: readSetJobs.listReadSetImportJobs,
  StartReadSetActivationJob: readSetJobs.startReadSetActivationJob,
  GetReadSetActivationJob: readSetJobs.getReadSetActivationJob,
  ListReadSetActivationJobs: readSetJobs.listReadSetActivationJobs,
  StartReadSetExportJob: readSetJobs.startReadSetExportJob,
  GetReadSetExportJob: readSetJobs.getReadSetExportJob,
  ListReadSetExportJobs: readSetJobs.listReadSetExportJobs,

  CreateReferenceStore: referenceStores.createReferenceStore,
  GetReferenceStore: referenceStores.getReferenceStore,
  DeleteReferenceStore: referenceStores.deleteReferenceStore,
  ListReferenceStores: referenceStores.listReferenceStores,
  StartReferenceImportJob: referenceImports.startReferenceImportJob,
  GetReferenceImportJob: referenceImports.getReferenceImportJob,
  ListReferenceImportJobs: referenceImports.listReferenceImportJobs,
  GetReference: references.getReference,
  GetReferenceMetadata: references.getReferenceMetadata,
  ListReferences: references.listReferences,
  DeleteReference: references.deleteReference,

  CreateAnnotationStore: annotations.createAnnotationStore,
  GetAnnotationStore: annotations.getAnnotationStore,
  UpdateAnnotationStore: annotations.updateAnnotationStore,
  DeleteAnnotationStore: annotations.deleteAnnotationStore,
  ListAnnotationStores: annotations.listAnnotationStores,
  CreateAnnotationStoreVersion: annotations.createAnnotationStoreVersion,
  GetAnnotationStoreVersion: annotations.getAnnotationStoreVersion,
  UpdateAnnotationStoreVersion: annotations.updateAnnotationStoreVersion,
  ListAnnotationStoreVersions: annotations.listAnnotationStoreVersions,
  DeleteAnnotationStoreVersions: annotations.deleteAnnotationStoreVersions,
  StartAnnotationImportJob: imports.startAnnotationImportJob,
  GetAnnotationImportJob: imports.getAnnotationImportJob,
  ListAnnotationImportJobs: imports.listAnnotationImportJobs,
  CancelAnnotationImportJob: imports.cancelAnnotationImportJob,

  CreateVariantStore: variants.createVariantStore,
  GetVariantStore: variants.getVariantStore,
  UpdateVariantStore: variants.updateVariantStore,
  DeleteVariantStore: variants.deleteVariantStore,
  ListVariantStores: variants.listVariantStores,
  StartVariantImportJob: imports.startVariantImportJob,
  GetVariantImportJob: imports.getVariantImportJob,
  ListVariantImportJobs: imports.listVariantImportJobs,
  CancelVariantImportJob: imports.cancelVariantImportJob,
};

const storageJob = (kind: string, store: string): LifecycleKind => ({ kind, states: STORAGE_JOB_STATES, failures: JOB_FAILURES, attributes: ["id", store] });

/** The storage side's asynchronous resources, for aws.lifecycle(kind, where). */
export const storageLifecycles: LifecycleKind[] = [
  { kind: "Omics.SequenceStore", states: sequenceStores.SEQUENCE_STORE_STATES, failures: ["FAILED"], attributes: ["id", "name"] },
  { kind: "Omics.ReadSet", states: readSets.READ_SET_STATES, failures: ["UPLOAD_FAILED"], attributes: ["sequenceStoreId", "id", "name", "sampleId", "subjectId"] },
  storageJob("Omics.ReadSetImportJob", "sequenceStoreId"),
  storageJob("Omics.ReadSetActivationJob", "sequenceStoreId"),
  storageJob("Omics.ReadSetExportJob", "sequenceStoreId"),
  storageJob("Omics.ReferenceImportJob", "referenceStoreId"),
  { kind: "Omics.AnnotationStore", states: ANALYTICS_STATES, failures: ["FAILED"], attributes: ["name"] },
  { kind: "Omics.AnnotationStoreVersion", states: ANALYTICS_STATES, failures: ["FAILED"], attributes: ["name", "versionName"] },
  { kind: "Omics.VariantStore", states: ANALYTICS_STATES, failures: ["FAILED"], attributes: ["name"] },
  { kind: "Omics.AnnotationImportJob", states: ANALYTICS_JOB_STATES, failures: JOB_FAILURES, attributes: ["id", "destinationName", "versionName"] },
  { kind: "Omics.VariantImportJob", states: ANALYTICS_JOB_STATES, failures: JOB_FAILURES, attributes: ["id", "destinationName"] },
];
