import { CreateSchemaCommand, GetSchemaVersionCommand, RegisterSchemaVersionCommand, type Compatibility, type DataFormat } from "@aws-sdk/client-glue";
import { glue } from "../helpers.js";

export const avro = (fields: object[], name = "User") => JSON.stringify({ type: "record", name, namespace: "example", fields });
export const jsonSchema = (schema: object) => JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", ...schema });
export const proto = (body: string, syntax = "proto3") => `syntax = "${syntax}";\npackage example;\n${body}\n`;

/** Reads a version until its compatibility check has ended; returns its final status. */
export async function settledStatus(SchemaVersionId: string): Promise<string> {
  for (let reads = 0; reads < 10; reads++) {
    const { Status } = await glue.send(new GetSchemaVersionCommand({ SchemaVersionId }));
    if (Status !== "PENDING") return Status!;
  }
  throw new Error(`schema version ${SchemaVersionId} stayed PENDING`);
}

/** Creates a schema with `first` as version 1, registers `next` in turn; returns each one's final status. */
export async function evolve(name: string, format: DataFormat, compatibility: Compatibility, first: string, ...next: string[]): Promise<string[]> {
  await glue.send(new CreateSchemaCommand({ SchemaName: name, DataFormat: format, Compatibility: compatibility, SchemaDefinition: first }));
  const statuses: string[] = [];
  for (const definition of next) {
    const { SchemaVersionId } = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaName: name }, SchemaDefinition: definition }));
    statuses.push(await settledStatus(SchemaVersionId!));
  }
  return statuses;
}
