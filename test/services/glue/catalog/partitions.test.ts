import {
  AlreadyExistsException,
  BatchCreatePartitionCommand,
  BatchDeletePartitionCommand,
  BatchGetPartitionCommand,
  BatchUpdatePartitionCommand,
  ConflictException,
  CreatePartitionCommand,
  CreatePartitionIndexCommand,
  DeletePartitionCommand,
  DeletePartitionIndexCommand,
  EntityNotFoundException,
  GetPartitionCommand,
  GetPartitionIndexesCommand,
  GetPartitionsCommand,
  InvalidInputException,
  InvalidStateException,
  paginateGetPartitionIndexes,
  paginateGetPartitions,
  ResourceNumberLimitExceededException,
  UpdatePartitionCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, addPartitions, collect, columns, createDatabase, createTable, glue, pollUntil } from "./helpers.js";

// SDK paginators write NextToken into the input they are given: pass them a copy.
const T = Object.freeze({ DatabaseName: "sales", TableName: "orders" });
const partition = async (PartitionValues: string[]) => (await glue.send(new GetPartitionCommand({ ...T, PartitionValues }))).Partition!;
const storage = (location: string) => ({ Columns: columns("id:bigint"), Location: location });
const grid = (years: number[], regions: string[]) => years.flatMap((y) => regions.map((r) => [String(y), r]));

