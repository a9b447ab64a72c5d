import { CreateSchemaCommand, InvalidInputException, RegisterSchemaVersionCommand, UpdateSchemaCommand, type Compatibility, type DataFormat } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { schemaVersionProblems } from "aws-doubles/glue";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";
import { avro, evolve, jsonSchema, proto, settledStatus } from "./helpers.js";

/**
 * Tables of schema pairs per data format: `backward` says whether a reader with the new
 * schema reads data written with the old one, `forward` the reverse. Every mode is derived
 * from those two answers and checked through RegisterSchemaVersion, so each row exercises
 * NONE, BACKWARD, BACKWARD_ALL, FORWARD, FORWARD_ALL, FULL and FULL_ALL.
 */
interface Pair {
  change: string;
  old: string;
  next: string;
  backward: boolean;
  forward: boolean;
}

const AVRO: Pair[] = [
  { change: "adds a field with a default", old: avro([{ name: "id", type: "string" }]), next: avro([{ name: "id", type: "string" }, { name: "age", type: "int", default: 0 }]), backward: true, forward: true },
  { change: "adds a field without a default", old: avro([{ name: "id", type: "string" }]), next: avro([{ name: "id", type: "string" }, { name: "age", type: "int" }]), backward: false, forward: true },
  { change: "removes a field without a default", old: avro([{ name: "id", type: "string" }, { name: "age", type: "int" }]), next: avro([{ name: "id", type: "string" }]), backward: true, forward: false },
  { change: "removes a field with a default", old: avro([{ name: "id", type: "string" }, { name: "age", type: "int", default: 1 }]), next: avro([{ name: "id", type: "string" }]), backward: true, forward: true },
  { change: "promotes int to long", old: avro([{ name: "n", type: "int" }]), next: avro([{ name: "n", type: "long" }]), backward: true, forward: false },
  { change: "changes string to int", old: avro([{ name: "n", type: "string" }]), next: avro([{ name: "n", type: "int" }]), backward: false, forward: false },
  { change: "widens a field to a union with null", old: avro([{ name: "n", type: "string" }]), next: avro([{ name: "n", type: ["null", "string"], default: null }]), backward: true, forward: false },
  { change: "adds an enum symbol", old: avro([{ name: "c", type: { type: "enum", name: "Color", symbols: ["RED"] } }]), next: avro([{ name: "c", type: { type: "enum", name: "Color", symbols: ["RED", "BLUE"] } }]), backward: true, forward: false },
  { change: "renames a field with an alias", old: avro([{ name: "id", type: "string" }]), next: avro([{ name: "userId", type: "string", aliases: ["id"] }]), backward: true, forward: false },
];

const OBJ = (properties: object, required: string[] = [], extra: object = {}) => jsonSchema({ type: "object", properties, required, ...extra });
const JSON_PAIRS: Pair[] = [
  { change: "adds an optional property", old: OBJ({ id: { type: "string" } }, ["id"]), next: OBJ({ id: { type: "string" }, age: { type: "integer" } }, ["id"]), backward: true, forward: true },
  { change: "adds a required property", old: OBJ({ id: { type: "string" } }, ["id"]), next: OBJ({ id: { type: "string" }, age: { type: "integer" } }, ["id", "age"]), backward: false, forward: true },
  { change: "removes a required property", old: OBJ({ id: { type: "string" }, age: { type: "integer" } }, ["id", "age"]), next: OBJ({ id: { type: "string" } }, ["id"]), backward: true, forward: false },
  { change: "changes a property's type", old: OBJ({ id: { type: "string" } }), next: OBJ({ id: { type: "integer" } }), backward: false, forward: false },
  { change: "widens integer to number", old: OBJ({ n: { type: "integer" } }), next: OBJ({ n: { type: "number" } }), backward: true, forward: false },
  { change: "adds an enum value", old: OBJ({ c: { enum: ["RED"] } }), next: OBJ({ c: { enum: ["RED", "BLUE"] } }), backward: true, forward: false },
  { change: "lowers a maxLength", old: OBJ({ s: { type: "string", maxLength: 10 } }), next: OBJ({ s: { type: "string", maxLength: 5 } }), backward: false, forward: true },
  { change: "closes the content model", old: OBJ({ id: { type: "string" } }), next: OBJ({ id: { type: "string" } }, [], { additionalProperties: false }), backward: false, forward: true },
  {
    change: "changes a referenced definition's type",
    old: jsonSchema({ type: "object", properties: { a: { $ref: "#/definitions/A" } }, definitions: { A: { type: "string" } } }),
    next: jsonSchema({ type: "object", properties: { a: { $ref: "#/definitions/A" } }, definitions: { A: { type: "boolean" } } }),
    backward: false,
    forward: false,
  },
  { change: "adds a branch to anyOf", old: OBJ({ v: { anyOf: [{ type: "string" }] } }), next: OBJ({ v: { anyOf: [{ type: "string" }, { type: "integer" }] } }), backward: true, forward: false },
];

