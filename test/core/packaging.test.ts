import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
const script = (name: string) => join(root, "test/fixtures/processes", name);

describe("packaging and SDK copies", () => {
  it("ESM and CommonJS consumers in one process share one fake", async () => {
    const { stdout } = await run(process.execPath, [script("dual-format.mjs")], { cwd: root, env });
    expect(stdout.trim()).toBe("dual-format ok");
  });

  for (const order of ["before", "after"]) {
    it(`intercepts a nested older SDK copy loaded ${order} mockAws()`, async () => {
      const { stdout } = await run(process.execPath, [script("nested-sdk.cjs"), order], { cwd: root, env });
      const result = JSON.parse(stdout);
      expect(result.smithyClientVersion).toMatch(/^3\./);
      expect(result.handled).toEqual([]);
      expect(result.calls).toEqual(["Omics.ListWorkflows"]);
      // Either modelled (typed output) or refused with NotImplemented: never the network.
      if (result.error) expect(result.error).toMatchObject({ name: "NotImplemented", status: 501 });
      else expect(result.output.$metadata.httpStatusCode).toBe(200);
    });
  }
});
