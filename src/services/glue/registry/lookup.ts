import type { RegistryId, SchemaId, SchemaVersionNumber } from "@aws-sdk/client-glue";
import { parseArn } from "../../../engine/arn.js";
import type { RequestContext } from "../../../engine/context.js";
import { str, struct } from "../../../engine/validation/rules.js";
import type { GlueBackend } from "../backend.js";
import { DEFAULT_REGISTRY, latestAvailable, schemaKey, versionKey, type RegistryRecord, type SchemaRecord, type VersionRecord } from "./state.js";

/**
 * How requests name registries, schemas and versions (Schema Registry API, "RegistryId",
 * "SchemaId", "SchemaVersionNumber"), with the messages Glue answers when they are wrong.
 */

/** SchemaRegistryNameString. */
export const REGISTRY_NAME = str({ min: 1, max: 255, pattern: "^[a-zA-Z0-9-_$#.]+$" });
/** GlueResourceArn. */
export const GLUE_ARN = str({ min: 1, max: 10240, pattern: "arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*" });
export const REGISTRY_ID = struct({ RegistryName: REGISTRY_NAME, RegistryArn: GLUE_ARN });
export const SCHEMA_ID = struct({ SchemaArn: GLUE_ARN, SchemaName: REGISTRY_NAME, RegistryName: REGISTRY_NAME });
/** SchemaVersionIdString: a lower-case UUID. */
export const SCHEMA_VERSION_ID = str({ min: 36, max: 36, pattern: "^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$" });

type Ctx = RequestContext<GlueBackend>;

const orNull = (value: string | undefined): string => value ?? "null";

export const registryArn = (ctx: Ctx, name: string): string => ctx.arn(`registry/${name}`);
export const schemaArn = (ctx: Ctx, registry: string, schema: string): string => ctx.arn(`schema/${registry}/${schema}`);