const PROTO: Pair[] = [
  { change: "adds a field", old: proto("message User { string id = 1; }"), next: proto("message User { string id = 1; int32 age = 2; }"), backward: true, forward: true },
  { change: "removes a field", old: proto("message User { string id = 1; int32 age = 2; }"), next: proto("message User { string id = 1; }"), backward: true, forward: true },
  { change: "renames a field, same number", old: proto("message User { string id = 1; }"), next: proto("message User { string user_id = 1; }"), backward: true, forward: true },
  { change: "changes a field's type incompatibly", old: proto("message User { string id = 1; }"), next: proto("message User { int32 id = 1; }"), backward: false, forward: false },
  { change: "changes int32 to int64 (wire-compatible)", old: proto("message User { int32 n = 1; }"), next: proto("message User { int64 n = 1; }"), backward: true, forward: true },
  { change: "makes a field repeated", old: proto("message User { string id = 1; }"), next: proto("message User { repeated string id = 1; }"), backward: false, forward: false },
  { change: "removes a message type", old: proto("message User { string id = 1; }\nmessage Team { string n = 1; }"), next: proto("message User { string id = 1; }"), backward: false, forward: true },
  { change: "adds a proto2 required field", old: proto("message User { optional string id = 1; }", "proto2"), next: proto("message User { optional string id = 1; required int32 age = 2; }", "proto2"), backward: false, forward: true },
  { change: "moves two fields into one oneof", old: proto("message User { string a = 1; string b = 2; }"), next: proto("message User { oneof x { string a = 1; string b = 2; } }"), backward: false, forward: true },
  { change: "changes the syntax", old: proto("message User { optional string id = 1; }", "proto2"), next: proto("message User { string id = 1; }"), backward: false, forward: false },
];

const MODES: Array<[Compatibility, (p: Pair) => boolean]> = [
  ["NONE", () => true],
  ["BACKWARD", (p) => p.backward],
  ["BACKWARD_ALL", (p) => p.backward],
  ["FORWARD", (p) => p.forward],
  ["FORWARD_ALL", (p) => p.forward],
  ["FULL", (p) => p.backward && p.forward],
  ["FULL_ALL", (p) => p.backward && p.forward],
];

const FORMATS: Array<[DataFormat, Pair[]]> = [
  ["AVRO", AVRO],
  ["JSON", JSON_PAIRS],
  ["PROTOBUF", PROTO],
];

describe.each(FORMATS)("Schema Registry compatibility: %s", (format, pairs) => {
  it.each(pairs.map((p) => [p.change, p] as const))("a version that %s passes exactly the modes it should", async (_change, pair) => {
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [mode, passes] of MODES) {
      const [status] = await evolve(`s-${mode}`, format, mode, pair.old, pair.next);
      outcomes[mode] = status!;
      expected[mode] = passes(pair) ? "AVAILABLE" : "FAILURE";
    }
    expect(outcomes).toEqual(expected);
  });

  it("refuses every new version under DISABLED", async () => {
    const [pair] = pairs;
    await glue.send(new CreateSchemaCommand({ SchemaName: "frozen", DataFormat: format, Compatibility: "DISABLED", SchemaDefinition: pair!.old }));
    const error = await rejectionOf(glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "frozen" }, SchemaDefinition: pair!.next })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain("Compatibility DISABLED does not allow versioning");
  });
});

