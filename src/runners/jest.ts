/**
 * The jest setup (`preset: "aws-doubles"`, or `setupFilesAfterEnv: ["aws-doubles/jest"]`).
 * It runs in each test file's own module registry: installs the fake, resets it before each
 * test, restores it after the file and registers the matchers on jest's expect. Tests get the
 * mock with `import { aws } from "aws-doubles/jest"`.
 */
import type {} from "expect";
import { mockAws, type AwsMock } from "../index.js";
import { matchers, type AwsDoublesMatchers } from "./matchers.js";

interface JestGlobals {
  beforeEach(fn: () => void): void;
  afterAll(fn: () => void): void;
  expect: { extend(matchers: object): void };
}

function jestGlobals(): JestGlobals {
  try {
    // jest answers this import itself, even when injectGlobals is false.
    return require("@jest/globals") as JestGlobals;
  } catch {
    return globalThis as unknown as JestGlobals;
  }
}

const globals = jestGlobals();
globals.expect.extend(matchers);

/** The mock this setup installed for the current test file. */
export const aws: AwsMock = mockAws();

globals.beforeEach(() => {
  aws.reset();
});

globals.afterAll(() => {
  aws.restore();
});

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R> extends AwsDoublesMatchers<R> {}
  }
}

// For `import { expect } from "@jest/globals"` users.
declare module "expect" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<R> extends AwsDoublesMatchers<R> {}
}
