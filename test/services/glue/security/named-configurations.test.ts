import {
  CreateDevEndpointCommand,
  CreateMLTransformCommand,
  CreateSecurityConfigurationCommand,
  CreateSessionCommand,
  DeleteSecurityConfigurationCommand,
  GetDevEndpointCommand,
  GetDevEndpointsCommand,
  GetMLTransformsCommand,
  GetSessionCommand,
  InvalidInputException,
  ListSessionsCommand,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, ROLE } from "../helpers.js";

/**
 * Dev endpoints, interactive sessions and ML transforms name a security configuration. As
 * CreateCrawler does, their create call retrieves it: one that does not exist refuses the
 * call (and nothing is created); one deleted afterwards is the next run's business.
 */
const createConfiguration = (Name: string) => glue.send(new CreateSecurityConfigurationCommand({ Name, EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: "SSE-S3" }] } }));

const devEndpoint = (SecurityConfiguration: string) => glue.send(new CreateDevEndpointCommand({ EndpointName: "dev", RoleArn: ROLE, SecurityConfiguration }));
const session = (SecurityConfiguration: string) => glue.send(new CreateSessionCommand({ Id: "s1", Role: ROLE, Command: { Name: "glueetl" }, SecurityConfiguration }));
const transform = (TaskRunSecurityConfigurationName: string) =>
  glue.send(
    new CreateMLTransformCommand({
      Name: "dedupe",
      Role: ROLE,
      InputRecordTables: [{ DatabaseName: "db", TableName: "people" }],
      Parameters: { TransformType: "FIND_MATCHES", FindMatchesParameters: { PrimaryKeyColumnName: "id" } },
      TransformEncryption: { TaskRunSecurityConfigurationName },
    }),
  );

describe("Glue security configurations named by other resources", () => {
  it("refuses a dev endpoint naming a security configuration that does not exist, and creates nothing", async () => {
    const refused = await rejectionOf(devEndpoint("absent"));
    expect(refused).toBeInstanceOf(InvalidInputException);
    expect(refused.message).toContain("security configuration absent not found");
    expect((await glue.send(new GetDevEndpointsCommand({}))).DevEndpoints).toEqual([]);

    await createConfiguration("encrypted");
    await devEndpoint("encrypted");
    expect((await glue.send(new GetDevEndpointCommand({ EndpointName: "dev" }))).DevEndpoint?.SecurityConfiguration).toBe("encrypted");
  });

  it("refuses a session naming a security configuration that does not exist, and creates nothing", async () => {
    expect(await rejectionOf(session("absent"))).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new ListSessionsCommand({}))).Ids).toEqual([]);

    await createConfiguration("encrypted");
    await session("encrypted");
    expect((await glue.send(new GetSessionCommand({ Id: "s1" }))).Session?.SecurityConfiguration).toBe("encrypted");
  });

  it("refuses an ML transform whose task runs name a security configuration that does not exist", async () => {
    expect(await rejectionOf(transform("absent"))).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new GetMLTransformsCommand({}))).Transforms).toEqual([]);

    await createConfiguration("encrypted");
    const { TransformId } = await transform("encrypted");
    expect(TransformId).toMatch(/^tfm-/);
  });

  it("keeps a resource whose configuration is deleted afterwards, as AWS lets the configuration go", async () => {
    await createConfiguration("encrypted");
    await devEndpoint("encrypted");
    await glue.send(new DeleteSecurityConfigurationCommand({ Name: "encrypted" }));
    expect((await glue.send(new GetDevEndpointCommand({ EndpointName: "dev" }))).DevEndpoint?.SecurityConfiguration).toBe("encrypted");
  });
});
