import {
  BatchDeleteConnectionCommand,
  CreateConnectionCommand,
  DeleteConnectionCommand,
  EntityNotFoundException,
  GetConnectionCommand,
  GetConnectionsCommand,
  GetTagsCommand,
  InvalidInputException,
  AlreadyExistsException,
  PutDataCatalogEncryptionSettingsCommand,
  TestConnectionCommand,
  UpdateConnectionCommand,
  paginateGetConnections,
  type ConnectionInput,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { registerConnectionTest, unregisterConnectionTest } from "aws-doubles/glue";
import { describe, expect, it } from "vitest";
import { arnOf, glue } from "../helpers.js";
import { JDBC } from "./fixtures.js";


const createConnection = (input: Partial<ConnectionInput> = {}, extra: { CatalogId?: string; Tags?: Record<string, string> } = {}) =>
  glue.send(new CreateConnectionCommand({ ConnectionInput: { ...JDBC, ...input }, ...extra }));

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

describe("Glue connections", () => {
  it("creates a connection and reads it back, with its password unless HidePassword", async () => {
    const created = await createConnection({}, { Tags: { team: "data" } });
    expect(created.CreateConnectionStatus).toBe("READY");
    const { Connection } = await glue.send(new GetConnectionCommand({ Name: "orders-db" }));
    expect(Connection).toMatchObject({
      Name: "orders-db",
      ConnectionType: "JDBC",
      MatchCriteria: ["orders", "postgres"],
      ConnectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db.internal:5432/orders", USERNAME: "app", PASSWORD: "s3cret" },
      Status: "READY",
      ConnectionSchemaVersion: 1,
    });
    expect(Connection!.CreationTime).toBeInstanceOf(Date);
    const hidden = (await glue.send(new GetConnectionCommand({ Name: "orders-db", HidePassword: true }))).Connection!;
    expect(hidden.ConnectionProperties).toEqual({ JDBC_CONNECTION_URL: "jdbc:postgresql://db.internal:5432/orders", USERNAME: "app" });
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("connection", "orders-db") }))).Tags).toEqual({ team: "data" });
  });

  it("refuses a duplicate, an unknown type, SFTP and incomplete properties, and stores nothing then", async () => {
    await createConnection();
    expect(await errorOf(createConnection())).toBeInstanceOf(AlreadyExistsException);
    const bogus = await errorOf(createConnection({ Name: "x", ConnectionType: "NOT_A_TYPE" as never }));
    expect(bogus).toBeInstanceOf(InvalidInputException);
    expect(bogus.message).toContain("NOT_A_TYPE");
    expect((await errorOf(createConnection({ Name: "sftp", ConnectionType: "SFTP" }))).message).toContain("not supported");
    const noUrl = await errorOf(createConnection({ Name: "no-url", ConnectionProperties: { USERNAME: "a", PASSWORD: "b" } }));
    expect(noUrl.message).toContain("JDBC_CONNECTION_URL");
    const noCredentials = await errorOf(createConnection({ Name: "no-creds", ConnectionProperties: { JDBC_CONNECTION_URL: "jdbc:mysql://h:3306/d" } }));
    expect(noCredentials.message).toContain("credentials");
    // A secret instead of a user and password is enough.
    await createConnection({ Name: "with-secret", ConnectionProperties: { JDBC_CONNECTION_URL: "jdbc:mysql://h:3306/d", SECRET_ID: "db-secret" } });
    expect((await errorOf(createConnection({ Name: "kafka", ConnectionType: "KAFKA", ConnectionProperties: {} }))).message).toContain("KAFKA_BOOTSTRAP_SERVERS");
    expect((await errorOf(createConnection({ Name: "sf", ConnectionType: "SALESFORCE", ConnectionProperties: {} }))).message).toContain("AuthenticationConfiguration is required");
    expect((await errorOf(createConnection({ Name: "net", ConnectionType: "NETWORK", ConnectionProperties: {} }))).message).toContain("PhysicalConnectionRequirements");
    const names = (await glue.send(new GetConnectionsCommand({}))).ConnectionList!.map((c) => c.Name);
    expect(names).toEqual(["orders-db", "with-secret"]);
  });

  it("keeps inline credentials in a Glue-managed secret and shows compute-environment properties on request", async () => {
    await createConnection({
      Name: "salesforce",
      ConnectionType: "SALESFORCE",
      ConnectionProperties: { INSTANCE_URL: "https://example.my.salesforce.com" } as never,
      SparkProperties: { secretId: "spark-secret" },
      AuthenticationConfiguration: {
        AuthenticationType: "OAUTH2",
        OAuth2Properties: { OAuth2GrantType: "JWT_BEARER", OAuth2Credentials: { JwtToken: "a.b.c" } },
      },
    });
    const connection = (await glue.send(new GetConnectionCommand({ Name: "salesforce", ApplyOverrideForComputeEnvironment: "SPARK" }))).Connection!;
    expect(connection.ConnectionSchemaVersion).toBe(2);
    expect(connection.ConnectionProperties).toEqual({ INSTANCE_URL: "https://example.my.salesforce.com", secretId: "spark-secret" });
    expect(connection.AuthenticationConfiguration).toEqual({ AuthenticationType: "OAUTH2", OAuth2Properties: { OAuth2GrantType: "JWT_BEARER" } });

    await createConnection({
      Name: "basic",
      ConnectionProperties: { JDBC_CONNECTION_URL: "jdbc:mysql://h:3306/d" },
      AuthenticationConfiguration: { AuthenticationType: "BASIC", BasicAuthenticationCredentials: { Username: "u", Password: "p" } },
    });
    const basic = (await glue.send(new GetConnectionCommand({ Name: "basic" }))).Connection!;
    expect(basic.AuthenticationConfiguration!.SecretArn).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:glue!123456789012-basic-[0-9a-f]{6}$/);
    expect(JSON.stringify(basic)).not.toContain('"p"');
  });

  it("returns passwords encrypted once connection password protection is on", async () => {
    await glue.send(
      new PutDataCatalogEncryptionSettingsCommand({
        DataCatalogEncryptionSettings: { ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: "alias/glue-passwords" } },
      }),
    );
    await createConnection();
    const properties = (await glue.send(new GetConnectionCommand({ Name: "orders-db" }))).Connection!.ConnectionProperties!;
    expect(properties.PASSWORD).toBeUndefined();
    expect(properties.ENCRYPTED_PASSWORD).toMatch(/^AQICAH/);
    expect(properties.ENCRYPTED_PASSWORD).not.toContain("s3cret");
    const hidden = (await glue.send(new GetConnectionCommand({ Name: "orders-db", HidePassword: true }))).Connection!.ConnectionProperties!;
    expect(Object.keys(hidden).sort()).toEqual(["JDBC_CONNECTION_URL", "USERNAME"]);
    // Returned in clear again when ReturnConnectionPasswordEncrypted is turned off.
    await glue.send(new PutDataCatalogEncryptionSettingsCommand({ DataCatalogEncryptionSettings: { ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false, AwsKmsKeyId: "alias/glue-passwords" } } }));
    expect((await glue.send(new GetConnectionCommand({ Name: "orders-db" }))).Connection!.ConnectionProperties!.PASSWORD).toBe("s3cret");
  });

  it("filters GetConnections by match criteria, type and schema version, and pages with the SDK paginator", async () => {
    for (let i = 0; i < 7; i++) await createConnection({ Name: `c${i}`, MatchCriteria: i % 2 === 0 ? ["even", "all"] : ["all"] });
    await createConnection({ Name: "kafka", ConnectionType: "KAFKA", ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: "b-1:9092" }, MatchCriteria: ["all"] });
    const names: string[] = [];
    for await (const page of paginateGetConnections({ client: glue, pageSize: 3 }, { Filter: { MatchCriteria: ["all"] } })) {
      expect(page.ConnectionList!.length).toBeLessThanOrEqual(3);
      names.push(...page.ConnectionList!.map((c) => c.Name!));
    }
    expect(names).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "kafka"]);
    const even = await glue.send(new GetConnectionsCommand({ Filter: { MatchCriteria: ["even", "all"] } }));
    expect(even.ConnectionList!.map((c) => c.Name)).toEqual(["c0", "c2", "c4", "c6"]);
    const kafka = await glue.send(new GetConnectionsCommand({ Filter: { ConnectionType: "KAFKA" } }));
    expect(kafka.ConnectionList!.map((c) => c.Name)).toEqual(["kafka"]);
    expect((await glue.send(new GetConnectionsCommand({ Filter: { ConnectionSchemaVersion: 2 } }))).ConnectionList).toEqual([]);
    const hidden = await glue.send(new GetConnectionsCommand({ HidePassword: true, Filter: { ConnectionType: "JDBC" } }));
    expect(hidden.ConnectionList!.every((c) => c.ConnectionProperties!.PASSWORD === undefined)).toBe(true);
    // A token belongs to its filter.
    const first = await glue.send(new GetConnectionsCommand({ MaxResults: 1, Filter: { MatchCriteria: ["all"] } }));
    expect(await errorOf(glue.send(new GetConnectionsCommand({ NextToken: first.NextToken, Filter: { MatchCriteria: ["even"] } })))).toBeInstanceOf(InvalidInputException);
  });

  it("updates a connection as a whole, renames it, and refuses an unknown one", async () => {
    await createConnection({}, { Tags: { t: "1" } });
    await glue.send(
      new UpdateConnectionCommand({
        Name: "orders-db",
        ConnectionInput: { ...JDBC, Name: "orders", Description: "renamed", ConnectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db2:5432/orders", SECRET_ID: "s" } },
      }),
    );
    expect(await errorOf(glue.send(new GetConnectionCommand({ Name: "orders-db" })))).toBeInstanceOf(EntityNotFoundException);
    const connection = (await glue.send(new GetConnectionCommand({ Name: "orders" }))).Connection!;
    expect(connection.Description).toBe("renamed");
    expect(connection.ConnectionProperties).toEqual({ JDBC_CONNECTION_URL: "jdbc:postgresql://db2:5432/orders", SECRET_ID: "s" });
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("connection", "orders") }))).Tags).toEqual({ t: "1" });
    expect(await errorOf(glue.send(new UpdateConnectionCommand({ Name: "absent", ConnectionInput: JDBC })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("deletes one connection, or many with per-name errors", async () => {
    await createConnection({ Name: "a" });
    await createConnection({ Name: "b" });
    await glue.send(new DeleteConnectionCommand({ ConnectionName: "a" }));
    expect(await errorOf(glue.send(new DeleteConnectionCommand({ ConnectionName: "a" })))).toBeInstanceOf(EntityNotFoundException);
    const batch = await glue.send(new BatchDeleteConnectionCommand({ ConnectionNameList: ["b", "a", "c"] }));
    expect(batch.Succeeded).toEqual(["b"]);
    expect(Object.keys(batch.Errors!).sort()).toEqual(["a", "c"]);
    expect(batch.Errors!.a).toMatchObject({ ErrorCode: "EntityNotFoundException" });
    expect((await glue.send(new GetConnectionsCommand({}))).ConnectionList).toEqual([]);
  });

  it("reaches another account's catalog by CatalogId and refuses a CatalogId that is not an account", async () => {
    await createConnection({ Name: "shared" }, { CatalogId: "210987654321" });
    expect((await glue.send(new GetConnectionsCommand({}))).ConnectionList).toEqual([]);
    expect((await glue.send(new GetConnectionCommand({ Name: "shared", CatalogId: "210987654321" }))).Connection!.Name).toBe("shared");
    expect(await errorOf(glue.send(new GetConnectionCommand({ Name: "shared", CatalogId: "not-an-account" })))).toBeInstanceOf(InvalidInputException);
  });

  describe("TestConnection", () => {
    it("passes by default, needs exactly one of a name and an input, and records the validation time", async () => {
      await createConnection();
      await glue.send(new TestConnectionCommand({ ConnectionName: "orders-db" }));
      expect((await glue.send(new GetConnectionCommand({ Name: "orders-db" }))).Connection!.LastConnectionValidationTime).toBeInstanceOf(Date);
      expect(await errorOf(glue.send(new TestConnectionCommand({})))).toBeInstanceOf(InvalidInputException);
      const both = await errorOf(glue.send(new TestConnectionCommand({ ConnectionName: "orders-db", TestConnectionInput: { ConnectionType: "JDBC", ConnectionProperties: {} } })));
      expect(both).toBeInstanceOf(InvalidInputException);
      expect(await errorOf(glue.send(new TestConnectionCommand({ ConnectionName: "absent" })))).toBeInstanceOf(EntityNotFoundException);
      await glue.send(new TestConnectionCommand({ TestConnectionInput: { ConnectionType: "JDBC", ConnectionProperties: JDBC.ConnectionProperties! } }));
      expect((await errorOf(glue.send(new TestConnectionCommand({ TestConnectionInput: { ConnectionType: "JDBC", ConnectionProperties: { USERNAME: "u" } } })))).message).toContain("JDBC_CONNECTION_URL");
      expect((await errorOf(glue.send(new TestConnectionCommand({ TestConnectionInput: { ConnectionType: "KAFKA", ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: "b:9092" } } })))).message).toContain("JDBC and SALESFORCE");
    });

    it("fails as the registered stand-in says, changing nothing", async () => {
      await createConnection();
      registerConnectionTest("orders-db", { ok: false, message: "Communications link failure" });
      const failure = await errorOf(glue.send(new TestConnectionCommand({ ConnectionName: "orders-db" })));
      expect(failure).toBeInstanceOf(InvalidInputException);
      expect(failure.message).toContain("Communications link failure");
      expect((await glue.send(new GetConnectionCommand({ Name: "orders-db" }))).Connection!.LastConnectionValidationTime).toBeUndefined();
      registerConnectionTest("*", () => {
        throw new Error("password authentication failed for user app");
      });
      const thrown = await errorOf(glue.send(new TestConnectionCommand({ TestConnectionInput: { ConnectionType: "JDBC", ConnectionProperties: JDBC.ConnectionProperties! } })));
      expect(thrown.message).toContain("password authentication failed");
      registerConnectionTest("orders-db", true);
      await glue.send(new TestConnectionCommand({ ConnectionName: "orders-db" }));
      // Without its own, the connection is answered by "*".
      expect(unregisterConnectionTest("orders-db")).toBe(true);
      expect((await errorOf(glue.send(new TestConnectionCommand({ ConnectionName: "orders-db" })))).message).toContain("password authentication failed");
      aws.reset();
      expect(await errorOf(glue.send(new TestConnectionCommand({ ConnectionName: "orders-db" })))).toBeInstanceOf(EntityNotFoundException);
    });
  });
});
