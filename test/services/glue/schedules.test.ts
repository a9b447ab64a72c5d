import {
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetCrawlerCommand,
  GetJobRunsCommand,
  GetTriggerCommand,
  GetWorkflowRunsCommand,
  InvalidInputException,
  ListCrawlsCommand,
  StopTriggerCommand,
  UpdateCrawlerCommand,
  UpdateTriggerCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createCrawler, createJob, glue } from "./helpers.js";

const require = createRequire(import.meta.url);
const { nextCronTime } = require("../../../dist/engine/cron.js") as typeof import("../../../src/engine/cron.js");

const HOUR = 3_600_000;
const runsOf = async (JobName: string) => (await glue.send(new GetJobRunsCommand({ JobName }))).JobRuns ?? [];

describe("Glue schedules on the virtual clock", () => {
  it("computes AWS cron occurrences in UTC, special fields included", () => {
    const next = (expression: string, after: string) => {
      const at = nextCronTime(expression, Date.parse(after));
      return at === undefined ? undefined : new Date(at).toISOString();
    };
    expect(next("cron(15 12 * * ? *)", "2026-11-22T12:15:00Z")).toBe("2026-11-23T12:15:00.000Z");
    expect(next("cron(0/5 * * * ? *)", "2026-11-22T12:14:00Z")).toBe("2026-11-22T12:15:00.000Z");
    expect(next("cron(0 10 ? * MON-FRI *)", "2026-11-21T11:00:00Z")).toBe("2026-11-23T10:00:00.000Z");
    expect(next("cron(0 18 L * ? *)", "2026-02-03T00:00:00Z")).toBe("2026-02-28T18:00:00.000Z");
    expect(next("cron(0 8 ? * 6#3 *)", "2026-11-01T00:00:00Z")).toBe("2026-11-20T08:00:00.000Z");
    expect(next("cron(0 0 LW * ? *)", "2026-01-01T00:00:00Z")).toBe("2026-01-30T00:00:00.000Z");
    expect(next("cron(0 0 ? * 2L *)", "2026-11-01T00:00:00Z")).toBe("2026-11-30T00:00:00.000Z");
    expect(next("cron(0 0 30 2 ? *)", "2026-01-01T00:00:00Z")).toBeUndefined();
    expect(next("cron(0 0 1 1 ? 2020)", "2026-01-01T00:00:00Z")).toBeUndefined();
  });

  it("fires an activated scheduled trigger when its time comes, on the next Glue call", async () => {
    await createJob("hourly-job");
    await glue.send(new CreateTriggerCommand({ Name: "hourly", Type: "SCHEDULED", Schedule: "cron(0 * * * ? *)", StartOnCreation: true, Actions: [{ JobName: "hourly-job" }] }));
    expect(await runsOf("hourly-job")).toEqual([]);
    aws.clock.advance(HOUR);
    const [run] = await runsOf("hourly-job");
    expect(run).toMatchObject({ TriggerName: "hourly" });
    aws.settle();
    // Several missed occurrences fire once.
    aws.clock.advance(5 * HOUR);
    expect(await runsOf("hourly-job")).toHaveLength(2);

    await glue.send(new StopTriggerCommand({ Name: "hourly" }));
    aws.settle();
    aws.clock.advance(2 * HOUR);
    expect(await runsOf("hourly-job")).toHaveLength(2);
  });

  it("leaves a scheduled trigger that was never activated alone", async () => {
    await createJob("idle-job");
    await glue.send(new CreateTriggerCommand({ Name: "idle", Type: "SCHEDULED", Schedule: "cron(0 * * * ? *)", Actions: [{ JobName: "idle-job" }] }));
    aws.clock.advance(3 * HOUR);
    expect(await runsOf("idle-job")).toEqual([]);
  });

  it("starts a workflow run from its scheduled start trigger", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "nightly" }));
    await createJob("load");
    await glue.send(new CreateTriggerCommand({ Name: "at-night", WorkflowName: "nightly", Type: "SCHEDULED", Schedule: "cron(0 2 * * ? *)", StartOnCreation: true, Actions: [{ JobName: "load" }] }));
    aws.clock.advance(24 * HOUR);
    const { Runs } = await glue.send(new GetWorkflowRunsCommand({ Name: "nightly" }));
    expect(Runs).toHaveLength(1);
    expect(Runs?.[0]?.Statistics?.TotalActions).toBe(1);
  });

  it("starts a crawl on the crawler's schedule, skips it while busy, and stops when the schedule is removed", async () => {
    aws.configure({ transitions: "manual" });
    await createCrawler("scheduled", { Schedule: "cron(30 * * * ? *)" });
    aws.clock.advance(HOUR);
    expect((await glue.send(new GetCrawlerCommand({ Name: "scheduled" }))).Crawler?.State).toBe("RUNNING");
    aws.clock.advance(HOUR);
    expect((await glue.send(new ListCrawlsCommand({ CrawlerName: "scheduled" }))).Crawls).toHaveLength(1);
    aws.settle();
    await glue.send(new UpdateCrawlerCommand({ Name: "scheduled", Schedule: "" }));
    aws.clock.advance(3 * HOUR);
    expect((await glue.send(new ListCrawlsCommand({ CrawlerName: "scheduled" }))).Crawls).toHaveLength(1);
  });

  it("refuses schedules that fire less than 5 minutes apart, for triggers and crawlers alike", async () => {
    // "Cron expressions that lead to rates faster than 5 minutes are not supported."
    await createJob("fast-job");
    const tooFast = ["cron(* * * * ? *)", "cron(0/2 * * * ? *)", "cron(0,3 * * * ? *)", "cron(0,58 0,1 * * ? *)", "cron(1-10 12 * * ? *)"];
    for (const Schedule of tooFast) {
      const error = await rejectionOf(glue.send(new CreateTriggerCommand({ Name: "fast", Type: "SCHEDULED", Schedule, Actions: [{ JobName: "fast-job" }] })));
      expect(error, Schedule).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain("5 minutes");
      const crawler = await rejectionOf(createCrawler("fast-crawler", { Schedule }));
      expect(crawler, Schedule).toBeInstanceOf(InvalidInputException);
    }
    // Every 5 minutes, hourly pairs 5 minutes apart and a wrap of exactly 5 minutes are fine.
    for (const [i, Schedule] of ["cron(0/5 * * * ? *)", "cron(0,5 * * * ? *)", "cron(0,55 * * * ? *)", "cron(0,58 9,11 * * ? *)"].entries()) {
      await glue.send(new CreateTriggerCommand({ Name: `ok-${i}`, Type: "SCHEDULED", Schedule, Actions: [{ JobName: "fast-job" }] }));
      await createCrawler(`ok-crawler-${i}`, { Schedule });
    }
    // Updates are held to the same rule, and a refused update changes nothing.
    const update = await rejectionOf(glue.send(new UpdateTriggerCommand({ Name: "ok-0", TriggerUpdate: { Schedule: "cron(0/4 * * * ? *)" } })));
    expect(update).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new GetTriggerCommand({ Name: "ok-0" }))).Trigger?.Schedule).toBe("cron(0/5 * * * ? *)");
    const crawlerUpdate = await rejectionOf(glue.send(new UpdateCrawlerCommand({ Name: "ok-crawler-0", Schedule: "cron(0/1 * * * ? *)" })));
    expect(crawlerUpdate).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new GetCrawlerCommand({ Name: "ok-crawler-0" }))).Crawler?.Schedule?.ScheduleExpression).toBe("cron(0/5 * * * ? *)");
  });
});
