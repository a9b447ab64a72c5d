import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The typings as consumers compile them, with skipLibCheck: false: a CommonJS project on
 * ts-jest's defaults (moduleResolution node10) and an ESM vitest project (bundler), each using
 * aws-doubles beside aws-sdk-client-mock's matcher package. The fixtures must compile, their
 * @ts-expect-error lines (a misspelt input member) must fail, and no error may come from
 * aws-doubles' declarations or from the two libraries' matcher declarations meeting.
 */
const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixtures = join(root, "test/fixtures/consumer-types");
const tsc = join(root, "node_modules/typescript/bin/tsc");

/**
 * Errors from third-party declarations that have nothing to do with aws-doubles: @types/sinon
 * (aws-sdk-client-mock's dependency) names a type that the @sinonjs/fake-timers jest installs
 * no longer exports. Any project with jest and aws-sdk-client-mock sees these.
 */
const UNRELATED = [/node_modules\/@types\/sinon\/index\.d\.ts\(\d+,\d+\): error TS2694: .*FakeTimerInstallOpts/];

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "aws-doubles-consumer-"));
  cpSync(fixtures, project, { recursive: true });
  mkdirSync(join(project, "node_modules"));
  symlinkSync(root, join(project, "node_modules", "aws-doubles"));
  for (const name of ["@aws-sdk", "@smithy", "@jest", "@types", "@sinonjs", "@vitest", "aws-sdk-client-mock", "aws-sdk-client-mock-jest", "aws-sdk-client-mock-vitest", "vitest", "expect", "sinon"]) {
    if (existsSync(join(root, "node_modules", name))) symlinkSync(join(root, "node_modules", name), join(project, "node_modules", name));
  }
});

async function compile(config: string): Promise<string[]> {
  try {
    await run(process.execPath, [tsc, "-p", config], { cwd: project });
    return [];
  } catch (error) {
    const output = String((error as { stdout?: string }).stdout ?? "");
    return output.split("\n").filter((line) => /error TS\d+/.test(line) && !UNRELATED.some((pattern) => pattern.test(line)));
  }
}

describe("typings as consumers compile them (skipLibCheck: false)", () => {
  it("CommonJS on ts-jest's defaults (node10): subpath types resolve; matchers beside aws-sdk-client-mock-jest; a misspelt input member does not compile", async () => {
    expect(await compile("tsconfig.node10.json")).toEqual([]);
  }, 120_000);

  it("ESM on vitest (bundler): matchers beside aws-sdk-client-mock-vitest; a misspelt input member does not compile", async () => {
    expect(await compile("tsconfig.bundler.json")).toEqual([]);
  }, 120_000);
});