describe("Schema Registry compatibility across several versions", () => {
  // v1 → v2 drops a field with no default (backward only), v2 → v3 adds it back with another
  // type: each step is backward compatible with the one before, v3 is not with v1.
  const v1 = avro([{ name: "id", type: "string" }, { name: "x", type: "string" }]);
  const v2 = avro([{ name: "id", type: "string" }]);
  const v3 = avro([{ name: "id", type: "string" }, { name: "x", type: "int", default: 0 }]);

  it("BACKWARD checks against the latest version only, BACKWARD_ALL against all of them", async () => {
    expect(await evolve("latest-only", "AVRO", "BACKWARD", v1, v2, v3)).toEqual(["AVAILABLE", "AVAILABLE"]);
    expect(await evolve("all", "AVRO", "BACKWARD_ALL", v1, v2, v3)).toEqual(["AVAILABLE", "FAILURE"]);
  });

  it("a FAILURE version is not compared against: the next version is checked against the last AVAILABLE one", async () => {
    const bad = avro([{ name: "id", type: "int" }, { name: "x", type: "string" }]);
    expect(await evolve("skip-failed", "AVRO", "BACKWARD", v1, bad, v2)).toEqual(["FAILURE", "AVAILABLE"]);
  });

  it("the _ALL modes start at the checkpoint: versions before it are no longer compared", async () => {
    expect(await evolve("moved", "AVRO", "BACKWARD", v1, v2)).toEqual(["AVAILABLE"]);
    await glue.send(new UpdateSchemaCommand({ SchemaId: { SchemaName: "moved" }, Compatibility: "BACKWARD_ALL", SchemaVersionNumber: { VersionNumber: 2 } }));
    const { SchemaVersionId } = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "moved" }, SchemaDefinition: v3 }));
    const { settledStatus } = await import("./helpers.js");
    expect(await settledStatus(SchemaVersionId!)).toBe("AVAILABLE");
  });
});

describe("Schema Registry compatibility of JSON schemas whose $refs reach one definition along many paths", () => {
  // d0 refers twice to d1, d1 twice to d2 … d39 twice to d40: 2^40 paths reach d40, in a
  // definition of a few kilobytes. Each pair of definitions is compared once, not once per path.
  const doubling = (leaf: object, extra: object = {}) => {
    const definitions: Record<string, object> = { d40: leaf };
    for (let i = 0; i < 40; i++) definitions[`d${i}`] = { type: "object", properties: { x: { $ref: `#/definitions/d${i + 1}` }, y: { $ref: `#/definitions/d${i + 1}` } }, ...extra };
    return jsonSchema({ definitions, $ref: "#/definitions/d0" });
  };

  it("decides a change deep inside, and a compatible one, under BACKWARD", async () => {
    const statuses = await evolve(
      "doubling",
      "JSON",
      "BACKWARD",
      doubling({ type: "string" }),
      doubling({ type: "integer" }), // the innermost type changes: no reader of it reads a string
      doubling({ type: "string" }, { required: [] }), // same as version 1 in effect
    );
    expect(statuses).toEqual(["FAILURE", "AVAILABLE"]);
  });
});

describe("Schema Registry reads a Protobuf definition's syntax from its syntax statement", () => {
  it("a comment that mentions another syntax does not change it: the definitions are the same version", async () => {
    const body = "package example;\nmessage A { optional int32 a = 1; }\n";
    const commented = `// was: syntax = "proto2";\nsyntax = "proto3";\n${body}`;
    await glue.send(new CreateSchemaCommand({ SchemaName: "commented", DataFormat: "PROTOBUF", Compatibility: "BACKWARD", SchemaDefinition: commented }));
    const again = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "commented" }, SchemaDefinition: `syntax = "proto3";\n${body}` }));
    expect(again).toMatchObject({ VersionNumber: 1, Status: "AVAILABLE" });
  });

  it("single quotes name the syntax as double quotes do", async () => {
    const body = "package example;\nmessage A { int32 a = 1; }\n";
    await glue.send(new CreateSchemaCommand({ SchemaName: "quoted", DataFormat: "PROTOBUF", Compatibility: "BACKWARD", SchemaDefinition: `syntax = 'proto3';\n${body}` }));
    // The same definition with the other quotes is the same version, not a syntax change.
    const again = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "quoted" }, SchemaDefinition: `syntax = "proto3";\n${body}` }));
    expect(again).toMatchObject({ VersionNumber: 1, Status: "AVAILABLE" });
  });
});

