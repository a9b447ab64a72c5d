import {
  ConflictException,
  CreateEnvironmentTemplateCommand,
  CreateEnvironmentTemplateVersionCommand,
  CreateServiceTemplateCommand,
  CreateServiceTemplateVersionCommand,
  DeleteEnvironmentTemplateCommand,
  DeleteEnvironmentTemplateVersionCommand,
  DeleteServiceTemplateCommand,
  DeleteServiceTemplateVersionCommand,
  GetEnvironmentTemplateCommand,
  GetEnvironmentTemplateVersionCommand,
  GetServiceTemplateCommand,
  GetServiceTemplateVersionCommand,
  ListEnvironmentTemplatesCommand,
  ListEnvironmentTemplateVersionsCommand,
  ListServiceTemplateVersionsCommand,
  ListTagsForResourceCommand,
  paginateListEnvironmentTemplates,
  paginateListServiceTemplates,
  ProtonClient,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdateEnvironmentTemplateCommand,
  UpdateEnvironmentTemplateVersionCommand,
  UpdateServiceTemplateCommand,
  UpdateServiceInstanceCommand,
  UpdateServiceTemplateVersionCommand,
  ValidationException,
  waitUntilEnvironmentTemplateVersionRegistered,
  waitUntilServiceInstanceDeployed,
  waitUntilServiceTemplateVersionRegistered,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeService, arn, aws, deployedEnvironment, fast, proton, publishedEnvironmentTemplate, source } from "./helpers.js";

const envVersion = (minorVersion: string, majorVersion = "1", templateName = "vpc-env") => ({ templateName, majorVersion, minorVersion });

