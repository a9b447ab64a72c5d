import {
  CreateTableCommand,
  EntityNotFoundException,
  GetMaterializedViewRefreshTaskRunCommand,
  GetTableCommand,
  InvalidInputException,
  ListMaterializedViewRefreshTaskRunsCommand,
  MaterializedViewRefreshTaskNotRunningException,
  MaterializedViewRefreshTaskRunningException,
  MaterializedViewRefreshTaskStoppingException,
  paginateListMaterializedViewRefreshTaskRuns,
  StartMaterializedViewRefreshTaskRunCommand,
  StopMaterializedViewRefreshTaskRunCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, collect, createDatabase, createTable, glue, pollUntil } from "./helpers.js";

const V = Object.freeze({ CatalogId: ACCOUNT, DatabaseName: "bi", TableName: "daily_sales" });
const run = async (MaterializedViewRefreshTaskRunId: string) =>
  (await glue.send(new GetMaterializedViewRefreshTaskRunCommand({ CatalogId: ACCOUNT, MaterializedViewRefreshTaskRunId }))).MaterializedViewRefreshTaskRun!;

describe("Glue materialized view refresh task runs", () => {
  beforeEach(async () => {
    await createDatabase("bi");
    await glue.send(
      new CreateTableCommand({
        DatabaseName: "bi",
        TableInput: {
          Name: "daily_sales",
          TableType: "VIRTUAL_VIEW",
          ViewDefinition: { IsManaged: true, RefreshSeconds: 3600, Representations: [{ Dialect: "SPARK", DialectVersion: "3.5", ViewOriginalText: "SELECT day, sum(amount) FROM sales GROUP BY day" }] },
        },
      }),
    );
  });

  it("refreshes a materialized view: STARTING → RUNNING → SUCCEEDED, recording the refresh type", async () => {
    expect((await glue.send(new GetTableCommand({ DatabaseName: "bi", Name: "daily_sales" }))).Table!.IsMaterializedView).toBe(true);
    const { MaterializedViewRefreshTaskRunId } = await glue.send(new StartMaterializedViewRefreshTaskRunCommand({ ...V, FullRefresh: true }));
    expect(await run(MaterializedViewRefreshTaskRunId!)).toMatchObject({ Status: "STARTING", RefreshType: "FULL", DatabaseName: "bi", TableName: "daily_sales", CatalogId: ACCOUNT, CustomerId: ACCOUNT });
    const { value } = await pollUntil(() => run(MaterializedViewRefreshTaskRunId!), (r) => r.Status === "SUCCEEDED");
    expect(value.EndTime).toBeInstanceOf(Date);
    expect(value.ProcessedBytes).toBe(0);
    expect((await glue.send(new GetTableCommand({ DatabaseName: "bi", Name: "daily_sales" }))).Table!.ViewDefinition!.LastRefreshType).toBe("FULL");
  });

  it("refreshes one at a time; a stopped run reads RUNNING until STOPPED", async () => {
    aws.configure({ transitions: "manual" });
    const { MaterializedViewRefreshTaskRunId } = await glue.send(new StartMaterializedViewRefreshTaskRunCommand(V));
    expect(await rejectionOf(glue.send(new StartMaterializedViewRefreshTaskRunCommand(V)))).toBeInstanceOf(MaterializedViewRefreshTaskRunningException);
    await glue.send(new StopMaterializedViewRefreshTaskRunCommand(V));
    expect((await run(MaterializedViewRefreshTaskRunId!)).Status).toBe("RUNNING");
    expect(await rejectionOf(glue.send(new StopMaterializedViewRefreshTaskRunCommand(V)))).toBeInstanceOf(MaterializedViewRefreshTaskStoppingException);
    aws.step();
    expect((await run(MaterializedViewRefreshTaskRunId!)).Status).toBe("STOPPED");
    expect(await rejectionOf(glue.send(new StopMaterializedViewRefreshTaskRunCommand(V)))).toBeInstanceOf(MaterializedViewRefreshTaskNotRunningException);
  });

  it("refuses tables that are not materialized views, and unknown runs", async () => {
    await createTable("bi", "plain");
    const plain = await rejectionOf(glue.send(new StartMaterializedViewRefreshTaskRunCommand({ ...V, TableName: "plain" })));
    expect(plain).toBeInstanceOf(InvalidInputException);
    expect(plain.message).toContain("not a materialized view");
    expect(await rejectionOf(glue.send(new StartMaterializedViewRefreshTaskRunCommand({ ...V, TableName: "absent" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(run("nope"))).toBeInstanceOf(EntityNotFoundException);
    // CatalogId is required by the current API, although the SDK lets it be left out.
    const noCatalog = await rejectionOf(glue.send(new StartMaterializedViewRefreshTaskRunCommand({ DatabaseName: "bi", TableName: "daily_sales" } as never)));
    expect(noCatalog).toBeInstanceOf(InvalidInputException);
    expect(noCatalog.message).toContain("'catalogId'");
  });

  it("lists runs newest first, by view, with the SDK paginator; a failed run carries its message", async () => {
    aws.lifecycle("Glue.MaterializedViewRefreshTaskRun").endsIn("FAILED", { message: "source table dropped", times: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await glue.send(new StartMaterializedViewRefreshTaskRunCommand(V))).MaterializedViewRefreshTaskRunId!);
      aws.settle();
    }
    const listed = await collect(paginateListMaterializedViewRefreshTaskRuns({ client: glue, pageSize: 2 }, { ...V }), (page) => page.MaterializedViewRefreshTaskRuns);
    expect(listed.items.map((r) => r.MaterializedViewRefreshTaskRunId)).toEqual([...ids].reverse());
    expect(listed.items.map((r) => r.Status)).toEqual(["SUCCEEDED", "SUCCEEDED", "FAILED"]);
    expect(listed.items[2]!.ErrorMessage).toBe("source table dropped");
    expect((await glue.send(new ListMaterializedViewRefreshTaskRunsCommand({ CatalogId: ACCOUNT, TableName: "other" }))).MaterializedViewRefreshTaskRuns).toEqual([]);
  });

  it.each([
    ["StartMaterializedViewRefreshTaskRun", StartMaterializedViewRefreshTaskRunCommand, { ...V }, ["CatalogId", "DatabaseName", "TableName"]],
    ["StopMaterializedViewRefreshTaskRun", StopMaterializedViewRefreshTaskRunCommand, { ...V }, ["CatalogId", "DatabaseName", "TableName"]],
    ["GetMaterializedViewRefreshTaskRun", GetMaterializedViewRefreshTaskRunCommand, { CatalogId: ACCOUNT, MaterializedViewRefreshTaskRunId: "r" }, ["CatalogId", "MaterializedViewRefreshTaskRunId"]],
    ["ListMaterializedViewRefreshTaskRuns", ListMaterializedViewRefreshTaskRunsCommand, { CatalogId: ACCOUNT }, ["CatalogId"]],
  ] as const)("%s (newer than the shared model) requires %s's members of the current API", async (_name, Command, valid, requiredMembers) => {
    for (const member of requiredMembers) {
      const input: Record<string, unknown> = { ...valid };
      delete input[member];
      const error = await rejectionOf(glue.send(new (Command as new (input: unknown) => StartMaterializedViewRefreshTaskRunCommand)(input)));
      expect(error, member).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain(`'${member.charAt(0).toLowerCase()}${member.slice(1)}'`);
    }
  });
});
