import type { Action, Condition, Predicate, WorkflowRunStatistics } from "@aws-sdk/client-glue";
import { nodeKey, type ActionNodeType, type ActionRun, type ActionScope, type StatisticKey } from "./actions.js";
import { addScope, type GlueRuntime, type WaitingScope } from "./backend.js";
import { launchCrawl, unstartedCrawl } from "./crawls.js";
import { JobRunRecord, launchJobRun, unstartedJobRun } from "./job-runs.js";
import type { TriggerRecord } from "./triggers.js";

/**
 * Where triggers fire: a workflow run, or a chain of triggers outside any workflow. AWS fires
 * a conditional trigger only for jobs and crawlers "started by a trigger", and "all jobs or
 * crawlers in a dependency chain must be descendants of a single scheduled or on-demand
 * trigger" (Glue developer guide, "AWS Glue triggers"): a scope is that chain.
 */
export interface FiringHost extends ActionScope {
  /** The conditional triggers that may fire here with a condition on a node (`TYPE:name`). */
  watchers(key: string): readonly TriggerRecord[];
  /** The conditional triggers that may fire here with an action starting a node. */
  starters(key: string): readonly TriggerRecord[];
  /** The latest run of a job or crawler in this scope (its own, or one it inherited). */
  latest(type: ActionNodeType, name: string): ActionRun | undefined;
  /** Whether triggers may fire now (nothing fires in a run being stopped). */
  canFire(): boolean;
  /** Arguments every job run started here receives (a workflow run's name and id). */
  extraArguments(): Record<string, string>;
}

/** The run a condition watches, when it ended in the watched state. */
function conditionMet(condition: Condition, latest: FiringHost["latest"]): ActionRun | undefined {
  const run = condition.JobName !== undefined ? latest("JOB", condition.JobName) : condition.CrawlerName !== undefined ? latest("CRAWLER", condition.CrawlerName) : undefined;
  if (!run || !run.finished()) return undefined;
  const wanted = condition.JobName !== undefined ? condition.State : condition.CrawlState;
  return run.conditionState() === wanted ? run : undefined;
}

/** The runs that make a predicate true (AND: every condition; ANY: at least one), or undefined. */
export function predicateSatisfiedBy(predicate: Predicate | undefined, latest: FiringHost["latest"]): ActionRun[] | undefined {
  const conditions = predicate?.Conditions ?? [];
  if (conditions.length === 0) return undefined;
  const met = conditions.map((condition) => conditionMet(condition, latest));
  const hits = met.filter((run): run is ActionRun => run !== undefined);
  if (predicate?.Logical === "ANY") return hits.length > 0 ? hits : undefined;
  return hits.length === conditions.length ? hits : undefined;
}

/**
 * Work done in this process, for tests that show cost follows the graph and what is in
 * progress, not the size of the run: predicates checked, and actions visited to count statistics.
 */
export const firingWork = { predicateChecks: 0, actionsVisited: 0 };

/**
 * The runs a scope started and the triggers it fired. Each trigger fires at most once per
 * scope. Only events re-evaluate triggers: when an action ends, the triggers watching its job
 * or crawler are checked (a trigger whose actions could not start ends them at once, which
 * may make another trigger ready, and so on until nothing more can fire). Counts by state are
 * kept as actions end, so reading a run costs what is in progress, not what has run.
 */
export class Firing {
  readonly actions: ActionRun[] = [];
  readonly fired = new Set<string>();
  private readonly own = new Set<ActionRun>();
  private readonly latestByKey = new Map<string, ActionRun>();
  private readonly byKey = new Map<string, ActionRun[]>();
  /** Actions not yet ended (the only ones a read moves, and the only ones counted at each read). */
  private readonly running = new Set<ActionRun>();
  /** Ended actions by statistic: a terminal state never changes, so each is counted once. */
  private readonly endedCounts = new Map<StatisticKey, number>();
  /** Nodes whose action ended since the last evaluation: their watchers are checked next. */
  private readonly changed = new Set<string>();
  private evaluating = false;

  constructor(
    private readonly runtime: GlueRuntime,
    private readonly host: FiringHost,
  ) {}