/** The registry name a RegistryId gives (the default registry's when it gives none and `defaultWhenEmpty`). */
export function registryNameOf(ctx: Ctx, id: RegistryId | undefined, defaultWhenEmpty: boolean): { name: string; by: "RegistryName" | "RegistryArn"; value: string } {
  const name = id?.RegistryName;
  const arn = id?.RegistryArn;
  if (name !== undefined && arn !== undefined) throw ctx.invalid("One of registryName or registryArn has to be provided, both cannot be provided.");
  if (name !== undefined) return { name, by: "RegistryName", value: name };
  if (arn !== undefined) {
    const parts = parseArn(arn);
    const match = parts && /^registry\/([a-zA-Z0-9-_$#.]{1,255})$/.exec(parts.resource);
    if (!parts || parts.service !== "glue" || !match) throw ctx.invalid(`${arn} is not the ARN of a registry (arn:<partition>:glue:<region>:<account>:registry/<name>).`);
    if (!ctx.isOwn(parts)) throw ctx.error("EntityNotFoundException", `Registry is not found. RegistryArn: ${arn}`);
    return { name: match[1]!, by: "RegistryArn", value: arn };
  }
  if (defaultWhenEmpty) return { name: DEFAULT_REGISTRY, by: "RegistryName", value: DEFAULT_REGISTRY };
  throw ctx.invalid("One of registryName or registryArn has to be provided.");
}

/** An existing registry (DELETING ones included: reads show them so). */
export function findRegistry(ctx: Ctx, id: RegistryId | undefined, defaultWhenEmpty = false): RegistryRecord {
  const named = registryNameOf(ctx, id, defaultWhenEmpty);
  const registry = ctx.backend.schemaRegistry.registries.get(named.name);
  if (!registry) throw ctx.error("EntityNotFoundException", `Registry is not found. ${named.by}: ${named.value}`);
  return registry;
}

/** A registry that accepts changes: not being deleted. */
export function writableRegistry(ctx: Ctx, registry: RegistryRecord): RegistryRecord {
  if (registry.status === "DELETING") throw ctx.error("ConcurrentModificationException", `Registry ${registry.name} is being deleted: it accepts no changes.`);
  return registry;
}

/** Registry and schema names a SchemaId gives (RegistryName defaults to the default registry). */
export function schemaNamesOf(ctx: Ctx, id: SchemaId | undefined): { registry: string; schema: string; arn: string | undefined } {
  const arn = id?.SchemaArn;
  if (arn !== undefined) {
    if (id?.SchemaName !== undefined || id?.RegistryName !== undefined) {
      throw ctx.invalid("One of (registryName and schemaName) or schemaArn has to be provided, both cannot be provided.");
    }
    const parts = parseArn(arn);
    const match = parts && /^schema\/([a-zA-Z0-9-_$#.]{1,255})\/([a-zA-Z0-9-_$#.]{1,255})$/.exec(parts.resource);
    if (!parts || parts.service !== "glue" || !match) throw ctx.invalid(`${arn} is not the ARN of a schema (arn:<partition>:glue:<region>:<account>:schema/<registry>/<schema>).`);
    if (!ctx.isOwn(parts)) throw ctx.error("EntityNotFoundException", `Schema is not found. RegistryName: null, SchemaName: null, SchemaArn: ${arn}`);
    return { registry: match[1]!, schema: match[2]!, arn };
  }
  if (id?.SchemaName === undefined) throw ctx.invalid("At least one of (registryName and schemaName) or schemaArn has to be provided.");
  return { registry: id.RegistryName ?? DEFAULT_REGISTRY, schema: id.SchemaName, arn: undefined };
}

/** An existing schema (DELETING ones included). */
export function findSchema(ctx: Ctx, id: SchemaId | undefined): SchemaRecord {
  const names = schemaNamesOf(ctx, id);
  const schema = ctx.backend.schemaRegistry.schemas.get(schemaKey(names.registry, names.schema));
  if (!schema) {
    throw ctx.error("EntityNotFoundException", `Schema is not found. RegistryName: ${names.arn ? "null" : names.registry}, SchemaName: ${names.arn ? "null" : names.schema}, SchemaArn: ${orNull(names.arn)}`);
  }
  return schema;
}

/** A schema that accepts changes: neither it nor its registry is being deleted. */
export function writableSchema(ctx: Ctx, schema: SchemaRecord): SchemaRecord {
  writableRegistry(ctx, schema.registry);
  if (schema.status === "DELETING") throw ctx.error("ConcurrentModificationException", `Schema ${schema.name} is being deleted: it accepts no changes.`);
  return schema;
}

/** A SchemaVersionNumber's version number: a VersionNumber, or the latest available version. */
export function versionNumberOf(ctx: Ctx, schema: SchemaRecord, number: SchemaVersionNumber | undefined): number | undefined {
  if (!number || (number.LatestVersion === undefined && number.VersionNumber === undefined)) throw ctx.invalid("One of version number (or) latest version is required.");
  if (number.LatestVersion && number.VersionNumber !== undefined) throw ctx.invalid("Only one of VersionNumber or LatestVersion is required.");
  if (number.VersionNumber !== undefined) return number.VersionNumber;
  if (number.LatestVersion === false) throw ctx.invalid("One of version number (or) latest version is required.");
  return latestAvailable(schema)?.number;
}

function versionNotFound(ctx: Ctx, schema: SchemaRecord, id: SchemaId | undefined, number: SchemaVersionNumber | undefined): Error {
  return ctx.error(
    "EntityNotFoundException",
    `Schema version is not found. RegistryName: ${id?.SchemaArn ? "null" : schema.registry.name}, SchemaName: ${id?.SchemaArn ? "null" : schema.name}, SchemaArn: ${orNull(id?.SchemaArn)}, VersionNumber: ${number?.VersionNumber ?? "null"}, isLatestVersion: ${number?.LatestVersion ?? false}`,
  );
}

/** The version a SchemaId + SchemaVersionNumber names. */
export function findVersionByNumber(ctx: Ctx, id: SchemaId | undefined, number: SchemaVersionNumber | undefined): VersionRecord {
  const schema = findSchema(ctx, id);
  const n = versionNumberOf(ctx, schema, number);
  const version = n === undefined ? undefined : schema.versions.get(versionKey(n));
  if (!version) throw versionNotFound(ctx, schema, id, number);
  return version;
}

/**
 * The version a request names: by SchemaVersionId alone, or by SchemaId with a
 * SchemaVersionNumber (Get/Put/Query/RemoveSchemaVersionMetadata, GetSchemaVersion).
 */
export function findVersion(ctx: Ctx, input: { SchemaId?: SchemaId | undefined; SchemaVersionId?: string | undefined; SchemaVersionNumber?: SchemaVersionNumber | undefined }): VersionRecord {
  if (input.SchemaVersionId !== undefined) {
    if (input.SchemaId !== undefined || input.SchemaVersionNumber !== undefined) throw ctx.invalid("No other input parameters can be specified when fetching by SchemaVersionId.");
    const version = ctx.backend.schemaRegistry.versionsById.get(input.SchemaVersionId);
    if (!version) throw ctx.error("EntityNotFoundException", `Schema version is not found. SchemaVersionId: ${input.SchemaVersionId}`);
    return version;
  }
  if (input.SchemaId === undefined) throw ctx.invalid("At least one of (registryName and schemaName) or schemaArn has to be provided.");
  return findVersionByNumber(ctx, input.SchemaId, input.SchemaVersionNumber);
}
