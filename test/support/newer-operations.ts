/**
 * Operations the installed SDK clients send but the shared Smithy models lack: those models are
 * a snapshot older than HealthOmics' workflow versions, run batches and configurations, and
 * than Image Builder's RetryImage and DistributeImage. For each, the errors the current API
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
const IMAGEBUILDER_COMMON = ["ServiceException", "ClientException", "ServiceUnavailableException", "ForbiddenException", "CallRateLimitExceededException"];

const GLUE_COMMON = ["InternalServiceException", "OperationTimeoutException", "AccessDeniedException"];

export const NEWER_THAN_MODEL: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // From the API reference of the installed client (its commands' @throws lists).
  Glue: {
    GetSessionEndpoint: ["EntityNotFoundException", "IllegalSessionStateException", "InvalidInputException", "OperationNotSupportedException", ...GLUE_COMMON],
    GetSystemLogsForSession: ["EntityNotFoundException", "InvalidInputException", ...GLUE_COMMON],
    GetSystemLogsForJobRun: ["EntityNotFoundException", "InvalidInputException", ...GLUE_COMMON],
    StartJobUpgradeAnalysis: ["EntityNotFoundException", "InvalidInputException", "OperationNotSupportedException", "ResourceNumberLimitExceededException", "ValidationException", ...GLUE_COMMON],
    GetJobUpgradeAnalysis: ["EntityNotFoundException", "InvalidInputException", "OperationNotSupportedException", ...GLUE_COMMON],
    StopJobUpgradeAnalysis: ["EntityNotFoundException", "InvalidInputException", "OperationNotSupportedException", "ThrottlingException", ...GLUE_COMMON],
  },
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
