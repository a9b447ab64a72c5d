import {
  ConflictException,
  CreateRepositoryCommand,
  CreateServiceInstanceCommand,
  CreateServiceSyncConfigCommand,
  CreateTemplateSyncConfigCommand,
  DeleteRepositoryCommand,
  DeleteServiceSyncConfigCommand,
  DeleteTemplateSyncConfigCommand,
  GetAccountSettingsCommand,
  GetRepositoryCommand,
  GetRepositorySyncStatusCommand,
  GetResourcesSummaryCommand,
  GetServiceInstanceSyncStatusCommand,
  GetServiceSyncBlockerSummaryCommand,
  GetServiceSyncConfigCommand,
  GetTemplateSyncConfigCommand,
  GetTemplateSyncStatusCommand,
  ListRepositoriesCommand,
  ListRepositorySyncDefinitionsCommand,
  paginateListRepositories,
  ProtonClient,
  ResourceNotFoundException,
  ThrottlingException,
  UpdateAccountSettingsCommand,
  UpdateServiceCommand,
  UpdateServiceInstanceCommand,
  UpdateServiceSyncBlockerCommand,
  UpdateServiceSyncConfigCommand,
  UpdateTemplateSyncConfigCommand,
  ValidationException,
  waitUntilServiceInstanceDeployed,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeService, arn, aws, CONNECTION_ARN, fast, PIPELINE_ROLE, proton, publishedEnvironmentTemplate, serviceSpec } from "./helpers.js";

const repo = { provider: "GITHUB" as const, name: "acme/templates" };
const linkRepository = (name = repo.name) => proton.send(new CreateRepositoryCommand({ provider: "GITHUB", name, connectionArn: CONNECTION_ARN }));

