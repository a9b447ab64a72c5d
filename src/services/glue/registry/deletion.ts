import type { RequestContext } from "../../../engine/context.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import type { GlueBackend } from "../backend.js";
import { REGISTRY_DELETION } from "./lifecycles.js";
import { dropVersion, schemaKey, versionKey, type RegistryRecord, type SchemaRecord, type VersionRecord } from "./state.js";

/**
 * Deletions in the schema registry are asynchronous: the registry, schema or version shows
 * DELETING, then is gone. Each is a Glue.RegistryDeletion process (DELETING → DELETED), so a
 * test can hold it (aws.lifecycle("Glue.RegistryDeletion").staysIn("DELETING")) or let reads
 * finish it; in "poll" mode the read after the one that first shows DELETING finds nothing.
 */

type Ctx = RequestContext<GlueBackend>;

function deletionProcess(ctx: Ctx, attributes: Record<string, unknown>, gone: () => void): LinearProcess {
  return ctx.track(new LinearProcess({ kind: REGISTRY_DELETION, path: ["DELETING", "DELETED"] }, attributes, { onEnter: (state) => state === "DELETED" && gone() }));
}

function dropSchema(backend: GlueBackend, schema: SchemaRecord): void {
  const state = backend.schemaRegistry;
  for (const version of schema.versions.values()) dropVersion(state, version);
  schema.registry.schemas.delete(schema.name);
  state.schemas.delete(schemaKey(schema.registry.name, schema.name));
  backend.tags.drop(schema.arn);
}

export function deleteRegistryLater(ctx: Ctx, registry: RegistryRecord): void {
  const backend = ctx.backend;
  registry.status = "DELETING";
  for (const schema of registry.schemas.values()) schema.status = "DELETING";
  registry.deletion = deletionProcess(ctx, { RegistryName: registry.name }, () => {
    for (const schema of registry.schemas.values()) dropSchema(backend, schema);
    if (backend.schemaRegistry.registries.get(registry.name) === registry) backend.schemaRegistry.registries.delete(registry.name);
    backend.tags.drop(registry.arn);
  });
}

export function deleteSchemaLater(ctx: Ctx, schema: SchemaRecord): void {
  const backend = ctx.backend;
  schema.status = "DELETING";
  for (const version of schema.versions.values()) version.status = "DELETING";
  schema.deletion = deletionProcess(ctx, { RegistryName: schema.registry.name, SchemaName: schema.name }, () => {
    if (backend.schemaRegistry.schemas.get(schemaKey(schema.registry.name, schema.name)) === schema) dropSchema(backend, schema);
  });
}

export function deleteVersionLater(ctx: Ctx, version: VersionRecord): void {
  const backend = ctx.backend;
  version.status = "DELETING";
  version.metadata.clear(); // "This operation will also delete the attached SchemaVersionMetadata"
  version.process = deletionProcess(ctx, { RegistryName: version.schema.registry.name, SchemaName: version.schema.name, VersionNumber: version.number }, () => {
    if (version.schema.versions.get(versionKey(version.number)) === version) dropVersion(backend.schemaRegistry, version);
  });
}
