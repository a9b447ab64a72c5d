import { AwsDoublesUsageError } from "./engine/errors.js";
import { DEFAULT_TOKEN_TTL_MS } from "./engine/idempotency.js";
import { checkedOptions, KNOWN_OPTIONS, resolveOptions, type MockAwsOptions } from "./options.js";
import { globalState } from "./state.js";

/**
 * Options for the mock the runner setups install (aws-doubles/vitest, aws-doubles/jest and the
 * jest preset), which call mockAws() themselves. A setup file that runs before theirs calls
 * setupOptions(); they take the options when they install. Kept on globalThis, beside the one
 * state, so every copy of aws-doubles sees the same.
 */
const KEY = Symbol.for("aws-doubles.setupOptions.v1");

type Holder = Record<symbol, MockAwsOptions | undefined>;

/**
 * Sets the options of the mock the vitest setup file or the jest setup installs: region,
 * accountId, instantRetries, onUnhandled, transitions, idempotencyTtlMs, clients. Call it in a
 * setup file that runs before theirs — vitest: list it before "aws-doubles/vitest" in
 * `setupFiles`; jest: put it in `setupFiles`, which run before the preset's
 * `setupFilesAfterEnv`. The options are checked as mockAws() checks them.
 */
export function setupOptions(options: MockAwsOptions): void {
  checkedOptions(options, KNOWN_OPTIONS, "setupOptions(options)");
  if (globalState().installation) {
    throw new AwsDoublesUsageError(
      "setupOptions() came after the mock was installed, so it cannot apply. Call it in a setup file that runs first: " +
        'vitest: setupFiles: ["./aws-options.ts", "aws-doubles/vitest"]; jest: setupFiles: ["./aws-options.js"] beside preset "aws-doubles". ' +
        "To change options during a test, use aws.configure().",
    );
  }
  // Checked now, so a mistake points at the caller's setup file rather than at the runner's setup.
  resolveOptions(options, { ttlMs: DEFAULT_TOKEN_TTL_MS });
  (globalThis as unknown as Holder)[KEY] = { ...options };
}

/** The options setupOptions() gave (used by the runner setups), or none. */
export function takeSetupOptions(): MockAwsOptions {
  return (globalThis as unknown as Holder)[KEY] ?? {};
}
