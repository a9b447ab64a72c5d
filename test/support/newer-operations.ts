/**
 * Operations the installed SDK clients send but the shared Smithy models lack: those models are
 * a snapshot older than HealthOmics' workflow versions, run batches and configurations, than
 * Image Builder's RetryImage and DistributeImage, and than Glue's connection-type registration,
 * Data Catalog export, Identity Center, dashboard and materialized-view refresh operations
 * (their errors: the installed client's command documentation). For each, the errors the current API
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

const GLUE_COMMON = ["InternalServiceException", "OperationTimeoutException", "AccessDeniedException"];

/** Glue's common errors (InternalServiceException, OperationTimeoutException) plus each operation's own. */
const GLUE_IDENTITY_CENTER = ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException"];

export const NEWER_THAN_MODEL: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Glue: {
    RegisterConnectionType: ["AccessDeniedException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException", "ResourceNumberLimitExceededException", "ValidationException"],
    DeleteConnectionType: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException", "ValidationException"],
    GetDataCatalogExportConfiguration: ["EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    PutDataCatalogExportConfiguration: ["AccessDeniedException", "ConflictException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    CreateGlueIdentityCenterConfiguration: ["AccessDeniedException", "AlreadyExistsException", "ConcurrentModificationException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    GetGlueIdentityCenterConfiguration: GLUE_IDENTITY_CENTER,
    UpdateGlueIdentityCenterConfiguration: GLUE_IDENTITY_CENTER,
    DeleteGlueIdentityCenterConfiguration: GLUE_IDENTITY_CENTER,
    GetDashboardUrl: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "OperationNotSupportedException"],
    // Data-quality V2 results, evaluation configurations, batch run reads, business
    // context (glossaries, assets, form types) and integration resource-property deletes and
    // lists: the errors each command's documentation in @aws-sdk/client-glue 3.1169 lists.
    AssociateGlossaryTerms: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    BatchGetDataQualityResultV2: ["InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    BatchGetDataQualityRulesetEvaluationRun: ["InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    BatchGetIterableForms: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    CreateDataQualityEvaluationConfig: ["AccessDeniedException", "AlreadyExistsException", "EntityNotFoundException", "IdempotentParameterMismatchException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException", "ResourceNumberLimitExceededException"],
    CreateGlossary: ["AccessDeniedException", "AlreadyExistsException", "ConcurrentModificationException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    CreateGlossaryTerm: ["AccessDeniedException", "AlreadyExistsException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    DeleteAsset: ["AccessDeniedException", "ConcurrentModificationException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    DeleteAssetType: ["AccessDeniedException", "ConcurrentModificationException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    DeleteAttachment: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    DeleteDataQualityEvaluationConfig: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    DeleteFormType: ["AccessDeniedException", "ConcurrentModificationException", "ConflictException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    DeleteGlossary: ["AccessDeniedException", "ConcurrentModificationException", "ConflictException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    DeleteGlossaryTerm: ["AccessDeniedException", "ConcurrentModificationException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    DeleteIntegrationResourceProperty: ["AccessDeniedException", "EntityNotFoundException", "InternalServerException", "InternalServiceException", "InvalidInputException", "ResourceNotFoundException", "ValidationException"],
    DisassociateGlossaryTerms: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    GetAsset: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    GetAssetType: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    GetDataQualityEvaluationConfig: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    GetDataQualityResultV2: ["EntityNotFoundException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    GetFormType: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    GetGlossary: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "ThrottlingException"],
    GetGlossaryTerm: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "ThrottlingException"],
    ListAssetTypes: ["AccessDeniedException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    ListDataQualityEvaluationConfigs: ["AccessDeniedException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    ListDataQualityResultsV2: ["InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    ListFormTypes: ["AccessDeniedException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    ListGlossaries: ["AccessDeniedException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    ListGlossaryTerms: ["AccessDeniedException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    ListIntegrationResourceProperties: ["AccessDeniedException", "EntityNotFoundException", "InternalServerException", "InternalServiceException", "InvalidInputException", "ResourceNotFoundException", "ValidationException"],
    ListIntegrationTableProperties: ["AccessDeniedException", "EntityNotFoundException", "InternalServerException", "InternalServiceException", "InvalidInputException", "ResourceNotFoundException", "ValidationException"],
    ListIterableForms: ["AccessDeniedException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    PublishDataQualityResultV2: ["IdempotentParameterMismatchException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException", "ResourceNumberLimitExceededException"],
    PutAsset: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    PutAssetType: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    PutAttachment: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    PutFormType: ["AccessDeniedException", "ConcurrentModificationException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    SearchAssets: ["AccessDeniedException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    UpdateAsset: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    UpdateDataQualityEvaluationConfig: ["AccessDeniedException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "OperationTimeoutException"],
    UpdateGlossary: ["AccessDeniedException", "AlreadyExistsException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    UpdateGlossaryTerm: ["AccessDeniedException", "AlreadyExistsException", "ConcurrentModificationException", "EntityNotFoundException", "InternalServiceException", "InvalidInputException", "ThrottlingException"],
    StartMaterializedViewRefreshTaskRun: [...GLUE_REFRESH_COMMON, "EntityNotFoundException", "MaterializedViewRefreshTaskRunningException", "ResourceNumberLimitExceededException"],
    StopMaterializedViewRefreshTaskRun: [...GLUE_REFRESH_COMMON, "MaterializedViewRefreshTaskNotRunningException", "MaterializedViewRefreshTaskStoppingException"],
    GetMaterializedViewRefreshTaskRun: [...GLUE_REFRESH_COMMON, "EntityNotFoundException"],
    ListMaterializedViewRefreshTaskRuns: GLUE_REFRESH_COMMON,
    // Sessions and job extras: from the API reference of the installed client (its commands' @throws lists).
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
