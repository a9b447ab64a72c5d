import * as sdk from "@aws-sdk/client-proton";
import { VALID_CREATES, validRequests, validWorld } from "../services/proton/bad-input-requests.js";
import { proton } from "../services/proton/helpers.js";
import { casesFrom, describeProperties } from "./report.js";

const service = { name: "Proton", sdk: sdk as unknown as Record<string, unknown>, client: proton, baseException: sdk.ProtonServiceException };

describeProperties({
  service,
  commands: 87,
  listed: async () => Object.keys(validRequests(await validWorld())),
  cases: async () => casesFrom(validRequests(await validWorld()), VALID_CREATES),
  running: ["UpdateEnvironment", "UpdateServiceInstance", "UpdateComponent", "UpdateServicePipeline"],
});
