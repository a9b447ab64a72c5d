import type {
  CheckSchemaVersionValidityInput,
  CheckSchemaVersionValidityResponse,
  DeleteSchemaVersionsInput,
  DeleteSchemaVersionsResponse,
  GetSchemaByDefinitionInput,
  GetSchemaByDefinitionResponse,
  GetSchemaVersionInput,
  GetSchemaVersionResponse,
  GetSchemaVersionsDiffInput,
  GetSchemaVersionsDiffResponse,
  ListSchemaVersionsInput,
  ListSchemaVersionsResponse,
  RegisterSchemaVersionInput,
  RegisterSchemaVersionResponse,
  SchemaVersionErrorItem,
} from "@aws-sdk/client-glue";
import { int, oneOf, requiredAnd, str } from "../../../engine/validation/rules.js";
import { op } from "../backend.js";
import { syntaxDiff } from "./diff.js";
import { deleteVersionLater } from "./deletion.js";
import { parseDefinition, type DataFormat } from "./format.js";
import { findSchema, findVersion, findVersionByNumber, SCHEMA_ID, SCHEMA_VERSION_ID, writableSchema } from "./lookup.js";
import { observeSchema, SCHEMA_DEFINITION, SCHEMA_VERSION_NUMBER } from "./schemas.js";
import { versionKey, type VersionRecord } from "./state.js";
import { addVersion, checkVersionQuota, observeVersion, parsedOrInvalid, sameDefinition } from "./versions-core.js";

export const registerSchemaVersion = op<RegisterSchemaVersionInput, RegisterSchemaVersionResponse>({
  input: { SchemaId: SCHEMA_ID, SchemaDefinition: SCHEMA_DEFINITION },
  errors: ["EntityNotFoundException", "ResourceNumberLimitExceededException", "ConcurrentModificationException"],
  run(ctx, input) {
    const schema = writableSchema(ctx, findSchema(ctx, input.SchemaId));
    const definition = parsedOrInvalid(ctx, schema.dataFormat, input.SchemaDefinition!);
    if (schema.compatibility === "DISABLED") {
      const id = input.SchemaId!;
      throw ctx.invalid(`Compatibility DISABLED does not allow versioning. SchemaId: SchemaId(schemaArn=${id.SchemaArn ?? "null"}, schemaName=${id.SchemaName ?? "null"}, registryName=${id.RegistryName ?? "null"})`);
    }
    // "If the same schema definition is already stored in Schema Registry as a version, the schema ID of the existing schema is returned."
    const existing = sameDefinition(schema, definition);
    if (existing) return { SchemaVersionId: existing.id, VersionNumber: existing.number, Status: existing.status };
    checkVersionQuota(ctx, schema);
    const version = addVersion(ctx, schema, definition);
    return { SchemaVersionId: version.id, VersionNumber: version.number, Status: version.status };
  },
});

export const getSchemaVersion = op<GetSchemaVersionInput, GetSchemaVersionResponse>({
  input: { SchemaId: SCHEMA_ID, SchemaVersionId: SCHEMA_VERSION_ID, SchemaVersionNumber: SCHEMA_VERSION_NUMBER },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const version = observeVersion(ctx, findVersion(ctx, input));
    return {
      SchemaVersionId: version.id,
      SchemaDefinition: version.definition.text,
      DataFormat: version.schema.dataFormat,
      SchemaArn: version.schema.arn,
      VersionNumber: version.number,
      Status: version.status,
      CreatedTime: version.createdTime,
    };
  },
});

