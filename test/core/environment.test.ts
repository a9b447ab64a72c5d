import { GlueClient, ListWorkflowsCommand } from "@aws-sdk/client-glue";
import { mockAws } from "aws-doubles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_EC2_METADATA_DISABLED"];
let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("environment safety", () => {
  it("sets fake credentials and a region, disables IMDS, removes the profile, and puts everything back", async () => {
    process.env["AWS_PROFILE"] = "production";
    process.env["AWS_SESSION_TOKEN"] = "real-session";
    process.env["AWS_ACCESS_KEY_ID"] = "AKIAREALKEY";
    delete process.env["AWS_REGION"];
    delete process.env["AWS_EC2_METADATA_DISABLED"];

    const aws = mockAws();
    expect(process.env["AWS_PROFILE"]).toBeUndefined();
    expect(process.env["AWS_SESSION_TOKEN"]).toBeUndefined();
    expect(process.env["AWS_ACCESS_KEY_ID"]).not.toBe("AKIAREALKEY");
    expect(process.env["AWS_EC2_METADATA_DISABLED"]).toBe("true");
    expect(process.env["AWS_REGION"]).toBe("us-east-1");
    expect(aws.region).toBe("us-east-1");
    // A client with no configuration at all works: no credential or region lookup fails.
    expect((await new GlueClient({}).send(new ListWorkflowsCommand({}))).Workflows).toEqual([]);
    aws.restore();

    expect(process.env["AWS_PROFILE"]).toBe("production");
    expect(process.env["AWS_SESSION_TOKEN"]).toBe("real-session");
    expect(process.env["AWS_ACCESS_KEY_ID"]).toBe("AKIAREALKEY");
    expect(process.env["AWS_REGION"]).toBeUndefined();
    expect(process.env["AWS_EC2_METADATA_DISABLED"]).toBeUndefined();
  });

  it("keeps AWS_REGION when set, unless a region is given explicitly", () => {
    process.env["AWS_REGION"] = "eu-west-2";
    const implicit = mockAws();
    expect(implicit.region).toBe("eu-west-2");
    expect(process.env["AWS_REGION"]).toBe("eu-west-2");
    implicit.restore();

    const explicit = mockAws({ region: "ap-south-1" });
    expect(process.env["AWS_REGION"]).toBe("ap-south-1");
    explicit.restore();
    expect(process.env["AWS_REGION"]).toBe("eu-west-2");
  });

  it("rejects malformed options with a message that says what is expected", () => {
    expect(() => mockAws({ accountId: "12" })).toThrow(/12 digits/);
    expect(() => mockAws({ region: "Mars" })).toThrow(/us-east-1/);
    expect(() => mockAws({ onUnhandled: "ignore" as never })).toThrow(/"error", "bypass" or a function/);
    expect(() => mockAws({ transitions: "auto" as never })).toThrow(/"poll" or "manual"/);
    expect(() => mockAws({ idempotencyTtlMs: -1 })).toThrow(/positive/);
  });
});
