import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{ readSetId: string; referenceId: string; runId: string; parts: number }>;
}

describe("examples/omics-storage-runs.mjs", () => {
  it("uploads a read pair in parts, imports a reference, runs a workflow reading both by omics:// URI and reads the files back", async () => {
    const example = (await import(new URL("../../examples/omics-storage-runs.mjs", import.meta.url).href)) as Example;
    const result = await example.main();
    expect(result.readSetId).toMatch(/^[0-9]{10}$/);
    expect(result.referenceId).toMatch(/^[0-9]{10}$/);
    expect(result.runId).toMatch(/^[0-9]{7}$/);
    expect(result.parts).toBeGreaterThan(2);
  });
});
