import { canonicalJson, deepCopy } from "./canonical.js";

/** Eight hours: how long AWS services keep a client token (Proton documents it; EC2-style services behave alike). */
export const DEFAULT_TOKEN_TTL_MS = 8 * 60 * 60 * 1000;

interface LedgerEntry {
  fingerprint: string;
  output: unknown;
  expiresAtMs: number;
}

export type LedgerLookup =
  | { kind: "new" }
  | { kind: "replay"; output: unknown }
  | { kind: "mismatch" };

/**
 * The idempotency ledger: one per process, keyed by service, account, region, operation and
 * token. A token seen before with the same request replays the first response; with a
 * different request it is the service's mismatch error. Failed calls are not recorded, so a
 * client may retry them with the same token (as the SDK's retries do).
 */
export class IdempotencyLedger {
  private readonly entries = new Map<string, LedgerEntry>();

  constructor(public ttlMs: number = DEFAULT_TOKEN_TTL_MS) {}

  private static key(scope: readonly string[], token: string): string {
    return JSON.stringify([...scope, token]);
  }

  /** What to do with a request carrying `token`. `request` excludes the token itself. */
  lookup(scope: readonly string[], token: string, request: unknown, nowMs: number): LedgerLookup {
    const key = IdempotencyLedger.key(scope, token);
    const entry = this.entries.get(key);
    if (!entry) return { kind: "new" };
    if (entry.expiresAtMs <= nowMs) {
      this.entries.delete(key);
      return { kind: "new" };
    }
    if (entry.fingerprint !== canonicalJson(request)) return { kind: "mismatch" };
    return { kind: "replay", output: deepCopy(entry.output) };
  }

  record(scope: readonly string[], token: string, request: unknown, output: unknown, nowMs: number): void {
    this.entries.set(IdempotencyLedger.key(scope, token), {
      fingerprint: canonicalJson(request),
      output: deepCopy(output),
      expiresAtMs: nowMs + this.ttlMs,
    });
  }

  clear(): void {
    this.entries.clear();
  }
}
