import type {
  CancelLifecycleExecutionRequest,
  CancelLifecycleExecutionResponse,
  GetLifecycleExecutionRequest,
  GetLifecycleExecutionResponse,
  LifecycleExecution,
  LifecycleExecutionResource,
  LifecycleExecutionResourceActionName,
  LifecycleExecutionState,
  ListLifecycleExecutionResourcesRequest,
  ListLifecycleExecutionResourcesResponse,
  ListLifecycleExecutionsRequest,
  ListLifecycleExecutionsResponse,
  ResourceStatus,
  StartResourceStateUpdateRequest,
  StartResourceStateUpdateResponse,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy } from "../../engine/canonical.js";
import { randomHex, uuid } from "../../engine/ids.js";
import { LinearProcess } from "../../engine/lifecycle/process.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import type { LifecycleKind } from "../../engine/service.js";
import { oneOf, struct } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { NOT_FOUND_UNMODELLED, notFound, type Ctx } from "./common.js";
import { findOwnImage, isBuilding, type ImageRecord } from "./images.js";
import {
  CLIENT_TOKEN,
  DEFAULT_PAGE_SIZE,
  EXCLUSION_RULES_AMIS,
  IMAGE_BUILD_VERSION_ARN,
  IMAGE_BUILDER_ARN,
  LIFECYCLE_EXECUTION_ID,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  ROLE_NAME_OR_ARN,
} from "./shapes.js";

/**
 * A lifecycle execution: the run that changes the state of images and their resources, started
 * by StartResourceStateUpdate (or by a lifecycle policy). It walks PENDING → IN_PROGRESS →
 * SUCCESS, and the image takes its new state when the run succeeds.
 */
export const LIFECYCLE_EXECUTION_KIND = "ImageBuilder.LifecycleExecution";

export const lifecycleExecutionLifecycle: LifecycleKind = {
  kind: LIFECYCLE_EXECUTION_KIND,
  states: ["PENDING", "IN_PROGRESS", "SUCCESS", "FAILED", "CANCELLING", "CANCELLED"],
  failures: ["FAILED", "CANCELLED"],
  attributes: ["lifecycleExecutionId", "resourceArn", "targetStatus", "lifecyclePolicyArn"],
};

export interface LifecycleResourceRecord {
  resource: LifecycleExecutionResource;
  /** The resource it belongs to (the image ARN for top-level resources). */
  parentId: string;
}

export interface LifecycleExecutionRecord {
  lifecycleExecutionId: string;
  sequence: number;
  lifecyclePolicyArn?: string | undefined;
  /** The image (StartResourceStateUpdate) or the lifecycle policy that started it. */
  resourceArn: string;
  /** The images it changes. */
  imageArns: string[];
  targetStatus?: ResourceStatus | undefined;
  state: LifecycleExecutionState;
  startTime: Date;
  endTime?: Date | undefined;
  resources: OrderedTable<LifecycleResourceRecord>;
  process: LinearProcess;
}

const ACTION_FOR: Record<ResourceStatus, LifecycleExecutionResourceActionName> = {
  AVAILABLE: "AVAILABLE",
  DEPRECATED: "DEPRECATE",
  DISABLED: "DISABLE",
  DELETED: "DELETE",
};

function render(e: LifecycleExecutionRecord): LifecycleExecution {
  return {
    lifecycleExecutionId: e.lifecycleExecutionId,
    lifecyclePolicyArn: e.lifecyclePolicyArn,
    resourcesImpactedSummary: { hasImpactedResources: e.resources.size > 0 },
    state: { ...e.state },
    startTime: e.startTime,
    endTime: e.endTime,
  };
}

function findExecution(ctx: Ctx, id: string): LifecycleExecutionRecord {
  const execution = ctx.backend.lifecycleExecutions.get(id);
  if (!execution) throw notFound(ctx, "lifecycle execution", id);
  return execution;
}

/** One image whose state a lifecycle execution changes. */
export interface ImageStateChange {
  image: ImageRecord;
  target: ResourceStatus;
  /** List a snapshot with each AMI (includeResources.snapshots). */
  snapshots?: boolean | undefined;
  /** When a DEPRECATED image's AMIs deprecate (StartResourceStateUpdate.updateAt). */
  updateAt?: Date | undefined;
}

/** The resources a state change touches: the image's AMIs (and their snapshots when asked) or container images. */
function addResources(ctx: Ctx, table: OrderedTable<LifecycleResourceRecord>, change: ImageStateChange, reason: string): void {
  const action = ACTION_FOR[change.target];
  const add = (resource: LifecycleExecutionResource) => table.set(String(table.size).padStart(6, "0"), { resource, parentId: change.image.arn });
  for (const ami of change.image.outputResources?.amis ?? []) {
    add({
      accountId: ami.accountId ?? ctx.accountId,
      resourceId: ami.image,
      region: ami.region,
      state: { status: "IN_PROGRESS" },
      action: { name: action, reason },
      ...(change.snapshots ? { snapshots: [{ snapshotId: `snap-${randomHex(17)}`, state: { status: "IN_PROGRESS" } }] } : {}),
    });
  }
  for (const container of change.image.outputResources?.containers ?? []) {
    add({ accountId: ctx.accountId, resourceId: container.imageUris?.[0], region: container.region, imageUris: container.imageUris, state: { status: "IN_PROGRESS" }, action: { name: action, reason } });
  }
}

