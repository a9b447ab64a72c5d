import {
  AlreadyExistsException,
  CreateDatabaseCommand,
  CreateUserDefinedFunctionCommand,
  DeleteDatabaseCommand,
  EntityNotFoundException,
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetUserDefinedFunctionsCommand,
  GlueClient,
  InvalidInputException,
  paginateGetDatabases,
  UpdateDatabaseCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, addPartitions, collect, createDatabase, createTable, glue } from "./helpers.js";

const database = async (Name: string, CatalogId?: string) => (await glue.send(new GetDatabaseCommand({ Name, CatalogId }))).Database!;

describe("Glue Data Catalog databases", () => {
  it("creates a database whose name is folded to lower case, with Lake Formation's default permissions", async () => {
    await createDatabase("Sales", { DatabaseInput: { Name: "Sales", Description: "orders and refunds", LocationUri: "s3://lake/sales/", Parameters: { owner: "team-a" } } });
    const db = await database("SALES");
    expect(db).toMatchObject({
      Name: "sales",
      Description: "orders and refunds",
      LocationUri: "s3://lake/sales/",
      Parameters: { owner: "team-a" },
      CatalogId: ACCOUNT,
      CreateTableDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" }, Permissions: ["ALL"] }],
    });
    expect(db.CreateTime).toBeInstanceOf(Date);
    expect(await database("sales")).toEqual(db);
  });

  it("refuses a duplicate (in any case) and a missing database with AWS's errors", async () => {
    await createDatabase("raw");
    const duplicate = await rejectionOf(createDatabase("RAW"));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    expect(duplicate.message).toBe("Database already exists.");
    const missing = await rejectionOf(database("absent"));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe("Database absent not found.");
    expect(await rejectionOf(glue.send(new DeleteDatabaseCommand({ Name: "absent" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new UpdateDatabaseCommand({ Name: "absent", DatabaseInput: { Name: "absent" } })))).toBeInstanceOf(EntityNotFoundException);
    const badName = await rejectionOf(createDatabase("a\nb"));
    expect(badName).toBeInstanceOf(InvalidInputException);
    expect(badName.message).toContain("at 'databaseInput.name' failed to satisfy constraint");
  });

  it("updates a database by replacing its definition, and refuses a rename", async () => {
    await createDatabase("raw", { DatabaseInput: { Name: "raw", Description: "before", Parameters: { a: "1" } } });
    const created = await database("raw");
    await glue.send(new UpdateDatabaseCommand({ Name: "RAW", DatabaseInput: { Name: "raw", Description: "after" } }));
    const updated = await database("raw");
    expect(updated.Description).toBe("after");
    expect(updated.Parameters).toEqual({});
    expect(updated.CreateTime).toEqual(created.CreateTime);
    const rename = await rejectionOf(glue.send(new UpdateDatabaseCommand({ Name: "raw", DatabaseInput: { Name: "curated" } })));
    expect(rename).toBeInstanceOf(InvalidInputException);
    expect(rename.message).toContain("cannot be renamed");
  });

  it("lists databases in name order with the SDK paginator, and keeps only names with AttributesToGet", async () => {
    for (const name of ["d3", "d1", "d5", "d2", "d4"]) await createDatabase(name);
    const all = await collect(paginateGetDatabases({ client: glue, pageSize: 2 }, {}), (page) => page.DatabaseList);
    expect(all.items.map((db) => db.Name)).toEqual(["d1", "d2", "d3", "d4", "d5"]);
    expect(all.pages).toBe(3);
    const names = await glue.send(new GetDatabasesCommand({ AttributesToGet: ["NAME"] }));
    expect(names.DatabaseList![0]).toEqual({ Name: "d1" });
    const withoutName = await rejectionOf(glue.send(new GetDatabasesCommand({ AttributesToGet: ["TARGET_DATABASE"] })));
    expect(withoutName).toBeInstanceOf(InvalidInputException);
  });

  it("filters by ResourceShareType: federated databases, and no foreign ones (sharing is not modelled)", async () => {
    await createDatabase("local");
    await createDatabase("fed", { DatabaseInput: { Name: "fed", FederatedDatabase: { Identifier: "arn:aws:redshift:us-east-1:123456789012:datashare:x/y", ConnectionName: "aws:redshift" } } });
    expect((await glue.send(new GetDatabasesCommand({ ResourceShareType: "FEDERATED" }))).DatabaseList!.map((d) => d.Name)).toEqual(["fed"]);
    expect((await glue.send(new GetDatabasesCommand({ ResourceShareType: "FOREIGN" }))).DatabaseList).toEqual([]);
    expect((await glue.send(new GetDatabasesCommand({ ResourceShareType: "ALL" }))).DatabaseList!.map((d) => d.Name)).toEqual(["fed", "local"]);
  });

  it("deletes a database with its tables, partitions and functions", async () => {
    await createDatabase("sales");
    await createTable("sales", "orders", ["year:int"]);
    await addPartitions("sales", "orders", [["2024"]]);
    await glue.send(new CreateUserDefinedFunctionCommand({ DatabaseName: "sales", FunctionInput: { FunctionName: "f", ClassName: "com.example.F", OwnerName: "me", OwnerType: "USER" } }));
    await glue.send(new DeleteDatabaseCommand({ Name: "sales" }));
    await createDatabase("sales");
    expect(await rejectionOf(glue.send(new GetTableCommand({ DatabaseName: "sales", Name: "orders" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetPartitionsCommand({ DatabaseName: "sales", TableName: "orders" })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new GetUserDefinedFunctionsCommand({ Pattern: "*" }))).UserDefinedFunctions).toEqual([]);
  });

  it("reaches another account's catalog by its CatalogId, and keeps accounts apart", async () => {
    const OTHER = "210987654321";
    const other = new GlueClient({ credentials: aws.credentialsFor(OTHER) });
    await other.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "shared" } }));
    expect(await rejectionOf(database("shared"))).toBeInstanceOf(EntityNotFoundException);
    expect(await database("shared", OTHER)).toMatchObject({ Name: "shared", CatalogId: OTHER });
    await createDatabase("written-here", { CatalogId: OTHER });
    expect((await other.send(new GetDatabasesCommand({}))).DatabaseList!.map((d) => d.Name)).toEqual(["shared", "written-here"]);
  });
});
