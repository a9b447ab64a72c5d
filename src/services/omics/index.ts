import { ServiceError } from "../../engine/errors.js";
import { defineService, type LifecycleKind } from "../../engine/service.js";
import { OmicsBackend } from "./backend.js";
import * as batches from "./batches.js";
import * as configurations from "./configurations.js";
import * as caches from "./run-caches.js";
import * as groups from "./run-groups.js";
import { RUN_STATES } from "./run-model.js";
import * as runs from "./runs.js";
import * as policies from "./s3-access-policies.js";
import * as shares from "./shares.js";
import { storageLifecycles, storageOperations } from "./storage/operations.js";
import * as tags from "./tags.js";
import * as tasks from "./tasks.js";
import * as versions from "./versions.js";
import * as workflows from "./workflows.js";

/** The asynchronous resources tests can control with aws.lifecycle(kind, where). */
const lifecycles: LifecycleKind[] = [
  { kind: "Omics.Workflow", states: ["CREATING", "ACTIVE", "FAILED"], failures: ["FAILED"], attributes: ["id", "name"] },
  { kind: "Omics.WorkflowVersion", states: ["CREATING", "ACTIVE", "FAILED"], failures: ["FAILED"], attributes: ["workflowId", "versionName"] },
  {
    kind: "Omics.Run",
    states: RUN_STATES,
    failures: ["FAILED", "CANCELLED"],
    attributes: ["id", "name", "workflowId", "workflowVersionName", "runGroupId", "batchId"],
  },
  { kind: "Omics.Task", states: RUN_STATES, failures: ["FAILED", "CANCELLED"], attributes: ["runId", "taskId", "name"] },
  { kind: "Omics.Batch", states: batches.BATCH_STATES, failures: ["FAILED"], attributes: ["id", "name"] },
  { kind: "Omics.Configuration", states: ["CREATING", "ACTIVE", "DELETING", "DELETED", "FAILED"], failures: ["FAILED"], attributes: ["name"] },
  { kind: "Omics.Share", states: ["ACTIVATING", "ACTIVE", "DELETING", "DELETED", "FAILED"], failures: ["FAILED"], attributes: ["shareId", "shareName", "resourceArn", "principalSubscriber"] },
  ...storageLifecycles,
];

/**
 * AWS HealthOmics (restJson1 with per-operation host prefixes): the operation table. The
 * workflow side (workflows, versions, runs, tasks, run groups, caches, batches,
 * configurations), shares, S3 access policies and tags, and the storage side (sequence,
 * reference, annotation and variant stores, read sets, references and their jobs: storage/).
 */
export const omics = defineService<OmicsBackend>({
  serviceId: "Omics",
  sdkPackage: "@aws-sdk/client-omics",
  namespace: "com.amazonaws.omics",
  arnService: "omics",
  protocol: "restJson1",
  errors: {
    validation: "ValidationException",
    throttling: "ThrottlingException",
    // HealthOmics models no IdempotentParameterMismatch error; a request id reused for a
    // different request is refused as a conflict with the request it first named.
    idempotencyMismatch: (operation, token) =>
      new ServiceError("ConflictException", `The request ID ${token} was already used for a different ${operation} request. Use a new request ID for a new request.`),
  },
  lifecycles,
  createBackend: (scope) => new OmicsBackend(scope),
  operations: {
    CreateWorkflow: workflows.createWorkflow,
    GetWorkflow: workflows.getWorkflow,
    UpdateWorkflow: workflows.updateWorkflow,
    DeleteWorkflow: workflows.deleteWorkflow,
    ListWorkflows: workflows.listWorkflows,

    CreateWorkflowVersion: versions.createWorkflowVersion,
    GetWorkflowVersion: versions.getWorkflowVersion,
    UpdateWorkflowVersion: versions.updateWorkflowVersion,
    DeleteWorkflowVersion: versions.deleteWorkflowVersion,
    ListWorkflowVersions: versions.listWorkflowVersions,

    StartRun: runs.startRunOperation,
    GetRun: runs.getRun,
    ListRuns: runs.listRuns,
    CancelRun: runs.cancelRun,
    DeleteRun: runs.deleteRun,
    GetRunTask: tasks.getRunTask,
    ListRunTasks: tasks.listRunTasks,

    StartRunBatch: batches.startRunBatch,
    GetBatch: batches.getBatch,
    ListBatch: batches.listBatch,
    ListRunsInBatch: batches.listRunsInBatch,
    CancelRunBatch: batches.cancelRunBatch,
    DeleteRunBatch: batches.deleteRunBatch,
    DeleteBatch: batches.deleteBatch,

    CreateRunGroup: groups.createRunGroup,
    GetRunGroup: groups.getRunGroup,
    UpdateRunGroup: groups.updateRunGroup,
    DeleteRunGroup: groups.deleteRunGroup,
    ListRunGroups: groups.listRunGroups,

    CreateRunCache: caches.createRunCache,
    GetRunCache: caches.getRunCache,
    UpdateRunCache: caches.updateRunCache,
    DeleteRunCache: caches.deleteRunCache,
    ListRunCaches: caches.listRunCaches,

    CreateConfiguration: configurations.createConfiguration,
    GetConfiguration: configurations.getConfiguration,
    DeleteConfiguration: configurations.deleteConfiguration,
    ListConfigurations: configurations.listConfigurations,

    CreateShare: shares.createShare,
    AcceptShare: shares.acceptShare,
    GetShare: shares.getShare,
    DeleteShare: shares.deleteShare,
    ListShares: shares.listShares,

    PutS3AccessPolicy: policies.putS3AccessPolicy,
    GetS3AccessPolicy: policies.getS3AccessPolicy,
    DeleteS3AccessPolicy: policies.deleteS3AccessPolicy,

    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListTagsForResource: tags.listTagsForResource,

    ...storageOperations,
  },
});
