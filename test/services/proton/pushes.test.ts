import {
  CreateRepositoryCommand,
  CreateServiceSyncConfigCommand,
  CreateServiceTemplateCommand,
  CreateTemplateSyncConfigCommand,
  DeleteEnvironmentTemplateVersionCommand,
  DeleteServiceSyncConfigCommand,
  GetRepositorySyncStatusCommand,
  GetServiceCommand,
  GetServiceInstanceCommand,
  GetServiceInstanceSyncStatusCommand,
  GetServiceSyncBlockerSummaryCommand,
  GetServiceTemplateVersionCommand,
  GetTemplateSyncStatusCommand,
  ListEnvironmentTemplateVersionsCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateServiceInstanceCommand,
  waitUntilServiceInstanceDeployed,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { provideDeploymentOutputs, pushToRepository } from "aws-doubles/proton";
import { rejectionOf } from "../../support/errors.js";
import { activeService, arn, aws, CONNECTION_ARN, fast, manyTags, proton, publishedEnvironmentTemplate, serviceSpec } from "./helpers.js";

const repository = "acme/platform";
const link = () => proton.send(new CreateRepositoryCommand({ provider: "GITHUB", name: repository, connectionArn: CONNECTION_ARN }));
const push = (files: Record<string, string>, branch = "main") => pushToRepository({ provider: "GITHUB", repository, branch, files }).commitId;
const templateStatus = (templateName: string, templateVersion: string, templateType: "ENVIRONMENT" | "SERVICE" = "ENVIRONMENT") =>
  proton.send(new GetTemplateSyncStatusCommand({ templateName, templateType, templateVersion }));
/** Reads the sync status until its latest attempt has ended (each read moves the registration it waits for). */
async function endedTemplateStatus(templateName: string, templateVersion: string, templateType: "ENVIRONMENT" | "SERVICE" = "ENVIRONMENT") {
  for (let reads = 0; reads < 5; reads++) {
    const status = await templateStatus(templateName, templateVersion, templateType);
    if (status.latestSync?.status !== "IN_PROGRESS") return status;
  }
  throw new Error(`the sync of ${templateName} ${templateVersion} did not end`);
}
const minors = async () =>
  (await proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env", majorVersion: "1" }))).templateVersions!.map((v) => `${v.minorVersion}:${v.status}`);

describe("Proton template sync from repository pushes", () => {
  it("registers a DRAFT minor version when a major version directory changes, and reports the sync", async () => {
    await publishedEnvironmentTemplate("vpc-env");
    await link();
    await proton.send(new CreateTemplateSyncConfigCommand({ templateName: "vpc-env", templateType: "ENVIRONMENT", repositoryProvider: "GITHUB", repositoryName: repository, branch: "main", subdirectory: "templates" }));
    expect(await templateStatus("vpc-env", "1")).not.toHaveProperty("latestSync");

    // Only directories named v<major> are major versions (at most 20 digits, as TemplateVersionPart).
    const bundle = {
      "templates/vpc-env/v1/schema/schema.yaml": "schema: 1\n",
      "templates/vpc-env/v1/infrastructure/cloudformation.yaml": "Resources: {}\n",
      "templates/vpc-env/v01/schema/schema.yaml": "not a major\n",
      [`templates/vpc-env/v${"9".repeat(21)}/schema/schema.yaml`]: "too long\n",
      "README.md": "hi",
    };
    const first = push(bundle);
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    const revision = { repositoryName: repository, repositoryProvider: "GITHUB", sha: first, directory: "templates/vpc-env/v1", branch: "main" };
    // The first read shows the attempt as the push left it: registering the new minor version.
    const started = await templateStatus("vpc-env", "1");
    expect(started.latestSync).toMatchObject({ target: "vpc-env", status: "IN_PROGRESS", targetRevision: revision });
    expect(started.latestSync!.events!.map((e) => e.type)).toEqual(["STARTING"]);
    const status = await templateStatus("vpc-env", "1");
    expect(status.latestSync).toMatchObject({ target: "vpc-env", status: "SUCCEEDED", targetRevision: revision, initialRevision: revision });
    expect(status.latestSync!.events!.map((e) => e.type)).toEqual(["STARTING", "SUCCEEDED"]);
    expect(status.latestSuccessfulSync).toEqual(status.latestSync);
    expect(status.desiredState).toEqual(revision);
    expect(await minors()).toEqual(["0:PUBLISHED", "1:DRAFT"]);
    expect((await proton.send(new ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env" }))).templateVersions!.map((v) => v.majorVersion)).toEqual(["1"]);
    const repo = await proton.send(new GetRepositorySyncStatusCommand({ repositoryName: repository, repositoryProvider: "GITHUB", branch: "main", syncType: "TEMPLATE_SYNC" }));
    expect(repo.latestSync).toMatchObject({ status: "SUCCEEDED", events: [{ type: "CLONE", externalId: first }] });

    // The same contents again: nothing new. A changed v1 and a new v2: a minor and a major.
    push(bundle);
    expect(await minors()).toEqual(["0:PUBLISHED", "1:DRAFT"]);
    const second = push({ ...bundle, "templates/vpc-env/v1/schema/schema.yaml": "schema: 2\n", "templates/vpc-env/v2/schema/schema.yaml": "schema: v2\n" });
    expect((await endedTemplateStatus("vpc-env", "2")).latestSync).toMatchObject({ status: "SUCCEEDED", targetRevision: { sha: second, directory: "templates/vpc-env/v2" } });
    expect((await templateStatus("vpc-env", "1")).latestSync!.initialRevision!.sha).toBe(first);
    expect(await minors()).toEqual(["0:PUBLISHED", "1:DRAFT", "2:DRAFT"]);

    // A failed registration fails the sync; the last successful one stays.
    aws.lifecycle("Proton.EnvironmentTemplateVersion", { minorVersion: "3" }).endsIn("REGISTRATION_FAILED", { message: "schema.yaml is invalid" });
    push({ ...bundle, "templates/vpc-env/v1/schema/schema.yaml": "schema: 3\n" });
    const failed = await endedTemplateStatus("vpc-env", "1");
    expect(failed.latestSync).toMatchObject({ status: "FAILED" });
    expect(failed.latestSync!.events!.at(-1)!.event).toContain("schema.yaml is invalid");
    expect(failed.latestSuccessfulSync!.targetRevision!.sha).toBe(second);

    // Deleting the synced version makes the same contents sync again.
    await proton.send(new DeleteEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "2", minorVersion: "0" }));
    push({ ...bundle, "templates/vpc-env/v1/schema/schema.yaml": "schema: 3\n", "templates/vpc-env/v2/schema/schema.yaml": "schema: v2\n" });
    expect((await endedTemplateStatus("vpc-env", "2")).latestSync!.status).toBe("SUCCEEDED");
    expect(await rejectionOfPush({ provider: "GITHUB", repository: "acme/unlinked", branch: "main", files: {} })).toContain("not linked");
  });

  it("syncs service templates with their .template-registration.yaml, from the first directory named after the template", async () => {
    await publishedEnvironmentTemplate("vpc-env");
    await proton.send(new CreateServiceTemplateCommand({ name: "api-svc" }));
    await link();
    await proton.send(new CreateTemplateSyncConfigCommand({ templateName: "api-svc", templateType: "SERVICE", repositoryProvider: "GITHUB", repositoryName: repository, branch: "main" }));
    push({ "svc/api-svc/v1/schema/schema.yaml": "schema: 1\n" });
    const missing = await endedTemplateStatus("api-svc", "1", "SERVICE");
    expect(missing.latestSync).toMatchObject({ status: "FAILED", targetRevision: { directory: "svc/api-svc/v1" } });
    expect(missing.latestSync!.events!.at(-1)!.event).toContain(".template-registration.yaml");
    expect(missing.latestSuccessfulSync).toBeUndefined();

    push({
      "svc/api-svc/v1/schema/schema.yaml": "schema: 1\n",
      "svc/api-svc/v1/.template-registration.yaml": "compatible_environments:\n  - vpc-env:1\nsupported_component_sources:\n  - DIRECTLY_DEFINED\n",
    });
    expect((await endedTemplateStatus("api-svc", "1", "SERVICE")).latestSync!.status).toBe("SUCCEEDED");
    const { serviceTemplateVersion } = await proton.send(new GetServiceTemplateVersionCommand({ templateName: "api-svc", majorVersion: "1", minorVersion: "0" }));
    expect(serviceTemplateVersion).toMatchObject({ status: "DRAFT", compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }], supportedComponentSources: ["DIRECTLY_DEFINED"] });

    push({ "svc/api-svc/v1/schema/schema.yaml": "schema: 2\n", "svc/api-svc/v1/.template-registration.yaml": "compatible_environments:\n  - nope:1\n" });
    const unknown = await endedTemplateStatus("api-svc", "1", "SERVICE");
    expect(unknown.latestSync!.events!.at(-1)!.event).toContain("environment template nope");

    // A registration whose list contains itself fails the sync (it was a bare TypeError out of pushToRepository).
    push({ "svc/api-svc/v1/schema/schema.yaml": "schema: 3\n", "svc/api-svc/v1/.template-registration.yaml": "compatible_environments: &c [*c]\n" });
    const cyclic = await endedTemplateStatus("api-svc", "1", "SERVICE");
    expect(cyclic.latestSync!.status).toBe("FAILED");
    expect(cyclic.latestSync!.events!.at(-1)!.event).toContain("refers to a node that contains it");
  });
});

async function rejectionOfPush(input: Parameters<typeof pushToRepository>[0]): Promise<string> {
  try {
    pushToRepository(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("Expected the push to be refused");
}

const OPS = [
  "sync:",
  "  services:",
  "    orders:",
  "      api-a:",
  "        branch: main",
  "        spec: ./orders/spec.yaml",
  "      api-c:",
  "        branch: main",
  "        spec: ./orders/spec.yaml",
  "",
].join("\n");

describe("Proton service sync from repository pushes", () => {
  it("deploys the instances the Proton Ops file follows, creates missing ones, and skips blocked ones", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    await link();
    await proton.send(new CreateServiceSyncConfigCommand({ serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: repository, branch: "main", filePath: "proton-ops.yaml" }));
    const spec = (port: number) => serviceSpec([{ name: "api-a", environment: "prod" }, { name: "api-c", environment: "prod" }], false).replace(/8080/g, String(port));
    const commit = push({ "proton-ops.yaml": OPS, "orders/spec.yaml": spec(9090) });

    const instanceSync = () => proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    // The first read shows the attempt deploying, as the push left it; that read moves the deployment on.
    expect((await instanceSync()).latestSync).toMatchObject({ target: "api-a", status: "IN_PROGRESS", targetRevision: { sha: commit } });
    const synced = await instanceSync();
    expect(synced.latestSync).toMatchObject({ target: "api-a", status: "SUCCEEDED", targetRevision: { sha: commit, directory: "orders/spec.yaml", branch: "main" } });
    const deployed = await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" });
    expect(parse(deployed.reason.serviceInstance.spec).instances[0].spec).toEqual({ port: 9090 });
    await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-c" });
    expect(parse((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.spec!).instances.map((i: { name: string }) => i.name)).toEqual(["api-a", "api-b", "api-c"]);
    expect(await proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-b" }))).not.toHaveProperty("latestSync");
    // A sync is no manual change: no blocker.
    expect((await proton.send(new GetServiceSyncBlockerSummaryCommand({ serviceName: "orders", serviceInstanceName: "api-a" }))).serviceSyncBlockerSummary!.latestBlockers).toEqual([]);
    const repo = await proton.send(new GetRepositorySyncStatusCommand({ repositoryName: repository, repositoryProvider: "GITHUB", branch: "main", syncType: "SERVICE_SYNC" }));
    expect(repo.latestSync!.status).toBe("SUCCEEDED");

    // A manual update blocks api-a; the next push syncs api-c only.
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" }));
    await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" });
    push({ "proton-ops.yaml": OPS, "orders/spec.yaml": spec(7070) });
    const blocked = await proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    expect(blocked.latestSync!.status).toBe("FAILED");
    expect(blocked.latestSync!.events!.at(-1)!.event).toContain("blocked by service sync blocker");
    expect(blocked.latestSuccessfulSync!.targetRevision!.sha).toBe(commit);
    const apiC = () => proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-c" }));
    expect((await apiC()).latestSync!.status).toBe("IN_PROGRESS");
    expect((await apiC()).latestSync!.status).toBe("SUCCEEDED");
  });

  it("fails the service sync of a push whose Proton Ops file is not YAML, syncing no instance, until a push mends it", async () => {
    await activeService({ instances: ["api-a"] });
    await link();
    await proton.send(new CreateServiceSyncConfigCommand({ serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: repository, branch: "main", filePath: "proton-ops.yaml" }));
    const spec = serviceSpec([{ name: "api-a", environment: "prod" }], false).replace(/8080/g, "9090");
    const repoStatus = () => proton.send(new GetRepositorySyncStatusCommand({ repositoryName: repository, repositoryProvider: "GITHUB", branch: "main", syncType: "SERVICE_SYNC" }));
    const instanceSync = () => proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));

    const broken = push({ "proton-ops.yaml": "sync:\n  services: [orders\n", "orders/spec.yaml": spec });
    const failed = (await repoStatus()).latestSync!;
    expect(failed.status).toBe("FAILED");
    expect(failed.events!.at(-1)).toMatchObject({ type: "FAILED", externalId: broken });
    expect(failed.events!.at(-1)!.event).toContain("The Proton Ops file proton-ops.yaml of service orders is not valid YAML");
    expect(await instanceSync()).not.toHaveProperty("latestSync");

    push({ "proton-ops.yaml": OPS, "orders/spec.yaml": spec });
    expect((await repoStatus()).latestSync!.status).toBe("SUCCEEDED");
    expect((await instanceSync()).latestSync).toMatchObject({ target: "api-a" });
  });

  it("reads a path the branch does not hold as missing, even one that names an Object.prototype member", async () => {
    await activeService({ instances: ["api-a"] });
    await link();
    await proton.send(new CreateServiceSyncConfigCommand({ serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: repository, branch: "main", filePath: "proton-ops.yaml" }));
    const ops = OPS.replace("spec: ./orders/spec.yaml", "spec: constructor");
    push({ "proton-ops.yaml": ops, "orders/spec.yaml": serviceSpec([{ name: "api-a", environment: "prod" }], false) });
    const sync = (await proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-a" }))).latestSync!;
    expect(sync.status).toBe("FAILED");
    expect(sync.events!.at(-1)!.event).toContain("The spec file constructor isn't on branch main.");

    // An Ops file path the branch does not hold: nothing to read, so nothing fails.
    await proton.send(new DeleteServiceSyncConfigCommand({ serviceName: "orders" }));
    await proton.send(new CreateServiceSyncConfigCommand({ serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: repository, branch: "main", filePath: "toString" }));
    push({ "proton-ops.yaml": OPS });
    const repo = await proton.send(new GetRepositorySyncStatusCommand({ repositoryName: repository, repositoryProvider: "GITHUB", branch: "main", syncType: "SERVICE_SYNC" }));
    expect(repo.latestSync!.status).toBe("SUCCEEDED");
  });

  it("does not create an instance that would start with more than 50 customer tags", async () => {
    await activeService({ instances: ["api-a"] });
    await link();
    await proton.send(new CreateServiceSyncConfigCommand({ serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: repository, branch: "main", filePath: "proton-ops.yaml" }));
    await proton.send(new TagResourceCommand({ resourceArn: arn("service/orders"), tags: manyTags("svc-", 30) }));
    await proton.send(new TagResourceCommand({ resourceArn: arn("environment/prod"), tags: manyTags("env-", 21) }));
    push({ "proton-ops.yaml": OPS, "orders/spec.yaml": serviceSpec([{ name: "api-a", environment: "prod" }, { name: "api-c", environment: "prod" }], false) });
    // api-a exists and syncs; api-c, which would start with 51 customer tags, is not created.
    expect((await proton.send(new GetServiceInstanceSyncStatusCommand({ serviceName: "orders", serviceInstanceName: "api-a" }))).latestSync).toMatchObject({ target: "api-a" });
    expect(await rejectionOf(proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-c" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(parse((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.spec!).instances.map((i: { name: string }) => i.name)).toEqual(["api-a"]);
  });
});

describe("Proton test helpers", () => {
  it("refuse misuse with AwsDoublesUsageError, never a bare TypeError", async () => {
    await link();
    const misuse = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return error as Error;
      }
      throw new Error("Expected the helper to refuse");
    };
    const calls: Array<() => unknown> = [
      () => pushToRepository(null as never),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "", files: {} }),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: null as never }),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: { "a.yaml": 5 as never } }),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: {}, commitId: "not a sha!" }),
      () => pushToRepository({ provider: "BITBUCKET", repository, branch: "main", files: {} }),
      () => provideDeploymentOutputs(42 as never, {}),
      () => provideDeploymentOutputs("arn:aws:proton:us-east-1:123456789012:service/orders", {}),
      () => provideDeploymentOutputs("arn:aws:proton:us-east-1:123456789012:environment/prod", null as never),
      () => provideDeploymentOutputs("arn:aws:proton:us-east-1:123456789012:environment/prod", { VpcId: 7 as never }),
      () => provideDeploymentOutputs("arn:aws:proton:us-east-1:12:environment/prod", { VpcId: "vpc-1" }),
      // Each of these was a bare TypeError, or was taken silently and answered as if the repository were unlinked.
      () => pushToRepository({ provider: "GITLAB" as never, repository, branch: "main", files: {} }),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: ["a.yaml"] as never }),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: {} }, null as never),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: {} }, { region: {} as never }),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: {} }, { accountId: 123456789012 as never }),
      () => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: {} }, { acountId: "123456789012" } as never),
    ];
    for (const call of calls) expect(misuse(call).name, call.toString()).toBe("AwsDoublesUsageError");
    expect(misuse(() => pushToRepository({ provider: "GITHUB", repository, branch: "main", files: {} }, { region: "nowhere" })).message).toContain('region must look like "us-east-1"');
    expect(misuse(() => pushToRepository({ provider: "GITLAB" as never, repository, branch: "main", files: {} })).message).toContain("GITHUB, GITHUB_ENTERPRISE, BITBUCKET");
  });
});
