import type { LifecycleKind } from "../../../engine/service.js";

/** Lifecycle kind names of the Data Catalog, as tests pass them to aws.lifecycle(kind, where). */
export const PARTITION_INDEX_KIND = "Glue.PartitionIndex";
export const STATISTICS_RUN_KIND = "Glue.ColumnStatisticsTaskRun";
export const OPTIMIZER_RUN_KIND = "Glue.TableOptimizerRun";
export const REFRESH_RUN_KIND = "Glue.MaterializedViewRefreshTaskRun";
export const CATALOG_IMPORT_KIND = "Glue.CatalogImport";

/**
 * The Data Catalog's asynchronous resources. Task runs have an internal STOPPING state (their
 * Status enum has none: a run being stopped still reads RUNNING) so that a second stop is
 * the service's "…StoppingException".
 */
export const CATALOG_LIFECYCLES: readonly LifecycleKind[] = [
  {
    kind: PARTITION_INDEX_KIND,
    states: ["CREATING", "ACTIVE", "FAILED"],
    failures: ["FAILED"],
    attributes: ["CatalogId", "DatabaseName", "TableName", "IndexName"],
  },
  {
    kind: STATISTICS_RUN_KIND,
    states: ["STARTING", "RUNNING", "STOPPING", "SUCCEEDED", "FAILED", "STOPPED"],
    failures: ["FAILED", "STOPPED"],
    attributes: ["ColumnStatisticsTaskRunId", "DatabaseName", "TableName", "CatalogID"],
  },
  {
    kind: OPTIMIZER_RUN_KIND,
    states: ["starting", "in_progress", "completed", "failed"],
    failures: ["failed"],
    attributes: ["CatalogId", "DatabaseName", "TableName", "Type"],
  },
  {
    kind: REFRESH_RUN_KIND,
    states: ["STARTING", "RUNNING", "STOPPING", "SUCCEEDED", "FAILED", "STOPPED"],
    failures: ["FAILED", "STOPPED"],
    attributes: ["MaterializedViewRefreshTaskRunId", "CatalogId", "DatabaseName", "TableName"],
  },
  {
    // ImportCatalogToGlue's migration of an Athena catalog: it always completes.
    kind: CATALOG_IMPORT_KIND,
    states: ["IN_PROGRESS", "COMPLETED"],
    failures: [],
    attributes: ["CatalogId"],
  },
];
