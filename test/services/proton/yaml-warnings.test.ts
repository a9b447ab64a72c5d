import { CreateServiceCommand, ValidationException } from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { warningsDuring } from "../../support/warnings.js";
import { activeService, proton } from "./helpers.js";

/**
 * A spec YAML warns about (an unresolved tag such as `!roton:`, one character off `proton:`) is
 * judged like any other, and nothing is printed: the YAML library's warnings went to the
 * caller's test output as Node process warnings. (Found by the property suites.)
 */
describe("Proton specs the YAML library warns about", () => {
  it("are refused without a process warning", async () => {
    await activeService({ pipeline: false });
    const warnings = await warningsDuring(async () => {
      const refused = await rejectionOf(proton.send(new CreateServiceCommand({ name: "tagged", templateName: "api-svc", templateMajorVersion: "1", spec: "!roton: ServiceSpec\n" })));
      expect(refused).toBeInstanceOf(ValidationException);
    });
    expect(warnings).toEqual([]);
  });
});
