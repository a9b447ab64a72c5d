import { GetEnvironmentTemplateCommand, GetEnvironmentTemplateVersionCommand, GetServiceTemplateCommand } from "@aws-sdk/client-proton";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { proton, publishedEnvironmentTemplate, publishedServiceTemplate } from "./helpers.js";

/**
 * Work that must not grow with the store: counted, never timed. The build the fake runs is
 * loaded natively, so this require reaches the class the fake uses.
 */
const require = createRequire(import.meta.url);
const { OrderedTable } = require("../../../dist/engine/ordered-table.js") as typeof import("../../../src/engine/ordered-table.js");

/** Counts whole-table copies (OrderedTable.values() and .entries()) while `body` runs. */
async function tableCopiesDuring(body: () => Promise<unknown>): Promise<number> {
  const { values, entries } = OrderedTable.prototype;
  let copies = 0;
  OrderedTable.prototype.values = function (this: InstanceType<typeof OrderedTable>) {
    copies++;
    return values.call(this);
  } as typeof values;
  OrderedTable.prototype.entries = function (this: InstanceType<typeof OrderedTable>) {
    copies++;
    return entries.call(this);
  } as typeof entries;
  try {
    await body();
  } finally {
    Object.assign(OrderedTable.prototype, { values, entries });
  }
  return copies;
}

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
