import {
  AlreadyExistsException,
  CheckSchemaVersionValidityCommand,
  ConcurrentModificationException,
  CreateRegistryCommand,
  CreateSchemaCommand,
  DeleteSchemaCommand,
  DeleteSchemaVersionsCommand,
  EntityNotFoundException,
  GetRegistryCommand,
  GetSchemaByDefinitionCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  GetSchemaVersionsDiffCommand,
  InvalidInputException,
  ListSchemaVersionsCommand,
  paginateListSchemas,
  paginateListSchemaVersions,
  RegisterSchemaVersionCommand,
  UpdateSchemaCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { schemaVersionProblems } from "aws-doubles/glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";
import { avro, jsonSchema, proto, settledStatus } from "./helpers.js";

const V1 = avro([{ name: "id", type: "string" }]);
const V2 = avro([{ name: "id", type: "string" }, { name: "age", type: "int", default: 0 }]);
const SCHEMA_ARN = "arn:aws:glue:us-east-1:123456789012:schema/default-registry/users";

describe("Glue schemas and schema versions", () => {
  it("creates a schema in the default registry with version 1 AVAILABLE, and reads it by name and ARN", async () => {
    const created = await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1, Description: "d", Tags: { t: "1" } }));
    expect(created).toMatchObject({
      RegistryName: "default-registry",
      RegistryArn: "arn:aws:glue:us-east-1:123456789012:registry/default-registry",
      SchemaName: "users",
      SchemaArn: SCHEMA_ARN,
      DataFormat: "AVRO",
      Compatibility: "BACKWARD",
      SchemaCheckpoint: 1,
      LatestSchemaVersion: 1,
      NextSchemaVersion: 2,
      SchemaStatus: "AVAILABLE",
      SchemaVersionStatus: "AVAILABLE",
      Tags: { t: "1" },
    });
    expect(created.SchemaVersionId).toMatch(/^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/);
    // The default registry came into being with its first schema.
    expect((await glue.send(new GetRegistryCommand({ RegistryId: { RegistryName: "default-registry" } }))).Status).toBe("AVAILABLE");

    const byArn = await glue.send(new GetSchemaCommand({ SchemaId: { SchemaArn: SCHEMA_ARN } }));
    expect(byArn).toMatchObject({ SchemaName: "users", LatestSchemaVersion: 1, Description: "d" });
    const version = await glue.send(new GetSchemaVersionCommand({ SchemaId: { SchemaName: "users", RegistryName: "default-registry" }, SchemaVersionNumber: { LatestVersion: true } }));
    expect(version).toMatchObject({ SchemaVersionId: created.SchemaVersionId, SchemaDefinition: V1, VersionNumber: 1, Status: "AVAILABLE", DataFormat: "AVRO", SchemaArn: SCHEMA_ARN });

    const again = await rejectionOf(glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1 })));
    expect(again).toBeInstanceOf(AlreadyExistsException);
    expect(again.message).toBe("Schema already exists. SchemaName: users");
  });

  it("registers versions: PENDING, then AVAILABLE; an identical definition returns the existing version", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1 }));
    const registered = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: V2 }));
    expect(registered).toMatchObject({ VersionNumber: 2, Status: "PENDING" });
    expect(await settledStatus(registered.SchemaVersionId!)).toBe("AVAILABLE");

    // Same definition, other whitespace and member order: the same version.
    const same = JSON.stringify(JSON.parse(V2), null, 4).replace('"type": "record",', '"type":"record",');
    const repeat = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaArn: SCHEMA_ARN }, SchemaDefinition: same }));
    expect(repeat).toEqual({ $metadata: expect.anything(), SchemaVersionId: registered.SchemaVersionId, VersionNumber: 2, Status: "AVAILABLE" });
    expect((await glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "users" } }))).LatestSchemaVersion).toBe(2);

    const byDefinition = await glue.send(new GetSchemaByDefinitionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: V1 }));
    expect(byDefinition).toMatchObject({ SchemaArn: SCHEMA_ARN, DataFormat: "AVRO", Status: "AVAILABLE" });
    const unknown = await rejectionOf(glue.send(new GetSchemaByDefinitionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: avro([{ name: "zzz", type: "int" }]) })));
    expect(unknown).toBeInstanceOf(EntityNotFoundException);
  });

  it("ends an incompatible version FAILURE: it keeps its number but is not the latest version", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", Compatibility: "BACKWARD", SchemaDefinition: V1 }));
    const incompatible = avro([{ name: "id", type: "int" }]);
    const { SchemaVersionId, VersionNumber } = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: incompatible }));
    expect(VersionNumber).toBe(2);
    expect(await settledStatus(SchemaVersionId!)).toBe("FAILURE");
    // AWS says no more than FAILURE; the helper says why, for a test's message.
    expect(schemaVersionProblems(SchemaVersionId!)).toEqual([expect.stringMatching(/^BACKWARD: the new version cannot read data written with version 1: cannot read "string" as "int"/)]);
    expect(() => schemaVersionProblems("00000000-0000-0000-0000-000000000000")).toThrow(/does not exist/);
    const schema = await glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "users" } }));
    expect(schema).toMatchObject({ LatestSchemaVersion: 1, NextSchemaVersion: 3 });
    // GetSchemaByDefinition finds versions whatever their status.
    expect((await glue.send(new GetSchemaByDefinitionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: incompatible }))).Status).toBe("FAILURE");
    // Registering the failed definition again checks it anew, under the schema's current mode.
    await glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "users" }, Compatibility: "NONE", SchemaVersionNumber: { LatestVersion: true } }));
    const retried = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: incompatible }));
    expect(retried).toMatchObject({ VersionNumber: 3, Status: "AVAILABLE" });
  });

  it("holds a version PENDING in manual mode, and lets a rule make it fail", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1 }));
    aws.configure({ transitions: "manual" });
    const { SchemaVersionId } = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: V2 }));
    expect((await glue.send(new GetSchemaVersionCommand({ SchemaVersionId }))).Status).toBe("PENDING");
    aws.step();
    expect((await glue.send(new GetSchemaVersionCommand({ SchemaVersionId }))).Status).toBe("AVAILABLE");

    aws.lifecycle("Glue.SchemaVersion", { SchemaName: "users" }).endsIn("FAILURE");
    const third = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: avro([{ name: "id", type: "string" }, { name: "b", type: "int", default: 1 }]) }));
    aws.settle();
    expect((await glue.send(new GetSchemaVersionCommand({ SchemaVersionId: third.SchemaVersionId }))).Status).toBe("FAILURE");
  });

  it("refuses invalid definitions with the documented error, per format", async () => {
    const cases: Array<["AVRO" | "JSON" | "PROTOBUF", string, RegExp]> = [
      ["AVRO", "{not json", /Schema definition of AVRO data format is invalid/],
      ["AVRO", JSON.stringify({ type: "record", name: "U", fields: [{ name: "a", type: "strin" }] }), /undefined type name: strin/],
      ["AVRO", JSON.stringify({ type: "record", fields: [] }), /AVRO data format is invalid/],
      ["JSON", jsonSchema({ type: "objec" }), /Schema definition of JSON data format is invalid/],
      ["JSON", jsonSchema({ properties: { a: { $ref: "#/definitions/missing" } } }), /can't resolve reference/],
      ["JSON", JSON.stringify({ $schema: "http://example.com/custom", type: "object" }), /not one of the supported drafts/],
      ["PROTOBUF", proto("message A { strin a = 1; }"), /PROTOBUF data format is invalid/],
      ["PROTOBUF", proto("message A { optional group G = 1 { optional int32 x = 2; } }", "proto2"), /groups are not supported/],
      ["PROTOBUF", proto('import "other.proto";\nmessage A { string a = 1; }'), /cannot be resolved/],
      // Nested deeper than the parsing library recurses: said in the registry's words, not the engine's.
      ["AVRO", `${'{"type":"array","items":'.repeat(5000)}"int"${"}".repeat(5000)}`, /AVRO data format is invalid: the definition is nested too deeply to be parsed/],
      ["JSON", `${'{"type":"object","properties":{"a":'.repeat(2000)}{}${"}}".repeat(2000)}`, /JSON data format is invalid: the definition is nested too deeply to be parsed/],
      // protobufjs quotes the whole illegal token (here 20,000 characters): the message keeps its start.
      ["PROTOBUF", `message A {}\n${"/*".repeat(10000)}`, /PROTOBUF data format is invalid: illegal token '\*\/\*\/.{0,300}$/],
    ];
    for (const [format, definition, message] of cases) {
      const error = await rejectionOf(glue.send(new CreateSchemaCommand({ SchemaName: "bad", DataFormat: format, SchemaDefinition: definition })));
      expect(error, definition).toBeInstanceOf(InvalidInputException);
      expect(error.message).toMatch(message);
      const check = await glue.send(new CheckSchemaVersionValidityCommand({ DataFormat: format, SchemaDefinition: definition }));
      expect(check.Valid).toBe(false);
      expect(check.Error).toBeTruthy();
      expect(check.Error).not.toMatch(/call stack/i);
      expect(check.Error!.length).toBeLessThan(400);
    }
    // Nothing was created by the refused calls.
    expect(await rejectionOf(glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "bad" } })))).toBeInstanceOf(EntityNotFoundException);
    for (const [format, definition] of [
      ["AVRO", V1],
      ["JSON", jsonSchema({ type: "object", properties: { a: { type: "string", format: "uuid" } } })],
      ["JSON", JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", type: "integer", minimum: 0, exclusiveMinimum: true })],
      ["PROTOBUF", proto('import "google/protobuf/timestamp.proto";\nmessage A { google.protobuf.Timestamp at = 1; map<string, int32> counts = 2; }')],
    ] as const) {
      expect((await glue.send(new CheckSchemaVersionValidityCommand({ DataFormat: format, SchemaDefinition: definition }))).Valid, definition).toBe(true);
    }
  });

  it("checks Protobuf definitions of many blank or comment lines, and still reads syntax and edition after them", async () => {
    // Each is near the 170,000-character limit: a check that scans on from every line start
    // takes quadratic time on these (tens of seconds each) instead of answering at once.
    const check = (SchemaDefinition: string) => glue.send(new CheckSchemaVersionValidityCommand({ DataFormat: "PROTOBUF", SchemaDefinition }));
    for (const filler of [" \n", "\t\n", "//\n", "\n"]) {
      const padding = filler.repeat(Math.floor(169000 / filler.length));
      expect((await check(`${padding}message A { optional int32 a = 1; }`)).Valid, JSON.stringify(filler)).toBe(true);
    }
    const padding = " \n".repeat(80000);
    expect(await check(`${padding}syntax = "proto4";\nmessage A {}`)).toMatchObject({ Valid: false, Error: expect.stringMatching(/syntax must be "proto2" or "proto3"/) });
    expect(await check(`${padding}  edition = "2023";\nmessage A {}`)).toMatchObject({ Valid: false, Error: expect.stringMatching(/editions are not supported/) });
    expect(await check(`${padding}\tsyntax = "proto3";\nmessage A { optional int32 a = 1; }`)).toMatchObject({ Valid: true });
  });

  it("lists schemas across registries or in one, and versions, with the SDK paginators", async () => {
    await glue.send(new CreateRegistryCommand({ RegistryName: "other" }));
    for (let i = 0; i < 3; i++) await glue.send(new CreateSchemaCommand({ SchemaName: `s${i}`, DataFormat: "AVRO", SchemaDefinition: V1 }));
    for (let i = 0; i < 2; i++) await glue.send(new CreateSchemaCommand({ RegistryId: { RegistryName: "other" }, SchemaName: `o${i}`, DataFormat: "JSON", SchemaDefinition: jsonSchema({ type: "object" }) }));
    const all: string[] = [];
    for await (const page of paginateListSchemas({ client: glue, pageSize: 2 }, {})) all.push(...page.Schemas!.map((s) => `${s.RegistryName}/${s.SchemaName}`));
    expect(all).toEqual(["default-registry/s0", "default-registry/s1", "default-registry/s2", "other/o0", "other/o1"]);
    const inOther: string[] = [];
    for await (const page of paginateListSchemas({ client: glue, pageSize: 1 }, { RegistryId: { RegistryName: "other" } })) inOther.push(...page.Schemas!.map((s) => s.SchemaName!));
    expect(inOther).toEqual(["o0", "o1"]);

    await glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "s0" }, Compatibility: "NONE", SchemaVersionNumber: { VersionNumber: 1 } }));
    for (let i = 0; i < 4; i++) await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "s0" }, SchemaDefinition: avro([{ name: `f${i}`, type: "int" }]) }));
    const versions: number[] = [];
    for await (const page of paginateListSchemaVersions({ client: glue, pageSize: 2 }, { SchemaId: { SchemaName: "s0" } })) versions.push(...page.Schemas!.map((v) => v.VersionNumber!));
    expect(versions).toEqual([1, 2, 3, 4, 5]);
  });

  it("updates compatibility with a checkpoint, and validates the checkpoint", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1 }));
    await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: V2 }));
    aws.settle();
    const updated = await glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "users" }, Compatibility: "FULL_ALL", SchemaVersionNumber: { LatestVersion: true }, Description: "now full" }));
    expect(updated).toMatchObject({ SchemaName: "users", RegistryName: "default-registry", SchemaArn: SCHEMA_ARN });
    expect(await glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "users" } }))).toMatchObject({ Compatibility: "FULL_ALL", SchemaCheckpoint: 2, Description: "now full" });

    const noCheckpoint = await rejectionOf(glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "users" }, Compatibility: "NONE" })));
    expect(noCheckpoint).toBeInstanceOf(InvalidInputException);
    const missing = await rejectionOf(glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "users" }, SchemaVersionNumber: { VersionNumber: 9 } })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    const both = await rejectionOf(glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "users" }, SchemaVersionNumber: { VersionNumber: 1, LatestVersion: true } })));
    expect(both.message).toBe("Only one of VersionNumber or LatestVersion is required.");
    expect((await glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "users" } }))).SchemaCheckpoint).toBe(2);
  });

  it("finds versions by id, by number or as the latest, and refuses mixed selectors", async () => {
    const { SchemaVersionId } = await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1 }));
    expect((await glue.send(new GetSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaVersionNumber: { VersionNumber: 1 } }))).SchemaVersionId).toBe(SchemaVersionId);
    const mixed = await rejectionOf(glue.send(new GetSchemaVersionCommand({ SchemaVersionId, SchemaId: { SchemaName: "users" } })));
    expect(mixed.message).toBe("No other input parameters can be specified when fetching by SchemaVersionId.");
    const noNumber = await rejectionOf(glue.send(new GetSchemaVersionCommand({ SchemaId: { SchemaName: "users" } })));
    expect(noNumber.message).toBe("One of version number (or) latest version is required.");
    const absent = await rejectionOf(glue.send(new GetSchemaVersionCommand({ SchemaVersionId: "00000000-0000-0000-0000-000000000000" })));
    expect(absent).toBeInstanceOf(EntityNotFoundException);
    expect(absent.message).toBe("Schema version is not found. SchemaVersionId: 00000000-0000-0000-0000-000000000000");
    const bothIds = await rejectionOf(glue.send(new GetSchemaCommand({ SchemaId: { SchemaArn: SCHEMA_ARN, SchemaName: "users" } })));
    expect(bothIds.message).toBe("One of (registryName and schemaName) or schemaArn has to be provided, both cannot be provided.");
    const noSchema = await rejectionOf(glue.send(new GetSchemaCommand({ SchemaId: { RegistryName: "x", SchemaName: "y" } })));
    expect(noSchema.message).toBe("Schema is not found. RegistryName: x, SchemaName: y, SchemaArn: null");
  });

  it("deletes version ranges such as 1-3,5, never the checkpoint or version 1, and reports missing ones", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "JSON", Compatibility: "NONE", SchemaDefinition: jsonSchema({ type: "object" }) }));
    for (let i = 2; i <= 6; i++) await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: jsonSchema({ type: "object", title: `v${i}` }) }));
    await glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "users" }, SchemaVersionNumber: { VersionNumber: 4 } }));

    const checkpoint = await rejectionOf(glue.send(new DeleteSchemaVersionsCommand({ SchemaId: { SchemaName: "users" }, Versions: "3-5" })));
    expect(checkpoint).toBeInstanceOf(ConcurrentModificationException);
    const first = await rejectionOf(glue.send(new DeleteSchemaVersionsCommand({ SchemaId: { SchemaName: "users" }, Versions: "1" })));
    expect(first).toBeInstanceOf(InvalidInputException);
    const garbled = await rejectionOf(glue.send(new DeleteSchemaVersionsCommand({ SchemaId: { SchemaName: "users" }, Versions: "5-2" })));
    expect(garbled).toBeInstanceOf(InvalidInputException);

    aws.lifecycle("Glue.RegistryDeletion").staysIn("DELETING");
    const result = await glue.send(new DeleteSchemaVersionsCommand({ SchemaId: { SchemaName: "users" }, Versions: "2-3,5,9" }));
    expect(result.SchemaVersionErrors).toEqual([{ VersionNumber: 9, ErrorDetails: { ErrorCode: "EntityNotFoundException", ErrorMessage: expect.stringContaining("9") } }]);
    const listed = (await glue.send(new ListSchemaVersionsCommand({ SchemaId: { SchemaName: "users" } }))).Schemas!.map((v) => `${v.VersionNumber}:${v.Status}`);
    expect(listed).toEqual(["1:AVAILABLE", "2:DELETING", "3:DELETING", "4:AVAILABLE", "5:DELETING", "6:AVAILABLE"]);
    aws.settle();
    const after = (await glue.send(new ListSchemaVersionsCommand({ SchemaId: { SchemaName: "users" } }))).Schemas!.map((v) => v.VersionNumber);
    expect(after).toEqual([1, 4, 6]);
  });

  it("deletes a schema asynchronously and refuses new versions meanwhile", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1 }));
    aws.lifecycle("Glue.RegistryDeletion").staysIn("DELETING");
    expect(await glue.send(new DeleteSchemaCommand({ SchemaId: { SchemaArn: SCHEMA_ARN } }))).toMatchObject({ SchemaName: "users", SchemaArn: SCHEMA_ARN, Status: "DELETING" });
    const register = await rejectionOf(glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: V2 })));
    expect(register).toBeInstanceOf(ConcurrentModificationException);
    expect((await glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "users" } }))).SchemaStatus).toBe("DELETING");
    aws.settle();
    expect(await rejectionOf(glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: "users" } })))).toBeInstanceOf(EntityNotFoundException);
    // The name is free again.
    expect((await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V2 }))).LatestSchemaVersion).toBe(1);
  });

  it("diffs two versions line by line", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", SchemaDefinition: V1 }));
    await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: V2 }));
    const { Diff } = await glue.send(
      new GetSchemaVersionsDiffCommand({ SchemaId: { SchemaName: "users" }, FirstSchemaVersionNumber: { VersionNumber: 1 }, SecondSchemaVersionNumber: { VersionNumber: 2 }, SchemaDiffType: "SYNTAX_DIFF" }),
    );
    const lines = Diff!.split("\n");
    expect(lines.slice(0, 2)).toEqual(["--- version 1", "+++ version 2"]);
    expect(lines.filter((l) => l.startsWith("+"))).toEqual(["+++ version 2", "+    },", "+    {", '+      "name": "age",', '+      "type": "int",', '+      "default": 0']);
    expect(lines.filter((l) => l.startsWith("-") && !l.startsWith("---"))).toEqual([]);
    const missing = await rejectionOf(
      glue.send(new GetSchemaVersionsDiffCommand({ SchemaId: { SchemaName: "users" }, FirstSchemaVersionNumber: { VersionNumber: 1 }, SecondSchemaVersionNumber: { VersionNumber: 7 }, SchemaDiffType: "SYNTAX_DIFF" })),
    );
    expect(missing).toBeInstanceOf(EntityNotFoundException);
  });

  it("diffs two large versions that share no line without building a lines × lines table", async () => {
    // 56,000 and 84,000 differing lines (both under the 170,000-character limit): a full
    // longest-common-subsequence table would have 4.7 billion cells.
    const first = `message A {}\n${"//\n".repeat(56000)}`;
    const second = `message B {}\n${" \n".repeat(84000)}`;
    await glue.send(new CreateSchemaCommand({ SchemaName: "big", DataFormat: "PROTOBUF", Compatibility: "NONE", SchemaDefinition: first }));
    await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "big" }, SchemaDefinition: second }));
    aws.settle();
    const { Diff } = await glue.send(
      new GetSchemaVersionsDiffCommand({ SchemaId: { SchemaName: "big" }, FirstSchemaVersionNumber: { VersionNumber: 1 }, SecondSchemaVersionNumber: { VersionNumber: 2 }, SchemaDiffType: "SYNTAX_DIFF" }),
    );
    const lines = Diff!.split("\n");
    expect(lines.slice(0, 4)).toEqual(["--- version 1", "+++ version 2", "-message A {}", "-//"]);
    // Every removed line, then every added one; the shared last (empty) line stays.
    expect(lines.filter((l) => l.startsWith("-") && !l.startsWith("---"))).toHaveLength(56001);
    expect(lines.filter((l) => l.startsWith("+") && !l.startsWith("+++"))).toHaveLength(84001);
    expect(lines.findIndex((l) => l.startsWith("+") && !l.startsWith("+++"))).toBe(2 + 56001);
    expect(lines.at(-1)).toBe(" ");
  });
});
