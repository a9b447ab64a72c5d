import {
  AlreadyExistsException,
  BatchGetTableOptimizerCommand,
  CreateTableCommand,
  CreateTableOptimizerCommand,
  DeleteTableOptimizerCommand,
  EntityNotFoundException,
  GetTableOptimizerCommand,
  InvalidInputException,
  ListTableOptimizerRunsCommand,
  paginateListTableOptimizerRuns,
  UpdateTableOptimizerCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, collect, columns, createDatabase, createTable, glue, pollUntil, ROLE } from "./helpers.js";

const T = Object.freeze({ CatalogId: ACCOUNT, DatabaseName: "lake", TableName: "events" });
const DAY = 24 * 60 * 60 * 1000;
const optimizer = async (Type: "compaction" | "retention" | "orphan_file_deletion" = "compaction") =>
  (await glue.send(new GetTableOptimizerCommand({ ...T, Type }))).TableOptimizer!;

describe("Glue table optimizers", () => {
  beforeEach(async () => {
    await createDatabase("lake");
    await glue.send(
      new CreateTableCommand({
        DatabaseName: "lake",
        TableInput: { Name: "events", StorageDescriptor: { Location: "s3://lake/events/", Columns: columns("id:bigint") } },
        OpenTableFormatInput: { IcebergInput: { MetadataOperation: "CREATE" } },
      }),
    );
  });

  it("runs an enabled optimizer when created: starting → in_progress → completed, with its metrics", async () => {
    await glue.send(new CreateTableOptimizerCommand({ ...T, Type: "compaction", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true } }));
    const first = await optimizer();
    expect(first).toMatchObject({ type: "compaction", configuration: { roleArn: ROLE, enabled: true }, lastRun: { eventType: "starting" } });
    const { value } = await pollUntil(optimizer, (o) => o.lastRun!.eventType === "completed");
    expect(value.lastRun!.compactionMetrics!.IcebergMetrics).toMatchObject({ NumberOfBytesCompacted: 0, NumberOfFilesCompacted: 0 });
    expect(value.lastRun!.endTimestamp).toBeInstanceOf(Date);
  });

  it("runs again each day of virtual time while enabled, and not once disabled", async () => {
    await glue.send(new CreateTableOptimizerCommand({ ...T, Type: "retention", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true, retentionConfiguration: { icebergConfiguration: { snapshotRetentionPeriodInDays: 5 } } } }));
    aws.settle();
    aws.clock.advance(DAY);
    const runs = async () => (await glue.send(new ListTableOptimizerRunsCommand({ ...T, Type: "retention" }))).TableOptimizerRuns!;
    expect(await runs()).toHaveLength(2);
    aws.settle();
    expect((await runs())[1]!.retentionMetrics!.IcebergMetrics).toMatchObject({ NumberOfDataFilesDeleted: 0 });
    await glue.send(new UpdateTableOptimizerCommand({ ...T, Type: "retention", TableOptimizerConfiguration: { roleArn: ROLE, enabled: false } }));
    aws.clock.advance(3 * DAY);
    expect(await runs()).toHaveLength(2);
    await glue.send(new UpdateTableOptimizerCommand({ ...T, Type: "retention", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true } }));
    expect(await runs()).toHaveLength(3);
    const paged = await collect(paginateListTableOptimizerRuns({ client: glue, pageSize: 2 }, { ...T, Type: "retention" }), (page) => page.TableOptimizerRuns);
    expect(paged.items).toHaveLength(3);
    expect(paged.pages).toBe(2);
  });

  it("reports a failed run made with a lifecycle rule", async () => {
    aws.lifecycle("Glue.TableOptimizerRun", { Type: "orphan_file_deletion" }).endsIn("failed", { message: "Access denied to s3://lake/events/" });
    await glue.send(new CreateTableOptimizerCommand({ ...T, Type: "orphan_file_deletion", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true } }));
    aws.settle();
    expect((await optimizer("orphan_file_deletion")).lastRun).toMatchObject({ eventType: "failed", error: "Access denied to s3://lake/events/" });
  });

  it("refuses non-Iceberg tables, duplicates, a missing role and missing optimizers", async () => {
    await createTable("lake", "plain");
    const plain = await rejectionOf(glue.send(new CreateTableOptimizerCommand({ ...T, TableName: "plain", Type: "compaction", TableOptimizerConfiguration: { roleArn: ROLE, enabled: true } })));
    expect(plain).toBeInstanceOf(InvalidInputException);
    expect(plain.message).toContain("not an Iceberg table");
    await glue.send(new CreateTableOptimizerCommand({ ...T, Type: "compaction", TableOptimizerConfiguration: { roleArn: ROLE, enabled: false } }));
    expect(await rejectionOf(glue.send(new CreateTableOptimizerCommand({ ...T, Type: "compaction", TableOptimizerConfiguration: { roleArn: ROLE } })))).toBeInstanceOf(AlreadyExistsException);
    expect(await rejectionOf(glue.send(new CreateTableOptimizerCommand({ ...T, Type: "retention", TableOptimizerConfiguration: { enabled: true } })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(optimizer("retention"))).toBeInstanceOf(EntityNotFoundException);
    expect((await optimizer()).lastRun).toBeUndefined();
    await glue.send(new DeleteTableOptimizerCommand({ ...T, Type: "compaction" }));
    expect(await rejectionOf(optimizer())).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteTableOptimizerCommand({ ...T, Type: "compaction" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new ListTableOptimizerRunsCommand({ ...T, Type: "compaction" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("gets optimizers in a batch, with a failure per entry it cannot find", async () => {
    await glue.send(new CreateTableOptimizerCommand({ ...T, Type: "compaction", TableOptimizerConfiguration: { roleArn: ROLE, enabled: false } }));
    const { TableOptimizers, Failures } = await glue.send(
      new BatchGetTableOptimizerCommand({
        Entries: [
          { catalogId: ACCOUNT, databaseName: "lake", tableName: "events", type: "compaction" },
          { catalogId: ACCOUNT, databaseName: "lake", tableName: "events", type: "retention" },
          { catalogId: ACCOUNT, databaseName: "absent", tableName: "events", type: "compaction" },
        ],
      }),
    );
    expect(TableOptimizers!.map((o) => [o.tableName, o.tableOptimizer!.type])).toEqual([["events", "compaction"]]);
    expect(Failures!.map((f) => [f.databaseName, f.type, f.error!.ErrorCode])).toEqual([
      ["lake", "retention", "EntityNotFoundException"],
      ["absent", "compaction", "EntityNotFoundException"],
    ]);
  });
});
