import type { OperationDefinition } from "../../../engine/service.js";
import type { GlueBackend, GlueRuntime } from "../backend.js";
import * as catalogs from "./catalogs.js";
import * as statistics from "./column-statistics.js";
import * as databases from "./databases.js";
import * as functions from "./functions.js";
import * as lakeFormation from "./lake-formation.js";
import * as views from "./materialized-views.js";
import * as optimizers from "./optimizers.js";
import * as indexes from "./partition-indexes.js";
import * as partitions from "./partitions.js";
import * as search from "./search.js";
import * as statisticsRuns from "./statistics-runs.js";
import * as statisticsSettings from "./statistics-settings.js";
import * as versions from "./table-versions.js";
import * as tables from "./tables.js";

/**
 * Fires the catalog's time-based work that has come due on the virtual clock (column
 * statistics schedules, optimizers' daily runs), each once, before a catalog call is served.
 */
function fireDueCatalogSchedules(runtime: GlueRuntime): void {
  const schedules = runtime.backend.catalog.schedules;
  if (schedules.size === 0) return;
  const now = runtime.now().getTime();
  for (const [key, schedule] of [...schedules]) {
    if (schedule.at > now || schedules.get(key) !== schedule) continue;
    schedules.delete(key);
    schedule.fire(runtime);
  }
}

function firingCatalogSchedules(operations: Record<string, OperationDefinition<GlueBackend>>): Record<string, OperationDefinition<GlueBackend>> {
  return Object.fromEntries(
    Object.entries(operations).map(([name, operation]) => [
      name,
      {
        ...operation,
        run(ctx, input) {
          fireDueCatalogSchedules(ctx.backend.runtime(ctx));
          return operation.run(ctx, input);
        },
      } satisfies OperationDefinition<GlueBackend>,
    ]),
  );
}

/** The Data Catalog's operations, spread into Glue's operation table. */
export const catalogOperations = firingCatalogSchedules({
  CreateCatalog: catalogs.createCatalog,
  GetCatalog: catalogs.getCatalog,
  GetCatalogs: catalogs.getCatalogs,
  UpdateCatalog: catalogs.updateCatalog,
  DeleteCatalog: catalogs.deleteCatalog,
  ImportCatalogToGlue: catalogs.importCatalogToGlue,
  GetCatalogImportStatus: catalogs.getCatalogImportStatus,

  CreateDatabase: databases.createDatabase,
  GetDatabase: databases.getDatabase,
  GetDatabases: databases.getDatabases,
  UpdateDatabase: databases.updateDatabase,
  DeleteDatabase: databases.deleteDatabase,

  CreateTable: tables.createTable,
  GetTable: tables.getTable,
  GetTables: tables.getTables,
  UpdateTable: tables.updateTable,
  DeleteTable: tables.deleteTable,
  BatchDeleteTable: tables.batchDeleteTable,
  SearchTables: search.searchTables,

  GetTableVersion: versions.getTableVersion,
  GetTableVersions: versions.getTableVersions,
  DeleteTableVersion: versions.deleteTableVersion,
  BatchDeleteTableVersion: versions.batchDeleteTableVersion,

  CreatePartition: partitions.createPartition,
  BatchCreatePartition: partitions.batchCreatePartition,
  GetPartition: partitions.getPartition,
  GetPartitions: partitions.getPartitions,
  BatchGetPartition: partitions.batchGetPartition,
  UpdatePartition: partitions.updatePartition,
  BatchUpdatePartition: partitions.batchUpdatePartition,
  DeletePartition: partitions.deletePartition,
  BatchDeletePartition: partitions.batchDeletePartition,

  CreatePartitionIndex: indexes.createPartitionIndex,
  GetPartitionIndexes: indexes.getPartitionIndexes,
  DeletePartitionIndex: indexes.deletePartitionIndex,

  GetColumnStatisticsForTable: statistics.getColumnStatisticsForTable,
  UpdateColumnStatisticsForTable: statistics.updateColumnStatisticsForTable,
  DeleteColumnStatisticsForTable: statistics.deleteColumnStatisticsForTable,
  GetColumnStatisticsForPartition: statistics.getColumnStatisticsForPartition,
  UpdateColumnStatisticsForPartition: statistics.updateColumnStatisticsForPartition,
  DeleteColumnStatisticsForPartition: statistics.deleteColumnStatisticsForPartition,

  StartColumnStatisticsTaskRun: statisticsRuns.startColumnStatisticsTaskRun,
  StopColumnStatisticsTaskRun: statisticsRuns.stopColumnStatisticsTaskRun,
  GetColumnStatisticsTaskRun: statisticsRuns.getColumnStatisticsTaskRun,
  GetColumnStatisticsTaskRuns: statisticsRuns.getColumnStatisticsTaskRuns,
  ListColumnStatisticsTaskRuns: statisticsRuns.listColumnStatisticsTaskRuns,

  CreateColumnStatisticsTaskSettings: statisticsSettings.createColumnStatisticsTaskSettings,
  GetColumnStatisticsTaskSettings: statisticsSettings.getColumnStatisticsTaskSettings,
  UpdateColumnStatisticsTaskSettings: statisticsSettings.updateColumnStatisticsTaskSettings,
  DeleteColumnStatisticsTaskSettings: statisticsSettings.deleteColumnStatisticsTaskSettings,
  StartColumnStatisticsTaskRunSchedule: statisticsSettings.startColumnStatisticsTaskRunSchedule,
  StopColumnStatisticsTaskRunSchedule: statisticsSettings.stopColumnStatisticsTaskRunSchedule,

  CreateUserDefinedFunction: functions.createUserDefinedFunction,
  GetUserDefinedFunction: functions.getUserDefinedFunction,
  GetUserDefinedFunctions: functions.getUserDefinedFunctions,
  UpdateUserDefinedFunction: functions.updateUserDefinedFunction,
  DeleteUserDefinedFunction: functions.deleteUserDefinedFunction,

  GetUnfilteredTableMetadata: lakeFormation.getUnfilteredTableMetadata,
  GetUnfilteredPartitionMetadata: lakeFormation.getUnfilteredPartitionMetadata,
  GetUnfilteredPartitionsMetadata: lakeFormation.getUnfilteredPartitionsMetadata,

  CreateTableOptimizer: optimizers.createTableOptimizer,
  GetTableOptimizer: optimizers.getTableOptimizer,
  UpdateTableOptimizer: optimizers.updateTableOptimizer,
  DeleteTableOptimizer: optimizers.deleteTableOptimizer,
  BatchGetTableOptimizer: optimizers.batchGetTableOptimizer,
  ListTableOptimizerRuns: optimizers.listTableOptimizerRuns,

  StartMaterializedViewRefreshTaskRun: views.startMaterializedViewRefreshTaskRun,
  StopMaterializedViewRefreshTaskRun: views.stopMaterializedViewRefreshTaskRun,
  GetMaterializedViewRefreshTaskRun: views.getMaterializedViewRefreshTaskRun,
  ListMaterializedViewRefreshTaskRuns: views.listMaterializedViewRefreshTaskRuns,
});
