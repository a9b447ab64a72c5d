import type { Action, Condition, Predicate } from "@aws-sdk/client-glue";
import { nodeKey, type ActionNodeType, type ActionRun, type ActionScope } from "./actions.js";
import type { GlueRuntime, WaitingScope } from "./backend.js";
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
  /** The conditional triggers that may still fire here. */
  candidates(): Iterable<TriggerRecord>;
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
 * The runs a scope started and the triggers it fired. Each trigger fires at most once per
 * scope; evaluation repeats until nothing more can fire (a trigger whose actions could not
 * start ends them at once, which may make another trigger ready).
 */
export class Firing {
  readonly actions: ActionRun[] = [];
  readonly fired = new Set<string>();
  private readonly own = new Set<ActionRun>();
  private readonly latestByKey = new Map<string, ActionRun>();
  private readonly byKey = new Map<string, ActionRun[]>();
  private evaluating = false;
  private dirty = false;

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
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), run]);
    if (run.finished()) this.dirty = true;
    return run;
  }

  /** Fires every candidate whose predicate now holds, until nothing more can fire. */
  evaluate(): void {
    this.dirty = true;
    if (this.evaluating) return;
    this.evaluating = true;
    try {
      while (this.dirty) {
        this.dirty = false;
        if (!this.host.canFire()) break;
        for (const trigger of this.host.candidates()) {
          if (this.fired.has(trigger.Name)) continue;
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
export function mayStillStart(firing: Firing, candidates: Iterable<TriggerRecord>, type: ActionNodeType, name: string): boolean {
  for (const trigger of candidates) {
    if (firing.fired.has(trigger.Name)) continue;
    if (trigger.Actions.some((a) => (type === "JOB" ? a.JobName === name : a.CrawlerName === name))) return true;
  }
  return false;
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
    runtime.backend.scopes.add(this);
  }

  mayStart(type: ActionNodeType, name: string): boolean {
    return mayStillStart(this.firing, this.candidates(), type, name);
  }

  observeParts(): void {
    for (const action of this.firing.actions) if (!action.finished()) this.runtime.engine.lifecycles.observe(action.process);
  }

  ended(): boolean {
    return this.firing.actions.every((action) => action.finished());
  }

  *candidates(): Iterable<TriggerRecord> {
    for (const trigger of this.runtime.backend.triggers.values()) {
      if (trigger.WorkflowName === undefined && trigger.Type === "CONDITIONAL" && trigger.State === "ACTIVATED") yield trigger;
    }
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

  actionEnded(): void {
    this.firing.evaluate();
  }

  actionRetried(_failed: ActionRun, retry: ActionRun): void {
    this.firing.adopt(retry);
  }
}
