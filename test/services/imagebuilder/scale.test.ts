import { CreateComponentCommand, CreateImageCommand, GetImageCommand, ListImageBuildVersionsCommand, ListImagesCommand } from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { globalState, propertyReadsDuring, tableCopiesDuring } from "../../support/scale.js";
import { arn, COMPONENT_DOC, createInfrastructure, createRecipe, ib } from "./fixtures.js";

/**
 * Work that must not grow with the store: counted (test/support/scale.ts), never timed. The
 * document cache is required from the build the fake runs, so it is the instance the fake uses.
 */
const require = createRequire(import.meta.url);
const { componentDocuments } = require("../../../dist/services/imagebuilder/documents.js") as typeof import("../../../src/services/imagebuilder/documents.js");
type Backend = import("../../../src/services/imagebuilder/backend.js").ImagebuilderBackend;

const backend = (): Backend => globalState().engine.backends.all<Backend>("imagebuilder").find(([, b]) => b.scope.accountId === "123456789012")![1];

/** `count` builds of one recipe version (`many/1.0.0/1` … `/count`). */
async function manyBuilds(count: number): Promise<void> {
  const recipe = await createRecipe("many");
  const infra = await createInfrastructure("many-infra");
  for (let i = 0; i < count; i++) await ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra }));
}

describe("Image Builder at scale", () => {
  it("looks a build ARN up directly: GetImage reads only the build it renders", async () => {
    aws.configure({ transitions: "manual" });
    await manyBuilds(120);
    const get = (build: number) => ib.send(new GetImageCommand({ imageBuildVersionArn: arn(`image/many/1.0.0/${build}`) }));
    // Before, every build of the name was copied and compared (120 reads of `version`).
    const reads = await propertyReadsDuring(backend().images.builds.values(), "version", () => get(1));
    expect(reads).toBeLessThanOrEqual(4);
    expect(await tableCopiesDuring(() => get(60))).toBe(0);
    expect((await get(60)).image?.version).toBe("1.0.0/60");
  });

  it("ListImages does not copy a version's builds; ListImageBuildVersions moves only the builds its page lists", async () => {
    await manyBuilds(40);
    expect(await tableCopiesDuring(() => ib.send(new ListImagesCommand({})))).toBe(0);

    const page = await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn("image/many/1.0.0"), maxResults: 5 }));
    expect(page.imageSummaryList?.map((i) => i.version)).toEqual(["1.0.0/40", "1.0.0/39", "1.0.0/38", "1.0.0/37", "1.0.0/36"]);
    const moved = aws.running("ImageBuilder.Image").filter((p) => p.state !== "PENDING");
    expect(moved.map((p) => p.attributes["arn"]).sort()).toEqual([36, 37, 38, 39, 40].map((n) => arn(`image/many/1.0.0/${n}`)));
  });

  it("parses each distinct component document once", async () => {
    const computedBefore = componentDocuments.computed;
    const text = `${COMPONENT_DOC}# scale test ${Math.random()}\n`;
    for (let i = 0; i < 5; i++) await ib.send(new CreateComponentCommand({ name: `same-doc-${i}`, semanticVersion: "1.0.0", platform: "Linux", data: text }));
    expect(componentDocuments.computed - computedBefore).toBe(1);
    // The cache is bounded: many distinct texts keep at most its capacity.
    for (let i = 0; i < 80; i++) await ib.send(new CreateComponentCommand({ name: `doc-${i}`, semanticVersion: "1.0.0", platform: "Linux", data: `${COMPONENT_DOC}# ${i}\n` }));
    expect(componentDocuments.size).toBeLessThanOrEqual(64);
  });
});
