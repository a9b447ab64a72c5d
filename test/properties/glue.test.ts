import * as sdk from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { CONNECTION_CREATES, connectionRequests, connectionsWorld, CORE_CREATES, coreRequests, coreWorld } from "../services/glue/bad-input-requests.js";
import { FAMILY_CREATES, familiesWorld, familyRequests } from "../services/glue/bad-inputs-families.js";
import { CATALOG_CREATES, catalogRequests, catalogWorld } from "../services/glue/catalog/bad-input-requests.js";
import { glue } from "../services/glue/helpers.js";
import { QUALITY_CREATES, qualityRequests, qualityWorld } from "../services/glue/quality-world.js";
import { casesFrom, commandsOf, expectProperties } from "./report.js";
import { TIMEOUT } from "./settings.js";

/**
 * Glue's 314 commands, in the five worlds of its bad-input tables (each family's resources
 * and a valid request for each of its commands); every command is in exactly one of them.
 */
const service = { name: "Glue", sdk: sdk as unknown as Record<string, unknown>, client: glue, baseException: sdk.GlueServiceException };

type Ids = never;

/** Each family's world, its table of valid requests, its creates, and what to leave running in it. */
const tables: ReadonlyArray<[string, () => Promise<Ids>, (ids: Ids) => Record<string, Record<string, unknown>>, Readonly<Record<string, string>>, readonly string[]]> = [
  ["workflows, triggers, jobs, crawlers and blueprints", coreWorld as () => Promise<Ids>, coreRequests, CORE_CREATES, ["StartJobRun", "StartWorkflowRun"]],
  ["connections, security and administration", connectionsWorld as () => Promise<Ids>, connectionRequests, CONNECTION_CREATES, []],
  ["data quality, integrations and the business glossary", qualityWorld as () => Promise<Ids>, qualityRequests, QUALITY_CREATES, ["StartDataQualityRulesetEvaluationRun", "StartDataQualityRuleRecommendationRun"]],
  ["the schema registry, sessions, dev endpoints, ML transforms and job extras", familiesWorld as () => Promise<Ids>, familyRequests, FAMILY_CREATES, ["RunStatement", "StartMLEvaluationTaskRun"]],
  ["the Data Catalog", catalogWorld as () => Promise<Ids>, catalogRequests, CATALOG_CREATES, ["StartMaterializedViewRefreshTaskRun"]],
];

describe("Glue properties", () => {
  it("has a world for each of the 314 commands, each in one world", () => {
    // The tables only need ids to fill in: any id will do to list their commands.
    const anyIds = new Proxy({}, { get: () => "id" }) as Ids;
    const listed = tables.flatMap(([, , requests]) => Object.keys(requests(anyIds)));
    expect(listed.sort()).toEqual(commandsOf(service.sdk));
    expect(listed).toHaveLength(314);
  });

  it.each(tables)("answers random bad and near-valid input to the commands of %s with a modelled error or a success, and a refusal changes nothing", { timeout: TIMEOUT }, (family, world, requests, creates, running) =>
    expectProperties(service, `Glue (${family})`, async () => casesFrom(requests(await world()), creates), running));
});
