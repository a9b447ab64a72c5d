import { startServer, type AwsDoublesServer } from "aws-doubles/server";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsCli } from "./clients/interpreters.js";

const exec = promisify(execFile);
const version = awsCli();
/**
 * CLI v2 runs whenever it is on the machine. v1 (a Python package, ~1.5 s to start per call)
 * runs when AWS_DOUBLES_CLI_TEST=1, so it does not add most of a minute to every `npm test`.
 */
const enabled = version !== undefined && (/^aws-cli\/2\./.test(version) || process.env["AWS_DOUBLES_CLI_TEST"] === "1");
if (!enabled) {
  console.warn(
    version
      ? `[aws-cli.test] SKIPPED: ${version.split(" ")[0]} is not v2; set AWS_DOUBLES_CLI_TEST=1 to run the CLI scenarios with it`
      : "[aws-cli.test] SKIPPED: no AWS CLI on PATH",
  );
}

/**
 * The AWS CLI against the server, one scenario per service. The CLI has no host-prefix
 * switch of its own; botocore reads AWS_DISABLE_HOST_PREFIX_INJECTION (releases from 2025 on),
 * which Omics needs. Between steps the test settles running work through the control API
 * (each CLI call costs a Python start, so the scenarios do not poll).
 */
describe.skipIf(!enabled)(`the AWS CLI (${version ?? "absent"}) against the server`, () => {
  let server: AwsDoublesServer;
  let dir: string;
  const env = () => ({
    ...process.env,
    AWS_ACCESS_KEY_ID: "AKIDCLI",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: server.url,
    AWS_DISABLE_HOST_PREFIX_INJECTION: "true",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    AWS_CONFIG_FILE: join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
  });
  const cli = async (...args: string[]): Promise<Record<string, any>> => {
    const { stdout } = await exec("aws", [...args, "--output", "json"], { env: env(), timeout: 60_000 });
    return stdout.trim() ? (JSON.parse(stdout) as Record<string, any>) : {};
  };
  const settle = () => fetch(`${server.url}/_aws-doubles/settle`, { method: "POST" });

  beforeAll(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), "aws-doubles-cli-"));
  });
  afterAll(() => server.close());

  it("runs a Glue workflow, an Omics run, an image pipeline and a Proton deployment", async () => {
    const glue = async () => {
      await cli("glue", "create-job", "--name", "etl", "--role", "arn:aws:iam::123456789012:role/R", "--command", "Name=glueetl,ScriptLocation=s3://b/etl.py");
      await cli("glue", "create-workflow", "--name", "nightly");
      await cli("glue", "create-trigger", "--name", "start", "--workflow-name", "nightly", "--type", "ON_DEMAND", "--actions", "JobName=etl");
      const { RunId } = await cli("glue", "start-workflow-run", "--name", "nightly");
      await settle();
      return (await cli("glue", "get-workflow-run", "--name", "nightly", "--run-id", RunId)).Run;
    };
    const omics = async () => {
      const zip = join(dir, "hello.zip");
      writeFileSync(zip, zipSync({ "main.wdl": strToU8("version 1.0\nworkflow hello {\n  input {\n    String who\n  }\n  call greet { input: who = who }\n}\ntask greet {\n  input {\n    String who\n  }\n  command <<< echo ~{who} >>>\n}\n") }));
      const workflow = await cli("omics", "create-workflow", "--name", "hello", "--engine", "WDL", "--definition-zip", `fileb://${zip}`);
      await settle();
      const run = await cli("omics", "start-run", "--workflow-id", workflow["id"], "--role-arn", "arn:aws:iam::123456789012:role/R", "--output-uri", "s3://out/", "--parameters", '{"who":"world"}');
      await settle();
      const finished = await cli("omics", "get-run", "--id", run["id"]);
      const tasks = await cli("omics", "list-run-tasks", "--id", run["id"]);
      return { status: finished["status"], tasks: tasks["items"].map((t: { name: string; status: string }) => `${t.name}:${t.status}`) };
    };
    const imagebuilder = async () => {
      const doc = "name: hello\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hi\n        action: ExecuteBash\n        inputs:\n          commands: [\"echo hi\"]\n";
      const component = await cli("imagebuilder", "create-component", "--name", "hello", "--semantic-version", "1.0.0", "--platform", "Linux", "--data", doc);
      const recipe = await cli("imagebuilder", "create-image-recipe", "--name", "web", "--semantic-version", "1.0.0", "--parent-image", "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x", "--components", `componentArn=${component["componentBuildVersionArn"]}`);
      const infra = await cli("imagebuilder", "create-infrastructure-configuration", "--name", "small", "--instance-profile-name", "EC2InstanceProfileForImageBuilder");
      const pipeline = await cli("imagebuilder", "create-image-pipeline", "--name", "web", "--image-recipe-arn", recipe["imageRecipeArn"], "--infrastructure-configuration-arn", infra["infrastructureConfigurationArn"]);
      const execution = await cli("imagebuilder", "start-image-pipeline-execution", "--image-pipeline-arn", pipeline["imagePipelineArn"]);
      await settle();
      return (await cli("imagebuilder", "get-image", "--image-build-version-arn", execution["imageBuildVersionArn"]))["image"]["state"]["status"];
    };
    const proton = async () => {
      await cli("proton", "create-environment-template", "--name", "vpc-env");
      await cli("proton", "create-environment-template-version", "--template-name", "vpc-env", "--source", "s3={bucket=proton-templates,key=bundle.tar.gz}");
      await settle();
      const published = await cli("proton", "update-environment-template-version", "--template-name", "vpc-env", "--major-version", "1", "--minor-version", "0", "--status", "PUBLISHED");
      await cli("proton", "create-environment", "--name", "prod", "--template-name", "vpc-env", "--template-major-version", "1", "--proton-service-role-arn", "arn:aws:iam::123456789012:role/ProtonServiceRole", "--spec", "proton: EnvironmentSpec\nspec:\n  vpc_cidr: 10.0.0.0/16\n");
      await settle();
      const environment = await cli("proton", "get-environment", "--name", "prod");
      return { published: published["environmentTemplateVersion"]["status"], deployment: environment["environment"]["deploymentStatus"] };
    };
    const [glueRun, omicsRun, image, deployment] = await Promise.all([glue(), omics(), imagebuilder(), proton()]);
    expect(glueRun).toMatchObject({ Status: "COMPLETED", Statistics: { SucceededActions: 1 } });
    expect(omicsRun).toEqual({ status: "COMPLETED", tasks: ["greet:COMPLETED"] });
    expect(image).toBe("AVAILABLE");
    expect(deployment).toEqual({ published: "PUBLISHED", deployment: "SUCCEEDED" });
    expect(server.aws.calls().filter((c) => c.error)).toEqual([]);
  }, 240_000);
});
