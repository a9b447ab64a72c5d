import type {
  CreateLifecyclePolicyRequest,
  CreateLifecyclePolicyResponse,
  DeleteLifecyclePolicyRequest,
  DeleteLifecyclePolicyResponse,
  GetLifecyclePolicyRequest,
  GetLifecyclePolicyResponse,
  LifecyclePolicy,
  LifecyclePolicyDetail,
  LifecyclePolicyResourceSelection,
  LifecyclePolicyResourceType,
  LifecyclePolicyStatus,
  LifecyclePolicySummary,
  ListLifecyclePoliciesRequest,
  ListLifecyclePoliciesResponse,
  UpdateLifecyclePolicyRequest,
  UpdateLifecyclePolicyResponse,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy } from "../../engine/canonical.js";
import { int, list, oneOf, str, struct } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, NOT_FOUND_UNMODELLED, notFound, parseOwnArn, type Ctx } from "./common.js";
import {
  CLIENT_TOKEN,
  DEFAULT_PAGE_SIZE,
  EXCLUSION_RULES_AMIS,
  FILTERS,
  LIFECYCLE_POLICY_ARN,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  RESOURCE_NAME,
  ROLE_NAME_OR_ARN,
  TAGS,
} from "./shapes.js";
import { schedulePolicy } from "./schedules.js";
import { arnSegment, versionProblem } from "./versions.js";

export interface LifecyclePolicyRecord {
  arn: string;
  segment: string;
  name: string;
  description?: string | undefined;
  status: LifecyclePolicyStatus;
  executionRole: string;
  resourceType: LifecyclePolicyResourceType;
  policyDetails: LifecyclePolicyDetail[];
  resourceSelection: LifecyclePolicyResourceSelection;
  dateCreated: Date;
  dateUpdated?: Date | undefined;
  dateLastRun?: Date | undefined;
  /** When it runs next (epoch ms, virtual clock), while ENABLED. */
  nextRunMs?: number | undefined;
}

