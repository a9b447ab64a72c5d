import type { GetMarketplaceResourceRequest, GetMarketplaceResourceResponse } from "@aws-sdk/client-imagebuilder";
import { oneOf, str } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { NOT_FOUND_UNMODELLED, notFound } from "./common.js";
import { IMAGE_BUILDER_ARN } from "./shapes.js";
import { parseImagebuilderArn } from "./versions.js";

/**
 * GetMarketplaceResource hands out download locations for AWS Marketplace components the
 * account subscribes to. There is no Marketplace here and no subscriptions, so a Marketplace
 * ARN is not found, and an ARN of any other owner is refused as not a Marketplace resource.
 */
export const getMarketplaceResource = op<GetMarketplaceResourceRequest, GetMarketplaceResourceResponse>({
  input: {
    resourceType: oneOf("MarketplaceResourceType"),
    resourceArn: IMAGE_BUILDER_ARN,
    resourceLocation: str({ max: 1024, pattern: "^s3://[^/]+/.+[^/]$" }),
  },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const arn = input.resourceArn!;
    const parsed = parseImagebuilderArn(arn);
    if (!parsed || parsed.account !== "aws-marketplace" || parsed.type !== "component") {
      throw ctx.invalid(`'${arn}' is not an AWS Marketplace component (arn:…:aws-marketplace:component/<name>/<version>).`);
    }
    if (input.resourceType === "COMPONENT_ARTIFACT" && input.resourceLocation === undefined) {
      throw ctx.invalid("COMPONENT_ARTIFACT needs the resourceLocation (s3://bucket/key) of the artifact to download.");
    }
    throw notFound(ctx, "AWS Marketplace component subscription for", arn);
  },
});
