import type { LifecyclePolicyDetail, LifecyclePolicyDetailExclusionRules, ResourceStatus } from "@aws-sdk/client-imagebuilder";
import type { Ctx } from "./common.js";
import type { ImageRecord } from "./images.js";
import { startLifecycleExecution, type ImageStateChange, type LifecycleExecutionRecord } from "./lifecycle-executions.js";
import type { LifecyclePolicyRecord } from "./lifecycle-policies.js";
import { arnSegment } from "./versions.js";

/**
 * What a lifecycle policy does when it runs ("How lifecycle management rules work for Image
 * Builder image resources"): it selects this account's images of its resource type by recipe
 * (name and version) or by tag, and applies each rule to every recipe version's builds:
 *
 * - AGE: builds older than `value` `unit`s, except the newest `retainAtLeast` ones;
 * - COUNT: every build but the newest `value` ones;
 * - builds matching the rule's exclusion rules are left alone.
 *
 * An image selected by several rules takes the strongest action (DELETE over DISABLE over
 * DEPRECATE); images already in that state, or further, are not touched. The changes happen in
 * one lifecycle execution, which every run creates (with no resources when nothing matched).
 */

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { DAYS: DAY_MS, WEEKS: 7 * DAY_MS, MONTHS: 30 * DAY_MS, YEARS: 365 * DAY_MS };
const TARGET: Record<string, ResourceStatus> = { DEPRECATE: "DEPRECATED", DISABLE: "DISABLED", DELETE: "DELETED" };
const SEVERITY: Record<string, number> = { AVAILABLE: 0, DEPRECATED: 1, DISABLED: 2, DELETED: 3 };

function selected(policy: LifecyclePolicyRecord, image: ImageRecord, tags: Record<string, string>): boolean {
  const selection = policy.resourceSelection;
  const byRecipe = selection.recipes?.some((r) => arnSegment(r.name!) === image.segment && r.semanticVersion === image.version) ?? false;
  const byTag = Object.entries(selection.tagMap ?? {}).some(([key, value]) => tags[key] === value);
  return byRecipe || byTag;
}

/** The AMI-level facts exclusion rules look at, from the image's distribution and recipe. */
function amiFacts(image: ImageRecord) {
  const distributions = image.distributionConfiguration?.distributions ?? [];
  const ami = distributions.map((d) => d.amiDistributionConfiguration).filter((c) => c !== undefined);
  return {
    public: ami.some((c) => c.launchPermission?.userGroups?.includes("all")),
    regions: (image.outputResources?.amis ?? []).map((a) => a.region!),
    sharedWith: ami.flatMap((c) => [...(c.targetAccountIds ?? []), ...(c.launchPermission?.userIds ?? [])]),
    tags: Object.assign({}, image.imageRecipe?.amiTags, ...ami.map((c) => c.amiTags ?? {})) as Record<string, string>,
  };
}

function excluded(image: ImageRecord, tags: Record<string, string>, rules: LifecyclePolicyDetailExclusionRules | undefined): boolean {
  if (!rules) return false;
  if (Object.entries(rules.tagMap ?? {}).some(([key, value]) => tags[key] === value)) return true;
  const amis = rules.amis;
  if (!amis || image.type !== "AMI") return false;
  const facts = amiFacts(image);
  if (amis.isPublic && facts.public) return true;
  if (amis.regions?.some((r) => facts.regions.includes(r))) return true;
  if (amis.sharedAccounts?.some((a) => facts.sharedWith.includes(a))) return true;
  if (Object.entries(amis.tagMap ?? {}).some(([key, value]) => facts.tags[key] === value)) return true;
  // lastLaunched: no instance is ever launched from these AMIs here, so it excludes nothing.
  return false;
}

/** The builds one rule acts on within one recipe version's builds (newest first). */
function affectedBy(detail: LifecyclePolicyDetail, builds: readonly ImageRecord[], nowMs: number): ImageRecord[] {
  const filter = detail.filter!;
  if (filter.type === "COUNT") return builds.slice(filter.value!);
  const cutoff = nowMs - filter.value! * (UNIT_MS[filter.unit ?? "DAYS"] ?? DAY_MS);
  return builds.slice(filter.retainAtLeast ?? 0).filter((i) => Date.parse(i.dateCreated) < cutoff);
}

/** The state changes a policy's rules call for now. */
export function evaluateLifecyclePolicy(ctx: Ctx, policy: LifecyclePolicyRecord): ImageStateChange[] {
  const type = policy.resourceType === "AMI_IMAGE" ? "AMI" : "DOCKER";
  const groups = new Map<string, ImageRecord[]>();
  for (const image of ctx.backend.images.builds.values()) {
    if (image.type !== type || !["AVAILABLE", "DEPRECATED", "DISABLED"].includes(image.state.status ?? "")) continue;
    if (image.lifecycleProcess && !image.lifecycleProcess.done) continue;
    if (!selected(policy, image, ctx.backend.tags.get(image.arn))) continue;
    const key = `${image.segment}/${image.version}`;
    groups.set(key, [...(groups.get(key) ?? []), image]);
  }
  const strongest = new Map<ImageRecord, { target: ResourceStatus; snapshots: boolean }>();
  const now = ctx.now().getTime();
  for (const builds of groups.values()) {
    builds.sort((a, b) => b.sequence - a.sequence);
    for (const detail of policy.policyDetails) {
      const target = TARGET[detail.action!.type!]!;
      for (const image of affectedBy(detail, builds, now)) {
        if (excluded(image, ctx.backend.tags.get(image.arn), detail.exclusionRules)) continue;
        const current = strongest.get(image);
        if (!current || SEVERITY[target]! > SEVERITY[current.target]!) strongest.set(image, { target, snapshots: detail.action!.includeResources?.snapshots ?? false });
      }
    }
  }
  return [...strongest]
    .filter(([image, change]) => SEVERITY[change.target]! > (SEVERITY[image.state.status ?? "AVAILABLE"] ?? 0))
    .map(([image, change]) => ({ image, target: change.target, snapshots: change.snapshots }));
}

/** Runs a policy now: one lifecycle execution with every change its rules call for. */
export function runLifecyclePolicy(ctx: Ctx, policy: LifecyclePolicyRecord): LifecycleExecutionRecord {
  policy.dateLastRun = ctx.now();
  return startLifecycleExecution(ctx, evaluateLifecyclePolicy(ctx, policy), { policyArn: policy.arn, reason: `Selected by the rules of lifecycle policy ${policy.name}.` });
}
