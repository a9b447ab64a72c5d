import { GetEnvironmentTemplateCommand, GetEnvironmentTemplateVersionCommand, GetServiceTemplateCommand } from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { tableCopiesDuring } from "../../support/scale.js";
import { proton, publishedEnvironmentTemplate, publishedServiceTemplate } from "./helpers.js";

/** Work that must not grow with the store: counted (test/support/scale.ts), never timed. */

describe("Proton templates at scale", () => {
  it("reads a template's Recommended version without walking its versions", async () => {
    await publishedEnvironmentTemplate("vpc-env", 30);
    await publishedServiceTemplate("api-svc", 5);
    // Before, every read copied and filtered all versions of each major (versionsOfMajor).
    const copies = await tableCopiesDuring(async () => {
      const env = await proton.send(new GetEnvironmentTemplateCommand({ name: "vpc-env" }));
      expect(env.environmentTemplate?.recommendedVersion).toBe("1.29");
      const version = await proton.send(new GetEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion: "3" }));
      expect(version.environmentTemplateVersion?.recommendedMinorVersion).toBe("29");
      const svc = await proton.send(new GetServiceTemplateCommand({ name: "api-svc" }));
      expect(svc.serviceTemplate?.recommendedVersion).toBe("1.4");
    });
    expect(copies).toBe(0);
  }, 30_000);
});
