import {
  CreateConnectionCommand,
  DeleteConnectionTypeCommand,
  DescribeConnectionTypeCommand,
  EntityNotFoundException,
  GetTagsCommand,
  InvalidInputException,
  ListConnectionTypesCommand,
  RegisterConnectionTypeCommand,
  paginateListConnectionTypes,
  type RegisterConnectionTypeRequest,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { glue } from "../helpers.js";
import { REST_TYPE } from "./fixtures.js";


const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

describe("Glue connection types", () => {
  it("lists the built-in types with their capabilities, page by page", async () => {
    const types: string[] = [];
    for await (const page of paginateListConnectionTypes({ client: glue, pageSize: 20 }, {})) types.push(...page.ConnectionTypes!.map((t) => t.ConnectionType!));
    expect(types).toContain("JDBC");
    expect(types).toContain("SALESFORCE");
    expect(types).toContain("SNOWFLAKE");
    expect(types).not.toContain("SFTP");
    expect([...types].sort()).toEqual(types);
    const first = await glue.send(new ListConnectionTypesCommand({ MaxResults: 100 }));
    const jdbc = first.ConnectionTypes!.find((t) => t.ConnectionType === "JDBC")!;
    expect(jdbc.Capabilities).toEqual({ SupportedAuthenticationTypes: ["BASIC"], SupportedDataOperations: ["READ", "WRITE"], SupportedComputeEnvironments: ["SPARK", "PYTHON"] });
  });

  it("describes a built-in type, and refuses an unknown one", async () => {
    const jdbc = await glue.send(new DescribeConnectionTypeCommand({ ConnectionType: "JDBC" }));
    expect(jdbc.ConnectionType).toBe("JDBC");
    expect(Object.keys(jdbc.ConnectionProperties!)).toEqual(expect.arrayContaining(["JDBC_CONNECTION_URL", "USERNAME", "PASSWORD", "SECRET_ID"]));
    expect(jdbc.ConnectionProperties!.PASSWORD!.PropertyTypes).toEqual(["SECRET_OR_USER_INPUT"]);
    expect(jdbc.ComputeEnvironmentConfigurations!.SPARK).toMatchObject({ ComputeEnvironment: "SPARK", SupportedAuthenticationTypes: ["BASIC"] });
    const network = await glue.send(new DescribeConnectionTypeCommand({ ConnectionType: "NETWORK" }));
    expect(network.PhysicalConnectionRequirements!.SubnetId!.Required).toBe(true);
    expect(await errorOf(glue.send(new DescribeConnectionTypeCommand({ ConnectionType: "NOPE" })))).toBeInstanceOf(InvalidInputException);
  });

  it("registers a REST type that connections can then use, and deletes it", async () => {
    const { ConnectionTypeArn } = await glue.send(new RegisterConnectionTypeCommand(REST_TYPE));
    expect(ConnectionTypeArn).toBe("arn:aws:glue:us-east-1:123456789012:connectionType/REST-tickets");
    expect((await glue.send(new GetTagsCommand({ ResourceArn: ConnectionTypeArn! }))).Tags).toEqual({ owner: "support" });
    const described = await glue.send(new DescribeConnectionTypeCommand({ ConnectionType: "REST-tickets" }));
    expect(described).toMatchObject({ ConnectionType: "REST-tickets", Description: "A ticketing system's REST API", Capabilities: { SupportedAuthenticationTypes: ["CUSTOM"] } });
    expect(described.ConnectionProperties!.INSTANCE_URL).toMatchObject({ Required: true, PropertyTypes: ["USER_INPUT"] });
    expect(described.AuthenticationConfiguration!.CustomAuthenticationProperties!.api_key).toMatchObject({ PropertyTypes: ["SECRET"] });
    expect(described.RestConfiguration!.EntityConfigurations!.tickets!.Schema!.id).toMatchObject({ FieldDataType: "STRING" });
    const listed = (await glue.send(new ListConnectionTypesCommand({ MaxResults: 100 }))).ConnectionTypes!.map((t) => t.ConnectionType);
    expect(listed).toContain("REST-tickets");

    // A connection of the new type needs its required properties and an authentication configuration.
    const connection = (properties: Record<string, string>) =>
      glue.send(
        new CreateConnectionCommand({
          ConnectionInput: {
            Name: "tickets",
            ConnectionType: "REST-tickets" as never,
            ConnectionProperties: properties as never,
            AuthenticationConfiguration: { AuthenticationType: "CUSTOM", CustomAuthenticationCredentials: { api_key: "k" } },
          },
        }),
      );
    expect((await errorOf(connection({}))).message).toContain("INSTANCE_URL");
    await connection({ INSTANCE_URL: "https://tickets.example.com" });

    expect(await errorOf(glue.send(new RegisterConnectionTypeCommand(REST_TYPE)))).toBeInstanceOf(InvalidInputException);
    await glue.send(new DeleteConnectionTypeCommand({ ConnectionType: "REST-tickets" }));
    expect(await errorOf(glue.send(new DeleteConnectionTypeCommand({ ConnectionType: "REST-tickets" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new DeleteConnectionTypeCommand({ ConnectionType: "JDBC" })))).toBeInstanceOf(InvalidInputException);
  });

  it("refuses registrations Glue refuses", async () => {
    const bad = (change: Partial<RegisterConnectionTypeRequest>) => errorOf(glue.send(new RegisterConnectionTypeCommand({ ...REST_TYPE, ...change })));
    expect((await bad({ ConnectionType: "tickets" })).message).toContain('"REST-"');
    expect((await bad({ ConnectorAuthenticationConfiguration: { AuthenticationTypes: ["OAUTH2"] } })).message).toContain("OAuth2Properties");
    expect((await bad({ ConnectorAuthenticationConfiguration: { AuthenticationTypes: [] } })).message).toContain("at least one");
    expect((await bad({ ConnectionType: "REST-x", IntegrationType: "SOAP" as never })).message).toContain("SOAP");
    const listed = (await glue.send(new ListConnectionTypesCommand({ MaxResults: 100 }))).ConnectionTypes!.map((t) => t.ConnectionType);
    expect(listed.filter((t) => t!.startsWith("REST-"))).toEqual([]);
  });
});
