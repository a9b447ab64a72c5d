import { InvalidInputException, paginateSearchTables, SearchTablesCommand, UpdateTableCommand, type SearchTablesRequest } from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { collect, columns, createDatabase, createTable, glue } from "./helpers.js";

const search = async (request: SearchTablesRequest) => (await collect(paginateSearchTables({ client: glue, pageSize: 2 }, request), (page) => page.TableList)).items.map((t) => `${t.DatabaseName}.${t.Name}`);

describe("Glue SearchTables", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createDatabase("ops");
    await createTable("sales", "customer-link", [], { Description: "who bought what", Parameters: { classification: "csv" } });
    aws.clock.advance(1000);
    await createTable("sales", "xx-link-yy", [], { Parameters: { classification: "parquet" }, Owner: "zed" });
    aws.clock.advance(1000);
    await createTable("sales", "xxlinkyy", [], { StorageDescriptor: { Columns: columns("invoice_id:bigint"), Location: "s3://lake/invoices/" } });
    aws.clock.advance(1000);
    await createTable("ops", "deploys", [], { Owner: "amy", Parameters: { classification: "csv" } });
  });

  it("finds every table of every database, in database then name order, page by page", async () => {
    expect(await search({})).toEqual(["ops.deploys", "sales.customer-link", "sales.xx-link-yy", "sales.xxlinkyy"]);
  });

  it("matches Name filters on tokens, other keys on whole values, and parameters by key", async () => {
    expect(await search({ Filters: [{ Key: "Name", Value: "link" }] })).toEqual(["sales.customer-link", "sales.xx-link-yy"]);
    expect(await search({ Filters: [{ Key: "DatabaseName", Value: "OPS" }] })).toEqual(["ops.deploys"]);
    expect(await search({ Filters: [{ Key: "classification", Value: "csv" }] })).toEqual(["ops.deploys", "sales.customer-link"]);
    expect(await search({ Filters: [{ Key: "classification", Value: "csv" }, { Key: "DatabaseName", Value: "sales" }] })).toEqual(["sales.customer-link"]);
    expect(await search({ Filters: [{ Key: "Owner", Value: "amy" }] })).toEqual(["ops.deploys"]);
  });

  it("compares times with the Comparator", async () => {
    const all = await glue.send(new SearchTablesCommand({}));
    const third = all.TableList!.find((t) => t.Name === "xxlinkyy")!.CreateTime!;
    const at = String(third.getTime() / 1000);
    expect(await search({ Filters: [{ Key: "CreateTime", Value: at, Comparator: "GREATER_THAN_EQUALS" }] })).toEqual(["ops.deploys", "sales.xxlinkyy"]);
    expect(await search({ Filters: [{ Key: "CreateTime", Value: third.toISOString(), Comparator: "LESS_THAN" }] })).toEqual(["sales.customer-link", "sales.xx-link-yy"]);
    expect(await rejectionOf(search({ Filters: [{ Key: "UpdateTime", Value: "yesterday", Comparator: "LESS_THAN" }] }))).toBeInstanceOf(InvalidInputException);
  });

  it("searches text in names, descriptions, columns and parameters; a quoted text must match a value exactly", async () => {
    expect(await search({ SearchText: "bought" })).toEqual(["sales.customer-link"]);
    expect(await search({ SearchText: "invoice" })).toEqual(["sales.xxlinkyy"]);
    expect(await search({ SearchText: "link xx" })).toEqual(["sales.xx-link-yy", "sales.xxlinkyy"]);
    expect(await search({ SearchText: '"parquet"' })).toEqual(["sales.xx-link-yy"]);
    expect(await search({ SearchText: '"parq"' })).toEqual([]);
  });

  it("sorts by a field, ascending or descending, across pages", async () => {
    await glue.send(new UpdateTableCommand({ DatabaseName: "sales", TableInput: { Name: "customer-link", Description: "touched last" } }));
    expect(await search({ SortCriteria: [{ FieldName: "UpdateTime", Sort: "DESC" }] })).toEqual(["sales.customer-link", "ops.deploys", "sales.xxlinkyy", "sales.xx-link-yy"]);
    expect(await search({ SortCriteria: [{ FieldName: "Name", Sort: "ASC" }] })).toEqual(["sales.customer-link", "ops.deploys", "sales.xx-link-yy", "sales.xxlinkyy"]);
    expect(await rejectionOf(glue.send(new SearchTablesCommand({ SortCriteria: [{ FieldName: "Colour", Sort: "ASC" }] })))).toBeInstanceOf(InvalidInputException);
  });

  it("finds no shared (FOREIGN) tables: sharing is not modelled", async () => {
    expect(await search({ ResourceShareType: "FOREIGN" })).toEqual([]);
  });
});
