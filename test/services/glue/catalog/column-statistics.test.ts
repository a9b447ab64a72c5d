import {
  AlreadyExistsException,
  ColumnStatisticsTaskNotRunningException,
  ColumnStatisticsTaskRunningException,
  ColumnStatisticsTaskStoppingException,
  CreateColumnStatisticsTaskSettingsCommand,
  DeleteColumnStatisticsForPartitionCommand,
  DeleteColumnStatisticsForTableCommand,
  DeleteColumnStatisticsTaskSettingsCommand,
  EntityNotFoundException,
  GetColumnStatisticsForPartitionCommand,
  GetColumnStatisticsForTableCommand,
  GetColumnStatisticsTaskRunCommand,
  GetColumnStatisticsTaskRunsCommand,
  GetColumnStatisticsTaskSettingsCommand,
  InvalidInputException,
  paginateGetColumnStatisticsTaskRuns,
  paginateListColumnStatisticsTaskRuns,
  StartColumnStatisticsTaskRunCommand,
  StartColumnStatisticsTaskRunScheduleCommand,
  StopColumnStatisticsTaskRunCommand,
  StopColumnStatisticsTaskRunScheduleCommand,
  UpdateColumnStatisticsForPartitionCommand,
  UpdateColumnStatisticsForTableCommand,
  UpdateColumnStatisticsTaskSettingsCommand,
  type ColumnStatistics,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { registerColumnStatistics } from "aws-doubles/glue";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, addPartitions, collect, createDatabase, createTable, glue, pollUntil, ROLE } from "./helpers.js";

const T = Object.freeze({ DatabaseName: "sales", TableName: "orders" });
const AT = new Date("2026-01-01T00:00:00Z");
const longStats = (ColumnName: string, distinct = 10): ColumnStatistics => ({
  ColumnName,
  ColumnType: "bigint",
  AnalyzedTime: AT,
  StatisticsData: { Type: "LONG", LongColumnStatisticsData: { MinimumValue: 1, MaximumValue: 99, NumberOfNulls: 0, NumberOfDistinctValues: distinct } },
});

describe("Glue column statistics", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createTable("sales", "orders", ["year:int"]);
  });

  it("stores, reads and deletes table statistics, with an error per column it cannot store or find", async () => {
    const { Errors } = await glue.send(
      new UpdateColumnStatisticsForTableCommand({
        ...T,
        ColumnStatisticsList: [
          longStats("ID"),
          longStats("nope"),
          { ColumnName: "amount", ColumnType: "double", AnalyzedTime: AT, StatisticsData: { Type: "DOUBLE", LongColumnStatisticsData: { NumberOfNulls: 0, NumberOfDistinctValues: 1 } } },
        ],
      }),
    );
    expect(Errors!.map((e) => [e.ColumnStatistics!.ColumnName, e.Error!.ErrorCode])).toEqual([
      ["nope", "EntityNotFoundException"],
      ["amount", "InvalidInputException"],
    ]);
    const read = await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["id", "amount", "ghost"] }));
    expect(read.ColumnStatisticsList).toEqual([{ ...longStats("id") }]);
    expect(read.Errors!.map((e) => [e.ColumnName, e.Error!.ErrorCode, e.Error!.ErrorMessage])).toEqual([
      ["amount", "EntityNotFoundException", "No statistics for column amount."],
      ["ghost", "EntityNotFoundException", "Column ghost not found in table orders."],
    ]);
    await glue.send(new DeleteColumnStatisticsForTableCommand({ ...T, ColumnName: "id" }));
    expect((await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["id"] }))).ColumnStatisticsList).toEqual([]);
    expect(await rejectionOf(glue.send(new DeleteColumnStatisticsForTableCommand({ ...T, ColumnName: "id" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetColumnStatisticsForTableCommand({ DatabaseName: "sales", TableName: "absent", ColumnNames: ["id"] })))).toBeInstanceOf(EntityNotFoundException);
    const tooMany = await rejectionOf(glue.send(new UpdateColumnStatisticsForTableCommand({ ...T, ColumnStatisticsList: Array.from({ length: 26 }, () => longStats("id")) })));
    expect(tooMany).toBeInstanceOf(InvalidInputException);
  });

  it("keeps partition statistics per partition", async () => {
    await addPartitions("sales", "orders", [["2024"], ["2025"]]);
    await glue.send(new UpdateColumnStatisticsForPartitionCommand({ ...T, PartitionValues: ["2024"], ColumnStatisticsList: [longStats("id", 7)] }));
    const read = await glue.send(new GetColumnStatisticsForPartitionCommand({ ...T, PartitionValues: ["2024"], ColumnNames: ["id"] }));
    expect(read.ColumnStatisticsList![0]!.StatisticsData!.LongColumnStatisticsData!.NumberOfDistinctValues).toBe(7);
    expect((await glue.send(new GetColumnStatisticsForPartitionCommand({ ...T, PartitionValues: ["2025"], ColumnNames: ["id"] }))).ColumnStatisticsList).toEqual([]);
    await glue.send(new DeleteColumnStatisticsForPartitionCommand({ ...T, PartitionValues: ["2024"], ColumnName: "id" }));
    expect(await rejectionOf(glue.send(new DeleteColumnStatisticsForPartitionCommand({ ...T, PartitionValues: ["2024"], ColumnName: "id" })))).toBeInstanceOf(EntityNotFoundException);
    const missing = await rejectionOf(glue.send(new GetColumnStatisticsForPartitionCommand({ ...T, PartitionValues: ["1999"], ColumnNames: ["id"] })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe("Cannot find partition.");
  });
});