describe("Glue Data Catalog partitions", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createTable("sales", "orders", ["year:int", "region"]);
  });

  it("creates, reads, updates and deletes a partition", async () => {
    await glue.send(new CreatePartitionCommand({ ...T, PartitionInput: { Values: ["2024", "eu"], StorageDescriptor: storage("s3://lake/orders/2024/eu/"), Parameters: { rows: "10" } } }));
    const created = await partition(["2024", "eu"]);
    expect(created).toMatchObject({ Values: ["2024", "eu"], DatabaseName: "sales", TableName: "orders", CatalogId: ACCOUNT, Parameters: { rows: "10" }, StorageDescriptor: storage("s3://lake/orders/2024/eu/") });
    expect(created.CreationTime).toBeInstanceOf(Date);
    await glue.send(new UpdatePartitionCommand({ ...T, PartitionValueList: ["2024", "eu"], PartitionInput: { Values: ["2024", "eu"], StorageDescriptor: storage("s3://lake/moved/"), Parameters: { rows: "12" } } }));
    const updated = await partition(["2024", "eu"]);
    expect(updated.StorageDescriptor!.Location).toBe("s3://lake/moved/");
    expect(updated.Parameters).toEqual({ rows: "12" });
    expect(updated.CreationTime).toEqual(created.CreationTime);
    await glue.send(new DeletePartitionCommand({ ...T, PartitionValues: ["2024", "eu"] }));
    const gone = await rejectionOf(partition(["2024", "eu"]));
    expect(gone).toBeInstanceOf(EntityNotFoundException);
    expect(gone.message).toBe("Cannot find partition.");
  });

  it("refuses duplicates, values that do not fit the keys, changed values and missing tables", async () => {
    await glue.send(new CreatePartitionCommand({ ...T, PartitionInput: { Values: ["2024", "eu"] } }));
    const duplicate = await rejectionOf(glue.send(new CreatePartitionCommand({ ...T, PartitionInput: { Values: ["2024", "eu"] } })));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    expect(duplicate.message).toBe("Partition already exists.");
    const short = await rejectionOf(glue.send(new CreatePartitionCommand({ ...T, PartitionInput: { Values: ["2024"] } })));
    expect(short).toBeInstanceOf(InvalidInputException);
    expect(short.message).toContain("The number of partition keys do not match the number of partition values");
    const renamed = await rejectionOf(glue.send(new UpdatePartitionCommand({ ...T, PartitionValueList: ["2024", "eu"], PartitionInput: { Values: ["2025", "eu"] } })));
    expect(renamed).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new UpdatePartitionCommand({ ...T, PartitionValueList: ["1999", "eu"], PartitionInput: {} })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new CreatePartitionCommand({ DatabaseName: "sales", TableName: "absent", PartitionInput: { Values: ["1"] } })))).toBeInstanceOf(EntityNotFoundException);
    await createTable("sales", "flat");
    const flat = await rejectionOf(glue.send(new CreatePartitionCommand({ DatabaseName: "sales", TableName: "flat", PartitionInput: { Values: ["x"] } })));
    expect(flat.message).toContain("is not partitioned");
  });

  it("creates partitions in a batch, reporting each bad item without failing the call", async () => {
    await glue.send(new CreatePartitionCommand({ ...T, PartitionInput: { Values: ["2020", "eu"] } }));
    const { Errors } = await glue.send(
      new BatchCreatePartitionCommand({ ...T, PartitionInputList: [{ Values: ["2020", "eu"] }, { Values: ["2021", "eu"] }, { Values: ["2021"] }, { Values: ["2021", "eu"] }, { Values: ["2022", "us"] }] }),
    );
    expect(Errors!.map((e) => [e.PartitionValues, e.ErrorDetail!.ErrorCode])).toEqual([
      [["2020", "eu"], "AlreadyExistsException"],
      [["2021"], "InvalidInputException"],
      [["2021", "eu"], "AlreadyExistsException"],
    ]);
    const all = await glue.send(new GetPartitionsCommand(T));
    expect(all.Partitions!.map((p) => p.Values!.join("/"))).toEqual(["2020/eu", "2021/eu", "2022/us"]);
    const tooMany = await rejectionOf(glue.send(new BatchCreatePartitionCommand({ ...T, PartitionInputList: Array.from({ length: 101 }, (_, i) => ({ Values: [String(i), "x"] })) })));
    expect(tooMany).toBeInstanceOf(InvalidInputException);
  });

  it("gets partitions in a batch, leaving out the missing ones", async () => {
    await addPartitions("sales", "orders", grid([2020, 2021], ["eu", "us"]));
    const { Partitions, UnprocessedKeys } = await glue.send(new BatchGetPartitionCommand({ ...T, PartitionsToGet: [{ Values: ["2021", "us"] }, { Values: ["1999", "eu"] }, { Values: ["2020", "eu"] }] }));
    expect(Partitions!.map((p) => p.Values!.join("/"))).toEqual(["2021/us", "2020/eu"]);
    expect(UnprocessedKeys).toEqual([]);
  });

  it("updates and deletes partitions in batches with per-item errors", async () => {
    await addPartitions("sales", "orders", grid([2020, 2021], ["eu"]));
    const updated = await glue.send(
      new BatchUpdatePartitionCommand({
        ...T,
        Entries: [
          { PartitionValueList: ["2020", "eu"], PartitionInput: { Parameters: { checked: "yes" } } },
          { PartitionValueList: ["1999", "eu"], PartitionInput: {} },
        ],
      }),
    );
    expect(updated.Errors!.map((e) => [e.PartitionValueList, e.ErrorDetail!.ErrorCode])).toEqual([[["1999", "eu"], "EntityNotFoundException"]]);
    expect((await partition(["2020", "eu"])).Parameters).toEqual({ checked: "yes" });
    const deleted = await glue.send(new BatchDeletePartitionCommand({ ...T, PartitionsToDelete: [{ Values: ["2020", "eu"] }, { Values: ["1999", "eu"] }] }));
    expect(deleted.Errors).toEqual([{ PartitionValues: ["1999", "eu"], ErrorDetail: { ErrorCode: "EntityNotFoundException", ErrorMessage: "Cannot find partition." } }]);
    expect((await glue.send(new GetPartitionsCommand(T))).Partitions!.map((p) => p.Values)).toEqual([["2021", "eu"]]);
  });

  it("pages partitions with the SDK paginator, with and without an expression", async () => {
    await addPartitions("sales", "orders", grid([2018, 2019, 2020, 2021, 2022], ["eu", "us", "apac"]));
    const all = await collect(paginateGetPartitions({ client: glue, pageSize: 4 }, { ...T }), (page) => page.Partitions);
    expect(all.items).toHaveLength(15);
    expect(all.pages).toBe(4);
    const filtered = await collect(paginateGetPartitions({ client: glue, pageSize: 2 }, { ...T, Expression: "year >= 2021 AND region <> 'apac'" }), (page) => page.Partitions);
    expect(filtered.items.map((p) => p.Values!.join("/"))).toEqual(["2021/eu", "2021/us", "2022/eu", "2022/us"]);
    // A token belongs to its query: reused with another expression it is refused.
    const first = await glue.send(new GetPartitionsCommand({ ...T, MaxResults: 1, Expression: "year = 2020" }));
    const reused = await rejectionOf(glue.send(new GetPartitionsCommand({ ...T, MaxResults: 1, Expression: "year = 2021", NextToken: first.NextToken })));
    expect(reused).toBeInstanceOf(InvalidInputException);
  });

  it("splits partitions into disjoint Segments that together hold them all", async () => {
    await addPartitions("sales", "orders", grid([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022], ["eu", "us", "apac", "sa"]));
    const seen: string[] = [];
    for (let SegmentNumber = 0; SegmentNumber < 4; SegmentNumber++) {
      const { items } = await collect(paginateGetPartitions({ client: glue, pageSize: 5 }, { ...T, Segment: { SegmentNumber, TotalSegments: 4 } }), (page) => page.Partitions);
      expect(items.length).toBeGreaterThan(0);
      seen.push(...items.map((p) => p.Values!.join("/")));
    }
    expect(seen).toHaveLength(32);
    expect(new Set(seen).size).toBe(32);
    const segmentWithExpression = await glue.send(new GetPartitionsCommand({ ...T, Segment: { SegmentNumber: 0, TotalSegments: 2 }, Expression: "region = 'eu'" }));
    expect(segmentWithExpression.Partitions!.every((p) => p.Values![1] === "eu")).toBe(true);
    const outOfRange = await rejectionOf(glue.send(new GetPartitionsCommand({ ...T, Segment: { SegmentNumber: 4, TotalSegments: 4 } })));
    expect(outOfRange).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new GetPartitionsCommand({ ...T, Segment: { SegmentNumber: 0, TotalSegments: 11 } })))).toBeInstanceOf(InvalidInputException);
  });

  it("leaves the columns out with ExcludeColumnSchema", async () => {
    await glue.send(new CreatePartitionCommand({ ...T, PartitionInput: { Values: ["2024", "eu"], StorageDescriptor: storage("s3://lake/x/") } }));
    const { Partitions } = await glue.send(new GetPartitionsCommand({ ...T, ExcludeColumnSchema: true }));
    expect(Partitions![0]!.StorageDescriptor).toEqual({ Location: "s3://lake/x/" });
    expect((await partition(["2024", "eu"])).StorageDescriptor!.Columns).toEqual(columns("id:bigint"));
  });
});