  /** The latest run of a job or crawler started in this scope. */
  latestOwn(type: ActionNodeType, name: string): ActionRun | undefined {
    return this.latestByKey.get(nodeKey(type, name));
  }

  /** Every run of a job or crawler started in this scope, oldest first. */
  runsOf(type: ActionNodeType, name: string): readonly ActionRun[] {
    return this.byKey.get(nodeKey(type, name)) ?? [];
  }

  /** The actions still in progress. */
  inProgress(): ReadonlySet<ActionRun> {
    return this.running;
  }

  /** Counts of this scope's actions by statistic (WorkflowRunStatistics). */
  counts(): Required<WorkflowRunStatistics> {
    const stats: Required<WorkflowRunStatistics> = {
      TotalActions: this.actions.length,
      TimeoutActions: 0,
      FailedActions: 0,
      StoppedActions: 0,
      SucceededActions: 0,
      RunningActions: 0,
      ErroredActions: 0,
      WaitingActions: 0,
    };
    for (const [key, count] of this.endedCounts) stats[key] += count;
    for (const action of this.running) {
      firingWork.actionsVisited++;
      stats[action.statistic()]++;
    }
    return stats;
  }

  /** Fires a trigger: starts each of its actions. */
  fire(trigger: TriggerRecord, predecessors: readonly ActionRun[] = []): ActionRun[] {
    this.fired.add(trigger.Name);
    return trigger.Actions.map((action) => this.startAction(action, trigger.Name, predecessors));
  }

  /** Starts one action (a job run or a crawl) on behalf of a trigger. */
  startAction(action: Action, triggerName: string | undefined, predecessors: readonly ActionRun[] = []): ActionRun {
    const run = action.JobName !== undefined ? this.startJob(action, action.JobName, triggerName, predecessors) : this.startCrawl(action.CrawlerName ?? "", triggerName);
    return this.adopt(run);
  }

  /** Counts a run as this scope's own (one it started, or the retry of one). */
  adopt(run: ActionRun): ActionRun {
    this.actions.push(run);
    this.own.add(run);
    const key = nodeKey(run.nodeType, run.componentName);
    this.latestByKey.set(key, run);
    const runs = this.byKey.get(key);
    if (runs) runs.push(run);
    else this.byKey.set(key, [run]);
    if (run.finished()) {
      // Born ended (a trigger could not start it): an event its watchers see at the next evaluation.
      this.countEnded(run);
      this.changed.add(key);
    } else {
      this.running.add(run);
    }
    return run;
  }

  /** An action of this scope ended: its watchers are due for evaluation. */
  ended(run: ActionRun): void {
    if (this.running.delete(run)) this.countEnded(run);
    this.changed.add(nodeKey(run.nodeType, run.componentName));
  }

  /** A failed job run was retried: the failure is counted, fires nothing, and the retry takes its place. */
  retried(failed: ActionRun, retry: ActionRun): void {
    if (this.running.delete(failed)) this.countEnded(failed);
    this.adopt(retry);
  }

  /** Fires every watcher of an ended action whose predicate now holds, until nothing more can fire. */
  evaluate(): void {
    if (this.evaluating) return;
    this.evaluating = true;
    try {
      while (this.changed.size > 0) {
        const key = this.changed.values().next().value as string;
        this.changed.delete(key);
        if (!this.host.canFire()) {
          this.changed.clear();
          break;
        }
        for (const trigger of this.host.watchers(key)) {
          if (this.fired.has(trigger.Name)) continue;
          firingWork.predicateChecks++;
          const satisfiedBy = predicateSatisfiedBy(trigger.Predicate, (type, name) => this.host.latest(type, name));
          // A trigger fires on an event of this scope: in a resumed run, the states copied
          // from the original run can complete an AND, never fire a trigger on their own.
          if (satisfiedBy?.some((run) => this.own.has(run))) this.fire(trigger, satisfiedBy);
        }
      }
    } finally {
      this.evaluating = false;
    }
  }

  private countEnded(run: ActionRun): void {
    const key = run.statistic();
    this.endedCounts.set(key, (this.endedCounts.get(key) ?? 0) + 1);
  }

