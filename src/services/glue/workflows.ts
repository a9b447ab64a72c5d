import type {
  BatchGetWorkflowsRequest,
  BatchGetWorkflowsResponse,
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
import { int, list, str } from "../../engine/validation/rules.js";
import { op, type GlueBackend } from "./backend.js";
import { NAME, pageSize, RUN_PROPERTIES, TAGS } from "./shapes.js";

/** A workflow as Glue stores it; its graph and last run are derived when read. */
export interface WorkflowRecord {
  Name: string;
  Description?: string | undefined;
  DefaultRunProperties?: Record<string, string> | undefined;
  MaxConcurrentRuns?: number | undefined;
  CreatedOn: Date;
  LastModifiedOn: Date;
  BlueprintDetails?: { BlueprintName?: string; RunId?: string } | undefined;
}

export const workflowArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`workflow/${name}`);

const DESCRIPTION = str({ max: 120000 });
const MAX_CONCURRENT_RUNS = int({ min: 0 });

export function findWorkflow(ctx: RequestContext<GlueBackend>, name: string): WorkflowRecord {
  const workflow = ctx.backend.workflows.get(name);
  if (!workflow) throw ctx.error("EntityNotFoundException", `Workflow ${name} not found.`);
  return workflow;
}

/** The Workflow structure Get/BatchGet return. */
export function renderWorkflow(_ctx: RequestContext<GlueBackend>, workflow: WorkflowRecord, includeGraph: boolean): Workflow {
  return {
    Name: workflow.Name,
    Description: workflow.Description,
    DefaultRunProperties: workflow.DefaultRunProperties,
    CreatedOn: workflow.CreatedOn,
    LastModifiedOn: workflow.LastModifiedOn,
    MaxConcurrentRuns: workflow.MaxConcurrentRuns,
    BlueprintDetails: workflow.BlueprintDetails,
    ...(includeGraph ? { Graph: { Nodes: [], Edges: [] } } : {}),
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
    const name = input.Name!;
    if (ctx.backend.workflows.delete(name)) ctx.backend.tags.drop(workflowArn(ctx, name));
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
