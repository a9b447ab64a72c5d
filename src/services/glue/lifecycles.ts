import type { LifecycleKind } from "../../engine/service.js";
import { DATA_QUALITY_LIFECYCLES } from "./data-quality/lifecycles.js";
import { INTEGRATION_LIFECYCLES } from "./integrations/lifecycles.js";
import { REGISTRY_LIFECYCLES } from "./registry/lifecycles.js";
import { SESSION_LIFECYCLES } from "./sessions/lifecycles.js";
import { DEV_ENDPOINT_LIFECYCLES } from "./dev-endpoints/lifecycles.js";
import { ML_LIFECYCLES } from "./ml/lifecycles.js";
import { JOB_EXTRA_LIFECYCLES } from "./job-extras/lifecycles.js";
import { CATALOG_LIFECYCLES } from "./catalog/lifecycles.js";

/** Lifecycle kind names, as tests pass them to aws.lifecycle(kind, where). */
export const JOB_RUN = "Glue.JobRun";
export const CRAWL = "Glue.Crawl";
export const WORKFLOW_RUN = "Glue.WorkflowRun";
export const BLUEPRINT = "Glue.Blueprint";
export const BLUEPRINT_RUN = "Glue.BlueprintRun";

/**
 * The asynchronous resources of Glue and what tests can do with them: the states each can be
 * held in, the failure outcomes endsIn() accepts, and the attributes a rule can match on.
 */
export const GLUE_LIFECYCLES: readonly LifecycleKind[] = [
  {
    kind: JOB_RUN,
    states: ["WAITING", "STARTING", "RUNNING", "STOPPING", "STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT", "ERROR"],
    failures: ["FAILED", "TIMEOUT", "ERROR", "STOPPED"],
    attributes: ["JobName", "JobRunId", "TriggerName", "WorkflowName", "WorkflowRunId"],
  },
  {
    // A crawl: RUNNING, then STOPPING while the crawler writes its results (CrawlState has no
    // such value: the crawl reads RUNNING and the crawler STOPPING), then its outcome.
    kind: CRAWL,
    states: ["RUNNING", "STOPPING", "CANCELLING", "SUCCEEDED", "FAILED", "CANCELLED", "ERROR"],
    failures: ["FAILED", "CANCELLED", "ERROR"],
    attributes: ["CrawlerName", "CrawlId", "TriggerName", "WorkflowName", "WorkflowRunId"],
  },
  {
    // A workflow run ends COMPLETED whatever its parts did, so it has no failure outcome: make
    // a job or a crawl fail instead. It can be held or slowed.
    kind: WORKFLOW_RUN,
    states: ["RUNNING", "STOPPING", "COMPLETED", "STOPPED", "ERROR"],
    failures: [],
    attributes: ["WorkflowName", "WorkflowRunId"],
  },
  {
    kind: BLUEPRINT,
    states: ["CREATING", "UPDATING", "ACTIVE", "FAILED"],
    failures: ["FAILED"],
    attributes: ["BlueprintName"],
  },
  {
    kind: BLUEPRINT_RUN,
    states: ["RUNNING", "ROLLING_BACK", "SUCCEEDED", "FAILED"],
    failures: ["FAILED"],
    attributes: ["BlueprintName", "RunId"],
  },
  ...DATA_QUALITY_LIFECYCLES,
  ...INTEGRATION_LIFECYCLES,
  ...REGISTRY_LIFECYCLES,
  ...SESSION_LIFECYCLES,
  ...DEV_ENDPOINT_LIFECYCLES,
  ...ML_LIFECYCLES,
  ...JOB_EXTRA_LIFECYCLES,
  ...CATALOG_LIFECYCLES,
];
