import {
  CreateConnectionCommand,
  CreateSecurityConfigurationCommand,
  DeleteConnectionCommand,
  GetCrawlerCommand,
  GetJobCommand,
  GetJobRunCommand,
  InvalidInputException,
  StartCrawlerCommand,
  StartJobRunCommand,
  UpdateCrawlerCommand,
  UpdateJobCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { createCrawler, createJob, glue, ROLE } from "../helpers.js";
import { JDBC } from "./fixtures.js";

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

const jdbcTargets = (ConnectionName: string) => ({ JdbcTargets: [{ ConnectionName, Path: "orders/%" }] });

describe("Jobs and crawlers that name connections and security configurations", () => {
  it("CreateCrawler and UpdateCrawler refuse a connection or security configuration that does not exist", async () => {
    const missing = await errorOf(createCrawler("jdbc-crawler", { Targets: jdbcTargets("orders-db") }));
    expect(missing).toBeInstanceOf(InvalidInputException);
    expect(missing.message).toContain("Unable to retrieve connection orders-db");
    await glue.send(new CreateConnectionCommand({ ConnectionInput: JDBC }));
    await createCrawler("jdbc-crawler", { Targets: jdbcTargets("orders-db") });
    // An empty connection name on a target means none (as Terraform sends it).
    await createCrawler("s3-crawler", { Targets: { S3Targets: [{ Path: "s3://data/x/", ConnectionName: "" }] } });

    const security = await errorOf(glue.send(new UpdateCrawlerCommand({ Name: "jdbc-crawler", CrawlerSecurityConfiguration: "encrypted" })));
    expect(security.message).toContain("Error trying to retrieve security config");
    await glue.send(new CreateSecurityConfigurationCommand({ Name: "encrypted", EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: "SSE-S3" }] } }));
    await glue.send(new UpdateCrawlerCommand({ Name: "jdbc-crawler", CrawlerSecurityConfiguration: "encrypted" }));
    expect((await glue.send(new GetCrawlerCommand({ Name: "jdbc-crawler" }))).Crawler!.CrawlerSecurityConfiguration).toBe("encrypted");
  });

  it("a crawl whose connection was deleted since fails", async () => {
    await glue.send(new CreateConnectionCommand({ ConnectionInput: JDBC }));
    await createCrawler("jdbc-crawler", { Targets: jdbcTargets("orders-db") });
    await glue.send(new DeleteConnectionCommand({ ConnectionName: "orders-db" }));
    await glue.send(new StartCrawlerCommand({ Name: "jdbc-crawler" }));
    aws.settle();
    const crawler = (await glue.send(new GetCrawlerCommand({ Name: "jdbc-crawler" }))).Crawler!;
    expect(crawler.LastCrawl).toMatchObject({ Status: "FAILED" });
    expect(crawler.LastCrawl!.ErrorMessage).toContain("orders-db");
  });

  it("CreateJob accepts any connection name; the run fails when a connection or security configuration is missing", async () => {
    await createJob("etl", { Connections: { Connections: ["orders-db"] } });
    expect((await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.Connections).toEqual({ Connections: ["orders-db"] });
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    aws.settle();
    const run = (await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: JobRunId }))).JobRun!;
    expect(run.JobRunState).toBe("FAILED");
    expect(run.ErrorMessage).toContain("Connection orders-db not found");

    await glue.send(new CreateConnectionCommand({ ConnectionInput: JDBC }));
    const ok = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    aws.settle();
    expect((await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: ok.JobRunId }))).JobRun!.JobRunState).toBe("SUCCEEDED");

    const secured = await glue.send(new StartJobRunCommand({ JobName: "etl", SecurityConfiguration: "absent" }));
    aws.settle();
    const securedRun = (await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: secured.JobRunId }))).JobRun!;
    expect(securedRun.JobRunState).toBe("FAILED");
    expect(securedRun.ErrorMessage).toContain("Security configuration absent not found");
  });

  it("CreateJob and UpdateJob refuse an empty connection name", async () => {
    expect((await errorOf(createJob("etl", { Connections: { Connections: [""] } }))).message).toBe("Connections list should not be null or empty.");
    await createJob("etl");
    const update = await errorOf(glue.send(new UpdateJobCommand({ JobName: "etl", JobUpdate: { Role: ROLE, Command: { Name: "glueetl" }, Connections: { Connections: [" "] } } })));
    expect(update).toBeInstanceOf(InvalidInputException);
  });
});
