import { CreateWorkflowCommand, GetWorkflowCommand, GlueClient } from "@aws-sdk/client-glue";
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { clientConfig } from "./helpers.js";

const BIN = fileURLToPath(new URL("../../dist/server/cli.js", import.meta.url));
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

/** Starts `aws-doubles serve …` and resolves with its printed URL once it listens. */
function serve(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], { env });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
    child.stdout.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

describe("npx aws-doubles serve", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`serves on loopback, prints its URL, and shuts down cleanly on ${signal}`, async () => {
      const { child, url, output } = await serve(["--port", "0"]);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output()).toContain(`dashboard: ${url}/_aws-doubles/dashboard`);
      const glue = new GlueClient(clientConfig(url));
      await glue.send(new CreateWorkflowCommand({ Name: "from-cli" }));
      expect((await glue.send(new GetWorkflowCommand({ Name: "from-cli" }))).Workflow?.Name).toBe("from-cli");
      glue.destroy(); // a kept-alive socket must not hold the shutdown
      const exit = exited(child);
      child.kill(signal);
      expect(await exit).toBe(0);
      expect(output()).toContain(`${signal}, shutting down`);
    });
  }

  it("takes mockAws() options and reports bad ones with usage, exit code 2", async () => {
    const { child, url } = await serve(["--port=0", "--account-id", "111122223333", "--transitions", "manual"]);
    const glue = new GlueClient(clientConfig(url));
    const { Name } = await glue.send(new CreateWorkflowCommand({ Name: "acct" }));
    expect(Name).toBe("acct");
    const calls = (await (await fetch(`${url}/_aws-doubles/calls`)).json()) as { calls: Array<{ accountId: string }> };
    expect(calls.calls[0]!.accountId).toBe("111122223333");
    glue.destroy();
    const exit = exited(child);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);

    const bad = spawnSync(process.execPath, [BIN, "serve", "--port", "nope"], { env, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--port needs a whole number");
    expect(bad.stderr).toContain("Usage: aws-doubles serve");
    // An empty value is not port 0 (a random port) but a mistake.
    const empty = spawnSync(process.execPath, [BIN, "serve", "--port="], { env, encoding: "utf8" });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("--port needs a whole number");
    const unknown = spawnSync(process.execPath, [BIN, "launch"], { env, encoding: "utf8" });
    expect(unknown.status).toBe(2);
    const badAccount = spawnSync(process.execPath, [BIN, "serve", "--port", "0", "--account-id", "12"], { env, encoding: "utf8" });
    expect(badAccount.status).toBe(2);
    expect(badAccount.stderr).toContain("must be 12 digits");
    const help = spawnSync(process.execPath, [BIN, "--help"], { env, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("disableHostPrefix");
  });
});