describe("Proton repositories", () => {
  it("links, reads, lists and unlinks repositories", async () => {
    const created = await proton.send(new CreateRepositoryCommand({ ...repo, connectionArn: CONNECTION_ARN, encryptionKey: `arn:aws:kms:us-east-1:123456789012:key/abc`, tags: [{ key: "a", value: "b" }] }));
    expect(created.repository).toMatchObject({ arn: arn("repository/github:acme/templates"), provider: "GITHUB", name: "acme/templates", connectionArn: CONNECTION_ARN });
    expect((await proton.send(new GetRepositoryCommand(repo))).repository!.encryptionKey).toContain("key/abc");
    expect(await rejectionOf(linkRepository())).toBeInstanceOf(ConflictException);
    await linkRepository("acme/other");
    const names: string[] = [];
    for await (const page of paginateListRepositories({ client: proton, pageSize: 1 }, {})) names.push(...page.repositories!.map((r) => r.name!));
    expect(names).toEqual(["acme/other", "acme/templates"]);
    expect((await proton.send(new DeleteRepositoryCommand({ provider: "GITHUB", name: "acme/other" }))).repository!.name).toBe("acme/other");
    expect(await rejectionOf(proton.send(new GetRepositoryCommand({ provider: "GITHUB", name: "acme/other" })))).toBeInstanceOf(ResourceNotFoundException);
    const badName = await rejectionOf(proton.send(new CreateRepositoryCommand({ provider: "GITHUB", name: "no-slash", connectionArn: CONNECTION_ARN })));
    expect(badName).toBeInstanceOf(ValidationException);
    expect(badName.message).toContain("at 'name' failed to satisfy constraint");
    const badProvider = await rejectionOf(proton.send(new CreateRepositoryCommand({ provider: "GITLAB" as never, name: "a/b", connectionArn: CONNECTION_ARN })));
    expect(badProvider.message).toContain("Value 'GITLAB' at 'provider' failed to satisfy constraint: Member must satisfy enum value set");
    expect((await proton.send(new ListRepositoriesCommand({}))).repositories).toHaveLength(1);
  });

  it("reports no sync attempt for a linked repository (nothing is ever pushed) and not-found otherwise", async () => {
    await linkRepository();
    const status = await proton.send(new GetRepositorySyncStatusCommand({ repositoryName: repo.name, repositoryProvider: "GITHUB", branch: "main", syncType: "TEMPLATE_SYNC" }));
    expect(status.latestSync).toBeUndefined();
    expect(status.$metadata.httpStatusCode).toBe(200);
    const unknown = await rejectionOf(proton.send(new GetRepositorySyncStatusCommand({ repositoryName: "x/y", repositoryProvider: "GITHUB", branch: "main", syncType: "TEMPLATE_SYNC" })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("Proton template sync configs", () => {
  it("creates, reads, updates and deletes a template sync config, and lists it as a sync definition", async () => {
    await publishedEnvironmentTemplate("vpc-env");
    await linkRepository();
    const input = { templateName: "vpc-env", templateType: "ENVIRONMENT" as const, repositoryProvider: "GITHUB" as const, repositoryName: repo.name, branch: "main", subdirectory: "env" };
    const created = await proton.send(new CreateTemplateSyncConfigCommand(input));
    expect(created.templateSyncConfig).toEqual(input);
    expect(await rejectionOf(proton.send(new CreateTemplateSyncConfigCommand(input)))).toBeInstanceOf(ConflictException);
    expect((await proton.send(new GetTemplateSyncConfigCommand({ templateName: "vpc-env", templateType: "ENVIRONMENT" }))).templateSyncConfig!.subdirectory).toBe("env");
    const definitions = await proton.send(new ListRepositorySyncDefinitionsCommand({ repositoryName: repo.name, repositoryProvider: "GITHUB", syncType: "TEMPLATE_SYNC" }));
    expect(definitions.syncDefinitions).toEqual([{ target: "vpc-env", parent: "ENVIRONMENT", branch: "main", directory: "env" }]);

    const inUse = await rejectionOf(proton.send(new DeleteRepositoryCommand(repo)));
    expect(inUse).toBeInstanceOf(ConflictException);
    expect(inUse.message).toContain("template sync config of vpc-env");

    const updated = await proton.send(new UpdateTemplateSyncConfigCommand({ ...input, branch: "release" }));
    expect(updated.templateSyncConfig!.branch).toBe("release");
    const status = await proton.send(new GetTemplateSyncStatusCommand({ templateName: "vpc-env", templateType: "ENVIRONMENT", templateVersion: "1" }));
    expect(status.latestSync).toBeUndefined();
    expect((await proton.send(new DeleteTemplateSyncConfigCommand({ templateName: "vpc-env", templateType: "ENVIRONMENT" }))).templateSyncConfig!.branch).toBe("release");
    expect(await rejectionOf(proton.send(new GetTemplateSyncConfigCommand({ templateName: "vpc-env", templateType: "ENVIRONMENT" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(proton.send(new GetTemplateSyncStatusCommand({ templateName: "vpc-env", templateType: "ENVIRONMENT", templateVersion: "1" })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("needs an existing template and a linked repository", async () => {
    await linkRepository();
    const base = { templateType: "SERVICE" as const, repositoryProvider: "GITHUB" as const, repositoryName: repo.name, branch: "main" };
    const noTemplate = await rejectionOf(proton.send(new CreateTemplateSyncConfigCommand({ ...base, templateName: "ghost" })));
    expect(noTemplate).toBeInstanceOf(ValidationException);
    expect(noTemplate.message).toContain("no service template named ghost");
    await publishedEnvironmentTemplate("vpc-env");
    const noRepo = await rejectionOf(proton.send(new CreateTemplateSyncConfigCommand({ ...base, templateType: "ENVIRONMENT", templateName: "vpc-env", repositoryName: "x/y" })));
    expect(noRepo.message).toContain("not linked");
    expect(await rejectionOf(proton.send(new UpdateTemplateSyncConfigCommand({ ...base, templateName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("Proton service sync configs and blockers", () => {
  it("manages a service sync config; a manual instance update creates a blocker until it is resolved", async () => {
    await activeService({ instances: ["api-a"] });
    await linkRepository();
    const input = { serviceName: "orders", repositoryProvider: "GITHUB" as const, repositoryName: repo.name, branch: "main", filePath: "proton-ops.yaml" };
    expect((await proton.send(new GetServiceSyncConfigCommand({ serviceName: "orders" }))).serviceSyncConfig).toBeUndefined();
    expect((await proton.send(new CreateServiceSyncConfigCommand(input))).serviceSyncConfig).toEqual(input);
    expect(await rejectionOf(proton.send(new CreateServiceSyncConfigCommand(input)))).toBeInstanceOf(ConflictException);
    expect((await proton.send(new UpdateServiceSyncConfigCommand({ ...input, filePath: "ops/proton.yaml" }))).serviceSyncConfig!.filePath).toBe("ops/proton.yaml");
    const definitions = await proton.send(new ListRepositorySyncDefinitionsCommand({ repositoryName: repo.name, repositoryProvider: "GITHUB", syncType: "SERVICE_SYNC" }));
    expect(definitions.syncDefinitions).toEqual([{ target: "orders", parent: "orders", branch: "main", directory: "ops/proton.yaml" }]);
    const syncStatus = await proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    expect(syncStatus.latestSync).toBeUndefined();

    expect((await proton.send(new GetServiceSyncBlockerSummaryCommand({ serviceName: "orders", serviceInstanceName: "api-a" }))).serviceSyncBlockerSummary!.latestBlockers).toEqual([]);
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" }));
    await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" });
    const summary = await proton.send(new GetServiceSyncBlockerSummaryCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    const [blocker] = summary.serviceSyncBlockerSummary!.latestBlockers!;
    expect(blocker).toMatchObject({ type: "AUTOMATED", status: "ACTIVE", contexts: [{ key: "serviceName", value: "orders" }, { key: "serviceInstanceName", value: "api-a" }] });
    expect(blocker!.createdReason).toContain("manually");
    expect(blocker!.createdAt).toBeInstanceOf(Date);
    expect((await proton.send(new GetServiceSyncBlockerSummaryCommand({ serviceName: "orders" }))).serviceSyncBlockerSummary!.latestBlockers).toEqual([]);

    const resolved = await proton.send(new UpdateServiceSyncBlockerCommand({ id: blocker!.id, resolvedReason: "synced by hand" }));
    expect(resolved).toMatchObject({ serviceName: "orders", serviceInstanceName: "api-a", serviceSyncBlocker: { status: "RESOLVED", resolvedReason: "synced by hand" } });
    expect(await rejectionOf(proton.send(new UpdateServiceSyncBlockerCommand({ id: blocker!.id, resolvedReason: "again" })))).toBeInstanceOf(ConflictException);
    expect(await rejectionOf(proton.send(new UpdateServiceSyncBlockerCommand({ id: "nope", resolvedReason: "x" })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await proton.send(new GetServiceSyncBlockerSummaryCommand({ serviceName: "orders", serviceInstanceName: "api-a" }))).serviceSyncBlockerSummary!.latestBlockers).toEqual([]);

    expect((await proton.send(new DeleteServiceSyncConfigCommand({ serviceName: "orders" }))).serviceSyncConfig!.serviceName).toBe("orders");
    expect(await rejectionOf(proton.send(new DeleteServiceSyncConfigCommand({ serviceName: "orders" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("blocks an instance created by hand, and the whole service when an instance is deleted by hand", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    await linkRepository();
    await proton.send(new CreateServiceSyncConfigCommand({ serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: repo.name, branch: "main", filePath: "proton-ops.yaml" }));
    const blockers = async (serviceInstanceName?: string) =>
      (await proton.send(new GetServiceSyncBlockerSummaryCommand({ serviceName: "orders", serviceInstanceName }))).serviceSyncBlockerSummary!.latestBlockers!.map((b) => b.createdReason);

    await proton.send(new CreateServiceInstanceCommand({ serviceName: "orders", name: "api-c", spec: serviceSpec([{ name: "api-c", environment: "prod" }], false) }));
    expect(await blockers("api-c")).toEqual([expect.stringContaining("manually created with CreateServiceInstance")]);
    expect(await blockers()).toEqual([]);
    await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-c" });

    await proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([{ name: "api-a", environment: "prod" }, { name: "api-c", environment: "prod" }]) }));
    expect(await blockers()).toEqual([expect.stringContaining("api-b were manually deleted")]);
  });

  it("needs an existing service and reports unknown services and instances", async () => {
    await linkRepository();
    const noService = await rejectionOf(
      proton.send(new CreateServiceSyncConfigCommand({ serviceName: "ghost", repositoryProvider: "GITHUB", repositoryName: repo.name, branch: "main", filePath: "p.yaml" })),
    );
    expect(noService).toBeInstanceOf(ValidationException);
    expect(await rejectionOf(proton.send(new GetServiceSyncConfigCommand({ serviceName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(proton.send(new GetServiceSyncBlockerSummaryCommand({ serviceName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "ghost", serviceInstanceName: "a" })))).toBeInstanceOf(ResourceNotFoundException);
    const missingReason = await rejectionOf(proton.send(new UpdateServiceSyncBlockerCommand({ id: "x" } as never)));
    expect(missingReason.message).toContain("'resolvedReason'");
  });
});

describe("Proton account settings and resources summary", () => {
  it("sets and clears pipeline roles and the pipeline repository", async () => {
    expect((await proton.send(new GetAccountSettingsCommand({}))).accountSettings).toEqual({});
    await linkRepository();
    const set = await proton.send(
      new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: PIPELINE_ROLE, pipelineCodebuildRoleArn: PIPELINE_ROLE, pipelineProvisioningRepository: { ...repo, branch: "main" } }),
    );
    expect(set.accountSettings).toEqual({
      pipelineServiceRoleArn: PIPELINE_ROLE,
      pipelineCodebuildRoleArn: PIPELINE_ROLE,
      pipelineProvisioningRepository: { arn: arn("repository/github:acme/templates"), provider: "GITHUB", name: repo.name, branch: "main" },
    });
    expect(await rejectionOf(proton.send(new DeleteRepositoryCommand(repo)))).toBeInstanceOf(ConflictException);
    const both = await rejectionOf(proton.send(new UpdateAccountSettingsCommand({ pipelineProvisioningRepository: { ...repo, branch: "x" }, deletePipelineProvisioningRepository: true })));
    expect(both).toBeInstanceOf(ValidationException);
    const cleared = await proton.send(new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: "", deletePipelineProvisioningRepository: true }));
    expect(cleared.accountSettings).toEqual({ pipelineCodebuildRoleArn: PIPELINE_ROLE });
    const badRole = await rejectionOf(proton.send(new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: "role" })));
    expect(badRole.message).toContain("at 'pipelineServiceRoleArn' failed to satisfy constraint");
    const unlinked = await rejectionOf(proton.send(new UpdateAccountSettingsCommand({ pipelineProvisioningRepository: { provider: "GITHUB", name: "x/y", branch: "main" } })));
    expect(unlinked.message).toContain("not linked");
  });

  it("answers the reads that model no error of their own with throttling and validation errors", async () => {
    const client = new ProtonClient({ maxAttempts: 1 });
    for (const command of [new GetAccountSettingsCommand({}), new GetResourcesSummaryCommand({})]) {
      aws.failNext("Proton", command.constructor.name.replace(/Command$/, ""));
      const throttled = await rejectionOf(client.send(command as never));
      expect(throttled).toBeInstanceOf(ThrottlingException);
      expect(throttled.$metadata.httpStatusCode).toBe(429);
    }
    const badType = await rejectionOf(proton.send(new ListRepositorySyncDefinitionsCommand({ repositoryName: repo.name, repositoryProvider: "GITHUB", syncType: "GIT_SYNC" as never })));
    expect(badType).toBeInstanceOf(ValidationException);
    expect(badType.message).toContain("at 'syncType' failed to satisfy constraint: Member must satisfy enum value set");
    const badName = await rejectionOf(proton.send(new ListRepositorySyncDefinitionsCommand({ repositoryName: "no-slash", repositoryProvider: "GITHUB", syncType: "TEMPLATE_SYNC" })));
    expect(badName.message).toContain("at 'repositoryName' failed to satisfy constraint");
  });

  it("counts resources and how far behind the Recommended versions they are", async () => {
    await activeService({ instances: ["api-a", "api-b"], minors: 2, minorVersion: "0" });
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "MINOR_VERSION" }));
    aws.lifecycle("Proton.ServiceInstanceDeployment", { serviceInstanceName: "api-b" }).endsIn("FAILED");
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-b", deploymentType: "CURRENT_VERSION" }));
    aws.settle();
    const { counts } = await proton.send(new GetResourcesSummaryCommand({}));
    expect(counts).toEqual({
      components: { total: 0, failed: 0 },
      environments: { total: 1 },
      environmentTemplates: { total: 1 },
      serviceInstances: { total: 2, failed: 1, upToDate: 1, behindMajor: 0, behindMinor: 1 },
      services: { total: 1, failed: 0, upToDate: 0, behindMajor: 0, behindMinor: 1 },
      serviceTemplates: { total: 1 },
      pipelines: { total: 1, failed: 0, upToDate: 0, behindMajor: 0, behindMinor: 1 },
    });
  });
});
