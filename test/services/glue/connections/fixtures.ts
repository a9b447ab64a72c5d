import type { ConnectionInput, RegisterConnectionTypeRequest } from "@aws-sdk/client-glue";

/** A JDBC connection as most tests create it. */
export const JDBC: ConnectionInput = {
  Name: "orders-db",
  ConnectionType: "JDBC",
  ConnectionProperties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db.internal:5432/orders", USERNAME: "app", PASSWORD: "s3cret" },
  MatchCriteria: ["orders", "postgres"],
};

/** A REST connection type with one declared entity. */
export const REST_TYPE: RegisterConnectionTypeRequest = {
  ConnectionType: "REST-tickets",
  IntegrationType: "REST",
  Description: "A ticketing system's REST API",
  ConnectionProperties: {
    Url: { Name: "INSTANCE_URL", Required: true, PropertyType: "USER_INPUT" },
    AdditionalRequestParameters: [{ Name: "api_version", Required: false, DefaultValue: "v2", PropertyType: "USER_INPUT", PropertyLocation: "QUERY_PARAM" }],
  },
  ConnectorAuthenticationConfiguration: {
    AuthenticationTypes: ["CUSTOM"],
    CustomAuthenticationProperties: { AuthenticationParameters: [{ Name: "api_key", Required: true, PropertyType: "SECRET", PropertyLocation: "HEADER" }] },
  },
  RestConfiguration: {
    GlobalSourceConfiguration: { RequestMethod: "GET", ResponseConfiguration: { ResultPath: "$.data" } },
    EntityConfigurations: {
      tickets: {
        SourceConfiguration: { RequestMethod: "GET", RequestPath: "/tickets", ResponseConfiguration: { ResultPath: "$.tickets" } },
        Schema: {
          id: { Name: "id", FieldDataType: "STRING", IsQueryable: true, IsOrderable: true },
          priority: { Name: "priority", FieldDataType: "INT", IsQueryable: true },
        },
      },
    },
  },
  Tags: { owner: "support" },
};
