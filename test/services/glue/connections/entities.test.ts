import {
  CreateConnectionCommand,
  DescribeEntityCommand,
  EntityNotFoundException,
  FederationSourceException,
  GetEntityRecordsCommand,
  InvalidInputException,
  ListEntitiesCommand,
  RegisterConnectionTypeCommand,
  paginateDescribeEntity,
  paginateListEntities,
} from "@aws-sdk/client-glue";
import { registerConnectionEntities, unregisterConnectionEntities, type EntityDeclaration } from "aws-doubles/glue";
import { describe, expect, it } from "vitest";
import { glue } from "../helpers.js";
import { REST_TYPE } from "./fixtures.js";

const OPPORTUNITIES: EntityDeclaration = {
  EntityName: "Opportunity",
  Label: "Opportunities",
  Fields: [
    { FieldName: "Id", FieldType: "STRING", IsPrimaryKey: true, IsFilterable: true, SupportedFilterOperators: ["EQUAL_TO", "NOT_EQUAL_TO", "ORDER_BY"] },
    { FieldName: "Amount", FieldType: "DOUBLE", IsFilterable: true },
    { FieldName: "Stage", FieldType: "STRING", IsFilterable: true },
    { FieldName: "CloseDate", FieldType: "DATE", IsFilterable: true },
    { FieldName: "Secret", FieldType: "STRING", IsFilterable: false },
  ],
  Records: [
    { Id: "o1", Amount: 100, Stage: "Won", CloseDate: "2024-01-15", Secret: "a" },
    { Id: "o2", Amount: 250.5, Stage: "Lost", CloseDate: "2024-02-01", Secret: "b" },
    { Id: "o3", Amount: 40, Stage: "Prospecting", CloseDate: "2024-03-10", Secret: "c" },
    { Id: "o4", Amount: 900, Stage: "Won", CloseDate: "2023-12-31", Secret: "d" },
    { Id: "o5", Amount: null, Stage: "Won's it", CloseDate: "2024-06-30", Secret: "e" },
  ],
};

async function salesforceConnection() {
  await glue.send(
    new CreateConnectionCommand({
      ConnectionInput: {
        Name: "sfdc",
        ConnectionType: "SALESFORCE",
        ConnectionProperties: { INSTANCE_URL: "https://example.my.salesforce.com" } as never,
        AuthenticationConfiguration: { AuthenticationType: "OAUTH2", OAuth2Properties: { OAuth2GrantType: "JWT_BEARER" } },
      },
    }),
  );
  registerConnectionEntities("sfdc", {
    Entities: [OPPORTUNITIES, { EntityName: "Account", Children: [{ EntityName: "Contact", Fields: [{ FieldName: "Email", FieldType: "STRING" }] }] }],
  });
}

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

const ids = async (FilterPredicate: string) =>
  (await glue.send(new GetEntityRecordsCommand({ ConnectionName: "sfdc", EntityName: "Opportunity", Limit: 100, FilterPredicate }))).Records!.map((r) => (r as { Id: string }).Id);

