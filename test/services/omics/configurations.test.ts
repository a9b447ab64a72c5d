import {
  ConflictException,
  CreateConfigurationCommand,
  DeleteConfigurationCommand,
  GetConfigurationCommand,
  GetRunCommand,
  ListConfigurationsCommand,
  paginateListConfigurations,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartRunCommand,
  ValidationException,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { setServiceQuota } from "aws-doubles/omics";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, HELLO_PARAMS, omics, OUTPUT, ROLE, startRun } from "./helpers.js";

const VPC = { vpcConfig: { securityGroupIds: ["sg-0123abcd"], subnetIds: ["subnet-0123abcd", "subnet-4567ef01"] } };

async function activeConfiguration(name: string): Promise<void> {
  await omics.send(new CreateConfigurationCommand({ name, runConfigurations: VPC }));
  for (let i = 0; i < 5; i++) if ((await omics.send(new GetConfigurationCommand({ name }))).status === "ACTIVE") return;
  throw new Error(`configuration ${name} did not become ACTIVE`);
}

describe("HealthOmics configurations", () => {
  it("creates a configuration CREATING → ACTIVE and reads it back", async () => {
    const created = await omics.send(new CreateConfigurationCommand({ name: "vpc-runs", description: "private subnets", runConfigurations: VPC, tags: { net: "private" }, requestId: "cfg-1" }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ arn: arn("configuration/vpc-runs"), name: "vpc-runs", description: "private subnets", status: "CREATING", runConfigurations: VPC, tags: { net: "private" } });
    expect(created.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.creationTime).toBeInstanceOf(Date);
    expect((await omics.send(new GetConfigurationCommand({ name: "vpc-runs" }))).status).toBe("CREATING"); // as created; this read moves it on
    const read = await omics.send(new GetConfigurationCommand({ name: "vpc-runs" }));
    expect(read).toMatchObject({ status: "ACTIVE", uuid: created.uuid, runConfigurations: VPC });
  });

  it("refuses duplicates, incomplete VPC settings and bad names", async () => {
    await activeConfiguration("taken");
    const duplicate = await rejectionOf(omics.send(new CreateConfigurationCommand({ name: "taken", runConfigurations: VPC })));
    expect(duplicate).toBeInstanceOf(ConflictException);
    expect(duplicate.$metadata.httpStatusCode).toBe(409);
    const noSubnet = await rejectionOf(omics.send(new CreateConfigurationCommand({ name: "x", runConfigurations: { vpcConfig: { securityGroupIds: ["sg-1234abcd"] } } })));
    expect(noSubnet).toBeInstanceOf(ValidationException);
    expect(noSubnet.message).toContain("at least one subnet");
    const badGroup = await rejectionOf(omics.send(new CreateConfigurationCommand({ name: "x", runConfigurations: { vpcConfig: { securityGroupIds: ["group-1"], subnetIds: ["subnet-0123abcd"] } } })));
    expect(badGroup.message).toContain("failed to satisfy constraint: Member must satisfy regular expression pattern: sg-[0-9a-f]+");
    const badName = await rejectionOf(omics.send(new CreateConfigurationCommand({ name: "_bad", runConfigurations: VPC })));
    expect(badName.message).toContain("at 'name' failed to satisfy constraint");
    const missing = await rejectionOf(omics.send(new CreateConfigurationCommand({ name: "x" } as never)));
    expect(missing.message).toContain("Value null at 'runConfigurations'");
    expect(await rejectionOf(omics.send(new GetConfigurationCommand({ name: "nope" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lets runs use an ACTIVE configuration with VPC networking", async () => {
    const workflowId = await activeWorkflow();
    await activeConfiguration("vpc-runs");
    const started = await omics.send(new StartRunCommand({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, networkingMode: "VPC", configurationName: "vpc-runs" }));
    const configuration = await omics.send(new GetConfigurationCommand({ name: "vpc-runs" }));
    expect(started.configuration).toEqual({ name: "vpc-runs", arn: configuration.arn, uuid: configuration.uuid });
    expect(started.networkingMode).toBe("VPC");
    const run = await omics.send(new GetRunCommand({ id: started.id }));
    expect(run).toMatchObject({ networkingMode: "VPC", configuration: { name: "vpc-runs" }, vpcConfig: VPC.vpcConfig });

    const hold = aws.lifecycle("Omics.Configuration", { name: "young" }).staysIn("CREATING");
    await omics.send(new CreateConfigurationCommand({ name: "young", runConfigurations: VPC }));
    const notActive = await rejectionOf(startRun({ workflowId, networkingMode: "VPC", configurationName: "young" }));
    expect(notActive).toBeInstanceOf(ConflictException);
    expect(notActive.message).toContain("Configuration young is CREATING");
    hold.release();
  });

  it("deletes a configuration DELETING → DELETED, after which it is gone and its name free", async () => {
    await activeConfiguration("old");
    const deleted = await omics.send(new DeleteConfigurationCommand({ name: "old" }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    const twice = await rejectionOf(omics.send(new DeleteConfigurationCommand({ name: "old" })));
    expect(twice).toBeInstanceOf(ConflictException);
    expect(twice.message).toContain("is DELETING");
    expect((await omics.send(new GetConfigurationCommand({ name: "old" }))).status).toBe("DELETING"); // this read moves it to DELETED
    expect(await rejectionOf(omics.send(new GetConfigurationCommand({ name: "old" })))).toBeInstanceOf(ResourceNotFoundException);
    await activeConfiguration("old");
  });

  it("lists configurations ten at most per page, with the SDK paginator", async () => {
    setServiceQuota("configurations", 20);
    for (let i = 0; i < 12; i++) await omics.send(new CreateConfigurationCommand({ name: `cfg-${i}`, runConfigurations: VPC }));
    const sizes: number[] = [];
    for await (const page of paginateListConfigurations({ client: omics }, {})) sizes.push(page.items!.length);
    expect(sizes).toEqual([10, 2]);
    const tooBig = await rejectionOf(omics.send(new ListConfigurationsCommand({ maxResults: 11 })));
    expect(tooBig.message).toContain("Member must have value less than or equal to 10");
  });

  it("enforces the configurations quota", async () => {
    setServiceQuota("configurations", 1);
    await omics.send(new CreateConfigurationCommand({ name: "first", runConfigurations: VPC }));
    const error = await rejectionOf(omics.send(new CreateConfigurationCommand({ name: "second", runConfigurations: VPC })));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.message).toContain('quota "configurations"');
  });
});
