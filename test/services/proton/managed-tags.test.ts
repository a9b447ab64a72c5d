import {
  CreateComponentCommand,
  CreateEnvironmentCommand,
  CreateEnvironmentTemplateCommand,
  CreateEnvironmentTemplateVersionCommand,
  CreateServiceCommand,
  CreateServiceInstanceCommand,
  GetComponentCommand,
  GetEnvironmentTemplateVersionCommand,
  GetServiceCommand,
  ListServiceInstancesCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateEnvironmentTemplateVersionCommand,
  UpdateServiceCommand,
  ValidationException,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import {
  activeService,
  arn,
  COMPONENT_ROLE,
  deployedEnvironment,
  ENV_SPEC,
  manyTags,
  proton,
  publishedEnvironmentTemplate,
  publishedServiceTemplate,
  ROLE,
  serviceSpec,
  source,
} from "./helpers.js";

/** A resource's tags as a record (ListTagsForResource, every page). */
async function tagsOf(resource: string): Promise<Record<string, string>> {
  const { tags } = await proton.send(new ListTagsForResourceCommand({ resourceArn: arn(resource) }));
  return Object.fromEntries((tags ?? []).map((t) => [t.key!, t.value!]));
}

describe("Proton AWS managed tags (AWS Proton resources and tagging)", () => {
  it("tags templates, versions, environments, services and instances with the ARNs of what they come from", async () => {
    await activeService({ instances: ["api-a"] });
    const template = { "aws:proton:template": arn("environment-template/vpc-env") };
    expect(await tagsOf("environment-template/vpc-env")).toEqual(template);
    expect(await tagsOf("environment-template/vpc-env:1.0")).toEqual(template);
    expect(await tagsOf("environment/prod")).toEqual({ ...template, "aws:proton:environment": arn("environment/prod") });
    expect(await tagsOf("service-template/api-svc:1.0")).toEqual({ "aws:proton:template": arn("service-template/api-svc") });
    expect(await tagsOf("service/orders")).toEqual({ "aws:proton:template": arn("service-template/api-svc"), "aws:proton:service": arn("service/orders") });
    expect(await tagsOf("service/orders/service-instance/api-a")).toEqual({
      "aws:proton:template": arn("service-template/api-svc"),
      "aws:proton:environment": arn("environment/prod"),
      "aws:proton:service": arn("service/orders"),
      "aws:proton:service-instance": arn("service/orders/service-instance/api-a"),
    });
  });

  it("propagates customer managed tags to resources created afterwards, never to existing ones", async () => {
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env", tags: [{ key: "team", value: "platform" }, { key: "cost", value: "shared" }] }));
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source(), tags: [{ key: "cost", value: "v1" }] }));
    // The version inherits the template's tags; its own win.
    expect(await tagsOf("environment-template/vpc-env:1.0")).toMatchObject({ team: "platform", cost: "v1" });

    // A tag added to the template later reaches only what is created after it.
    await proton.send(new TagResourceCommand({ resourceArn: arn("environment-template/vpc-env"), tags: [{ key: "added", value: "later" }] }));
    expect(await tagsOf("environment-template/vpc-env:1.0")).not.toHaveProperty("added");
    const key = { templateName: "vpc-env", majorVersion: "1", minorVersion: "0" };
    for (let i = 0; i < 10; i++) if ((await proton.send(new GetEnvironmentTemplateVersionCommand(key))).environmentTemplateVersion!.status === "DRAFT") break;
    await proton.send(new UpdateEnvironmentTemplateVersionCommand({ ...key, status: "PUBLISHED" }));
    await proton.send(new CreateEnvironmentCommand({ name: "prod", templateName: "vpc-env", templateMajorVersion: "1", protonServiceRoleArn: ROLE, spec: ENV_SPEC, componentRoleArn: COMPONENT_ROLE, tags: [{ key: "stage", value: "prod" }] }));
    expect(await tagsOf("environment/prod")).toEqual({
      "aws:proton:template": arn("environment-template/vpc-env"),
      "aws:proton:environment": arn("environment/prod"),
      team: "platform",
      cost: "shared",
      added: "later",
      stage: "prod",
    });

    // Service instances inherit from the service template, the environment and the service.
    await publishedServiceTemplate("api-svc", 1, { pipeline: false, components: true });
    await proton.send(new TagResourceCommand({ resourceArn: arn("service-template/api-svc"), tags: [{ key: "owner", value: "apis" }] }));
    await proton.send(
      new CreateServiceCommand({
        name: "orders",
        templateName: "api-svc",
        templateMajorVersion: "1",
        spec: serviceSpec([{ name: "api-a", environment: "prod" }], false),
        tags: [{ key: "service", value: "orders" }, { key: "stage", value: "orders-stage" }],
      }),
    );
    expect(await tagsOf("service/orders/service-instance/api-a")).toMatchObject({ team: "platform", owner: "apis", service: "orders", stage: "orders-stage" });

    // A component gets its environment's (and attached instance's) ARNs and tags.
    await proton.send(new CreateComponentCommand({ name: "cache", environmentName: "prod", templateFile: "Resources: {}", manifest: "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n" }));
    expect(await tagsOf("component/cache")).toMatchObject({ "aws:proton:environment": arn("environment/prod"), stage: "prod" });
  });

  it("refuses tag keys that begin with aws:, on create, TagResource and UntagResource, and changes nothing", async () => {
    await publishedEnvironmentTemplate("vpc-env");
    for (const key of ["aws:proton:template", "AWS:custom", "aws:x"]) {
      const create = await rejectionOf(proton.send(new CreateEnvironmentTemplateCommand({ name: "other", tags: [{ key, value: "v" }] })));
      expect(create, key).toBeInstanceOf(ValidationException);
      expect(create.message).toContain("Member must not begin with 'aws:'");
      const tag = await rejectionOf(proton.send(new TagResourceCommand({ resourceArn: arn("environment-template/vpc-env"), tags: [{ key, value: "mine" }] })));
      expect(tag, key).toBeInstanceOf(ValidationException);
      const untag = await rejectionOf(proton.send(new UntagResourceCommand({ resourceArn: arn("environment-template/vpc-env"), tagKeys: [key] })));
      expect(untag, key).toBeInstanceOf(ValidationException);
    }
    expect(await tagsOf("environment-template/vpc-env")).toEqual({ "aws:proton:template": arn("environment-template/vpc-env") });
    const missing = await rejectionOf(proton.send(new CreateServiceInstanceCommand({ serviceName: "ghost", name: "x", spec: "proton: ServiceSpec\n", tags: [{ key: "aws:y", value: "v" }] })));
    expect(missing).toBeInstanceOf(ValidationException);
  });
});

