import { LinearProcess, type LinearHooks } from "../../../engine/lifecycle/process.js";

/** The success path of the catalog's task runs (column statistics, materialized-view refreshes). */
export const TASK_PATH = ["STARTING", "RUNNING", "SUCCEEDED"] as const;

export const TASK_TERMINAL = new Set(["SUCCEEDED", "FAILED", "STOPPED"]);

/**
 * A task run: STARTING, RUNNING, then SUCCEEDED — unless the work itself fails when it
 * finishes (`finishing` returns the failure message: a stand-in that threw, a table deleted
 * meanwhile), or it is stopped (STOPPING, then STOPPED; the Status enums have no STOPPING, so
 * reads show such a run as RUNNING).
 */
export class TaskProcess extends LinearProcess {
  constructor(
    kind: string,
    attributes: Record<string, unknown>,
    hooks: LinearHooks,
    private readonly finishing: () => string | undefined,
  ) {
    super({ kind, path: TASK_PATH }, attributes, hooks);
  }

  /** Whether it is being stopped (a second stop is the "…StoppingException"). */
  get stopping(): boolean {
    return this.state === "STOPPING";
  }

  stop(): void {
    if (this.state === "STARTING" || this.state === "RUNNING") this.jump("STOPPING", ["STOPPED"]);
  }

  protected override step(): boolean {
    if (this.state === "RUNNING" && this.upcoming[0] === "SUCCEEDED") {
      const failure = this.finishing();
      if (failure !== undefined) this.divert(["FAILED"], failure);
    }
    return super.step();
  }
}

/** The Status a task run reports: STOPPING reads RUNNING. */
export const taskStatus = (process: LinearProcess): string => (process.state === "STOPPING" ? "RUNNING" : process.state);
