import {
  AlreadyExistsException,
  CreateUserDefinedFunctionCommand,
  DeleteUserDefinedFunctionCommand,
  EntityNotFoundException,
  GetUserDefinedFunctionCommand,
  GetUserDefinedFunctionsCommand,
  InvalidInputException,
  paginateGetUserDefinedFunctions,
  UpdateUserDefinedFunctionCommand,
  type UserDefinedFunctionInput,
} from "@aws-sdk/client-glue";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { ACCOUNT, collect, createDatabase, glue } from "./helpers.js";

const fn = (FunctionName: string, extra: Partial<UserDefinedFunctionInput> = {}): UserDefinedFunctionInput => ({
  FunctionName,
  ClassName: `com.example.${FunctionName}`,
  OwnerName: "analytics",
  OwnerType: "ROLE",
  ResourceUris: [{ ResourceType: "JAR", Uri: "s3://lake/udfs.jar" }],
  ...extra,
});
const create = (DatabaseName: string, FunctionInput: UserDefinedFunctionInput) => glue.send(new CreateUserDefinedFunctionCommand({ DatabaseName, FunctionInput }));
const get = async (DatabaseName: string, FunctionName: string) => (await glue.send(new GetUserDefinedFunctionCommand({ DatabaseName, FunctionName }))).UserDefinedFunction!;

describe("Glue user-defined functions", () => {
  beforeEach(async () => {
    await createDatabase("sales");
    await createDatabase("ops");
  });

  it("creates and reads a function of a database", async () => {
    await create("Sales", fn("to_usd"));
    const read = await get("sales", "to_usd");
    expect(read).toMatchObject({ FunctionName: "to_usd", DatabaseName: "sales", ClassName: "com.example.to_usd", OwnerName: "analytics", OwnerType: "ROLE", CatalogId: ACCOUNT, ResourceUris: [{ ResourceType: "JAR", Uri: "s3://lake/udfs.jar" }] });
    expect(read.CreateTime).toBeInstanceOf(Date);
  });

  it("refuses duplicates, missing databases and functions, and bad enums", async () => {
    await create("sales", fn("f"));
    expect(await rejectionOf(create("sales", fn("f")))).toBeInstanceOf(AlreadyExistsException);
    expect(await rejectionOf(create("absent", fn("f")))).toBeInstanceOf(EntityNotFoundException);
    const missing = await rejectionOf(get("sales", "g"));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe("Function g not found.");
    const badType = await rejectionOf(create("sales", fn("h", { OwnerType: "ROBOT" as never })));
    expect(badType).toBeInstanceOf(InvalidInputException);
    expect(badType.message).toContain("at 'functionInput.ownerType'");
    expect(await rejectionOf(create("sales", { ClassName: "x" }))).toBeInstanceOf(InvalidInputException);
  });

  it("updates a function by replacing it, renaming it when FunctionName changes", async () => {
    await create("sales", fn("f"));
    const created = await get("sales", "f");
    await glue.send(new UpdateUserDefinedFunctionCommand({ DatabaseName: "sales", FunctionName: "f", FunctionInput: fn("f2", { ClassName: "com.example.V2" }) }));
    expect(await rejectionOf(get("sales", "f"))).toBeInstanceOf(EntityNotFoundException);
    const renamed = await get("sales", "f2");
    expect(renamed.ClassName).toBe("com.example.V2");
    expect(renamed.CreateTime).toEqual(created.CreateTime);
    await create("sales", fn("other"));
    expect(await rejectionOf(glue.send(new UpdateUserDefinedFunctionCommand({ DatabaseName: "sales", FunctionName: "f2", FunctionInput: fn("other") })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new UpdateUserDefinedFunctionCommand({ DatabaseName: "sales", FunctionName: "zz", FunctionInput: fn("zz") })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("deletes a function", async () => {
    await create("sales", fn("f"));
    await glue.send(new DeleteUserDefinedFunctionCommand({ DatabaseName: "sales", FunctionName: "f" }));
    expect(await rejectionOf(get("sales", "f"))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteUserDefinedFunctionCommand({ DatabaseName: "sales", FunctionName: "f" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("lists functions by pattern, in one database or across all, with the SDK paginator", async () => {
    for (const name of ["to_usd", "to_eur", "parse_ts"]) await create("sales", fn(name));
    await create("ops", fn("to_gbp"));
    const inSales = await collect(paginateGetUserDefinedFunctions({ client: glue, pageSize: 1 }, { DatabaseName: "sales", Pattern: "to_*" }), (page) => page.UserDefinedFunctions);
    expect(inSales.items.map((f) => f.FunctionName)).toEqual(["to_eur", "to_usd"]);
    const everywhere = await collect(paginateGetUserDefinedFunctions({ client: glue, pageSize: 2 }, { Pattern: "to_*" }), (page) => page.UserDefinedFunctions);
    expect(everywhere.items.map((f) => `${f.DatabaseName}.${f.FunctionName}`)).toEqual(["ops.to_gbp", "sales.to_eur", "sales.to_usd"]);
    expect(await rejectionOf(glue.send(new GetUserDefinedFunctionsCommand({ DatabaseName: "absent", Pattern: "*" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetUserDefinedFunctionsCommand({ Pattern: "to_(" })))).toBeInstanceOf(InvalidInputException);
  });
});