describe("Glue entities behind a connection", () => {
  it("lists entities and their children, and describes an entity's fields, page by page", async () => {
    await salesforceConnection();
    const top = await glue.send(new ListEntitiesCommand({ ConnectionName: "sfdc" }));
    expect(top.Entities).toEqual([
      { EntityName: "Opportunity", Label: "Opportunities", IsParentEntity: false },
      { EntityName: "Account", Label: "Account", IsParentEntity: true },
    ]);
    const children = await glue.send(new ListEntitiesCommand({ ConnectionName: "sfdc", ParentEntityName: "Account" }));
    expect(children.Entities!.map((e) => e.EntityName)).toEqual(["Contact"]);
    const fields: string[] = [];
    for await (const page of paginateDescribeEntity({ client: glue }, { ConnectionName: "sfdc", EntityName: "Opportunity" })) fields.push(...page.Fields!.map((f) => f.FieldName!));
    expect(fields).toEqual(["Id", "Amount", "Stage", "CloseDate", "Secret"]);
    expect((await glue.send(new DescribeEntityCommand({ ConnectionName: "sfdc", EntityName: "Contact" }))).Fields).toEqual([{ FieldName: "Email", FieldType: "STRING" }]);
    expect(await errorOf(glue.send(new DescribeEntityCommand({ ConnectionName: "sfdc", EntityName: "Lead" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new ListEntitiesCommand({ ConnectionName: "absent" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new ListEntitiesCommand({})))).toBeInstanceOf(InvalidInputException);
  });

  it("pages many entities with the SDK paginator", async () => {
    await salesforceConnection();
    registerConnectionEntities("sfdc", { Entities: Array.from({ length: 230 }, (_, i) => ({ EntityName: `E${String(i).padStart(3, "0")}` })) });
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListEntities({ client: glue }, { ConnectionName: "sfdc" })) {
      pages++;
      names.push(...page.Entities!.map((e) => e.EntityName!));
    }
    expect(pages).toBe(3);
    expect(names).toHaveLength(230);
    expect(new Set(names).size).toBe(230);
  });

  it("reads records: Limit pages, OrderBy sorts, SelectedFields projects", async () => {
    await salesforceConnection();
    const first = await glue.send(new GetEntityRecordsCommand({ ConnectionName: "sfdc", EntityName: "Opportunity", Limit: 2, OrderBy: "Id DESC", SelectedFields: ["Id", "Amount"] }));
    expect(first.Records).toEqual([{ Id: "o5", Amount: null }, { Id: "o4", Amount: 900 }]);
    const second = await glue.send(new GetEntityRecordsCommand({ ConnectionName: "sfdc", EntityName: "Opportunity", Limit: 2, OrderBy: "Id DESC", SelectedFields: ["Id", "Amount"], NextToken: first.NextToken }));
    expect(second.Records!.map((r) => (r as { Id: string }).Id)).toEqual(["o3", "o2"]);
    const byAmount = await glue.send(new GetEntityRecordsCommand({ ConnectionName: "sfdc", EntityName: "Opportunity", Limit: 10, OrderBy: "Amount" }));
    expect(byAmount.Records!.map((r) => (r as { Id: string }).Id)).toEqual(["o3", "o1", "o2", "o4", "o5"]);
    expect(await errorOf(glue.send(new GetEntityRecordsCommand({ ConnectionName: "sfdc", EntityName: "Opportunity", Limit: 10, SelectedFields: ["Nope"] })))).toBeInstanceOf(InvalidInputException);
    expect((await errorOf(glue.send(new GetEntityRecordsCommand({ ConnectionName: "sfdc", EntityName: "Opportunity", Limit: 10, OrderBy: "Id SIDEWAYS" })))).message).toContain("ASC|DESC");
  });

  it.each([
    ["Stage = 'Won'", ["o1", "o4"]],
    ["Stage <> 'Won'", ["o2", "o3", "o5"]],
    ["Amount > 100", ["o2", "o4"]],
    ["Amount >= 100 AND Amount < 900", ["o1", "o2"]],
    ["Amount BETWEEN 40 AND 100", ["o1", "o3"]],
    ["Amount NOT BETWEEN 40 AND 100", ["o2", "o4"]],
    ["Stage IN ('Lost', 'Prospecting')", ["o2", "o3"]],
    ["Stage NOT IN ('Won')", ["o2", "o3", "o5"]],
    ["Stage LIKE 'W%'", ["o1", "o4", "o5"]],
    ["Stage LIKE '_on'", ["o1", "o4"]],
    ["Stage = 'Won''s it'", ["o5"]],
    ["Amount IS NULL", ["o5"]],
    ["Amount IS NOT NULL AND NOT Stage = 'Won'", ["o2", "o3"]],
    ["CloseDate >= 2024-01-01 AND CloseDate < 2024-03-01", ["o1", "o2"]],
    ["CloseDate > '2024-03-01T00:00:00Z'", ["o3", "o5"]],
    ["(Stage = 'Won' OR Stage = 'Lost') AND Amount > 200", ["o2", "o4"]],
    ["Stage = 'Won' OR Stage = 'Lost' AND Amount > 200", ["o1", "o2", "o4"]],
    ["id = 'o1' OR `Id` = 'o2' OR \"Id\" = 'o3'", ["o2", "o3"]],
    ["Amount > -1 and stage != 'x'", ["o1", "o2", "o3", "o4"]],
  ])("FilterPredicate %s selects %j", async (predicate, expected) => {
    await salesforceConnection();
    if (predicate.startsWith("id =")) {
      // Field names are case-sensitive: `id` is not a field of Opportunity.
      expect(await errorOf(ids(predicate))).toBeInstanceOf(InvalidInputException);
      expect(await ids(predicate.replace("id = 'o1' OR ", ""))).toEqual(expected);
      return;
    }
    if (predicate.includes("stage")) {
      expect(await errorOf(ids(predicate))).toBeInstanceOf(InvalidInputException);
      expect(await ids(predicate.replace("stage", "Stage"))).toEqual(expected);
      return;
    }
    expect(await ids(predicate)).toEqual(expected);
  });

  it.each([
    ["Stage =", "a value"],
    ["Stage = 'Won", "unterminated string"],
    ["(Stage = 'Won'", "')'"],
    ["Stage = 'Won')", "the end of the predicate"],
    ["Amount BETWEEN 1 OR 2", "AND (BETWEEN low AND high)"],
    ["Stage IN 'Won'", "'(' after IN"],
    ["Stage IN ('Won' 'Lost')", "',' or ')'"],
    ["Stage LIKE Won", "'pattern' string"],
    ["Amount IS 5", "NULL"],
    ["AND Stage = 'Won'", "a field name"],
    ["Stage ~ 'Won'", "unexpected character '~'"],
    ["Stage", "comparison operator"],
    ["Secret = 'a'", "not filterable"],
    ["Id > 'o1'", "does not support GREATER_THAN"],
    ["Missing = 1", "not a field of entity Opportunity"],
  ])("FilterPredicate %s is refused (%s)", async (predicate, fragment) => {
    await salesforceConnection();
    const error = await errorOf(ids(predicate));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(fragment);
  });

  it("takes long AND/OR chains and many-% LIKE patterns, and refuses nesting too deep to follow with its own error", async () => {
    await salesforceConnection();
    // Thousands of operands, within the API's 100,000 characters: evaluated, not a stack overflow.
    expect(await ids(Array(7000).fill("Id<>'o3'").join(" AND "))).toEqual(["o1", "o2", "o4", "o5"]);
    expect(await ids([...Array(8000).fill("Id = 'x'"), "Id = 'o2'"].join(" OR "))).toEqual(["o2"]);
    // A LIKE pattern of 20,000 wildcards is matched, not compiled into a RegExp too large to build.
    expect(await ids(`Stage LIKE '${"%".repeat(20000)}W%n'`)).toEqual(["o1", "o4"]);
    expect(await ids(`Stage LIKE '${"%o".repeat(5000)}x'`)).toEqual([]);
    expect(await ids("Stage LIKE 'W%_%''%'")).toEqual(["o5"]);
    expect(await ids("Stage NOT LIKE '%o%'")).toEqual([]);
    for (const predicate of ["(".repeat(20000) + "Stage = 'Won'" + ")".repeat(20000), "NOT ".repeat(20000) + "Stage = 'Won'"]) {
      const error = await errorOf(ids(predicate));
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain("nest more than 200 deep");
    }
    // Nesting within the limit still parses.
    expect(await ids("(".repeat(200) + "Stage = 'Lost'" + ")".repeat(200))).toEqual(["o2"]);
    expect(await ids("NOT ".repeat(200) + "Stage = 'Lost'")).toEqual(["o2"]);
  });

  it("answers from a function stand-in, and reports its failure as a failing data source", async () => {
    await salesforceConnection();
    const seen: string[] = [];
    registerConnectionEntities("*", (request) => {
      seen.push(`${request.ConnectionName}:${request.ConnectionType}:${Object.keys(request.ConnectionProperties).join(",")}`);
      return { Entities: [{ EntityName: "Dynamic", Records: [{ n: 1 }, { n: 2 }] }] };
    });
    registerConnectionEntities("sfdc", (request) => (request.DataStoreApiVersion === "v60.0" ? { Entities: [OPPORTUNITIES] } : { Entities: [] }));
    expect((await glue.send(new ListEntitiesCommand({ ConnectionName: "sfdc", DataStoreApiVersion: "v60.0" }))).Entities!.map((e) => e.EntityName)).toEqual(["Opportunity"]);
    expect((await glue.send(new ListEntitiesCommand({ ConnectionName: "sfdc" }))).Entities).toEqual([]);
    await glue.send(new CreateConnectionCommand({ ConnectionInput: { Name: "other", ConnectionType: "KAFKA", ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: "b:9092" } } }));
    expect((await glue.send(new GetEntityRecordsCommand({ ConnectionName: "other", EntityName: "Dynamic", Limit: 1 }))).Records).toEqual([{ n: 1 }]);
    expect(seen).toEqual(["other:KAFKA:KAFKA_BOOTSTRAP_SERVERS"]);
    registerConnectionEntities("other", () => {
      throw new Error("INVALID_SESSION_ID");
    });
    const failure = await errorOf(glue.send(new ListEntitiesCommand({ ConnectionName: "other" })));
    expect(failure).toBeInstanceOf(FederationSourceException);
    expect(failure.message).toContain("INVALID_SESSION_ID");
    registerConnectionEntities("other", () => ({ Entities: [{ Records: [] }] }) as never);
    expect((await errorOf(glue.send(new ListEntitiesCommand({ ConnectionName: "other" })))).message).toContain("without an EntityName");
    // Unregistered, the connection falls back on the "*" stand-in.
    expect(unregisterConnectionEntities("other")).toBe(true);
    expect(unregisterConnectionEntities("other")).toBe(false);
    expect((await glue.send(new ListEntitiesCommand({ ConnectionName: "other" }))).Entities!.map((e) => e.EntityName)).toEqual(["Dynamic"]);
  });

  it("without a stand-in: a registered REST type's declared entities, else none", async () => {
    await glue.send(new RegisterConnectionTypeCommand(REST_TYPE));
    await glue.send(
      new CreateConnectionCommand({
        ConnectionInput: {
          Name: "tickets",
          ConnectionType: "REST-tickets" as never,
          ConnectionProperties: { INSTANCE_URL: "https://tickets.example.com" } as never,
          AuthenticationConfiguration: { AuthenticationType: "CUSTOM", CustomAuthenticationCredentials: { api_key: "k" } },
        },
      }),
    );
    expect((await glue.send(new ListEntitiesCommand({ ConnectionName: "tickets" }))).Entities!.map((e) => e.EntityName)).toEqual(["tickets"]);
    const fields = (await glue.send(new DescribeEntityCommand({ ConnectionName: "tickets", EntityName: "tickets" }))).Fields!;
    expect(fields.map((f) => [f.FieldName, f.FieldType])).toEqual([["id", "STRING"], ["priority", "INT"]]);
    expect((await glue.send(new GetEntityRecordsCommand({ ConnectionName: "tickets", EntityName: "tickets", Limit: 5 }))).Records).toEqual([]);
    await glue.send(new CreateConnectionCommand({ ConnectionInput: { Name: "kafka", ConnectionType: "KAFKA", ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: "b:9092" } } }));
    expect((await glue.send(new ListEntitiesCommand({ ConnectionName: "kafka" }))).Entities).toEqual([]);
    expect(await errorOf(glue.send(new GetEntityRecordsCommand({ ConnectionName: "kafka", EntityName: "topic", Limit: 5 })))).toBeInstanceOf(EntityNotFoundException);
  });
});
