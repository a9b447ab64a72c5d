import type { LifecycleKind } from "../../../engine/service.js";

export const INTEGRATION = "Glue.Integration";

/**
 * A zero-ETL integration: CREATING → ACTIVE, MODIFYING → ACTIVE after ModifyIntegration,
 * DELETING → DELETED (then it is gone) after DeleteIntegration. FAILED and NEEDS_ATTENTION are
 * the outcomes a test can make it end in (SYNCING is a state AWS shows while it replicates).
 */
export const INTEGRATION_LIFECYCLES: readonly LifecycleKind[] = [
  {
    kind: INTEGRATION,
    states: ["CREATING", "ACTIVE", "MODIFYING", "SYNCING", "NEEDS_ATTENTION", "FAILED", "DELETING", "DELETED"],
    failures: ["FAILED", "NEEDS_ATTENTION"],
    attributes: ["IntegrationName", "IntegrationArn", "SourceArn", "TargetArn"],
  },
];
