import { ServiceError } from "../../engine/errors.js";
import { defineService } from "../../engine/service.js";
import { adminOperations } from "./admin/operations.js";
import { GlueBackend } from "./backend.js";
import * as blueprintRuns from "./blueprint-runs.js";
import * as blueprints from "./blueprints.js";
import { connectionOperations } from "./connections/operations.js";
import { catalogOperations } from "./catalog/operations.js";
import * as crawlers from "./crawlers.js";
import { DATA_QUALITY_OPERATIONS } from "./data-quality/operations.js";
import { GLOSSARY_OPERATIONS } from "./glossary/operations.js";
import { INTEGRATION_OPERATIONS } from "./integrations/operations.js";
import * as jobRuns from "./job-runs.js";
import * as jobs from "./jobs.js";
import { REGISTRY_OPERATIONS } from "./registry/operations.js";
import { SESSION_OPERATIONS } from "./sessions/operations.js";
import { DEV_ENDPOINT_OPERATIONS } from "./dev-endpoints/operations.js";
import { ML_OPERATIONS } from "./ml/operations.js";
import { JOB_EXTRA_OPERATIONS } from "./job-extras/operations.js";
import { fireDueSchedules } from "./scheduling.js";
import { GLUE_LIFECYCLES } from "./lifecycles.js";
import { CATALOG_EXPORT_LIFECYCLE } from "./security/catalog-export.js";
import { securityOperations } from "./security/operations.js";
import * as tags from "./tags.js";
import * as triggers from "./triggers.js";
import * as workflowRuns from "./workflow-runs.js";
import * as workflows from "./workflows.js";

/** AWS Glue (awsJson1_1): the operation table. Handlers live in one file per resource family. */
export const glue = defineService<GlueBackend>({
  serviceId: "Glue",
  sdkPackage: "@aws-sdk/client-glue",
  namespace: "com.amazonaws.glue",
  arnService: "glue",
  protocol: "awsJson1_1",
  errors: {
    validation: "InvalidInputException",
    throttling: "ThrottlingException",
    idempotencyMismatch: (operation) =>
      new ServiceError("IdempotentParameterMismatchException", `The same unique identifier was associated with a different ${operation} request.`),
  },
  lifecycles: [...GLUE_LIFECYCLES, CATALOG_EXPORT_LIFECYCLE],
  createBackend: (scope) => new GlueBackend(scope),
  // Every call first fires the time-based schedules that have come due (see scheduling.ts).
  beforeEachOperation: (ctx) => fireDueSchedules(ctx.backend.runtime(ctx)),
  operations: {
    CreateWorkflow: workflows.createWorkflow,
    GetWorkflow: workflows.getWorkflow,
    UpdateWorkflow: workflows.updateWorkflow,
    DeleteWorkflow: workflows.deleteWorkflow,
    ListWorkflows: workflows.listWorkflows,
    BatchGetWorkflows: workflows.batchGetWorkflows,

    StartWorkflowRun: workflowRuns.startWorkflowRun,
    GetWorkflowRun: workflowRuns.getWorkflowRun,
    GetWorkflowRuns: workflowRuns.getWorkflowRuns,
    StopWorkflowRun: workflowRuns.stopWorkflowRun,
    ResumeWorkflowRun: workflowRuns.resumeWorkflowRun,
    GetWorkflowRunProperties: workflowRuns.getWorkflowRunProperties,
    PutWorkflowRunProperties: workflowRuns.putWorkflowRunProperties,

    CreateTrigger: triggers.createTrigger,
    GetTrigger: triggers.getTrigger,
    GetTriggers: triggers.getTriggers,
    UpdateTrigger: triggers.updateTrigger,
    DeleteTrigger: triggers.deleteTrigger,
    ListTriggers: triggers.listTriggers,
    BatchGetTriggers: triggers.batchGetTriggers,
    StartTrigger: triggers.startTrigger,
    StopTrigger: triggers.stopTrigger,

    CreateJob: jobs.createJob,
    GetJob: jobs.getJob,
    GetJobs: jobs.getJobs,
    UpdateJob: jobs.updateJob,
    DeleteJob: jobs.deleteJob,
    ListJobs: jobs.listJobs,
    BatchGetJobs: jobs.batchGetJobs,

    StartJobRun: jobRuns.startJobRun,
    GetJobRun: jobRuns.getJobRun,
    GetJobRuns: jobRuns.getJobRuns,
    BatchStopJobRun: jobRuns.batchStopJobRun,

    CreateCrawler: crawlers.createCrawler,
    GetCrawler: crawlers.getCrawler,
    GetCrawlers: crawlers.getCrawlers,
    UpdateCrawler: crawlers.updateCrawler,
    DeleteCrawler: crawlers.deleteCrawler,
    ListCrawlers: crawlers.listCrawlers,
    BatchGetCrawlers: crawlers.batchGetCrawlers,
    StartCrawler: crawlers.startCrawler,
    StopCrawler: crawlers.stopCrawler,
    ListCrawls: crawlers.listCrawls,
    GetCrawlerMetrics: crawlers.getCrawlerMetrics,

    CreateBlueprint: blueprints.createBlueprint,
    GetBlueprint: blueprints.getBlueprint,
    UpdateBlueprint: blueprints.updateBlueprint,
    DeleteBlueprint: blueprints.deleteBlueprint,
    ListBlueprints: blueprints.listBlueprints,
    BatchGetBlueprints: blueprints.batchGetBlueprints,
    StartBlueprintRun: blueprintRuns.startBlueprintRun,
    GetBlueprintRun: blueprintRuns.getBlueprintRun,
    GetBlueprintRuns: blueprintRuns.getBlueprintRuns,

    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    GetTags: tags.getTags,

    ...connectionOperations,
    ...securityOperations,
    ...adminOperations,
    ...DATA_QUALITY_OPERATIONS,
    ...INTEGRATION_OPERATIONS,
    ...GLOSSARY_OPERATIONS,
    ...REGISTRY_OPERATIONS,
    ...SESSION_OPERATIONS,
    ...DEV_ENDPOINT_OPERATIONS,
    ...ML_OPERATIONS,
    ...JOB_EXTRA_OPERATIONS,
    ...catalogOperations,
  },
});
