import * as sdk from "@aws-sdk/client-omics";
import { FRESH, validRequests, world } from "../services/omics/bad-input-requests.js";
import { omics } from "../services/omics/helpers.js";
import type { CommandCase } from "./harness.js";
import { describeProperties } from "./report.js";

const service = { name: "HealthOmics", sdk: sdk as unknown as Record<string, unknown>, client: omics, baseException: sdk.OmicsServiceException };

/** The world of the bad-input table and a valid request for each of the 107 commands. */
async function setup(): Promise<CommandCase[]> {
  const requests = validRequests(await world());
  return Object.entries(requests).map(([operation, valid]) => {
    const fresh = FRESH[operation];
    return { operation, valid, ...(fresh ? { freshName: { member: fresh[0], make: fresh[1] } } : {}) };
  });
}

describeProperties({
  service,
  commands: 107,
  listed: async () => Object.keys(validRequests(await world())),
  cases: setup,
  running: ["StartRun", "StartRunBatch"],
});
