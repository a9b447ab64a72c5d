import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const patterns = require("../../dist/engine/validation/patterns.js") as typeof import("../../src/engine/validation/patterns.js");
const registry = require("../../dist/services/registry.js") as typeof import("../../src/services/registry.js");

const SINGLE_LINE = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";

describe("pattern matching", () => {
  it.each([
    [SINGLE_LINE, "plain text\twith a tab", true],
    [SINGLE_LINE, "emoji 😀 is one code point", true],
    [SINGLE_LINE, "no\nline breaks", false],
    ["^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$", "team:data", true],
    ["^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$", "aws:reserved", false],
    ["^[a-z0-9]+(-[a-z0-9]+)*$", "my-bucket-1", true],
    ["^[a-z0-9]+(-[a-z0-9]+)*$", "my--bucket", false],
    ["arn:aws(-[a-z]+)*:iam::\\d{12}:role/.+", "arn:aws-cn:iam::123456789012:role/x", true],
    ["arn:aws(-[a-z]+)*:iam::\\d{12}:role/.+", "arn:aws:iam::1234:role/x", false],
    ["[\\p{L}\\p{N}\\p{P}]+", "Añb1.", true],
    ["[\\p{L}\\p{N}\\p{P}]+", "a b", false],
    ["^(?!(.*[.\\/\\\\]|aws:)).*$", "team", true],
    ["^(?!(.*[.\\/\\\\]|aws:)).*$", "aws:owner", false],
    ["^(?!(.*[.\\/\\\\]|aws:)).*$", "a/b", false],
    ["^(?![0-9_])\\w+$|^_\\w*[a-zA-Z0-9]\\w*$", "column_1", true],
    ["^(?![0-9_])\\w+$|^_\\w*[a-zA-Z0-9]\\w*$", "_private", true],
    ["^(?![0-9_])\\w+$|^_\\w*[a-zA-Z0-9]\\w*$", "1st", false],
    ["^(?![0-9_])\\w+$|^_\\w*[a-zA-Z0-9]\\w*$", "__", false],
  ])("%s against %j is %s", (pattern, value, expected) => {
    expect(patterns.wholeMatcher(pattern)(value)).toBe(expected);
  });

  it("matches every pattern of every service in linear time: no pattern falls back to a backtracking engine", () => {
    for (const id of registry.serviceIds()) registry.findService(id);
    const all = patterns.compiledPatterns();
    expect(all.length).toBeGreaterThan(20);
    expect(patterns.nonLinearPatterns).toEqual([]);
    // 20,000-character adversarial values: a backtracking match of these would not finish.
    const adversarial = ["a", "-", "0", " ", "a-", ".", "/", ":"].map((unit) => `${unit.repeat(20_000 / unit.length)}!\u0000`);
    for (const pattern of all) {
      const matches = patterns.wholeMatcher(pattern);
      for (const value of adversarial) expect(typeof matches(value)).toBe("boolean");
    }
  });
});