describe("Proton environment templates", () => {
  it("creates, reads, updates and lists environment templates", async () => {
    const created = await proton.send(
      new CreateEnvironmentTemplateCommand({ name: "vpc-env", displayName: "VPC", description: "network", provisioning: "CUSTOMER_MANAGED", tags: [{ key: "team", value: "platform" }] }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.environmentTemplate).toMatchObject({ name: "vpc-env", arn: arn("environment-template/vpc-env"), displayName: "VPC", provisioning: "CUSTOMER_MANAGED" });
    expect(created.environmentTemplate!.createdAt).toBeInstanceOf(Date);
    expect(created.environmentTemplate!.recommendedVersion).toBeUndefined();

    aws.clock.advance(60_000);
    const updated = await proton.send(new UpdateEnvironmentTemplateCommand({ name: "vpc-env", description: "shared network" }));
    expect(updated.environmentTemplate).toMatchObject({ description: "shared network", displayName: "VPC" });
    expect(updated.environmentTemplate!.lastModifiedAt!.getTime() - updated.environmentTemplate!.createdAt!.getTime()).toBeGreaterThanOrEqual(60_000);

    const { tags } = await proton.send(new ListTagsForResourceCommand({ resourceArn: arn("environment-template/vpc-env") }));
    expect(tags).toEqual([
      { key: "aws:proton:template", value: arn("environment-template/vpc-env") },
      { key: "team", value: "platform" },
    ]);

    for (const name of ["b-env", "c-env", "a-env"]) await proton.send(new CreateEnvironmentTemplateCommand({ name }));
    const pages: string[][] = [];
    for await (const page of paginateListEnvironmentTemplates({ client: proton, pageSize: 3 }, {})) pages.push(page.templates!.map((t) => t.name!));
    expect(pages).toEqual([["a-env", "b-env", "c-env"], ["vpc-env"]]);
  });

  it("follows the idempotent-create rule for names: a retry returns the template, a different request or a modified template is refused", async () => {
    const request = { name: "vpc-env", description: "network" };
    const first = await proton.send(new CreateEnvironmentTemplateCommand(request));
    const retry = await proton.send(new CreateEnvironmentTemplateCommand(request));
    expect(retry.environmentTemplate!.createdAt).toEqual(first.environmentTemplate!.createdAt);

    const different = await rejectionOf(proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env", description: "other" })));
    expect(different).toBeInstanceOf(ValidationException);
    expect(different.$metadata.httpStatusCode).toBe(400);
    expect(different.message).toContain("IdempotentParameterMismatch");

    await proton.send(new UpdateEnvironmentTemplateCommand({ name: "vpc-env", displayName: "VPC" }));
    const modified = await rejectionOf(proton.send(new CreateEnvironmentTemplateCommand(request)));
    expect(modified).toBeInstanceOf(ConflictException);
    expect(modified.$metadata.httpStatusCode).toBe(409);
    expect(modified.message).toContain("modified");
  });

  it("validates names, enums and tags, and reports missing templates", async () => {
    const badName = await rejectionOf(proton.send(new CreateEnvironmentTemplateCommand({ name: "-bad name" })));
    expect(badName).toBeInstanceOf(ValidationException);
    expect(badName.message).toContain("at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const badEnum = await rejectionOf(proton.send(new CreateEnvironmentTemplateCommand({ name: "x", provisioning: "SELF" as never })));
    expect(badEnum.message).toContain("Member must satisfy enum value set: [CUSTOMER_MANAGED]");
    const tooManyTags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expect((await rejectionOf(proton.send(new CreateEnvironmentTemplateCommand({ name: "x", tags: tooManyTags })))).message).toContain(
      "Member must have length less than or equal to 50",
    );
    const missing = await rejectionOf(proton.send(new GetEnvironmentTemplateCommand({ name: "ghost" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toContain("ghost");
    expect(await rejectionOf(proton.send(new UpdateEnvironmentTemplateCommand({ name: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await proton.send(new ListEnvironmentTemplatesCommand({}))).templates).toEqual([]);
  });

  it("deletes a template without versions; a retry succeeds empty, an unknown name is not found, a template with versions is a conflict", async () => {
    await publishedEnvironmentTemplate("vpc-env");
    const blocked = await rejectionOf(proton.send(new DeleteEnvironmentTemplateCommand({ name: "vpc-env" })));
    expect(blocked).toBeInstanceOf(ConflictException);
    expect(blocked.message).toContain("1.0");
    await proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0")));
    const deleted = await proton.send(new DeleteEnvironmentTemplateCommand({ name: "vpc-env" }));
    expect(deleted.environmentTemplate?.name).toBe("vpc-env");
    const retry = await proton.send(new DeleteEnvironmentTemplateCommand({ name: "vpc-env" }));
    expect(retry.environmentTemplate).toBeUndefined();
    expect(await rejectionOf(proton.send(new DeleteEnvironmentTemplateCommand({ name: "never" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("answers throttling faults with ThrottlingException (HTTP 429)", async () => {
    aws.failNext("Proton", "ListEnvironmentTemplates");
    const error = await rejectionOf(new ProtonClient({ maxAttempts: 1 }).send(new ListEnvironmentTemplatesCommand({})));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.$metadata.httpStatusCode).toBe(429);
    aws.failNext("Proton", "CreateEnvironmentTemplate", { error: "ServiceQuotaExceededException", message: "quota" });
    const quota = await rejectionOf(proton.send(new CreateEnvironmentTemplateCommand({ name: "x" })));
    expect(quota).toBeInstanceOf(ServiceQuotaExceededException);
    expect(quota.$metadata.httpStatusCode).toBe(402);
  });
});

describe("Proton environment template versions", () => {
  it("creates the next major without majorVersion and the next minor with it, with version ARNs", async () => {
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env" }));
    const v10 = await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source(), description: "first" }));
    expect(v10.environmentTemplateVersion).toMatchObject({
      templateName: "vpc-env",
      majorVersion: "1",
      minorVersion: "0",
      status: "REGISTRATION_IN_PROGRESS",
      arn: arn("environment-template/vpc-env:1.0"),
      description: "first",
    });
    const v11 = await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source() }));
    expect(v11.environmentTemplateVersion).toMatchObject({ majorVersion: "1", minorVersion: "1" });
    const v20 = await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    expect(v20.environmentTemplateVersion).toMatchObject({ majorVersion: "2", minorVersion: "0", arn: arn("environment-template/vpc-env:2.0") });

    const noMajor = await rejectionOf(proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "7", source: source() })));
    expect(noMajor).toBeInstanceOf(ResourceNotFoundException);
    expect(noMajor.message).toContain("major version 7");
    const noTemplate = await rejectionOf(proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "ghost", source: source() })));
    expect(noTemplate).toBeInstanceOf(ResourceNotFoundException);
  });

  it("checks the source union and the S3 location", async () => {
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env" }));
    const empty = await rejectionOf(proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: {} as never })));
    expect(empty).toBeInstanceOf(ValidationException);
    expect(empty.message).toContain("Union must have exactly one member set");
    const bucket = await rejectionOf(proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: { s3: { bucket: "UPPER", key: "k" } } })));
    expect(bucket.message).toContain("at 'source.s3.bucket' failed to satisfy constraint");
    const missingKey = await rejectionOf(proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: { s3: { bucket: "bkt" } } as never })));
    expect(missingKey.message).toContain("'source.s3.key'");
  });

  it("registers to DRAFT for the waiter, and fails registration through a lifecycle control", async () => {
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env" }));
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    const ok = await waitUntilEnvironmentTemplateVersionRegistered(fast(), envVersion("0"));
    expect(ok.state).toBe("SUCCESS");
    expect(ok.reason.environmentTemplateVersion.status).toBe("DRAFT");
    expect(ok.reason.environmentTemplateVersion.recommendedMinorVersion).toBeUndefined();

    aws.lifecycle("Proton.EnvironmentTemplateVersion", { templateName: "vpc-env", minorVersion: "1" }).endsIn("REGISTRATION_FAILED", { message: "schema.yaml is missing" });
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source() }));
    const failed = await rejectionOf(waitUntilEnvironmentTemplateVersionRegistered(fast(), envVersion("1")));
    expect(failed.name).toBe("Error");
    expect(failed.message).toContain("REGISTRATION_FAILED");
    const version = await proton.send(new GetEnvironmentTemplateVersionCommand(envVersion("1")));
    expect(version.environmentTemplateVersion).toMatchObject({ status: "REGISTRATION_FAILED", statusMessage: "schema.yaml is missing" });
  });

  it("stays REGISTRATION_IN_PROGRESS while held, and can't be published until registered", async () => {
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env" }));
    const hold = aws.lifecycle("Proton.EnvironmentTemplateVersion").staysIn("REGISTRATION_IN_PROGRESS");
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    for (let i = 0; i < 3; i++) expect((await proton.send(new GetEnvironmentTemplateVersionCommand(envVersion("0")))).environmentTemplateVersion!.status).toBe("REGISTRATION_IN_PROGRESS");
    const early = await rejectionOf(proton.send(new UpdateEnvironmentTemplateVersionCommand({ ...envVersion("0"), status: "PUBLISHED" })));
    expect(early).toBeInstanceOf(ConflictException);
    expect(early.message).toContain("still registering");
    hold.release();
    aws.settle();
    expect((await proton.send(new GetEnvironmentTemplateVersionCommand(envVersion("0")))).environmentTemplateVersion!.status).toBe("DRAFT");
  });

  it("publishes DRAFT versions only, and recommends the highest published version", async () => {
    await publishedEnvironmentTemplate("vpc-env", 2);
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    await waitUntilEnvironmentTemplateVersionRegistered(fast(), envVersion("0", "2"));
    // 2.0 is a DRAFT: the recommended version is still the highest *published* one.
    expect((await proton.send(new GetEnvironmentTemplateCommand({ name: "vpc-env" }))).environmentTemplate!.recommendedVersion).toBe("1.1");
    const draft = await proton.send(new GetEnvironmentTemplateVersionCommand(envVersion("0", "2")));
    expect(draft.environmentTemplateVersion!.recommendedMinorVersion).toBeUndefined();
    const v10 = await proton.send(new GetEnvironmentTemplateVersionCommand(envVersion("0")));
    expect(v10.environmentTemplateVersion!.recommendedMinorVersion).toBe("1");

    const published = await proton.send(new UpdateEnvironmentTemplateVersionCommand({ ...envVersion("0", "2"), status: "PUBLISHED", description: "v2" }));
    expect(published.environmentTemplateVersion).toMatchObject({ status: "PUBLISHED", description: "v2", recommendedMinorVersion: "0" });
    expect((await proton.send(new GetEnvironmentTemplateCommand({ name: "vpc-env" }))).environmentTemplate!.recommendedVersion).toBe("2.0");

    const back = await rejectionOf(proton.send(new UpdateEnvironmentTemplateVersionCommand({ ...envVersion("0", "2"), status: "DRAFT" })));
    expect(back).toBeInstanceOf(ValidationException);
    expect(back.message).toContain("from DRAFT to PUBLISHED");
    const missing = await rejectionOf(proton.send(new UpdateEnvironmentTemplateVersionCommand({ ...envVersion("9"), status: "PUBLISHED" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists one row per major without majorVersion, and the minors of a major with it", async () => {
    await publishedEnvironmentTemplate("vpc-env", 3);
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    const majors = await proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env" }));
    expect(majors.templateVersions!.map((v) => `${v.majorVersion}.${v.minorVersion}`)).toEqual(["1.2", "2.0"]);
    const minors = await proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env", majorVersion: "1", maxResults: 2 }));
    expect(minors.templateVersions!.map((v) => v.minorVersion)).toEqual(["0", "1"]);
    const rest = await proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env", majorVersion: "1", nextToken: minors.nextToken }));
    expect(rest.templateVersions!.map((v) => v.minorVersion)).toEqual(["2"]);
    expect(rest.nextToken).toBeUndefined();
    // A token belongs to its query.
    const foreign = await rejectionOf(proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env", nextToken: minors.nextToken })));
    expect(foreign).toBeInstanceOf(ValidationException);
    expect(await rejectionOf(proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("replays a client token, refuses it for another request, and forgets it after 8 hours or once the version is deleted", async () => {
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env" }));
    const request = { templateName: "vpc-env", source: source(), clientToken: "token-1" };
    const first = await proton.send(new CreateEnvironmentTemplateVersionCommand(request));
    const replay = await proton.send(new CreateEnvironmentTemplateVersionCommand(request));
    expect(replay.environmentTemplateVersion!.arn).toBe(first.environmentTemplateVersion!.arn);
    const mismatch = await rejectionOf(proton.send(new CreateEnvironmentTemplateVersionCommand({ ...request, description: "other" })));
    expect(mismatch).toBeInstanceOf(ValidationException);
    expect(mismatch.message).toContain("IdempotentParameterMismatch");

    aws.clock.advance(8 * 60 * 60 * 1000);
    const expired = await proton.send(new CreateEnvironmentTemplateVersionCommand(request));
    expect(expired.environmentTemplateVersion!.majorVersion).toBe("2");

    aws.settle();
    await proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0", "2")));
    const recreated = await proton.send(new CreateEnvironmentTemplateVersionCommand(request));
    expect(recreated.environmentTemplateVersion).toMatchObject({ majorVersion: "2", minorVersion: "0", status: "REGISTRATION_IN_PROGRESS" });

    // 2.0 deleted and created again by another request is another version: the token's retry is a new create (3.0).
    aws.settle();
    await proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0", "2")));
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    const retry = await proton.send(new CreateEnvironmentTemplateVersionCommand(request));
    expect(retry.environmentTemplateVersion).toMatchObject({ majorVersion: "3", minorVersion: "0" });
  });

  it("applies the deletion rules: Recommended versions last, nothing deployed, retries succeed empty", async () => {
    await publishedEnvironmentTemplate("vpc-env", 2);
    const recommendedMinor = await rejectionOf(proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("1"))));
    expect(recommendedMinor).toBeInstanceOf(ConflictException);
    expect(recommendedMinor.message).toContain("Recommended");
    const deleted = await proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0")));
    expect(deleted.environmentTemplateVersion).toMatchObject({ minorVersion: "0" });
    expect((await proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0")))).environmentTemplateVersion).toBeUndefined();
    expect(await rejectionOf(proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("5"))))).toBeInstanceOf(ResourceNotFoundException);

    await deployedEnvironment("prod");
    const inUse = await rejectionOf(proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("1"))));
    expect(inUse).toBeInstanceOf(ConflictException);
    expect(inUse.message).toContain("environment prod");
  });

  it("keeps the Recommended major until it is the last version", async () => {
    await publishedEnvironmentTemplate("vpc-env", 1);
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    await waitUntilEnvironmentTemplateVersionRegistered(fast(), envVersion("0", "2"));
    await proton.send(new UpdateEnvironmentTemplateVersionCommand({ ...envVersion("0", "2"), status: "PUBLISHED" }));
    const recommended = await rejectionOf(proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0", "2"))));
    expect(recommended).toBeInstanceOf(ConflictException);
    await proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0")));
    await proton.send(new DeleteEnvironmentTemplateVersionCommand(envVersion("0", "2")));
    expect((await proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env" }))).templateVersions).toEqual([]);
  });
});

describe("Proton service templates and versions", () => {
  const svcVersion = (minorVersion: string, majorVersion = "1") => ({ templateName: "api-svc", majorVersion, minorVersion });

  it("creates, updates, lists and deletes service templates", async () => {
    const created = await proton.send(new CreateServiceTemplateCommand({ name: "api-svc", displayName: "API", pipelineProvisioning: "CUSTOMER_MANAGED" }));
    expect(created.serviceTemplate).toMatchObject({ name: "api-svc", arn: arn("service-template/api-svc"), pipelineProvisioning: "CUSTOMER_MANAGED" });
    expect((await proton.send(new UpdateServiceTemplateCommand({ name: "api-svc", description: "d" }))).serviceTemplate!.description).toBe("d");
    expect((await proton.send(new GetServiceTemplateCommand({ name: "api-svc" }))).serviceTemplate!.displayName).toBe("API");
    await proton.send(new CreateServiceTemplateCommand({ name: "worker-svc" }));
    const names: string[] = [];
    for await (const page of paginateListServiceTemplates({ client: proton, pageSize: 1 }, {})) names.push(...page.templates!.map((t) => t.name!));
    expect(names).toEqual(["api-svc", "worker-svc"]);
    expect((await proton.send(new DeleteServiceTemplateCommand({ name: "worker-svc" }))).serviceTemplate!.name).toBe("worker-svc");
    expect(await rejectionOf(proton.send(new GetServiceTemplateCommand({ name: "worker-svc" })))).toBeInstanceOf(ResourceNotFoundException);
    const different = await rejectionOf(proton.send(new CreateServiceTemplateCommand({ name: "api-svc" })));
    expect(different).toBeInstanceOf(ValidationException);
  });

  it("checks compatible environment templates against existing environment template majors", async () => {
    await proton.send(new CreateServiceTemplateCommand({ name: "api-svc" }));
    const none = await rejectionOf(
      proton.send(new CreateServiceTemplateVersionCommand({ templateName: "api-svc", source: source(), compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }] })),
    );
    expect(none).toBeInstanceOf(ValidationException);
    expect(none.message).toContain("vpc-env");
    await publishedEnvironmentTemplate("vpc-env");
    const noMajor = await rejectionOf(
      proton.send(new CreateServiceTemplateVersionCommand({ templateName: "api-svc", source: source(), compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "3" }] })),
    );
    expect(noMajor.message).toContain("major version 3");
    const empty = await rejectionOf(proton.send(new CreateServiceTemplateVersionCommand({ templateName: "api-svc", source: source(), compatibleEnvironmentTemplates: [] })));
    expect(empty.message).toContain("Member must have length greater than or equal to 1");

    const created = await proton.send(
      new CreateServiceTemplateVersionCommand({
        templateName: "api-svc",
        source: source(),
        compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }],
        supportedComponentSources: ["DIRECTLY_DEFINED"],
        clientToken: "svc-1",
      }),
    );
    expect(created.serviceTemplateVersion).toMatchObject({
      arn: arn("service-template/api-svc:1.0"),
      status: "REGISTRATION_IN_PROGRESS",
      compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }],
      supportedComponentSources: ["DIRECTLY_DEFINED"],
    });
    const badSource = await rejectionOf(
      proton.send(
        new CreateServiceTemplateVersionCommand({
          templateName: "api-svc",
          source: source(),
          compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }],
          supportedComponentSources: ["NOPE" as never],
        }),
      ),
    );
    expect(badSource.message).toContain("Member must satisfy enum value set: [DIRECTLY_DEFINED]");
  });

  it("registers (waiter), fails registration on request, publishes and updates compatibility", async () => {
    await publishedEnvironmentTemplate("vpc-env");
    await proton.send(new CreateServiceTemplateCommand({ name: "api-svc" }));
    const compatible = [{ templateName: "vpc-env", majorVersion: "1" }];
    await proton.send(new CreateServiceTemplateVersionCommand({ templateName: "api-svc", source: source(), compatibleEnvironmentTemplates: compatible }));
    const registered = await waitUntilServiceTemplateVersionRegistered(fast(), svcVersion("0"));
    expect(registered.reason.serviceTemplateVersion.status).toBe("DRAFT");

    aws.lifecycle("Proton.ServiceTemplateVersion", { templateName: "api-svc" }).endsIn("REGISTRATION_FAILED");
    await proton.send(new CreateServiceTemplateVersionCommand({ templateName: "api-svc", majorVersion: "1", source: source(), compatibleEnvironmentTemplates: compatible }));
    const failed = await rejectionOf(waitUntilServiceTemplateVersionRegistered(fast(), svcVersion("1")));
    expect(failed.message).toContain("REGISTRATION_FAILED");
    const failedVersion = await proton.send(new GetServiceTemplateVersionCommand(svcVersion("1")));
    expect(failedVersion.serviceTemplateVersion!.statusMessage).toContain("template bundle");
    const publishFailed = await rejectionOf(proton.send(new UpdateServiceTemplateVersionCommand({ ...svcVersion("1"), status: "PUBLISHED" })));
    expect(publishFailed).toBeInstanceOf(ValidationException);

    const published = await proton.send(
      new UpdateServiceTemplateVersionCommand({ ...svcVersion("0"), status: "PUBLISHED", supportedComponentSources: ["DIRECTLY_DEFINED"], compatibleEnvironmentTemplates: compatible }),
    );
    expect(published.serviceTemplateVersion).toMatchObject({ status: "PUBLISHED", recommendedMinorVersion: "0", supportedComponentSources: ["DIRECTLY_DEFINED"] });
    const badCompat = await rejectionOf(proton.send(new UpdateServiceTemplateVersionCommand({ ...svcVersion("0"), compatibleEnvironmentTemplates: [{ templateName: "nope", majorVersion: "1" }] })));
    expect(badCompat).toBeInstanceOf(ValidationException);
    expect((await proton.send(new GetServiceTemplateCommand({ name: "api-svc" }))).serviceTemplate!.recommendedVersion).toBe("1.0");

    const list = await proton.send(new ListServiceTemplateVersionsCommand({ templateName: "api-svc", majorVersion: "1" }));
    expect(list.templateVersions!.map((v) => `${v.minorVersion}:${v.status}`)).toEqual(["0:PUBLISHED", "1:REGISTRATION_FAILED"]);
    expect(await rejectionOf(proton.send(new GetServiceTemplateVersionCommand(svcVersion("7"))))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("refuses to delete a service template version an instance or pipeline is deployed with", async () => {
    await activeService({ instances: ["api-a"] });
    const inUse = await rejectionOf(proton.send(new DeleteServiceTemplateVersionCommand(svcVersion("0"))));
    expect(inUse).toBeInstanceOf(ConflictException);
    expect(inUse.message).toContain("service instance api-a of service orders");
    const templateInUse = await rejectionOf(proton.send(new DeleteServiceTemplateCommand({ name: "api-svc" })));
    expect(templateInUse).toBeInstanceOf(ConflictException);
    expect((await proton.send(new DeleteServiceTemplateVersionCommand({ templateName: "api-svc", majorVersion: "4", minorVersion: "0" })).catch((e) => e)).name).toBe(
      "ResourceNotFoundException",
    );
  });

  it("keeps the version a running instance update deploys from being deleted", async () => {
    await activeService({ instances: ["api-a"], pipeline: false, minors: 3 });
    const hold = aws.lifecycle("Proton.ServiceInstanceDeployment").staysIn("IN_PROGRESS");
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "MINOR_VERSION", templateMinorVersion: "1" }));
    const target = await rejectionOf(proton.send(new DeleteServiceTemplateVersionCommand(svcVersion("1"))));
    expect(target).toBeInstanceOf(ConflictException);
    expect(target.message).toContain("service instance api-a of service orders (whose deployment in progress is moving to it)");
    hold.release();
    await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" });
    expect((await proton.send(new DeleteServiceTemplateVersionCommand(svcVersion("0")))).serviceTemplateVersion!.minorVersion).toBe("0");
  });

});