describe("Schema Registry compatibility of recursive JSON schemas read through anyOf", () => {
  // A Person names their employer, a Company names its owner (a Person): the two definitions
  // refer to each other. Version 2 changes Person's age from integer to string and reads
  // either the person or the company. Neither alternative reads what version 1 wrote: the age of
  // the person, and the age of the company's owner, are integers.
  const definitions = (age: string) => ({
    Person: { type: "object", properties: { employer: { $ref: "#/definitions/Company" }, age: { type: age } } },
    Company: { type: "object", properties: { owner: { $ref: "#/definitions/Person" } } },
  });
  const written = jsonSchema({ type: "object", definitions: definitions("integer"), properties: { person: { $ref: "#/definitions/Person" }, company: { $ref: "#/definitions/Company" } } });
  const reading = (...alternatives: string[]) =>
    jsonSchema({ type: "object", definitions: definitions("string"), anyOf: alternatives.map((name) => ({ properties: { [name]: { $ref: `#/definitions/${name === "person" ? "Person" : "Company"}` } } })) });

  it("refuses the new version whichever alternative is tried first", async () => {
    // Trying the person first compares Company inside the Person cycle; trying the company
    // afterwards must not take that comparison, made while Person was assumed readable, as final.
    expect(await evolve("person-first", "JSON", "BACKWARD", written, reading("person", "company"))).toEqual(["FAILURE"]);
    expect(await evolve("company-first", "JSON", "BACKWARD", written, reading("company", "person"))).toEqual(["FAILURE"]);
  });
});

describe("Schema Registry compatibility of recursive JSON schemas whose cycle passes through anyOf", () => {
  // A linked list: null, or a node with a value and the rest of the list.
  const list = (value: object) => jsonSchema({ anyOf: [{ type: "null" }, { type: "object", properties: { value, next: { $ref: "#" } } }] });

  it("decides the change instead of failing: a bound added to every value, and one removed", async () => {
    expect(await evolve("bounded", "JSON", "BACKWARD", list({ type: "string" }), list({ type: "string", maxLength: 3 }))).toEqual(["FAILURE"]);
    expect(await evolve("unbounded", "JSON", "BACKWARD", list({ type: "string", maxLength: 3 }), list({ type: "string" }))).toEqual(["AVAILABLE"]);
  });
});

describe("Schema Registry reports a JSON definition's problems at each path it is used at", () => {
  const withAddress = (zip: string) =>
    jsonSchema({ type: "object", definitions: { Address: { type: "object", properties: { zip: { type: zip } } } }, properties: { billing: { $ref: "#/definitions/Address" }, shipping: { $ref: "#/definitions/Address" } } });

  it("a definition compared once is reported under the billing and the shipping address", async () => {
    await glue.send(new CreateSchemaCommand({ SchemaName: "orders", DataFormat: "JSON", Compatibility: "BACKWARD", SchemaDefinition: withAddress("string") }));
    const { SchemaVersionId } = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "orders" }, SchemaDefinition: withAddress("integer") }));
    expect(await settledStatus(SchemaVersionId!)).toBe("FAILURE");
    expect(schemaVersionProblems(SchemaVersionId!)).toEqual([
      "BACKWARD: the new version cannot read data written with version 1: #/properties/billing/properties/zip: type string written, the reader accepts integer.",
      "BACKWARD: the new version cannot read data written with version 1: #/properties/shipping/properties/zip: type string written, the reader accepts integer.",
    ]);
  });
});
