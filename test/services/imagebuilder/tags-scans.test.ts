import {
  CreateImageRecipeCommand,
  CreateLifecyclePolicyCommand,
  DeleteImageRecipeCommand,
  GetMarketplaceResourceCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListImageScanFindingAggregationsCommand,
  ListImageScanFindingsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import {
  arn,
  createComponent,
  createContainerRecipe,
  createDistribution,
  createInfrastructure,
  createPipeline,
  createRecipe,
  createWorkflow,
  ib,
  managedArn,
  startImage,
} from "./fixtures.js";

describe("Image Builder tags", () => {
  it("tags, lists and untags every taggable resource type", async () => {
    const { pipeline, recipe, infra } = await createPipeline("tagged");
    const policy = await ib.send(
      new CreateLifecyclePolicyCommand({
        name: "tag-policy",
        executionRole: "LifecycleRole",
        resourceType: "AMI_IMAGE",
        policyDetails: [{ action: { type: "DELETE" }, filter: { type: "COUNT", value: 5 } }],
        resourceSelection: { tagMap: { env: "dev" } },
      }),
    );
    const resources = [
      pipeline,
      recipe,
      infra,
      await createComponent("tag-comp"),
      await createWorkflow("tag-wf"),
      await createContainerRecipe("tag-container"),
      await createDistribution("tag-dist"),
      await startImage({ recipeName: "tag-image" }),
      policy.lifecyclePolicyArn!,
    ];
    for (const resourceArn of resources) {
      await ib.send(new TagResourceCommand({ resourceArn, tags: { env: "test", owner: "me" } }));
      await ib.send(new UntagResourceCommand({ resourceArn, tagKeys: ["owner"] }));
      expect((await ib.send(new ListTagsForResourceCommand({ resourceArn }))).tags, resourceArn).toEqual({ env: "test" });
    }
  });

  it("merges tags given at creation with later ones, and counts the 50-tag limit after merging", async () => {
    const component = await createComponent("limited");
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    await ib.send(new TagResourceCommand({ resourceArn: component, tags: many }));
    await ib.send(new TagResourceCommand({ resourceArn: component, tags: { k0: "changed" } }));
    expect((await ib.send(new ListTagsForResourceCommand({ resourceArn: component }))).tags?.k0).toBe("changed");
    const over = await rejectionOf(ib.send(new TagResourceCommand({ resourceArn: component, tags: { extra: "1" } })));
    expect(over).toBeInstanceOf(InvalidParameterException);
    expect(over.message).toContain("more than 50 tags");
  });

  it("refuses bad ARNs, version ARNs, reserved keys and missing resources with the tag operations' errors", async () => {
    const missing = await rejectionOf(ib.send(new ListTagsForResourceCommand({ resourceArn: arn("image-pipeline/ghost") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const otherAccount = await rejectionOf(ib.send(new TagResourceCommand({ resourceArn: "arn:aws:imagebuilder:us-east-1:210987654321:image-pipeline/x", tags: { a: "b" } })));
    expect(otherAccount).toBeInstanceOf(ResourceNotFoundException);
    const managed = await rejectionOf(ib.send(new TagResourceCommand({ resourceArn: managedArn("component/update-linux/1.0.2/1"), tags: { a: "b" } })));
    expect(managed).toBeInstanceOf(ResourceNotFoundException);
    const notArn = await rejectionOf(ib.send(new TagResourceCommand({ resourceArn: "pipeline-1", tags: { a: "b" } })));
    expect(notArn).toBeInstanceOf(InvalidParameterException);
    expect(notArn.$metadata.httpStatusCode).toBe(400);
    await createComponent("versioned");
    const version = await rejectionOf(ib.send(new TagResourceCommand({ resourceArn: arn("component/versioned/1.0.0"), tags: { a: "b" } })));
    expect(version).toBeInstanceOf(InvalidParameterException);
    expect(version.message).toContain("build version");
    const reserved = await rejectionOf(ib.send(new TagResourceCommand({ resourceArn: await createInfrastructure("reserved"), tags: { "aws:owner": "x" } })));
    expect(reserved).toBeInstanceOf(InvalidParameterException);
    const noKeys = await rejectionOf(ib.send(new UntagResourceCommand({ resourceArn: arn("infrastructure-configuration/reserved"), tagKeys: [] })));
    expect(noKeys).toBeInstanceOf(InvalidParameterException);
  });

  it("drops a resource's tags when it is deleted", async () => {
    const recipe = await createRecipe("short-lived");
    await ib.send(new TagResourceCommand({ resourceArn: recipe, tags: { a: "1" } }));
    await ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: recipe }));
    expect(await rejectionOf(ib.send(new ListTagsForResourceCommand({ resourceArn: recipe })))).toBeInstanceOf(ResourceNotFoundException);
    await ib.send(new CreateImageRecipeCommand({ name: "short-lived", semanticVersion: "1.0.0", parentImage: "ami-0abc", components: [{ componentArn: arn("component/short-lived-component/1.0.0/1") }] }));
    expect((await ib.send(new ListTagsForResourceCommand({ resourceArn: recipe }))).tags).toEqual({});
  });
});

describe("Image Builder scan findings and Marketplace", () => {
  it("lists no findings (nothing was scanned) and still checks filters and tokens", async () => {
    const imageArn = await startImage({ recipeName: "scanned" });
    const findings = await ib.send(new ListImageScanFindingsCommand({ filters: [{ name: "imageBuildVersionArn", values: [imageArn] }] }));
    expect(findings.findings).toEqual([]);
    expect(findings.nextToken).toBeUndefined();
    const badName = await rejectionOf(ib.send(new ListImageScanFindingsCommand({ filters: [{ name: "platform", values: ["Linux"] }] })));
    expect(badName).toBeInstanceOf(InvalidRequestException);
    const twoValues = await rejectionOf(ib.send(new ListImageScanFindingsCommand({ filters: [{ name: "severity", values: ["HIGH", "LOW"] }] })));
    expect(twoValues.message).toContain("less than or equal to 1");
    const token = await rejectionOf(ib.send(new ListImageScanFindingsCommand({ nextToken: "nope" })));
    expect(token.name).toBe("InvalidPaginationTokenException");
  });

  it("aggregates zero findings by account, pipeline or image", async () => {
    const { pipeline } = await createPipeline("agg");
    const imageArn = await startImage({ recipeName: "agg-image" });
    const account = await ib.send(new ListImageScanFindingAggregationsCommand({}));
    expect(account).toMatchObject({ aggregationType: "accountId", responses: [{ accountAggregation: { accountId: "123456789012", severityCounts: { all: 0, critical: 0, high: 0, medium: 0 } } }] });
    const byPipeline = await ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: "imagePipelineArn", values: [pipeline] } }));
    expect(byPipeline.responses).toEqual([{ imagePipelineAggregation: { imagePipelineArn: pipeline, severityCounts: { all: 0, critical: 0, high: 0, medium: 0 } } }]);
    const byImage = await ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: "imageBuildVersionArn", values: [imageArn] } }));
    expect(byImage.aggregationType).toBe("imageBuildVersionArn");
    expect(byImage.responses?.[0]?.imageAggregation?.imageBuildVersionArn).toBe(imageArn);
    expect((await ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: "vulnerabilityId", values: ["CVE-2024-1"] } }))).responses).toEqual([]);
    const bad = await rejectionOf(ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: "severity", values: ["HIGH"] } })));
    expect(bad).toBeInstanceOf(InvalidRequestException);
  });

  it("has no Marketplace subscriptions: Marketplace ARNs are not found, others are refused", async () => {
    const marketplace = "arn:aws:imagebuilder:us-east-1:aws-marketplace:component/cis-hardening/1.0.0/1";
    const notSubscribed = await rejectionOf(ib.send(new GetMarketplaceResourceCommand({ resourceType: "COMPONENT_DATA", resourceArn: marketplace })));
    expect(notSubscribed).toBeInstanceOf(ResourceNotFoundException);
    const own = await rejectionOf(ib.send(new GetMarketplaceResourceCommand({ resourceType: "COMPONENT_DATA", resourceArn: await createComponent("mine") })));
    expect(own).toBeInstanceOf(InvalidRequestException);
    expect(own.message).toContain("not an AWS Marketplace component");
    const artifact = await rejectionOf(ib.send(new GetMarketplaceResourceCommand({ resourceType: "COMPONENT_ARTIFACT", resourceArn: marketplace })));
    expect(artifact.message).toContain("resourceLocation");
    const type = await rejectionOf(ib.send(new GetMarketplaceResourceCommand({ resourceType: "AMI" as never, resourceArn: marketplace })));
    expect(type.message).toContain("enum value set");
    const location = await rejectionOf(ib.send(new GetMarketplaceResourceCommand({ resourceType: "COMPONENT_ARTIFACT", resourceArn: marketplace, resourceLocation: "https://x" })));
    expect(location.message).toContain("resourceLocation");
  });
});
