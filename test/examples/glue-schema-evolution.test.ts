import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{ statuses: string[]; diff: string }>;
}

describe("examples/glue-schema-evolution.mjs", () => {
  it("registers a compatible Avro change and ends an incompatible one FAILURE", async () => {
    const example = (await import(new URL("../../examples/glue-schema-evolution.mjs", import.meta.url).href)) as Example;
    const { statuses, diff } = await example.main();
    expect(statuses).toEqual(["1:AVAILABLE", "2:AVAILABLE", "3:FAILURE"]);
    expect(diff.split("\n").slice(0, 2)).toEqual(["--- version 2", "+++ version 3"]);
  });
});
