import * as sdk from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { VALID_CREATES, validRequests, validWorld } from "../services/proton/bad-input-requests.js";
import { proton } from "../services/proton/helpers.js";
import { checkCommands, Checker } from "./harness.js";
import { casesFrom, commandsOf, report } from "./report.js";
import { TIMEOUT } from "./settings.js";

const service = { name: "Proton", sdk: sdk as unknown as Record<string, unknown>, client: proton, baseException: sdk.ProtonServiceException };

describe("Proton properties", () => {
  it("has a valid request for each of the 87 commands", async () => {
    expect(commandsOf(service.sdk)).toHaveLength(87);
    expect(Object.keys(validRequests(await validWorld())).sort()).toEqual(commandsOf(service.sdk));
  });

  it("answers random bad and near-valid input to every command with a modelled error or a success, and a refusal changes nothing", { timeout: TIMEOUT }, async () => {
    const checker = new Checker(service);
    const failures = await checkCommands(service, async () => casesFrom(validRequests(await validWorld()), VALID_CREATES), checker, { running: ["UpdateEnvironment", "UpdateServiceInstance"] });
    report(service.name, checker, failures);
    expect(failures.map((failure) => failure.report)).toEqual([]);
  });
});
