import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

/**
 * Every JavaScript and TypeScript sample in README.md and docs/ runs, so none can rot:
 * - a ```ts / ```js block is a complete module (imports included) and is executed as written;
 * - a block whose info string says `excerpt=<path>` quotes source code and must appear in that
 *   file, as written apart from whitespace and `//` comments.
 * Shell, JSON and plain-text blocks are not samples. A sample that leaves the fake installed
 * fails, as a test that forgot restore() would.
 */
const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const state = require("../../dist/state.js") as typeof import("../../src/state.js");
const workdir = join(root, "test", ".doc-samples");

interface Sample {
  file: string;
  line: number;
  lang: string;
  info: string;
  code: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

function samplesOf(file: string): Sample[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript|js|javascript|mjs|cjs)(?:\s+(.*))?$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && lines[i] !== "```") body.push(lines[i]!);
    samples.push({ file: relative(root, file), line: start + 1, lang: open[1]!, info: open[2] ?? "", code: body.join("\n") });
  }
  return samples;
}

const samples = [join(root, "README.md"), ...markdownFiles(join(root, "docs"))].flatMap(samplesOf);

/** CommonJS when it uses require/module.exports and no import/export statement. */
function isCommonJs(code: string): boolean {
  return /\b(require\(|module\.exports)/.test(code) && !/^\s*(import|export)\s/m.test(code);
}

function forceUninstall(): boolean {
  const installation = state.globalState().installation;
  if (!installation) return false;
  installation.uninstall();
  state.globalState().installation = undefined;
  state.globalState().engine.reset();
  return true;
}

afterEach(() => {
  vi.restoreAllMocks();
  forceUninstall();
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

describe("code samples in README.md and docs/", () => {
  it("finds the samples", () => {
    expect(samples.length).toBeGreaterThan(10);
  });

  it.each(samples.map((s) => [`${s.file}:${s.line}`, s] as const))("%s", async (_where, sample) => {
    const excerpt = /excerpt=(\S+)/.exec(sample.info)?.[1];
    if (excerpt) {
      // Comments may annotate an excerpt; the code itself must be the file's.
      const normalize = (text: string) => text.replace(/(^|\s)\/\/[^\n]*/g, "").replace(/\s+/g, " ").trim();
      expect(normalize(readFileSync(join(root, excerpt), "utf8"))).toContain(normalize(sample.code));
      return;
    }
    mkdirSync(workdir, { recursive: true });
    const name = `${sample.file.replace(/[^\w]+/g, "_")}_${sample.line}`;
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    if (isCommonJs(sample.code)) {
      const path = join(workdir, `${name}.cjs`);
      writeFileSync(path, sample.code);
      require(path);
    } else {
      const path = join(workdir, `${name}.${sample.lang.startsWith("t") ? "mts" : "mjs"}`);
      writeFileSync(path, sample.code);
      await import(/* @vite-ignore */ pathToFileURL(path).href);
    }
    expect(forceUninstall(), "the sample left aws-doubles installed: end it with aws.restore()").toBe(false);
  });
});