  private startJob(action: Action, jobName: string, triggerName: string | undefined, predecessors: readonly ActionRun[]): ActionRun {
    const runtime = this.runtime;
    const job = runtime.backend.jobs.get(jobName);
    const options = {
      arguments: { ...(action.Arguments ?? {}), ...this.host.extraArguments() },
      settings: { Timeout: action.Timeout, SecurityConfiguration: action.SecurityConfiguration, NotificationProperty: action.NotificationProperty },
      triggerName,
      owner: this.host,
      predecessors: predecessors.filter((p): p is JobRunRecord => p instanceof JobRunRecord).map((p) => ({ JobName: p.JobName, RunId: p.Id })),
    };
    // A trigger starting a deleted job records an ERROR run, one over the job's concurrency a
    // FAILED run (JobRunState docs); neither raises anything: the trigger did fire.
    if (!job) return unstartedJobRun(runtime, jobName, undefined, options, "ERROR", `Job ${jobName} does not exist (it was deleted after trigger ${triggerName ?? ""} was defined).`);
    const run = launchJobRun(runtime, job, options);
    if (run === "limit") return unstartedJobRun(runtime, jobName, job, options, "FAILED", `Concurrent runs exceeded for ${jobName}`);
    return run;
  }

  private startCrawl(crawlerName: string, triggerName: string | undefined): ActionRun {
    const runtime = this.runtime;
    const options = { triggerName, owner: this.host };
    const crawler = runtime.backend.crawlers.get(crawlerName);
    if (!crawler) return unstartedCrawl(runtime, crawlerName, options, `Crawler ${crawlerName} does not exist (it was deleted after trigger ${triggerName ?? ""} was defined).`);
    const crawl = launchCrawl(runtime, crawler, options);
    if (crawl === "running") return unstartedCrawl(runtime, crawlerName, options, `Crawler ${crawlerName} is already running.`);
    return crawl;
  }
}

/** Whether a trigger not yet fired in this scope would start the job or crawler. */
export function mayStillStart(firing: Firing, starters: readonly TriggerRecord[]): boolean {
  return starters.some((trigger) => !firing.fired.has(trigger.Name));
}

/**
 * Triggers outside workflows: an on-demand trigger started with StartTrigger begins a chain;
 * the ACTIVATED conditional triggers without a workflow fire as the chain's runs end.
 */
export class TriggerChain implements FiringHost, WaitingScope {
  readonly workflowName = undefined;
  readonly workflowRunId = undefined;
  readonly firing: Firing;

  constructor(private readonly runtime: GlueRuntime) {
    this.firing = new Firing(runtime, this);
    addScope(runtime.backend, this);
  }

  mayStart(type: ActionNodeType, name: string): boolean {
    return mayStillStart(this.firing, this.starters(nodeKey(type, name)));
  }

  observeParts(): void {
    for (const action of this.firing.inProgress()) this.runtime.engine.lifecycles.observe(action.process);
  }

  ended(): boolean {
    return this.firing.inProgress().size === 0;
  }

  // The chain's triggers are the live ones (a trigger activated meanwhile takes part), indexed
  // by the backend; only those ACTIVATED now may fire.
  watchers(key: string): readonly TriggerRecord[] {
    return this.runtime.backend.chainTriggers().watchers(key).filter(isActivated);
  }

  starters(key: string): readonly TriggerRecord[] {
    return this.runtime.backend.chainTriggers().starters(key).filter(isActivated);
  }

  latest(type: ActionNodeType, name: string): ActionRun | undefined {
    return this.firing.latestOwn(type, name);
  }

  canFire(): boolean {
    return true;
  }

  extraArguments(): Record<string, string> {
    return {};
  }

  actionEnded(action: ActionRun): void {
    this.firing.ended(action);
    this.firing.evaluate();
  }

  actionRetried(failed: ActionRun, retry: ActionRun): void {
    this.firing.retried(failed, retry);
  }
}

const isActivated = (trigger: TriggerRecord): boolean => trigger.State === "ACTIVATED";
