import { AwsDoublesUsageError } from "../errors.js";
import type { AppliedRule, Process, RuleEffect, StepReason } from "./process.js";

/**
 * How running resources move: "poll" (default) advances a process one step each time a read
 * operation observes it; "manual" moves nothing until the test calls step() or settle().
 */
export type TransitionMode = "poll" | "manual";

/** Which processes a rule applies to: attribute values to match, or a predicate. */
export type RuleWhere = Readonly<Record<string, unknown>> | ((attributes: Readonly<Record<string, unknown>>) => boolean);

export class LifecycleRule implements AppliedRule {
  private released = false;
  private uses = 0;

  constructor(
    readonly kind: string,
    readonly where: RuleWhere | undefined,
    readonly effect: RuleEffect,
    private readonly times: number,
  ) {}

  isActive(): boolean {
    return !this.released;
  }

  /** How many processes this rule has been applied to. */
  get applied(): number {
    return this.uses;
  }

  /** Stops the rule: no new process gets it, and a hold lets its processes go on. */
  release(): void {
    this.released = true;
  }

  canApplyTo(process: Process): boolean {
    if (this.released || this.uses >= this.times || process.kind !== this.kind) return false;
    if (!this.where) return true;
    if (typeof this.where === "function") return this.where(process.attributes);
    return Object.entries(this.where).every(([key, value]) => process.attributes[key] === value);
  }

  markUsed(): void {
    this.uses++;
  }
}

/**
 * Safety net for settle(): a process that takes more steps than this never finishes (a bug,
 * not a hang). It bounds each process, not the sum, so settling 100,000 runs works.
 */
const SETTLE_STEPS_PER_PROCESS = 100_000;

/**
 * Drives every process of every service: lazy steps on reads ("poll"), explicit steps, and
 * settle(). One instance per mock; reset() forgets all processes and rules, so nothing a
 * test configured leaks into the next one.
 */
export class LifecycleEngine {
  private readonly live = new Set<Process>();
  private readonly rules: LifecycleRule[] = [];
  private readonly lastObserved = new WeakMap<Process, number>();
  private request = 0;
  /**
   * Inside a request, what its reads observed: they move only once the request has been
   * answered (see endRequest), so a read shows each resource as it is, then moves it on.
   */
  private pending: Process[] | undefined;

  constructor(public mode: TransitionMode = "poll") {}

  /** Starts a new request scope: a process moves at most one step per request. */
  beginRequest(): void {
    this.request++;
    this.pending = [];
  }

  /**
   * Ends the request scope. `answered`: the request succeeded and its response is already
   * rendered, so what it observed now moves one step. A rejected request moves nothing: a
   * call either takes effect and succeeds, or fails and changes nothing.
   */
  endRequest(answered: boolean): void {
    const observed = this.pending ?? [];
    this.pending = undefined;
    if (!answered) return;
    // A composite run's step observes its parts: with no request pending they move at once.
    for (const process of observed) this.move(process, "poll");
  }

  /** Whether the current request observed a process that will move when it ends. */
  get hasPendingMoves(): boolean {
    return (this.pending?.length ?? 0) > 0;
  }

  /** Runs `body` as one request outside dispatch (test helpers that act like a call). */
  asRequest<T>(body: () => T): T {
    this.beginRequest();
    let answered = false;
    try {
      const result = body();
      answered = true;
      return result;
    } finally {
      this.endRequest(answered);
    }
  }

  /** Tracks a new process; it shows its first state until a later request observes it. */
  register<P extends Process>(process: P): P {
    this.lastObserved.set(process, this.request);
    for (const rule of this.rules) this.tryApply(rule, process);
    if (!process.done) this.live.add(process);
    return process;
  }

  /**
   * A read operation saw this process: in poll mode it moves on one step (once per request),
   * after the request has been answered, so the read itself shows the state it found.
   */
  observe(process: Process): void {
    if (this.mode !== "poll" || process.done) return;
    if (this.lastObserved.get(process) === this.request) return;
    this.lastObserved.set(process, this.request);
    if (this.pending) this.pending.push(process);
    else this.move(process, "poll");
  }

  /** Moves every live process one step (a test control for manual mode). */
  step(): void {
    this.request++;
    for (const process of [...this.live]) {
      if (this.lastObserved.get(process) === this.request) continue;
      this.lastObserved.set(process, this.request);
      this.move(process, "step");
    }
  }

  /** Runs every live process to its end, synchronously, as it would end if left alone. */
  settle(): void {
    const steps = new Map<Process, number>();
    while (this.live.size > 0) {
      for (const process of [...this.live]) {
        this.move(process, "settle");
        const taken = (steps.get(process) ?? 0) + 1;
        steps.set(process, taken);
        if (taken > SETTLE_STEPS_PER_PROCESS && !process.done) {
          const stuck = [...this.live].filter((p) => (steps.get(p) ?? 0) > SETTLE_STEPS_PER_PROCESS).slice(0, 5).map((p) => `${p.kind} in ${p.state}`);
          throw new AwsDoublesUsageError(`settle() moved a process ${SETTLE_STEPS_PER_PROCESS} steps without it finishing; still running: ${stuck.join(", ")}. This is a bug in aws-doubles; please report it.`);
        }
      }
    }
  }

  addRule(kind: string, where: RuleWhere | undefined, effect: RuleEffect, times = Number.POSITIVE_INFINITY): LifecycleRule {
    const rule = new LifecycleRule(kind, where, effect, times);
    this.rules.push(rule);
    // Processes already running get the rule too: "make job X fail" should not depend on
    // whether the test said it before or after starting the run.
    for (const process of this.live) this.tryApply(rule, process);
    return rule;
  }

  /** Live processes, optionally of one kind (for tests and diagnostics). */
  running(kind?: string): Process[] {
    return [...this.live].filter((p) => !p.done && (kind === undefined || p.kind === kind));
  }

  reset(): void {
    this.live.clear();
    this.rules.length = 0;
    this.pending = undefined;
  }

  private tryApply(rule: LifecycleRule, process: Process): void {
    if (!rule.canApplyTo(process) || !process.supports(rule.effect)) return;
    rule.markUsed();
    process.applyRule(rule);
  }

  private move(process: Process, reason: StepReason): void {
    if (!process.done) process.advance(reason);
    if (process.done) this.live.delete(process);
  }
}
