import * as glueSdk from "@aws-sdk/client-glue";
import { GetWorkflowRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { classifyFailure, commandOf, malformedInputs, modelledErrors } from "../../support/fuzz.js";
import { CONNECTION_CREATES, connectionRequests, connectionsWorld, CORE_CREATES, coreRequests, coreWorld } from "./bad-input-requests.js";
import { glue } from "./helpers.js";
import { QUALITY_CREATES, qualityRequests, qualitySnapshot, qualityWorld } from "./quality-world.js";
import { catalogRequests, catalogSnapshot, catalogWorld, CATALOG_CREATES } from "./catalog/bad-input-requests.js";
import { snapshot } from "./world.js";
import { FAMILY_CREATES, familiesWorld, familyRequests, familySnapshot } from "./bad-inputs-families.js";

/**
 * Values no caller should send, put in turn into every member (two levels deep) of a valid
 * request to each operation. Whatever the fake answers must be a modelled Glue error or a
 * success; never a crash, and never a state the reads cannot render. (An invalid Date is left
 * out: the engine's violation message cannot render one, see the Glue report.)
 */
const BAD: readonly unknown[] = [
  null,
  "",
  "\u0000",
  "a\nb",
  "\uD800",
  "💥".repeat(300),
  "x".repeat(70_000),
  -1,
  1.5,
  1e20,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  {},
  [],
  [null],
  { ["__proto__"]: "p", constructor: "c" },
];

/**
 * Sends each valid request, then each one with a malformed value in one member; returns what
 * was answered with anything but a modelled Glue error or a success. Creates get a fresh name
 * per attempt (`creates`: the member holding the name).
 */
async function fuzz(requests: Record<string, Record<string, unknown>>, creates: Readonly<Record<string, string>>): Promise<string[]> {
  const modelled = modelledErrors(glueSdk);
  const problems: string[] = [];
  let attempt = 0;
  for (const [operation, valid] of Object.entries(requests)) {
    const Command = commandOf<glueSdk.GetJobCommand>(glueSdk, operation);
    for (const input of malformedInputs(glueSdk, operation, valid, BAD)) {
      const nameKey = creates[operation];
      if (nameKey && input[nameKey] === valid[nameKey]) input[nameKey] = `${String(valid[nameKey])}-${++attempt}`;
      try {
        await glue.send(new Command(input));
      } catch (error) {
        // The SDK's own serializer may refuse a value before it is sent: that is not the fake's answer.
        const { problem } = classifyFailure(error, modelled, operation, input);
        if (problem) problems.push(problem);
      }
      aws.settle();
    }
  }
  return problems;
}

/** Thousands of calls each: allow for a loaded machine (this bounds the run, it measures nothing). */
const FUZZ_TIMEOUT_MS = 180_000;

describe("Glue under malformed input", () => {
  it("answers every malformed value in every member with a modelled error or a success, and stays readable", { timeout: 300_000 }, async () => {
    const requests = coreRequests(await coreWorld());
    expect(Object.keys(requests)).toHaveLength(56);

    const problems = await fuzz(requests, CORE_CREATES);
    expect(problems).toEqual([]);

    // Whatever was accepted left a world every read renders, and workflow wf still runs.
    await snapshot();
    aws.configure({ transitions: "poll" });
    aws.settle();
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    aws.settle();
    const after = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId, IncludeGraph: true }))).Run!;
    expect(after.Status).toBe("COMPLETED");
  });

  it("answers malformed values in the catalog-settings, connection and admin operations the same way", { timeout: 300_000 }, async () => {
    const ids = await connectionsWorld();
    const requests = connectionRequests(ids);
    expect(Object.keys(requests)).toHaveLength(49);
    expect(await fuzz(requests, CONNECTION_CREATES)).toEqual([]);
    // What was accepted is still readable.
    for (const read of [
      new glueSdk.GetConnectionsCommand({ HidePassword: true }),
      new glueSdk.GetClassifiersCommand({}),
      new glueSdk.GetSecurityConfigurationsCommand({}),
      new glueSdk.ListCustomEntityTypesCommand({}),
      new glueSdk.ListUsageProfilesCommand({}),
      new glueSdk.GetResourcePoliciesCommand({}),
      new glueSdk.ListConnectionTypesCommand({ MaxResults: 100 }),
      new glueSdk.GetDataCatalogEncryptionSettingsCommand({}),
      new glueSdk.GetCrawlerCommand({ Name: "sc" }),
    ]) {
      await glue.send(read as never);
    }
  });

  // Data quality, zero-ETL integrations and the business context: a world of their own. (The
  // explicit timeouts bound a hang; they assert nothing about speed: thousands of requests take
  // longer than vitest's default 5 s on a loaded machine.)
  it("answers malformed data-quality, integration and business-context requests with modelled errors", { timeout: 300_000 }, async () => {
    const ids = await qualityWorld();
    aws.configure({ transitions: "manual" });
    const requests = qualityRequests(ids);
    expect(Object.keys(requests)).toHaveLength(76);
    expect(await fuzz(requests, QUALITY_CREATES)).toEqual([]);
    await qualitySnapshot(ids);
  });

  // The schema registry, sessions, dev endpoints, ML transforms and job extras: a fuzz of its
  // own (about 4,000 calls, so it is given more than vitest's default 5 s).
  it("answers malformed input to the registry, session, dev endpoint, ML and job-extra operations the same way", { timeout: 180_000 }, async () => {
    const requests = familyRequests(await familiesWorld());
    expect(Object.keys(requests)).toHaveLength(63);
    expect(await fuzz(requests, FAMILY_CREATES)).toEqual([]);
    // Whatever was accepted left resources every read renders.
    await familySnapshot();
  });

  it("answers malformed values to every Data Catalog operation with a modelled error or a success, and stays readable", { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const requests = catalogRequests(await catalogWorld());
    expect(Object.keys(requests)).toHaveLength(70);
    expect(await fuzz(requests, CATALOG_CREATES)).toEqual([]);
    await catalogSnapshot();
  });
});
