import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{ imageBuildVersionArn: string; amis: string[] }>;
}

describe("examples/imagebuilder-approval-workflow.mjs", () => {
  it("builds through a WaitForAction approval gate, resumes it, reaches AVAILABLE and replays the start token", async () => {
    const example = (await import(new URL("../../examples/imagebuilder-approval-workflow.mjs", import.meta.url).href)) as Example;
    const { imageBuildVersionArn, amis } = await example.main();
    expect(imageBuildVersionArn).toBe("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1");
    expect(amis).toHaveLength(1);
  });
});
