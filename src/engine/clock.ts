/**
 * The virtual clock behind every timestamp the fakes write and every expiry they check
 * (idempotency tokens, for one). It reads `Date.now()` and adds the offset built up by
 * `advance()`, so it follows the test runner's fake timers when those are installed, and a
 * test can jump hours ahead (to expire a token) without waiting. See docs/decisions/0002-time-model.md.
 */
export class VirtualClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, as the fakes see it. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves virtual time forward; negative or non-finite amounts are refused. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`clock.advance(ms) needs a finite, non-negative number of milliseconds; got ${String(ms)}`);
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
