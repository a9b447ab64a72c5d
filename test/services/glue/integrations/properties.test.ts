import {
  ConflictException,
  CreateIntegrationResourcePropertyCommand,
  CreateIntegrationTablePropertiesCommand,
  DeleteIntegrationResourcePropertyCommand,
  DeleteIntegrationTablePropertiesCommand,
  EntityNotFoundException,
  GetIntegrationResourcePropertyCommand,
  GetTagsCommand,
  TagResourceCommand,
  GetIntegrationTablePropertiesCommand,
  InvalidInputException,
  ListIntegrationResourcePropertiesCommand,
  ListIntegrationTablePropertiesCommand,
  UpdateIntegrationResourcePropertyCommand,
  UpdateIntegrationTablePropertiesCommand,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, ROLE } from "../helpers.js";

const DATABASE = "arn:aws:glue:us-east-1:123456789012:database/lake";
const CONNECTION = "arn:aws:glue:us-east-1:123456789012:connection/salesforce";

describe("Glue integration resource properties", () => {
  it("creates, reads, updates, lists and deletes resource properties", async () => {
    const created = await glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: DATABASE, TargetProcessingProperties: { RoleArn: ROLE }, Tags: [{ key: "a", value: "b" }] }));
    expect(created).toMatchObject({ ResourceArn: DATABASE, TargetProcessingProperties: { RoleArn: ROLE } });
    expect(created.ResourcePropertyArn).toMatch(/^arn:aws:glue:us-east-1:123456789012:integrationresourceproperty\//);
    // Its Tags are reachable through its ARN, as an integration's are.
    const ResourceArn = created.ResourcePropertyArn!;
    await glue.send(new TagResourceCommand({ ResourceArn, TagsToAdd: { c: "d" } }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ a: "b", c: "d" });
    await glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: CONNECTION, SourceProcessingProperties: { RoleArn: ROLE } }));
    expect(await glue.send(new GetIntegrationResourcePropertyCommand({ ResourceArn: DATABASE }))).toMatchObject({ ResourcePropertyArn: created.ResourcePropertyArn });
    const updated = await glue.send(new UpdateIntegrationResourcePropertyCommand({ ResourceArn: DATABASE, TargetProcessingProperties: { RoleArn: ROLE, ConnectionName: "vpc" } }));
    expect(updated.TargetProcessingProperties).toEqual({ RoleArn: ROLE, ConnectionName: "vpc" });
    const targets = await glue.send(new ListIntegrationResourcePropertiesCommand({ Filters: [{ Name: "TargetArn", Values: [DATABASE, CONNECTION] }] }));
    expect(targets.IntegrationResourcePropertyList!.map((p) => p.ResourceArn)).toEqual([DATABASE]);
    const page = await glue.send(new ListIntegrationResourcePropertiesCommand({ MaxRecords: 1 }));
    expect(page.IntegrationResourcePropertyList).toHaveLength(1);
    const next = await glue.send(new ListIntegrationResourcePropertiesCommand({ MaxRecords: 1, Marker: page.Marker }));
    expect(next.IntegrationResourcePropertyList).toHaveLength(1);
    expect(next.Marker).toBeUndefined();
    await glue.send(new DeleteIntegrationResourcePropertyCommand({ ResourceArn: DATABASE }));
    expect(await rejectionOf(glue.send(new GetIntegrationResourcePropertyCommand({ ResourceArn: DATABASE })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteIntegrationResourcePropertyCommand({ ResourceArn: DATABASE })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("refuses a second property for a resource, an empty one, a bad role and an unknown filter", async () => {
    await glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: DATABASE, TargetProcessingProperties: { RoleArn: ROLE } }));
    expect(await rejectionOf(glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: DATABASE, TargetProcessingProperties: { RoleArn: ROLE } })))).toBeInstanceOf(ConflictException);
    expect(await rejectionOf(glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: CONNECTION })))).toBeInstanceOf(InvalidInputException);
    const role = await rejectionOf(glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: CONNECTION, SourceProcessingProperties: { RoleArn: "admin" } })));
    expect(role.message).toContain("'sourceProcessingProperties.roleArn'");
    expect(await rejectionOf(glue.send(new UpdateIntegrationResourcePropertyCommand({ ResourceArn: CONNECTION, SourceProcessingProperties: { RoleArn: ROLE } })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new ListIntegrationResourcePropertiesCommand({ Filters: [{ Name: "Colour", Values: ["x"] }] })))).toBeInstanceOf(InvalidInputException);
  });
});

describe("Glue integration table properties", () => {
  it("creates, reads, updates, lists and deletes table properties", async () => {
    await glue.send(
      new CreateIntegrationTablePropertiesCommand({
        ResourceArn: DATABASE,
        TableName: "orders",
        TargetTableConfig: { UnnestSpec: "TOPLEVEL", PartitionSpec: [{ FieldName: "created", FunctionSpec: "day" }], TargetTableName: "orders_lake" },
      }),
    );
    await glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: CONNECTION, TableName: "Account", SourceTableConfig: { Fields: ["Id", "Name"], PrimaryKey: ["Id"] } }));
    expect(await glue.send(new GetIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "orders" }))).toMatchObject({ TargetTableConfig: { UnnestSpec: "TOPLEVEL", TargetTableName: "orders_lake" } });
    await glue.send(new UpdateIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "orders", TargetTableConfig: { UnnestSpec: "FULL" } }));
    expect((await glue.send(new GetIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "orders" }))).TargetTableConfig).toEqual({ UnnestSpec: "FULL" });
    const listed = await glue.send(new ListIntegrationTablePropertiesCommand({ Filters: [{ Name: "ResourceArn", Values: [CONNECTION] }] }));
    expect(listed.IntegrationTablePropertiesList!.map((p) => p.TableName)).toEqual(["Account"]);
    await glue.send(new DeleteIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "orders" }));
    expect(await rejectionOf(glue.send(new GetIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "orders" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "orders" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("refuses duplicates, empty configs, unknown partition functions and bad enums", async () => {
    await glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "t", SourceTableConfig: { Fields: ["a"] } }));
    expect(await rejectionOf(glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "t", SourceTableConfig: { Fields: ["a"] } })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "u" })))).toBeInstanceOf(InvalidInputException);
    const fn = await rejectionOf(glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "v", TargetTableConfig: { PartitionSpec: [{ FieldName: "a", FunctionSpec: "week" }] } })));
    expect(fn.message).toContain("week");
    const unnest = await rejectionOf(glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "w", TargetTableConfig: { UnnestSpec: "DEEP" as "FULL" } })));
    expect(unnest).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new UpdateIntegrationTablePropertiesCommand({ ResourceArn: DATABASE, TableName: "nope", SourceTableConfig: {} })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new ListIntegrationTablePropertiesCommand({}))).IntegrationTablePropertiesList).toHaveLength(1);
  });
});
