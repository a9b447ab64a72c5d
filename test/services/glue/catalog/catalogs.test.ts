import {
  AlreadyExistsException,
  CreateCatalogCommand,
  DeleteCatalogCommand,
  EntityNotFoundException,
  GetCatalogCommand,
  GetCatalogImportStatusCommand,
  GetCatalogsCommand,
  GetDatabaseCommand,
  GetTableCommand,
  ImportCatalogToGlueCommand,
  InvalidInputException,
  UpdateCatalogCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, createDatabase, createTable, glue } from "./helpers.js";

const createCatalog = (Name: string, extra: Partial<CreateCatalogCommand["input"]> = {}) =>
  glue.send(new CreateCatalogCommand({ Name, CatalogInput: { Description: `${Name} catalog`, Parameters: { k: "v" } }, ...extra }));

describe("Glue Data Catalog catalogs", () => {
  it("creates a named catalog next to the default one, readable by name or account:name", async () => {
    await createCatalog("analytics", { CatalogInput: { Description: "bi", AllowFullTableExternalDataAccess: "True", CatalogProperties: { CustomProperties: { tier: "gold" } } } });
    const byName = (await glue.send(new GetCatalogCommand({ CatalogId: "analytics" }))).Catalog!;
    expect(byName).toMatchObject({
      CatalogId: `${ACCOUNT}:analytics`,
      Name: "analytics",
      ResourceArn: `arn:aws:glue:us-east-1:${ACCOUNT}:catalog/analytics`,
      Description: "bi",
      AllowFullTableExternalDataAccess: "True",
      CatalogProperties: { CustomProperties: { tier: "gold" } },
    });
    expect(byName.CreateTime).toBeInstanceOf(Date);
    expect((await glue.send(new GetCatalogCommand({ CatalogId: `${ACCOUNT}:analytics` }))).Catalog).toEqual(byName);
    expect((await glue.send(new GetCatalogCommand({ CatalogId: ACCOUNT }))).Catalog).toEqual({ CatalogId: ACCOUNT, Name: ACCOUNT, ResourceArn: `arn:aws:glue:us-east-1:${ACCOUNT}:catalog` });
  });

  it("refuses duplicates, bad names, missing catalogs and changes to the default catalog", async () => {
    await createCatalog("c1");
    expect(await rejectionOf(createCatalog("c1"))).toBeInstanceOf(AlreadyExistsException);
    const dotted = await rejectionOf(createCatalog("a.b"));
    expect(dotted).toBeInstanceOf(InvalidInputException);
    expect(dotted.message).toContain("at 'name' failed to satisfy constraint");
    expect(await rejectionOf(createCatalog("aws:mine"))).toBeInstanceOf(InvalidInputException);
    const missing = await rejectionOf(glue.send(new GetCatalogCommand({ CatalogId: "absent" })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe("Catalog absent not found.");
    expect(await rejectionOf(glue.send(new DeleteCatalogCommand({ CatalogId: ACCOUNT })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new UpdateCatalogCommand({ CatalogId: ACCOUNT, CatalogInput: {} })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new DeleteCatalogCommand({ CatalogId: "absent" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("lists catalogs page by page, with the default one first when IncludeRoot, and by HasDatabases", async () => {
    for (const name of ["c3", "c1", "c2"]) await createCatalog(name);
    const first = await glue.send(new GetCatalogsCommand({ IncludeRoot: true, MaxResults: 2 }));
    expect(first.CatalogList!.map((c) => c.Name)).toEqual([ACCOUNT, "c1"]);
    const second = await glue.send(new GetCatalogsCommand({ IncludeRoot: true, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.CatalogList!.map((c) => c.Name)).toEqual(["c2", "c3"]);
    expect(second.NextToken).toBeUndefined();
    expect((await glue.send(new GetCatalogsCommand({}))).CatalogList!.map((c) => c.Name)).toEqual(["c1", "c2", "c3"]);
    await createDatabase("db", { CatalogId: "c2" });
    expect((await glue.send(new GetCatalogsCommand({ HasDatabases: true }))).CatalogList!.map((c) => c.Name)).toEqual(["c2"]);
    // A named catalog has no child catalogs here.
    expect((await glue.send(new GetCatalogsCommand({ ParentCatalogId: "c1" }))).CatalogList).toEqual([]);
  });

  it("updates a catalog's definition, keeping its creation time", async () => {
    await createCatalog("c");
    const before = (await glue.send(new GetCatalogCommand({ CatalogId: "c" }))).Catalog!;
    aws.clock.advance(60_000);
    await glue.send(new UpdateCatalogCommand({ CatalogId: "c", CatalogInput: { Description: "new" } }));
    const after = (await glue.send(new GetCatalogCommand({ CatalogId: "c" }))).Catalog!;
    expect(after.Description).toBe("new");
    expect(after.Parameters).toEqual({});
    expect(after.CreateTime).toEqual(before.CreateTime);
    expect(after.UpdateTime!.getTime()).toBeGreaterThanOrEqual(before.CreateTime!.getTime() + 60_000);
  });

  it("keeps databases of a named catalog apart from the default catalog's, and deletes them with it", async () => {
    await createCatalog("c");
    await createDatabase("sales", { CatalogId: "c" });
    await createTable("sales", "orders", [], {}, { CatalogId: "c" });
    expect(await rejectionOf(glue.send(new GetDatabaseCommand({ Name: "sales" })))).toBeInstanceOf(EntityNotFoundException);
    const db = (await glue.send(new GetDatabaseCommand({ Name: "sales", CatalogId: "c" }))).Database!;
    expect(db.CatalogId).toBe(`${ACCOUNT}:c`);
    expect((await glue.send(new GetTableCommand({ DatabaseName: "sales", Name: "orders", CatalogId: `${ACCOUNT}:c` }))).Table!.CatalogId).toBe(`${ACCOUNT}:c`);
    await glue.send(new DeleteCatalogCommand({ CatalogId: "c" }));
    await createCatalog("c");
    expect(await rejectionOf(glue.send(new GetDatabaseCommand({ Name: "sales", CatalogId: "c" })))).toBeInstanceOf(EntityNotFoundException);
    // A missing named catalog is EntityNotFound where the operation models it, InvalidInput elsewhere.
    expect(await rejectionOf(glue.send(new GetDatabaseCommand({ Name: "sales", CatalogId: "gone" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(createDatabase("x", { CatalogId: "gone" }))).toBeInstanceOf(InvalidInputException);
  });

  it("reports the Athena import as done by default, and runs ImportCatalogToGlue to COMPLETED", async () => {
    expect((await glue.send(new GetCatalogImportStatusCommand({}))).ImportStatus).toEqual({ ImportCompleted: true, ImportedBy: "StatusSetByDefault" });
    aws.configure({ transitions: "manual" });
    await glue.send(new ImportCatalogToGlueCommand({}));
    await glue.send(new ImportCatalogToGlueCommand({ CatalogId: ACCOUNT }));
    expect((await glue.send(new GetCatalogImportStatusCommand({}))).ImportStatus).toEqual({ ImportCompleted: false, ImportedBy: `arn:aws:iam::${ACCOUNT}:root` });
    aws.step();
    const done = (await glue.send(new GetCatalogImportStatusCommand({}))).ImportStatus!;
    expect(done).toMatchObject({ ImportCompleted: true, ImportedBy: `arn:aws:iam::${ACCOUNT}:root` });
    expect(done.ImportTime).toBeInstanceOf(Date);
    await createCatalog("named");
    expect(await rejectionOf(glue.send(new ImportCatalogToGlueCommand({ CatalogId: "named" })))).toBeInstanceOf(InvalidInputException);
  });

  it("lets a test hold the import IN_PROGRESS", async () => {
    aws.lifecycle("Glue.CatalogImport").staysIn("IN_PROGRESS");
    await glue.send(new ImportCatalogToGlueCommand({}));
    for (let i = 0; i < 5; i++) expect((await glue.send(new GetCatalogImportStatusCommand({}))).ImportStatus!.ImportCompleted).toBe(false);
  });
});