describe("Proton's 50 customer managed tags, inherited ones included", () => {
  it("refuses a template version whose inherited and own customer tags come to more than 50, and creates nothing", async () => {
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env", tags: manyTags("template-", 30) }));
    const refused = await rejectionOf(proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source(), tags: manyTags("own-", 21) })));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toContain("more than 50 tags: 51 customer managed tags (30 inherited from");
    expect(refused.message).toContain("its own 21");
    expect(await rejectionOf(proton.send(new GetEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion: "0" })))).toBeInstanceOf(ResourceNotFoundException);

    // A key the version gives itself and also inherits counts once; the aws: tags do not count.
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source(), tags: [...manyTags("own-", 20), { key: "template-0", value: "mine" }] }));
    const tags = await tagsOf("environment-template/vpc-env:1.0");
    expect(Object.keys(tags)).toHaveLength(51);
    expect(tags).toMatchObject({ "template-0": "mine", "own-19": "v", "aws:proton:template": arn("environment-template/vpc-env") });
  });

  it("refuses CreateService when an instance would inherit more than 50 from its environment and service, and stores no service", async () => {
    await deployedEnvironment("prod");
    await proton.send(new TagResourceCommand({ resourceArn: arn("environment/prod"), tags: manyTags("env-", 30) }));
    await publishedServiceTemplate("api-svc", 1, { pipeline: false });
    const request = { name: "orders", templateName: "api-svc", templateMajorVersion: "1", spec: serviceSpec([{ name: "api-a", environment: "prod" }], false) };
    const refused = await rejectionOf(proton.send(new CreateServiceCommand({ ...request, tags: manyTags("svc-", 21) })));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toContain(`${arn("service/orders/service-instance/api-a")} would have more than 50 tags: 51 customer managed tags`);
    expect(await rejectionOf(proton.send(new GetServiceCommand({ name: "orders" })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await proton.send(new ListServiceInstancesCommand({}))).serviceInstances).toEqual([]);

    await proton.send(new CreateServiceCommand({ ...request, tags: manyTags("svc-", 20) }));
    const instance = await tagsOf("service/orders/service-instance/api-a");
    expect(Object.keys(instance).filter((key) => !key.startsWith("aws:"))).toHaveLength(50);
  });

  it("refuses CreateServiceInstance, UpdateService adding an instance and CreateComponent past 50, changing nothing", async () => {
    await activeService({ instances: ["api-a"], pipeline: false, components: true });
    await deployedEnvironment("staging", { componentRoleArn: COMPONENT_ROLE });
    await proton.send(new TagResourceCommand({ resourceArn: arn("service/orders"), tags: manyTags("svc-", 30) }));
    await proton.send(new TagResourceCommand({ resourceArn: arn("environment/staging"), tags: manyTags("env-", 21) }));
    const spec = serviceSpec([{ name: "api-a", environment: "prod" }, { name: "api-b", environment: "staging" }], false);

    const create = await rejectionOf(proton.send(new CreateServiceInstanceCommand({ serviceName: "orders", name: "api-b", spec })));
    expect(create).toBeInstanceOf(ValidationException);
    expect(create.message).toContain("more than 50 tags: 51 customer managed tags");
    const before = (await proton.send(new GetServiceCommand({ name: "orders" }))).service!;
    const update = await rejectionOf(proton.send(new UpdateServiceCommand({ name: "orders", spec })));
    expect(update).toBeInstanceOf(ValidationException);
    expect(update.message).toContain(arn("service/orders/service-instance/api-b"));
    const after = (await proton.send(new GetServiceCommand({ name: "orders" }))).service!;
    expect(after).toEqual(before);
    expect((await proton.send(new ListServiceInstancesCommand({ serviceName: "orders" }))).serviceInstances!.map((i) => i.name)).toEqual(["api-a"]);

    // A component attached to api-a inherits its environment's, service's and instance's tags.
    const manifest = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";
    const component = { name: "cache", serviceName: "orders", serviceInstanceName: "api-a", templateFile: "Resources: {}", manifest };
    const refused = await rejectionOf(proton.send(new CreateComponentCommand({ ...component, tags: manyTags("own-", 21) })));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toContain(arn("component/cache"));
    expect(await rejectionOf(proton.send(new GetComponentCommand({ name: "cache" })))).toBeInstanceOf(ResourceNotFoundException);
    await proton.send(new CreateComponentCommand({ ...component, tags: manyTags("own-", 20) }));
    expect(Object.keys(await tagsOf("component/cache")).filter((key) => !key.startsWith("aws:"))).toHaveLength(50);
  });
});
