import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The README and docs ship in the package: every relative link in them must reach a file that
 * ships too (npm's "files"), so the links work from node_modules/aws-doubles and on npm.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const shipped = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files: string[] }).files;

function markdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdown(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []));
}

describe("links in the shipped docs", () => {
  it("reach files that exist and ship with the package", () => {
    const problems: string[] = [];
    for (const file of [join(root, "README.md"), ...markdown(join(root, "docs"))]) {
      const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!) || target!.startsWith("#")) continue;
        const path = join(dirname(file), target!.split("#")[0]!);
        const inPackage = relative(root, path);
        if (!existsSync(path)) problems.push(`${relative(root, file)}: ${target} does not exist`);
        else if (!shipped.some((entry) => inPackage === entry || inPackage.startsWith(`${entry}/`))) problems.push(`${relative(root, file)}: ${target} is not in the package's "files"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
