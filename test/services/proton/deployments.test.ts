import {
  ConflictException,
  CreateEnvironmentCommand,
  CreateRepositoryCommand,
  CreateServiceCommand,
  DeleteDeploymentCommand,
  GetDeploymentCommand,
  GetEnvironmentCommand,
  GetServiceCommand,
  GetServiceInstanceCommand,
  ListDeploymentsCommand,
  ListEnvironmentOutputsCommand,
  ListServicePipelineOutputsCommand,
  NotifyResourceDeploymentStatusChangeCommand,
  paginateListDeployments,
  ResourceNotFoundException,
  UpdateAccountSettingsCommand,
  UpdateEnvironmentCommand,
  ValidationException,
  waitUntilEnvironmentDeployed,
  waitUntilServiceCreated,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeService, arn, CONNECTION_ARN, deployedEnvironment, ENV_SPEC, fast, proton, publishedEnvironmentTemplate, publishedServiceTemplate, serviceSpec } from "./helpers.js";

const selfManaged = { provider: "GITHUB" as const, name: "acme/infra", branch: "main" };

async function selfManagedEnvironment(name = "prod"): Promise<string> {
  await publishedEnvironmentTemplate();
  await proton.send(new CreateRepositoryCommand({ provider: "GITHUB", name: "acme/infra", connectionArn: CONNECTION_ARN }));
  const created = await proton.send(new CreateEnvironmentCommand({ name, templateName: "vpc-env", templateMajorVersion: "1", spec: ENV_SPEC, provisioningRepository: selfManaged }));
  return created.environment!.lastAttemptedDeploymentId!;
}

