import * as sdk from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { FRESH, validRequests, world } from "../services/omics/bad-input-requests.js";
import { omics } from "../services/omics/helpers.js";
import { checkCommands, Checker, type CommandCase } from "./harness.js";
import { commandsOf, report } from "./report.js";
import { TIMEOUT } from "./settings.js";

const service = { name: "HealthOmics", sdk: sdk as unknown as Record<string, unknown>, client: omics, baseException: sdk.OmicsServiceException };

/** The world of the bad-input table and a valid request for each of the 107 commands. */
async function setup(): Promise<CommandCase[]> {
  const requests = validRequests(await world());
  return Object.entries(requests).map(([operation, valid]) => {
    const fresh = FRESH[operation];
    return { operation, valid, ...(fresh ? { freshName: { member: fresh[0], make: fresh[1] } } : {}) };
  });
}

describe("HealthOmics properties", () => {
  it("has a valid request for each of the 107 commands", async () => {
    expect(commandsOf(service.sdk)).toHaveLength(107);
    expect(Object.keys(validRequests(await world())).sort()).toEqual(commandsOf(service.sdk));
  });

  it("answers random bad and near-valid input to every command with a modelled error or a success, and a refusal changes nothing", { timeout: TIMEOUT }, async () => {
    const checker = new Checker(service);
    const failures = await checkCommands(service, setup, checker, { running: ["StartRun", "StartRunBatch"] });
    report(service.name, checker, failures);
    expect(failures.map((failure) => failure.report)).toEqual([]);
  });
});
