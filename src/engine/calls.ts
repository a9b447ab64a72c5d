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
  private readonly entries: RecordedCall[] = [];

  add(call: RecordedCall): void {
    this.entries.push(call.output === undefined ? call : { ...call, output: deepCopy(call.output) });
  }

  all(): RecordedCall[] {
    return this.entries.map((entry) => deepCopy(entry));
  }

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
