import type {
  ColumnStatisticsTaskSettings,
  CreateColumnStatisticsTaskSettingsRequest,
  CreateColumnStatisticsTaskSettingsResponse,
  DeleteColumnStatisticsTaskSettingsRequest,
  DeleteColumnStatisticsTaskSettingsResponse,
  ExecutionAttempt,
  GetColumnStatisticsTaskSettingsRequest,
  GetColumnStatisticsTaskSettingsResponse,
  StartColumnStatisticsTaskRunScheduleRequest,
  StartColumnStatisticsTaskRunScheduleResponse,
  StopColumnStatisticsTaskRunScheduleRequest,
  StopColumnStatisticsTaskRunScheduleResponse,
  UpdateColumnStatisticsTaskSettingsRequest,
  UpdateColumnStatisticsTaskSettingsResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { cronExpressionProblem, nextCronTime } from "../../../engine/cron.js";
import { op, type GlueBackend, type GlueRuntime } from "../backend.js";
import { NAME, TAGS } from "../shapes.js";
import { COLUMN_NAMES, CRON, SAMPLE_SIZE } from "./shapes.js";
import { columnsProblem, launchStatisticsRun } from "./statistics-runs.js";
import type { CatalogStore } from "./state.js";
import { statisticsScheduleKey, tableIn, type TableRecord } from "./tables.js";

/**
 * Column-statistics task settings of a table: the role, columns and sampling its runs use,
 * and a cron schedule. A SCHEDULED schedule starts a run each time it comes due on the
 * virtual clock (fired by the next Data Catalog call after that time, like every Glue
 * schedule in the fake); LastExecutionAttempt records the latest attempt.
 */
export interface StatisticsSettings {
  Role: string;
  Schedule?: string | undefined;
  scheduleState: "SCHEDULED" | "NOT_SCHEDULED";
  ColumnNameList?: string[] | undefined;
  SampleSize?: number | undefined;
  CatalogID?: string | undefined;
  SecurityConfiguration?: string | undefined;
  lastAttempt?: ExecutionAttempt | undefined;
}

const TABLE_MEMBERS = { DatabaseName: NAME, TableName: NAME };
const SETTINGS = { Role: NAME, Schedule: CRON, ColumnNameList: COLUMN_NAMES, SampleSize: SAMPLE_SIZE, CatalogID: NAME, SecurityConfiguration: NAME };

function render(table: TableRecord, settings: StatisticsSettings): ColumnStatisticsTaskSettings {
  return {
    DatabaseName: table.databaseName,
    TableName: table.name,
    ...(settings.Schedule ? { Schedule: { ScheduleExpression: settings.Schedule, State: settings.scheduleState } } : {}),
    ColumnNameList: settings.ColumnNameList,
    CatalogID: settings.CatalogID ?? table.table.CatalogId,
    Role: settings.Role,
    SampleSize: settings.SampleSize ?? 100,
    SecurityConfiguration: settings.SecurityConfiguration,
    ScheduleType: settings.Schedule ? "CRON" : "AUTO",
    SettingSource: "TABLE",
    LastExecutionAttempt: settings.lastAttempt,
  };
}

function settingsOf(ctx: RequestContext<GlueBackend>, table: TableRecord): StatisticsSettings {
  if (!table.statisticsSettings) throw ctx.error("EntityNotFoundException", `Table ${table.name} has no column statistics task settings.`);
  return table.statisticsSettings;
}

/** Why a schedule or a column list cannot be used, or undefined. */
function settingsProblem(table: TableRecord, schedule: string | undefined, columns: readonly string[] | undefined): string | undefined {
  if (schedule !== undefined) {
    const problem = cronExpressionProblem(schedule);
    if (problem) return `Invalid schedule expression '${schedule}': ${problem}.`;
  }
  return columnsProblem(table, columns);
}

/** One occurrence of the schedule: start a run with the settings, record the attempt. */
function fire(runtime: GlueRuntime, store: CatalogStore, databaseName: string, tableName: string): void {
  const table = store.databases.get(databaseName)?.tables.get(tableName);
  const settings = table?.statisticsSettings;
  if (!table || !settings) return;
  const run = launchStatisticsRun(runtime, store, table, settings);
  const now = runtime.now();
  settings.lastAttempt =
    "running" in run
      ? { Status: "FAILED", ExecutionTimestamp: now, ErrorMessage: `A column statistics task run (${run.running.id}) was already running.` }
      : { Status: "STARTED", ColumnStatisticsTaskRunId: run.id, ExecutionTimestamp: now };
  arm(runtime, store, table);
}

/** (Re)computes when the table's schedule fires next; a stopped or absent schedule never does. */
function arm(runtime: GlueRuntime, store: CatalogStore, table: TableRecord): void {
  const key = statisticsScheduleKey(store, table);
  const settings = table.statisticsSettings;
  const at = settings?.Schedule && settings.scheduleState === "SCHEDULED" ? nextCronTime(settings.Schedule, runtime.now().getTime()) : undefined;
  if (at === undefined) runtime.backend.catalog.schedules.delete(key);
  else runtime.backend.catalog.schedules.set(key, { at, fire: (r) => fire(r, store, table.databaseName, table.name) });
}

export const createColumnStatisticsTaskSettings = op<CreateColumnStatisticsTaskSettingsRequest, CreateColumnStatisticsTaskSettingsResponse>({
  input: { ...TABLE_MEMBERS, ...SETTINGS, Tags: TAGS },
  errors: ["EntityNotFoundException", "AlreadyExistsException", "ColumnStatisticsTaskRunningException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogID, input.DatabaseName!, input.TableName!);
    if (table.statisticsSettings) throw ctx.error("AlreadyExistsException", `Table ${table.name} already has column statistics task settings: update them instead.`);
    const problem = settingsProblem(table, input.Schedule, input.ColumnNameList);
    if (problem) throw ctx.invalid(problem);
    table.statisticsSettings = {
      Role: input.Role!,
      Schedule: input.Schedule,
      scheduleState: "SCHEDULED",
      ColumnNameList: input.ColumnNameList,
      SampleSize: input.SampleSize,
      CatalogID: input.CatalogID,
      SecurityConfiguration: input.SecurityConfiguration,
    };
    arm(scope.backend.runtime(ctx), scope.store, table);
    return {};
  },
});

export const getColumnStatisticsTaskSettings = op<GetColumnStatisticsTaskSettingsRequest, GetColumnStatisticsTaskSettingsResponse>({
  input: TABLE_MEMBERS,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { table } = tableIn(ctx, undefined, input.DatabaseName!, input.TableName!);
    return { ColumnStatisticsTaskSettings: render(table, settingsOf(ctx, table)) };
  },
});

