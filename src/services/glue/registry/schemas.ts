import type {
  CreateSchemaInput,
  CreateSchemaResponse,
  DeleteSchemaInput,
  DeleteSchemaResponse,
  GetSchemaInput,
  GetSchemaResponse,
  ListSchemasInput,
  ListSchemasResponse,
  SchemaListItem,
  UpdateSchemaInput,
  UpdateSchemaResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { int, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { DESCRIPTION, TAGS } from "../shapes.js";
import type { Compatibility } from "./compatibility.js";
import { deleteSchemaLater } from "./deletion.js";
import type { DataFormat } from "./format.js";
import { findRegistry, findSchema, REGISTRY_ID, REGISTRY_NAME, registryNameOf, SCHEMA_ID, schemaArn, versionNumberOf, writableRegistry, writableSchema } from "./lookup.js";
import { checkRegistryQuota, newRegistry } from "./registries.js";
import { DEFAULT_REGISTRY, latestAvailable, QUOTAS, schemaKey, versionKey, type SchemaRecord } from "./state.js";
import { addVersion, parsedOrInvalid } from "./versions-core.js";

type Ctx = RequestContext<GlueBackend>;

/** SchemaDefinitionString: 1..170000 characters (its "\S" pattern is checked by the handler). */
export const SCHEMA_DEFINITION = str({ min: 1, max: 170000 });
/** SchemaVersionNumber: a VersionNumber (VersionLongNumber, 1..100000) or LatestVersion. */
export const SCHEMA_VERSION_NUMBER = struct({ VersionNumber: int({ min: 1, max: 100000 }) });

/** A read sees the schema as it is, then moves its deletion (or its registry's) on. */
export function observeSchema(ctx: Ctx, schema: SchemaRecord): SchemaRecord {
  ctx.observe(schema.deletion);
  ctx.observe(schema.registry.deletion);
  return schema;
}

/** The members GetSchema, CreateSchema and UpdateSchema share. */
function describeSchema(schema: SchemaRecord) {
  const latest = latestAvailable(schema);
  return {
    RegistryName: schema.registry.name,
    RegistryArn: schema.registry.arn,
    SchemaName: schema.name,
    SchemaArn: schema.arn,
    Description: schema.description,
    DataFormat: schema.dataFormat,
    Compatibility: schema.compatibility,
    SchemaCheckpoint: schema.checkpoint,
    LatestSchemaVersion: latest?.number,
    NextSchemaVersion: schema.nextVersion,
    SchemaStatus: schema.status,
  };
}

export const createSchema = op<CreateSchemaInput, CreateSchemaResponse>({
  input: {
    RegistryId: REGISTRY_ID,
    SchemaName: REGISTRY_NAME,
    DataFormat: oneOf("DataFormat"),
    Compatibility: oneOf("Compatibility"),
    Description: DESCRIPTION,
    Tags: TAGS,
    SchemaDefinition: SCHEMA_DEFINITION,
  },
  errors: ["AlreadyExistsException", "EntityNotFoundException", "ResourceNumberLimitExceededException", "ConcurrentModificationException"],
  run(ctx, input) {
    const state = ctx.backend.schemaRegistry;
    const named = registryNameOf(ctx, input.RegistryId, true);
    // The default registry comes into being with its first schema; any other must exist.
    const existing = state.registries.get(named.name);
    if (!existing && named.name !== DEFAULT_REGISTRY) throw ctx.error("EntityNotFoundException", `Registry is not found. ${named.by}: ${named.value}`);
    if (existing) writableRegistry(ctx, existing);
    const name = input.SchemaName!;
    const format = input.DataFormat as DataFormat;
    if (existing?.schemas.has(name)) throw ctx.error("AlreadyExistsException", `Schema already exists. SchemaName: ${name}`);
    const definition = input.SchemaDefinition === undefined ? undefined : parsedOrInvalid(ctx, format, input.SchemaDefinition);
    if (state.schemas.size >= QUOTAS.schemas) throw ctx.error("ResourceNumberLimitExceededException", `More schemas cannot be created. The maximum limit of ${QUOTAS.schemas} has been reached.`);
    if (!existing) checkRegistryQuota(ctx);
    const registry = existing ?? newRegistry(ctx, named.name, undefined, undefined);
    const now = ctx.now().toISOString();
    const schema: SchemaRecord = {
      registry,
      name,
      arn: schemaArn(ctx, registry.name, name),
      dataFormat: format,
      compatibility: (input.Compatibility ?? "BACKWARD") as Compatibility,
      description: input.Description,
      checkpoint: 1,
      status: "AVAILABLE",
      createdTime: now,
      updatedTime: now,
      nextVersion: 1,
      versions: new OrderedTable(),
      byFingerprint: new Map(),
    };
    registry.schemas.set(name, schema);
    state.schemas.set(schemaKey(registry.name, name), schema);
    ctx.backend.tags.add(schema.arn, input.Tags);
    const first = definition ? addVersion(ctx, schema, definition) : undefined;
    return {
      ...describeSchema(schema),
      Tags: input.Tags && Object.keys(input.Tags).length > 0 ? { ...input.Tags } : undefined,
      SchemaVersionId: first?.id,
      SchemaVersionStatus: first?.status,
    };
  },
});

export const getSchema = op<GetSchemaInput, GetSchemaResponse>({
  input: { SchemaId: SCHEMA_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const schema = observeSchema(ctx, findSchema(ctx, input.SchemaId));
    return { ...describeSchema(schema), CreatedTime: schema.createdTime, UpdatedTime: schema.updatedTime };
  },
});

function listItem(schema: SchemaRecord): SchemaListItem {
  return {
    RegistryName: schema.registry.name,
    SchemaName: schema.name,
    SchemaArn: schema.arn,
    Description: schema.description,
    SchemaStatus: schema.status,
    CreatedTime: schema.createdTime,
    UpdatedTime: schema.updatedTime,
  };
}

export const listSchemas = op<ListSchemasInput, ListSchemasResponse>({
  input: { RegistryId: REGISTRY_ID, MaxResults: int({ min: 1, max: 100 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    // "If the RegistryId is not provided, all the schemas across registries will be part of the API response."
    const registry = input.RegistryId === undefined ? undefined : findRegistry(ctx, input.RegistryId);
    const table = registry ? registry.schemas : ctx.backend.schemaRegistry.schemas;
    const page = ctx.paginate(table, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 25, query: registry?.name ?? null });
    return { Schemas: page.items.map((schema) => listItem(observeSchema(ctx, schema))), NextToken: page.nextToken };
  },
});

export const updateSchema = op<UpdateSchemaInput, UpdateSchemaResponse>({
  input: { SchemaId: SCHEMA_ID, SchemaVersionNumber: SCHEMA_VERSION_NUMBER, Compatibility: oneOf("Compatibility"), Description: DESCRIPTION },
  errors: ["EntityNotFoundException", "ConcurrentModificationException"],
  run(ctx, input) {
    const schema = writableSchema(ctx, findSchema(ctx, input.SchemaId));
    if (input.Compatibility === undefined && input.SchemaVersionNumber === undefined && input.Description === undefined) {
      throw ctx.invalid("At least one of Compatibility, SchemaVersionNumber or Description has to be provided.");
    }
    // "If the value for Compatibility is provided, the VersionNumber (a checkpoint) is also required."
    if (input.Compatibility !== undefined && input.SchemaVersionNumber === undefined) {
      throw ctx.invalid("SchemaVersionNumber (the checkpoint) is required when Compatibility is changed.");
    }
    let checkpoint: number | undefined;
    if (input.SchemaVersionNumber !== undefined) {
      // "The API will validate the checkpoint version number for consistency": an available version.
      checkpoint = versionNumberOf(ctx, schema, input.SchemaVersionNumber);
      const version = checkpoint === undefined ? undefined : schema.versions.get(versionKey(checkpoint));
      if (!version || version.status !== "AVAILABLE") {
        throw ctx.error("EntityNotFoundException", `Schema version is not found or not AVAILABLE for a checkpoint. SchemaName: ${schema.name}, VersionNumber: ${input.SchemaVersionNumber.VersionNumber ?? "latest"}`);
      }
    }
    if (input.Compatibility !== undefined) schema.compatibility = input.Compatibility as Compatibility;
    if (checkpoint !== undefined) schema.checkpoint = checkpoint;
    if (input.Description !== undefined) schema.description = input.Description;
    schema.updatedTime = ctx.now().toISOString();
    return { SchemaArn: schema.arn, SchemaName: schema.name, RegistryName: schema.registry.name };
  },
});

export const deleteSchema = op<DeleteSchemaInput, DeleteSchemaResponse>({
  input: { SchemaId: SCHEMA_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const schema = findSchema(ctx, input.SchemaId);
    if (schema.status !== "DELETING") deleteSchemaLater(ctx, schema);
    return { SchemaArn: schema.arn, SchemaName: schema.name, Status: schema.status };
  },
});
