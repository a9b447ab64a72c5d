import {
  CreateEnvironmentCommand,
  CreateServiceCommand,
  GetEnvironmentCommand,
  GetServiceCommand,
  GetServiceInstanceCommand,
  UpdateAccountSettingsCommand,
  UpdateEnvironmentCommand,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { aws, CONNECTION_ARN, deployedEnvironment, ENV_SPEC, PIPELINE_ROLE, proton, publishedEnvironmentTemplate, publishedServiceTemplate, ROLE, serviceSpec } from "./helpers.js";

const status = async (name: string) => (await proton.send(new GetEnvironmentCommand({ name }))).environment!.deploymentStatus;

describe("Proton lifecycle controls", () => {
  it("declares its kinds: running() shows deployments with their attributes; rules validate states and attributes", async () => {
    await publishedEnvironmentTemplate();
    await proton.send(new CreateEnvironmentCommand({ name: "prod", templateName: "vpc-env", templateMajorVersion: "1", protonServiceRoleArn: ROLE, spec: ENV_SPEC }));
    const [running] = aws.running("Proton.EnvironmentDeployment");
    expect(running).toMatchObject({ kind: "Proton.EnvironmentDeployment", state: "IN_PROGRESS", attributes: { environmentName: "prod", action: "DEPLOY" } });
    expect(running!.attributes["deploymentId"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => aws.lifecycle("Proton.EnvironmentDeployment").endsIn("SUCCEEDED" as never)).toThrow(/choose one of: FAILED, CANCELLED, DELETE_FAILED/);
    expect(() => aws.lifecycle("Proton.Service", { color: "red" } as never)).toThrow(/can match on serviceName, action/);
    expect(() => aws.lifecycle("Proton.Environment" as never)).toThrow(/Unknown lifecycle kind/);
  });

  it("moves nothing in manual mode until step() or settle()", async () => {
    await publishedEnvironmentTemplate();
    aws.configure({ transitions: "manual" });
    await proton.send(new CreateEnvironmentCommand({ name: "prod", templateName: "vpc-env", templateMajorVersion: "1", protonServiceRoleArn: ROLE, spec: ENV_SPEC }));
    for (let i = 0; i < 3; i++) expect(await status("prod")).toBe("IN_PROGRESS");
    aws.step();
    expect(await status("prod")).toBe("SUCCEEDED");
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    aws.settle();
    expect(await status("prod")).toBe("SUCCEEDED");
  });

  it("slows a deployment down, holds it, and ends it CANCELLED through CANCELLING", async () => {
    await deployedEnvironment("prod");
    aws.lifecycle("Proton.EnvironmentDeployment", { environmentName: "prod" }).slow(3, { times: 1 });
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    // Three reads per step: the third moves it, the fourth shows where it went.
    const slowly = [await status("prod"), await status("prod"), await status("prod"), await status("prod")];
    expect(slowly).toEqual(["IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "SUCCEEDED"]);

    const hold = aws.lifecycle("Proton.EnvironmentDeployment").staysIn("IN_PROGRESS");
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    for (let i = 0; i < 4; i++) expect(await status("prod")).toBe("IN_PROGRESS");
    hold.release();
    expect([await status("prod"), await status("prod")]).toEqual(["IN_PROGRESS", "SUCCEEDED"]);

    aws.lifecycle("Proton.EnvironmentDeployment").endsIn("CANCELLED", { times: 1 });
    await proton.send(new UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }));
    expect([await status("prod"), await status("prod"), await status("prod")]).toEqual(["IN_PROGRESS", "CANCELLING", "CANCELLED"]);
  });

  it("keeps a service CREATE_IN_PROGRESS while one of its instances is held, in poll mode", async () => {
    await deployedEnvironment("prod");
    await publishedServiceTemplate("api-svc");
    await proton.send(new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: PIPELINE_ROLE }));
    const hold = aws.lifecycle("Proton.ServiceInstanceDeployment", { serviceInstanceName: "api-b" }).staysIn("IN_PROGRESS");
    await proton.send(
      new CreateServiceCommand({
        name: "orders",
        templateName: "api-svc",
        templateMajorVersion: "1",
        spec: serviceSpec([
          { name: "api-a", environment: "prod" },
          { name: "api-b", environment: "prod" },
        ]),
        repositoryConnectionArn: CONNECTION_ARN,
        repositoryId: "acme/orders",
        branchName: "main",
      }),
    );
    for (let i = 0; i < 3; i++) expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("CREATE_IN_PROGRESS");
    expect((await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }))).serviceInstance!.deploymentStatus).toBe("SUCCEEDED");
    hold.release();
    // The read after the release shows the service as it is, and moves api-b on, then the service.
    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("CREATE_IN_PROGRESS");
    expect((await proton.send(new GetServiceCommand({ name: "orders" }))).service!.status).toBe("ACTIVE");
  });
});
