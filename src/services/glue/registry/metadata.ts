import type {
  MetadataInfo,
  PutSchemaVersionMetadataInput,
  PutSchemaVersionMetadataResponse,
  QuerySchemaVersionMetadataInput,
  QuerySchemaVersionMetadataResponse,
  RemoveSchemaVersionMetadataInput,
  RemoveSchemaVersionMetadataResponse,
  SchemaVersionNumber,
} from "@aws-sdk/client-glue";
import { setOwn } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { int, list, requiredAnd, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { findVersion, SCHEMA_ID, SCHEMA_VERSION_ID } from "./lookup.js";
import { SCHEMA_VERSION_NUMBER } from "./schemas.js";
import { QUOTAS, type MetadataEntry, type VersionRecord } from "./state.js";

/**
 * Schema version metadata: key-value pairs on a version ("A maximum of 10 key value pairs
 * will be allowed per schema version"). A key may hold several values; QuerySchemaVersionMetadata
 * reports the newest as MetadataValue and the others in OtherMetadataValueList.
 */

const METADATA_KEY = str({ min: 1, max: 128, pattern: "^[a-zA-Z0-9+-=._./@]+$" });
const METADATA_VALUE = str({ min: 1, max: 256, pattern: "^[a-zA-Z0-9+-=._./@]+$" });
const PAIR = struct({ MetadataKey: METADATA_KEY, MetadataValue: METADATA_VALUE });

type Ctx = RequestContext<GlueBackend>;

function pairOf(ctx: Ctx, pair: { MetadataKey?: string | undefined; MetadataValue?: string | undefined } | undefined): { key: string; value: string } {
  if (pair?.MetadataKey === undefined || pair.MetadataValue === undefined) throw ctx.invalid("MetadataKeyValue needs both a MetadataKey and a MetadataValue.");
  return { key: pair.MetadataKey, value: pair.MetadataValue };
}

/** The version a metadata call names (not one being deleted). */
function versionFor(ctx: Ctx, input: { SchemaId?: PutSchemaVersionMetadataInput["SchemaId"]; SchemaVersionId?: string | undefined; SchemaVersionNumber?: SchemaVersionNumber | undefined }): VersionRecord {
  const version = findVersion(ctx, input);
  if (version.status === "DELETING") throw ctx.error("EntityNotFoundException", `Schema version is not found. SchemaVersionId: ${version.id}`);
  return version;
}

function answer(version: VersionRecord, number: SchemaVersionNumber | undefined, key: string, value: string): PutSchemaVersionMetadataResponse {
  return {
    SchemaArn: version.schema.arn,
    SchemaName: version.schema.name,
    RegistryName: version.schema.registry.name,
    LatestVersion: number?.LatestVersion ?? false,
    VersionNumber: version.number,
    SchemaVersionId: version.id,
    MetadataKey: key,
    MetadataValue: value,
  };
}

const countOf = (version: VersionRecord): number => [...version.metadata.values()].reduce((n, values) => n + values.length, 0);

export const putSchemaVersionMetadata = op<PutSchemaVersionMetadataInput, PutSchemaVersionMetadataResponse>({
  input: { SchemaId: SCHEMA_ID, SchemaVersionNumber: SCHEMA_VERSION_NUMBER, SchemaVersionId: SCHEMA_VERSION_ID, MetadataKeyValue: requiredAnd(PAIR) },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const { key, value } = pairOf(ctx, input.MetadataKeyValue);
    const version = versionFor(ctx, input);
    const values = version.metadata.get(key) ?? [];
    if (values.some((entry) => entry.value === value)) {
      throw ctx.error("AlreadyExistsException", `Resource already exist for schema version id: ${version.id}, metadata key: ${key}, metadata value: ${value}`);
    }
    if (countOf(version) >= QUOTAS.metadataPerVersion) throw ctx.error("ResourceNumberLimitExceededException", "Your resource limits for Schema Version Metadata have been exceeded.");
    version.metadata.set(key, [...values, { value, createdTime: ctx.now().toISOString() }]);
    return answer(version, input.SchemaVersionNumber, key, value);
  },
});

export const removeSchemaVersionMetadata = op<RemoveSchemaVersionMetadataInput, RemoveSchemaVersionMetadataResponse>({
  input: { SchemaId: SCHEMA_ID, SchemaVersionNumber: SCHEMA_VERSION_NUMBER, SchemaVersionId: SCHEMA_VERSION_ID, MetadataKeyValue: requiredAnd(PAIR) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { key, value } = pairOf(ctx, input.MetadataKeyValue);
    const version = versionFor(ctx, input);
    const values = version.metadata.get(key) ?? [];
    if (!values.some((entry) => entry.value === value)) {
      throw ctx.error("EntityNotFoundException", `Metadata not found for schema version id: ${version.id}, metadata key: ${key}, metadata value: ${value}`);
    }
    const rest = values.filter((entry) => entry.value !== value);
    if (rest.length > 0) version.metadata.set(key, rest);
    else version.metadata.delete(key);
    return answer(version, input.SchemaVersionNumber, key, value);
  },
});

function infoOf(values: readonly MetadataEntry[]): MetadataInfo {
  const newest = values[values.length - 1]!;
  const others = values.slice(0, -1).reverse();
  return {
    MetadataValue: newest.value,
    CreatedTime: newest.createdTime,
    OtherMetadataValueList: others.length > 0 ? others.map((e) => ({ MetadataValue: e.value, CreatedTime: e.createdTime })) : undefined,
  };
}

export const querySchemaVersionMetadata = op<QuerySchemaVersionMetadataInput, QuerySchemaVersionMetadataResponse>({
  input: { SchemaId: SCHEMA_ID, SchemaVersionNumber: SCHEMA_VERSION_NUMBER, SchemaVersionId: SCHEMA_VERSION_ID, MetadataList: list(PAIR), MaxResults: int({ min: 1, max: 50 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const version = versionFor(ctx, input);
    const filters = input.MetadataList ?? [];
    // At most 10 pairs per version: a small table per call keeps paging uniform with the rest.
    const table = new OrderedTable<[string, MetadataEntry[]]>();
    for (const [key, values] of version.metadata) {
      const kept = values.filter((entry) => filters.length === 0 || filters.some((f) => f.MetadataKey === key && (f.MetadataValue === undefined || f.MetadataValue === entry.value)));
      if (kept.length > 0) table.set(key, [key, kept]);
    }
    const page = ctx.paginate(table, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 50, query: [version.id, filters] });
    const map: Record<string, MetadataInfo> = {};
    for (const [key, values] of page.items) setOwn(map, key, infoOf(values));
    return { MetadataInfoMap: map, SchemaVersionId: version.id, NextToken: page.nextToken };
  },
});
