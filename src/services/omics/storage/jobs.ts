import { LinearProcess, type LinearHooks } from "../../../engine/lifecycle/process.js";
import type { VirtualClock } from "../../../engine/clock.js";

/**
 * The jobs of the storage side (read set imports, activations and exports, reference imports,
 * annotation and variant imports) share one shape: a job walks SUBMITTED → IN_PROGRESS → an
 * outcome, and each of its items (a source file, a read set) is worked on while it is in
 * progress. The outcome follows from the items, as HealthOmics reports it: COMPLETED when every
 * item finished, COMPLETED_WITH_FAILURES when some failed, FAILED when all did. A test rule
 * (`aws.lifecycle(kind).endsIn(...)`) decides the outcome instead: FAILED fails every item with
 * the rule's message, COMPLETED_WITH_FAILURES fails the first, CANCELLED works on none.
 */
export type ItemState = "waiting" | "running" | "done" | "failed" | "cancelled";

export interface JobItem {
  state: ItemState;
  message?: string | undefined;
}

export const JOB_PATH = ["SUBMITTED", "IN_PROGRESS", "COMPLETED"] as const;
export const STORAGE_JOB_STATES = ["SUBMITTED", "IN_PROGRESS", "CANCELLING", "CANCELLED", "FAILED", "COMPLETED", "COMPLETED_WITH_FAILURES"] as const;
export const ANALYTICS_JOB_STATES = ["SUBMITTED", "IN_PROGRESS", "CANCELLED", "FAILED", "COMPLETED", "COMPLETED_WITH_FAILURES"] as const;
export const JOB_FAILURES = ["FAILED", "CANCELLED", "COMPLETED_WITH_FAILURES"] as const;

const TERMINAL = new Set(["COMPLETED", "COMPLETED_WITH_FAILURES", "FAILED", "CANCELLED"]);
export const isTerminal = (state: string): boolean => TERMINAL.has(state);

/** How many of a store's jobs have not ended (a store with running jobs cannot be deleted). */
export const runningJobs = (jobs: { values(): ReadonlyArray<{ process: { state: string } }> }): number => jobs.values().filter((job) => !isTerminal(job.process.state)).length;

export interface JobWork<I extends JobItem> {
  items: I[];
  /** Does an item's work (reads stand-ins, creates resources); returns why it failed, or undefined. */
  run(item: I): string | undefined;
  /** The job started (IN_PROGRESS): e.g. read sets being activated show ACTIVATING. */
  started?(): void;
  /** The job ended in `state`, every item resolved: e.g. activations that failed leave read sets ARCHIVED. */
  ended?(state: string): void;
}

export class JobProcess<I extends JobItem> extends LinearProcess {
  completionTime: Date | undefined;
  /** When the job last changed state (the analytics jobs report it). */
  updateTime: Date;

  constructor(
    kind: string,
    attributes: Readonly<Record<string, unknown>>,
    private readonly work: JobWork<I>,
    private readonly clock: VirtualClock,
  ) {
    const hooks: LinearHooks = {};
    super({ kind, path: JOB_PATH }, attributes, hooks);
    hooks.onEnter = (state) => this.entered(state);
    this.updateTime = clock.now();
  }

  /** A cancel request: at once, whatever was not finished is cancelled (the analytics jobs). */
  cancel(): void {
    this.jump("CANCELLED");
  }

  protected override step(): boolean {
    const next = this.upcoming[0];
    if (this.state === "IN_PROGRESS" && next !== undefined && next !== "CANCELLED" && next !== "CANCELLING") {
      this.divert([this.workItems(next)]);
    }
    return super.step();
  }

  /** Works on every item and returns the outcome: the items' (natural), or the rule's. */
  private workItems(planned: string): string {
    const ruleMessage = this.failureMessage ?? `A test rule ended this job in ${planned}.`;
    this.work.items.forEach((item, index) => {
      if (item.state === "done" || item.state === "failed") return;
      if (planned === "FAILED" || (planned === "COMPLETED_WITH_FAILURES" && index === 0)) {
        item.state = "failed";
        item.message = ruleMessage;
        return;
      }
      const problem = this.work.run(item);
      item.state = problem === undefined ? "done" : "failed";
      item.message = problem;
    });
    if (planned !== "COMPLETED") return planned;
    const failed = this.work.items.filter((item) => item.state === "failed").length;
    if (failed === 0) return "COMPLETED";
    return failed === this.work.items.length ? "FAILED" : "COMPLETED_WITH_FAILURES";
  }

  private entered(state: string): void {
    this.updateTime = this.clock.now();
    if (state === "IN_PROGRESS") {
      for (const item of this.work.items) if (item.state === "waiting") item.state = "running";
      this.work.started?.();
    }
    if (isTerminal(state)) {
      this.completionTime = this.clock.now();
      for (const item of this.work.items) {
        if (item.state === "done" || item.state === "failed") continue;
        item.state = state === "CANCELLED" ? "cancelled" : "failed";
        item.message = state === "CANCELLED" ? "The job was cancelled." : (this.failureMessage ?? `The job ended ${state}.`);
      }
      this.work.ended?.(state);
    }
  }

  /** The job's status message: why it did not complete. */
  get statusMessage(): string | undefined {
    if (this.state === "FAILED" || this.state === "COMPLETED_WITH_FAILURES") {
      return this.failureMessage ?? this.work.items.find((item) => item.state === "failed")?.message;
    }
    if (this.state === "CANCELLED") return "The job was cancelled.";
    return undefined;
  }
}

/** An item's status as the sequence and reference store jobs report it. */
export function storageItemStatus(item: JobItem): "NOT_STARTED" | "IN_PROGRESS" | "FINISHED" | "FAILED" {
  switch (item.state) {
    case "waiting":
      return "NOT_STARTED";
    case "running":
      return "IN_PROGRESS";
    case "done":
      return "FINISHED";
    default:
      return "FAILED";
  }
}

/** The message of an item that did not finish. */
export const itemMessage = (item: JobItem): string | undefined => (item.state === "failed" || item.state === "cancelled" ? item.message : undefined);

/** An item's status as the annotation and variant import jobs report it (a JobStatus). */
export function analyticsItemStatus(item: JobItem): "SUBMITTED" | "IN_PROGRESS" | "COMPLETED" | "FAILED" | "CANCELLED" {
  switch (item.state) {
    case "waiting":
      return "SUBMITTED";
    case "running":
      return "IN_PROGRESS";
    case "done":
      return "COMPLETED";
    case "cancelled":
      return "CANCELLED";
    default:
      return "FAILED";
  }
}
