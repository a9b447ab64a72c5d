import {
  CancelServicePipelineDeploymentCommand,
  ConflictException,
  CreateEnvironmentCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  GetServiceCommand,
  GetServiceInstanceCommand,
  ListDeploymentsCommand,
  ListServiceInstancesCommand,
  ListServicePipelineOutputsCommand,
  ListServicePipelineProvisionedResourcesCommand,
  ListServicesCommand,
  paginateListServices,
  ResourceNotFoundException,
  UpdateAccountSettingsCommand,
  UpdateServiceCommand,
  UpdateServicePipelineCommand,
  ValidationException,
  waitUntilServiceCreated,
  waitUntilServiceDeleted,
  waitUntilServicePipelineDeployed,
  waitUntilServiceUpdated,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { rejectionOf } from "../../support/errors.js";
import {
  activeService,
  arn,
  aws,
  CONNECTION_ARN,
  deployedEnvironment,
  ENV_SPEC,
  fast,
  PIPELINE_ROLE,
  proton,
  publishedEnvironmentTemplate,
  publishedServiceTemplate,
  ROLE,
  serviceSpec,
} from "./helpers.js";

const repository = { repositoryConnectionArn: CONNECTION_ARN, repositoryId: "acme/orders", branchName: "main" };

async function ready(options: { pipeline?: boolean } = {}) {
  await deployedEnvironment("prod");
  await publishedServiceTemplate("api-svc", 1, options);
  await proton.send(new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: PIPELINE_ROLE }));
}

const createOrders = (instances = ["api-a", "api-b"], extra: Record<string, unknown> = {}) =>
  new CreateServiceCommand({
    name: "orders",
    templateName: "api-svc",
    templateMajorVersion: "1",
    spec: serviceSpec(instances.map((name) => ({ name, environment: "prod" }))),
    ...repository,
    ...extra,
  });

