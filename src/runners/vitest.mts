// The vitest setup file: `setupFiles: ["aws-doubles/vitest"]`. Installs the fake for the test
// file, resets it before each test, restores it after the file, and registers the matchers on
// vitest's own expect. Tests get the mock with `import { aws } from "aws-doubles/vitest"`.
import { afterAll, beforeEach, chai, expect } from "vitest";
import { mockAws, type AwsMock } from "../index.js";
import { takeSetupOptions } from "../setup-options.js";
import { installMatchers, type ChaiLike, type CommandClass, type CommandRef, type ExpectedInput } from "./matchers.js";

installMatchers(expect, { chai: chai as unknown as ChaiLike });

/** The mock this setup file installed. */
export const aws: AwsMock = mockAws(takeSetupOptions());

beforeEach(() => {
  aws.reset();
});

afterAll(() => {
  aws.restore();
});

// The members are declared here directly, not inherited from an interface: aws-sdk-client-mock's
// matcher packages declare the same names, and two inherited declarations of one name conflict
// (TS2320), while a direct member only has to accept what theirs accepts (it does: a Command
// class, a count, an input). See docs/decisions/0006-matchers-beside-aws-sdk-client-mock.md.
declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> {
    toHaveReceivedCommand(command: CommandRef): T;
    toHaveReceivedCommandTimes(command: CommandRef, times: number): T;
    toHaveReceivedCommandOnce(command: CommandRef): T;
    toHaveReceivedCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): T;
    toHaveReceivedCommandWith(command: string, input: Record<string, unknown>): T;
    toHaveReceivedCommandExactlyOnceWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): T;
    toHaveReceivedCommandExactlyOnceWith(command: string, input: Record<string, unknown>): T;
    toHaveReceivedNthCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): T;
    toHaveReceivedNthCommandWith<C extends CommandClass>(command: C, n: number, input: ExpectedInput<C>): T;
    toHaveReceivedNthCommandWith(n: number, command: string, input: Record<string, unknown>): T;
    toHaveReceivedNthSpecificCommandWith<C extends CommandClass>(n: number, command: C, input: ExpectedInput<C>): T;
    toHaveReceivedNthSpecificCommandWith(n: number, command: string, input: Record<string, unknown>): T;
    toHaveReceivedLastCommandWith<C extends CommandClass>(command: C, input: ExpectedInput<C>): T;
    toHaveReceivedLastCommandWith(command: string, input: Record<string, unknown>): T;
    toHaveReceivedAnyCommand(): T;
  }
}
