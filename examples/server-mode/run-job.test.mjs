// A vitest test of code that runs in another process: the test starts an aws-doubles server,
// hands its URL to a subprocess through AWS_ENDPOINT_URL, and steers and inspects the fake
// through the server's `aws` handle, exactly as it would an in-process mockAws().
//
//   npx vitest run examples/server-mode/run-job.test.mjs
import { CreateJobCommand, GlueClient } from "@aws-sdk/client-glue";
import { startServer } from "aws-doubles/server";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("./run-job.mjs", import.meta.url));

let server;
/** Runs the CLI under test against the server; resolves with its exit code and output. */
async function runJob(jobName) {
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", // any credentials: the server reads, never verifies, signatures
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_REGION: "eu-west-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, jobName], { env });
    return { code: 0, stdout };
  } catch (error) {
    return { code: error.code, stdout: error.stdout };
  }
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  server.aws.reset();
  // The test's own setup goes through the same server.
  const glue = new GlueClient({ endpoint: server.url, region: "eu-west-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
  await glue.send(new CreateJobCommand({ Name: "nightly-etl", Role: "arn:aws:iam::123456789012:role/GlueETL", Command: { Name: "glueetl", ScriptLocation: "s3://scripts/etl.py" } }));
});

describe("run-job.mjs, a CLI in another process", () => {
  it("starts the job, polls it to SUCCEEDED and exits 0", async () => {
    const { code, stdout } = await runJob("nightly-etl");
    expect(code).toBe(0);
    expect(stdout).toContain("nightly-etl ended SUCCEEDED");
    const started = server.aws.calls().filter((c) => c.operation === "StartJobRun");
    expect(started).toEqual([expect.objectContaining({ input: { JobName: "nightly-etl", Arguments: { "--started-by": "run-job" } }, region: "eu-west-1" })]);
  });

  it("exits 1 with the error when the job run fails", async () => {
    server.aws.lifecycle("Glue.JobRun", { JobName: "nightly-etl" }).endsIn("FAILED", { message: "Out of memory" });
    const { code, stdout } = await runJob("nightly-etl");
    expect(code).toBe(1);
    expect(stdout).toContain("nightly-etl ended FAILED: Out of memory");
  });

  it("reports a missing job as Glue does", async () => {
    const { code } = await runJob("no-such-job");
    expect(code).toBe(1);
    expect(server.aws.calls().at(-1)).toMatchObject({ operation: "StartJobRun", error: { name: "EntityNotFoundException" } });
  });
});
