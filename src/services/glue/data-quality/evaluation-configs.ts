import type {
  CreateDataQualityEvaluationConfigRequest,
  CreateDataQualityEvaluationConfigResponse,
  DeleteDataQualityEvaluationConfigRequest,
  DeleteDataQualityEvaluationConfigResponse,
  GetDataQualityEvaluationConfigRequest,
  GetDataQualityEvaluationConfigResponse,
  ListDataQualityEvaluationConfigsRequest,
  ListDataQualityEvaluationConfigsResponse,
  UpdateDataQualityEvaluationConfigRequest,
  UpdateDataQualityEvaluationConfigResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { cronExpressionProblem } from "../../../engine/cron.js";
import { list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { findDatabase } from "../catalog/databases.js";
import { catalogScope } from "../catalog/state.js";
import { NAME, TAGS } from "../shapes.js";
import { ROLE, RUN_OPTIONS } from "./evaluation-runs.js";
import type { EvaluationConfigRecord } from "./records.js";
import { findRuleset } from "./rulesets.js";
import { catalogTable, DATA_SOURCE_MAP, DQ_PAGE, DQ_TIMEOUT, HASH, tableOf, WORKERS } from "./shapes.js";

export const evaluationConfigArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`dataQualityEvaluationConfig/${name}`);

const CONFIG_SOURCE = struct({
  GlueTables: struct({ CatalogId: NAME, DatabaseName: NAME, TableNamePattern: str({ min: 1, max: 255 }), PreProcessingQuery: str({ min: 1, max: 51200 }), ConnectionName: NAME }),
});
const TRIGGERS = list(oneOf("DataQualityEvaluationConfigTrigger"), { min: 1, max: 3 });

function findConfig(ctx: RequestContext<GlueBackend>, name: string): EvaluationConfigRecord {
  const config = ctx.backend.dataQuality.evaluationConfigs.get(name);
  if (!config) throw ctx.error("EntityNotFoundException", `Cannot find Data Quality Evaluation Configuration ${name}.`);
  return config;
}

/** The cross-member rules of a configuration, checked on the result of a create or an update. */
function checkConfig(ctx: RequestContext<GlueBackend>, c: EvaluationConfigRecord): void {
  if ((c.RulesetName === undefined) === (c.ManagedRulesetName === undefined)) throw ctx.invalid("Give exactly one of RulesetName and ManagedRulesetName.");
  const tables = c.DataSource?.GlueTables;
  if (!tables) throw ctx.invalid("DataSource.GlueTables is required: it names the catalog, database or tables the configuration evaluates.");
  if (c.Level !== "CATALOG" && tables.DatabaseName === undefined) throw ctx.invalid(`A ${c.Level} configuration needs DataSource.GlueTables.DatabaseName.`);
  if (c.Level === "TABLE" && tables.TableNamePattern === undefined) throw ctx.invalid("A TABLE configuration needs DataSource.GlueTables.TableNamePattern.");
  if (c.Level === "CATALOG" && (tables.DatabaseName !== undefined || tables.TableNamePattern !== undefined)) throw ctx.invalid("A CATALOG configuration names no database or table pattern.");
  if (tables.TableNamePattern !== undefined) {
    try {
      new RegExp(tables.TableNamePattern);
    } catch {
      throw ctx.invalid(`TableNamePattern ${tables.TableNamePattern} is not a valid regular expression.`);
    }
  }
  const scheduled = c.Triggers?.includes("SCHEDULE") ?? false;
  if (scheduled && c.ScheduleExpression === undefined) throw ctx.invalid("A SCHEDULE trigger needs a ScheduleExpression.");
  if (!scheduled && c.ScheduleExpression !== undefined) throw ctx.invalid("ScheduleExpression is only used with a SCHEDULE trigger.");
  if (c.ScheduleExpression !== undefined) {
    const problem = cronExpressionProblem(c.ScheduleExpression);
    if (problem) throw ctx.invalid(problem);
  }
  if (c.StartAt && c.EndAt && c.EndAt <= c.StartAt) throw ctx.invalid("EndAt must be after StartAt.");
  if (c.NumberOfWorkers !== undefined && c.NumberOfWorkers < 1) throw ctx.invalid("NumberOfWorkers must be at least 1.");
  const additional = Object.values(c.AdditionalDataSources ?? {}).map((source) => tableOf(ctx, source, "AdditionalDataSources"));
  if (c.RulesetName !== undefined) findRuleset(ctx, c.RulesetName);
  // What the configuration evaluates must be in the Data Catalog: its catalog, and at the
  // DATABASE and TABLE levels its database (a TABLE pattern may match tables created later);
  // additional data sources name tables, which must exist.
  const scope = catalogScope(ctx, tables.CatalogId);
  if (tables.DatabaseName !== undefined) findDatabase(ctx, scope.store, tables.DatabaseName);
  for (const table of additional) catalogTable(ctx, table);
}

function render(c: EvaluationConfigRecord): GetDataQualityEvaluationConfigResponse {
  return {
    Name: c.Name,
    EvaluationRunMode: "EVALUATION_CONFIG",
    CreatedOn: c.CreatedOn,
    LastModifiedOn: c.LastModifiedOn,
    Level: c.Level,
    DataSource: c.DataSource,
    RulesetName: c.RulesetName,
    ManagedRulesetName: c.ManagedRulesetName,
    Triggers: c.Triggers ? [...c.Triggers] : undefined,
    ScheduleExpression: c.ScheduleExpression,
    StartAt: c.StartAt,
    EndAt: c.EndAt,
    PauseRuns: c.PauseRuns,
    Role: c.Role,
    NumberOfWorkers: c.NumberOfWorkers,
    Timeout: c.Timeout,
    AdditionalRunOptions: c.AdditionalRunOptions,
    AdditionalDataSources: c.AdditionalDataSources,
  };
}

const COMMON = {
  DataSource: CONFIG_SOURCE,
  RulesetName: NAME,
  ManagedRulesetName: oneOf("DataQualityEvaluationConfigManagedRuleset"),
  Triggers: TRIGGERS,
  ScheduleExpression: str({ min: 1, max: 255 }),
  Role: ROLE,
  NumberOfWorkers: WORKERS,
  Timeout: DQ_TIMEOUT,
  AdditionalRunOptions: RUN_OPTIONS,
  AdditionalDataSources: DATA_SOURCE_MAP,
};

export const createDataQualityEvaluationConfig = op<CreateDataQualityEvaluationConfigRequest, CreateDataQualityEvaluationConfigResponse>({
  input: { Name: NAME, Level: oneOf("DataQualityEvaluationConfigLevel"), ...COMMON, Tags: TAGS, ClientToken: HASH },
  errors: ["AlreadyExistsException", "EntityNotFoundException"],
  run(ctx, input) {
    const name = input.Name!;
    const now = ctx.now();
    const record: EvaluationConfigRecord = {
      Name: name,
      CreatedOn: now,
      LastModifiedOn: now,
      Level: input.Level!,
      DataSource: input.DataSource,
      RulesetName: input.RulesetName,
      ManagedRulesetName: input.ManagedRulesetName,
      Triggers: input.Triggers,
      ScheduleExpression: input.ScheduleExpression,
      StartAt: input.StartAt,
      EndAt: input.EndAt,
      PauseRuns: false,
      Role: input.Role!,
      NumberOfWorkers: input.NumberOfWorkers,
      Timeout: input.Timeout,
      AdditionalRunOptions: input.AdditionalRunOptions,
      AdditionalDataSources: input.AdditionalDataSources,
    };
    checkConfig(ctx, record);
    const configs = ctx.backend.dataQuality.evaluationConfigs;
    if (configs.has(name)) throw ctx.error("AlreadyExistsException", `A Data Quality Evaluation Configuration with name ${name} already exists.`);
    configs.set(name, record);
    ctx.backend.tags.add(evaluationConfigArn(ctx, name), input.Tags);
    return { Name: name, EvaluationRunMode: "EVALUATION_CONFIG" };
  },
});

export const getDataQualityEvaluationConfig = op<GetDataQualityEvaluationConfigRequest, GetDataQualityEvaluationConfigResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run: (ctx, input) => render(findConfig(ctx, input.Name!)),
});

