import {
  AlreadyExistsException,
  BatchGetDevEndpointsCommand,
  CreateDevEndpointCommand,
  DeleteDevEndpointCommand,
  EntityNotFoundException,
  GetDevEndpointCommand,
  GetTagsCommand,
  InvalidInputException,
  paginateGetDevEndpoints,
  paginateListDevEndpoints,
  UpdateDevEndpointCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, pollUntil, ROLE } from "../helpers.js";

const create = (EndpointName: string, extra: object = {}) => glue.send(new CreateDevEndpointCommand({ EndpointName, RoleArn: ROLE, ...extra }));

describe("Glue development endpoints", () => {
  it("provisions an endpoint: PROVISIONING, then READY with its addresses", async () => {
    const created = await create("dev", { GlueVersion: "1.0", Arguments: { GLUE_PYTHON_VERSION: "3" }, Tags: { team: "data" } });
    expect(created).toMatchObject({ EndpointName: "dev", Status: "PROVISIONING", RoleArn: ROLE, NumberOfNodes: 5, GlueVersion: "1.0", Arguments: { GLUE_PYTHON_VERSION: "3" } });
    const { value } = await pollUntil(() => glue.send(new GetDevEndpointCommand({ EndpointName: "dev" })), (r) => r.DevEndpoint!.Status === "READY");
    expect(value.DevEndpoint).toMatchObject({ Status: "READY", PublicAddress: expect.stringContaining("compute.amazonaws.com"), YarnEndpointAddress: expect.stringMatching(/^http:\/\//), ZeppelinRemoteSparkInterpreterPort: 9007 });
    expect((await glue.send(new GetTagsCommand({ ResourceArn: "arn:aws:glue:us-east-1:123456789012:devEndpoint/dev" }))).Tags).toEqual({ team: "data" });
    expect(await rejectionOf(create("dev"))).toBeInstanceOf(AlreadyExistsException);
  });

  it("gets a private address in a subnet, and workers instead of nodes", async () => {
    await create("vpc", { SubnetId: "subnet-1", SecurityGroupIds: ["sg-1"], WorkerType: "G.1X", NumberOfWorkers: 3 });
    aws.settle();
    const { DevEndpoint } = await glue.send(new GetDevEndpointCommand({ EndpointName: "vpc" }));
    expect(DevEndpoint).toMatchObject({ PrivateAddress: expect.stringMatching(/^10\./), VpcId: expect.stringMatching(/^vpc-/), SubnetId: "subnet-1", WorkerType: "G.1X", NumberOfWorkers: 3, NumberOfNodes: 0 });
    expect(DevEndpoint!.PublicAddress).toBeUndefined();
  });

  it("refuses inconsistent capacity and unknown endpoints", async () => {
    expect(await rejectionOf(create("bad", { WorkerType: "G.1X" }))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(create("bad", { WorkerType: "G.1X", NumberOfWorkers: 2, NumberOfNodes: 3 }))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(create("bad", { RoleArn: "not-a-role" }))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new GetDevEndpointCommand({ EndpointName: "bad" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteDevEndpointCommand({ EndpointName: "bad" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("fails provisioning when a test rule says so", async () => {
    aws.lifecycle("Glue.DevEndpoint", { EndpointName: "dev" }).endsIn("FAILED", { message: "Subnet has no free addresses." });
    await create("dev");
    aws.settle();
    expect((await glue.send(new GetDevEndpointCommand({ EndpointName: "dev" }))).DevEndpoint).toMatchObject({ Status: "FAILED", FailureReason: "Subnet has no free addresses." });
  });

  it("updates keys, arguments and libraries", async () => {
    await create("dev", { PublicKeys: ["k1", "k2"], Arguments: { a: "1", b: "2" } });
    await glue.send(new UpdateDevEndpointCommand({ EndpointName: "dev", AddPublicKeys: ["k3"], DeletePublicKeys: ["k1"], AddArguments: { c: "3" }, DeleteArguments: ["a"], CustomLibraries: { ExtraPythonLibsS3Path: "s3://libs/x.zip" }, UpdateEtlLibraries: true }));
    const { DevEndpoint } = await glue.send(new GetDevEndpointCommand({ EndpointName: "dev" }));
    expect(DevEndpoint).toMatchObject({ PublicKeys: ["k2", "k3"], Arguments: { b: "2", c: "3" }, ExtraPythonLibsS3Path: "s3://libs/x.zip", LastUpdateStatus: "COMPLETED" });
    const tooMany = await rejectionOf(glue.send(new UpdateDevEndpointCommand({ EndpointName: "dev", AddPublicKeys: ["a", "b", "c", "d"] })));
    expect(tooMany).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new GetDevEndpointCommand({ EndpointName: "dev" }))).DevEndpoint!.PublicKeys).toEqual(["k2", "k3"]);
    expect(await rejectionOf(glue.send(new UpdateDevEndpointCommand({ EndpointName: "absent" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("lists, pages, batch-gets and deletes endpoints", async () => {
    for (let i = 0; i < 5; i++) await create(`e${i}`, { Tags: i < 2 ? { env: "test" } : {} });
    const all: string[] = [];
    for await (const page of paginateGetDevEndpoints({ client: glue, pageSize: 2 }, {})) all.push(...page.DevEndpoints!.map((e) => e.EndpointName!));
    expect(all).toEqual(["e0", "e1", "e2", "e3", "e4"]);
    const tagged: string[] = [];
    for await (const page of paginateListDevEndpoints({ client: glue, pageSize: 1 }, { Tags: { env: "test" } })) tagged.push(...page.DevEndpointNames!);
    expect(tagged).toEqual(["e0", "e1"]);
    const batch = await glue.send(new BatchGetDevEndpointsCommand({ DevEndpointNames: ["e1", "zz"] }));
    expect(batch.DevEndpoints!.map((e) => e.EndpointName)).toEqual(["e1"]);
    expect(batch.DevEndpointsNotFound).toEqual(["zz"]);
    await glue.send(new DeleteDevEndpointCommand({ EndpointName: "e1" }));
    expect(await rejectionOf(glue.send(new GetDevEndpointCommand({ EndpointName: "e1" })))).toBeInstanceOf(EntityNotFoundException);
  });
});
