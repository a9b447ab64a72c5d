import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

describe("aws-doubles/jest", () => {
  it("says to use aws-doubles/vitest when loaded under vitest", () => {
    const require = createRequire(import.meta.url);
    expect(() => require("aws-doubles/jest")).toThrow(/loaded under vitest: use setupFiles: \["aws-doubles\/vitest"\]/);
  });
});
