import {
  AlreadyExistsException,
  CreateSchemaCommand,
  EntityNotFoundException,
  PutSchemaVersionMetadataCommand,
  QuerySchemaVersionMetadataCommand,
  RemoveSchemaVersionMetadataCommand,
  ResourceNumberLimitExceededException,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";
import { avro } from "./helpers.js";

describe("Glue schema version metadata", () => {
  it("puts, queries and removes key-value pairs on a version", async () => {
    const { SchemaVersionId } = await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: avro([{ name: "id", type: "string" }]) }));
    const put = await glue.send(new PutSchemaVersionMetadataCommand({ SchemaId: { SchemaName: "users" }, SchemaVersionNumber: { LatestVersion: true }, MetadataKeyValue: { MetadataKey: "owner", MetadataValue: "team-a" } }));
    expect(put).toMatchObject({ SchemaName: "users", RegistryName: "default-registry", LatestVersion: true, VersionNumber: 1, SchemaVersionId, MetadataKey: "owner", MetadataValue: "team-a" });
    await glue.send(new PutSchemaVersionMetadataCommand({ SchemaVersionId, MetadataKeyValue: { MetadataKey: "owner", MetadataValue: "team-b" } }));
    await glue.send(new PutSchemaVersionMetadataCommand({ SchemaVersionId, MetadataKeyValue: { MetadataKey: "topic", MetadataValue: "users.v1" } }));

    const duplicate = await rejectionOf(glue.send(new PutSchemaVersionMetadataCommand({ SchemaVersionId, MetadataKeyValue: { MetadataKey: "owner", MetadataValue: "team-a" } })));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);

    const all = await glue.send(new QuerySchemaVersionMetadataCommand({ SchemaVersionId }));
    expect(all.SchemaVersionId).toBe(SchemaVersionId);
    expect(all.MetadataInfoMap!["owner"]).toMatchObject({ MetadataValue: "team-b", OtherMetadataValueList: [{ MetadataValue: "team-a" }] });
    expect(all.MetadataInfoMap!["topic"]).toMatchObject({ MetadataValue: "users.v1" });
    const filtered = await glue.send(new QuerySchemaVersionMetadataCommand({ SchemaId: { SchemaName: "users" }, SchemaVersionNumber: { VersionNumber: 1 }, MetadataList: [{ MetadataKey: "topic" }] }));
    expect(Object.keys(filtered.MetadataInfoMap!)).toEqual(["topic"]);
    const paged = await glue.send(new QuerySchemaVersionMetadataCommand({ SchemaVersionId, MaxResults: 1 }));
    expect(Object.keys(paged.MetadataInfoMap!)).toEqual(["owner"]);
    const next = await glue.send(new QuerySchemaVersionMetadataCommand({ SchemaVersionId, MaxResults: 1, NextToken: paged.NextToken }));
    expect(Object.keys(next.MetadataInfoMap!)).toEqual(["topic"]);
    expect(next.NextToken).toBeUndefined();

    await glue.send(new RemoveSchemaVersionMetadataCommand({ SchemaVersionId, MetadataKeyValue: { MetadataKey: "owner", MetadataValue: "team-b" } }));
    expect((await glue.send(new QuerySchemaVersionMetadataCommand({ SchemaVersionId }))).MetadataInfoMap!["owner"]).toMatchObject({ MetadataValue: "team-a" });
    const absent = await rejectionOf(glue.send(new RemoveSchemaVersionMetadataCommand({ SchemaVersionId, MetadataKeyValue: { MetadataKey: "owner", MetadataValue: "nobody" } })));
    expect(absent).toBeInstanceOf(EntityNotFoundException);
  });

  it("allows at most 10 pairs per version", async () => {
    const { SchemaVersionId } = await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: avro([{ name: "id", type: "string" }]) }));
    for (let i = 0; i < 10; i++) await glue.send(new PutSchemaVersionMetadataCommand({ SchemaVersionId, MetadataKeyValue: { MetadataKey: `k${i}`, MetadataValue: "v" } }));
    const over = await rejectionOf(glue.send(new PutSchemaVersionMetadataCommand({ SchemaVersionId, MetadataKeyValue: { MetadataKey: "k10", MetadataValue: "v" } })));
    expect(over).toBeInstanceOf(ResourceNumberLimitExceededException);
    expect(over.message).toBe("Your resource limits for Schema Version Metadata have been exceeded.");
  });
});
