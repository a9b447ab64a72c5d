// The vitest setup file: `setupFiles: ["aws-doubles/vitest"]`. Installs the fake for the test
// file, resets it before each test, restores it after the file, and registers the matchers on
// vitest's own expect. Tests get the mock with `import { aws } from "aws-doubles/vitest"`.
import { afterAll, beforeEach, expect } from "vitest";
import { mockAws, type AwsMock } from "../index.js";
import { matchers, type AwsDoublesMatchers } from "./matchers.js";

expect.extend(matchers);

/** The mock this setup file installed. */
export const aws: AwsMock = mockAws();

beforeEach(() => {
  aws.reset();
});

afterAll(() => {
  aws.restore();
});

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends AwsDoublesMatchers<T> {}
}
