import {
  AlreadyExistsException,
  BatchGetCrawlersCommand,
  CrawlerNotRunningException,
  CrawlerRunningException,
  CrawlerStoppingException,
  DeleteCrawlerCommand,
  EntityNotFoundException,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetCrawlersCommand,
  InvalidInputException,
  ListCrawlersCommand,
  ListCrawlsCommand,
  paginateGetCrawlerMetrics,
  paginateGetCrawlers,
  paginateListCrawlers,
  StartCrawlerCommand,
  StopCrawlerCommand,
  UpdateCrawlerCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createCrawler, glue, pollUntil, ROLE } from "./helpers.js";

const crawler = async (Name: string) => (await glue.send(new GetCrawlerCommand({ Name }))).Crawler!;

describe("Glue crawlers", () => {
  it("creates a crawler that reads READY, version 1, with AWS's defaults and no LastCrawl", async () => {
    await createCrawler("raw", { Schedule: "cron(15 12 * * ? *)", Description: "raw zone", Tags: { team: "data" } });
    const c = await crawler("raw");
    expect(c).toMatchObject({
      Name: "raw",
      Role: ROLE,
      DatabaseName: "db",
      State: "READY",
      Version: 1,
      CrawlElapsedTime: 0,
      Schedule: { ScheduleExpression: "cron(15 12 * * ? *)", State: "SCHEDULED" },
      SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" },
      RecrawlPolicy: { RecrawlBehavior: "CRAWL_EVERYTHING" },
      LineageConfiguration: { CrawlerLineageSettings: "DISABLE" },
      Targets: { S3Targets: [{ Path: "s3://data/raw/" }], JdbcTargets: [], CatalogTargets: [] },
    });
    expect(c.CreationTime).toBeInstanceOf(Date);
    expect(c.LastCrawl).toBeUndefined();
    await createCrawler("unscheduled");
    expect((await crawler("unscheduled")).Schedule).toBeUndefined();
  });

  it("refuses duplicates, missing targets, bad cron schedules and bad enums", async () => {
    await createCrawler("dup");
    const dup = await rejectionOf(createCrawler("dup"));
    expect(dup).toBeInstanceOf(AlreadyExistsException);
    expect(dup.message).toContain("dup");

    const noTargets = await rejectionOf(createCrawler("x", { Targets: {} }));
    expect(noTargets).toBeInstanceOf(InvalidInputException);
    expect(noTargets.message).toBe("At least one crawl target must be specified.");

    const cron = await rejectionOf(createCrawler("x", { Schedule: "cron(15 12 * * * *)" }));
    expect(cron).toBeInstanceOf(InvalidInputException);
    expect(cron.message).toContain("day-of-month and day-of-week");
    const unix = await rejectionOf(createCrawler("x", { Schedule: "15 12 * * *" }));
    expect(unix.message).toContain("cron(Minutes Hours Day-of-month Month Day-of-week Year)");

    const badPolicy = await rejectionOf(createCrawler("x", { SchemaChangePolicy: { DeleteBehavior: "DROP" as never } }));
    expect(badPolicy.message).toContain("at 'schemaChangePolicy.deleteBehavior' failed to satisfy constraint");
    const badJdbc = await rejectionOf(createCrawler("x", { Targets: { JdbcTargets: [{ ConnectionName: "c", EnableAdditionalMetadata: ["NOPE" as never] }] } }));
    expect(badJdbc.message).toContain("'targets.jdbcTargets.1.member.enableAdditionalMetadata.1.member'");
    const badSample = await rejectionOf(createCrawler("x", { Targets: { S3Targets: [{ Path: "s3://data/x/", SampleSize: 250 }] } }));
    expect(badSample.message).toContain("at 'targets.s3Targets.1.member.sampleSize' failed to satisfy constraint: Member must have value less than or equal to 249");
    const fractionalDepth = await rejectionOf(createCrawler("x", { Targets: { IcebergTargets: [{ Paths: ["s3://data/x/"], MaximumTraversalDepth: 2.5 }] } }));
    expect(fractionalDepth.message).toContain("Member must be a whole number");
    const scanRate = await rejectionOf(createCrawler("x", { Targets: { DynamoDBTargets: [{ Path: "orders", scanRate: 2 }] } }));
    expect(scanRate.message).toContain("at 'targets.dynamoDBTargets.1.member.scanRate'");
    const badConfig = await rejectionOf(createCrawler("x", { Configuration: "{not json" }));
    expect(badConfig.message).toContain("JSON");
    expect((await glue.send(new ListCrawlersCommand({}))).CrawlerNames).toEqual(["dup"]);
  });

  it("crawls READY → RUNNING → STOPPING → READY with LastCrawl and crawl history", async () => {
    await createCrawler("c");
    expect((await glue.send(new StartCrawlerCommand({ Name: "c" }))).$metadata.httpStatusCode).toBe(200);
    const states: string[] = [];
    const { value } = await pollUntil(
      () => crawler("c"),
      (c) => (states.push(c.State!), c.State === "READY"),
    );
    expect(states).toEqual(["RUNNING", "STOPPING", "READY"]);
    expect(value.LastCrawl).toMatchObject({ Status: "SUCCEEDED", LogGroup: "/aws-glue/crawlers", LogStream: "c" });
    const { Crawls } = await glue.send(new ListCrawlsCommand({ CrawlerName: "c" }));
    expect(Crawls).toHaveLength(1);
    expect(Crawls![0]).toMatchObject({ State: "COMPLETED", MessagePrefix: Crawls![0]!.CrawlId });
    expect(Crawls![0]!.CrawlId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Crawls![0]!.EndTime).toBeInstanceOf(Date);
  });

  it("refuses to start a running crawler, to stop an idle one, or to stop one twice", async () => {
    await createCrawler("busy");
    const idle = await rejectionOf(glue.send(new StopCrawlerCommand({ Name: "busy" })));
    expect(idle).toBeInstanceOf(CrawlerNotRunningException);
    expect(idle.message).toContain("isn't running");

    await glue.send(new StartCrawlerCommand({ Name: "busy" }));
    expect((await crawler("busy")).State).toBe("RUNNING"); // the first read shows what StartCrawler left
    const again = await rejectionOf(glue.send(new StartCrawlerCommand({ Name: "busy" })));
    expect(again).toBeInstanceOf(CrawlerRunningException);
    expect(again.$metadata.httpStatusCode).toBe(400);
    // That read moved the crawl on: it is writing its results (STOPPING), too late to stop.
    const finishing = await rejectionOf(glue.send(new StopCrawlerCommand({ Name: "busy" })));
    expect(finishing).toBeInstanceOf(CrawlerStoppingException);
    expect((await crawler("busy")).State).toBe("STOPPING");
    expect((await crawler("busy")).LastCrawl?.Status).toBe("SUCCEEDED");

    await glue.send(new StartCrawlerCommand({ Name: "busy" }));
    await glue.send(new StopCrawlerCommand({ Name: "busy" }));
    expect((await crawler("busy")).State).toBe("STOPPING"); // the crawl is CANCELLING; this read moves it on
    const stopped = await crawler("busy");
    expect(stopped.State).toBe("READY");
    expect(stopped.LastCrawl?.Status).toBe("CANCELLED");
    const { Crawls } = await glue.send(new ListCrawlsCommand({ CrawlerName: "busy" }));
    expect(Crawls?.map((c) => c.State)).toEqual(["STOPPED", "COMPLETED"]);

    aws.configure({ transitions: "manual" });
    await glue.send(new StartCrawlerCommand({ Name: "busy" }));
    await glue.send(new StopCrawlerCommand({ Name: "busy" }));
    expect((await crawler("busy")).State).toBe("STOPPING");
    const twice = await rejectionOf(glue.send(new StopCrawlerCommand({ Name: "busy" })));
    expect(twice).toBeInstanceOf(CrawlerStoppingException);
    const updateWhileStopping = await rejectionOf(glue.send(new UpdateCrawlerCommand({ Name: "busy", Description: "x" })));
    expect(updateWhileStopping).toBeInstanceOf(CrawlerRunningException);
    const deleteWhileStopping = await rejectionOf(glue.send(new DeleteCrawlerCommand({ Name: "busy" })));
    expect(deleteWhileStopping).toBeInstanceOf(CrawlerRunningException);
  });

  it("fails a crawl through the test controls", async () => {
    await createCrawler("bad");
    aws.lifecycle("Glue.Crawl", { CrawlerName: "bad" }).endsIn("FAILED", { message: "Access denied on s3://data/bad/" });
    await glue.send(new StartCrawlerCommand({ Name: "bad" }));
    const { value } = await pollUntil(() => crawler("bad"), (c) => c.State === "READY");
    expect(value.LastCrawl).toMatchObject({ Status: "FAILED", ErrorMessage: "Access denied on s3://data/bad/" });
    const { Crawls } = await glue.send(new ListCrawlsCommand({ CrawlerName: "bad" }));
    expect(Crawls?.[0]).toMatchObject({ State: "FAILED", ErrorMessage: "Access denied on s3://data/bad/" });
  });

  it("updates only the members given, bumps the version, and removes the schedule with an empty one", async () => {
    await createCrawler("u", { Schedule: "cron(0 1 * * ? *)", TablePrefix: "raw_" });
    aws.clock.advance(5000);
    expect((await glue.send(new UpdateCrawlerCommand({ Name: "u", Description: "new", Schedule: "" }))).$metadata.httpStatusCode).toBe(200);
    const c = await crawler("u");
    expect(c).toMatchObject({ Description: "new", TablePrefix: "raw_", Version: 2 });
    expect(c.Schedule).toBeUndefined();
    expect(c.LastUpdated!.getTime() - c.CreationTime!.getTime()).toBeGreaterThanOrEqual(5000);

    const missing = await rejectionOf(glue.send(new UpdateCrawlerCommand({ Name: "ghost", Description: "x" })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe("Crawler entry with name ghost does not exist");
    const badCron = await rejectionOf(glue.send(new UpdateCrawlerCommand({ Name: "u", Schedule: "cron(0 25 * * ? *)" })));
    expect(badCron.message).toContain("hours");

    await glue.send(new StartCrawlerCommand({ Name: "u" }));
    const running = await rejectionOf(glue.send(new UpdateCrawlerCommand({ Name: "u", Description: "x" })));
    expect(running).toBeInstanceOf(CrawlerRunningException);
    expect(running.message).toContain("StopCrawler");
  });

  it("deletes a crawler, refusing a running one and a missing one", async () => {
    await createCrawler("d");
    await glue.send(new StartCrawlerCommand({ Name: "d" }));
    expect(await rejectionOf(glue.send(new DeleteCrawlerCommand({ Name: "d" })))).toBeInstanceOf(CrawlerRunningException);
    aws.settle();
    await glue.send(new DeleteCrawlerCommand({ Name: "d" }));
    expect(await rejectionOf(glue.send(new GetCrawlerCommand({ Name: "d" })))).toBeInstanceOf(EntityNotFoundException);
    const missing = await rejectionOf(glue.send(new DeleteCrawlerCommand({ Name: "d" })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toContain("d");
  });

  it("pages GetCrawlers, ListCrawlers (with tag filter) and GetCrawlerMetrics with the SDK paginators", async () => {
    for (let i = 0; i < 5; i++) await createCrawler(`c${i}`, i < 2 ? { Tags: { zone: "raw" } } : {});
    const all: string[][] = [];
    for await (const page of paginateGetCrawlers({ client: glue, pageSize: 2 }, {})) all.push((page.Crawlers ?? []).map((c) => c.Name!));
    expect(all).toEqual([["c0", "c1"], ["c2", "c3"], ["c4"]]);
    const tagged: string[] = [];
    for await (const page of paginateListCrawlers({ client: glue, pageSize: 1 }, { Tags: { zone: "raw" } })) tagged.push(...(page.CrawlerNames ?? []));
    expect(tagged).toEqual(["c0", "c1"]);
    const metrics: string[] = [];
    for await (const page of paginateGetCrawlerMetrics({ client: glue, pageSize: 2 }, { CrawlerNameList: ["c1", "c3", "c4"] })) metrics.push(...(page.CrawlerMetricsList ?? []).map((m) => m.CrawlerName!));
    expect(metrics).toEqual(["c1", "c3", "c4"]);
    const big = await rejectionOf(glue.send(new GetCrawlersCommand({ MaxResults: 0 })));
    expect(big).toBeInstanceOf(InvalidInputException);
  });

  it("reports crawler metrics from the crawl history", async () => {
    await createCrawler("m");
    aws.configure({ transitions: "manual" });
    await glue.send(new StartCrawlerCommand({ Name: "m" }));
    const first = (await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: ["m"] }))).CrawlerMetricsList![0]!;
    expect(first).toMatchObject({ CrawlerName: "m", StillEstimating: true, TablesCreated: 0 });
    aws.clock.advance(30_000);
    aws.settle();
    const after = (await glue.send(new GetCrawlerMetricsCommand({}))).CrawlerMetricsList![0]!;
    expect(after).toMatchObject({ StillEstimating: false, TimeLeftSeconds: 0 });
    // Virtual time moved 30 s; the wall clock may add a few milliseconds.
    expect(after.LastRuntimeSeconds).toBeCloseTo(30, 0);
    expect(after.MedianRuntimeSeconds).toBe(after.LastRuntimeSeconds);
  });

  it("batch-gets crawlers and names the missing ones", async () => {
    await createCrawler("here");
    const result = await glue.send(new BatchGetCrawlersCommand({ CrawlerNames: ["here", "gone"] }));
    expect(result.Crawlers?.map((c) => c.Name)).toEqual(["here"]);
    expect(result.CrawlersNotFound).toEqual(["gone"]);
    const tooMany = await rejectionOf(glue.send(new BatchGetCrawlersCommand({ CrawlerNames: Array.from({ length: 101 }, (_, i) => `c${i}`) })));
    expect(tooMany).toBeInstanceOf(InvalidInputException);
  });

  it("filters and pages ListCrawls, refusing malformed filters", async () => {
    await createCrawler("h");
    aws.lifecycle("Glue.Crawl", { CrawlerName: "h" }).endsIn("FAILED", { times: 1 });
    const crawlOnce = async () => {
      await glue.send(new StartCrawlerCommand({ Name: "h" }));
      aws.settle();
      aws.clock.advance(60_000);
    };
    await crawlOnce();
    await crawlOnce();
    // Crawls started a minute apart: this instant lies between the second and the third.
    const between = new Date(aws.clock.now().getTime() - 30_000).toISOString();
    await crawlOnce();
    const all = (await glue.send(new ListCrawlsCommand({ CrawlerName: "h" }))).Crawls!;
    expect(all.map((c) => c.State)).toEqual(["COMPLETED", "COMPLETED", "FAILED"]);

    const failed = await glue.send(new ListCrawlsCommand({ CrawlerName: "h", Filters: [{ FieldName: "STATE", FilterOperator: "EQ", FieldValue: "FAILED" }] }));
    expect(failed.Crawls).toHaveLength(1);
    const later = await glue.send(new ListCrawlsCommand({ CrawlerName: "h", Filters: [{ FieldName: "START_TIME", FilterOperator: "GT", FieldValue: between }] }));
    expect(later.Crawls).toHaveLength(1);
    const notFirst = await glue.send(new ListCrawlsCommand({ CrawlerName: "h", Filters: [{ FieldName: "CRAWL_ID", FilterOperator: "NE", FieldValue: all[2]!.CrawlId }] }));
    expect(notFirst.Crawls?.map((c) => c.CrawlId)).toEqual([all[0]!.CrawlId, all[1]!.CrawlId]);

    const page1 = await glue.send(new ListCrawlsCommand({ CrawlerName: "h", MaxResults: 2 }));
    const page2 = await glue.send(new ListCrawlsCommand({ CrawlerName: "h", MaxResults: 2, NextToken: page1.NextToken }));
    expect([...page1.Crawls!, ...page2.Crawls!].map((c) => c.CrawlId)).toEqual(all.map((c) => c.CrawlId));
    expect(page2.NextToken).toBeUndefined();

    const le = await rejectionOf(glue.send(new ListCrawlsCommand({ CrawlerName: "h", Filters: [{ FieldName: "STATE", FilterOperator: "LE", FieldValue: "x" }] })));
    expect(le).toBeInstanceOf(InvalidInputException);
    expect(le.message).toBe("Only EQ or NE operator is allowed for field : STATE");
    const noValue = await rejectionOf(glue.send(new ListCrawlsCommand({ CrawlerName: "h", Filters: [{ FieldName: "CRAWL_ID", FilterOperator: "NE" }] })));
    expect(noValue.message).toBe("Invalid Filter Provided: FieldName: CRAWL_ID, FilterOperator: NE, FieldValue: null");
    const badOperator = await rejectionOf(glue.send(new ListCrawlsCommand({ CrawlerName: "h", Filters: [{ FieldName: "STATE", FilterOperator: "LIKE" as never, FieldValue: "x" }] })));
    expect(badOperator.message).toContain("at 'filters.1.member.filterOperator' failed to satisfy constraint");
    const missing = await rejectionOf(glue.send(new ListCrawlsCommand({ CrawlerName: "nope" })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
  });
});
