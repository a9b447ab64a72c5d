import { describe, expect, it } from "vitest";

/** The runnable example is plain ESM; importing and running its main() proves it in CI. */
interface Example {
  main(): Promise<{
    environmentTemplateVersions: string[];
    replayedArn: string;
    recommendedVersion: string;
    serviceInstances: number;
    instanceVersions: string[];
    updatedInstanceDeployments: number;
    left: Record<string, number>;
  }>;
}

describe("examples/proton-lifecycle.mjs", () => {
  it("runs the Proton scenario end to end: templates, versions, environment, service, instance update, teardown", async () => {
    const example = (await import(new URL("../../examples/proton-lifecycle.mjs", import.meta.url).href)) as Example;
    const result = await example.main();
    // An environment template with a major version (1.0) and a minor version (1.1), the first one's client token replayed.
    expect(result.environmentTemplateVersions).toEqual([
      "arn:aws:proton:us-east-1:123456789012:environment-template/vpc-env:1.0",
      "arn:aws:proton:us-east-1:123456789012:environment-template/vpc-env:1.1",
    ]);
    expect(result.replayedArn).toBe(result.environmentTemplateVersions[0]);
    expect(result.recommendedVersion).toBe("1.1");
    // A service with two instances, one of them updated to the service template's new minor version.
    expect(result.serviceInstances).toBe(2);
    expect(result.instanceVersions).toEqual(["api-a@1.1", "api-b@1.0"]);
    expect(result.updatedInstanceDeployments).toBe(2);
    // Everything deleted.
    expect(result.left).toEqual({ environmentTemplates: 0, serviceTemplates: 0, environments: 0, services: 0 });
  });
});
