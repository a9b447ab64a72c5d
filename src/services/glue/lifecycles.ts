import type { LifecycleKind } from "../../engine/service.js";
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
  ...CATALOG_LIFECYCLES,
];
