import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{ diagram: string }>;
}

describe("examples/glue-etl-workflow.mjs", () => {
  it("builds the ETL workflow, runs it to COMPLETED, fails a job, resumes and reads run properties", async () => {
    const example = (await import(new URL("../../examples/glue-etl-workflow.mjs", import.meta.url).href)) as Example;
    const { diagram } = await example.main();
    expect(diagram).toContain("job: publish<br/>SUCCEEDED");
  });
});
