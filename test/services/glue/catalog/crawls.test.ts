import {
  CreateCrawlerCommand,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetDatabasesCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GetTableVersionsCommand,
  InvalidInputException,
  ListCrawlsCommand,
  StartCrawlerCommand,
  UpdateCrawlerCommand,
  type CreateCrawlerRequest,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { AwsDoublesUsageError } from "aws-doubles";
import { registerCrawlerFinding, unregisterCrawlerFinding, type CrawlerFinding, type CrawlTargetRequest } from "aws-doubles/glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { columns, createDatabase, createTable, glue, ROLE } from "./helpers.js";

const RAW = "s3://lake/raw/";

function createCrawler(extra: Partial<CreateCrawlerRequest> = {}) {
  return glue.send(new CreateCrawlerCommand({ Name: "raw", Role: ROLE, DatabaseName: "raw_db", Targets: { S3Targets: [{ Path: RAW }] }, ...extra }));
}

async function crawl(name = "raw") {
  await glue.send(new StartCrawlerCommand({ Name: name }));
  aws.settle();
  return (await glue.send(new GetCrawlerCommand({ Name: name }))).Crawler!;
}

const tables = async (DatabaseName = "raw_db") => (await glue.send(new GetTablesCommand({ DatabaseName }))).TableList!;
const metrics = async () => (await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: ["raw"] }))).CrawlerMetricsList![0]!;
const summary = async () => JSON.parse((await glue.send(new ListCrawlsCommand({ CrawlerName: "raw" }))).Crawls![0]!.Summary ?? "{}");

const ORDERS: CrawlerFinding = {
  Tables: [
    {
      Name: "Orders",
      Columns: columns("id:bigint", "amount:double"),
      PartitionKeys: [{ Name: "dt" }],
      Partitions: [["2024-01-01"], { Values: ["2024-01-02"], Location: "s3://lake/raw/orders/late/" }],
      Location: "s3://lake/raw/orders/",
      Classification: "parquet",
    },
  ],
};

