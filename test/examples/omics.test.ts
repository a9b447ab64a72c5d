import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{ cancelled: string; completed: string; cacheHits: boolean[] }>;
}

describe("examples/omics-workflow-runs.mjs", () => {
  it("zips a WDL workflow, runs two samples in a run group with a cache, cancels one, completes the other, re-runs from the cache and cleans up", async () => {
    const example = (await import(new URL("../../examples/omics-workflow-runs.mjs", import.meta.url).href)) as Example;
    const result = await example.main();
    expect(result.cancelled).toMatch(/^[0-9]{7}$/);
    expect(result.completed).not.toBe(result.cancelled);
    expect(result.cacheHits).toEqual([true, true]);
  });
});
