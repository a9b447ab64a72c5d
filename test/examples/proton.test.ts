import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{ serviceInstances: number }>;
}

describe("examples/proton-lifecycle.mjs", () => {
  it("runs the Proton scenario end to end: templates, versions, environment, service, instance update, teardown", async () => {
    const example = (await import(new URL("../../examples/proton-lifecycle.mjs", import.meta.url).href)) as Example;
    const { serviceInstances } = await example.main();
    expect(serviceInstances).toBe(2);
  });
});