describe("Glue Data Catalog partition indexes", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createTable("sales", "orders", ["year:int", "region", "day:date", "score:double"]);
  });

  const indexes = async () => (await glue.send(new GetPartitionIndexesCommand(T))).PartitionIndexDescriptorList!;

  it("creates an index that backfills from CREATING to ACTIVE as it is read", async () => {
    await addPartitions("sales", "orders", [["2024", "eu", "2024-01-01", "1.5"]]);
    await glue.send(new CreatePartitionIndexCommand({ ...T, PartitionIndex: { IndexName: "by_year", Keys: ["year", "region"] } }));
    const first = await indexes();
    expect(first).toEqual([{ IndexName: "by_year", Keys: [{ Name: "year", Type: "int" }, { Name: "region", Type: "string" }], IndexStatus: "CREATING" }]);
    const { value } = await pollUntil(indexes, (list) => list[0]!.IndexStatus !== "CREATING");
    expect(value[0]!.IndexStatus).toBe("ACTIVE");
  });

  it("fails the backfill with the partitions whose values do not fit the key types", async () => {
    await addPartitions("sales", "orders", [["2024", "eu", "2024-01-01", "1"], ["twenty", "eu", "2024-01-01", "1"]]);
    await glue.send(new CreatePartitionIndexCommand({ ...T, PartitionIndex: { IndexName: "by_year", Keys: ["year"] } }));
    aws.settle();
    expect(await indexes()).toEqual([
      { IndexName: "by_year", Keys: [{ Name: "year", Type: "int" }], IndexStatus: "FAILED", BackfillErrors: [{ Code: "INVALID_PARTITION_TYPE_DATA_ERROR", Partitions: [{ Values: ["twenty", "eu", "2024-01-01", "1"] }] }] },
    ]);
  });

  it("fails the backfill of a value out of its integer type's range, as GetPartitions cannot read it either", async () => {
    await createTable("sales", "levels", ["level:tinyint"]);
    await addPartitions("sales", "levels", [["1"], ["300"]]);
    const L = { DatabaseName: "sales", TableName: "levels" };
    await glue.send(new CreatePartitionIndexCommand({ ...L, PartitionIndex: { IndexName: "by_level", Keys: ["level"] } }));
    aws.settle();
    const [index] = (await glue.send(new GetPartitionIndexesCommand(L))).PartitionIndexDescriptorList!;
    expect(index).toMatchObject({ IndexStatus: "FAILED", BackfillErrors: [{ Code: "INVALID_PARTITION_TYPE_DATA_ERROR", Partitions: [{ Values: ["300"] }] }] });
    expect(await rejectionOf(glue.send(new GetPartitionsCommand({ ...L, Expression: "level = 1" })))).toBeInstanceOf(InvalidStateException);
  });

  it("refuses keys that are not indexable partition keys, a fourth index and a duplicate name", async () => {
    const create = (IndexName: string, Keys: string[]) => glue.send(new CreatePartitionIndexCommand({ ...T, PartitionIndex: { IndexName, Keys } }));
    expect((await rejectionOf(create("i", ["id"]))).message).toContain("id is not a partition key");
    expect((await rejectionOf(create("i", ["score"]))).message).toContain("score has type double");
    await create("i1", ["year"]);
    expect(await rejectionOf(create("i1", ["region"]))).toBeInstanceOf(AlreadyExistsException);
    await create("i2", ["region"]);
    await create("i3", ["day"]);
    const fourth = await rejectionOf(create("i4", ["year", "region"]));
    expect(fourth).toBeInstanceOf(ResourceNumberLimitExceededException);
    const listed = await collect(paginateGetPartitionIndexes({ client: glue }, { ...T }), (page) => page.PartitionIndexDescriptorList);
    expect(listed.items.map((i) => i.IndexName)).toEqual(["i1", "i2", "i3"]);
  });

  it("deletes an index once it is no longer CREATING", async () => {
    aws.configure({ transitions: "manual" });
    await glue.send(new CreatePartitionIndexCommand({ ...T, PartitionIndex: { IndexName: "i", Keys: ["year"] } }));
    const early = await rejectionOf(glue.send(new DeletePartitionIndexCommand({ ...T, IndexName: "i" })));
    expect(early).toBeInstanceOf(ConflictException);
    aws.step();
    await glue.send(new DeletePartitionIndexCommand({ ...T, IndexName: "i" }));
    expect(await indexes()).toEqual([]);
    expect(await rejectionOf(glue.send(new DeletePartitionIndexCommand({ ...T, IndexName: "i" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("matches index keys to partition keys ignoring case, as the catalog stores keys in lower case", async () => {
    await createTable("sales", "visits", ["Year:int", "Region"], {}, { PartitionIndexes: [{ IndexName: "by_region", Keys: ["REGION"] }] });
    const V = { DatabaseName: "sales", TableName: "visits" };
    await addPartitions("sales", "visits", [["2024", "eu"], ["twenty", "us"]]);
    await glue.send(new CreatePartitionIndexCommand({ ...V, PartitionIndex: { IndexName: "by_year", Keys: ["YEAR"] } }));
    const twice = await rejectionOf(glue.send(new CreatePartitionIndexCommand({ ...V, PartitionIndex: { IndexName: "both", Keys: ["year", "Year"] } })));
    expect(twice).toBeInstanceOf(InvalidInputException);
    expect(twice.message).toContain("names a key more than once");
    aws.settle();
    const listed = (await glue.send(new GetPartitionIndexesCommand(V))).PartitionIndexDescriptorList!;
    expect(listed).toEqual([
      { IndexName: "by_region", Keys: [{ Name: "region", Type: "string" }], IndexStatus: "ACTIVE" },
      // The backfill reads the key whatever case the index named it in: "twenty" is not an int.
      { IndexName: "by_year", Keys: [{ Name: "year", Type: "int" }], IndexStatus: "FAILED", BackfillErrors: [{ Code: "INVALID_PARTITION_TYPE_DATA_ERROR", Partitions: [{ Values: ["twenty", "us"] }] }] },
    ]);
  });

  it("creates the indexes CreateTable names with the table", async () => {
    await createTable("sales", "events", ["day:date"], {}, { PartitionIndexes: [{ IndexName: "by_day", Keys: ["day"] }] });
    aws.settle();
    const listed = (await glue.send(new GetPartitionIndexesCommand({ DatabaseName: "sales", TableName: "events" }))).PartitionIndexDescriptorList!;
    expect(listed.map((i) => [i.IndexName, i.IndexStatus])).toEqual([["by_day", "ACTIVE"]]);
  });
});
