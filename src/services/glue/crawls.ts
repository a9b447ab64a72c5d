import type { Crawl, CrawlerHistory, LastCrawlInfo } from "@aws-sdk/client-glue";
import { uuid } from "../../engine/ids.js";
import { LinearProcess, type AppliedRule } from "../../engine/lifecycle/process.js";
import type { ActionRun, ActionScope, StatisticKey } from "./actions.js";
import type { GlueRuntime } from "./backend.js";
import { crawlerReferenceProblem } from "./connections/references.js";
import { applyCrawl, crawlSummary, resolveCrawl, type CrawlResult, type ResolvedCrawl } from "./catalog/crawl-results.js";
import type { CrawlerRecord } from "./crawlers.js";
import { CRAWL } from "./lifecycles.js";

/** RUNNING, then STOPPING while the crawler writes its results, then the outcome. */
const SUCCESS_PATH = ["RUNNING", "STOPPING", "SUCCEEDED"] as const;
const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED", "ERROR"]);

const STATISTIC: Record<string, StatisticKey> = {
  RUNNING: "RunningActions",
  STOPPING: "RunningActions",
  CANCELLING: "RunningActions",
  SUCCEEDED: "SucceededActions",
  FAILED: "FailedActions",
  CANCELLED: "StoppedActions",
  ERROR: "ErroredActions",
};

/** ListCrawls speaks CrawlerHistoryState. */
const HISTORY_STATE: Record<string, CrawlerHistory["State"]> = {
  RUNNING: "RUNNING",
  STOPPING: "RUNNING",
  CANCELLING: "RUNNING",
  SUCCEEDED: "COMPLETED",
  FAILED: "FAILED",
  ERROR: "FAILED",
  CANCELLED: "STOPPED",
};

/** A crawl made to end CANCELLED goes through CANCELLING, as a stopped crawl does. */
class CrawlProcess extends LinearProcess {
  override applyRule(rule: AppliedRule): void {
    super.applyRule(rule);
    if (rule.effect.type !== "end" || rule.effect.state !== "CANCELLED" || this.done) return;
    const road = this.upcoming.filter((state) => state !== "STOPPING" && state !== "CANCELLED");
    this.divert([...road, "CANCELLING", "CANCELLED"]);
  }
}

export interface CrawlOptions {
  triggerName?: string | undefined;
  owner?: ActionScope | undefined;
}

/** One crawl of a crawler. */
export class CrawlRecord implements ActionRun {
  readonly nodeType = "CRAWLER" as const;
  readonly sequence: number;
  readonly CrawlId = uuid();
  readonly StartTime: Date;
  EndTime: Date | undefined;
  ErrorMessage: string | undefined;
  readonly process: LinearProcess;
  /** What the crawl wrote to the Data Catalog (once it SUCCEEDED). */
  result: CrawlResult | undefined;
  /** What its targets' findings were, asked when it started writing (STOPPING). */
  private resolved: ResolvedCrawl | undefined;

  /** A crawl of `crawler`; with `outcome`, one a trigger could not start (born terminal). */
  constructor(
    private readonly runtime: GlueRuntime,
    readonly componentName: string,
    private readonly crawler: CrawlerRecord | undefined,
    private readonly options: CrawlOptions,
    outcome?: { state: "ERROR"; message: string },
  ) {
    this.sequence = runtime.backend.nextSequence();
    this.StartTime = runtime.now();
    const attributes = {
      CrawlerName: componentName,
      CrawlId: this.CrawlId,
      TriggerName: options.triggerName,
      WorkflowName: options.owner?.workflowName,
      WorkflowRunId: options.owner?.workflowRunId,
    };
    if (outcome) {
      this.process = new LinearProcess({ kind: CRAWL, path: [outcome.state] }, attributes);
      this.EndTime = this.StartTime;
      this.ErrorMessage = outcome.message;
      return;
    }
    this.process = new CrawlProcess({ kind: CRAWL, path: SUCCESS_PATH }, attributes, { onEnter: (state) => this.entered(state) });
  }

  get state(): string {
    return this.process.state;
  }

  /** CrawlState, as workflow graphs and trigger conditions see the crawl. */
  conditionState(): string {
    return this.state === "STOPPING" ? "RUNNING" : this.state;
  }

  finished(): boolean {
    return TERMINAL.has(this.state);
  }

  statistic(): StatisticKey {
    return STATISTIC[this.state] ?? "RunningActions";
  }

