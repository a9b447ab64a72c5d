import { AwsDoublesUsageError } from "./errors.js";

/**
 * The virtual clock behind every timestamp the fakes write and every expiry they check
 * (idempotency tokens, for one). It reads `Date.now()` and adds the offset built up by
 * `advance()`, so it follows the test runner's fake timers when those are installed, and a
 * test can jump hours ahead (to expire a token) without waiting. See docs/decisions/0002-time-model.md.
 */
/** The largest time a Date can hold (ECMAScript: ±8.64e15 ms around the epoch). */
const MAX_DATE_MS = 8.64e15;

export class VirtualClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, as the fakes see it. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /**
   * Moves virtual time forward. Negative or non-finite amounts are refused, and so is a jump
   * past the last date JavaScript can represent (year 275760): every timestamp the fakes write
   * would become Invalid Date, which no response can carry.
   */
  advance(ms: number): void {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      throw new AwsDoublesUsageError(`clock.advance(ms) needs a finite, non-negative number of milliseconds; got ${String(ms)}`);
    }
    if (this.nowMs() + ms > MAX_DATE_MS) {
      throw new AwsDoublesUsageError(`clock.advance(${ms}) would move the clock past the last representable date (${new Date(MAX_DATE_MS).toISOString()}); advance by less.`);
    }
    this.offsetMs += ms;
  }

  /** Back to wall-clock time (used by reset()). */
  reset(): void {
    this.offsetMs = 0;
  }
}

/** The public face of the clock on the mock handle. */
export interface Clock {
  now(): Date;
  advance(ms: number): void;
}
