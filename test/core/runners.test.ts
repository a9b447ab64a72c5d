import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * The test-runner entry points, exercised the way users use them: a real jest run with
 * `preset: "aws-doubles"` and a real vitest run with `setupFiles: ["aws-doubles/vitest"]`,
 * each on a small fixture project of two test files.
 */
const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" };

describe("test-runner entry points", () => {
  it("jest: preset 'aws-doubles' installs the fake, resets it per test and registers the matchers", async () => {
    const { stderr } = await run(process.execPath, [join(root, "node_modules/jest/bin/jest.js"), "--config", "test/fixtures/jest-project/jest.config.js"], {
      cwd: root,
      env,
    });
    expect(stderr).toContain("Tests:       3 passed, 3 total");
    expect(stderr).toContain("Test Suites: 2 passed, 2 total");
  }, 60_000);

  for (const isolation of [[], ["--no-isolate"]]) {
    it(`vitest ${isolation.join(" ") || "(isolated files)"}: the setup file installs the fake, resets it per test and registers the matchers`, async () => {
      const { stdout } = await run(
        process.execPath,
        [join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "test/fixtures/vitest-project/vitest.config.mjs", ...isolation],
        { cwd: root, env },
      );
      expect(stdout).toMatch(/Test Files\s+2 passed \(2\)/);
      expect(stdout).toMatch(/Tests\s+3 passed \(3\)/);
    }, 60_000);
  }
});

describe("options for the mock the runner setups install", () => {
  it("vitest: a setup file listed before aws-doubles/vitest calls setupOptions()", async () => {
    const { stdout } = await run(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "test/fixtures/options-vitest/vitest.config.mjs"], { cwd: root, env });
    expect(stdout).toMatch(/Tests\s+1 passed \(1\)/);
  }, 60_000);

  it("jest: a setupFiles entry calls setupOptions() before the preset's setup", async () => {
    const { stderr } = await run(process.execPath, [join(root, "node_modules/jest/bin/jest.js"), "--config", "test/fixtures/options-jest/jest.config.js"], { cwd: root, env });
    expect(stderr).toContain("Tests:       1 passed, 1 total");
  }, 60_000);
});

describe("beside aws-sdk-client-mock and its matchers", () => {
  for (const order of ["ours-first", "ours-last"]) {
    it(`vitest (${order}): each library's matchers answer for its own mock`, async () => {
      const { stdout } = await run(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", `test/fixtures/coexist/vitest.${order}.config.mjs`], { cwd: root, env });
      expect(stdout).toMatch(/Tests\s+2 passed \(2\)/);
    }, 60_000);

    it(`jest (${order}): each library's matchers answer for its own mock`, async () => {
      const { stderr } = await run(process.execPath, [join(root, "node_modules/jest/bin/jest.js"), "--config", `test/fixtures/coexist/jest.${order}.config.js`], { cwd: root, env });
      expect(stderr).toContain("Tests:       1 passed, 1 total");
    }, 60_000);
  }
});
