import type {
  GetWorkflowRunPropertiesRequest,
  GetWorkflowRunPropertiesResponse,
  GetWorkflowRunRequest,
  GetWorkflowRunResponse,
  GetWorkflowRunsRequest,
  GetWorkflowRunsResponse,
  PutWorkflowRunPropertiesRequest,
  PutWorkflowRunPropertiesResponse,
  ResumeWorkflowRunRequest,
  StartingEventBatchCondition,
  ResumeWorkflowRunResponse,
  StartWorkflowRunRequest,
  StartWorkflowRunResponse,
  StopWorkflowRunRequest,
  StopWorkflowRunResponse,
} from "@aws-sdk/client-glue";
import { setOwn } from "../../engine/canonical.js";
import type { RequestContext } from "../../engine/context.js";
import { list } from "../../engine/validation/rules.js";
import type { ActionRun } from "./actions.js";
import { op, type GlueBackend, type GlueRuntime } from "./backend.js";
import { buildGraph, downstreamOf, triggersStarting, type GraphNode } from "./graph.js";
import { ID, NAME, pageSize, RUN_PROPERTIES } from "./shapes.js";
import { WorkflowRun } from "./workflow-run.js";
import { addWorkflowRun, concurrencyLimitReached, findWorkflow, type WorkflowRecord } from "./workflows.js";

export function findRun(ctx: RequestContext<GlueBackend>, workflow: WorkflowRecord, runId: string): WorkflowRun {
  const run = workflow.runs.get(runId);
  if (!run) throw ctx.error("EntityNotFoundException", `Workflow run ${runId} of workflow ${workflow.Name} not found.`);
  return run;
}

function checkConcurrency(ctx: RequestContext<GlueBackend>, workflow: WorkflowRecord): void {
  if (concurrencyLimitReached(workflow)) throw ctx.error("ConcurrentRunsExceededException", `Concurrent runs exceeded for workflow: ${workflow.Name}`);
}

/** Starts a run: snapshot of the graph, default run properties overlaid with the given ones, start trigger fired. */
export function startWorkflowRunOf(ctx: RequestContext<GlueBackend>, workflow: WorkflowRecord, runProperties: Readonly<Record<string, string>>): WorkflowRun {
  checkConcurrency(ctx, workflow);
  const properties = { ...(workflow.DefaultRunProperties ?? {}), ...runProperties };
  const run = new WorkflowRun(ctx.backend.runtime(ctx), workflow.Name, buildGraph(ctx.backend, workflow), properties);
  addWorkflowRun(workflow, run);
  ctx.track(run);
  run.begin();
  return run;
}

/**
 * A run a trigger starts on its own (a schedule, an event batch): over MaxConcurrentRuns it is
 * recorded with status ERROR and AWS's documented message instead of raising anything.
 */
export function startRunOnItsOwn(runtime: GlueRuntime, workflow: WorkflowRecord, extraProperties: Readonly<Record<string, string>>, batch?: StartingEventBatchCondition): WorkflowRun {
  const properties = { ...(workflow.DefaultRunProperties ?? {}), ...extraProperties };
  const run = new WorkflowRun(runtime, workflow.Name, buildGraph(runtime.backend, workflow), properties);
  run.startingEventBatchCondition = batch;
  const full = concurrencyLimitReached(workflow);
  addWorkflowRun(workflow, run);
  if (full) {
    run.failToStart(`Concurrent runs exceeded for workflow: ${workflow.Name}`);
  } else {
    runtime.engine.lifecycles.register(run);
    run.begin();
  }
  return run;
}

export const startWorkflowRun = op<StartWorkflowRunRequest, StartWorkflowRunResponse>({
  input: { Name: NAME, RunProperties: RUN_PROPERTIES },
  errors: ["EntityNotFoundException", "ConcurrentRunsExceededException"],
  run(ctx, input) {
    const run = startWorkflowRunOf(ctx, findWorkflow(ctx, input.Name!), input.RunProperties ?? {});
    return { RunId: run.WorkflowRunId };
  },
});

export const getWorkflowRun = op<GetWorkflowRunRequest, GetWorkflowRunResponse>({
  input: { Name: NAME, RunId: ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, findWorkflow(ctx, input.Name!), input.RunId!);
    ctx.observe(run);
    return { Run: run.render(input.IncludeGraph ?? false) };
  },
});

export const getWorkflowRuns = op<GetWorkflowRunsRequest, GetWorkflowRunsResponse>({
  input: { Name: NAME, MaxResults: pageSize(1000) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const workflow = findWorkflow(ctx, input.Name!);
    const page = ctx.paginate(workflow.runs, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100, query: input.Name });
    for (const run of page.items) ctx.observe(run);
    return { Runs: page.items.map((run) => run.render(input.IncludeGraph ?? false)), NextToken: page.nextToken };
  },
});