  /** StopCrawler: a running crawl is cancelled; one already finishing or stopping goes on. */
  stop(): void {
    if (this.state === "RUNNING") this.process.jump("CANCELLING", ["CANCELLED"]);
  }

  historyState(): CrawlerHistory["State"] {
    return HISTORY_STATE[this.state] ?? "RUNNING";
  }

  private entered(state: string): void {
    if (state === "STOPPING" && this.crawler) {
      // The crawler writes its results: a finding that fails makes the crawl fail.
      this.resolved = resolveCrawl(this.runtime, this.crawler.definition, this.CrawlId);
      if ("failure" in this.resolved) this.process.divert(["FAILED"], this.resolved.failure);
      return;
    }
    if (!TERMINAL.has(state)) return;
    this.EndTime = this.runtime.now();
    if (state === "FAILED" || state === "ERROR") this.ErrorMessage = this.process.failureMessage ?? `Crawl ${state === "FAILED" ? "failed" : "ended in ERROR"}.`;
    if (state === "SUCCEEDED" && this.crawler && this.resolved) this.result = applyCrawl(this.runtime, this.crawler.definition, this.resolved);
    if (this.crawler?.current === this) this.crawler.lastFinished = this;
    this.options.owner?.actionEnded(this);
  }
}

/** The crawler's state as its current crawl makes it: READY, RUNNING or STOPPING. */
export function crawlerState(crawler: CrawlerRecord): "READY" | "RUNNING" | "STOPPING" {
  const crawl = crawler.current;
  if (!crawl || crawl.finished()) return "READY";
  return crawl.state === "RUNNING" ? "RUNNING" : "STOPPING";
}

/** Starts a crawl, or returns "running" when the crawler is busy (one crawl at a time). */
export function launchCrawl(runtime: GlueRuntime, crawler: CrawlerRecord, options: CrawlOptions): CrawlRecord | "running" {
  if (crawlerState(crawler) !== "READY") return "running";
  const crawl = new CrawlRecord(runtime, crawler.definition.Name, crawler, options);
  crawler.crawls.set(crawl.CrawlId, crawl);
  crawler.current = crawl;
  // A connection or security configuration deleted since the crawler was saved fails the crawl.
  const problem = crawlerReferenceProblem(runtime.backend, crawler.definition);
  if (problem) crawl.process.divert(["FAILED"], problem);
  runtime.engine.lifecycles.register(crawl.process);
  return crawl;
}

/** A crawl a trigger could not start (missing or busy crawler): shown in the run, not in the crawler's history. */
export function unstartedCrawl(runtime: GlueRuntime, crawlerName: string, options: CrawlOptions, message: string): CrawlRecord {
  return new CrawlRecord(runtime, crawlerName, undefined, options, { state: "ERROR", message });
}

const LOG_GROUP = "/aws-glue/crawlers";

/** The Crawl structure of a workflow run graph. */
export function renderCrawl(crawl: CrawlRecord): Crawl {
  return {
    State: crawl.conditionState() as Crawl["State"],
    StartedOn: crawl.StartTime,
    CompletedOn: crawl.EndTime,
    ErrorMessage: crawl.ErrorMessage,
    LogGroup: LOG_GROUP,
    LogStream: crawl.componentName,
  };
}

/** A ListCrawls entry. */
export function renderCrawlHistory(crawl: CrawlRecord): CrawlerHistory {
  return {
    CrawlId: crawl.CrawlId,
    State: crawl.historyState(),
    StartTime: crawl.StartTime,
    EndTime: crawl.EndTime,
    ErrorMessage: crawl.ErrorMessage,
    LogGroup: LOG_GROUP,
    LogStream: crawl.componentName,
    MessagePrefix: crawl.CrawlId,
    DPUHour: 0,
    Summary: crawlSummary(crawl.result),
  };
}

/** A crawler's LastCrawl: its most recent finished crawl. */
export function renderLastCrawl(crawl: CrawlRecord): LastCrawlInfo {
  const status: LastCrawlInfo["Status"] = crawl.state === "SUCCEEDED" ? "SUCCEEDED" : crawl.state === "CANCELLED" ? "CANCELLED" : "FAILED";
  return {
    Status: status,
    ErrorMessage: crawl.ErrorMessage,
    LogGroup: LOG_GROUP,
    LogStream: crawl.componentName,
    MessagePrefix: crawl.CrawlId,
    StartTime: crawl.StartTime,
  };
}
