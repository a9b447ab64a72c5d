import {
  CreateRepositoryCommand,
  ListTagsForResourceCommand,
  paginateListTagsForResource,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeService, arn, CONNECTION_ARN, proton } from "./helpers.js";

describe("Proton tags", () => {
  it("tags, lists and untags every taggable kind of resource", async () => {
    await activeService({ instances: ["api-a"] });
    await proton.send(new CreateRepositoryCommand({ provider: "GITHUB", name: "acme/infra", connectionArn: CONNECTION_ARN }));
    const resources = [
      "environment-template/vpc-env",
      "environment-template/vpc-env:1.0",
      "service-template/api-svc",
      "service-template/api-svc:1.0",
      "environment/prod",
      "service/orders",
      "service/orders/service-instance/api-a",
      "repository/github:acme/infra",
    ].map(arn);
    for (const resourceArn of resources) {
      await proton.send(new TagResourceCommand({ resourceArn, tags: [{ key: "team", value: "orders" }, { key: "env", value: "prod" }] }));
      await proton.send(new UntagResourceCommand({ resourceArn, tagKeys: ["env"] }));
      const customer = (await proton.send(new ListTagsForResourceCommand({ resourceArn }))).tags!.filter((t) => !t.key!.startsWith("aws:"));
      expect(customer, resourceArn).toEqual([{ key: "team", value: "orders" }]);
    }
  });

  it("pages tags in key order and overwrites values of existing keys", async () => {
    await activeService({ instances: ["api-a"] });
    const resourceArn = arn("service/orders");
    await proton.send(new TagResourceCommand({ resourceArn, tags: [{ key: "c", value: "3" }, { key: "a", value: "1" }, { key: "b", value: "2" }] }));
    await proton.send(new TagResourceCommand({ resourceArn, tags: [{ key: "a", value: "one" }] }));
    const pages: string[][] = [];
    for await (const page of paginateListTagsForResource({ client: proton, pageSize: 2 }, { resourceArn })) pages.push(page.tags!.map((t) => `${t.key}=${t.value}`));
    // The AWS managed tags sort among them ("aws:…" after "a").
    expect(pages).toEqual([[`a=one`, `aws:proton:service=${resourceArn}`], [`aws:proton:template=${arn("service-template/api-svc")}`, "b=2"], ["c=3"]]);
  });

  it("refuses unknown resources, foreign accounts, untaggable ARNs and too many tags", async () => {
    await activeService({ instances: ["api-a"] });
    const missing = await rejectionOf(proton.send(new ListTagsForResourceCommand({ resourceArn: arn("environment/ghost") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toContain("environment/ghost");
    const foreign = await rejectionOf(proton.send(new TagResourceCommand({ resourceArn: "arn:aws:proton:us-east-1:210987654321:environment/prod", tags: [] })));
    expect(foreign).toBeInstanceOf(ResourceNotFoundException);
    const deployment = await rejectionOf(proton.send(new TagResourceCommand({ resourceArn: arn("deployment/11111111-2222-3333-4444-555555555555"), tags: [] })));
    expect(deployment).toBeInstanceOf(ValidationException);
    expect(deployment.message).toContain("not the ARN of a taggable Proton resource");
    const notArn = await rejectionOf(proton.send(new UntagResourceCommand({ resourceArn: "environment/prod", tagKeys: [] })));
    expect(notArn.message).toContain("at 'resourceArn' failed to satisfy constraint");
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    await proton.send(new TagResourceCommand({ resourceArn: arn("environment/prod"), tags: fifty }));
    const fiftyOne = await rejectionOf(proton.send(new TagResourceCommand({ resourceArn: arn("environment/prod"), tags: [{ key: "one-more", value: "v" }] })));
    expect(fiftyOne).toBeInstanceOf(ValidationException);
    expect(fiftyOne.message).toContain("more than 50 tags");
  });

  it("an ARN of another partition names another resource", async () => {
    await proton.send(new CreateRepositoryCommand({ provider: "GITHUB", name: "acme/infra", connectionArn: CONNECTION_ARN }));
    const foreign = "arn:aws-cn:proton:us-east-1:123456789012:repository/github:acme/infra";
    const otherPartition = await rejectionOf(proton.send(new TagResourceCommand({ resourceArn: foreign, tags: [{ key: "x", value: "y" }] })));
    expect(otherPartition).toBeInstanceOf(ResourceNotFoundException);
    const tags = await proton.send(new ListTagsForResourceCommand({ resourceArn: arn("repository/github:acme/infra") }));
    expect(tags.tags?.map((t) => t.key)).not.toContain("x");
  });
});