function settleResources(execution: LifecycleExecutionRecord, status: "SUCCESS" | "FAILED" | "SKIPPED", reason?: string): void {
  for (const { value } of execution.resources.entries()) {
    const resource = value.resource;
    resource.state = { status, ...(reason ? { reason } : {}) };
    resource.endTime = execution.endTime;
    for (const snapshot of resource.snapshots ?? []) snapshot.state = { status };
  }
}

/**
 * Starts a lifecycle execution that moves images to new states: PENDING → IN_PROGRESS →
 * SUCCESS, the images taking their new state at SUCCESS (a failed or cancelled execution
 * leaves them as they were). Used by StartResourceStateUpdate (one image) and by lifecycle
 * policy runs (every image the policy's rules select).
 */
export function startLifecycleExecution(ctx: Ctx, changes: readonly ImageStateChange[], origin: { policyArn?: string; reason: string }): LifecycleExecutionRecord {
  const id = `lce-${uuid()}`;
  const resources = new OrderedTable<LifecycleResourceRecord>();
  for (const change of changes) addResources(ctx, resources, change, origin.reason);
  const clock = ctx.engine.clock;
  const now = () => clock.now();
  const subject = origin.policyArn ?? changes[0]?.image.arn ?? "";
  const target = changes.length === 1 ? changes[0]!.target : undefined;
  const record = {
    lifecycleExecutionId: id,
    sequence: ctx.backend.nextSequence(),
    lifecyclePolicyArn: origin.policyArn,
    resourceArn: subject,
    imageArns: changes.map((c) => c.image.arn),
    targetStatus: target,
    state: { status: "PENDING" },
    startTime: ctx.now(),
    resources,
  } as Omit<LifecycleExecutionRecord, "process"> as LifecycleExecutionRecord;
  record.process = new LinearProcess(
    { kind: LIFECYCLE_EXECUTION_KIND, path: ["PENDING", "IN_PROGRESS", "SUCCESS"] },
    { lifecycleExecutionId: id, resourceArn: subject, targetStatus: target, lifecyclePolicyArn: origin.policyArn },
    {
      onEnter(state, process) {
        record.state = { status: state as LifecycleExecutionState["status"] };
        if (state === "IN_PROGRESS") {
          for (const { value } of resources.entries()) value.resource.startTime = now();
          return;
        }
        if (state === "CANCELLING") return;
        record.endTime = now();
        if (state === "SUCCESS") {
          for (const change of changes) {
            const image = change.image;
            image.state = { status: change.target, reason: `Changed to ${change.target} by lifecycle execution ${id}.` };
            if (change.target === "DEPRECATED") image.deprecationTime = change.updateAt ?? now();
            if (change.target === "AVAILABLE") image.deprecationTime = undefined;
          }
          settleResources(record, "SUCCESS");
        } else if (state === "FAILED") {
          const reason = process.failureMessage ?? "The lifecycle execution failed.";
          record.state.reason = reason;
          settleResources(record, "FAILED", reason);
        } else if (state === "CANCELLED") {
          record.state.reason = "Cancelled by CancelLifecycleExecution.";
          settleResources(record, "SKIPPED", "The lifecycle execution was cancelled.");
        }
      },
    },
  );
  ctx.backend.lifecycleExecutions.set(id, record);
  ctx.track(record.process);
  for (const change of changes) {
    change.image.lifecycleExecutionId = id;
    change.image.lifecycleProcess = record.process;
  }
  return record;
}

/** Why an image cannot move to `target` now, or undefined when it can. */
export function stateChangeProblem(image: ImageRecord, target: ResourceStatus): { inUse: boolean; message: string } | undefined {
  const current = image.state.status!;
  if (isBuilding(image)) return { inUse: true, message: `The image '${image.arn}' is still being built (${current}); its state can change once the build ends.` };
  if (image.lifecycleProcess && !image.lifecycleProcess.done) {
    return { inUse: true, message: `The image '${image.arn}' already has a state update in progress (${image.lifecycleExecutionId}).` };
  }
  if (current === "DELETED") return { inUse: false, message: `The image '${image.arn}' is DELETED; its state can no longer change.` };
  if ((current === "FAILED" || current === "CANCELLED") && target !== "DELETED") {
    return { inUse: false, message: `The image '${image.arn}' is ${current}; images that are FAILED or CANCELLED can only move to DELETED.` };
  }
  if (image.type === "DOCKER" && target !== "DELETED") return { inUse: false, message: `The image '${image.arn}' is a container image; container images can only move to DELETED.` };
  if (current === target) return { inUse: false, message: `The image '${image.arn}' is already ${current}.` };
  return undefined;
}

