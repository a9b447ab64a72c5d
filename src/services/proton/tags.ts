import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from "@aws-sdk/client-proton";
import { parseArn } from "../../engine/arn.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { str } from "../../engine/validation/rules.js";
import { op, type ProtonBackend } from "./backend.js";
import { checkTagLimit, notFound, page, tagRecord, type Ctx } from "./common.js";
import { ARN, MAX_RESULTS, TAG_KEYS, TAGS } from "./shapes.js";

/**
 * Which Proton ARNs carry tags, by the shape of their resource part, and how to tell whether
 * the resource exists.
 */
const TAGGABLE: Array<[RegExp, (backend: ProtonBackend, m: RegExpExecArray) => boolean]> = [
  [/^environment-template\/([^:/]+)$/, (b, m) => b.environmentTemplates.has(m[1]!)],
  [/^environment-template\/([^:/]+):(\d+)\.(\d+)$/, (b, m) => b.environmentTemplates.get(m[1]!)?.versions.has(`${m[2]}.${m[3]}`) ?? false],
  [/^service-template\/([^:/]+)$/, (b, m) => b.serviceTemplates.has(m[1]!)],
  [/^service-template\/([^:/]+):(\d+)\.(\d+)$/, (b, m) => b.serviceTemplates.get(m[1]!)?.versions.has(`${m[2]}.${m[3]}`) ?? false],
  [/^environment\/([^/]+)$/, (b, m) => b.environments.has(m[1]!)],
  [/^service\/([^/]+)$/, (b, m) => b.services.has(m[1]!)],
  [/^service\/([^/]+)\/service-instance\/([^/]+)$/, (b, m) => b.serviceInstances.has(`${m[1]}/${m[2]}`)],
  [/^component\/([^/]+)$/, (b, m) => b.components.has(m[1]!)],
  [/^environment-account-connection\/([0-9a-f-]+)$/, (b, m) => b.connections.has(m[1]!)],
  [/^repository\/([a-z_]+):(.+)$/, (b, m) => b.repositories.values().some((r) => r.provider.toLowerCase() === m[1] && r.name === m[2])],
];

/** The ARN of an existing taggable resource of this account and region, or the service's error. */
function taggedResource(ctx: Ctx, arn: string): string {
  const parts = parseArn(arn);
  if (!parts || parts.service !== "proton") throw ctx.invalid(`${arn} is not the ARN of a Proton resource.`);
  const kind = TAGGABLE.map(([pattern, exists]) => [pattern.exec(parts.resource), exists] as const).find(([match]) => match !== null);
  if (!kind) throw ctx.invalid(`${arn} is not the ARN of a taggable Proton resource (templates, template versions, environments, services, service instances, components, environment account connections, repositories).`);
  const [match, exists] = kind;
  if (!ctx.isOwn(parts) || !exists(ctx.backend, match!)) throw notFound(ctx, `Resource ${arn}`);
  return arn;
}

export const tagResource = op<TagResourceInput, TagResourceOutput>({
  input: { resourceArn: ARN, tags: TAGS },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const arn = taggedResource(ctx, input.resourceArn!);
    const tags = tagRecord(input.tags);
    checkTagLimit(ctx, arn, { ...ctx.backend.tags.get(arn), ...tags }, "the ones it has and the ones given");
    ctx.backend.tags.add(arn, tags);
    return {};
  },
});

export const untagResource = op<UntagResourceInput, UntagResourceOutput>({
  input: { resourceArn: ARN, tagKeys: TAG_KEYS },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    ctx.backend.tags.remove(taggedResource(ctx, input.resourceArn!), input.tagKeys!);
    return {};
  },
});

export const listTagsForResource = op<ListTagsForResourceInput, ListTagsForResourceOutput>({
  input: { resourceArn: ARN, nextToken: str(), maxResults: MAX_RESULTS },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const arn = taggedResource(ctx, input.resourceArn!);
    // At most 50 tags: a per-request table in key order keeps paging uniform with the other lists.
    const table = new OrderedTable<{ key: string; value: string }>((t) => t.key);
    for (const [key, value] of Object.entries(ctx.backend.tags.get(arn))) table.set(key, { key, value });
    const result = page(ctx, table, { nextToken: input.nextToken, maxResults: input.maxResults, query: { arn } });
    return { tags: result.items, nextToken: result.nextToken };
  },
});
