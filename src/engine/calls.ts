import { deepCopy } from "./canonical.js";

/** One call the fake answered (or refused), as `calls()` reports it. */
export interface RecordedCall {
  /** SDK service id, e.g. "Glue". */
  service: string;
  /** Operation name, e.g. "StartWorkflowRun". */
  operation: string;
  /** What the request carried: its modelled members, as the caller gave them (the SDK's filled-in token is `idempotencyToken`). */
  input: Record<string, unknown>;
  /** The idempotency token the SDK sent, when the operation has one (auto-filled or not). */
  idempotencyToken?: string;
  output?: unknown;
  error?: { name: string; message: string; statusCode: number };
  accountId: string;
  region: string;
}

/**
 * The calls the fake answered. Records are the log's own: add() keeps a copy of the output
 * (handlers may return objects they keep changing) and all() hands out copies, so nothing a
 * test does to what it reads changes what later reads and matchers see.
 */
export class CallLog {
  private entries: RecordedCall[] = [];
  /** Index of the oldest kept entry: dropping the oldest is O(1), compacted now and then. */
  private start = 0;
  /**
   * How many calls are kept; older ones are forgotten (unbounded by default). A long-running
   * server keeps a bounded log so that its memory stays flat however many calls it answers.
   */
  private max = Number.POSITIVE_INFINITY;

  get limit(): number {
    return this.max;
  }

  set limit(value: number) {
    if (!(value >= 1)) throw new RangeError(`The call log limit must be at least 1; got ${String(value)}`);
    this.max = value;
    this.trim();
  }

  add(call: RecordedCall): void {
    this.entries.push(call.output === undefined ? call : { ...call, output: deepCopy(call.output) });
    this.trim();
  }

  all(): RecordedCall[] {
    return this.entries.slice(this.start).map((entry) => deepCopy(entry));
  }

  /** The newest `count` calls, oldest first (without copying the whole log). */
  recent(count: number): RecordedCall[] {
    return this.entries.slice(Math.max(this.start, this.entries.length - count)).map((entry) => deepCopy(entry));
  }

  get size(): number {
    return this.entries.length - this.start;
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }

  private trim(): void {
    const excess = this.size - this.max;
    if (excess > 0) this.start += excess;
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }
}
