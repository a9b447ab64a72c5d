/** Why a process is being moved on: a read saw it, a test stepped everything, or settle(). */
export type StepReason = "poll" | "step" | "settle";

/** A test control bound to one process (see LifecycleEngine rules). */
export type RuleEffect =
  | { type: "end"; state: string; message?: string | undefined; after?: string | undefined }
  | { type: "hold"; state: string }
  | { type: "slow"; readsPerStep: number };

export interface AppliedRule {
  readonly effect: RuleEffect;
  /** False once the test released the rule (holds only). */
  isActive(): boolean;
}

/**
 * Anything that runs: a job run, an image build, a deployment. The engine moves processes
 * on; each kind says what one step is. Rules from tests (fail, hold, slow) are applied here,
 * once, so that every service gets the same controls.
 */
export abstract class Process {
  private finished = false;
  private readsSinceStep = 0;
  protected readonly rules: AppliedRule[] = [];

  protected constructor(
    /** "Service.Resource", e.g. "Glue.JobRun": what tests name in aws.lifecycle(). */
    readonly kind: string,
    /** Identifying attributes a rule's `where` is matched against. */
    readonly attributes: Readonly<Record<string, unknown>>,
  ) {}

  abstract get state(): string;

  get done(): boolean {
    return this.finished;
  }

  /** Called once by the engine when a rule applies to this process. */
  applyRule(rule: AppliedRule): void {
    this.rules.push(rule);
  }

  /** Whether this kind accepts a rule effect (composite runs, for one, take no `end` rule). */
  supports(_effect: RuleEffect): boolean {
    return true;
  }

  /** Moves on by at most one step; returns whether anything changed. */
  advance(reason: StepReason): boolean {
    if (this.finished) return false;
    if (reason !== "settle") {
      if (this.isHeld()) return false;
      const slow = this.activeEffect("slow");
      if (slow && reason === "poll") {
        this.readsSinceStep++;
        if (this.readsSinceStep < slow.readsPerStep) return false;
      }
    }
    this.readsSinceStep = 0;
    return this.step(reason);
  }

  /** One step of this kind; implementations call finish() on reaching a terminal state. */
  protected abstract step(reason: StepReason): boolean;

  protected finish(): void {
    this.finished = true;
  }

  protected isHeld(): boolean {
    return this.rules.some((rule) => rule.isActive() && rule.effect.type === "hold" && rule.effect.state === this.state);
  }

  protected activeEffect<T extends RuleEffect["type"]>(type: T): Extract<RuleEffect, { type: T }> | undefined {
    const rule = this.rules.find((r) => r.isActive() && r.effect.type === type);
    return rule?.effect as Extract<RuleEffect, { type: T }> | undefined;
  }
}

export interface LinearSpec {
  kind: string;
  /** The success path, first state included: ["STARTING", "RUNNING", "SUCCEEDED"]. */
  path: readonly string[];
}

export interface LinearHooks {
  /** Runs after each state change (side effects: timestamps, child resources, parents). */
  onEnter?(state: string, process: LinearProcess): void;
}

/**
 * A process that walks a list of states: the success path unless a rule or an API action
 * (stop, cancel) diverts it. Terminal when the list is exhausted.
 */
export class LinearProcess extends Process {
  private current: string;
  private remaining: string[];
  /** A message explaining a failure outcome (from a test rule or a service action). */
  failureMessage: string | undefined;

  constructor(
    private readonly spec: LinearSpec,
    attributes: Readonly<Record<string, unknown>>,
    private readonly hooks: LinearHooks = {},
  ) {
    super(spec.kind, attributes);
    const [first, ...rest] = spec.path;
    if (first === undefined) throw new Error(`lifecycle ${spec.kind} has an empty path`);
    this.current = first;
    this.remaining = rest;
    if (this.remaining.length === 0) this.finish();
  }

  get state(): string {
    return this.current;
  }

  /** The states still ahead, in order. */
  get upcoming(): readonly string[] {
    return this.remaining;
  }

  override applyRule(rule: AppliedRule): void {
    super.applyRule(rule);
    const effect = rule.effect;
    if (effect.type !== "end" || this.done) return;
    const path = this.spec.path;
    const success = path[path.length - 1];
    if (effect.state === success) return;
    // Walk the success path up to `after` (default: the state before success), then end; never
    // through success itself, which would show a finished run change its outcome.
    const afterIndex = Math.min(effect.after !== undefined ? path.indexOf(effect.after) : path.length - 2, path.length - 2);
    const currentIndex = path.indexOf(this.current);
    const pending = currentIndex >= 0 && currentIndex < afterIndex ? path.slice(currentIndex + 1, afterIndex + 1) : [];
    this.remaining = [...pending, effect.state];
    this.failureMessage = effect.message;
  }

  /** Replaces the road ahead (e.g. a stop: ["STOPPING", "STOPPED"]). */
  divert(states: readonly string[], message?: string): void {
    if (this.done) return;
    this.remaining = [...states];
    if (message !== undefined) this.failureMessage = message;
  }

  /** Moves at once to `state`, running its hook; the rest of the road is `then`. */
  jump(state: string, then: readonly string[] = [], message?: string): void {
    if (this.done) return;
    if (message !== undefined) this.failureMessage = message;
    this.remaining = [...then];
    this.enter(state);
  }

  protected step(): boolean {
    const next = this.remaining.shift();
    if (next === undefined) {
      this.finish();
      return false;
    }
    this.enter(next);
    return true;
  }

  private enter(state: string): void {
    this.current = state;
    if (this.remaining.length === 0) this.finish();
    this.hooks.onEnter?.(state, this);
  }
}