describe("Proton services", () => {
  it("creates a service with its instances and pipeline; the service becomes ACTIVE once they are deployed", async () => {
    await ready();
    const created = await proton.send(createOrders(["api-a", "api-b"], { description: "orders API", tags: [{ key: "team", value: "orders" }] }));
    expect(created.service).toMatchObject({
      name: "orders",
      arn: arn("service/orders"),
      templateName: "api-svc",
      status: "CREATE_IN_PROGRESS",
      description: "orders API",
      ...repository,
    });
    expect(created.service!.pipeline).toMatchObject({ templateName: "api-svc", templateMajorVersion: "1", templateMinorVersion: "0", deploymentStatus: "IN_PROGRESS" });
    expect(created.service!.pipeline!.arn).toMatch(/^arn:aws:proton:us-east-1:123456789012:service\/orders\/pipeline\/[0-9a-f-]{36}$/);

    const result = await waitUntilServiceCreated(fast(), { name: "orders" });
    expect(result.reason.service).toMatchObject({ status: "ACTIVE", pipeline: { deploymentStatus: "SUCCEEDED" } });
    const { serviceInstances } = await proton.send(new ListServiceInstancesCommand({ serviceName: "orders" }));
    expect(serviceInstances!.map((i) => [i.name, i.environmentName, i.deploymentStatus])).toEqual([
      ["api-a", "prod", "SUCCEEDED"],
      ["api-b", "prod", "SUCCEEDED"],
    ]);
    const resources = await proton.send(new ListServicePipelineProvisionedResourcesCommand({ serviceName: "orders" }));
    expect(resources.provisionedResources![0]!.name).toMatch(/^AWSProton-orders-pipeline-cloudformation-/);
    expect((await proton.send(new ListServicePipelineOutputsCommand({ serviceName: "orders" }))).outputs).toEqual([]);
  });

  it("fails ServiceCreated when a part fails (CREATE_FAILED) or a test forces a cleanup outcome", async () => {
    await ready();
    aws.lifecycle("Proton.ServiceInstanceDeployment", { serviceInstanceName: "api-b" }).endsIn("FAILED", { message: "task failed to start" });
    await proton.send(createOrders());
    const failed = await rejectionOf(waitUntilServiceCreated(fast(), { name: "orders" }));
    expect(failed.message).toContain("CREATE_FAILED");
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service!.status).toBe("CREATE_FAILED");
    expect(service!.statusMessage).toContain("service instance api-b deployment ended in FAILED: task failed to start");

    aws.lifecycle("Proton.Service", { serviceName: "billing" }).endsIn("CREATE_FAILED_CLEANUP_COMPLETE");
    await proton.send(createOrders(["api-c"], { name: "billing" }));
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await proton.send(new GetServiceCommand({ name: "billing" }))).service!.status!);
    expect(statuses).toEqual(["CREATE_IN_PROGRESS", "CREATE_FAILED_CLEANUP_IN_PROGRESS", "CREATE_FAILED_CLEANUP_COMPLETE"]);
    expect((await rejectionOf(waitUntilServiceCreated(fast(), { name: "billing" }))).message).toContain("CREATE_FAILED_CLEANUP_COMPLETE");
  });

  it("checks the template, the spec, the pipeline parameters and the environments", async () => {
    await deployedEnvironment("prod");
    await publishedServiceTemplate("api-svc");
    const noRole = await rejectionOf(proton.send(createOrders()));
    expect(noRole).toBeInstanceOf(ValidationException);
    expect(noRole.message).toContain("UpdateAccountSettings");
    await proton.send(new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: PIPELINE_ROLE }));
    const noRepo = await rejectionOf(proton.send(createOrders(["api-a"], { repositoryId: undefined })));
    expect(noRepo.message).toContain("repositoryConnectionArn, repositoryId and branchName are required");
    const missingEnv = await rejectionOf(
      proton.send(createOrders([], { spec: serviceSpec([{ name: "api-a", environment: "nowhere" }]) })),
    );
    expect(missingEnv).toBeInstanceOf(ResourceNotFoundException);
    expect(missingEnv.message).toContain("nowhere");
    const duplicate = await rejectionOf(proton.send(createOrders(["api-a", "api-a"])));
    expect(duplicate.message).toContain("more than once");
    const noName = await rejectionOf(proton.send(createOrders([], { spec: "proton: ServiceSpec\ninstances:\n  - environment: prod\n" })));
    expect(noName.message).toContain("needs a name");
    expect(await rejectionOf(proton.send(createOrders(["a"], { templateName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);

    // An environment of a template the service template version is not compatible with.
    await publishedEnvironmentTemplate("edge-env");
    await proton.send(new CreateEnvironmentCommand({ name: "edge", templateName: "edge-env", templateMajorVersion: "1", protonServiceRoleArn: ROLE, spec: ENV_SPEC }));
    const incompatible = await rejectionOf(proton.send(createOrders([], { spec: serviceSpec([{ name: "api-a", environment: "edge" }]) })));
    expect(incompatible).toBeInstanceOf(ValidationException);
    expect(incompatible.message).toContain("not compatible with (compatible: vpc-env:1)");
    expect((await proton.send(new ListServicesCommand({}))).services).toEqual([]);
  });

  it("refuses pipeline parameters and inputs for a template without a pipeline", async () => {
    await ready({ pipeline: false });
    const params = await rejectionOf(proton.send(createOrders(["api-a"])));
    expect(params.message).toContain("doesn't include a service pipeline");
    const pipelineInputs = await rejectionOf(proton.send(createOrders(["api-a"], { repositoryConnectionArn: undefined, repositoryId: undefined, branchName: undefined })));
    expect(pipelineInputs.message).toContain("don't include pipeline inputs");
    const created = await proton.send(
      createOrders([], { repositoryConnectionArn: undefined, repositoryId: undefined, branchName: undefined, spec: serviceSpec([{ name: "api-a", environment: "prod" }], false) }),
    );
    expect(created.service!.pipeline).toBeUndefined();

    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("CREATE_IN_PROGRESS");
    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("ACTIVE");
  });

  it("retries a create idempotently and refuses a different one", async () => {
    await ready();
    await proton.send(createOrders(["api-a"]));
    expect((await proton.send(createOrders(["api-a"]))).service!.name).toBe("orders");
    const mismatch = await rejectionOf(proton.send(createOrders(["api-b"])));
    expect(mismatch).toBeInstanceOf(ValidationException);
    expect(mismatch.message).toContain("IdempotentParameterMismatch");
  });

  it("adds and removes instances with UpdateService (ServiceUpdated waiter), and refuses edits of existing ones", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    const spec = serviceSpec([
      { name: "api-a", environment: "prod" },
      { name: "api-c", environment: "prod" },
    ]);
    const updated = await proton.send(new UpdateServiceCommand({ name: "orders", spec, description: "v2" }));
    expect(updated.service).toMatchObject({ status: "UPDATE_IN_PROGRESS", description: "v2", spec });
    const busy = await rejectionOf(proton.send(new UpdateServiceCommand({ name: "orders", description: "v3" })));
    expect(busy).toBeInstanceOf(ConflictException);
    const done = await waitUntilServiceUpdated(fast(), { name: "orders" });
    expect(done.reason.service.status).toBe("ACTIVE");
    const names = (await proton.send(new ListServiceInstancesCommand({ serviceName: "orders" }))).serviceInstances!.map((i) => i.name);
    expect(names).toEqual(["api-a", "api-c"]);
    expect(await rejectionOf(proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-b" })))).toBeInstanceOf(ResourceNotFoundException);

    const edit = await rejectionOf(proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([{ name: "api-a", environment: "staging" }]) })));
    expect(edit).toBeInstanceOf(ValidationException);
    expect(edit.message).toContain("can't edit existing service instance api-a");
    const description = await proton.send(new UpdateServiceCommand({ name: "orders", description: "only text" }));
    expect(description.service!.status).toBe("ACTIVE");
    expect(await rejectionOf(proton.send(new UpdateServiceCommand({ name: "ghost", description: "x" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("refuses UpdateService edits of the pipeline inputs or of the instances it keeps; ${Proton::CURRENT_VAL} keeps a value", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    const instances = [
      { name: "api-a", environment: "prod" },
      { name: "api-b", environment: "prod" },
    ];
    const inputs = await rejectionOf(proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec(instances).replace("port: 8080", "port: 9090") })));
    expect(inputs).toBeInstanceOf(ValidationException);
    expect(inputs.message).toContain("can't change the inputs of existing service instance api-a");
    const pipeline = await rejectionOf(proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec(instances).replace("npm test", "make test") })));
    expect(pipeline).toBeInstanceOf(ValidationException);
    expect(pipeline.message).toContain("UpdateServicePipeline");

    const current = serviceSpec([...instances, { name: "api-c", environment: "prod" }])
      .replace("npm test", '"${Proton::CURRENT_VAL}"')
      .replace("port: 8080", 'port: "${Proton::CURRENT_VAL}"');
    await proton.send(new UpdateServiceCommand({ name: "orders", spec: current }));
    await waitUntilServiceUpdated(fast(), { name: "orders" });
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service!.spec).not.toContain("CURRENT_VAL");
    expect(parse(service!.spec!)).toEqual({
      proton: "ServiceSpec",
      pipeline: { unit_test_command: "npm test" },
      instances: ["api-a", "api-b", "api-c"].map((name) => ({ name, environment: "prod", spec: { port: 8080 } })),
    });
  });

  it("keeps at least one service instance", async () => {
    await activeService({ instances: ["api-a"] });
    const none = await rejectionOf(proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([]) })));
    expect(none).toBeInstanceOf(ValidationException);
    expect(none.message).toContain("at least one service instance");
    const empty = await rejectionOf(proton.send(createOrders([], { name: "empty" })));
    expect(empty).toBeInstanceOf(ValidationException);
    expect(empty.message).toContain("at least one service instance");
  });

  it("creates, then deletes, then re-provisions the pipeline with the new spec", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    const before = (await proton.send(new GetServiceCommand({ name: "orders" }))).service!.pipeline!;
    const spec = serviceSpec([
      { name: "api-a", environment: "prod" },
      { name: "api-c", environment: "prod" },
    ]);
    const updating = await proton.send(new UpdateServiceCommand({ name: "orders", spec }));
    // The instance to delete and the pipeline are blocked from the start.
    expect(updating.service!.pipeline!.deploymentStatus).toBe("IN_PROGRESS");
    expect((await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-b" }))).serviceInstance!.deploymentStatus).toBe("DELETE_IN_PROGRESS");
    expect(await rejectionOf(proton.send(new UpdateServicePipelineCommand({ serviceName: "orders", spec, deploymentType: "CURRENT_VERSION" })))).toBeInstanceOf(ConflictException);
    const cancel = await rejectionOf(proton.send(new CancelServicePipelineDeploymentCommand({ serviceName: "orders" })));
    expect(cancel).toBeInstanceOf(ConflictException);
    expect(cancel.message).toContain("part of an update of its service");

    // Each read shows the update as it is, then moves it on: api-c deployed, then api-b deleted
    // (ListServiceInstances moves its deletion), then the pipeline re-provisioned.
    const seen: string[] = [];
    for (let i = 0; i < 6 && seen.at(-1)?.startsWith("ACTIVE") !== true; i++) {
      const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
      const instances = (await proton.send(new ListServiceInstancesCommand({ serviceName: "orders" }))).serviceInstances!;
      seen.push(`${service!.status} pipeline:${service!.pipeline!.deploymentStatus} ${instances.map((i) => `${i.name}:${i.deploymentStatus}`).join(" ")}`);
    }
    expect(seen).toEqual([
      "UPDATE_IN_PROGRESS pipeline:IN_PROGRESS api-a:SUCCEEDED api-b:DELETE_IN_PROGRESS api-c:SUCCEEDED",
      "UPDATE_IN_PROGRESS pipeline:IN_PROGRESS api-a:SUCCEEDED api-c:SUCCEEDED",
      "UPDATE_IN_PROGRESS pipeline:IN_PROGRESS api-a:SUCCEEDED api-c:SUCCEEDED",
      "ACTIVE pipeline:SUCCEEDED api-a:SUCCEEDED api-c:SUCCEEDED",
    ]);
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service!.pipeline!.lastAttemptedDeploymentId).not.toBe(before.lastAttemptedDeploymentId);
    expect(service!.pipeline!.spec).toBe(spec);
    const pipelineDeployments = (await proton.send(new ListDeploymentsCommand({ serviceName: "orders" }))).deployments!.filter((d) => d.targetResourceType === "SERVICE_PIPELINE");
    expect(pipelineDeployments).toHaveLength(2);
    expect(pipelineDeployments[0]!.createdAt!.getTime()).toBeGreaterThanOrEqual(pipelineDeployments[1]!.createdAt!.getTime());
  });

  it("undoes an update whose new instance fails: UPDATE_FAILED_CLEANUP_COMPLETE, the spec and the other instances as they were", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    const before = (await proton.send(new GetServiceCommand({ name: "orders" }))).service!;
    aws.lifecycle("Proton.ServiceInstanceDeployment", { serviceInstanceName: "api-c" }).endsIn("FAILED", { message: "no capacity" });
    await proton.send(
      new UpdateServiceCommand({
        name: "orders",
        spec: serviceSpec([
          { name: "api-a", environment: "prod" },
          { name: "api-c", environment: "prod" },
        ]),
      }),
    );
    const failed = await rejectionOf(waitUntilServiceUpdated(fast(), { name: "orders" }));
    expect(failed.message).toContain("UPDATE_FAILED_CLEANUP_COMPLETE");
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service).toMatchObject({ status: "UPDATE_FAILED_CLEANUP_COMPLETE", spec: before.spec });
    expect(service!.statusMessage).toContain("service instance api-c deployment ended in FAILED: no capacity");
    expect(service!.pipeline).toMatchObject({ deploymentStatus: "SUCCEEDED", lastAttemptedDeploymentId: before.pipeline!.lastAttemptedDeploymentId });
    const names = (await proton.send(new ListServiceInstancesCommand({ serviceName: "orders" }))).serviceInstances!.map((i) => `${i.name}:${i.deploymentStatus}`);
    expect(names).toEqual(["api-a:SUCCEEDED", "api-b:SUCCEEDED"]);
  });

  it("ends UPDATE_COMPLETE_CLEANUP_FAILED when a removed instance fails to delete; the next edit removes it", async () => {
    await activeService({ instances: ["api-a", "api-b"] });
    aws.lifecycle("Proton.ServiceInstanceDeployment", { serviceInstanceName: "api-b" }).endsIn("DELETE_FAILED", { times: 1 });
    const spec = serviceSpec([{ name: "api-a", environment: "prod" }]);
    await proton.send(new UpdateServiceCommand({ name: "orders", spec }));
    const failed = await rejectionOf(waitUntilServiceUpdated(fast(), { name: "orders" }));
    expect(failed.message).toContain("UPDATE_COMPLETE_CLEANUP_FAILED");
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service).toMatchObject({ spec, pipeline: { deploymentStatus: "SUCCEEDED" } });
    expect((await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-b" }))).serviceInstance!.deploymentStatus).toBe("DELETE_FAILED");

    await proton.send(new UpdateServiceCommand({ name: "orders", spec }));
    expect((await waitUntilServiceUpdated(fast(), { name: "orders" })).reason.service.status).toBe("ACTIVE");
    expect(await rejectionOf(proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-b" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("ends UPDATE_FAILED when the pipeline fails to re-provision, keeping the new instances", async () => {
    await activeService({ instances: ["api-a"] });
    aws.lifecycle("Proton.ServicePipelineDeployment", { serviceName: "orders", action: "DEPLOY" }).endsIn("FAILED", { message: "build failed" });
    await proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([{ name: "api-a", environment: "prod" }, { name: "api-c", environment: "prod" }]) }));
    const failed = await rejectionOf(waitUntilServiceUpdated(fast(), { name: "orders" }));
    expect(failed.message).toContain("UPDATE_FAILED");
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service!.statusMessage).toContain("service pipeline deployment ended in FAILED: build failed");
    expect((await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-c" }))).serviceInstance!.deploymentStatus).toBe("SUCCEEDED");
  });

  it("fails ServiceUpdated when the update fails", async () => {
    await activeService({ instances: ["api-a"] });
    aws.lifecycle("Proton.Service", { serviceName: "orders", action: "UPDATE" }).endsIn("UPDATE_FAILED_CLEANUP_FAILED", { message: "cleanup failed" });
    await proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([{ name: "api-a", environment: "prod" }, { name: "api-z", environment: "prod" }]) }));
    const failed = await rejectionOf(waitUntilServiceUpdated(fast(), { name: "orders" }));
    expect(failed.message).toContain("UPDATE_FAILED_CLEANUP_FAILED");
    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.statusMessage).toBe("cleanup failed");
  });

  it("deletes a service with its instances and pipeline (ServiceDeleted waiter); retries and unknown names", async () => {
    await activeService({ instances: ["api-a"] });
    const deleting = await proton.send(new DeleteServiceCommand({ name: "orders" }));
    expect(deleting.service!.status).toBe("DELETE_IN_PROGRESS");
    expect((await proton.send(new DeleteServiceCommand({ name: "orders" }))).service!.status).toBe("DELETE_IN_PROGRESS");
    const result = await waitUntilServiceDeleted(fast(), { name: "orders" });
    expect(result.state).toBe("SUCCESS");
    expect(await rejectionOf(proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await proton.send(new DeleteServiceCommand({ name: "orders" }))).service).toBeUndefined();
    expect(await rejectionOf(proton.send(new DeleteServiceCommand({ name: "never" })))).toBeInstanceOf(ResourceNotFoundException);
    // The name is free again.
    await proton.send(createOrders(["api-a"]));
    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("CREATE_IN_PROGRESS");
    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("ACTIVE");
  });

  it("fails ServiceDeleted when a deletion fails, and refuses to delete a busy service", async () => {
    await ready();
    await proton.send(createOrders(["api-a"]));
    const busy = await rejectionOf(proton.send(new DeleteServiceCommand({ name: "orders" })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.message).toContain("CREATE_IN_PROGRESS");
    aws.settle();
    aws.lifecycle("Proton.ServicePipelineDeployment", { serviceName: "orders" }).endsIn("DELETE_FAILED", { message: "bucket not empty" });
    await proton.send(new DeleteServiceCommand({ name: "orders" }));
    const failed = await rejectionOf(waitUntilServiceDeleted(fast(), { name: "orders" }));
    expect(failed.message).toContain("DELETE_FAILED");
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service!.statusMessage).toContain("service pipeline deletion ended in DELETE_FAILED: bucket not empty");
    expect(service!.pipeline!.deploymentStatus).toBe("DELETE_FAILED");
  });

  it("lists services page by page", async () => {
    await ready();
    for (const name of ["c-svc", "a-svc", "b-svc"]) await proton.send(createOrders(["api-a"], { name }));
    const list = async () => {
      const pages: string[][] = [];
      for await (const page of paginateListServices({ client: proton, pageSize: 2 }, {})) pages.push(page.services!.map((s) => `${s.name}:${s.status}`));
      return pages;
    };
    // A list shows each service as it is, then moves it (and its deployments) on.
    expect(await list()).toEqual([["a-svc:CREATE_IN_PROGRESS", "b-svc:CREATE_IN_PROGRESS"], ["c-svc:CREATE_IN_PROGRESS"]]);
    expect(await list()).toEqual([["a-svc:ACTIVE", "b-svc:ACTIVE"], ["c-svc:ACTIVE"]]);
  });
});

