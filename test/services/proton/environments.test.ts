import {
  CancelEnvironmentDeploymentCommand,
  ConflictException,
  CreateEnvironmentCommand,
  CreateEnvironmentTemplateVersionCommand,
  CreateRepositoryCommand,
  DeleteEnvironmentCommand,
  DeleteEnvironmentTemplateVersionCommand,
  GetDeploymentCommand,
  GetEnvironmentCommand,
  ListEnvironmentOutputsCommand,
  ListEnvironmentProvisionedResourcesCommand,
  ListEnvironmentsCommand,
  paginateListEnvironments,
  ResourceNotFoundException,
  UpdateEnvironmentCommand,
  UpdateEnvironmentTemplateVersionCommand,
  ValidationException,
  waitUntilEnvironmentDeployed,
  waitUntilEnvironmentTemplateVersionRegistered,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { provideDeploymentOutputs } from "aws-doubles/proton";
import { activeService, arn, aws, CONNECTION_ARN, deployedEnvironment, ENV_SPEC, fast, proton, publishedEnvironmentTemplate, ROLE, source } from "./helpers.js";

const create = (name = "prod", extra: Record<string, unknown> = {}) =>
  new CreateEnvironmentCommand({ name, templateName: "vpc-env", templateMajorVersion: "1", protonServiceRoleArn: ROLE, spec: ENV_SPEC, ...extra });

describe("Proton environments", () => {
  it("creates an environment on the Recommended minor and deploys it (waiter), recording the deployment", async () => {
    await publishedEnvironmentTemplate("vpc-env", 2);
    const created = await proton.send(create("prod", { description: "production", tags: [{ key: "stage", value: "prod" }] }));
    expect(created.environment).toMatchObject({
      name: "prod",
      arn: arn("environment/prod"),
      templateName: "vpc-env",
      templateMajorVersion: "1",
      templateMinorVersion: "1",
      deploymentStatus: "IN_PROGRESS",
      protonServiceRoleArn: ROLE,
      spec: ENV_SPEC,
    });
    const deploymentId = created.environment!.lastAttemptedDeploymentId!;
    expect(deploymentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const result = await waitUntilEnvironmentDeployed(fast(), { name: "prod" });
    expect(result.state).toBe("SUCCESS");
    expect(result.reason.environment).toMatchObject({ deploymentStatus: "SUCCEEDED", lastSucceededDeploymentId: deploymentId });

    const { deployment } = await proton.send(new GetDeploymentCommand({ id: deploymentId, environmentName: "prod" }));
    expect(deployment).toMatchObject({
      id: deploymentId,
      arn: arn(`deployment/${deploymentId}`),
      targetArn: arn("environment/prod"),
      targetResourceType: "ENVIRONMENT",
      environmentName: "prod",
      deploymentStatus: "SUCCEEDED",
      targetState: { environment: { spec: ENV_SPEC, templateName: "vpc-env", templateMajorVersion: "1", templateMinorVersion: "1" } },
    });
    expect(deployment!.completedAt).toBeInstanceOf(Date);
    expect(deployment!.initialState).toBeUndefined();

    const resources = await proton.send(new ListEnvironmentProvisionedResourcesCommand({ environmentName: "prod" }));
    expect(resources.provisionedResources).toHaveLength(1);
    expect(resources.provisionedResources![0]).toMatchObject({ provisioningEngine: "CLOUDFORMATION" });
    expect(resources.provisionedResources![0]!.identifier).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/AWSProton-prod-cloudformation-/);
  });

  it("ends the waiter in failure when the deployment fails, with the status message", async () => {
    await publishedEnvironmentTemplate();
    aws.lifecycle("Proton.EnvironmentDeployment", { environmentName: "prod" }).endsIn("FAILED", { message: "VPC quota reached" });
    await proton.send(create());
    const failed = await rejectionOf(waitUntilEnvironmentDeployed(fast(), { name: "prod" }));
    expect(failed.message).toContain("FAILED");
    const { environment } = await proton.send(new GetEnvironmentCommand({ name: "prod" }));
    expect(environment).toMatchObject({ deploymentStatus: "FAILED", deploymentStatusMessage: "VPC quota reached" });
  });

  it("checks the template version, the spec and the provisioning parameters", async () => {
    await publishedEnvironmentTemplate();
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source() }));
    await waitUntilEnvironmentTemplateVersionRegistered(fast(), { templateName: "vpc-env", majorVersion: "1", minorVersion: "1" });
    const draft = await rejectionOf(proton.send(create("a", { templateMinorVersion: "1" })));
    expect(draft).toBeInstanceOf(ValidationException);
    expect(draft.message).toContain("only PUBLISHED template versions");
    expect(await rejectionOf(proton.send(create("a", { templateMajorVersion: "4" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(proton.send(create("a", { templateName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);

    const yaml = await rejectionOf(proton.send(create("a", { spec: "spec: [unclosed" })));
    expect(yaml).toBeInstanceOf(ValidationException);
    expect(yaml.message).toContain("not valid YAML");
    const kind = await rejectionOf(proton.send(create("a", { spec: "proton: ServiceSpec\n" })));
    expect(kind.message).toContain("expected \"proton: EnvironmentSpec\"");
    // A mapping there, even one with a toString key, is named as its JSON (String() of it threw a TypeError).
    const mapping = await rejectionOf(proton.send(create("a", { spec: "proton: {toString: 1}\n" })));
    expect(mapping).toBeInstanceOf(ValidationException);
    expect(mapping.message).toContain('declares "proton: {\"toString\":1}"; expected "proton: EnvironmentSpec"');

    const both = await rejectionOf(proton.send(create("a", { environmentAccountConnectionId: "11111111-2222-3333-4444-555555555555" })));
    expect(both.message).toContain("not both");
    const none = await rejectionOf(proton.send(create("a", { protonServiceRoleArn: undefined })));
    expect(none.message).toContain("Say how Proton provisions the environment");
    const badRole = await rejectionOf(proton.send(create("a", { componentRoleArn: "arn:aws:iam::1:user/x" })));
    expect(badRole.message).toContain("at 'componentRoleArn' failed to satisfy constraint");
    const unknownRepo = await rejectionOf(proton.send(create("a", { protonServiceRoleArn: undefined, provisioningRepository: { provider: "GITHUB", name: "acme/infra", branch: "main" } })));
    expect(unknownRepo).toBeInstanceOf(ResourceNotFoundException);
    expect((await proton.send(new ListEnvironmentsCommand({}))).environments).toEqual([]);
  });

  it("treats a repeated create as a retry, a different one as a parameter mismatch, and an updated one as a conflict", async () => {
    await publishedEnvironmentTemplate();
    const first = await proton.send(create());
    const retry = await proton.send(create());
    expect(retry.environment!.lastAttemptedDeploymentId).toBe(first.environment!.lastAttemptedDeploymentId);
    const mismatch = await rejectionOf(proton.send(create("prod", { description: "other" })));
    expect(mismatch).toBeInstanceOf(ValidationException);
    expect(mismatch.message).toContain("IdempotentParameterMismatch");
    aws.settle();
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "NONE", description: "now" }));
    expect(await rejectionOf(proton.send(create()))).toBeInstanceOf(ConflictException);
  });

  it("updates by deploymentType: NONE, CURRENT_VERSION, MINOR_VERSION and MAJOR_VERSION", async () => {
    await deployedEnvironment("prod");
    const none = await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "NONE", description: "metadata only", componentRoleArn: ROLE }));
    expect(none.environment).toMatchObject({ deploymentStatus: "SUCCEEDED", description: "metadata only", componentRoleArn: ROLE });

    const spec = "proton: EnvironmentSpec\nspec:\n  vpc_cidr: 10.1.0.0/16\n";
    // The environment shows what it had until the deployment succeeds (user guide, "Update an environment").
    const current = await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION", spec }));
    expect(current.environment).toMatchObject({ deploymentStatus: "IN_PROGRESS", spec: ENV_SPEC });
    const busy = await rejectionOf(proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "NONE" })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect((await waitUntilEnvironmentDeployed(fast(), { name: "prod" })).reason.environment.spec).toBe(spec);

    const versionsWithCurrent = await rejectionOf(proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION", templateMinorVersion: "0" })));
    expect(versionsWithCurrent.message).toContain("don't include templateMajorVersion or templateMinorVersion");

    // A new minor 1.1 and a new major 2.0, both published.
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source() }));
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
    aws.settle();
    for (const [majorVersion, minorVersion] of [["1", "1"], ["2", "0"]] as const) {
      await proton.send(new UpdateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion, minorVersion, status: "PUBLISHED" }));
    }
    const minor = await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "MINOR_VERSION" }));
    expect(minor.environment).toMatchObject({ deploymentStatus: "IN_PROGRESS", templateMajorVersion: "1", templateMinorVersion: "0" });
    expect((await waitUntilEnvironmentDeployed(fast(), { name: "prod" })).reason.environment).toMatchObject({ templateMajorVersion: "1", templateMinorVersion: "1" });
    const wrongMajor = await rejectionOf(proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "MINOR_VERSION", templateMajorVersion: "2" })));
    expect(wrongMajor.message).toContain("use MAJOR_VERSION");
    const notHigher = await rejectionOf(proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "MAJOR_VERSION", templateMajorVersion: "1" })));
    expect(notHigher.message).toContain("higher than the one in use");
    const major = await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "MAJOR_VERSION" }));
    expect(major.environment).toMatchObject({ templateMajorVersion: "1", templateMinorVersion: "1" });
    const done = await waitUntilEnvironmentDeployed(fast(), { name: "prod" });
    expect(done.reason.environment.templateMajorVersion).toBe("2");
    expect(await rejectionOf(proton.send(new UpdateEnvironmentCommand({ name: "ghost", deploymentType: "NONE" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("keeps the version it had when an update fails", async () => {
    await deployedEnvironment("prod", { minors: 1 });
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source() }));
    aws.settle();
    await proton.send(new UpdateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion: "1", status: "PUBLISHED" }));
    aws.lifecycle("Proton.EnvironmentDeployment").endsIn("FAILED");
    const update = await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "MINOR_VERSION" }));
    expect(update.environment!.templateMinorVersion).toBe("0");
    await rejectionOf(waitUntilEnvironmentDeployed(fast(), { name: "prod" }));
    const { environment } = await proton.send(new GetEnvironmentCommand({ name: "prod" }));
    expect(environment).toMatchObject({ deploymentStatus: "FAILED", templateMinorVersion: "0" });
    const { deployment } = await proton.send(new GetDeploymentCommand({ id: environment!.lastAttemptedDeploymentId! }));
    expect(deployment!.initialState).toEqual({ environment: { spec: ENV_SPEC, templateName: "vpc-env", templateMajorVersion: "1", templateMinorVersion: "0" } });
  });

  it("keeps the version a running update deploys from being deleted", async () => {
    await deployedEnvironment("prod", { minors: 1 });
    for (const minorVersion of ["1", "2"]) {
      await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: source() }));
      aws.settle();
      await proton.send(new UpdateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion, status: "PUBLISHED" }));
    }
    const hold = aws.lifecycle("Proton.EnvironmentDeployment").staysIn("IN_PROGRESS");
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "MINOR_VERSION", templateMinorVersion: "1" }));
    const target = await rejectionOf(proton.send(new DeleteEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion: "1" })));
    expect(target).toBeInstanceOf(ConflictException);
    expect(target.message).toContain("environment prod (whose deployment in progress is moving to it)");
    const current = await rejectionOf(proton.send(new DeleteEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion: "0" })));
    expect(current.message).toContain("environment prod is deployed with it");
    hold.release();
    await waitUntilEnvironmentDeployed(fast(), { name: "prod" });
    const deleted = await proton.send(new DeleteEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion: "0" }));
    expect(deleted.environmentTemplateVersion!.minorVersion).toBe("0");
  });

  it("cancels an IN_PROGRESS deployment (CANCELLING → CANCELLED), and can make the cancellation fail", async () => {
    await deployedEnvironment("prod");
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    const cancelling = await proton.send(new CancelEnvironmentDeploymentCommand({ environmentName: "prod" }));
    expect(cancelling.environment!.deploymentStatus).toBe("CANCELLING");
    expect((await proton.send(new GetEnvironmentCommand({ name: "prod" }))).environment!.deploymentStatus).toBe("CANCELLING");
    const cancelled = await proton.send(new GetEnvironmentCommand({ name: "prod" }));
    expect(cancelled.environment).toMatchObject({ deploymentStatus: "CANCELLED", deploymentStatusMessage: "User initiated cancellation." });
    const again = await rejectionOf(proton.send(new CancelEnvironmentDeploymentCommand({ environmentName: "prod" })));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.message).toContain("no deployment in progress");

    aws.lifecycle("Proton.EnvironmentDeployment", { environmentName: "prod" }).endsIn("FAILED", { after: "CANCELLING", message: "too late to cancel" });
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    await proton.send(new CancelEnvironmentDeploymentCommand({ environmentName: "prod" }));
    expect((await proton.send(new GetEnvironmentCommand({ name: "prod" }))).environment!.deploymentStatus).toBe("CANCELLING");
    const failed = await proton.send(new GetEnvironmentCommand({ name: "prod" }));
    expect(failed.environment).toMatchObject({ deploymentStatus: "FAILED", deploymentStatusMessage: "too late to cancel" });
    expect(await rejectionOf(proton.send(new CancelEnvironmentDeploymentCommand({ environmentName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("deletes an environment asynchronously; retries return it, then nothing", async () => {
    await deployedEnvironment("prod");
    const deleting = await proton.send(new DeleteEnvironmentCommand({ name: "prod" }));
    expect(deleting.environment!.deploymentStatus).toBe("DELETE_IN_PROGRESS");
    const retry = await proton.send(new DeleteEnvironmentCommand({ name: "prod" }));
    expect(retry.environment!.deploymentStatus).toBe("DELETE_IN_PROGRESS");
    expect((await proton.send(new GetEnvironmentCommand({ name: "prod" }))).environment!.deploymentStatus).toBe("DELETE_IN_PROGRESS"); // this read completes it
    expect(await rejectionOf(proton.send(new GetEnvironmentCommand({ name: "prod" })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await proton.send(new DeleteEnvironmentCommand({ name: "prod" }))).environment).toBeUndefined();
    expect(await rejectionOf(proton.send(new DeleteEnvironmentCommand({ name: "never" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("can fail a deletion, and refuses to delete an environment with service instances", async () => {
    await activeService({ instances: ["api-a"] });
    const inUse = await rejectionOf(proton.send(new DeleteEnvironmentCommand({ name: "prod" })));
    expect(inUse).toBeInstanceOf(ConflictException);
    expect(inUse.message).toContain("orders/api-a");

    await proton.send(create("staging"));
    aws.settle();
    aws.lifecycle("Proton.EnvironmentDeployment", { environmentName: "staging" }).endsIn("DELETE_FAILED", { message: "stack delete failed" });
    await proton.send(new DeleteEnvironmentCommand({ name: "staging" }));
    expect((await proton.send(new GetEnvironmentCommand({ name: "staging" }))).environment!.deploymentStatus).toBe("DELETE_IN_PROGRESS");
    const { environment } = await proton.send(new GetEnvironmentCommand({ name: "staging" }));
    expect(environment).toMatchObject({ deploymentStatus: "DELETE_FAILED", deploymentStatusMessage: "stack delete failed" });
  });

  it("lists environments by template major, page by page", async () => {
    await deployedEnvironment("a-env");
    await proton.send(create("b-env"));
    await proton.send(create("c-env"));
    const names: string[] = [];
    for await (const page of paginateListEnvironments({ client: proton, pageSize: 2 }, { environmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }] })) {
      names.push(...page.environments!.map((e) => e.name!));
    }
    expect(names).toEqual(["a-env", "b-env", "c-env"]);
    expect((await proton.send(new ListEnvironmentsCommand({ environmentTemplates: [{ templateName: "vpc-env", majorVersion: "2" }] }))).environments).toEqual([]);
    expect(await rejectionOf(proton.send(new ListEnvironmentsCommand({ environmentTemplates: [{ templateName: "ghost", majorVersion: "1" }] })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("lists the outputs of the last successful deployment, or of a given one", async () => {
    await publishedEnvironmentTemplate();
    provideDeploymentOutputs(arn("environment/prod"), { VpcId: "vpc-0123" });
    const created = await proton.send(create());
    await waitUntilEnvironmentDeployed(fast(), { name: "prod" });
    const { outputs } = await proton.send(new ListEnvironmentOutputsCommand({ environmentName: "prod" }));
    expect(outputs).toEqual([{ key: "VpcId", valueString: "vpc-0123" }]);

    provideDeploymentOutputs(arn("environment/prod"), { VpcId: "vpc-4567" });
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    await waitUntilEnvironmentDeployed(fast(), { name: "prod" });
    expect((await proton.send(new ListEnvironmentOutputsCommand({ environmentName: "prod" }))).outputs).toEqual([{ key: "VpcId", valueString: "vpc-4567" }]);
    const older = await proton.send(new ListEnvironmentOutputsCommand({ environmentName: "prod", deploymentId: created.environment!.lastAttemptedDeploymentId }));
    expect(older.outputs).toEqual([{ key: "VpcId", valueString: "vpc-0123" }]);

    const unknown = await rejectionOf(proton.send(new ListEnvironmentOutputsCommand({ environmentName: "prod", deploymentId: "00000000-0000-0000-0000-000000000000" })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    const paged = await rejectionOf(proton.send(new ListEnvironmentOutputsCommand({ environmentName: "prod", nextToken: "more" })));
    expect(paged.message).toContain("at 'nextToken' failed to satisfy constraint");
  });

  it("provisions through a linked repository (self-managed) and waits for NotifyResourceDeploymentStatusChange", async () => {
    await publishedEnvironmentTemplate();
    await proton.send(new CreateRepositoryCommand({ provider: "GITHUB", name: "acme/infra", connectionArn: CONNECTION_ARN }));
    const created = await proton.send(create("prod", { protonServiceRoleArn: undefined, provisioningRepository: { provider: "GITHUB", name: "acme/infra", branch: "main" } }));
    expect(created.environment!.provisioningRepository).toEqual({ arn: arn("repository/github:acme/infra"), provider: "GITHUB", name: "acme/infra", branch: "main" });
    for (let i = 0; i < 5; i++) expect((await proton.send(new GetEnvironmentCommand({ name: "prod" }))).environment!.deploymentStatus).toBe("IN_PROGRESS");
    const busy = await rejectionOf(proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "NONE" })));
    expect(busy).toBeInstanceOf(ConflictException);
    // settle() ends it as a run left alone would (the tests' stand-in for the notification).
    aws.settle();
    expect((await proton.send(new GetEnvironmentCommand({ name: "prod" }))).environment!.deploymentStatus).toBe("SUCCEEDED");
    const wrongParam = await rejectionOf(proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "NONE", protonServiceRoleArn: ROLE })));
    expect(wrongParam).toBeInstanceOf(ValidationException);
    expect(wrongParam.message).toContain("self-managed provisioning");
  });
});
