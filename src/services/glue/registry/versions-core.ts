import type { RequestContext } from "../../../engine/context.js";
import { uuid } from "../../../engine/ids.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import type { GlueBackend } from "../backend.js";
import { compatibilityProblems, needsCheck } from "./compatibility.js";
import { invalidDefinitionMessage, parseDefinition, type DataFormat, type ParsedDefinition } from "./format.js";
import { SCHEMA_VERSION } from "./lifecycles.js";
import { availableVersions, QUOTAS, versionKey, type SchemaRecord, type VersionRecord } from "./state.js";

type Ctx = RequestContext<GlueBackend>;

/** A definition parsed for `format`, or the InvalidInputException Glue answers for it. */
export function parsedOrInvalid(ctx: Ctx, format: DataFormat, text: string): ParsedDefinition {
  // SchemaDefinitionString's pattern is "\S": at least one character that is not white space.
  if (!/\S/.test(text)) throw ctx.invalid(invalidDefinitionMessage(format, "the definition is empty."));
  const parsed = parseDefinition(format, text);
  if ("error" in parsed) throw ctx.invalid(invalidDefinitionMessage(format, parsed.error));
  return parsed;
}

/** A version with the same definition that registering it again returns (a FAILURE version is checked anew). */
export function sameDefinition(schema: SchemaRecord, definition: ParsedDefinition): VersionRecord | undefined {
  const same = schema.byFingerprint.get(definition.fingerprint) ?? [];
  for (let i = same.length - 1; i >= 0; i--) if (same[i]!.status === "AVAILABLE" || same[i]!.status === "PENDING") return same[i];
  return undefined;
}

export function checkVersionQuota(ctx: Ctx, schema: SchemaRecord): void {
  if (schema.versions.size >= QUOTAS.versionsPerSchema) {
    throw ctx.error("ResourceNumberLimitExceededException", `More schema versions cannot be created. The maximum limit of ${QUOTAS.versionsPerSchema} versions per schema has been reached.`);
  }
}

/**
 * Adds the next version of a schema. Its compatibility is decided now, against the versions
 * AVAILABLE at this moment: with nothing to check it is AVAILABLE at once; otherwise it is
 * PENDING, and a Glue.SchemaVersion process takes it to AVAILABLE or FAILURE (the next read
 * in "poll" mode), as the real registry checks asynchronously.
 */
export function addVersion(ctx: Ctx, schema: SchemaRecord, definition: ParsedDefinition): VersionRecord {
  const available = availableVersions(schema).map((v) => ({ versionNumber: v.number, definition: v.definition }));
  const problems = compatibilityProblems(schema.compatibility, definition, available, schema.checkpoint);
  const version: VersionRecord = {
    schema,
    id: uuid(),
    number: schema.nextVersion++,
    definition,
    status: "AVAILABLE",
    createdTime: ctx.now().toISOString(),
    problems,
    metadata: new Map(),
  };
  if (needsCheck(schema.compatibility, available)) {
    version.status = "PENDING";
    const path = ["PENDING", problems.length > 0 ? "FAILURE" : "AVAILABLE"];
    const attributes = { RegistryName: schema.registry.name, SchemaName: schema.name, SchemaVersionId: version.id, VersionNumber: version.number };
    version.process = ctx.track(
      new LinearProcess({ kind: SCHEMA_VERSION, path }, attributes, {
        onEnter(state) {
          // A version deleted while its check ran stays DELETING.
          if (version.status === "PENDING") version.status = state as VersionRecord["status"];
        },
      }),
    );
  }
  schema.versions.set(versionKey(version.number), version);
  ctx.backend.schemaRegistry.versionsById.set(version.id, version);
  schema.byFingerprint.set(definition.fingerprint, [...(schema.byFingerprint.get(definition.fingerprint) ?? []), version]);
  schema.updatedTime = version.createdTime;
  return version;
}

/** A read sees the version as it is, then moves its check (or deletion) on. */
export function observeVersion(ctx: Ctx, version: VersionRecord): VersionRecord {
  ctx.observe(version.process);
  ctx.observe(version.schema.deletion);
  ctx.observe(version.schema.registry.deletion);
  return version;
}