describe("Proton service pipelines", () => {
  it("updates the pipeline (ServicePipelineDeployed waiter) and fails it on request", async () => {
    await activeService({ instances: ["api-a"], minors: 2 });
    const spec = "proton: ServiceSpec\npipeline:\n  unit_test_command: npm run test:ci\n";
    const update = await proton.send(new UpdateServicePipelineCommand({ serviceName: "orders", spec, deploymentType: "MINOR_VERSION" }));
    expect(update.pipeline).toMatchObject({ deploymentStatus: "IN_PROGRESS", templateMinorVersion: "0" });
    const deployed = await waitUntilServicePipelineDeployed(fast(), { name: "orders" });
    expect(deployed.reason.service.pipeline).toMatchObject({ deploymentStatus: "SUCCEEDED", templateMinorVersion: "1", spec });

    aws.lifecycle("Proton.ServicePipelineDeployment", { serviceName: "orders", action: "DEPLOY" }).endsIn("FAILED");
    await proton.send(new UpdateServicePipelineCommand({ serviceName: "orders", spec, deploymentType: "CURRENT_VERSION" }));
    const failed = await rejectionOf(waitUntilServicePipelineDeployed(fast(), { name: "orders" }));
    expect(failed.message).toContain("FAILED");
  });

  it("cancels a pipeline deployment and checks the pipeline exists", async () => {
    await activeService({ instances: ["api-a"] });
    const spec = "proton: ServiceSpec\npipeline:\n  unit_test_command: make test\n";
    await proton.send(new UpdateServicePipelineCommand({ serviceName: "orders", spec, deploymentType: "CURRENT_VERSION" }));
    const cancelled = await proton.send(new CancelServicePipelineDeploymentCommand({ serviceName: "orders" }));
    expect(cancelled.pipeline!.deploymentStatus).toBe("CANCELLING");
    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.pipeline!.deploymentStatus).toBe("CANCELLING");
    const { service } = await proton.send(new GetServiceCommand({ name: "orders" }));
    expect(service!.pipeline).toMatchObject({ deploymentStatus: "CANCELLED", spec: serviceSpec([{ name: "api-a", environment: "prod" }]) });
    expect(await rejectionOf(proton.send(new CancelServicePipelineDeploymentCommand({ serviceName: "orders" })))).toBeInstanceOf(ConflictException);
    const badSpec = await rejectionOf(proton.send(new UpdateServicePipelineCommand({ serviceName: "orders", spec: "- a list", deploymentType: "CURRENT_VERSION" })));
    expect(badSpec).toBeInstanceOf(ValidationException);

    await publishedServiceTemplate("plain-svc", 1, { pipeline: false });
    await proton.send(new CreateServiceCommand({ name: "plain", templateName: "plain-svc", templateMajorVersion: "1", spec: serviceSpec([{ name: "plain-a", environment: "prod" }], false) }));
    const none = await rejectionOf(proton.send(new UpdateServicePipelineCommand({ serviceName: "plain", spec, deploymentType: "CURRENT_VERSION" })));
    expect(none).toBeInstanceOf(ResourceNotFoundException);
    expect(none.message).toContain("no pipeline");
    expect(await rejectionOf(proton.send(new ListServicePipelineOutputsCommand({ serviceName: "plain" })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