const POLICY_RULES = {
  description: NON_EMPTY,
  status: oneOf("LifecyclePolicyStatus"),
  executionRole: ROLE_NAME_OR_ARN,
  resourceType: oneOf("LifecyclePolicyResourceType"),
  policyDetails: list(
    struct({
      action: struct({ type: oneOf("LifecyclePolicyDetailActionType") }),
      filter: struct({
        type: oneOf("LifecyclePolicyDetailFilterType"),
        value: int({ min: 1, max: 1000 }),
        unit: oneOf("LifecyclePolicyTimeUnit"),
        retainAtLeast: int({ min: 1, max: 10 }),
      }),
      exclusionRules: struct({ tagMap: TAGS, amis: EXCLUSION_RULES_AMIS }),
    }),
    { min: 1, max: 3 },
  ),
  resourceSelection: struct({
    recipes: list(struct({ name: RESOURCE_NAME, semanticVersion: str({ pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" }) }), { min: 1, max: 50 }),
    tagMap: TAGS,
  }),
  clientToken: CLIENT_TOKEN,
};

/** Rules across members of a policy ("Image Builder lifecycle policies"), checked before anything is stored. */
function checkPolicy(ctx: Ctx, input: CreateLifecyclePolicyRequest | UpdateLifecyclePolicyRequest): void {
  const containers = input.resourceType === "CONTAINER_IMAGE";
  const actions = new Set<string>();
  for (const [i, detail] of input.policyDetails!.entries()) {
    const where = `policyDetails.${i + 1}`;
    const action = detail.action!.type!;
    if (actions.has(action)) throw ctx.invalid(`${where}: the action ${action} appears twice; a policy takes each action once.`);
    actions.add(action);
    if (containers && action !== "DELETE") throw ctx.invalid(`${where}: container image policies can only DELETE images, not ${action}.`);
    const include = detail.action!.includeResources;
    if (containers && (include?.amis || include?.snapshots)) throw ctx.invalid(`${where}: a CONTAINER_IMAGE policy includes containers, not AMIs or snapshots.`);
    if (!containers && include?.containers) throw ctx.invalid(`${where}: an AMI_IMAGE policy includes AMIs and snapshots, not containers.`);
    const filter = detail.filter!;
    if (filter.type === "AGE" && filter.unit === undefined) throw ctx.invalid(`${where}.filter: an AGE filter needs a unit (DAYS, WEEKS, MONTHS or YEARS).`);
    if (filter.type === "COUNT" && filter.unit !== undefined) throw ctx.invalid(`${where}.filter: a COUNT filter counts images and takes no unit.`);
    if (filter.type === "COUNT" && filter.retainAtLeast !== undefined) throw ctx.invalid(`${where}.filter: retainAtLeast applies to AGE filters only.`);
    if (containers && detail.exclusionRules?.amis) throw ctx.invalid(`${where}.exclusionRules: AMI exclusion rules do not apply to container images.`);
  }
  const selection = input.resourceSelection!;
  if (!selection.recipes && !selection.tagMap) throw ctx.invalid("resourceSelection needs recipes or a tagMap to select the images the policy applies to.");
  for (const recipe of selection.recipes ?? []) {
    const problem = versionProblem(recipe.semanticVersion!);
    if (problem) throw ctx.invalid(`resourceSelection.recipes: ${problem}`);
  }
}

function render(backend: ImagebuilderBackend, p: LifecyclePolicyRecord): LifecyclePolicy {
  const { segment: _segment, nextRunMs: _next, ...fields } = p;
  return { ...deepCopy(fields), tags: backend.tags.get(p.arn) };
}

function findPolicy(ctx: Ctx, arn: string): LifecyclePolicyRecord {
  parseOwnArn(ctx, arn, "lifecycle policy");
  const policy = ctx.backend.lifecyclePolicies.get(arn);
  if (!policy) throw notFound(ctx, "lifecycle policy", arn);
  return policy;
}

export const createLifecyclePolicy = op<CreateLifecyclePolicyRequest, CreateLifecyclePolicyResponse>({
  input: { name: RESOURCE_NAME, tags: TAGS, ...POLICY_RULES },
  errors: ["ResourceInUseException", "ResourceAlreadyExistsException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const segment = arnSegment(input.name!);
    const arn = ctx.arn(`lifecycle-policy/${segment}`);
    if (ctx.backend.lifecyclePolicies.has(arn)) throw ctx.error("ResourceAlreadyExistsException", `The following resource 'LifecyclePolicy' already exists: '${arn}'.`);
    checkPolicy(ctx, input);
    ctx.backend.lifecyclePolicies.set(arn, {
      arn,
      segment,
      name: input.name!,
      description: input.description,
      status: input.status ?? "ENABLED",
      executionRole: input.executionRole!,
      resourceType: input.resourceType!,
      policyDetails: input.policyDetails!,
      resourceSelection: input.resourceSelection!,
      dateCreated: ctx.now(),
    });
    schedulePolicy(ctx.backend, ctx.backend.lifecyclePolicies.get(arn)!, ctx.now().getTime());
    ctx.backend.tags.add(arn, input.tags);
    return { clientToken: input.clientToken, lifecyclePolicyArn: arn };
  },
});

export const updateLifecyclePolicy = op<UpdateLifecyclePolicyRequest, UpdateLifecyclePolicyResponse>({
  input: { lifecyclePolicyArn: LIFECYCLE_POLICY_ARN, ...POLICY_RULES },
  errors: ["ResourceInUseException", "InvalidParameterCombinationException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const policy = findPolicy(ctx, input.lifecyclePolicyArn!);
    checkPolicy(ctx, input);
    Object.assign(policy, {
      description: input.description,
      status: input.status ?? "ENABLED",
      executionRole: input.executionRole!,
      resourceType: input.resourceType!,
      policyDetails: input.policyDetails!,
      resourceSelection: input.resourceSelection!,
      dateUpdated: ctx.now(),
    });
    schedulePolicy(ctx.backend, policy, ctx.now().getTime());
    return { lifecyclePolicyArn: policy.arn };
  },
});

export const getLifecyclePolicy = op<GetLifecyclePolicyRequest, GetLifecyclePolicyResponse>({
  input: { lifecyclePolicyArn: LIFECYCLE_POLICY_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    return { lifecyclePolicy: render(ctx.backend, findPolicy(ctx, input.lifecyclePolicyArn!)) };
  },
});

export const deleteLifecyclePolicy = op<DeleteLifecyclePolicyRequest, DeleteLifecyclePolicyResponse>({
  input: { lifecyclePolicyArn: LIFECYCLE_POLICY_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const policy = findPolicy(ctx, input.lifecyclePolicyArn!);
    const running = ctx.backend.lifecycleExecutions.values().find((e) => e.lifecyclePolicyArn === policy.arn && !e.process.done);
    if (running) throw ctx.error("ResourceDependencyException", `The lifecycle policy '${policy.arn}' has a running execution (${running.lifecycleExecutionId}).`);
    ctx.backend.lifecyclePolicies.delete(policy.arn);
    ctx.backend.scheduledPolicies.delete(policy.arn);
    ctx.backend.tags.drop(policy.arn);
    return { lifecyclePolicyArn: policy.arn };
  },
});

function summary(backend: ImagebuilderBackend, p: LifecyclePolicyRecord): LifecyclePolicySummary {
  return {
    arn: p.arn,
    name: p.name,
    description: p.description,
    status: p.status,
    executionRole: p.executionRole,
    resourceType: p.resourceType,
    dateCreated: p.dateCreated,
    dateUpdated: p.dateUpdated,
    dateLastRun: p.dateLastRun,
    tags: backend.tags.get(p.arn),
  };
}

/**
 * ListLifecyclePolicies documents its filters as `Name` and `Status`, while every other Image
 * Builder list spells its filter names in lower case; filter names are case-sensitive, so both
 * spellings are accepted.
 */
const POLICY_FILTERS = {
  name: (p: LifecyclePolicyRecord) => p.name,
  status: (p: LifecyclePolicyRecord) => p.status,
  Name: (p: LifecyclePolicyRecord) => p.name,
  Status: (p: LifecyclePolicyRecord) => p.status,
};

export const listLifecyclePolicies = op<ListLifecyclePoliciesRequest, ListLifecyclePoliciesResponse>({
  input: { filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.lifecyclePolicies, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: input.filters,
      filter: filterPredicate(ctx, input.filters, POLICY_FILTERS),
    });
    return { lifecyclePolicySummaryList: page.items.map((p) => summary(ctx.backend, p)), nextToken: page.nextToken };
  },
});