describe("Glue column statistics task runs", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createTable("sales", "orders");
  });

  const run = async (ColumnStatisticsTaskRunId: string) => (await glue.send(new GetColumnStatisticsTaskRunCommand({ ColumnStatisticsTaskRunId }))).ColumnStatisticsTaskRun!;

  it("runs STARTING → RUNNING → SUCCEEDED and stores what the registered result computes", async () => {
    registerColumnStatistics("sales.orders", (request) => request.Columns.map((column) => ({ ...longStats(column.Name!), AnalyzedTime: undefined })));
    const { ColumnStatisticsTaskRunId } = await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE, ColumnNameList: ["id"], SampleSize: 50 }));
    const first = await run(ColumnStatisticsTaskRunId!);
    expect(first).toMatchObject({ CustomerId: ACCOUNT, DatabaseName: "sales", TableName: "orders", ColumnNameList: ["id"], Role: ROLE, SampleSize: 50, Status: "STARTING", CatalogID: ACCOUNT });
    const { value } = await pollUntil(() => run(ColumnStatisticsTaskRunId!), (r) => r.Status === "SUCCEEDED");
    expect(value.EndTime).toBeInstanceOf(Date);
    const stored = await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["id"] }));
    expect(stored.ColumnStatisticsList![0]!.AnalyzedTime).toEqual(value.EndTime);
  });

  it("stores a result for more columns than one UpdateColumnStatisticsForTable call carries (25)", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `c${i}`);
    await createTable("sales", "wide", [], { StorageDescriptor: { Columns: names.map((Name) => ({ Name, Type: "bigint" })), Location: "s3://lake/sales/wide/" } });
    registerColumnStatistics("sales.wide", (request) => request.Columns.map((column) => ({ ...longStats(column.Name!), AnalyzedTime: undefined })));
    const { ColumnStatisticsTaskRunId } = await glue.send(new StartColumnStatisticsTaskRunCommand({ DatabaseName: "sales", TableName: "wide", Role: ROLE }));
    const { value } = await pollUntil(() => run(ColumnStatisticsTaskRunId!), (r) => r.Status !== "STARTING" && r.Status !== "RUNNING");
    expect(value).toMatchObject({ Status: "SUCCEEDED" });
    const stored = await glue.send(new GetColumnStatisticsForTableCommand({ DatabaseName: "sales", TableName: "wide", ColumnNames: names.slice(25) }));
    expect(stored.ColumnStatisticsList!.map((statistic) => statistic.ColumnName).sort()).toEqual(names.slice(25).sort());
  });

  it("succeeds storing nothing without a registered result, and fails when the result throws", async () => {
    const { ColumnStatisticsTaskRunId: quiet } = await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE }));
    aws.settle();
    expect((await run(quiet!)).Status).toBe("SUCCEEDED");
    expect((await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["id", "amount"] }))).ColumnStatisticsList).toEqual([]);
    registerColumnStatistics("*", () => {
      throw new Error("S3 access denied");
    });
    const { ColumnStatisticsTaskRunId: failing } = await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE }));
    aws.settle();
    expect(await run(failing!)).toMatchObject({ Status: "FAILED", ErrorMessage: "S3 access denied" });
  });

  it("fails a run whose registered result is not a list of statistics, and stores none of it", async () => {
    const malformed: Array<[string, unknown]> = [
      ["no ColumnName", { ColumnType: "bigint", StatisticsData: longStats("id").StatisticsData }],
      ["a ColumnName that is not text", { ColumnName: 7, ColumnType: "bigint", StatisticsData: longStats("id").StatisticsData }],
      ["StatisticsData not an object", { ColumnName: "id", ColumnType: "bigint", StatisticsData: "LONG" }],
      ["not an object", null],
    ];
    for (const [what, bad] of malformed) {
      registerColumnStatistics("sales.orders", [longStats("amount"), bad] as ColumnStatistics[]);
      const { ColumnStatisticsTaskRunId } = await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE }));
      aws.settle();
      const ended = await run(ColumnStatisticsTaskRunId!);
      expect(ended.Status, what).toBe("FAILED");
      expect(ended.ErrorMessage, what).toMatch(/^The Glue column statistics result for sales\.orders: /);
    }
    expect((await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["amount"] }))).ColumnStatisticsList).toEqual([]);
  });

  it("fails a run whose registered statistics have members of the wrong type or value, and stores none of them", async () => {
    const data = longStats("id").StatisticsData!;
    const malformed: Array<[string, unknown]> = [
      ["an AnalyzedTime that is not a date", { ...longStats("id"), AnalyzedTime: "last tuesday" }],
      ["a data member that is not an object", { ColumnName: "id", ColumnType: "bigint", StatisticsData: { Type: "LONG", LongColumnStatisticsData: "many" } }],
      ["a count that is not a number", { ColumnName: "id", ColumnType: "bigint", StatisticsData: { Type: "LONG", LongColumnStatisticsData: { ...data.LongColumnStatisticsData, NumberOfNulls: "none" } } }],
      ["a negative count", { ColumnName: "id", ColumnType: "bigint", StatisticsData: { Type: "LONG", LongColumnStatisticsData: { ...data.LongColumnStatisticsData, NumberOfNulls: -1 } } }],
      ["a Type that is not a statistics type", { ColumnName: "id", ColumnType: "bigint", StatisticsData: { ...data, Type: "toString" } }],
    ];
    for (const [what, bad] of malformed) {
      registerColumnStatistics("sales.orders", [bad] as ColumnStatistics[]);
      const { ColumnStatisticsTaskRunId } = await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE }));
      aws.settle();
      const ended = await run(ColumnStatisticsTaskRunId!);
      expect(ended.Status, what).toBe("FAILED");
      expect(ended.ErrorMessage, what).toMatch(/^The Glue column statistics result for sales\.orders: 1 validation error detected: /);
      // Nothing was stored, so reading the column's statistics answers (rather than failing to parse what was stored).
      expect((await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["id"] }))).ColumnStatisticsList, what).toEqual([]);
    }
  });

  it("fails a run whose result names a column the table lacks, one the run was not asked for, or one twice, and stores none of it", async () => {
    const wrong: Array<[string, ColumnStatistics[], string]> = [
      ["a column the table lacks", [longStats("id"), longStats("discount")], "Column discount not found in table orders."],
      ["a column the run was not asked for", [longStats("id"), longStats("amount")], "the statistic of column amount is not for a column this run computes (id)."],
      ["a column twice", [longStats("id"), longStats("ID", 3)], "column ID has two statistics: a run computes one per column."],
    ];
    for (const [what, answer, problem] of wrong) {
      registerColumnStatistics("sales.orders", answer);
      const { ColumnStatisticsTaskRunId } = await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE, ColumnNameList: ["id"] }));
      aws.settle();
      expect(await run(ColumnStatisticsTaskRunId!), what).toMatchObject({ Status: "FAILED", ErrorMessage: `The Glue column statistics result for sales.orders: ${problem}` });
    }
    expect((await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["id", "amount"] }))).ColumnStatisticsList).toEqual([]);
  });

  it("stores a copy of the registered result: changing the answer afterwards changes nothing stored", async () => {
    const answer = [longStats("id", 5)];
    registerColumnStatistics("sales.orders", answer);
    await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE }));
    aws.settle();
    answer[0]!.StatisticsData!.LongColumnStatisticsData!.NumberOfDistinctValues = 99;
    const stored = await glue.send(new GetColumnStatisticsForTableCommand({ ...T, ColumnNames: ["id"] }));
    expect(stored.ColumnStatisticsList![0]!.StatisticsData!.LongColumnStatisticsData!.NumberOfDistinctValues).toBe(5);
  });

  it("runs one at a time per table; stopping reads RUNNING until STOPPED", async () => {
    aws.configure({ transitions: "manual" });
    const { ColumnStatisticsTaskRunId } = await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE }));
    expect(await rejectionOf(glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE })))).toBeInstanceOf(ColumnStatisticsTaskRunningException);
    await glue.send(new StopColumnStatisticsTaskRunCommand(T));
    expect((await run(ColumnStatisticsTaskRunId!)).Status).toBe("RUNNING");
    expect(await rejectionOf(glue.send(new StopColumnStatisticsTaskRunCommand(T)))).toBeInstanceOf(ColumnStatisticsTaskStoppingException);
    aws.step();
    expect((await run(ColumnStatisticsTaskRunId!)).Status).toBe("STOPPED");
    expect(await rejectionOf(glue.send(new StopColumnStatisticsTaskRunCommand(T)))).toBeInstanceOf(ColumnStatisticsTaskNotRunningException);
  });

  it("refuses unknown columns and tables, and unknown run ids", async () => {
    const unknown = await rejectionOf(glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE, ColumnNameList: ["ghost"] })));
    expect(unknown).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new StartColumnStatisticsTaskRunCommand({ DatabaseName: "sales", TableName: "absent", Role: ROLE })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(run("no-such-run"))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE, SampleSize: 101 })))).toBeInstanceOf(InvalidInputException);
  });

  it("lists a table's runs and the account's run ids, newest first, with the SDK paginators", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await glue.send(new StartColumnStatisticsTaskRunCommand({ ...T, Role: ROLE }))).ColumnStatisticsTaskRunId!);
      aws.settle();
    }
    const runs = await collect(paginateGetColumnStatisticsTaskRuns({ client: glue, pageSize: 2 }, { ...T }), (page) => page.ColumnStatisticsTaskRuns);
    expect(runs.items.map((r) => r.ColumnStatisticsTaskRunId)).toEqual([...ids].reverse());
    const listed = await collect(paginateListColumnStatisticsTaskRuns({ client: glue, pageSize: 2 }, {}), (page) => page.ColumnStatisticsTaskRunIds);
    expect(listed.items).toEqual([...ids].reverse());
    expect((await glue.send(new GetColumnStatisticsTaskRunsCommand({ DatabaseName: "sales", TableName: "absent" }))).ColumnStatisticsTaskRuns).toEqual([]);
  });
});

