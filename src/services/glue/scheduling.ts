import { cronExpressionProblem, nextCronTime, shortestIntervalMinutes } from "../../engine/cron.js";
import type { GlueBackend, GlueRuntime } from "./backend.js";
import { launchCrawl } from "./crawls.js";
import { crawlerScheduleState, type CrawlerRecord } from "./crawlers.js";
import { TriggerChain } from "./firing.js";
import type { TriggerRecord } from "./triggers.js";
import { startRunOnItsOwn } from "./workflow-runs.js";

/**
 * Time-based schedules on the virtual clock: ACTIVATED SCHEDULED triggers and crawler
 * schedules fire when their cron expression (UTC) comes due. There is no background thread:
 * the next Glue call in the account and region fires what has come due since the last one
 * (several missed occurrences fire once), before the call itself is served. So a test moves
 * time with aws.clock.advance() and the next read shows the runs the schedule started.
 */

/** "The minimum precision for a schedule is 5 minutes" (Glue developer guide, "Time-based schedules for jobs and crawlers"). */
const MINIMUM_INTERVAL_MINUTES = 5;

/**
 * Why Glue refuses a trigger's or crawler's schedule, or undefined: it must be a valid cron
 * expression, and "Cron expressions that lead to rates faster than 5 minutes are not supported".
 */
export function scheduleProblem(expression: string): string | undefined {
  const problem = cronExpressionProblem(expression);
  if (problem) return `Invalid schedule expression '${expression}': ${problem}.`;
  const interval = shortestIntervalMinutes(expression)!;
  if (interval < MINIMUM_INTERVAL_MINUTES) {
    return `Invalid schedule expression '${expression}': it fires ${interval} minute${interval === 1 ? "" : "s"} apart, and Glue does not support schedules that run more often than every ${MINIMUM_INTERVAL_MINUTES} minutes.`;
  }
  return undefined;
}

const triggerKey = (name: string) => `trigger:${name}`;
const crawlerKey = (name: string) => `crawler:${name}`;

/** (Re)computes when a trigger fires next: only ACTIVATED SCHEDULED triggers have a schedule. */
export function scheduleTrigger(runtime: GlueRuntime, trigger: TriggerRecord): void {
  const key = triggerKey(trigger.Name);
  const next = trigger.Type === "SCHEDULED" && trigger.State === "ACTIVATED" && trigger.Schedule ? nextCronTime(trigger.Schedule, runtime.now().getTime()) : undefined;
  if (next === undefined) runtime.backend.schedules.delete(key);
  else runtime.backend.schedules.set(key, next);
}

/** (Re)computes when a crawler's schedule fires next. */
export function scheduleCrawler(runtime: GlueRuntime, crawler: CrawlerRecord): void {
  const key = crawlerKey(crawler.definition.Name);
  const scheduled = crawler.definition.Schedule && crawlerScheduleState(crawler) === "SCHEDULED";
  const next = scheduled ? nextCronTime(crawler.definition.Schedule!, runtime.now().getTime()) : undefined;
  if (next === undefined) runtime.backend.schedules.delete(key);
  else runtime.backend.schedules.set(key, next);
}

export function unscheduleTrigger(backend: GlueBackend, name: string): void {
  backend.schedules.delete(triggerKey(name));
}

export function unscheduleCrawler(backend: GlueBackend, name: string): void {
  backend.schedules.delete(crawlerKey(name));
}

function fireTrigger(runtime: GlueRuntime, trigger: TriggerRecord): void {
  if (trigger.WorkflowName === undefined) {
    // A chain of its own: its jobs' completion fires the conditional triggers downstream.
    new TriggerChain(runtime).firing.fire(trigger);
    return;
  }
  const workflow = runtime.backend.workflows.get(trigger.WorkflowName);
  if (workflow) startRunOnItsOwn(runtime, workflow, {});
}

function fireCrawler(runtime: GlueRuntime, crawler: CrawlerRecord): void {
  // A crawler busy with a crawl skips this occurrence.
  launchCrawl(runtime, crawler, {});
}

/** Fires every schedule that has come due, each once, and schedules its next occurrence. */
export function fireDueSchedules(runtime: GlueRuntime): void {
  const backend = runtime.backend;
  if (backend.schedules.size === 0) return;
  const now = runtime.now().getTime();
  for (const [key, at] of [...backend.schedules]) {
    if (at > now) continue;
    const name = key.slice(key.indexOf(":") + 1);
    if (key.startsWith("trigger:")) {
      const trigger = backend.triggers.get(name);
      if (!trigger) {
        backend.schedules.delete(key);
        continue;
      }
      scheduleTrigger(runtime, trigger);
      fireTrigger(runtime, trigger);
    } else {
      const crawler = backend.crawlers.get(name);
      if (!crawler) {
        backend.schedules.delete(key);
        continue;
      }
      scheduleCrawler(runtime, crawler);
      fireCrawler(runtime, crawler);
    }
  }
}
