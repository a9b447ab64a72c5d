import { EntityNotFoundException, GetDatabaseCommand, GetTableOptimizerCommand, GetDatabasesCommand } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { currentEngine, storedState } from "../../../support/engine-state.js";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, createDatabase, createTable, glue } from "./helpers.js";

/**
 * A call naming another account's catalog (its CatalogId) that is refused leaves nothing
 * behind: not that account's catalog, nor its (empty) backend, which would show as a scope on
 * the dashboard and grow memory with every account a caller names. (Found by the property
 * suites: a near-valid GetTableOptimizer with CatalogId "000000000000".)
 */
describe("Glue: a refused call naming another account's catalog", () => {
  const scopes = () => currentEngine().backends.all("Glue").map(([scope]) => scope);

  it("stores nothing for that account", async () => {
    await createDatabase("db");
    await createTable("db", "ice", ["id:int"]);
    const before = storedState();
    const refused = [
      await rejectionOf(glue.send(new GetDatabaseCommand({ CatalogId: "000000000000", Name: "db" }))),
      await rejectionOf(glue.send(new GetTableOptimizerCommand({ CatalogId: "999999999999", DatabaseName: "db", TableName: "ice", Type: "compaction" }))),
    ];
    for (const error of refused) expect(error).toBeInstanceOf(EntityNotFoundException);
    expect(scopes()).toEqual([`${ACCOUNT}/us-east-1`]);
    expect(storedState()).toBe(before);
  });

  it("still reaches that account's catalog when the call succeeds", async () => {
    await createDatabase("written-there", { CatalogId: "210987654321" });
    expect((await glue.send(new GetDatabasesCommand({ CatalogId: "210987654321" }))).DatabaseList!.map((d) => d.Name)).toEqual(["written-there"]);
    expect(scopes()).toContain("210987654321/us-east-1");
  });
});
