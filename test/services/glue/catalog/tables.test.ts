import {
  AlreadyExistsException,
  BatchDeleteTableCommand,
  BatchDeleteTableVersionCommand,
  ConcurrentModificationException,
  CreateTableCommand,
  DeleteTableCommand,
  DeleteTableVersionCommand,
  EntityNotFoundException,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GetTableVersionCommand,
  InvalidInputException,
  paginateGetTables,
  paginateGetTableVersions,
  UpdateTableCommand,
  type TableInput,
  type ViewRepresentationInput,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, addPartitions, collect, columns, createDatabase, createTable, glue } from "./helpers.js";

const table = async (Name: string, DatabaseName = "sales") => (await glue.send(new GetTableCommand({ DatabaseName, Name }))).Table!;
const update = (TableInput: TableInput, extra: Partial<UpdateTableCommand["input"]> = {}) => glue.send(new UpdateTableCommand({ DatabaseName: "sales", TableInput, ...extra }));
const input = (description: string): TableInput => ({ Name: "orders", Description: description, StorageDescriptor: { Columns: columns("id:bigint"), Location: "s3://lake/orders/" } });

describe("Glue Data Catalog tables", () => {
  beforeEach(() => createDatabase("sales"));

  it("creates a table as version 0, with what the catalog adds", async () => {
    await createTable("sales", "Orders", ["year:int", "region"], { Description: "all orders", Parameters: { classification: "parquet" } });
    const t = await table("ORDERS");
    expect(t).toMatchObject({
      Name: "orders",
      DatabaseName: "sales",
      Description: "all orders",
      TableType: "EXTERNAL_TABLE",
      PartitionKeys: [
        { Name: "year", Type: "int" },
        { Name: "region", Type: "string" },
      ],
      StorageDescriptor: { Columns: columns("id:bigint", "amount:double"), Location: "s3://lake/sales/Orders/" },
      Parameters: { classification: "parquet" },
      Retention: 0,
      CreatedBy: `arn:aws:iam::${ACCOUNT}:root`,
      IsRegisteredWithLakeFormation: false,
      CatalogId: ACCOUNT,
      VersionId: "0",
    });
    expect(t.UpdateTime).toEqual(t.CreateTime);
  });

  it("folds column and partition key names to lower case when it stores them, on create and on update", async () => {
    await createTable("sales", "orders", ["Year:int", "REGION"], { StorageDescriptor: { Columns: columns("userId:bigint", "EventTime:timestamp"), Location: "s3://lake/orders/" } });
    const created = await table("orders");
    expect(created.StorageDescriptor!.Columns).toEqual(columns("userid:bigint", "eventtime:timestamp"));
    expect(created.PartitionKeys).toEqual(columns("year:int", "region"));
    await update({ Name: "orders", StorageDescriptor: { Columns: columns("userId:bigint", "Amount:double") }, PartitionKeys: columns("Year:int") });
    const updated = await table("orders");
    expect(updated.StorageDescriptor!.Columns).toEqual(columns("userid:bigint", "amount:double"));
    expect(updated.PartitionKeys).toEqual(columns("year:int"));
  });

  it("accepts new PartitionKeys while partitions exist (AWS documents no refusal); the partitions keep their values", async () => {
    await createTable("sales", "orders", ["year:int"]);
    await addPartitions("sales", "orders", [["2024"]]);
    await update({ Name: "orders", StorageDescriptor: { Columns: columns("id:bigint") }, PartitionKeys: columns("year:string", "region") });
    expect((await table("orders")).PartitionKeys).toEqual(columns("year:string", "region"));
    const { Partitions } = await glue.send(new GetPartitionsCommand({ DatabaseName: "sales", TableName: "orders", Expression: "year = '2024'" }));
    expect(Partitions!.map((p) => p.Values)).toEqual([["2024"]]);
  });

  it("refuses a duplicate table, a missing database or table, and a missing TableInput", async () => {
    await createTable("sales", "orders");
    const duplicate = await rejectionOf(createTable("sales", "ORDERS"));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    expect(duplicate.message).toBe("Table already exists.");
    const noDatabase = await rejectionOf(createTable("absent", "t"));
    expect(noDatabase).toBeInstanceOf(EntityNotFoundException);
    expect(noDatabase.message).toBe("Database absent not found.");
    const noTable = await rejectionOf(table("absent"));
    expect(noTable).toBeInstanceOf(EntityNotFoundException);
    expect(noTable.message).toBe("Table absent not found.");
    expect(await rejectionOf(glue.send(new DeleteTableCommand({ DatabaseName: "sales", Name: "absent" })))).toBeInstanceOf(EntityNotFoundException);
    const noInput = await rejectionOf(glue.send(new CreateTableCommand({ DatabaseName: "sales" })));
    expect(noInput).toBeInstanceOf(InvalidInputException);
    expect(noInput.message).toContain("'tableInput'");
    const badIndex = await rejectionOf(createTable("sales", "t", ["year:int"], {}, { PartitionIndexes: [{ IndexName: "i", Keys: ["month"] }] }));
    expect(badIndex.message).toContain("month is not a partition key");
  });

  it("lists tables with the SDK paginator and filters names by Expression (regex or Hive-style *)", async () => {
    for (const name of ["sales_2023", "sales_2024", "refunds", "sales_eu", "customers"]) await createTable("sales", name);
    const all = await collect(paginateGetTables({ client: glue, pageSize: 2 }, { DatabaseName: "sales" }), (page) => page.TableList);
    expect(all.items.map((t) => t.Name)).toEqual(["customers", "refunds", "sales_2023", "sales_2024", "sales_eu"]);
    expect(all.pages).toBe(3);
    const names = async (Expression: string) => (await glue.send(new GetTablesCommand({ DatabaseName: "sales", Expression }))).TableList!.map((t) => t.Name);
    expect(await names("sales*")).toEqual(["sales_2023", "sales_2024", "sales_eu"]);
    expect(await names("sales_20[0-9]+")).toEqual(["sales_2023", "sales_2024"]);
    expect(await names("refunds|customers")).toEqual(["customers", "refunds"]);
    expect(await names("SALES_EU")).toEqual(["sales_eu"]);
    // An escaped star, or one in a character class, is a literal star, not Hive's "anything".
    expect(await names("sales_eu\\*")).toEqual([]);
    expect(await names("sales_eu[*]")).toEqual([]);
    expect(await names("sales_eu[*]?")).toEqual(["sales_eu"]);
    expect(await rejectionOf(names("sales_("))).toBeInstanceOf(InvalidInputException);
    const projected = await glue.send(new GetTablesCommand({ DatabaseName: "sales", AttributesToGet: ["NAME", "TABLE_TYPE"], MaxResults: 1 }));
    expect(projected.TableList).toEqual([{ Name: "customers", TableType: "EXTERNAL_TABLE" }]);
    expect(await rejectionOf(glue.send(new GetTablesCommand({ DatabaseName: "absent" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("archives the previous version on UpdateTable, or replaces it with SkipArchive", async () => {
    await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: input("v0") }));
    const created = await table("orders");
    aws.clock.advance(1000);
    await update(input("v1"));
    await update(input("v2"));
    const current = await table("orders");
    expect(current).toMatchObject({ Description: "v2", VersionId: "2" });
    expect(current.CreateTime).toEqual(created.CreateTime);
    expect(current.UpdateTime!.getTime()).toBeGreaterThan(created.CreateTime!.getTime());
    const versions = await collect(paginateGetTableVersions({ client: glue, pageSize: 2 }, { DatabaseName: "sales", TableName: "orders" }), (page) => page.TableVersions);
    expect(versions.items.map((v) => [v.VersionId, v.Table!.Description])).toEqual([
      ["2", "v2"],
      ["1", "v1"],
      ["0", "v0"],
    ]);
    expect((await glue.send(new GetTableVersionCommand({ DatabaseName: "sales", TableName: "orders", VersionId: "1" }))).TableVersion!.Table!.Description).toBe("v1");
    expect((await glue.send(new GetTableVersionCommand({ DatabaseName: "sales", TableName: "orders" }))).TableVersion!.VersionId).toBe("2");
    // SkipArchive: version 2 is replaced, not kept.
    await update(input("v3"), { SkipArchive: true });
    const after = await collect(paginateGetTableVersions({ client: glue }, { DatabaseName: "sales", TableName: "orders" }), (page) => page.TableVersions);
    expect(after.items.map((v) => v.VersionId)).toEqual(["3", "1", "0"]);
  });

  it("honours VersionId conditions: an update from a stale version is a ConcurrentModificationException", async () => {
    await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: input("v0") }));
    await update(input("v1"), { VersionId: "0" });
    const stale = await rejectionOf(update(input("lost"), { VersionId: "0" }));
    expect(stale).toBeInstanceOf(ConcurrentModificationException);
    expect((await table("orders")).Description).toBe("v1");
    expect(await rejectionOf(update({ ...input("x"), Name: "absent" }))).toBeInstanceOf(EntityNotFoundException);
  });

  it("deletes versions except the current one, one by one or in a batch with per-item errors", async () => {
    await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: input("v0") }));
    for (const d of ["v1", "v2", "v3"]) await update(input(d));
    await glue.send(new DeleteTableVersionCommand({ DatabaseName: "sales", TableName: "orders", VersionId: "0" }));
    expect(await rejectionOf(glue.send(new GetTableVersionCommand({ DatabaseName: "sales", TableName: "orders", VersionId: "0" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteTableVersionCommand({ DatabaseName: "sales", TableName: "orders", VersionId: "3" })))).toBeInstanceOf(InvalidInputException);
    const { Errors } = await glue.send(new BatchDeleteTableVersionCommand({ DatabaseName: "sales", TableName: "orders", VersionIds: ["1", "9", "3"] }));
    expect(Errors!.map((e) => [e.VersionId, e.ErrorDetail!.ErrorCode])).toEqual([
      ["9", "EntityNotFoundException"],
      ["3", "InvalidInputException"],
    ]);
    const left = await collect(paginateGetTableVersions({ client: glue }, { DatabaseName: "sales", TableName: "orders" }), (page) => page.TableVersions);
    expect(left.items.map((v) => v.VersionId)).toEqual(["3", "2"]);
  });

  it("reads a table as of a past time from its versions (QueryAsOfTime)", async () => {
    await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: input("v0") }));
    const t0 = new Date(aws.clock.now().getTime());
    aws.clock.advance(10_000);
    await update(input("v1"));
    expect((await glue.send(new GetTableCommand({ DatabaseName: "sales", Name: "orders", QueryAsOfTime: t0 }))).Table!.Description).toBe("v0");
    expect((await glue.send(new GetTableCommand({ DatabaseName: "sales", Name: "orders", QueryAsOfTime: aws.clock.now() }))).Table!.Description).toBe("v1");
    const before = await rejectionOf(glue.send(new GetTableCommand({ DatabaseName: "sales", Name: "orders", QueryAsOfTime: new Date(0) })));
    expect(before).toBeInstanceOf(EntityNotFoundException);
  });

  it("deletes tables, in a batch with an error per missing table", async () => {
    for (const name of ["a", "b", "c"]) await createTable("sales", name);
    await glue.send(new DeleteTableCommand({ DatabaseName: "sales", Name: "A" }));
    const { Errors } = await glue.send(new BatchDeleteTableCommand({ DatabaseName: "sales", TablesToDelete: ["b", "zz", "c"] }));
    expect(Errors).toEqual([{ TableName: "zz", ErrorDetail: { ErrorCode: "EntityNotFoundException", ErrorMessage: "Table zz not found." } }]);
    expect((await glue.send(new GetTablesCommand({ DatabaseName: "sales" }))).TableList).toEqual([]);
    expect(await rejectionOf(glue.send(new BatchDeleteTableCommand({ DatabaseName: "absent", TablesToDelete: ["a"] })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("creates Iceberg tables through OpenTableFormatInput, writing the first metadata file", async () => {
    await glue.send(
      new CreateTableCommand({
        DatabaseName: "sales",
        TableInput: { Name: "events", StorageDescriptor: { Location: "s3://lake/events", Columns: columns("id:bigint") } },
        OpenTableFormatInput: { IcebergInput: { MetadataOperation: "CREATE", Version: "2" } },
      }),
    );
    const events = await table("events");
    expect(events.TableType).toBe("EXTERNAL_TABLE");
    expect(events.Parameters).toMatchObject({ table_type: "ICEBERG", "format-version": "2" });
    expect(events.Parameters!["metadata_location"]).toMatch(/^s3:\/\/lake\/events\/metadata\/00000-[0-9a-f-]{36}\.metadata\.json$/);
    // From an Iceberg schema alone: Iceberg types become Glue column types.
    await glue.send(
      new CreateTableCommand({
        DatabaseName: "sales",
        Name: "clicks",
        OpenTableFormatInput: {
          IcebergInput: {
            MetadataOperation: "CREATE",
            CreateIcebergTableInput: {
              Location: "s3://lake/clicks/",
              Schema: {
                Fields: [
                  { Id: 1, Name: "id", Type: "long", Required: true },
                  { Id: 2, Name: "at", Type: "timestamptz", Required: false },
                  { Id: 3, Name: "tags", Type: { type: "list", "element-id": 4, element: "string", "element-required": false }, Required: false },
                ],
              },
            },
          },
        },
      }),
    );
    expect((await table("clicks")).StorageDescriptor!.Columns!.map((c) => [c.Name, c.Type])).toEqual([
      ["id", "bigint"],
      ["at", "timestamp"],
      ["tags", "array<string>"],
    ]);
    const noLocation = await rejectionOf(
      glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: { Name: "x" }, OpenTableFormatInput: { IcebergInput: { MetadataOperation: "CREATE" } } })),
    );
    expect(noLocation).toBeInstanceOf(InvalidInputException);
    // An Iceberg commit through UpdateOpenTableFormatInput moves metadata_location and keeps the previous one.
    const before = (await table("events")).Parameters!["metadata_location"];
    await glue.send(
      new UpdateTableCommand({
        DatabaseName: "sales",
        Name: "events",
        UpdateOpenTableFormatInput: { UpdateIcebergInput: { UpdateIcebergTableInput: { Updates: [{ Location: "s3://lake/events", Schema: { Fields: [{ Id: 1, Name: "id", Type: "long", Required: true }, { Id: 2, Name: "kind", Type: "string", Required: false }] }, Properties: { "write.format.default": "parquet" } }] } } },
      }),
    );
    const committed = await table("events");
    expect(committed.Parameters!["previous_metadata_location"]).toBe(before);
    expect(committed.Parameters!["metadata_location"]).toMatch(/\/metadata\/00001-/);
    expect(committed.Parameters!["write.format.default"]).toBe("parquet");
    expect(committed.StorageDescriptor!.Columns!.map((c) => c.Name)).toEqual(["id", "kind"]);
    expect(committed.VersionId).toBe("1");
  });

  it("keeps multi-dialect views, and adds, replaces and drops dialects with ViewUpdateAction", async () => {
    const spark = { Dialect: "SPARK" as const, DialectVersion: "3.5", ViewOriginalText: "SELECT * FROM orders" };
    const athena = { Dialect: "ATHENA" as const, DialectVersion: "3", ViewOriginalText: "SELECT * FROM orders" };
    const view = (Representations: ViewRepresentationInput[]): TableInput => ({ Name: "v", TableType: "VIRTUAL_VIEW", ViewDefinition: { Definer: `arn:aws:iam::${ACCOUNT}:role/Definer`, Representations } });
    await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: view([spark]) }));
    const created = await table("v");
    expect(created.IsMultiDialectView).toBe(true);
    expect(created.ViewDefinition!.Representations).toEqual([{ ...spark, IsStale: false }]);
    await update(view([athena]), { ViewUpdateAction: "ADD" });
    expect((await table("v")).ViewDefinition!.Representations!.map((r) => r.Dialect)).toEqual(["SPARK", "ATHENA"]);
    expect(await rejectionOf(update(view([athena]), { ViewUpdateAction: "ADD" }))).toBeInstanceOf(AlreadyExistsException);
    await update(view([{ ...athena, ViewOriginalText: "SELECT id FROM orders" }]), { ViewUpdateAction: "REPLACE" });
    expect((await table("v")).ViewDefinition!.Representations![1]!.ViewOriginalText).toBe("SELECT id FROM orders");
    await update(view([spark]), { ViewUpdateAction: "DROP" });
    expect((await table("v")).ViewDefinition!.Representations!.map((r) => r.Dialect)).toEqual(["ATHENA"]);
    expect(await rejectionOf(update(view([spark]), { ViewUpdateAction: "REPLACE" }))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(update(view([athena]), { ViewUpdateAction: "DROP" }))).toBeInstanceOf(InvalidInputException);
    const twice = await rejectionOf(glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: { ...view([spark, spark]), Name: "w" } })));
    expect(twice).toBeInstanceOf(InvalidInputException);
    await createTable("sales", "plain");
    expect(await rejectionOf(update({ ...view([spark]), Name: "plain" }, { ViewUpdateAction: "ADD" }))).toBeInstanceOf(InvalidInputException);
  });
});
