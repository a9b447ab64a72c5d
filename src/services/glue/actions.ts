import type { LinearProcess } from "../../engine/lifecycle/process.js";

/** The kinds of node a job run or a crawl belongs to in a workflow graph. */
export type ActionNodeType = "JOB" | "CRAWLER";

/** The WorkflowRunStatistics member an action is counted in. */
export type StatisticKey = "RunningActions" | "SucceededActions" | "FailedActions" | "StoppedActions" | "TimeoutActions" | "ErroredActions" | "WaitingActions";

/**
 * A job run or a crawl, as triggers, workflow runs and their statistics see it: something a
 * trigger started, that ends in a state a condition can watch for.
 */
export interface ActionRun {
  readonly nodeType: ActionNodeType;
  /** The job's or the crawler's name. */
  readonly componentName: string;
  readonly process: LinearProcess;
  /** Creation order within the backend. */
  readonly sequence: number;
  /** The state a trigger condition compares: JobRunState for a job run, CrawlState for a crawl. */
  conditionState(): string;
  /** Whether it has reached a terminal state. */
  finished(): boolean;
  statistic(): StatisticKey;
  /** Stops it (a workflow run being stopped); a finished action ignores this. */
  stop(): void;
}

/** Who started an action and must hear when it ends: a workflow run or a chain of triggers. */
export interface ActionScope {
  readonly workflowName?: string | undefined;
  readonly workflowRunId?: string | undefined;
  actionEnded(action: ActionRun): void;
  /** A failed job run was retried (MaxRetries): the retry takes its place; the failure fires nothing. */
  actionRetried(failed: ActionRun, retry: ActionRun): void;
}

/** The key of a job or crawler node: the same component appears once per graph. */
export const nodeKey = (type: string, name: string): string => `${type}:${name}`;
