import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
} from "@aws-sdk/client-imagebuilder";
import { op, type ImagebuilderBackend } from "./backend.js";
import type { Ctx } from "./common.js";
import { IMAGE_BUILDER_ARN, TAG_KEYS, TAGS } from "./shapes.js";
import { parseImagebuilderArn } from "./versions.js";

/**
 * Which Image Builder ARNs carry tags, and how to tell whether one exists: components,
 * images and workflows by build version, the rest by their own ARN. Tags of AWS-managed
 * resources cannot be changed (their ARNs name another owner, so they are not found).
 */
const TAGGABLE: Record<string, (backend: ImagebuilderBackend, arn: string) => boolean> = {
  component: (b, arn) => b.components.get(arn) !== undefined,
  image: (b, arn) => b.images.get(arn) !== undefined,
  workflow: (b, arn) => b.workflows.get(arn) !== undefined,
  "image-recipe": (b, arn) => b.imageRecipes.has(arn),
  "container-recipe": (b, arn) => b.containerRecipes.has(arn),
  "infrastructure-configuration": (b, arn) => b.infrastructureConfigurations.has(arn),
  "distribution-configuration": (b, arn) => b.distributionConfigurations.has(arn),
  "image-pipeline": (b, arn) => b.pipelines.has(arn),
  "lifecycle-policy": (b, arn) => b.lifecyclePolicies.has(arn),
};

/** The ARN of an existing taggable resource of this account and region. */
function taggedResource(ctx: Ctx, arn: string): string {
  const parsed = parseImagebuilderArn(arn);
  const exists = parsed ? TAGGABLE[parsed.type] : undefined;
  if (!parsed || !exists) throw ctx.invalid(`'${arn}' is not the ARN of a taggable Image Builder resource.`);
  if (["component", "image", "workflow"].includes(parsed.type) && parsed.build === undefined) {
    throw ctx.invalid(`'${arn}' names a version; tags belong to a build version (…/<x.y.z>/<build>).`);
  }
  if (parsed.account !== ctx.accountId || !ctx.inThisRegion(parsed) || !exists(ctx.backend, arn)) {
    throw ctx.error("ResourceNotFoundException", `The resource '${arn}' does not exist.`);
  }
  return arn;
}

export const tagResource = op<TagResourceRequest, TagResourceResponse>({
  input: { resourceArn: IMAGE_BUILDER_ARN, tags: TAGS },
  validation: "InvalidParameterException",
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const arn = taggedResource(ctx, input.resourceArn!);
    if (ctx.backend.tags.countAfterAdding(arn, input.tags!) > 50) throw ctx.invalid(`The resource '${arn}' would have more than 50 tags.`);
    ctx.backend.tags.add(arn, input.tags);
    return {};
  },
});

export const untagResource = op<UntagResourceRequest, UntagResourceResponse>({
  input: { resourceArn: IMAGE_BUILDER_ARN, tagKeys: TAG_KEYS },
  validation: "InvalidParameterException",
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    ctx.backend.tags.remove(taggedResource(ctx, input.resourceArn!), input.tagKeys!);
    return {};
  },
});

export const listTagsForResource = op<ListTagsForResourceRequest, ListTagsForResourceResponse>({
  input: { resourceArn: IMAGE_BUILDER_ARN },
  validation: "InvalidParameterException",
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { tags: ctx.backend.tags.get(taggedResource(ctx, input.resourceArn!)) };
  },
});
