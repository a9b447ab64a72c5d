import * as sdk from "@aws-sdk/client-imagebuilder";
import { ib } from "../services/imagebuilder/fixtures.js";
import { buildWorld, requestsFor } from "../services/imagebuilder/requests.js";
import type { CommandCase } from "./harness.js";
import { commandsOf, describeProperties } from "./report.js";

const service = { name: "Image Builder", sdk: sdk as unknown as Record<string, unknown>, client: ib, baseException: sdk.ImagebuilderServiceException };

/** The world of the bad-input table (requests.ts) and a valid request for each of the 77 commands. */
async function setup(): Promise<CommandCase[]> {
  const requests = requestsFor(await buildWorld());
  return commandsOf(service.sdk).map((operation) => {
    const make = requests[operation]!;
    // The member the table numbers (a create's name), if any: it differs between two numbers.
    const [a, b] = [make(1), make(2)];
    const member = Object.keys(a).find((key) => a[key] !== b[key] && typeof a[key] === "string");
    return { operation, valid: make(0), ...(member ? { freshName: { member, make: (n: number) => make(n + 1000)[member] as string } } : {}) };
  });
}

describeProperties({
  service,
  commands: 77,
  listed: async () => Object.keys(requestsFor(await buildWorld())),
  cases: setup,
  running: ["CreateImage", "StartImagePipelineExecution"],
});
