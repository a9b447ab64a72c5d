import type {
  BatchGetWorkflowsRequest,
  BatchGetWorkflowsResponse,
  BlueprintDetails,
  CreateWorkflowRequest,
  CreateWorkflowResponse,
  DeleteWorkflowRequest,
  DeleteWorkflowResponse,
  GetWorkflowRequest,
  GetWorkflowResponse,
  ListWorkflowsRequest,
  ListWorkflowsResponse,
  UpdateWorkflowRequest,
  UpdateWorkflowResponse,
  Workflow,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../engine/context.js";
import type { OrderedTable } from "../../engine/ordered-table.js";
import { int, list, str } from "../../engine/validation/rules.js";
import { newestFirst, op, type GlueBackend } from "./backend.js";
import { buildGraph, renderGraph } from "./graph.js";
import { unscheduleTrigger } from "./scheduling.js";
import { NAME, pageSize, RUN_PROPERTIES, TAGS } from "./shapes.js";
import { triggerArn } from "./triggers.js";
import type { PendingEvents } from "./events.js";
import type { WorkflowRun } from "./workflow-run.js";

/** A workflow as Glue stores it; its graph comes from its triggers and is derived when read. */
export interface WorkflowRecord {
  Name: string;
  Description?: string | undefined;
  DefaultRunProperties?: Record<string, string> | undefined;
  MaxConcurrentRuns?: number | undefined;
  CreatedOn: Date;
  LastModifiedOn: Date;
  BlueprintDetails?: BlueprintDetails | undefined;
  /** Names of the triggers whose WorkflowName is this workflow. */
  readonly triggerNames: Set<string>;
  /** Graph node ids by `TYPE:name`, so a component keeps its id across reads and runs. */
  readonly nodeIds: Map<string, string>;
  /** Runs, newest first. */
  readonly runs: OrderedTable<WorkflowRun>;
  /** Runs that may still be in progress (finished ones leave at the next count): MaxConcurrentRuns. */
  readonly unfinished: Set<WorkflowRun>;
  /** EventBridge events waiting for their batch (EVENT start trigger). */
  pendingEvents?: PendingEvents | undefined;
}

/** MaxConcurrentRuns: "If you leave this parameter blank, there is no limit" (0 is read as blank too). */
export function concurrencyLimitReached(workflow: WorkflowRecord): boolean {
  const limit = workflow.MaxConcurrentRuns;
  if (!limit) return false;
  // Counts the runs in progress, not the run history: finished runs leave the set here.
  for (const run of workflow.unfinished) if (run.done) workflow.unfinished.delete(run);
  return workflow.unfinished.size >= limit;
}

/** Stores a new run of the workflow (newest first), counted as in progress until it finishes. */
export function addWorkflowRun(workflow: WorkflowRecord, run: WorkflowRun): void {
  workflow.runs.set(run.WorkflowRunId, run);
  if (!run.done) workflow.unfinished.add(run);
}

export const workflowArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`workflow/${name}`);

const DESCRIPTION = str({ max: 120000 });
const MAX_CONCURRENT_RUNS = int({ min: 0 });

export function findWorkflow(ctx: RequestContext<GlueBackend>, name: string): WorkflowRecord {
  const workflow = ctx.backend.workflows.get(name);
  if (!workflow) throw ctx.error("EntityNotFoundException", `Workflow ${name} not found.`);
  return workflow;
}

/** The workflow's newest run (LastRun). */
export function lastRun(workflow: WorkflowRecord): WorkflowRun | undefined {
  return workflow.runs.first();
}

/** The Workflow structure Get/BatchGet return; a read reporting LastRun moves that run on. */
export function renderWorkflow(ctx: RequestContext<GlueBackend>, workflow: WorkflowRecord, includeGraph: boolean): Workflow {
  const last = lastRun(workflow);
  ctx.observe(last);
  return {
    Name: workflow.Name,
    Description: workflow.Description,
    DefaultRunProperties: workflow.DefaultRunProperties ? { ...workflow.DefaultRunProperties } : undefined,
    CreatedOn: workflow.CreatedOn,
    LastModifiedOn: workflow.LastModifiedOn,
    LastRun: last?.render(false),
    MaxConcurrentRuns: workflow.MaxConcurrentRuns,
    BlueprintDetails: workflow.BlueprintDetails ? { ...workflow.BlueprintDetails } : undefined,
    ...(includeGraph ? { Graph: renderGraph(buildGraph(ctx.backend, workflow)) } : {}),
  };
}