export const updateDataQualityEvaluationConfig = op<UpdateDataQualityEvaluationConfigRequest, UpdateDataQualityEvaluationConfigResponse>({
  input: { Name: NAME, ...COMMON },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const current = findConfig(ctx, input.Name!);
    const next: EvaluationConfigRecord = { ...current };
    const given = <K extends keyof EvaluationConfigRecord>(key: K, value: EvaluationConfigRecord[K] | undefined) => {
      if (value !== undefined) next[key] = value;
    };
    given("DataSource", input.DataSource);
    // A ruleset given replaces a managed ruleset, and the other way round.
    if (input.RulesetName !== undefined) Object.assign(next, { RulesetName: input.RulesetName, ManagedRulesetName: undefined });
    if (input.ManagedRulesetName !== undefined) Object.assign(next, { ManagedRulesetName: input.ManagedRulesetName, RulesetName: input.RulesetName });
    given("Triggers", input.Triggers);
    if (input.Triggers !== undefined && !input.Triggers.includes("SCHEDULE") && input.ScheduleExpression === undefined) next.ScheduleExpression = undefined;
    given("ScheduleExpression", input.ScheduleExpression);
    given("StartAt", input.StartAt);
    given("EndAt", input.EndAt);
    given("PauseRuns", input.PauseRuns);
    given("Role", input.Role);
    given("NumberOfWorkers", input.NumberOfWorkers);
    given("Timeout", input.Timeout);
    given("AdditionalRunOptions", input.AdditionalRunOptions);
    given("AdditionalDataSources", input.AdditionalDataSources);
    checkConfig(ctx, next);
    next.LastModifiedOn = ctx.now();
    ctx.backend.dataQuality.evaluationConfigs.set(next.Name, next);
    return render(next);
  },
});

