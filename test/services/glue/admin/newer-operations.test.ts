import * as sdk from "@aws-sdk/client-glue";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { NEWER_THAN_MODEL } from "../../../support/newer-operations.js";
import { glue } from "../helpers.js";

/**
 * The conformance oracle (test/core/conformance.test.ts) reads the shared Smithy model, a
 * snapshot older than Glue's connection-type registration, Data Catalog export, Identity
 * Center and dashboard operations. It checks their errors against
 * test/support/newer-operations.ts; this file holds the rest of its checks, written from the
 * installed client's schemas and the current API reference: a missing required member is an
 * InvalidInputException naming it, and enum members refuse values outside their enum.
 */
const require = createRequire(import.meta.url);
const registry = require("../../../../dist/services/registry.js") as typeof import("../../../../src/services/registry.js");
const service = registry.findService("Glue")!;

const BOGUS = "NOT_A_REAL_ENUM_VALUE";
const REST = {
  ConnectionType: "REST-x",
  IntegrationType: "REST",
  ConnectionProperties: { Url: { Name: "INSTANCE_URL", Required: true, PropertyType: "USER_INPUT" } },
  ConnectorAuthenticationConfiguration: { AuthenticationTypes: ["CUSTOM"], CustomAuthenticationProperties: { AuthenticationParameters: [] } },
  RestConfiguration: {},
};

const ENUM_PROBES: Array<[string, Record<string, unknown>]> = [
  ["RegisterConnectionType", { ...REST, IntegrationType: BOGUS }],
  ["RegisterConnectionType", { ...REST, ConnectorAuthenticationConfiguration: { AuthenticationTypes: [BOGUS] } }],
  ["RegisterConnectionType", { ...REST, ConnectionProperties: { Url: { Name: "u", Required: true, PropertyType: BOGUS } } }],
  ["RegisterConnectionType", { ...REST, ConnectionProperties: { Url: { Name: "u", Required: true, PropertyType: "USER_INPUT", PropertyLocation: BOGUS } } }],
  ["PutDataCatalogExportConfiguration", { ExportSetting: BOGUS }],
  ["GetDashboardUrl", { ResourceId: "jr_1", ResourceType: BOGUS }],
];

const REQUIRED_PROBES: Array<[string, Record<string, unknown>, string]> = [
  ["RegisterConnectionType", { ...REST, ConnectionType: undefined }, "connectionType"],
  ["RegisterConnectionType", { ...REST, IntegrationType: undefined }, "integrationType"],
  ["RegisterConnectionType", { ...REST, ConnectionProperties: undefined }, "connectionProperties"],
  ["RegisterConnectionType", { ...REST, ConnectorAuthenticationConfiguration: undefined }, "connectorAuthenticationConfiguration"],
  ["RegisterConnectionType", { ...REST, RestConfiguration: undefined }, "restConfiguration"],
  ["DeleteConnectionType", {}, "connectionType"],
  ["PutDataCatalogExportConfiguration", {}, "exportSetting"],
  ["CreateGlueIdentityCenterConfiguration", { Scopes: ["s"] }, "instanceArn"],
  ["GetDashboardUrl", { ResourceType: "JOB" }, "resourceId"],
  ["GetDashboardUrl", { ResourceId: "jr_1" }, "resourceType"],
];

const send = (operation: string, input: Record<string, unknown>) => {
  const Command = (sdk as unknown as Record<string, new (input: object) => never>)[`${operation}Command`]!;
  return glue.send(new Command(input));
};

describe("Glue operations newer than the shared Smithy model", () => {
  it("are all in the operation table", () => {
    for (const operation of Object.keys(NEWER_THAN_MODEL.Glue!)) expect(service.operations[operation], operation).toBeDefined();
  });

  for (const [operation, input] of ENUM_PROBES) {
    it(`${operation}: a bogus enum value is an InvalidInputException (${JSON.stringify(input).slice(0, 80)})`, async () => {
      const error = await rejectionOf(send(operation, input));
      expect(error).toBeInstanceOf(sdk.InvalidInputException);
      expect(error.message).toContain(BOGUS);
    });
  }

  for (const [operation, input, member] of REQUIRED_PROBES) {
    it(`${operation}: leaving out ${member} is an InvalidInputException naming it`, async () => {
      const error = await rejectionOf(send(operation, input));
      expect(error).toBeInstanceOf(sdk.InvalidInputException);
      expect(error.message).toContain(`'${member}'`);
    });
  }
});
