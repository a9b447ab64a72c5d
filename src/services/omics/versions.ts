import type {
  CreateWorkflowVersionRequest,
  CreateWorkflowVersionResponse,
  DeleteWorkflowVersionRequest,
  GetWorkflowVersionRequest,
  GetWorkflowVersionResponse,
  ListWorkflowVersionsRequest,
  ListWorkflowVersionsResponse,
  UpdateWorkflowVersionRequest,
  WorkflowStatus,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { list, oneOf, str } from "../../engine/validation/rules.js";
import { envOf, op, type NoOutput, type OmicsBackend } from "./backend.js";
import { ACCOUNT_ID, DEFINITION_MEMBERS, NUMERIC_ID, pageSize, printable, STORAGE_CAPACITY, VERSION_NAME } from "./shapes.js";
import { checkNewTags } from "./tags.js";
import { creationProcess, newUuid, statusOf, takeDefinition, versionArn, type VersionRecord, type WorkflowRecord } from "./workflow-model.js";
import { definitionView, exportsOf, findWorkflow, resolveWorkflow } from "./workflows.js";

const VERSION_DESCRIPTION = printable(1, 256);

/**
 * Workflow versions: each a full, immutable definition of its own under the workflow's id,
 * ARN `workflow/<id>/version/<name>`. Names are unique within the workflow and may be reused
 * once the version is deleted (the new one gets a new uuid).
 */
export function findVersion(ctx: RequestContext<OmicsBackend>, workflow: WorkflowRecord, versionName: string): VersionRecord {
  const version = workflow.versions.get(versionName);
  if (!version) throw ctx.error("ResourceNotFoundException", `Version ${versionName} of workflow ${workflow.id} not found.`);
  return version;
}

export const createWorkflowVersion = op<CreateWorkflowVersionRequest, CreateWorkflowVersionResponse>({
  input: { ...DEFINITION_MEMBERS, workflowId: NUMERIC_ID, versionName: VERSION_NAME, description: VERSION_DESCRIPTION },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  replayable: (ctx, recorded) => ctx.backend.workflows.get(recorded.workflowId!)?.versions.get(recorded.versionName!)?.uuid === recorded.uuid,
  run(ctx, input) {
    const backend = ctx.backend;
    const workflow = findWorkflow(ctx, input.workflowId!);
    const name = input.versionName!;
    if (statusOf(workflow) !== "ACTIVE") {
      throw ctx.error("ConflictException", `Workflow ${workflow.id} is ${statusOf(workflow)}; versions can be added only to an ACTIVE workflow.`);
    }
    if (workflow.versions.has(name)) throw ctx.error("ConflictException", `Workflow ${workflow.id} already has a version named ${name}.`);
    checkNewTags(ctx, input.tags);
    const definition = takeDefinition(ctx, input);
    if (workflow.versions.size >= backend.quotas.workflowVersions) {
      throw ctx.error("ServiceQuotaExceededException", `Workflow ${workflow.id} already has ${workflow.versions.size} versions, the maximum (quota "workflowVersions").`);
    }
    const arn = versionArn(backend, workflow.id, name);
    const { problem, ...stored } = definition;
    const version: VersionRecord = {
      ...stored,
      seq: backend.nextSeq(),
      workflowId: workflow.id,
      versionName: name,
      arn,
      uuid: newUuid(),
      creationTime: ctx.now(),
      process: creationProcess(ctx, "Omics.WorkflowVersion", { workflowId: workflow.id, versionName: name }, problem),
    };
    workflow.versions.set(name, version);
    backend.tags.add(arn, input.tags ?? {});
    return { arn, workflowId: workflow.id, versionName: name, status: statusOf(version) as WorkflowStatus, tags: backend.tags.get(arn), uuid: version.uuid };
  },
});

export const getWorkflowVersion = op<GetWorkflowVersionRequest, GetWorkflowVersionResponse>({
  input: {
    workflowId: NUMERIC_ID,
    versionName: VERSION_NAME,
    type: oneOf("WorkflowType"),
    export: list(oneOf("WorkflowExport"), { max: 32 }),
    workflowOwnerId: ACCOUNT_ID,
  },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { workflow, owner, shared } = resolveWorkflow(envOf(ctx), input.workflowId!, input);
    const version = findVersion(ctx, workflow, input.versionName!);
    ctx.observe(version.process);
    return {
      arn: version.arn,
      workflowId: workflow.id,
      versionName: version.versionName,
      ...definitionView(version),
      ...exportsOf(ctx, version, input.export, shared),
      tags: shared ? undefined : owner.tags.get(version.arn),
    };
  },
});

export const updateWorkflowVersion = op<UpdateWorkflowVersionRequest, NoOutput>({
  input: {
    workflowId: NUMERIC_ID,
    versionName: VERSION_NAME,
    description: VERSION_DESCRIPTION,
    storageType: oneOf("StorageType"),
    storageCapacity: STORAGE_CAPACITY,
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const version = findVersion(ctx, findWorkflow(ctx, input.workflowId!), input.versionName!);
    if (statusOf(version) === "CREATING") {
      throw ctx.error("ConflictException", `Version ${version.versionName} of workflow ${version.workflowId} is still CREATING; update it once it is ACTIVE.`);
    }
    // Only settings that do not change what runs: the definition itself is immutable.
    if (input.description !== undefined) version.description = input.description;
    if (input.storageType !== undefined) version.storageType = input.storageType;
    if (input.storageCapacity !== undefined) version.storageCapacity = input.storageCapacity;
    if (input.readmeMarkdown !== undefined) {
      version.readmeMarkdown = input.readmeMarkdown;
      version.readmeUri = undefined;
    }
    return {};
  },
});

export const deleteWorkflowVersion = op<DeleteWorkflowVersionRequest, NoOutput>({
  input: { workflowId: NUMERIC_ID, versionName: VERSION_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const workflow = findWorkflow(ctx, input.workflowId!);
    const version = findVersion(ctx, workflow, input.versionName!);
    if (statusOf(version) === "CREATING") {
      throw ctx.error("ConflictException", `Version ${version.versionName} of workflow ${workflow.id} is still CREATING; delete it once creation has finished.`);
    }
    // Runs already started from the version keep their own copy of its definition.
    workflow.versions.delete(version.versionName);
    ctx.backend.tags.drop(version.arn);
    return {};
  },
});

export const listWorkflowVersions = op<ListWorkflowVersionsRequest, ListWorkflowVersionsResponse>({
  input: {
    workflowId: NUMERIC_ID,
    type: oneOf("WorkflowType"),
    workflowOwnerId: ACCOUNT_ID,
    startingToken: str({ min: 1, max: 256, pattern: "[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+" }),
    maxResults: pageSize(100),
  },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { workflow } = resolveWorkflow(envOf(ctx), input.workflowId!, input);
    const page = ctx.paginate(workflow.versions, {
      token: input.startingToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      query: { workflowId: workflow.id, owner: input.workflowOwnerId },
    });
    return {
      items: page.items.map((v) => {
        ctx.observe(v.process);
        return {
          arn: v.arn,
          workflowId: v.workflowId,
          versionName: v.versionName,
          description: v.description,
          status: statusOf(v) as WorkflowStatus,
          type: "PRIVATE",
          digest: v.digest,
          creationTime: v.creationTime,
        };
      }),
      nextToken: page.nextToken,
    };
  },
});
