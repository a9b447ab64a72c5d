import type { GetTagsRequest, GetTagsResponse, TagResourceRequest, TagResourceResponse, UntagResourceRequest, UntagResourceResponse } from "@aws-sdk/client-glue";
import { parseArn } from "../../engine/arn.js";
import type { RequestContext } from "../../engine/context.js";
import { list, str } from "../../engine/validation/rules.js";
import { op, type GlueBackend } from "./backend.js";
import { TAG_KEYS_MAX, TAGS } from "./shapes.js";

/** Which Glue ARNs can carry tags, by resource type, and how to tell whether one exists. */
const TAGGABLE: Record<string, (backend: GlueBackend, name: string) => boolean> = {
  workflow: (backend, name) => backend.workflows.has(name),
  trigger: (backend, name) => backend.triggers.has(name),
  job: (backend, name) => backend.jobs.has(name),
  crawler: (backend, name) => backend.crawlers.has(name),
  blueprint: (backend, name) => backend.blueprints.has(name),
  connection: (backend, name) => backend.connections.connections.has(name),
  customEntityType: (backend, name) => backend.admin.customEntityTypes.has(name),
  usageProfile: (backend, name) => backend.admin.usageProfiles.has(name),
  connectionType: (backend, name) => backend.connections.types.get(name)?.registered !== undefined,
  dataQualityRuleset: (backend, name) => backend.dataQuality.rulesets.has(name),
  registry: (backend, name) => backend.schemaRegistry.registries.has(name),
  schema: (backend, name) => backend.schemaRegistry.schemas.has(name),
  session: (backend, name) => backend.sessions.has(name),
  devEndpoint: (backend, name) => backend.devEndpoints.has(name),
  mlTransform: (backend, name) => backend.mlTransforms.has(name),
};

const RESOURCE_ARN = str({ min: 1, max: 10240, pattern: "arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*" });

/** The ARN of an existing taggable resource of this account and region, or EntityNotFound. */
function taggedResource(ctx: RequestContext<GlueBackend>, arn: string): string {
  const parts = parseArn(arn);
  const slash = parts?.resource.indexOf("/") ?? -1;
  const type = parts && slash > 0 ? parts.resource.slice(0, slash) : undefined;
  const name = parts && slash > 0 ? parts.resource.slice(slash + 1) : undefined;
  const exists = type !== undefined && name !== undefined ? TAGGABLE[type] : undefined;
  if (!parts || !exists || !name) {
    throw ctx.invalid(`${arn} is not the ARN of a taggable Glue resource (${Object.keys(TAGGABLE).join(", ")}).`);
  }
  // An ARN of another partition, account or region names another resource, even with the same name.
  if (!ctx.isOwn(parts) || !exists(ctx.backend, name)) {
    throw ctx.error("EntityNotFoundException", `Resource ${arn} not found.`);
  }
  return arn;
}

export const tagResource = op<TagResourceRequest, TagResourceResponse>({
  input: { ResourceArn: RESOURCE_ARN, TagsToAdd: TAGS },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const arn = taggedResource(ctx, input.ResourceArn!);
    if (ctx.backend.tags.countAfterAdding(arn, input.TagsToAdd!) > 50) {
      throw ctx.invalid(`Resource ${arn} would have more than 50 tags.`);
    }
    ctx.backend.tags.add(arn, input.TagsToAdd);
    return {};
  },
});

export const untagResource = op<UntagResourceRequest, UntagResourceResponse>({
  input: { ResourceArn: RESOURCE_ARN, TagsToRemove: list(str({ min: 1, max: 128 }), { max: TAG_KEYS_MAX }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    ctx.backend.tags.remove(taggedResource(ctx, input.ResourceArn!), input.TagsToRemove!);
    return {};
  },
});

export const getTags = op<GetTagsRequest, GetTagsResponse>({
  input: { ResourceArn: RESOURCE_ARN },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { Tags: ctx.backend.tags.get(taggedResource(ctx, input.ResourceArn!)) };
  },
});