describe("Glue crawls fill the Data Catalog", () => {
  it("without a registered finding, a crawl succeeds and changes nothing", async () => {
    await createCrawler();
    const crawler = await crawl();
    expect(crawler.LastCrawl!.Status).toBe("SUCCEEDED");
    expect((await glue.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
    expect(await metrics()).toMatchObject({ TablesCreated: 0, TablesUpdated: 0, TablesDeleted: 0 });
  });

  it("writes the tables and partitions a target's finding declares, with the crawler's TablePrefix, creating the database", async () => {
    registerCrawlerFinding(RAW, ORDERS);
    await createCrawler({ TablePrefix: "src_" });
    await crawl();
    const [table] = await tables();
    expect(table).toMatchObject({
      Name: "src_orders",
      DatabaseName: "raw_db",
      TableType: "EXTERNAL_TABLE",
      PartitionKeys: [{ Name: "dt", Type: "string" }],
      StorageDescriptor: { Columns: columns("id:bigint", "amount:double"), Location: "s3://lake/raw/orders/", Parameters: { classification: "parquet" } },
      Parameters: { classification: "parquet", UPDATED_BY_CRAWLER: "raw" },
    });
    const partitions = (await glue.send(new GetPartitionsCommand({ DatabaseName: "raw_db", TableName: "src_orders" }))).Partitions!;
    expect(partitions.map((p) => [p.Values, p.StorageDescriptor!.Location])).toEqual([
      [["2024-01-01"], "s3://lake/raw/orders/dt=2024-01-01/"],
      [["2024-01-02"], "s3://lake/raw/orders/late/"],
    ]);
    expect(await metrics()).toMatchObject({ TablesCreated: 1, TablesUpdated: 0, TablesDeleted: 0 });
    expect(await summary()).toEqual({ TABLE: { ADD: { Count: 1, Details: { names: ["raw_db.src_orders"] } } }, PARTITION: { ADD: { Count: 2 } } });
  });

  it("updates a changed schema in place (UPDATE_IN_DATABASE, a new table version) and adds new partitions", async () => {
    registerCrawlerFinding(RAW, ORDERS);
    await createCrawler();
    await crawl();
    registerCrawlerFinding(RAW, { Tables: [{ ...ORDERS.Tables[0]!, Columns: columns("id:bigint", "amount:double", "currency"), Partitions: [["2024-01-01"], ["2024-01-03"]] }] });
    await crawl();
    const table = (await glue.send(new GetTableCommand({ DatabaseName: "raw_db", Name: "orders" }))).Table!;
    expect(table.StorageDescriptor!.Columns!.map((c) => c.Name)).toEqual(["id", "amount", "currency"]);
    expect(table.VersionId).toBe("1");
    expect((await glue.send(new GetTableVersionsCommand({ DatabaseName: "raw_db", TableName: "orders" }))).TableVersions).toHaveLength(2);
    expect((await glue.send(new GetPartitionsCommand({ DatabaseName: "raw_db", TableName: "orders" }))).Partitions!.map((p) => p.Values![0])).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    expect(await metrics()).toMatchObject({ TablesCreated: 0, TablesUpdated: 1 });
    // Nothing changed: nothing updated.
    await crawl();
    expect(await metrics()).toMatchObject({ TablesCreated: 0, TablesUpdated: 0, TablesDeleted: 0 });
  });

  it("stores the columns a finding names in lower case, and a recrawl of the same mixed-case schema changes nothing", async () => {
    registerCrawlerFinding(RAW, { Tables: [{ ...ORDERS.Tables[0]!, Columns: columns("userId:bigint", "EventTime:timestamp"), PartitionKeys: [{ Name: "Dt" }] }] });
    await createCrawler();
    await crawl();
    const table = (await glue.send(new GetTableCommand({ DatabaseName: "raw_db", Name: "orders" }))).Table!;
    expect(table.StorageDescriptor!.Columns!.map((c) => c.Name)).toEqual(["userid", "eventtime"]);
    expect(table.PartitionKeys!.map((c) => c.Name)).toEqual(["dt"]);
    await crawl();
    expect(await metrics()).toMatchObject({ TablesCreated: 0, TablesUpdated: 0, TablesDeleted: 0 });
    expect((await glue.send(new GetTableCommand({ DatabaseName: "raw_db", Name: "orders" }))).Table!.VersionId).toBe("0");
  });

  it("logs schema changes without applying them when UpdateBehavior is LOG", async () => {
    registerCrawlerFinding(RAW, ORDERS);
    await createCrawler({ SchemaChangePolicy: { UpdateBehavior: "LOG", DeleteBehavior: "LOG" } });
    await crawl();
    registerCrawlerFinding(RAW, { Tables: [{ ...ORDERS.Tables[0]!, Columns: columns("id:bigint") }] });
    await crawl();
    expect((await tables())[0]!.StorageDescriptor!.Columns).toHaveLength(2);
    expect(await metrics()).toMatchObject({ TablesUpdated: 0 });
  });

  it.each([
    ["DELETE_FROM_DATABASE", ["customers"]],
    ["DEPRECATE_IN_DATABASE", ["customers", "orders"]],
    ["LOG", ["customers", "orders"]],
  ] as const)("handles a table the target no longer has with DeleteBehavior %s", async (DeleteBehavior, left) => {
    registerCrawlerFinding(RAW, ORDERS);
    await createCrawler({ SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior } });
    await crawl();
    registerCrawlerFinding(RAW, { Tables: [{ Name: "customers", Columns: columns("id:bigint") }] });
    await crawl();
    const now = await tables();
    expect(now.map((t) => t.Name)).toEqual(left);
    const orders = now.find((t) => t.Name === "orders");
    if (DeleteBehavior === "DEPRECATE_IN_DATABASE") expect(orders!.Parameters!["DEPRECATED_BY_CRAWLER"]).toMatch(/^\d{4}-/);
    if (DeleteBehavior === "LOG") expect(orders!.Parameters!["DEPRECATED_BY_CRAWLER"]).toBeUndefined();
    expect((await metrics()).TablesDeleted).toBe(DeleteBehavior === "LOG" ? 0 : 1);
  });

  it("only adds with CRAWL_NEW_FOLDERS_ONLY, which needs a LOG/LOG SchemaChangePolicy", async () => {
    const refused = await rejectionOf(createCrawler({ RecrawlPolicy: { RecrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" } }));
    expect(refused).toBeInstanceOf(InvalidInputException);
    expect(refused.message).toContain("can have only LOG DeleteBehavior value and LOG UpdateBehavior value");
    registerCrawlerFinding(RAW, ORDERS);
    await createCrawler({ RecrawlPolicy: { RecrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" }, SchemaChangePolicy: { UpdateBehavior: "LOG", DeleteBehavior: "LOG" } });
    await crawl();
    registerCrawlerFinding(RAW, { Tables: [{ ...ORDERS.Tables[0]!, Columns: columns("id:bigint"), Partitions: [["2024-02-01"]] }] });
    await crawl();
    const [orders] = await tables();
    expect(orders!.StorageDescriptor!.Columns).toHaveLength(2);
    expect((await glue.send(new GetPartitionsCommand({ DatabaseName: "raw_db", TableName: "orders" }))).Partitions).toHaveLength(3);
    expect(await rejectionOf(glue.send(new UpdateCrawlerCommand({ Name: "raw", SchemaChangePolicy: { UpdateBehavior: "UPDATE_IN_DATABASE" } })))).toBeInstanceOf(InvalidInputException);
  });

  it("updates existing tables named by CatalogTargets, in their own databases, without a prefix", async () => {
    await createDatabase("curated");
    await createTable("curated", "facts", ["dt"]);
    registerCrawlerFinding("curated.facts", { Tables: [{ Name: "facts", Columns: columns("id:bigint", "amount:double", "note"), PartitionKeys: [{ Name: "dt" }], Partitions: [["2024-05-01"]] }] });
    await glue.send(new CreateCrawlerCommand({ Name: "cat", Role: ROLE, TablePrefix: "ignored_", Targets: { CatalogTargets: [{ DatabaseName: "curated", Tables: ["facts", "missing"] }] }, SchemaChangePolicy: { DeleteBehavior: "LOG" } }));
    await crawl("cat");
    expect((await tables("curated")).map((t) => [t.Name, t.StorageDescriptor!.Columns!.length])).toEqual([["facts", 3]]);
    expect((await glue.send(new GetPartitionsCommand({ DatabaseName: "curated", TableName: "facts" }))).Partitions!.map((p) => p.StorageDescriptor!.Location)).toEqual(["s3://lake/curated/facts/dt=2024-05-01/"]);
  });

  it("asks the finding by target path, then by crawler name, then '*', with the crawl's request", async () => {
    const requests: CrawlTargetRequest[] = [];
    registerCrawlerFinding("*", (request) => {
      requests.push(request);
      return { Tables: [{ Name: "from_any", Columns: columns("x") }] };
    });
    registerCrawlerFinding("raw", { Tables: [{ Name: "from_crawler", Columns: columns("x") }] });
    registerCrawlerFinding("s3://lake/b/", { Tables: [{ Name: "from_path", Columns: columns("x") }] });
    await createCrawler({ Targets: { S3Targets: [{ Path: "s3://lake/a/" }, { Path: "s3://lake/b/" }] } });
    await crawl();
    expect((await tables()).map((t) => t.Name)).toEqual(["from_crawler", "from_path"]);
    await glue.send(new CreateCrawlerCommand({ Name: "other", Role: ROLE, DatabaseName: "raw_db", Targets: { DynamoDBTargets: [{ Path: "orders-table" }] } }));
    await crawl("other");
    expect(requests).toEqual([{ CrawlerName: "other", DatabaseName: "raw_db", Target: { Type: "DynamoDB", Path: "orders-table", Definition: { Path: "orders-table" } } }]);
  });

  it("fails the crawl, writing nothing, when the finding throws or does not fit", async () => {
    registerCrawlerFinding(RAW, () => {
      throw new Error("Access Denied reading s3://lake/raw/");
    });
    await createCrawler();
    const failed = await crawl();
    expect(failed.LastCrawl).toMatchObject({ Status: "FAILED", ErrorMessage: "Access Denied reading s3://lake/raw/" });
    registerCrawlerFinding(RAW, { Tables: [{ Name: "t", Columns: columns("a"), PartitionKeys: [{ Name: "dt" }], Partitions: [["2024", "extra"]] }] });
    const malformed = await crawl();
    expect(malformed.LastCrawl!.Status).toBe("FAILED");
    expect(malformed.LastCrawl!.ErrorMessage).toContain("must list 1 string value(s), one per partition key");
    expect((await glue.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
  });

  it("fails the crawl when a found table has a member CreateTable would refuse by its type, and stores none of it", async () => {
    // Each was stored as found before: a column whose Type is a number, a Comment that is an
    // object, a parameter value that is not text; no caller could have written them.
    const wrong: Array<[Record<string, unknown>, string]> = [
      [{ Name: "a", Type: 5 }, "at 'tableInput.storageDescriptor.columns.1.member.type' failed to satisfy constraint: Member must be a string"],
      [{ Name: "a", Type: "int", Comment: { x: 1 } }, "at 'tableInput.storageDescriptor.columns.1.member.comment' failed to satisfy constraint: Member must be a string"],
      [{ Name: "a", Type: "int", Parameters: { k: 1 } }, "at 'tableInput.storageDescriptor.columns.1.member.parameters.k' failed to satisfy constraint: Member must be a string"],
    ];
    await createCrawler();
    for (const [column, message] of wrong) {
      registerCrawlerFinding(RAW, { Tables: [{ Name: "t", Columns: [column as never], Location: "s3://lake/raw/t/" }] });
      const crawler = await crawl();
      expect(crawler.LastCrawl).toMatchObject({ Status: "FAILED", ErrorMessage: expect.stringContaining(message) });
    }
    expect((await glue.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
  });

  it("writes nothing when the crawl is made to fail", async () => {
    registerCrawlerFinding(RAW, ORDERS);
    aws.lifecycle("Glue.Crawl", { CrawlerName: "raw" }).endsIn("FAILED", { message: "internal error" });
    await createCrawler();
    expect((await crawl()).LastCrawl!.Status).toBe("FAILED");
    expect((await glue.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
  });

  it("refuses a registration without a key or of the wrong shape, and forgets one on unregister", async () => {
    expect(() => registerCrawlerFinding("", ORDERS)).toThrow(AwsDoublesUsageError);
    expect(() => registerCrawlerFinding(RAW, { tables: [] } as never)).toThrow(/must be \{ Tables: /);
    registerCrawlerFinding(RAW, ORDERS);
    expect(unregisterCrawlerFinding(RAW)).toBe(true);
    expect(unregisterCrawlerFinding(RAW)).toBe(false);
    await createCrawler();
    await crawl();
    expect((await glue.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
  });
});
