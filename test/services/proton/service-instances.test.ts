import {
  CancelServiceInstanceDeploymentCommand,
  ConflictException,
  CreateServiceCommand,
  CreateServiceInstanceCommand,
  GetServiceCommand,
  GetServiceInstanceCommand,
  ListServiceInstanceOutputsCommand,
  ListServiceInstanceProvisionedResourcesCommand,
  ListServiceInstancesCommand,
  paginateListServiceInstances,
  ResourceNotFoundException,
  UpdateServiceCommand,
  UpdateServiceInstanceCommand,
  UpdateServicePipelineCommand,
  ValidationException,
  waitUntilServiceInstanceDeployed,
  waitUntilServicePipelineDeployed,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { provideDeploymentOutputs } from "aws-doubles/proton";
import { rejectionOf } from "../../support/errors.js";
import { activeService, arn, aws, CONNECTION_ARN, fast, proton, serviceSpec } from "./helpers.js";

const REPOSITORY = { repositoryConnectionArn: CONNECTION_ARN, repositoryId: "acme/billing", branchName: "main" };

const instanceSpec = (name: string, environment = "prod") => serviceSpec([{ name, environment }], false);

describe("Proton service instances", () => {
  it("reads an instance created with its service, with its ARN, spec and deployment", async () => {
    await activeService({ instances: ["api-a"] });
    const { serviceInstance } = await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }));
    expect(serviceInstance).toMatchObject({
      name: "api-a",
      arn: arn("service/orders/service-instance/api-a"),
      serviceName: "orders",
      environmentName: "prod",
      templateName: "api-svc",
      templateMajorVersion: "1",
      templateMinorVersion: "0",
      deploymentStatus: "SUCCEEDED",
    });
    expect(serviceInstance!.spec).toContain("name: api-a");
    expect(serviceInstance!.lastSucceededDeploymentId).toBe(serviceInstance!.lastAttemptedDeploymentId);
    const resources = await proton.send(new ListServiceInstanceProvisionedResourcesCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    expect(resources.provisionedResources![0]!.name).toMatch(/^AWSProton-orders-api-a-cloudformation-/);
    expect(await rejectionOf(proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("creates an instance in an existing service (waiter), adds it to the service spec, and replays its client token", async () => {
    await activeService({ instances: ["api-a"] });
    const request = { serviceName: "orders", name: "api-b", spec: instanceSpec("api-b"), clientToken: "add-api-b", tags: [{ key: "k", value: "v" }] };
    const created = await proton.send(new CreateServiceInstanceCommand(request));
    expect(created.serviceInstance).toMatchObject({ name: "api-b", deploymentStatus: "IN_PROGRESS", templateMinorVersion: "0", lastClientRequestToken: "add-api-b" });
    const replay = await proton.send(new CreateServiceInstanceCommand(request));
    expect(replay.serviceInstance!.lastAttemptedDeploymentId).toBe(created.serviceInstance!.lastAttemptedDeploymentId);
    const mismatch = await rejectionOf(proton.send(new CreateServiceInstanceCommand({ ...request, tags: [] })));
    expect(mismatch).toBeInstanceOf(ValidationException);
    expect(mismatch.message).toContain("IdempotentParameterMismatch");

    const deployed = await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-b" });
    expect(deployed.reason.serviceInstance.deploymentStatus).toBe("SUCCEEDED");
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service!.spec).toContain("name: api-b");

    const duplicate = await rejectionOf(proton.send(new CreateServiceInstanceCommand({ ...request, clientToken: "other" })));
    expect(duplicate).toBeInstanceOf(ConflictException);
    const notInSpec = await rejectionOf(proton.send(new CreateServiceInstanceCommand({ serviceName: "orders", name: "api-c", spec: instanceSpec("api-x") })));
    expect(notInSpec).toBeInstanceOf(ValidationException);
    expect(notInSpec.message).toContain("must list service instance api-c");
    const unknownEnv = await rejectionOf(proton.send(new CreateServiceInstanceCommand({ serviceName: "orders", name: "api-c", spec: instanceSpec("api-c", "mars") })));
    expect(unknownEnv).toBeInstanceOf(ResourceNotFoundException);
    const noService = await rejectionOf(proton.send(new CreateServiceInstanceCommand({ serviceName: "ghost", name: "api-c", spec: instanceSpec("api-c") })));
    expect(noService).toBeInstanceOf(ResourceNotFoundException);
  });

  it("doesn't replay a client token for an instance removed and created again under the same name", async () => {
    await activeService({ instances: ["api-a"] });
    const request = { serviceName: "orders", name: "api-b", spec: instanceSpec("api-b"), clientToken: "add-api-b" };
    await proton.send(new CreateServiceInstanceCommand(request));
    aws.settle();
    await proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([{ name: "api-a", environment: "prod" }]) }));
    aws.settle();
    await proton.send(new CreateServiceInstanceCommand({ ...request, clientToken: undefined }));
    const retry = await rejectionOf(proton.send(new CreateServiceInstanceCommand(request)));
    expect(retry).toBeInstanceOf(ConflictException);
    expect(retry.message).toContain("already exists");
  });

  it("fails the ServiceInstanceDeployed waiter when the deployment fails", async () => {
    await activeService({ instances: ["api-a"] });
    aws.lifecycle("Proton.ServiceInstanceDeployment", { serviceName: "orders", serviceInstanceName: "api-a" }).endsIn("FAILED", { message: "health check failed" });
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" }));
    const failed = await rejectionOf(waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" }));
    expect(failed.message).toContain("FAILED");
    const { serviceInstance } = await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }));
    expect(serviceInstance).toMatchObject({ deploymentStatus: "FAILED", deploymentStatusMessage: "health check failed" });
  });

  it("updates by deploymentType and refuses updates while a deployment runs", async () => {
    await activeService({ instances: ["api-a"], minors: 2 });
    const minor = await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "MINOR_VERSION", templateMinorVersion: "1", clientToken: "t-1" }));
    // The instance shows its version until the deployment succeeds (user guide, "Update a service instance").
    expect(minor.serviceInstance).toMatchObject({ deploymentStatus: "IN_PROGRESS", templateMinorVersion: "0", lastClientRequestToken: "t-1" });
    const busy = await rejectionOf(proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.message).toContain("IN_PROGRESS");
    expect((await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" })).reason.serviceInstance.templateMinorVersion).toBe("1");

    const spec = serviceSpec([{ name: "api-a", environment: "prod" }], false).replace("8080", "9090");
    const current = await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION", spec }));
    expect(current.serviceInstance!.spec).not.toBe(spec);
    expect((await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" })).reason.serviceInstance.spec).toBe(spec);

    const noNewMajor = await rejectionOf(proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "MAJOR_VERSION" })));
    expect(noNewMajor).toBeInstanceOf(ValidationException);
    expect(noNewMajor.message).toContain("higher than the one in use");
    const none = await rejectionOf(proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "NONE", spec: "proton: ServiceSpec\n" })));
    expect(none.message).toContain("deploymentType NONE");
    const badType = await rejectionOf(proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "SOMETIMES" as never })));
    expect(badType.message).toContain("Member must satisfy enum value set");
  });

  it("keeps the current values an update's spec marks ${Proton::CURRENT_VAL}", async () => {
    await activeService({ instances: ["api-a"] });
    const spec = serviceSpec([{ name: "api-a", environment: "prod" }]).replace("port: 8080", 'port: "${Proton::CURRENT_VAL}"\n      replicas: 2');
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION", spec }));
    const { serviceInstance } = (await waitUntilServiceInstanceDeployed(fast(), { serviceName: "orders", name: "api-a" })).reason;
    expect(parse(serviceInstance.spec).instances).toEqual([{ name: "api-a", environment: "prod", spec: { port: 8080, replicas: 2 } }]);

    const pipelineSpec = 'proton: ServiceSpec\npipeline:\n  unit_test_command: "${Proton::CURRENT_VAL}"\n  lint: true\n';
    await proton.send(new UpdateServicePipelineCommand({ serviceName: "orders", spec: pipelineSpec, deploymentType: "CURRENT_VERSION" }));
    const pipeline = (await waitUntilServicePipelineDeployed(fast(), { name: "orders" })).reason.service.pipeline;
    expect(parse(pipeline.spec).pipeline).toEqual({ unit_test_command: "npm test", lint: true });
  });

  it("refuses a spec whose alias sits inside its own anchor, with ValidationException and nothing changed", async () => {
    await activeService({ instances: ["api-a"] });
    const before = (await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }))).serviceInstance!;
    // `${Proton::CURRENT_VAL}` walks the new spec: a value that contains itself overflowed the stack (an internal error).
    const spec = 'proton: ServiceSpec\ninstances:\n  - name: api-a\n    environment: prod\n    spec: &s\n      port: "${Proton::CURRENT_VAL}"\n      me: *s\n';
    const refused = await rejectionOf(proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION", spec })));
    expect(refused).toBeInstanceOf(ValidationException);
    expect(refused.message).toContain("refers to a node that contains it");
    const pipeline = await rejectionOf(
      proton.send(new UpdateServicePipelineCommand({ serviceName: "orders", deploymentType: "CURRENT_VERSION", spec: 'proton: ServiceSpec\npipeline: &p\n  unit_test_command: "${Proton::CURRENT_VAL}"\n  self: *p\n' })),
    );
    expect(pipeline).toBeInstanceOf(ValidationException);
    const after = (await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }))).serviceInstance!;
    expect(after).toEqual(before);
  });

  it("cancels an instance deployment", async () => {
    await activeService({ instances: ["api-a"] });
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" }));
    const cancelling = await proton.send(new CancelServiceInstanceDeploymentCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    expect(cancelling.serviceInstance!.deploymentStatus).toBe("CANCELLING");
    const status = async () => (await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }))).serviceInstance!.deploymentStatus;
    expect([await status(), await status()]).toEqual(["CANCELLING", "CANCELLED"]);
    // A cancelled deployment never satisfies the Deployed waiter: it retries until its time runs out.
    const timedOut = await rejectionOf(waitUntilServiceInstanceDeployed({ client: proton, maxWaitTime: 1, minDelay: 0.001, maxDelay: 0.001 }, { serviceName: "orders", name: "api-a" }));
    expect(timedOut.name).toBe("TimeoutError");
    expect(await rejectionOf(proton.send(new CancelServiceInstanceDeploymentCommand({ serviceName: "orders", serviceInstanceName: "api-a" })))).toBeInstanceOf(ConflictException);
  });

  it("lists instances with filters, every sort order, descending pages and the paginator", async () => {
    await activeService({ instances: ["b-inst", "a-inst", "c-inst"] });
    aws.clock.advance(1000);
    await proton.send(
      new CreateServiceCommand({ name: "billing", templateName: "api-svc", templateMajorVersion: "1", spec: serviceSpec([{ name: "z-inst", environment: "prod" }]), ...REPOSITORY }),
    );
    aws.settle();
    // Default order: by service, then by instance name.
    const all: string[] = [];
    for await (const page of paginateListServiceInstances({ client: proton, pageSize: 2 }, {})) all.push(...page.serviceInstances!.map((i) => `${i.serviceName}/${i.name}`));
    expect(all).toEqual(["billing/z-inst", "orders/a-inst", "orders/b-inst", "orders/c-inst"]);
    const newest = await proton.send(new ListServiceInstancesCommand({ sortBy: "createdAt", sortOrder: "DESCENDING", maxResults: 1 }));
    expect(newest.serviceInstances!.map((i) => i.name)).toEqual(["z-inst"]);
    const orders = { serviceName: "orders" };

    const byName = await proton.send(new ListServiceInstancesCommand({ ...orders, sortBy: "name", sortOrder: "DESCENDING", maxResults: 2 }));
    expect(byName.serviceInstances!.map((i) => i.name)).toEqual(["c-inst", "b-inst"]);
    const next = await proton.send(new ListServiceInstancesCommand({ ...orders, sortBy: "name", sortOrder: "DESCENDING", nextToken: byName.nextToken }));
    expect(next.serviceInstances!.map((i) => i.name)).toEqual(["a-inst"]);
    const wrongOrder = await rejectionOf(proton.send(new ListServiceInstancesCommand({ ...orders, sortBy: "name", nextToken: byName.nextToken })));
    expect(wrongOrder).toBeInstanceOf(ValidationException);

    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "b-inst", deploymentType: "CURRENT_VERSION" }));
    const inProgress = await proton.send(new ListServiceInstancesCommand({ filters: [{ key: "deploymentStatus", value: "IN_PROGRESS" }] }));
    expect(inProgress.serviceInstances!.map((i) => i.name)).toEqual(["b-inst"]);
    const byStatus = await proton.send(new ListServiceInstancesCommand({ sortBy: "deploymentStatus" }));
    expect(byStatus.serviceInstances!.map((i) => i.deploymentStatus)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);

    const named = await proton.send(new ListServiceInstancesCommand({ serviceName: "orders", filters: [{ key: "name", value: "a-inst" }, { key: "name", value: "c-inst" }] }));
    expect(named.serviceInstances!.map((i) => i.name)).toEqual(["a-inst", "c-inst"]);
    const published = await proton.send(new ListServiceInstancesCommand({ filters: [{ key: "deployedTemplateVersionStatus", value: "PUBLISHED" }, { key: "environmentName", value: "prod" }] }));
    expect(published.serviceInstances).toHaveLength(4);
    const future = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
    const before = await proton.send(new ListServiceInstancesCommand({ filters: [{ key: "createdAtBefore", value: future }], sortBy: "createdAt" }));
    expect(before.serviceInstances).toHaveLength(4);
    expect(before.serviceInstances!.at(-1)!.name).toBe("z-inst");
    const after = await proton.send(new ListServiceInstancesCommand({ filters: [{ key: "createdAtAfter", value: future }] }));
    expect(after.serviceInstances).toEqual([]);
    const badDate = await rejectionOf(proton.send(new ListServiceInstancesCommand({ filters: [{ key: "createdAtAfter", value: "yesterday" }] })));
    expect(badDate.message).toContain("RFC 3339");
    const badKey = await rejectionOf(proton.send(new ListServiceInstancesCommand({ filters: [{ key: "color" as never, value: "red" }] })));
    expect(badKey.message).toContain("Member must satisfy enum value set");
    expect(await rejectionOf(proton.send(new ListServiceInstancesCommand({ serviceName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists the outputs of an instance's deployments", async () => {
    provideDeploymentOutputs(arn("service/orders/service-instance/api-a"), { Url: "https://api-a.example.com" });
    await activeService({ instances: ["api-a"] });
    const { outputs } = await proton.send(new ListServiceInstanceOutputsCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    expect(outputs).toEqual([{ key: "Url", valueString: "https://api-a.example.com" }]);
    expect(await rejectionOf(proton.send(new ListServiceInstanceOutputsCommand({ serviceName: "orders", serviceInstanceName: "nope" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("removes an instance from the spec only when it has no deployment running", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-b", deploymentType: "CURRENT_VERSION" }));
    const busy = await rejectionOf(proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([{ name: "api-a", environment: "prod" }]) })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.message).toContain("api-b");
  });
});
