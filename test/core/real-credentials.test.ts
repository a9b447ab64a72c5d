import { CreateWorkflowCommand, GlueClient, ListWorkflowsCommand } from "@aws-sdk/client-glue";
import { fromIni, fromProcess, fromSSO, fromTokenFile } from "@aws-sdk/credential-providers";
import { Client } from "@smithy/core/client";
import { mockAws, type AwsMock } from "aws-doubles";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../support/errors.js";
import { guardNetwork } from "../support/network-guard.js";

/**
 * The promise that matters most: while the fake is installed, no real credential signs a
 * request, the user's ~/.aws files are not read, and no request leaves the process. A fake
 * HOME holds a credentials file with "real" keys and a credential_process that would leave a
 * marker if it ever ran; a network guard blocks and records every socket and DNS lookup.
 */
const REAL_KEY = "AKIAREALPRODUCTIONKEY";
/** Client.prototype.send before any mockAws() patched it: what an unreachable SDK copy runs. */
const unpatchedSend = Client.prototype.send as (this: unknown, command: unknown) => unknown;
let home: string;
let marker: string;
const saved: Record<string, string | undefined> = {};
const VARS = ["HOME", "USERPROFILE", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"];

beforeAll(() => {
  for (const name of VARS) saved[name] = process.env[name];
  home = mkdtempSync(join(tmpdir(), "aws-doubles-home-"));
  marker = join(home, "credential-process-ran");
  mkdirSync(join(home, ".aws"));
  writeFileSync(join(home, ".aws", "credentials"), `[prod]\naws_access_key_id = ${REAL_KEY}\naws_secret_access_key = real-secret\n[default]\naws_access_key_id = ${REAL_KEY}\naws_secret_access_key = real-secret\n`);
  const script = `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran"); console.log(JSON.stringify({ Version: 1, AccessKeyId: "${REAL_KEY}", SecretAccessKey: "s" }))`;
  writeFileSync(
    join(home, ".aws", "config"),
    `[profile proc]\ncredential_process = ${process.execPath} -e ${JSON.stringify(script)}\nregion = eu-west-1\n[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n`,
  );
  writeFileSync(join(home, "token"), "a-web-identity-token");
  process.env["HOME"] = home;
  process.env["USERPROFILE"] = home;
  delete process.env["AWS_CONFIG_FILE"];
  delete process.env["AWS_SHARED_CREDENTIALS_FILE"];
});

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** The access key a client signed its last request with (read off the Authorization header). */
function signedWith(client: GlueClient): { last(): string | undefined } {
  let authorization: string | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      authorization = (args.request as { headers: Record<string, string> }).headers["authorization"];
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "captureAuthorization" },
  );
  return { last: () => /Credential=([^/]+)\//.exec(authorization ?? "")?.[1] };
}

let aws: AwsMock;
let guard: ReturnType<typeof guardNetwork>;
beforeEach(() => {
  guard = guardNetwork();
  aws = mockAws();
});
afterEach(() => {
  aws.restore();
  guard.release();
});

describe("no real credential source under mockAws()", () => {
  it.each([
    ["a named profile", () => new GlueClient({ profile: "prod" })],
    ["AWS_PROFILE set after mockAws()", () => ((process.env["AWS_PROFILE"] = "prod"), new GlueClient({}))],
    ["a credential_process profile", () => new GlueClient({ profile: "proc" })],
    ["fromIni", () => new GlueClient({ credentials: fromIni({ profile: "prod" }) })],
    ["fromProcess", () => new GlueClient({ credentials: fromProcess({ profile: "proc" }) })],
    ["fromSSO", () => new GlueClient({ credentials: fromSSO({ profile: "sso" }) })],
    ["fromTokenFile", () => new GlueClient({ credentials: fromTokenFile({ webIdentityTokenFile: join(home, "token"), roleArn: "arn:aws:iam::123456789012:role/r" }) })],
  ])("%s: the client works, signs with fake keys, and nothing real is read or run", async (_label, build) => {
    try {
      const glue = build();
      const signature = signedWith(glue);
      await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
      expect((await glue.send(new ListWorkflowsCommand({}))).Workflows).toEqual(["wf"]);
      expect(signature.last()).toBeDefined();
      expect(signature.last()).not.toBe(REAL_KEY);
      expect(aws.calls().every((c) => c.accountId === aws.accountId)).toBe(true);
      expect(existsSync(marker)).toBe(false);
      expect(guard.attempts).toEqual([]);
    } finally {
      delete process.env["AWS_PROFILE"];
    }
  });

  it("keeps credentialsFor(): a client built with them acts in that account", async () => {
    const other = new GlueClient({ credentials: aws.credentialsFor("210987654321") });
    await other.send(new CreateWorkflowCommand({ Name: "theirs" }));
    expect(aws.calls()[0]?.accountId).toBe("210987654321");
  });

  it("gives clients their own provider back on restore()", async () => {
    const glue = new GlueClient({ credentials: { accessKeyId: "AKIAGIVEN", secretAccessKey: "s" } });
    await glue.send(new ListWorkflowsCommand({}));
    aws.restore();
    expect((await (glue.config.credentials as () => Promise<{ accessKeyId: string }>)()).accessKeyId).toBe("AKIAGIVEN");
    aws = mockAws();
  });
});

describe("no real request while installed", () => {
  it("fails a call in flight when restore() runs, locally, instead of sending it to AWS", async () => {
    const glue = new GlueClient({ maxAttempts: 3 });
    aws.failNext("Glue", "ListWorkflows"); // throttled: the SDK backs off, then retries
    const inFlight = rejectionOf(glue.send(new ListWorkflowsCommand({})));
    await new Promise((resolve) => setTimeout(resolve, 5));
    aws.restore();
    const error = await inFlight;
    expect(error.message).toMatch(/restored .* in flight, so it was not sent to AWS/);
    expect(guard.attempts).toEqual([]);
    aws = mockAws();
  });

  it("still lets a command object be sent again after restore(), as if the library had never been loaded", async () => {
    const glue = new GlueClient({ maxAttempts: 1, endpoint: "http://127.0.0.1:9" });
    const command = new ListWorkflowsCommand({});
    await glue.send(command);
    aws.restore();
    await rejectionOf(glue.send(command)); // it reaches the (guarded) network, as an unmocked client would
    expect(guard.attempts.length).toBeGreaterThan(0);
    aws = mockAws();
  });

  it("stops an AWS request from a client interception cannot reach, naming aws.attach()", async () => {
    // What a client from an SDK copy loaded after jest.resetModules() does: send without the fake.
    const glue = new GlueClient({ maxAttempts: 1 });
    const error = await rejectionOf(unpatchedSend.call(glue, new ListWorkflowsCommand({})) as Promise<unknown>);
    expect(error.message).toMatch(/did not intercept this AWS request .*aws\.attach\(client\)/s);
    expect(guard.attempts).toEqual([]);
  });
});
