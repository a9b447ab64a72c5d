import {
  EntityNotFoundException,
  GetCrawlerCommand,
  InvalidInputException,
  ListCrawlsCommand,
  NoScheduleException,
  SchedulerNotRunningException,
  SchedulerRunningException,
  StartCrawlerScheduleCommand,
  StopCrawlerScheduleCommand,
  UpdateCrawlerScheduleCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { createCrawler, glue } from "../helpers.js";

const HOUR = 3_600_000;
const crawlsOf = async (CrawlerName: string) => (await glue.send(new ListCrawlsCommand({ CrawlerName }))).Crawls ?? [];
const scheduleOf = async (Name: string) => (await glue.send(new GetCrawlerCommand({ Name }))).Crawler!.Schedule;

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

describe("Glue crawler schedules", () => {
  it("stops and starts a crawler's schedule: NOT_SCHEDULED fires nothing on the virtual clock", async () => {
    await createCrawler("hourly", { Schedule: "cron(0 * * * ? *)" });
    expect(await scheduleOf("hourly")).toEqual({ ScheduleExpression: "cron(0 * * * ? *)", State: "SCHEDULED" });
    expect(await errorOf(glue.send(new StartCrawlerScheduleCommand({ CrawlerName: "hourly" })))).toBeInstanceOf(SchedulerRunningException);

    await glue.send(new StopCrawlerScheduleCommand({ CrawlerName: "hourly" }));
    expect(await scheduleOf("hourly")).toEqual({ ScheduleExpression: "cron(0 * * * ? *)", State: "NOT_SCHEDULED" });
    expect(await errorOf(glue.send(new StopCrawlerScheduleCommand({ CrawlerName: "hourly" })))).toBeInstanceOf(SchedulerNotRunningException);
    aws.clock.advance(3 * HOUR);
    expect(await crawlsOf("hourly")).toEqual([]);

    await glue.send(new StartCrawlerScheduleCommand({ CrawlerName: "hourly" }));
    expect((await scheduleOf("hourly"))!.State).toBe("SCHEDULED");
    aws.clock.advance(HOUR);
    expect(await crawlsOf("hourly")).toHaveLength(1);
  });

  it("updates the schedule's expression, keeping its state, and removes it with an empty one", async () => {
    await createCrawler("c");
    expect(await errorOf(glue.send(new StartCrawlerScheduleCommand({ CrawlerName: "c" })))).toBeInstanceOf(NoScheduleException);
    expect(await errorOf(glue.send(new StopCrawlerScheduleCommand({ CrawlerName: "c" })))).toBeInstanceOf(SchedulerNotRunningException);
    const before = (await glue.send(new GetCrawlerCommand({ Name: "c" }))).Crawler!.Version!;
    await glue.send(new UpdateCrawlerScheduleCommand({ CrawlerName: "c", Schedule: "cron(30 2 * * ? *)" }));
    const crawler = (await glue.send(new GetCrawlerCommand({ Name: "c" }))).Crawler!;
    expect(crawler.Schedule).toEqual({ ScheduleExpression: "cron(30 2 * * ? *)", State: "SCHEDULED" });
    expect(crawler.Version).toBe(before + 1);

    await glue.send(new StopCrawlerScheduleCommand({ CrawlerName: "c" }));
    await glue.send(new UpdateCrawlerScheduleCommand({ CrawlerName: "c", Schedule: "cron(0 12 * * ? *)" }));
    expect(await scheduleOf("c")).toEqual({ ScheduleExpression: "cron(0 12 * * ? *)", State: "NOT_SCHEDULED" });
    aws.clock.advance(24 * HOUR);
    expect(await crawlsOf("c")).toEqual([]);

    const bad = await errorOf(glue.send(new UpdateCrawlerScheduleCommand({ CrawlerName: "c", Schedule: "cron(0 12 * * *)" })));
    expect(bad).toBeInstanceOf(InvalidInputException);
    expect(bad.message).toContain("6 fields");
    await glue.send(new UpdateCrawlerScheduleCommand({ CrawlerName: "c", Schedule: "" }));
    expect(await scheduleOf("c")).toBeUndefined();
  });

  it("names a missing crawler", async () => {
    for (const command of [new StartCrawlerScheduleCommand({ CrawlerName: "x" }), new StopCrawlerScheduleCommand({ CrawlerName: "x" }), new UpdateCrawlerScheduleCommand({ CrawlerName: "x", Schedule: "cron(0 1 * * ? *)" })]) {
      expect(await errorOf(glue.send(command as never))).toBeInstanceOf(EntityNotFoundException);
    }
  });
});
