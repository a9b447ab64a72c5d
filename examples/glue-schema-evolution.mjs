// A producer's schema evolution against the Glue Schema Registry fake.
//
// The producer owns an Avro schema for "order" events in a registry with BACKWARD
// compatibility: consumers with the newest schema must read every event written before.
// It registers a compatible change (a field with a default), then an incompatible one (a new
// field without a default), polling each new version as the Glue serializer does, and shows
// the documented outcome: the compatible version is AVAILABLE and becomes the latest; the
// incompatible one ends FAILURE, keeps its version number and is never the latest.
//
//   node examples/glue-schema-evolution.mjs
import {
  CreateRegistryCommand,
  CreateSchemaCommand,
  GetSchemaByDefinitionCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  GetSchemaVersionsDiffCommand,
  GlueClient,
  ListSchemaVersionsCommand,
  RegisterSchemaVersionCommand,
} from "@aws-sdk/client-glue";
import { mockAws } from "aws-doubles";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const REGISTRY = "commerce";
const SCHEMA = "order";
const record = (fields) => JSON.stringify({ type: "record", name: "Order", namespace: "com.example.commerce", fields });

const V1 = record([
  { name: "id", type: "string" },
  { name: "amount", type: "double" },
]);
// Compatible: consumers reading old events fill `currency` with its default.
const V2 = record([
  { name: "id", type: "string" },
  { name: "amount", type: "double" },
  { name: "currency", type: "string", default: "EUR" },
]);
// Incompatible: consumers reading old events have no value for `customerId`.
const V3 = record([
  { name: "id", type: "string" },
  { name: "amount", type: "double" },
  { name: "currency", type: "string", default: "EUR" },
  { name: "customerId", type: "string" },
]);

/** Registers a definition and waits, as the Glue serializer does, until its check has ended. */
async function register(glue, definition) {
  const registered = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { RegistryName: REGISTRY, SchemaName: SCHEMA }, SchemaDefinition: definition }));
  let version = registered;
  for (let reads = 0; version.Status === "PENDING"; reads++) {
    assert.ok(reads < 10, "the version stayed PENDING");
    version = await glue.send(new GetSchemaVersionCommand({ SchemaVersionId: registered.SchemaVersionId }));
  }
  return { ...registered, Status: version.Status };
}

export async function main() {
  const aws = mockAws();
  try {
    const glue = new GlueClient({ region: "eu-west-1" });
    await glue.send(new CreateRegistryCommand({ RegistryName: REGISTRY, Description: "Event schemas of the commerce domain" }));
    const created = await glue.send(
      new CreateSchemaCommand({ RegistryId: { RegistryName: REGISTRY }, SchemaName: SCHEMA, DataFormat: "AVRO", Compatibility: "BACKWARD", SchemaDefinition: V1 }),
    );
    assert.equal(created.SchemaVersionStatus, "AVAILABLE");
    assert.equal(created.LatestSchemaVersion, 1);

    // 1. A compatible change registers as version 2.
    const compatible = await register(glue, V2);
    assert.equal(compatible.VersionNumber, 2);
    assert.equal(compatible.Status, "AVAILABLE");

    // Registering the same definition again (the serializer does on every start) returns version 2.
    const again = await register(glue, JSON.stringify(JSON.parse(V2), null, 2));
    assert.equal(again.SchemaVersionId, compatible.SchemaVersionId);

    // 2. An incompatible change: a version is created, and its check ends FAILURE.
    const incompatible = await register(glue, V3);
    assert.equal(incompatible.VersionNumber, 3);
    assert.equal(incompatible.Status, "FAILURE");

    // The failed version is listed with its status but is not the schema's latest version.
    const schema = await glue.send(new GetSchemaCommand({ SchemaId: { RegistryName: REGISTRY, SchemaName: SCHEMA } }));
    assert.equal(schema.LatestSchemaVersion, 2);
    assert.equal(schema.NextSchemaVersion, 4);
    const versions = await glue.send(new ListSchemaVersionsCommand({ SchemaId: { SchemaArn: schema.SchemaArn } }));
    const statuses = versions.Schemas.map((v) => `${v.VersionNumber}:${v.Status}`);
    assert.deepEqual(statuses, ["1:AVAILABLE", "2:AVAILABLE", "3:FAILURE"]);
    const byDefinition = await glue.send(new GetSchemaByDefinitionCommand({ SchemaId: { RegistryName: REGISTRY, SchemaName: SCHEMA }, SchemaDefinition: V3 }));
    assert.equal(byDefinition.Status, "FAILURE");

    // What changed between the versions, line by line.
    const { Diff } = await glue.send(
      new GetSchemaVersionsDiffCommand({
        SchemaId: { RegistryName: REGISTRY, SchemaName: SCHEMA },
        FirstSchemaVersionNumber: { VersionNumber: 2 },
        SecondSchemaVersionNumber: { VersionNumber: 3 },
        SchemaDiffType: "SYNTAX_DIFF",
      }),
    );
    assert.match(Diff, /\+\s+"name": "customerId",/);
    return { statuses, diff: Diff };
  } finally {
    aws.restore();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { statuses, diff } = await main();
  console.log(statuses.join("\n"));
  console.log(diff);
}
