import type {
  StartCrawlerScheduleRequest,
  StartCrawlerScheduleResponse,
  StopCrawlerScheduleRequest,
  StopCrawlerScheduleResponse,
  UpdateCrawlerScheduleRequest,
  UpdateCrawlerScheduleResponse,
} from "@aws-sdk/client-glue";
import { cronExpressionProblem } from "../../../engine/cron.js";
import { op } from "../backend.js";
import { crawlerScheduleState, findCrawler, type CrawlerRecord } from "../crawlers.js";
import { scheduleCrawler, unscheduleCrawler } from "../scheduling.js";
import { NAME, VALIDATION_UNMODELLED } from "../shapes.js";

/**
 * A crawler's schedule and its state (Schedule.State): SCHEDULED fires on the virtual clock
 * (scheduling.ts), NOT_SCHEDULED keeps the expression without firing. A state change is
 * complete when the call returns: the TRANSITIONING state AWS passes through is not modelled,
 * so SchedulerTransitioningException is never raised.
 */

function hasSchedule(crawler: CrawlerRecord): boolean {
  return Boolean(crawler.definition.Schedule);
}

export const startCrawlerSchedule = op<StartCrawlerScheduleRequest, StartCrawlerScheduleResponse>({
  input: { CrawlerName: NAME },
  errors: ["EntityNotFoundException", "NoScheduleException", "SchedulerRunningException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.CrawlerName!);
    const name = crawler.definition.Name;
    if (!hasSchedule(crawler)) throw ctx.error("NoScheduleException", `Crawler ${name} has no schedule: set one with UpdateCrawlerSchedule first.`);
    if (crawlerScheduleState(crawler) === "SCHEDULED") throw ctx.error("SchedulerRunningException", `The schedule of crawler ${name} is already SCHEDULED.`);
    crawler.scheduleState = "SCHEDULED";
    scheduleCrawler(ctx.backend.runtime(ctx), crawler);
    return {};
  },
});

export const stopCrawlerSchedule = op<StopCrawlerScheduleRequest, StopCrawlerScheduleResponse>({
  input: { CrawlerName: NAME },
  errors: ["EntityNotFoundException", "SchedulerNotRunningException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.CrawlerName!);
    const name = crawler.definition.Name;
    if (!hasSchedule(crawler) || crawlerScheduleState(crawler) !== "SCHEDULED") {
      throw ctx.error("SchedulerNotRunningException", `The schedule of crawler ${name} is not running (${hasSchedule(crawler) ? "NOT_SCHEDULED" : "the crawler has no schedule"}).`);
    }
    // "Sets the schedule state … to NOT_SCHEDULED, but does not stop the crawler if it is already running."
    crawler.scheduleState = "NOT_SCHEDULED";
    unscheduleCrawler(ctx.backend, name);
    return {};
  },
});

export const updateCrawlerSchedule = op<UpdateCrawlerScheduleRequest, UpdateCrawlerScheduleResponse>({
  input: { CrawlerName: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.CrawlerName!);
    const schedule = input.Schedule;
    if (schedule !== undefined && schedule !== "") {
      const problem = cronExpressionProblem(schedule);
      if (problem) throw ctx.invalid(`Invalid schedule expression '${schedule}': ${problem}.`);
    }
    // An empty (or absent) expression removes the schedule, as with UpdateCrawler.
    crawler.definition.Schedule = schedule || undefined;
    crawler.definition.Version = (crawler.definition.Version ?? 1) + 1;
    crawler.definition.LastUpdated = ctx.now();
    // The state is kept (a NOT_SCHEDULED schedule stays off until StartCrawlerSchedule).
    scheduleCrawler(ctx.backend.runtime(ctx), crawler);
    return {};
  },
});
