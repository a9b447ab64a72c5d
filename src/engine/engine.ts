import { BackendStore } from "./backends.js";
import { CallLog } from "./calls.js";
import { VirtualClock } from "./clock.js";
import { FaultInjector } from "./faults.js";
import { IdempotencyLedger } from "./idempotency.js";
import { LifecycleEngine } from "./lifecycle/engine.js";

/**
 * Everything the fakes remember, in one place so that reset() can forget all of it at once:
 * backends, runs, idempotency tokens, recorded calls, faults, lifecycle rules and the
 * per-service test registrations (such as Glue blueprint layouts).
 */
export class Engine {
  readonly clock = new VirtualClock();
  readonly ledger = new IdempotencyLedger();
  readonly lifecycles = new LifecycleEngine();
  readonly faults = new FaultInjector();
  readonly calls = new CallLog();
  readonly backends = new BackendStore();
  private readonly extensions = new Map<string, unknown>();

  /** Per-service state that belongs to tests rather than to AWS (kept until reset()). */
  extension<T>(key: string, create: () => T): T {
    if (!this.extensions.has(key)) this.extensions.set(key, create());
    return this.extensions.get(key) as T;
  }

  reset(): void {
    this.backends.clear();
    this.ledger.clear();
    this.lifecycles.reset();
    this.faults.reset();
    this.calls.clear();
    this.extensions.clear();
    this.clock.reset();
  }
}
