import { startServer, type AwsDoublesServer } from "aws-doubles/server";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pythonsWithBoto3 } from "./clients/interpreters.js";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("./clients/boto3_scenarios.py", import.meta.url));
const pythons = pythonsWithBoto3();
if (pythons.length === 0) console.warn("[boto3.test] SKIPPED: no python3 with boto3 (apt-get install -y python3-boto3)");

describe.skipIf(pythons.length === 0)("Python boto3 against the server", () => {
  let server: AwsDoublesServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  for (const { python, boto3 } of pythons) {
    it(`runs one scenario per service with boto3 ${boto3} (${python})`, async () => {
      server.aws.reset();
      const env: NodeJS.ProcessEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: "true" };
      delete env["AWS_PROFILE"];
      const { stdout } = await run(python, [SCRIPT, server.url], { env, timeout: 120_000 });
      const result = JSON.parse(stdout) as Record<string, Record<string, unknown>>;

      // Glue: a workflow run to COMPLETED, both jobs run by its triggers.
      expect(result["glue"]).toEqual({ status: "COMPLETED", succeeded: 2, jobs: { extract: "SUCCEEDED", load: "SUCCEEDED" }, startedOn: expect.any(String) });
      // Omics: a workflow from a zip (its parameter template read from the WDL), a run, its tasks.
      expect(result["omics"]).toEqual({ workflowStatus: "ACTIVE", parameterTemplate: ["sample_name"], runStatus: "COMPLETED", tasks: [["count", "COMPLETED"], ["greet", "COMPLETED"]] });
      // Image Builder: a pipeline execution to AVAILABLE, with its AMI.
      expect(result["imagebuilder"]).toMatchObject({ status: "AVAILABLE", amis: 1, pipelineImages: 1 });
      // Proton: a template version registered and published, an environment deployed.
      expect(result["proton"]).toEqual({ registered: "DRAFT", published: "PUBLISHED", deployment: "SUCCEEDED", arn: "arn:aws:proton:us-east-1:123456789012:environment/prod" });

      // The same calls are in the server's log, as any other client's.
      const services = new Set(server.aws.calls().map((c) => c.service));
      expect([...services].sort()).toEqual(["Glue", "Omics", "Proton", "imagebuilder"]);
      expect(server.aws.calls().filter((c) => c.error)).toEqual([]);
    }, 180_000);
  }
});