export const updateColumnStatisticsTaskSettings = op<UpdateColumnStatisticsTaskSettingsRequest, UpdateColumnStatisticsTaskSettingsResponse>({
  input: { ...TABLE_MEMBERS, ...SETTINGS },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, input.CatalogID, input.DatabaseName!, input.TableName!);
    const settings = settingsOf(ctx, table);
    const problem = settingsProblem(table, input.Schedule, input.ColumnNameList);
    if (problem) throw ctx.invalid(problem);
    // Members given replace the current values; the schedule keeps its state.
    if (input.Role !== undefined) settings.Role = input.Role;
    if (input.Schedule !== undefined) settings.Schedule = input.Schedule;
    if (input.ColumnNameList !== undefined) settings.ColumnNameList = input.ColumnNameList;
    if (input.SampleSize !== undefined) settings.SampleSize = input.SampleSize;
    if (input.CatalogID !== undefined) settings.CatalogID = input.CatalogID;
    if (input.SecurityConfiguration !== undefined) settings.SecurityConfiguration = input.SecurityConfiguration;
    arm(scope.backend.runtime(ctx), scope.store, table);
    return {};
  },
});

export const deleteColumnStatisticsTaskSettings = op<DeleteColumnStatisticsTaskSettingsRequest, DeleteColumnStatisticsTaskSettingsResponse>({
  input: TABLE_MEMBERS,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, undefined, input.DatabaseName!, input.TableName!);
    settingsOf(ctx, table);
    table.statisticsSettings = undefined;
    arm(scope.backend.runtime(ctx), scope.store, table);
    return {};
  },
});

export const startColumnStatisticsTaskRunSchedule = op<StartColumnStatisticsTaskRunScheduleRequest, StartColumnStatisticsTaskRunScheduleResponse>({
  input: TABLE_MEMBERS,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, undefined, input.DatabaseName!, input.TableName!);
    const settings = settingsOf(ctx, table);
    if (!settings.Schedule) throw ctx.invalid(`The column statistics task settings of table ${table.name} have no Schedule to start.`);
    settings.scheduleState = "SCHEDULED";
    arm(scope.backend.runtime(ctx), scope.store, table);
    return {};
  },
});

export const stopColumnStatisticsTaskRunSchedule = op<StopColumnStatisticsTaskRunScheduleRequest, StopColumnStatisticsTaskRunScheduleResponse>({
  input: TABLE_MEMBERS,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { scope, table } = tableIn(ctx, undefined, input.DatabaseName!, input.TableName!);
    const settings = settingsOf(ctx, table);
    settings.scheduleState = "NOT_SCHEDULED";
    arm(scope.backend.runtime(ctx), scope.store, table);
    return {};
  },
});
