import {
  EntityNotFoundException,
  GetUnfilteredPartitionMetadataCommand,
  GetUnfilteredPartitionsMetadataCommand,
  GetUnfilteredTableMetadataCommand,
  InvalidInputException,
  paginateGetUnfilteredPartitionsMetadata,
} from "@aws-sdk/client-glue";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, addPartitions, collect, createDatabase, createTable, glue } from "./helpers.js";

const BASE = Object.freeze({ CatalogId: ACCOUNT, DatabaseName: "sales", SupportedPermissionTypes: ["COLUMN_PERMISSION" as const] });

describe("Glue Lake Formation reads (no permission model: everything is authorized)", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createTable("sales", "orders", ["year:int"]);
    await addPartitions("sales", "orders", [["2023"], ["2024"], ["2025"]]);
  });

  it("returns the table with every column authorized and nothing filtered", async () => {
    const out = await glue.send(new GetUnfilteredTableMetadataCommand({ ...BASE, Name: "orders", QuerySessionContext: { QueryId: "q1", QueryAuthorizationId: "auth-1" } }));
    expect(out.Table!.Name).toBe("orders");
    expect(out).toMatchObject({
      AuthorizedColumns: ["id", "amount", "year"],
      IsRegisteredWithLakeFormation: false,
      CellFilters: [],
      IsMultiDialectView: false,
      IsProtected: false,
      Permissions: ["ALL"],
      QueryAuthorizationId: "auth-1",
      ResourceArn: `arn:aws:glue:us-east-1:${ACCOUNT}:table/sales/orders`,
    });
    expect(out.RowFilter).toBeUndefined();
  });

  it("returns a partition, and pages partitions with an expression", async () => {
    const one = await glue.send(new GetUnfilteredPartitionMetadataCommand({ ...BASE, TableName: "orders", PartitionValues: ["2024"] }));
    expect(one).toMatchObject({ Partition: { Values: ["2024"] }, AuthorizedColumns: ["id", "amount", "year"], IsRegisteredWithLakeFormation: false });
    const many = await collect(paginateGetUnfilteredPartitionsMetadata({ client: glue, pageSize: 1 }, { ...BASE, SupportedPermissionTypes: [...BASE.SupportedPermissionTypes], TableName: "orders", Expression: "year >= 2024" }), (page) => page.UnfilteredPartitions);
    expect(many.items.map((p) => p.Partition!.Values)).toEqual([["2024"], ["2025"]]);
    expect(many.pages).toBe(2);
  });

  it("answers missing tables and partitions with EntityNotFound, bad expressions and permission types with InvalidInput", async () => {
    expect(await rejectionOf(glue.send(new GetUnfilteredTableMetadataCommand({ ...BASE, Name: "absent" })))).toBeInstanceOf(EntityNotFoundException);
    const partition = await rejectionOf(glue.send(new GetUnfilteredPartitionMetadataCommand({ ...BASE, TableName: "orders", PartitionValues: ["1999"] })));
    expect(partition).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetUnfilteredPartitionsMetadataCommand({ ...BASE, TableName: "orders", Expression: "year >" })))).toBeInstanceOf(InvalidInputException);
    const none = await rejectionOf(glue.send(new GetUnfilteredTableMetadataCommand({ ...BASE, Name: "orders", SupportedPermissionTypes: [] })));
    expect(none).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new GetUnfilteredTableMetadataCommand({ ...BASE, Name: "orders", Region: "not a region" })))).toBeInstanceOf(InvalidInputException);
  });

  it("reads another Region's catalog when Region names it", async () => {
    const far = await rejectionOf(glue.send(new GetUnfilteredTableMetadataCommand({ ...BASE, Name: "orders", Region: "eu-west-1" })));
    expect(far).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new GetUnfilteredTableMetadataCommand({ ...BASE, Name: "orders", Region: "us-east-1" }))).Table!.Name).toBe("orders");
  });
});
