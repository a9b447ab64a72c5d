import type { LifecycleKind } from "../../../engine/service.js";

/** A new schema version whose compatibility is being checked: PENDING, then AVAILABLE or FAILURE. */
export const SCHEMA_VERSION = "Glue.SchemaVersion";
/** A registry, a schema or schema versions being deleted: DELETING, then gone (DELETED). */
export const REGISTRY_DELETION = "Glue.RegistryDeletion";

export const REGISTRY_LIFECYCLES: readonly LifecycleKind[] = [
  {
    // The outcome is decided by the compatibility check when the version is registered;
    // endsIn("FAILURE") makes a version fail whatever the check found.
    kind: SCHEMA_VERSION,
    states: ["PENDING", "AVAILABLE", "FAILURE"],
    failures: ["FAILURE"],
    attributes: ["RegistryName", "SchemaName", "SchemaVersionId", "VersionNumber"],
  },
  {
    kind: REGISTRY_DELETION,
    states: ["DELETING", "DELETED"],
    failures: [],
    attributes: ["RegistryName", "SchemaName", "VersionNumber"],
  },
];