export const stopWorkflowRun = op<StopWorkflowRunRequest, StopWorkflowRunResponse>({
  input: { Name: NAME, RunId: ID },
  errors: ["EntityNotFoundException", "IllegalWorkflowStateException"],
  run(ctx, input) {
    const run = findRun(ctx, findWorkflow(ctx, input.Name!), input.RunId!);
    if (run.state !== "RUNNING") throw ctx.error("IllegalWorkflowStateException", `Workflow run ${run.WorkflowRunId} is ${run.state}; only a RUNNING run can be stopped.`);
    run.stop();
    return {};
  },
});

export const resumeWorkflowRun = op<ResumeWorkflowRunRequest, ResumeWorkflowRunResponse>({
  input: { Name: NAME, RunId: ID, NodeIds: list(NAME) },
  errors: ["EntityNotFoundException", "IllegalWorkflowStateException", "ConcurrentRunsExceededException"],
  run(ctx, input) {
    const workflow = findWorkflow(ctx, input.Name!);
    const original = findRun(ctx, workflow, input.RunId!);
    // "You can resume a workflow run only if it's in the COMPLETED state."
    if (original.state !== "COMPLETED") {
      throw ctx.error("IllegalWorkflowStateException", `Workflow run ${original.WorkflowRunId} is ${original.state}; only a COMPLETED run can be resumed.`);
    }
    const graph = original.graph;
    const selected = [...new Set(input.NodeIds!)];
    if (selected.length === 0) throw ctx.invalid("NodeIds cannot be empty: name the job or crawler nodes to restart.");
    for (const id of selected) {
      const node = graph.byId.get(id);
      if (!node) throw ctx.invalid(`Node ${id} is not a node of workflow run ${original.WorkflowRunId}.`);
      if (node.Type === "TRIGGER") throw ctx.invalid(`Node ${id} is trigger ${node.Name}: a workflow run cannot be resumed from a trigger node.`);
      if (original.nodeActions(node).length === 0) {
        throw ctx.invalid(`Node ${id} (${node.Type} ${node.Name}) has no run attempt in workflow run ${original.WorkflowRunId}; only nodes that ran can be restarted.`);
      }
    }
    // A selected node downstream of another selected node runs anyway: it is not restarted itself.
    const restarted = selected.filter((id) => !downstreamOf(graph, selected.filter((other) => other !== id)).has(id));
    const downstream = downstreamOf(graph, restarted);
    const rerun = new Set([...restarted, ...downstream]);
    const copied = new Map<string, readonly ActionRun[]>();
    for (const node of graph.nodes) {
      if (node.Type === "TRIGGER" || rerun.has(node.UniqueId)) continue;
      const runs = original.nodeActions(node);
      if (runs.length > 0) copied.set(node.key, runs);
    }
    const eligible = new Set([...downstream].map((id) => graph.byId.get(id)!).filter((n) => n.Type === "TRIGGER").map((n) => n.Name));
    checkConcurrency(ctx, workflow);
    const run = new WorkflowRun(ctx.backend.runtime(ctx), workflow.Name, graph, original.properties, { previous: original, copied, eligible });
    addWorkflowRun(workflow, run);
    ctx.track(run);
    run.beginResumed(
      restarted.map((id) => graph.byId.get(id)!),
      (node: GraphNode) => triggersStarting(graph, node)[0],
    );
    return { RunId: run.WorkflowRunId, NodeIds: restarted };
  },
});

export const getWorkflowRunProperties = op<GetWorkflowRunPropertiesRequest, GetWorkflowRunPropertiesResponse>({
  input: { Name: NAME, RunId: ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const run = findRun(ctx, findWorkflow(ctx, input.Name!), input.RunId!);
    return { RunProperties: { ...run.properties } };
  },
});

export const putWorkflowRunProperties = op<PutWorkflowRunPropertiesRequest, PutWorkflowRunPropertiesResponse>({
  input: { Name: NAME, RunId: ID, RunProperties: RUN_PROPERTIES },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    // "If a property already exists for the specified run, then it overrides the value
    // otherwise adds the property to existing properties." The defaults are not touched.
    const run = findRun(ctx, findWorkflow(ctx, input.Name!), input.RunId!);
    // setOwn, not Object.assign: a property may be named __proto__ like any other key.
    for (const [key, value] of Object.entries(input.RunProperties ?? {})) setOwn(run.properties, key, value);
    return {};
  },
});
