/**
 * Operations the installed SDK clients send but the shared Smithy models lack: those models are
 * a snapshot older than HealthOmics' workflow versions, run batches and configurations, and
 * than Image Builder's RetryImage and DistributeImage, and than Glue's materialized-view refresh
 * runs (their errors: the installed client's command documentation). For each, the errors the current API
 * reference lists (service-semantics.md, from botocore 1.43 / the SDK versions in the lockfile),
 * "common" errors included. The conformance oracle checks these operations against this list
 * in place of the model; their required-member and enum checks live in the service's own
 * `newer-operations.test.ts`.
 */
const OMICS_WORKFLOW_SIDE = [
  "ServiceQuotaExceededException",
  "ValidationException",
  "ConflictException",
  "ResourceNotFoundException",
  "InternalServerException",
  "ThrottlingException",
  "AccessDeniedException",
  "RequestTimeoutException",
];
const OMICS_COMMON = ["InternalServerException", "ThrottlingException", "AccessDeniedException", "RequestTimeoutException"];
/** Glue's materialized-view refresh runs (SDK-only): the errors each command's documentation lists. */
const GLUE_REFRESH_COMMON = ["AccessDeniedException", "InvalidInputException", "OperationTimeoutException"];
const IMAGEBUILDER_COMMON = ["ServiceException", "ClientException", "ServiceUnavailableException", "ForbiddenException", "CallRateLimitExceededException"];

export const NEWER_THAN_MODEL: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Omics: {
    CreateWorkflowVersion: OMICS_WORKFLOW_SIDE,
    GetWorkflowVersion: OMICS_WORKFLOW_SIDE,
    UpdateWorkflowVersion: OMICS_WORKFLOW_SIDE,
    DeleteWorkflowVersion: OMICS_WORKFLOW_SIDE,
    ListWorkflowVersions: OMICS_WORKFLOW_SIDE,
    StartRunBatch: OMICS_WORKFLOW_SIDE,
    GetBatch: ["ValidationException", "ResourceNotFoundException", ...OMICS_COMMON],
    ListBatch: ["ValidationException", ...OMICS_COMMON],
    ListRunsInBatch: OMICS_WORKFLOW_SIDE,
    CancelRunBatch: OMICS_WORKFLOW_SIDE,
    DeleteRunBatch: OMICS_WORKFLOW_SIDE,
    DeleteBatch: OMICS_WORKFLOW_SIDE,
    CreateConfiguration: OMICS_WORKFLOW_SIDE,
    GetConfiguration: OMICS_WORKFLOW_SIDE,
    DeleteConfiguration: OMICS_WORKFLOW_SIDE,
    ListConfigurations: OMICS_WORKFLOW_SIDE,
  },
  Glue: {
    StartMaterializedViewRefreshTaskRun: [...GLUE_REFRESH_COMMON, "EntityNotFoundException", "MaterializedViewRefreshTaskRunningException", "ResourceNumberLimitExceededException"],
    StopMaterializedViewRefreshTaskRun: [...GLUE_REFRESH_COMMON, "MaterializedViewRefreshTaskNotRunningException", "MaterializedViewRefreshTaskStoppingException"],
    GetMaterializedViewRefreshTaskRun: [...GLUE_REFRESH_COMMON, "EntityNotFoundException"],
    ListMaterializedViewRefreshTaskRuns: GLUE_REFRESH_COMMON,
  },
  imagebuilder: {
    RetryImage: ["InvalidRequestException", "IdempotentParameterMismatchException", "ResourceInUseException", ...IMAGEBUILDER_COMMON],
    DistributeImage: [
      "InvalidRequestException",
      "IdempotentParameterMismatchException",
      "ResourceInUseException",
      "ServiceQuotaExceededException",
      "TooManyRequestsException",
      "ResourceNotFoundException",
      "AccessDeniedException",
      ...IMAGEBUILDER_COMMON,
    ],
  },
};
