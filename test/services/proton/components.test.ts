import {
  CancelComponentDeploymentCommand,
  ConflictException,
  CreateComponentCommand,
  DeleteComponentCommand,
  DeleteEnvironmentCommand,
  DeleteServiceCommand,
  GetComponentCommand,
  ListComponentOutputsCommand,
  ListComponentProvisionedResourcesCommand,
  ListComponentsCommand,
  paginateListComponents,
  ResourceNotFoundException,
  UpdateComponentCommand,
  UpdateEnvironmentCommand,
  UpdateServiceCommand,
  UpdateServiceInstanceCommand,
  ValidationException,
  waitUntilComponentDeleted,
  waitUntilComponentDeployed,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { provideDeploymentOutputs } from "aws-doubles/proton";
import { rejectionOf } from "../../support/errors.js";
import { activeService, arn, aws, COMPONENT_ROLE, deployedEnvironment, fast, proton, serviceSpec } from "./helpers.js";

const MANIFEST = "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n";
const TEMPLATE = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";
const base = { templateFile: TEMPLATE, manifest: MANIFEST };

describe("Proton components", () => {
  it("creates a detached component in an environment and deploys it (ComponentDeployed waiter)", async () => {
    await activeService({ instances: ["api-a"], components: true });
    const created = await proton.send(new CreateComponentCommand({ name: "queue", environmentName: "prod", description: "a queue", clientToken: "c-1", ...base }));
    expect(created.component).toMatchObject({
      name: "queue",
      arn: arn("component/queue"),
      environmentName: "prod",
      deploymentStatus: "IN_PROGRESS",
      description: "a queue",
      lastClientRequestToken: "c-1",
    });
    expect(created.component!.serviceName).toBeUndefined();
    const deployed = await waitUntilComponentDeployed(fast(), { name: "queue" });
    expect(deployed.reason.component.deploymentStatus).toBe("SUCCEEDED");
    const resources = await proton.send(new ListComponentProvisionedResourcesCommand({ componentName: "queue" }));
    expect(resources.provisionedResources![0]!.name).toMatch(/^AWSProton-queue-cloudformation-/);
  });

  it("attaches a component to a service instance that supports directly defined components", async () => {
    await activeService({ instances: ["api-a", "api-b"], components: true });
    const attached = await proton.send(new CreateComponentCommand({ name: "cache", serviceName: "orders", serviceInstanceName: "api-a", serviceSpec: "port: 6379\n", ...base }));
    expect(attached.component).toMatchObject({ environmentName: "prod", serviceName: "orders", serviceInstanceName: "api-a", serviceSpec: "port: 6379\n" });

    const second = await rejectionOf(proton.send(new CreateComponentCommand({ name: "cache2", serviceName: "orders", serviceInstanceName: "api-a", ...base })));
    expect(second).toBeInstanceOf(ConflictException);
    expect(second.message).toContain("already has component cache");
    const half = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", serviceName: "orders", ...base })));
    expect(half).toBeInstanceOf(ValidationException);
    expect(half.message).toContain("both serviceName and serviceInstanceName");
    const otherEnv = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", serviceName: "orders", serviceInstanceName: "api-b", environmentName: "elsewhere", ...base })));
    expect(otherEnv.message).toContain("runs in environment prod");
    const noInstance = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", serviceName: "orders", serviceInstanceName: "ghost", ...base })));
    expect(noInstance).toBeInstanceOf(ResourceNotFoundException);
    const duplicate = await rejectionOf(proton.send(new CreateComponentCommand({ name: "cache", environmentName: "prod", ...base })));
    expect(duplicate).toBeInstanceOf(ConflictException);

    // An attached component holds its instance's service and its environment.
    aws.settle();
    expect(await rejectionOf(proton.send(new DeleteServiceCommand({ name: "orders" })))).toBeInstanceOf(ConflictException);
    const deleteAttached = await rejectionOf(proton.send(new DeleteComponentCommand({ name: "cache" })));
    expect(deleteAttached).toBeInstanceOf(ConflictException);
    expect(deleteAttached.message).toContain("detach it");
    // An instance being removed from the service takes no component.
    await proton.send(new UpdateServiceCommand({ name: "orders", spec: serviceSpec([{ name: "api-a", environment: "prod" }]) }));
    const leaving = await rejectionOf(proton.send(new CreateComponentCommand({ name: "late", serviceName: "orders", serviceInstanceName: "api-b", ...base })));
    expect(leaving).toBeInstanceOf(ConflictException);
    expect(leaving.message).toContain("DELETE_IN_PROGRESS");
  });

  it("checks the environment's component role, the template's component support and the inputs", async () => {
    await activeService({ instances: ["api-a"] });
    const unsupported = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", serviceName: "orders", serviceInstanceName: "api-a", ...base })));
    expect(unsupported).toBeInstanceOf(ValidationException);
    expect(unsupported.message).toContain("doesn't support directly defined components");
    await deployedEnvironment("staging");
    const noRole = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", environmentName: "staging", ...base })));
    expect(noRole.message).toContain("componentRoleArn");
    expect(await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", environmentName: "nowhere", ...base })))).toBeInstanceOf(ResourceNotFoundException);
    const noEnv = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", ...base })));
    expect(noEnv.message).toContain("Specify environmentName");
    const specDetached = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", environmentName: "prod", serviceSpec: "a: 1", ...base })));
    expect(specDetached.message).toContain("serviceSpec");
    const badManifest = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", environmentName: "prod", templateFile: TEMPLATE, manifest: "[not: a mapping" })));
    expect(badManifest.message).toContain("component manifest is not valid YAML");
    const tooLong = await rejectionOf(proton.send(new CreateComponentCommand({ name: "x", environmentName: "prod", templateFile: TEMPLATE, manifest: "a".repeat(1025) })));
    expect(tooLong.message).toContain("at 'manifest' failed to satisfy constraint: Member must have length less than or equal to 1024");
    expect((await proton.send(new ListComponentsCommand({}))).components).toEqual([]);
  });

  it("updates the description only with NONE, and detaches and re-attaches with CURRENT_VERSION", async () => {
    await activeService({ instances: ["api-a", "api-b"], components: true });
    await proton.send(new CreateComponentCommand({ name: "cache", serviceName: "orders", serviceInstanceName: "api-a", ...base }));
    const busy = await rejectionOf(proton.send(new UpdateComponentCommand({ name: "cache", deploymentType: "NONE", description: "x" })));
    expect(busy).toBeInstanceOf(ConflictException);
    const busyInstance = await rejectionOf(proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" })));
    expect(busyInstance).toBeInstanceOf(ConflictException);
    expect(busyInstance.message).toContain("Component cache");
    await waitUntilComponentDeployed(fast(), { name: "cache" });

    const none = await proton.send(new UpdateComponentCommand({ name: "cache", deploymentType: "NONE", description: "redis" }));
    expect(none.component).toMatchObject({ description: "redis", deploymentStatus: "SUCCEEDED" });
    const noneWithFile = await rejectionOf(proton.send(new UpdateComponentCommand({ name: "cache", deploymentType: "NONE", templateFile: TEMPLATE })));
    expect(noneWithFile.message).toContain("description only");

    // An attached component moves to another instance only by way of detaching.
    const move = await rejectionOf(proton.send(new UpdateComponentCommand({ name: "cache", deploymentType: "CURRENT_VERSION", serviceName: "orders", serviceInstanceName: "api-b" })));
    expect(move).toBeInstanceOf(ValidationException);
    expect(move.message).toContain("detach it");
    const detached = await proton.send(new UpdateComponentCommand({ name: "cache", deploymentType: "CURRENT_VERSION", serviceName: "", serviceInstanceName: "" }));
    expect(detached.component).toMatchObject({ deploymentStatus: "IN_PROGRESS" });
    expect(detached.component!.serviceName).toBeUndefined();
    await waitUntilComponentDeployed(fast(), { name: "cache" });
    const half = await rejectionOf(proton.send(new UpdateComponentCommand({ name: "cache", deploymentType: "CURRENT_VERSION", serviceName: "orders", serviceInstanceName: "" })));
    expect(half.message).toContain("empty strings for both");
    const reattached = await proton.send(new UpdateComponentCommand({ name: "cache", deploymentType: "CURRENT_VERSION", serviceName: "orders", serviceInstanceName: "api-b", serviceSpec: "a: 1\n" }));
    expect(reattached.component).toMatchObject({ serviceName: "orders", serviceInstanceName: "api-b", serviceSpec: "a: 1\n" });
    expect(await rejectionOf(proton.send(new UpdateComponentCommand({ name: "ghost", deploymentType: "NONE" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("fails the ComponentDeployed waiter, and cancels a deployment", async () => {
    await deployedEnvironment("prod", { componentRoleArn: COMPONENT_ROLE });
    aws.lifecycle("Proton.ComponentDeployment", { componentName: "broken" }).endsIn("FAILED", { message: "template error" });
    await proton.send(new CreateComponentCommand({ name: "broken", environmentName: "prod", ...base }));
    const failed = await rejectionOf(waitUntilComponentDeployed(fast(), { name: "broken" }));
    expect(failed.message).toContain("FAILED");
    expect((await proton.send(new GetComponentCommand({ name: "broken" }))).component!.deploymentStatusMessage).toBe("template error");

    await proton.send(new CreateComponentCommand({ name: "slow", environmentName: "prod", ...base }));
    const cancelling = await proton.send(new CancelComponentDeploymentCommand({ componentName: "slow" }));
    expect(cancelling.component!.deploymentStatus).toBe("CANCELLING");
    expect((await proton.send(new GetComponentCommand({ name: "slow" }))).component!.deploymentStatus).toBe("CANCELLING");
    expect((await proton.send(new GetComponentCommand({ name: "slow" }))).component!.deploymentStatus).toBe("CANCELLED");
    expect(await rejectionOf(proton.send(new CancelComponentDeploymentCommand({ componentName: "slow" })))).toBeInstanceOf(ConflictException);
    expect(await rejectionOf(proton.send(new CancelComponentDeploymentCommand({ componentName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("deletes a detached component (ComponentDeleted waiter), and fails a deletion on request", async () => {
    await deployedEnvironment("prod", { componentRoleArn: COMPONENT_ROLE });
    await proton.send(new CreateComponentCommand({ name: "queue", environmentName: "prod", ...base }));
    aws.settle();
    const inUse = await rejectionOf(proton.send(new DeleteEnvironmentCommand({ name: "prod" })));
    expect(inUse).toBeInstanceOf(ConflictException);
    expect(inUse.message).toContain("components (queue)");
    const deleting = await proton.send(new DeleteComponentCommand({ name: "queue" }));
    expect(deleting.component!.deploymentStatus).toBe("DELETE_IN_PROGRESS");
    expect((await waitUntilComponentDeleted(fast(), { name: "queue" })).state).toBe("SUCCESS");
    expect(await rejectionOf(proton.send(new GetComponentCommand({ name: "queue" })))).toBeInstanceOf(ResourceNotFoundException);

    await proton.send(new CreateComponentCommand({ name: "stuck", environmentName: "prod", ...base }));
    aws.settle();
    aws.lifecycle("Proton.ComponentDeployment", { componentName: "stuck" }).endsIn("DELETE_FAILED");
    await proton.send(new DeleteComponentCommand({ name: "stuck" }));
    const failed = await rejectionOf(waitUntilComponentDeleted(fast(), { name: "stuck" }));
    expect(failed.message).toContain("DELETE_FAILED");
    expect(await rejectionOf(proton.send(new DeleteComponentCommand({ name: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("replays a client token while its component exists, not for one created again under the same name", async () => {
    await deployedEnvironment("prod", { componentRoleArn: COMPONENT_ROLE });
    const request = { name: "queue", environmentName: "prod", clientToken: "queue-1", ...base };
    const created = await proton.send(new CreateComponentCommand(request));
    const replay = await proton.send(new CreateComponentCommand(request));
    expect(replay.component!.lastAttemptedDeploymentId).toBe(created.component!.lastAttemptedDeploymentId);
    const mismatch = await rejectionOf(proton.send(new CreateComponentCommand({ ...request, description: "other" })));
    expect(mismatch).toBeInstanceOf(ValidationException);
    expect(mismatch.message).toContain("IdempotentParameterMismatch");

    aws.settle();
    await proton.send(new DeleteComponentCommand({ name: "queue" }));
    aws.settle();
    await proton.send(new CreateComponentCommand({ name: "queue", environmentName: "prod", ...base }));
    // The component the token created is gone: the retry is a new create, and the name is taken.
    const retry = await rejectionOf(proton.send(new CreateComponentCommand(request)));
    expect(retry).toBeInstanceOf(ConflictException);
    expect(retry.message).toContain("already exists");
  });

  it("lists components by environment, service and instance, with outputs", async () => {
    await activeService({ instances: ["api-a"], components: true });
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "NONE", description: "env" }));
    provideDeploymentOutputs(arn("component/cache"), { Endpoint: "cache.local" });
    await proton.send(new CreateComponentCommand({ name: "cache", serviceName: "orders", serviceInstanceName: "api-a", ...base }));
    for (const name of ["b-queue", "a-queue"]) await proton.send(new CreateComponentCommand({ name, environmentName: "prod", ...base }));
    aws.settle();
    const all: string[] = [];
    for await (const page of paginateListComponents({ client: proton, pageSize: 2 }, { environmentName: "prod" })) all.push(...page.components!.map((c) => c.name!));
    expect(all).toEqual(["a-queue", "b-queue", "cache"]);
    const attached = await proton.send(new ListComponentsCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    expect(attached.components!.map((c) => c.name)).toEqual(["cache"]);
    expect((await proton.send(new ListComponentOutputsCommand({ componentName: "cache" }))).outputs).toEqual([{ key: "Endpoint", valueString: "cache.local" }]);
    expect(await rejectionOf(proton.send(new ListComponentOutputsCommand({ componentName: "ghost" })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