describe("Glue column statistics task settings and schedules", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createTable("sales", "orders");
  });

  const settings = async () => (await glue.send(new GetColumnStatisticsTaskSettingsCommand(T))).ColumnStatisticsTaskSettings!;

  it("creates, updates and deletes settings", async () => {
    await glue.send(new CreateColumnStatisticsTaskSettingsCommand({ ...T, Role: ROLE, Schedule: "cron(0 3 * * ? *)", ColumnNameList: ["id"], SampleSize: 20 }));
    expect(await settings()).toMatchObject({
      DatabaseName: "sales",
      TableName: "orders",
      Role: ROLE,
      Schedule: { ScheduleExpression: "cron(0 3 * * ? *)", State: "SCHEDULED" },
      ColumnNameList: ["id"],
      SampleSize: 20,
      ScheduleType: "CRON",
      SettingSource: "TABLE",
      CatalogID: ACCOUNT,
    });
    expect(await rejectionOf(glue.send(new CreateColumnStatisticsTaskSettingsCommand({ ...T, Role: ROLE })))).toBeInstanceOf(AlreadyExistsException);
    await glue.send(new UpdateColumnStatisticsTaskSettingsCommand({ ...T, SampleSize: 80 }));
    expect(await settings()).toMatchObject({ SampleSize: 80, Role: ROLE, ColumnNameList: ["id"] });
    const badCron = await rejectionOf(glue.send(new UpdateColumnStatisticsTaskSettingsCommand({ ...T, Schedule: "cron(0 3 * * * *)" })));
    expect(badCron).toBeInstanceOf(InvalidInputException);
    await glue.send(new DeleteColumnStatisticsTaskSettingsCommand(T));
    expect(await rejectionOf(settings())).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteColumnStatisticsTaskSettingsCommand(T)))).toBeInstanceOf(EntityNotFoundException);
  });

  it("starts a run each time the schedule comes due on the virtual clock, until stopped", async () => {
    await glue.send(new CreateColumnStatisticsTaskSettingsCommand({ ...T, Role: ROLE, Schedule: "cron(0 * * * ? *)" }));
    const runs = async () => (await glue.send(new GetColumnStatisticsTaskRunsCommand(T))).ColumnStatisticsTaskRuns!;
    expect(await runs()).toEqual([]);
    aws.clock.advance(60 * 60 * 1000);
    const fired = await runs();
    expect(fired).toHaveLength(1);
    const attempt = (await settings()).LastExecutionAttempt!;
    expect(attempt).toMatchObject({ Status: "STARTED", ColumnStatisticsTaskRunId: fired[0]!.ColumnStatisticsTaskRunId });
    aws.settle();
    await glue.send(new StopColumnStatisticsTaskRunScheduleCommand(T));
    expect((await settings()).Schedule!.State).toBe("NOT_SCHEDULED");
    aws.clock.advance(3 * 60 * 60 * 1000);
    expect(await runs()).toHaveLength(1);
    await glue.send(new StartColumnStatisticsTaskRunScheduleCommand(T));
    expect((await settings()).Schedule!.State).toBe("SCHEDULED");
    aws.clock.advance(60 * 60 * 1000);
    expect(await runs()).toHaveLength(2);
  });

  it("refuses to start a schedule the settings do not have, and schedules of tables without settings", async () => {
    await glue.send(new CreateColumnStatisticsTaskSettingsCommand({ ...T, Role: ROLE }));
    expect((await settings()).ScheduleType).toBe("AUTO");
    expect(await rejectionOf(glue.send(new StartColumnStatisticsTaskRunScheduleCommand(T)))).toBeInstanceOf(InvalidInputException);
    await createTable("sales", "bare");
    expect(await rejectionOf(glue.send(new StopColumnStatisticsTaskRunScheduleCommand({ DatabaseName: "sales", TableName: "bare" })))).toBeInstanceOf(EntityNotFoundException);
  });
});
