import type { LinearProcess } from "../../../engine/lifecycle/process.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import type { Compatibility } from "./compatibility.js";
import type { DataFormat, ParsedDefinition } from "./format.js";

/** The registry's name Glue uses when a request names no registry. */
export const DEFAULT_REGISTRY = "default-registry";

/** Quotas of the schema registry (AWS Glue endpoints and quotas). */
export const QUOTAS = { registries: 100, schemas: 10_000, versionsPerSchema: 1000, metadataPerVersion: 10 } as const;

export interface RegistryRecord {
  readonly name: string;
  readonly arn: string;
  description: string | undefined;
  status: "AVAILABLE" | "DELETING";
  readonly createdTime: string;
  updatedTime: string;
  /** Its schemas by name. */
  readonly schemas: OrderedTable<SchemaRecord>;
  deletion?: LinearProcess | undefined;
}

export interface MetadataEntry {
  value: string;
  createdTime: string;
}

export interface VersionRecord {
  readonly schema: SchemaRecord;
  readonly id: string;
  readonly number: number;
  readonly definition: ParsedDefinition;
  status: "PENDING" | "AVAILABLE" | "FAILURE" | "DELETING";
  readonly createdTime: string;
  /** Why the compatibility check failed (empty when it passed or was not needed). */
  readonly problems: readonly string[];
  /** The compatibility check in progress, or the deletion. */
  process?: LinearProcess | undefined;
  /** Metadata values by key, oldest first. */
  readonly metadata: Map<string, MetadataEntry[]>;
}

export interface SchemaRecord {
  readonly registry: RegistryRecord;
  readonly name: string;
  readonly arn: string;
  readonly dataFormat: DataFormat;
  compatibility: Compatibility;
  description: string | undefined;
  checkpoint: number;
  status: "AVAILABLE" | "PENDING" | "DELETING";
  readonly createdTime: string;
  updatedTime: string;
  nextVersion: number;
  /** Versions by number (key: zero-padded number, so the table sorts them). */
  readonly versions: OrderedTable<VersionRecord>;
  /** Versions by definition fingerprint, for identical definitions and GetSchemaByDefinition. */
  readonly byFingerprint: Map<string, VersionRecord[]>;
  deletion?: LinearProcess | undefined;
}

/** The schema registry of one account and Region. */
export class RegistryState {
  readonly registries = new OrderedTable<RegistryRecord>();
  /** Every schema, by `registry/schema` (ListSchemas without a RegistryId lists them all). */
  readonly schemas = new OrderedTable<SchemaRecord>();
  readonly versionsById = new Map<string, VersionRecord>();
}

export const versionKey = (n: number): string => String(n).padStart(6, "0");
export const schemaKey = (registry: string, schema: string): string => `${registry}/${schema}`;

/** The schema's AVAILABLE versions, oldest first: what compatibility is checked against. */
export function availableVersions(schema: SchemaRecord): VersionRecord[] {
  return schema.versions.values().filter((v) => v.status === "AVAILABLE");
}

/** The newest AVAILABLE version (GetSchema's LatestSchemaVersion, SchemaVersionNumber.LatestVersion). */
export function latestAvailable(schema: SchemaRecord): VersionRecord | undefined {
  const entries = schema.versions.entries();
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.value.status === "AVAILABLE") return entries[i]!.value;
  return undefined;
}

/** Forgets a version (its deletion ended, or its schema's). */
export function dropVersion(state: RegistryState, version: VersionRecord): void {
  const schema = version.schema;
  schema.versions.delete(versionKey(version.number));
  state.versionsById.delete(version.id);
  const same = schema.byFingerprint.get(version.definition.fingerprint);
  if (same) {
    const rest = same.filter((v) => v !== version);
    if (rest.length > 0) schema.byFingerprint.set(version.definition.fingerprint, rest);
    else schema.byFingerprint.delete(version.definition.fingerprint);
  }
}