export const createWorkflow = op<CreateWorkflowRequest, CreateWorkflowResponse>({
  input: { Name: NAME, Description: DESCRIPTION, DefaultRunProperties: RUN_PROPERTIES, Tags: TAGS, MaxConcurrentRuns: MAX_CONCURRENT_RUNS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.workflows.has(name)) throw ctx.error("AlreadyExistsException", `Workflow ${name} already exists.`);
    const now = ctx.now();
    ctx.backend.workflows.set(name, {
      Name: name,
      Description: input.Description,
      DefaultRunProperties: input.DefaultRunProperties,
      MaxConcurrentRuns: input.MaxConcurrentRuns,
      CreatedOn: now,
      LastModifiedOn: now,
      triggerNames: new Set(),
      nodeIds: new Map(),
      unfinished: new Set(),
      runs: newestFirst(),
    });
    ctx.backend.tags.add(workflowArn(ctx, name), input.Tags);
    return { Name: name };
  },
});

export const getWorkflow = op<GetWorkflowRequest, GetWorkflowResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { Workflow: renderWorkflow(ctx, findWorkflow(ctx, input.Name!), input.IncludeGraph ?? false) };
  },
});

export const updateWorkflow = op<UpdateWorkflowRequest, UpdateWorkflowResponse>({
  input: { Name: NAME, Description: DESCRIPTION, DefaultRunProperties: RUN_PROPERTIES, MaxConcurrentRuns: MAX_CONCURRENT_RUNS },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const workflow = findWorkflow(ctx, input.Name!);
    // Members left out keep their value; members given (even empty) replace it.
    if (input.Description !== undefined) workflow.Description = input.Description;
    if (input.DefaultRunProperties !== undefined) workflow.DefaultRunProperties = input.DefaultRunProperties;
    if (input.MaxConcurrentRuns !== undefined) workflow.MaxConcurrentRuns = input.MaxConcurrentRuns;
    workflow.LastModifiedOn = ctx.now();
    return { Name: workflow.Name };
  },
});

export const deleteWorkflow = op<DeleteWorkflowRequest, DeleteWorkflowResponse>({
  input: { Name: NAME },
  errors: [],
  run(ctx, input) {
    // Glue does not model EntityNotFoundException here: deleting a missing workflow succeeds.
    // Deleting a workflow deletes its triggers (not its jobs or crawlers) and stops its runs.
    const name = input.Name!;
    const workflow = ctx.backend.workflows.get(name);
    if (!workflow) return { Name: name };
    for (const run of workflow.runs.values()) if (run.state === "RUNNING") run.stop();
    for (const trigger of workflow.triggerNames) {
      ctx.backend.triggers.delete(trigger);
      unscheduleTrigger(ctx.backend, trigger);
      ctx.backend.tags.drop(triggerArn(ctx, trigger));
    }
    ctx.backend.triggersChanged();
    ctx.backend.workflows.delete(name);
    ctx.backend.tags.drop(workflowArn(ctx, name));
    return { Name: name };
  },
});

export const listWorkflows = op<ListWorkflowsRequest, ListWorkflowsResponse>({
  input: { MaxResults: pageSize(25) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.workflows, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 25 });
    return { Workflows: page.items.map((w) => w.Name), NextToken: page.nextToken };
  },
});

export const batchGetWorkflows = op<BatchGetWorkflowsRequest, BatchGetWorkflowsResponse>({
  input: { Names: list(NAME, { min: 1, max: 25 }) },
  errors: [],
  run(ctx, input) {
    const found: Workflow[] = [];
    const missing: string[] = [];
    for (const name of input.Names!) {
      const workflow = ctx.backend.workflows.get(name);
      if (workflow) found.push(renderWorkflow(ctx, workflow, input.IncludeGraph ?? false));
      else missing.push(name);
    }
    return { Workflows: found, MissingWorkflows: missing };
  },
});