export const startResourceStateUpdate = op<StartResourceStateUpdateRequest, StartResourceStateUpdateResponse>({
  input: {
    resourceArn: IMAGE_BUILD_VERSION_ARN,
    state: struct({ status: oneOf("ResourceStatus") }),
    executionRole: ROLE_NAME_OR_ARN,
    exclusionRules: struct({ amis: EXCLUSION_RULES_AMIS }),
    clientToken: CLIENT_TOKEN,
  },
  errors: ["ResourceNotFoundException", "ResourceInUseException"],
  run(ctx, input) {
    const image = findOwnImage(ctx, input.resourceArn!);
    const target = input.state!.status;
    if (!target) throw ctx.invalid("state.status is required: AVAILABLE, DEPRECATED, DISABLED or DELETED.");
    const problem = stateChangeProblem(image, target);
    if (problem) throw problem.inUse ? ctx.error("ResourceInUseException", problem.message) : ctx.invalid(problem.message);
    if (input.updateAt !== undefined && target !== "DEPRECATED") throw ctx.invalid("updateAt applies only when the target state is DEPRECATED.");
    if (input.updateAt !== undefined && input.updateAt.getTime() <= ctx.now().getTime()) throw ctx.invalid("updateAt must be in the future.");
    if (image.type === "DOCKER" && (input.includeResources?.amis || input.includeResources?.snapshots || input.exclusionRules?.amis)) {
      throw ctx.invalid("AMIs, snapshots and AMI exclusion rules do not apply to a container image.");
    }
    if (image.type === "AMI" && input.includeResources?.containers) throw ctx.invalid("containers do not apply to an AMI image.");
    const record = startLifecycleExecution(ctx, [{ image, target, snapshots: input.includeResources?.snapshots, updateAt: input.updateAt }], {
      reason: `Image state update to ${target} requested with StartResourceStateUpdate.`,
    });
    return { lifecycleExecutionId: record.lifecycleExecutionId, resourceArn: image.arn };
  },
});

export const getLifecycleExecution = op<GetLifecycleExecutionRequest, GetLifecycleExecutionResponse>({
  input: { lifecycleExecutionId: LIFECYCLE_EXECUTION_ID },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const execution = findExecution(ctx, input.lifecycleExecutionId!);
    ctx.observe(execution.process);
    return { lifecycleExecution: render(execution) };
  },
});

export const listLifecycleExecutions = op<ListLifecycleExecutionsRequest, ListLifecycleExecutionsResponse>({
  input: { resourceArn: IMAGE_BUILDER_ARN, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const arn = input.resourceArn!;
    const belongs = (e: LifecycleExecutionRecord) => e.resourceArn === arn || e.lifecyclePolicyArn === arn || e.imageArns.includes(arn);
    const page = ctx.paginate(ctx.backend.lifecycleExecutions, { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE, query: arn, filter: belongs });
    // Reading the list observes the executions it lists, once the page is known to be good.
    for (const execution of page.items) ctx.observe(execution.process);
    return { lifecycleExecutions: page.items.map(render), nextToken: page.nextToken };
  },
});

export const listLifecycleExecutionResources = op<ListLifecycleExecutionResourcesRequest, ListLifecycleExecutionResourcesResponse>({
  input: { lifecycleExecutionId: LIFECYCLE_EXECUTION_ID, parentResourceId: NON_EMPTY, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const execution = findExecution(ctx, input.lifecycleExecutionId!);
    const parent = input.parentResourceId;
    const page = ctx.paginate(execution.resources, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: { id: execution.lifecycleExecutionId, parent },
      filter: (r) => parent === undefined || r.parentId === parent,
    });
    ctx.observe(execution.process);
    return {
      lifecycleExecutionId: execution.lifecycleExecutionId,
      lifecycleExecutionState: { ...execution.state },
      resources: page.items.map((r) => deepCopy(r.resource)),
      nextToken: page.nextToken,
    };
  },
});

export const cancelLifecycleExecution = op<CancelLifecycleExecutionRequest, CancelLifecycleExecutionResponse>({
  input: { lifecycleExecutionId: LIFECYCLE_EXECUTION_ID, clientToken: CLIENT_TOKEN },
  errors: ["ResourceInUseException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const execution = findExecution(ctx, input.lifecycleExecutionId!);
    const status = execution.state.status;
    if (execution.process.done || (status !== "PENDING" && status !== "IN_PROGRESS")) {
      throw ctx.invalid(`The lifecycle execution '${execution.lifecycleExecutionId}' is ${status}; only PENDING or IN_PROGRESS executions can be cancelled.`);
    }
    execution.process.jump("CANCELLING", ["CANCELLED"]);
    return { lifecycleExecutionId: execution.lifecycleExecutionId };
  },
});