export const listSchemaVersions = op<ListSchemaVersionsInput, ListSchemaVersionsResponse>({
  input: { SchemaId: SCHEMA_ID, MaxResults: int({ min: 1, max: 100 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const schema = observeSchema(ctx, findSchema(ctx, input.SchemaId));
    const page = ctx.paginate(schema.versions, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 25, query: schema.arn });
    return {
      Schemas: page.items.map((version) => {
        ctx.observe(version.process);
        return { SchemaArn: schema.arn, SchemaVersionId: version.id, VersionNumber: version.number, Status: version.status, CreatedTime: version.createdTime };
      }),
      NextToken: page.nextToken,
    };
  },
});

/**
 * DeleteSchemaVersions' Versions: "a single version number, 5" or "a range, 5-8". Its
 * modelled pattern (`^[1-9][0-9]*|[1-9][0-9]*-[1-9][0-9]*$`) has an unanchored second
 * alternative, so a comma-separated list of those ("1-3,5") passes it too, and is read so.
 */
function versionsIn(text: string): number[] | string {
  const numbers = new Set<number>();
  for (const item of text.split(",")) {
    const match = /^\s*([1-9][0-9]*)\s*(?:-\s*([1-9][0-9]*)\s*)?$/.exec(item);
    if (!match) return `"${item}" is neither a version number nor a range such as 5-8.`;
    const low = Number(match[1]);
    const high = match[2] === undefined ? low : Number(match[2]);
    if (high < low) return `the range ${item.trim()} ends before it starts.`;
    if (high > 100000) return `version numbers go up to 100000; got ${high}.`;
    if (numbers.size + (high - low) > 100000) return "too many versions in one request.";
    for (let n = low; n <= high; n++) numbers.add(n);
  }
  return [...numbers].sort((a, b) => a - b);
}

export const deleteSchemaVersions = op<DeleteSchemaVersionsInput, DeleteSchemaVersionsResponse>({
  input: { SchemaId: SCHEMA_ID, Versions: str({ min: 1, max: 100000 }) },
  errors: ["EntityNotFoundException", "ConcurrentModificationException"],
  run(ctx, input) {
    const schema = writableSchema(ctx, findSchema(ctx, input.SchemaId));
    const numbers = versionsIn(input.Versions!);
    if (typeof numbers === "string") throw ctx.invalid(`Versions ${JSON.stringify(input.Versions)} is not valid: ${numbers}`);
    // "When the range of version numbers contain check pointed version, the API will return a 409 conflict and will not proceed."
    if (numbers.includes(schema.checkpoint)) {
      throw ctx.error("ConcurrentModificationException", `Versions ${input.Versions} include the checkpoint version ${schema.checkpoint} of schema ${schema.name}: move the checkpoint (UpdateSchema) before deleting it.`);
    }
    // "You cannot use the DeleteSchemaVersions API to delete the first schema version in the schema set."
    if (numbers[0] === 1) throw ctx.invalid(`Version 1 of schema ${schema.name} can only be deleted with DeleteSchema.`);
    const errors: SchemaVersionErrorItem[] = [];
    for (const n of numbers) {
      const version = schema.versions.get(versionKey(n));
      if (!version) errors.push({ VersionNumber: n, ErrorDetails: { ErrorCode: "EntityNotFoundException", ErrorMessage: `Schema version ${n} of schema ${schema.name} is not found.` } });
      else if (version.status === "DELETING") errors.push({ VersionNumber: n, ErrorDetails: { ErrorCode: "InvalidInputException", ErrorMessage: `Schema version ${n} of schema ${schema.name} is already being deleted.` } });
      else deleteVersionLater(ctx, version);
    }
    return { SchemaVersionErrors: errors };
  },
});

export const getSchemaByDefinition = op<GetSchemaByDefinitionInput, GetSchemaByDefinitionResponse>({
  input: { SchemaId: SCHEMA_ID, SchemaDefinition: SCHEMA_DEFINITION },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const schema = findSchema(ctx, input.SchemaId);
    if (schema.status === "DELETING") throw ctx.error("EntityNotFoundException", `Schema ${schema.name} is being deleted.`);
    const definition = parsedOrInvalid(ctx, schema.dataFormat, input.SchemaDefinition!);
    // "Schema versions in Deleted statuses will not be included in the results."
    const matches = (schema.byFingerprint.get(definition.fingerprint) ?? []).filter((v) => v.status !== "DELETING");
    const version: VersionRecord | undefined = matches[matches.length - 1];
    if (!version) throw ctx.error("EntityNotFoundException", `Schema version is not found for the given definition. RegistryName: ${schema.registry.name}, SchemaName: ${schema.name}`);
    observeVersion(ctx, version);
    return { SchemaVersionId: version.id, SchemaArn: schema.arn, DataFormat: schema.dataFormat, Status: version.status, CreatedTime: version.createdTime };
  },
});

export const checkSchemaVersionValidity = op<CheckSchemaVersionValidityInput, CheckSchemaVersionValidityResponse>({
  input: { DataFormat: oneOf("DataFormat"), SchemaDefinition: SCHEMA_DEFINITION },
  errors: [],
  run(_ctx, input) {
    const text = input.SchemaDefinition!;
    const parsed = /\S/.test(text) ? parseDefinition(input.DataFormat as DataFormat, text) : { error: "the definition is empty." };
    if ("error" in parsed) return { Valid: false, Error: parsed.error.slice(0, 5000) };
    return { Valid: true };
  },
});

export const getSchemaVersionsDiff = op<GetSchemaVersionsDiffInput, GetSchemaVersionsDiffResponse>({
  input: {
    SchemaId: SCHEMA_ID,
    FirstSchemaVersionNumber: requiredAnd(SCHEMA_VERSION_NUMBER),
    SecondSchemaVersionNumber: requiredAnd(SCHEMA_VERSION_NUMBER),
    SchemaDiffType: oneOf("SchemaDiffType"),
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const first = findVersionByNumber(ctx, input.SchemaId, input.FirstSchemaVersionNumber);
    const second = findVersionByNumber(ctx, input.SchemaId, input.SecondSchemaVersionNumber);
    const json = first.schema.dataFormat !== "PROTOBUF";
    return { Diff: syntaxDiff({ number: first.number, text: first.definition.text }, { number: second.number, text: second.definition.text }, json) };
  },
});
