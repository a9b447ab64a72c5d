import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
} from "@aws-sdk/client-omics";
import { parseArn } from "../../engine/arn.js";
import type { RequestContext } from "../../engine/context.js";
import { list, map, str } from "../../engine/validation/rules.js";
import { op, type OmicsBackend } from "./backend.js";
import { MAX_TAGS } from "./shapes.js";
import { STORAGE_TAGGABLE } from "./storage/taggable.js";

/** Which HealthOmics ARNs carry tags, by resource path, and whether the resource exists. */
const TAGGABLE: Array<{ pattern: RegExp; what: string; exists(backend: OmicsBackend, match: RegExpExecArray): boolean }> = [
  { pattern: /^workflow\/([0-9]+)$/, what: "workflow", exists: (b, m) => b.workflows.has(m[1]!) },
  { pattern: /^workflow\/([0-9]+)\/version\/([^/]+)$/, what: "workflow version", exists: (b, m) => b.workflows.get(m[1]!)?.versions.has(m[2]!) ?? false },
  { pattern: /^run\/([0-9]+)$/, what: "run", exists: (b, m) => b.runs.has(m[1]!) },
  { pattern: /^runGroup\/([0-9]+)$/, what: "run group", exists: (b, m) => b.runGroups.has(m[1]!) },
  { pattern: /^runCache\/([0-9]+)$/, what: "run cache", exists: (b, m) => b.runCaches.has(m[1]!) },
  { pattern: /^runBatch\/([0-9]+)$/, what: "run batch", exists: (b, m) => b.batches.has(m[1]!) },
  { pattern: /^configuration\/([^/]+)$/, what: "configuration", exists: (b, m) => b.configurations.has(m[1]!) },
  ...STORAGE_TAGGABLE,
];

const TAG_ARN = str({ min: 1, max: 150, pattern: "arn:.+" });
const TAG_KEY = str({ min: 1, max: 128 });

/** The ARN of an existing taggable resource of this account and region. */
function taggedResource(ctx: RequestContext<OmicsBackend>, arn: string): string {
  const parts = parseArn(arn);
  const kind = parts?.service === "omics" ? TAGGABLE.find((t) => t.pattern.test(parts.resource)) : undefined;
  if (!parts || !kind) {
    throw ctx.invalid(`${arn} is not the ARN of a taggable HealthOmics resource (${TAGGABLE.map((t) => t.what).join(", ")}).`);
  }
  const match = kind.pattern.exec(parts.resource)!;
  if (!ctx.isOwn(parts) || !kind.exists(ctx.backend, match)) {
    throw ctx.error("ResourceNotFoundException", `The ${kind.what} ${arn} was not found.`);
  }
  return arn;
}

/** Tags given when a resource is created: at most 50, none in the reserved `aws:` space. */
export function checkNewTags(ctx: RequestContext<OmicsBackend>, tags: Record<string, string> | undefined): void {
  if (!tags) return;
  const keys = Object.keys(tags);
  if (keys.length > ctx.backend.quotas.tagsPerResource) throw ctx.invalid(`A resource can have at most ${ctx.backend.quotas.tagsPerResource} tags; this request has ${keys.length}.`);
  const reserved = keys.filter((key) => key.toLowerCase().startsWith("aws:"));
  if (reserved.length > 0) throw ctx.invalid(`Tag keys starting with 'aws:' are reserved for AWS use: ${reserved.join(", ")}.`);
}

export const tagResource = op<TagResourceRequest, TagResourceResponse>({
  input: { resourceArn: TAG_ARN, tags: map({ key: TAG_KEY, value: str({ max: 256 }), max: MAX_TAGS }) },
  errors: ["ResourceNotFoundException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const arn = taggedResource(ctx, input.resourceArn!);
    const reserved = Object.keys(input.tags!).filter((key) => key.toLowerCase().startsWith("aws:"));
    if (reserved.length > 0) throw ctx.invalid(`Tag keys starting with 'aws:' are reserved for AWS use: ${reserved.join(", ")}.`);
    const after = ctx.backend.tags.countAfterAdding(arn, input.tags!);
    if (after > ctx.backend.quotas.tagsPerResource) {
      throw ctx.error("ServiceQuotaExceededException", `${arn} would have ${after} tags; a resource can have at most ${ctx.backend.quotas.tagsPerResource}.`);
    }
    ctx.backend.tags.add(arn, input.tags);
    return {};
  },
});

export const untagResource = op<UntagResourceRequest, UntagResourceResponse>({
  input: { resourceArn: TAG_ARN, tagKeys: list(TAG_KEY, { max: MAX_TAGS }) },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    ctx.backend.tags.remove(taggedResource(ctx, input.resourceArn!), input.tagKeys!);
    return {};
  },
});

export const listTagsForResource = op<ListTagsForResourceRequest, ListTagsForResourceResponse>({
  input: { resourceArn: TAG_ARN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { tags: ctx.backend.tags.get(taggedResource(ctx, input.resourceArn!)) };
  },
});
