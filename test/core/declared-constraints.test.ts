import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * Every enum a service's constraints name must exist in that service's SDK: `oneOf("Name")`
 * reads its values from the SDK at run time, so a misspelt name would silently check nothing.
 */
const require = createRequire(import.meta.url);
const registry = require("../../dist/services/registry.js") as typeof import("../../src/services/registry.js");
const sdk = require("../../dist/engine/sdk.js") as typeof import("../../src/engine/sdk.js");

describe("declared constraints", () => {
  for (const serviceId of registry.serviceIds()) {
    const service = registry.findService(serviceId)!;
    it(`${serviceId}: every enum named in a constraint exists in ${service.sdkPackage}`, () => {
      const missing: string[] = [];
      for (const [operation, definition] of Object.entries(service.operations)) {
        for (const [member, rule] of Object.entries(definition.input ?? {})) {
          for (const name of rule.enumNames ?? []) {
            if (!sdk.sdkEnumValues(service.sdkPackage, name)) missing.push(`${operation}.${member}: ${name}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
