// The setup file of the "server" vitest project: the service suites, unchanged, through SDK
// clients configured with a server's endpoint instead of in-process interception. In that
// project "aws-doubles/vitest" resolves to this file, so `import { aws } from
// "aws-doubles/vitest"` in a test gets the server's handle (the same AwsMock, over the same
// engine the server answers from). Interception is never installed here: every call crosses
// loopback HTTP, through the server's request readers, and back through the SDK's deserializer.
import { OmicsClient } from "@aws-sdk/client-omics";
import { matchers } from "aws-doubles/matchers";
import { startServer } from "aws-doubles/server";
import { afterAll, beforeEach, expect } from "vitest";

expect.extend(matchers);

const server = await startServer();

// What a user of server mode puts in the environment of the code under test.
process.env["AWS_ENDPOINT_URL"] = server.url;
process.env["AWS_ACCESS_KEY_ID"] = "AKIAAWSDOUBLESSERVER";
process.env["AWS_SECRET_ACCESS_KEY"] = "aws-doubles/server/secret";
process.env["AWS_REGION"] = "us-east-1";
process.env["AWS_EC2_METADATA_DISABLED"] = "true";
for (const name of ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN"]) delete process.env[name];

// HealthOmics operations carry endpoint host prefixes ("workflows-127.0.0.1" resolves to
// nothing), so server-mode users build their clients with { disableHostPrefix: true }. The
// suites build theirs with {} (they also run in-process), so the harness sets it on each
// client's resolved config, which the SDK's serializer reads it from, before its first send.
const send = OmicsClient.prototype.send;
OmicsClient.prototype.send = function (this: OmicsClient, ...args: Parameters<typeof send>) {
  (this.config as { disableHostPrefix?: boolean }).disableHostPrefix = true;
  return send.apply(this, args);
} as typeof send;

/** The server's handle (reset, settle, step, lifecycle, failNext, clock, calls). */
export const aws = server.aws;

beforeEach(() => {
  aws.reset();
});

afterAll(async () => {
  await server.close();
});