export const deleteDataQualityEvaluationConfig = op<DeleteDataQualityEvaluationConfigRequest, DeleteDataQualityEvaluationConfigResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const config = findConfig(ctx, input.Name!);
    ctx.backend.dataQuality.evaluationConfigs.delete(config.Name);
    ctx.backend.tags.drop(evaluationConfigArn(ctx, config.Name));
    return {};
  },
});

export const listDataQualityEvaluationConfigs = op<ListDataQualityEvaluationConfigsRequest, ListDataQualityEvaluationConfigsResponse>({
  input: { Level: oneOf("DataQualityEvaluationConfigLevel"), MaxResults: DQ_PAGE },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.dataQuality.evaluationConfigs, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      query: input.Level,
      filter: (c) => input.Level === undefined || c.Level === input.Level,
    });
    return {
      DataQualityEvaluationConfigs: page.items.map((c) => ({
        Name: c.Name,
        EvaluationRunMode: "EVALUATION_CONFIG",
        CreatedOn: c.CreatedOn,
        LastModifiedOn: c.LastModifiedOn,
        Level: c.Level,
        DataSource: c.DataSource?.GlueTables
          ? { GlueTables: { CatalogId: c.DataSource.GlueTables.CatalogId, DatabaseName: c.DataSource.GlueTables.DatabaseName, TableNamePattern: c.DataSource.GlueTables.TableNamePattern } }
          : undefined,
        RulesetName: c.RulesetName,
        ManagedRulesetName: c.ManagedRulesetName,
        PauseRuns: c.PauseRuns,
      })),
      NextToken: page.nextToken,
    };
  },
});
