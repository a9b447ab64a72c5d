import type {
  CreateWorkflowRequest,
  CreateWorkflowResponse,
  DeleteWorkflowRequest,
  GetWorkflowRequest,
  GetWorkflowResponse,
  ListWorkflowsRequest,
  ListWorkflowsResponse,
  UpdateWorkflowRequest,
  WorkflowExport,
  WorkflowListItem,
  WorkflowStatus,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { list, oneOf } from "../../engine/validation/rules.js";
import { envOf, op, type NoOutput, type OmicsBackend, type OmicsEnv } from "./backend.js";
import { notFound as notFoundError } from "./errors.js";
import { ready2RunWorkflows } from "./ready2run.js";
import { DEFINITION_MEMBERS, LIST_TOKEN, NUMERIC_ID, ACCOUNT_ID, pageSize, printable, STORAGE_CAPACITY } from "./shapes.js";
import { hasActiveShare, shareStatus, standingShares } from "./shares.js";
import { checkNewTags } from "./tags.js";
import {
  creationProcess,
  dataUrl,
  newUuid,
  statusMessageOf,
  statusOf,
  takeDefinition,
  workflowArn,
  type DefinitionRecord,
  type VersionRecord,
  type WorkflowRecord,
} from "./workflow-model.js";

const WORKFLOW_NAME = printable(1, 128);
const WORKFLOW_DESCRIPTION = printable(1, 256);
const EXPORTS = list(oneOf("WorkflowExport"), { max: 32 });

export const notFound = (ctx: RequestContext<OmicsBackend>, id: string) => ctx.error("ResourceNotFoundException", `Workflow ${id} not found.`);

/** A workflow of this account (for its owner's operations). */
export function findWorkflow(ctx: RequestContext<OmicsBackend>, id: string): WorkflowRecord {
  const workflow = ctx.backend.workflows.get(id);
  if (!workflow) throw notFound(ctx, id);
  return workflow;
}

export interface WorkflowAccess {
  workflow: WorkflowRecord;
  /** The backend that owns it (another account's for a shared workflow). */
  owner: OmicsBackend;
  shared: boolean;
  /** One of AWS's Ready2Run workflows (seeded by tests, see ready2run.ts). */
  ready2Run?: boolean;
}

/**
 * The workflow a read or a run refers to: the caller's own, or (with `workflowOwnerId`) one
 * another account shares with the caller through an ACTIVE share, or (type READY2RUN) one of
 * AWS's Ready2Run catalogue, which tests seed (seedReady2RunWorkflow).
 */
export function resolveWorkflow(env: OmicsEnv, id: string, options: { type?: string | undefined; workflowOwnerId?: string | undefined }): WorkflowAccess {
  const missing = () => notFoundError(`Workflow ${id} not found.`);
  if (options.type === "READY2RUN") {
    const workflow = ready2RunWorkflows(env.engine, env.backend.scope.region).get(id);
    if (!workflow) throw missing();
    // AWS's workflow: like a shared one, it shows no tags and exports nothing.
    return { workflow, owner: env.backend, shared: true, ready2Run: true };
  }
  const caller = env.backend.scope.accountId;
  const ownerId = options.workflowOwnerId;
  const owner = ownerId === undefined || ownerId === caller ? env.backend : env.backendFor(ownerId);
  const workflow = owner.workflows.get(id);
  if (!workflow) throw missing();
  if (owner === env.backend) return { workflow, owner, shared: false };
  if (!hasActiveShare(owner, workflow.arn, caller)) throw missing();
  return { workflow, owner, shared: true };
}

/** Exported definition and README locations (data: URLs in place of presigned S3 URLs). */
export function exportsOf(ctx: RequestContext<OmicsBackend>, record: DefinitionRecord, requested: WorkflowExport[] | undefined, shared: boolean) {
  const wanted = new Set(requested ?? []);
  if (wanted.size > 0 && shared) throw ctx.invalid("A workflow shared with you cannot be exported.");
  const out: { definition?: string; readme?: string } = {};
  if (wanted.has("DEFINITION")) {
    const definition = record.zip ? dataUrl("application/zip", record.zip) : record.definitionUri;
    if (definition !== undefined) out.definition = definition;
  }
  if (wanted.has("README")) {
    const readme = record.readmeMarkdown !== undefined ? dataUrl("text/markdown", record.readmeMarkdown) : record.readmeUri;
    if (readme !== undefined) out.readme = readme;
  }
  return out;
}

/** The members GetWorkflow and GetWorkflowVersion share. */
export function definitionView(record: DefinitionRecord) {
  return {
    status: statusOf(record) as WorkflowStatus,
    type: "PRIVATE" as const,
    description: record.description,
    engine: record.engine,
    main: record.main,
    digest: record.digest,
    parameterTemplate: record.parameterTemplate,
    storageCapacity: record.storageCapacity,
    storageType: record.storageType,
    creationTime: record.creationTime,
    statusMessage: statusMessageOf(record),
    accelerators: record.accelerators,
    uuid: record.uuid,
    containerRegistryMap: record.containerRegistryMap,
    readmePath: record.readmePath,
    workflowBucketOwnerId: record.workflowBucketOwnerId,
    ...(record.definitionRepository
      ? {
          definitionRepositoryDetails: {
            connectionArn: record.definitionRepository.connectionArn,
            fullRepositoryId: record.definitionRepository.fullRepositoryId,
            sourceReference: record.definitionRepository.sourceReference,
          },
        }
      : {}),
  };
}

export const createWorkflow = op<CreateWorkflowRequest, CreateWorkflowResponse>({
  input: { ...DEFINITION_MEMBERS, name: WORKFLOW_NAME, description: WORKFLOW_DESCRIPTION },
  errors: ["ServiceQuotaExceededException"],
  // A request id names one creation; once that workflow is deleted, the request creates anew.
  replayable: (ctx, recorded) => ctx.backend.workflows.has(recorded.id!),
  run(ctx, input) {
    const backend = ctx.backend;
    checkNewTags(ctx, input.tags);
    const definition = takeDefinition(ctx, input);
    if (backend.workflows.size >= backend.quotas.workflows) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${backend.workflows.size} private workflows in ${ctx.region}, the maximum (quota "workflows").`);
    }
    const id = backend.newId((candidate) => backend.workflows.has(candidate));
    const arn = workflowArn(backend, id);
    const { problem, ...stored } = definition;
    const workflow: WorkflowRecord = {
      ...stored,
      seq: backend.nextSeq(),
      id,
      arn,
      name: input.name,
      uuid: newUuid(),
      creationTime: ctx.now(),
      versions: new OrderedTable<VersionRecord>((v) => v.seq),
      process: creationProcess(ctx, "Omics.Workflow", { id, name: input.name }, problem),
    };
    backend.workflows.set(id, workflow);
    backend.tags.add(arn, input.tags ?? {});
    return { arn, id, status: statusOf(workflow) as WorkflowStatus, tags: backend.tags.get(arn), uuid: workflow.uuid };
  },
});

export const getWorkflow = op<GetWorkflowRequest, GetWorkflowResponse>({
  input: { id: NUMERIC_ID, type: oneOf("WorkflowType"), export: EXPORTS, workflowOwnerId: ACCOUNT_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { workflow, owner, shared, ready2Run } = resolveWorkflow(envOf(ctx), input.id!, input);
    ctx.observe(workflow.process);
    return {
      arn: workflow.arn,
      id: workflow.id,
      name: workflow.name,
      ...definitionView(workflow),
      ...(ready2Run ? { type: "READY2RUN" as const } : {}),
      ...exportsOf(ctx, workflow, input.export, shared),
      tags: shared ? undefined : owner.tags.get(workflow.arn),
    };
  },
});

export const updateWorkflow = op<UpdateWorkflowRequest, NoOutput>({
  input: {
    id: NUMERIC_ID,
    name: WORKFLOW_NAME,
    description: WORKFLOW_DESCRIPTION,
    storageType: oneOf("StorageType"),
    storageCapacity: STORAGE_CAPACITY,
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const workflow = findWorkflow(ctx, input.id!);
    if (statusOf(workflow) === "CREATING") {
      throw ctx.error("ConflictException", `Workflow ${workflow.id} is still CREATING; update it once it is ACTIVE.`);
    }
    if (input.name !== undefined) workflow.name = input.name;
    if (input.description !== undefined) workflow.description = input.description;
    if (input.storageType !== undefined) workflow.storageType = input.storageType;
    if (input.storageCapacity !== undefined) workflow.storageCapacity = input.storageCapacity;
    if (input.readmeMarkdown !== undefined) {
      workflow.readmeMarkdown = input.readmeMarkdown;
      workflow.readmeUri = undefined;
    }
    return {};
  },
});

export const deleteWorkflow = op<DeleteWorkflowRequest, NoOutput>({
  input: { id: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const workflow = findWorkflow(ctx, input.id!);
    if (workflow.versions.size > 0) {
      const names = workflow.versions.values().slice(0, 5).map((v) => v.versionName);
      throw ctx.error(
        "ConflictException",
        `Workflow ${workflow.id} still has ${workflow.versions.size} version(s) (${names.join(", ")}${workflow.versions.size > 5 ? ", …" : ""}); delete them before deleting the workflow.`,
      );
    }
    if (statusOf(workflow) === "CREATING") {
      throw ctx.error("ConflictException", `Workflow ${workflow.id} is still CREATING; delete it once creation has finished.`);
    }
    // The developer guide: a workflow can be deleted once it "has no active shares".
    const shares = standingShares(ctx.backend, workflow.arn);
    if (shares.length > 0) {
      throw ctx.error("ConflictException", `Workflow ${workflow.id} is shared (${shares.slice(0, 5).map((s) => `${s.shareId} with ${s.principalSubscriber}, ${shareStatus(s)}`).join("; ")}); delete its shares before deleting the workflow.`);
    }
    ctx.backend.workflows.delete(workflow.id);
    ctx.backend.tags.drop(workflow.arn);
    return {};
  },
});

export const listWorkflows = op<ListWorkflowsRequest, ListWorkflowsResponse>({
  input: { type: oneOf("WorkflowType"), name: WORKFLOW_NAME, startingToken: LIST_TOKEN, maxResults: pageSize(100) },
  errors: [],
  run(ctx, input) {
    const ready2Run = input.type === "READY2RUN";
    const page = ctx.paginate(ready2Run ? ready2RunWorkflows(ctx.engine, ctx.region) : ctx.backend.workflows, {
      token: input.startingToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (w) => input.name === undefined || w.name === input.name,
      query: { name: input.name, type: input.type },
    });
    const items: WorkflowListItem[] = page.items.map((w) => {
      ctx.observe(w.process);
      return { arn: w.arn, id: w.id, name: w.name, status: statusOf(w) as WorkflowStatus, type: ready2Run ? "READY2RUN" : "PRIVATE", digest: w.digest, creationTime: w.creationTime };
    });
    return { items, nextToken: page.nextToken };
  },
});
