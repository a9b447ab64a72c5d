/**
 * The jest setup (`preset: "aws-doubles"`, or `setupFilesAfterEnv: ["aws-doubles/jest"]`).
 * It runs in each test file's own module registry: installs the fake, resets it before each
 * test, restores it after the file and registers the matchers on jest's expect. Tests get the
 * mock with `import { aws } from "aws-doubles/jest"`.
 */
import type {} from "expect";
import { AwsDoublesUsageError, mockAws, type AwsMock } from "../index.js";
import { takeSetupOptions } from "../setup-options.js";
import { installMatchers, type CommandClass, type CommandRef, type ExpectedInput } from "./matchers.js";

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

// A vitest worker marks its global (an environment variable would also reach jest run as a child process).
if ((globalThis as Record<string, unknown>)["__vitest_worker__"] !== undefined) {
  throw new AwsDoublesUsageError('aws-doubles/jest was loaded under vitest: use setupFiles: ["aws-doubles/vitest"] and import { aws } from "aws-doubles/vitest".');
}

const globals = jestGlobals();
installMatchers(globals.expect);

/** The mock this setup installed for the current test file. */
export const aws: AwsMock = mockAws(takeSetupOptions());

globals.beforeEach(() => {
  aws.reset();
});

globals.afterAll(() => {
  aws.restore();
});

// The members are declared directly, not inherited: aws-sdk-client-mock-jest declares the same
// names, and two inherited declarations of one name conflict (TS2320). See
// docs/decisions/0006-matchers-beside-aws-sdk-client-mock.md.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveReceivedCommand(command: CommandRef): R;
      toHaveReceivedCommandTimes(command: CommandRef, times: number): R;
      toHaveReceivedCommandOnce(command: CommandRef): R;
      toHaveReceivedCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
      toHaveReceivedCommandWith(command: string, input: Record<string, unknown>): R;
      toHaveReceivedCommandExactlyOnceWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
      toHaveReceivedCommandExactlyOnceWith(command: string, input: Record<string, unknown>): R;
      toHaveReceivedNthCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): R;
      toHaveReceivedNthCommandWith<C extends CommandClass>(command: C, n: number, input: ExpectedInput<C>): R;
      toHaveReceivedNthCommandWith(n: number, command: string, input: Record<string, unknown>): R;
      toHaveReceivedNthSpecificCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): R;
      toHaveReceivedNthSpecificCommandWith(n: number, command: string, input: Record<string, unknown>): R;
      toHaveReceivedLastCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
      toHaveReceivedLastCommandWith(command: string, input: Record<string, unknown>): R;
      toHaveReceivedAnyCommand(): R;
    }
  }
}

// For `import { expect } from "@jest/globals"` users.
declare module "expect" {
  interface Matchers<R> {
    toHaveReceivedCommand(command: CommandRef): R;
    toHaveReceivedCommandTimes(command: CommandRef, times: number): R;
    toHaveReceivedCommandOnce(command: CommandRef): R;
    toHaveReceivedCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
    toHaveReceivedCommandWith(command: string, input: Record<string, unknown>): R;
    toHaveReceivedCommandExactlyOnceWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
    toHaveReceivedCommandExactlyOnceWith(command: string, input: Record<string, unknown>): R;
    toHaveReceivedNthCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): R;
    toHaveReceivedNthCommandWith<C extends CommandClass>(command: C, n: number, input: ExpectedInput<C>): R;
    toHaveReceivedNthCommandWith(n: number, command: string, input: Record<string, unknown>): R;
    toHaveReceivedNthSpecificCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): R;
    toHaveReceivedNthSpecificCommandWith(n: number, command: string, input: Record<string, unknown>): R;
    toHaveReceivedLastCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): R;
    toHaveReceivedLastCommandWith(command: string, input: Record<string, unknown>): R;
    toHaveReceivedAnyCommand(): R;
  }
}
