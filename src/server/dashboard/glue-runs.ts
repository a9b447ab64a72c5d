import type { Node } from "@aws-sdk/client-glue";
import type { GlueBackend } from "../../services/glue/backend.js";

/** A Glue workflow run as the dashboard draws it: its status and its graph with node states. */
export interface GlueRunView {
  workflow: string;
  runId: string;
  status: string;
  errorMessage?: string;
  nodes: Array<{ id: string; type: string; name: string; state?: string }>;
  edges: Array<{ from: string; to: string }>;
}

/** Runs drawn per workflow, newest first. */
const RUNS_PER_WORKFLOW = 3;

/** The state a node shows in a run graph: its latest job run or crawl, as GetWorkflowRun reports it. */
function nodeState(node: Node): string | undefined {
  const jobRuns = node.JobDetails?.JobRuns ?? [];
  const crawls = node.CrawlerDetails?.Crawls ?? [];
  return jobRuns[jobRuns.length - 1]?.JobRunState ?? crawls[crawls.length - 1]?.State;
}

/**
 * The latest runs of each workflow in a Glue backend, rendered as GetWorkflowRun with
 * IncludeGraph renders them (`WorkflowRun.render` reads; it does not observe or move a run).
 */
export function glueRunsOf(backend: object): GlueRunView[] {
  const glue = backend as Partial<GlueBackend>;
  if (!glue.workflows) return [];
  const views: GlueRunView[] = [];
  for (const workflow of glue.workflows.values()) {
    for (const entry of workflow.runs.entries().slice(0, RUNS_PER_WORKFLOW)) {
      const run = entry.value.render(true);
      const graph = run.Graph ?? {};
      views.push({
        workflow: workflow.Name,
        runId: run.WorkflowRunId ?? entry.id,
        status: run.Status ?? "UNKNOWN",
        ...(run.ErrorMessage ? { errorMessage: run.ErrorMessage } : {}),
        nodes: (graph.Nodes ?? []).map((node) => {
          const state = node.Type === "TRIGGER" ? undefined : nodeState(node);
          return { id: node.UniqueId ?? node.Name ?? "?", type: node.Type ?? "?", name: node.Name ?? "?", ...(state ? { state } : {}) };
        }),
        edges: (graph.Edges ?? []).map((edge) => ({ from: edge.SourceId ?? "", to: edge.DestinationId ?? "" })),
      });
    }
  }
  return views;
}
