import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{ partitions: Array<{ dt: string; location: string }> }>;
}

describe("examples/glue-catalog-crawl.mjs", () => {
  it("crawls inside a workflow, fills the catalog, runs the job after the crawl, and queries partitions with an expression", async () => {
    const example = (await import(new URL("../../examples/glue-catalog-crawl.mjs", import.meta.url).href)) as Example;
    const { partitions } = await example.main();
    expect(partitions.map((p) => p.dt)).toEqual(["2026-11-20", "2026-11-21"]);
  });
});