describe("Proton deployments", () => {
  it("records every deployment, newest first, filtered by resource, with the paginator", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    const all = (await proton.send(new ListDeploymentsCommand({}))).deployments!;
    expect(all.map((d) => d.targetResourceType)).toEqual(["ENVIRONMENT", "SERVICE_PIPELINE", "SERVICE_INSTANCE", "SERVICE_INSTANCE", "ENVIRONMENT"]);
    // Listing shows the deployments on the page as they are, then moves them on.
    expect(all[0]).toMatchObject({ environmentName: "prod", deploymentStatus: "IN_PROGRESS", targetArn: arn("environment/prod") });
    const again = (await proton.send(new ListDeploymentsCommand({}))).deployments!;
    expect(again[0]).toMatchObject({ environmentName: "prod", deploymentStatus: "SUCCEEDED", targetArn: arn("environment/prod") });

    const pages: number[] = [];
    for await (const page of paginateListDeployments({ client: proton, pageSize: 2 }, { environmentName: "prod" })) pages.push(page.deployments!.length);
    expect(pages).toEqual([2, 2, 1]);
    const forInstance = await proton.send(new ListDeploymentsCommand({ serviceName: "orders", serviceInstanceName: "api-b" }));
    expect(forInstance.deployments!.map((d) => [d.serviceInstanceName, d.targetArn])).toEqual([["api-b", arn("service/orders/service-instance/api-b")]]);
    const forService = await proton.send(new ListDeploymentsCommand({ serviceName: "orders" }));
    expect(forService.deployments).toHaveLength(3);

    expect(await rejectionOf(proton.send(new ListDeploymentsCommand({ environmentName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(proton.send(new ListDeploymentsCommand({ serviceName: "orders", serviceInstanceName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(proton.send(new ListDeploymentsCommand({ componentName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
    const instanceOnly = await rejectionOf(proton.send(new ListDeploymentsCommand({ serviceInstanceName: "api-a" })));
    expect(instanceOnly).toBeInstanceOf(ValidationException);
    expect(instanceOnly.message).toContain("without serviceName");
  });

  it("gets a deployment, moving it on, and checks the resource named with it", async () => {
    await deployedEnvironment("prod");
    const update = await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION", spec: "proton: EnvironmentSpec\nspec:\n  x: 1\n" }));
    const id = update.environment!.lastAttemptedDeploymentId!;
    const running = await proton.send(new GetDeploymentCommand({ id }));
    expect(running.deployment).toMatchObject({ id, deploymentStatus: "IN_PROGRESS" }); // as UpdateEnvironment left it
    const first = await proton.send(new GetDeploymentCommand({ id }));
    expect(first.deployment).toMatchObject({ id, deploymentStatus: "SUCCEEDED", lastSucceededDeploymentId: update.environment!.lastSucceededDeploymentId });
    expect(first.deployment!.initialState!.environment!.spec).toBe(ENV_SPEC);
    expect(first.deployment!.targetState!.environment!.spec).toContain("x: 1");
    expect(await rejectionOf(proton.send(new GetDeploymentCommand({ id, environmentName: "other" })))).toBeInstanceOf(ResourceNotFoundException);
    const missing = await rejectionOf(proton.send(new GetDeploymentCommand({ id: "00000000-0000-4000-8000-000000000000" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toContain("00000000-0000-4000-8000-000000000000");
    const badId = await rejectionOf(proton.send(new GetDeploymentCommand({ id: "not-a-uuid" })));
    expect(badId).toBeInstanceOf(ValidationException);
    expect(badId.message).toContain("at 'id' failed to satisfy constraint");
  });

  it("deletes finished deployments only", async () => {
    await deployedEnvironment("prod");
    const first = (await proton.send(new GetEnvironmentCommand({ name: "prod" }))).environment!.lastSucceededDeploymentId!;
    const update = await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    const running = update.environment!.lastAttemptedDeploymentId!;
    const busy = await rejectionOf(proton.send(new DeleteDeploymentCommand({ id: running })));
    expect(busy).toBeInstanceOf(ValidationException);
    expect(busy.message).toContain("IN_PROGRESS");
    const deleted = await proton.send(new DeleteDeploymentCommand({ id: first }));
    expect(deleted.deployment!.id).toBe(first);
    expect(await rejectionOf(proton.send(new GetDeploymentCommand({ id: first })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(proton.send(new DeleteDeploymentCommand({ id: first })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("waits for NotifyResourceDeploymentStatusChange with self-managed provisioning, and records the outputs it reports", async () => {
    const id = await selfManagedEnvironment();
    const resourceArn = arn("environment/prod");
    await proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn, outputs: [{ key: "VpcId", valueString: "vpc-1" }] }));
    expect((await proton.send(new GetEnvironmentCommand({ name: "prod" }))).environment!.deploymentStatus).toBe("IN_PROGRESS");
    await proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn, deploymentId: id, status: "SUCCEEDED", outputs: [{ key: "SubnetId", valueString: "subnet-1" }] }));
    const deployed = await waitUntilEnvironmentDeployed(fast(), { name: "prod" });
    expect(deployed.reason.environment.lastSucceededDeploymentId).toBe(id);
    const { outputs } = await proton.send(new ListEnvironmentOutputsCommand({ environmentName: "prod" }));
    expect(outputs).toEqual([
      { key: "VpcId", valueString: "vpc-1" },
      { key: "SubnetId", valueString: "subnet-1" },
    ]);
    const late = await rejectionOf(proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn, deploymentId: id, status: "FAILED" })));
    expect(late).toBeInstanceOf(ConflictException);
    expect(late.message).toContain("already ended in SUCCEEDED");

    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    await proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn, status: "FAILED", statusMessage: "terraform apply failed" }));
    const { environment } = await proton.send(new GetEnvironmentCommand({ name: "prod" }));
    expect(environment).toMatchObject({ deploymentStatus: "FAILED", deploymentStatusMessage: "terraform apply failed" });
  });

  it("refuses notifications for AWS-managed or unknown resources and unknown deployments", async () => {
    await deployedEnvironment("prod");
    const managed = await rejectionOf(proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn: arn("environment/prod"), status: "SUCCEEDED" })));
    expect(managed).toBeInstanceOf(ValidationException);
    expect(managed.message).toContain("AWS-managed provisioning");
    expect(await rejectionOf(proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn: arn("environment/ghost") })))).toBeInstanceOf(ResourceNotFoundException);
    await selfManagedEnvironment("self").catch(() => undefined);
    const wrongId = await rejectionOf(
      proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn: arn("environment/self"), deploymentId: "00000000-0000-4000-8000-000000000000", status: "SUCCEEDED" })),
    );
    expect(wrongId).toBeInstanceOf(ResourceNotFoundException);
    const badStatus = await rejectionOf(proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn: arn("environment/self"), status: "DONE" as never })));
    expect(badStatus.message).toContain("Value 'DONE' at 'status' failed to satisfy constraint: Member must satisfy enum value set");
  });

  it("provisions instances of a self-managed environment and pipelines of a self-managed account through notifications too", async () => {
    await selfManagedEnvironment();
    await proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn: arn("environment/prod"), status: "SUCCEEDED" }));
    await publishedServiceTemplate("api-svc");
    await proton.send(new UpdateAccountSettingsCommand({ pipelineProvisioningRepository: selfManaged }));
    await proton.send(
      new CreateServiceCommand({
        name: "orders",
        templateName: "api-svc",
        templateMajorVersion: "1",
        spec: serviceSpec([{ name: "api-a", environment: "prod" }]),
        repositoryConnectionArn: CONNECTION_ARN,
        repositoryId: "acme/orders",
        branchName: "main",
      }),
    );
    const pipelineArn = (await proton.send(new GetServiceCommand({ name: "orders" }))).service!.pipeline!.arn!;
    for (let i = 0; i < 3; i++) expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("CREATE_IN_PROGRESS");
    await proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn: arn("service/orders/service-instance/api-a"), status: "SUCCEEDED" }));
    await proton.send(new NotifyResourceDeploymentStatusChangeCommand({ resourceArn: pipelineArn, status: "SUCCEEDED", outputs: [{ key: "PipelineUrl", valueString: "https://ci" }] }));
    expect((await waitUntilServiceCreated(fast(), { name: "orders" })).reason.service.status).toBe("ACTIVE");
    expect((await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }))).serviceInstance!.deploymentStatus).toBe("SUCCEEDED");
    expect((await proton.send(new ListServicePipelineOutputsCommand({ serviceName: "orders" }))).outputs).toEqual([{ key: "PipelineUrl", valueString: "https://ci" }]);
  });
});
