/** One call the fake answered (or refused), as `calls()` reports it. */
export interface RecordedCall {
  /** SDK service id, e.g. "Glue". */
  service: string;
  /** Operation name, e.g. "StartWorkflowRun". */
  operation: string;
  /** The input the caller passed (a snapshot; later mutation by paginators does not show). */
  input: Record<string, unknown>;
  /** The idempotency token the SDK sent, when the operation has one (auto-filled or not). */
  idempotencyToken?: string;
  output?: unknown;
  error?: { name: string; message: string; statusCode: number };
  accountId: string;
  region: string;
}

export class CallLog {
  private readonly entries: RecordedCall[] = [];

  add(call: RecordedCall): void {
    this.entries.push(call);
  }

  all(): RecordedCall[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
