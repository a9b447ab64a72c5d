import * as glueSdk from "@aws-sdk/client-glue";
import { createCrawler, createJob, glue, ROLE as GLUE_ROLE } from "../../glue/helpers.js";
import { aws } from "aws-doubles/vitest";
import { garbage, GONE, stateOf, type Change, type KindScenario, type Tracked } from "./types.js";

/**
 * Glue's lifecycle kinds: job runs, crawls, workflow runs, blueprints and their runs
 * (glueKinds), then those of the other families (glueFamilyKinds): the catalog's indexes and
 * task runs, imports and exports, data-quality runs, dev endpoints, integrations, upgrade
 * analyses, ML task runs, the Schema Registry, sessions and statements.
 */

const jobRunOf = (JobName: string, RunId: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetJobRunCommand({ JobName, RunId })), (r) => r.JobRun?.JobRunState),
  rejectedRead: () => glue.send(new glueSdk.GetJobRunsCommand({ JobName, NextToken: garbage })),
});

const crawlerOf = (Name: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetCrawlerCommand({ Name })), (r) => r.Crawler?.State),
  // ListCrawls observes the crawler's crawl before it checks the token: the rejection comes after.
  rejectedRead: () => glue.send(new glueSdk.ListCrawlsCommand({ CrawlerName: Name, NextToken: garbage })),
});

const workflowRunOf = (Name: string, RunId: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetWorkflowRunCommand({ Name, RunId })), (r) => r.Run?.Status),
  rejectedRead: () => glue.send(new glueSdk.GetWorkflowRunsCommand({ Name, NextToken: garbage })),
});

const blueprintOf = (Name: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetBlueprintCommand({ Name })), (r) => r.Blueprint?.Status),
  rejectedRead: () => glue.send(new glueSdk.BatchGetBlueprintsCommand({ Names: [Name, "has space"] })),
});

/**
 * A workflow whose runs start `depth` levels of jobs one after another, `width` jobs side by
 * side in each level; a level starts when every job of the level before it has succeeded.
 */
export async function chainWorkflow(name: string, depth: number, width = 1): Promise<void> {
  await glue.send(new glueSdk.CreateWorkflowCommand({ Name: name }));
  const jobsOf = (level: number) => Array.from({ length: width }, (_, i) => `${name}-job-${level}-${i + 1}`);
  for (let level = 1; level <= depth; level++) {
    for (const job of jobsOf(level)) await createJob(job);
    const Actions = jobsOf(level).map((JobName) => ({ JobName }));
    if (level === 1) {
      await glue.send(new glueSdk.CreateTriggerCommand({ Name: `${name}-start`, WorkflowName: name, Type: "ON_DEMAND", Actions }));
      continue;
    }
    const Conditions = jobsOf(level - 1).map((JobName) => ({ LogicalOperator: "EQUALS" as const, JobName, State: "SUCCEEDED" as const }));
    await glue.send(
      new glueSdk.CreateTriggerCommand({ Name: `${name}-after-${level - 1}`, WorkflowName: name, Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical: "AND", Conditions }, Actions }),
    );
  }
}

export async function startWorkflowRun(name: string): Promise<{ tracked: Tracked; runId: string }> {
  const { RunId } = await glue.send(new glueSdk.StartWorkflowRunCommand({ Name: name }));
  return { tracked: workflowRunOf(name, RunId!), runId: RunId! };
}

export const glueKinds: KindScenario[] = [
  {
    kind: "Glue.JobRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["BatchStopJobRun"],
    readWith: "GetJobRun",
    prepare: async () => void (await createJob("etl", { ExecutionProperty: { MaxConcurrentRuns: 5 } })),
    async start() {
      const startRun = async () => (await glue.send(new glueSdk.StartJobRunCommand({ JobName: "etl" }))).JobRunId!;
      const stop = async (): Promise<Change> => {
        const runId = await startRun();
        return {
          call: "BatchStopJobRun",
          tracked: jobRunOf("etl", runId),
          before: ["STARTING"],
          act: async () => void (await glue.send(new glueSdk.BatchStopJobRunCommand({ JobName: "etl", JobRunIds: [runId] }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked: jobRunOf("etl", await startRun()), changes: [stop] };
    },
  },
  {
    kind: "Glue.Crawl",
    path: ["RUNNING", "STOPPING", "READY"],
    changes: ["StopCrawler"],
    readWith: "GetCrawler (the crawler's State)",
    prepare: async () => void (await createCrawler("raw")),
    async start() {
      await glue.send(new glueSdk.StartCrawlerCommand({ Name: "raw" }));
      const stop = async (): Promise<Change> => {
        await createCrawler("stoppable");
        await glue.send(new glueSdk.StartCrawlerCommand({ Name: "stoppable" }));
        return {
          call: "StopCrawler",
          tracked: crawlerOf("stoppable"),
          before: [],
          act: async () => void (await glue.send(new glueSdk.StopCrawlerCommand({ Name: "stoppable" }))),
          leaves: "STOPPING",
          next: "READY",
        };
      };
      return { tracked: crawlerOf("raw"), changes: [stop] };
    },
  },
  {
    kind: "Glue.WorkflowRun",
    // RUNNING with its job STARTING, then RUNNING; the read that finds it done completes the run.
    path: ["RUNNING", "RUNNING", "COMPLETED"],
    changes: ["StopWorkflowRun"],
    readWith: "GetWorkflowRun",
    composite: true,
    prepare: () => chainWorkflow("wf", 1),
    async start() {
      const { tracked } = await startWorkflowRun("wf");
      const stop = async (): Promise<Change> => {
        const run = await startWorkflowRun("wf");
        return {
          call: "StopWorkflowRun",
          tracked: run.tracked,
          before: [],
          act: async () => void (await glue.send(new glueSdk.StopWorkflowRunCommand({ Name: "wf", RunId: run.runId }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked, changes: [stop] };
    },
  },
  {
    kind: "Glue.Blueprint",
    path: ["CREATING", "ACTIVE"],
    changes: ["UpdateBlueprint"],
    readWith: "GetBlueprint",
    prepare: async () => undefined,
    async start() {
      await glue.send(new glueSdk.CreateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/etl.zip" }));
      const update = async (): Promise<Change> => ({
        call: "UpdateBlueprint",
        tracked: blueprintOf("etl"),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await glue.send(new glueSdk.UpdateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/v2.zip" }))),
        leaves: "UPDATING",
        next: "ACTIVE",
      });
      return { tracked: blueprintOf("etl"), changes: [update] };
    },
  },
  {
    kind: "Glue.BlueprintRun",
    path: ["RUNNING", "SUCCEEDED"],
    readWith: "GetBlueprintRun",
    prepare: async () => void (await glue.send(new glueSdk.CreateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/etl.zip" }))),
    async start() {
      const { RunId } = await glue.send(new glueSdk.StartBlueprintRunCommand({ BlueprintName: "etl", RoleArn: GLUE_ROLE }));
      const tracked: Tracked = {
        read: () => stateOf(() => glue.send(new glueSdk.GetBlueprintRunCommand({ BlueprintName: "etl", RunId })), (r) => r.BlueprintRun?.State),
        rejectedRead: () => glue.send(new glueSdk.GetBlueprintRunsCommand({ BlueprintName: "etl", NextToken: garbage })),
      };
      return { tracked };
    },
  },
];

// --- The other Glue families: catalog, security, data quality, integrations, registry, sessions, ML… ---

const ACCOUNT = "123456789012";

/** What a Glue read shows: its state, or GONE once the resource is not found any more. */
async function glueStateOf<T>(read: () => Promise<T>, pick: (value: T) => string | undefined): Promise<string> {
  try {
    return pick(await read()) ?? "(none)";
  } catch (error) {
    if (["EntityNotFoundException", "IntegrationNotFoundFault"].includes((error as Error).name)) return GONE;
    throw error;
  }
}

/** A database with one table: sales.orders (order_id, email), with `extra` members of its TableInput. */
async function ordersTable(extra: Partial<glueSdk.TableInput> = {}): Promise<void> {
  await glue.send(new glueSdk.CreateDatabaseCommand({ DatabaseInput: { Name: "sales" } }));
  await glue.send(
    new glueSdk.CreateTableCommand({
      DatabaseName: "sales",
      TableInput: { Name: "orders", StorageDescriptor: { Columns: [{ Name: "order_id", Type: "string" }, { Name: "email", Type: "string" }] }, ...extra },
    }),
  );
}

const ORDERS_SOURCE = { GlueTable: { DatabaseName: "sales", TableName: "orders" } };

const partitionIndexOf = (IndexName: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetPartitionIndexesCommand({ DatabaseName: "sales", TableName: "orders" })), (r) => r.PartitionIndexDescriptorList?.find((i) => i.IndexName === IndexName)?.IndexStatus),
  rejectedRead: () => glue.send(new glueSdk.GetPartitionIndexesCommand({ DatabaseName: "sales", TableName: "orders", NextToken: garbage })),
});

const statisticsRunOf = (ColumnStatisticsTaskRunId: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetColumnStatisticsTaskRunCommand({ ColumnStatisticsTaskRunId })), (r) => r.ColumnStatisticsTaskRun?.Status),
  rejectedRead: () => glue.send(new glueSdk.GetColumnStatisticsTaskRunsCommand({ DatabaseName: "sales", TableName: "orders", NextToken: garbage })),
});

const OPTIMIZED = { DatabaseName: "sales", TableName: "orders", Type: "compaction" as const };
const optimizerRunOf = (): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetTableOptimizerCommand({ ...OPTIMIZED, CatalogId: ACCOUNT })), (r) => r.TableOptimizer?.lastRun?.eventType),
  rejectedRead: () => glue.send(new glueSdk.ListTableOptimizerRunsCommand({ ...OPTIMIZED, CatalogId: ACCOUNT, NextToken: garbage })),
});

const VIEW = { CatalogId: ACCOUNT, DatabaseName: "sales", TableName: "daily_orders" };
const refreshRunOf = (MaterializedViewRefreshTaskRunId: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetMaterializedViewRefreshTaskRunCommand({ CatalogId: ACCOUNT, MaterializedViewRefreshTaskRunId })), (r) => r.MaterializedViewRefreshTaskRun?.Status),
  rejectedRead: () => glue.send(new glueSdk.ListMaterializedViewRefreshTaskRunsCommand({ CatalogId: ACCOUNT, NextToken: garbage })),
});

async function materializedView(): Promise<void> {
  await glue.send(new glueSdk.CreateDatabaseCommand({ DatabaseInput: { Name: "sales" } }));
  await glue.send(
    new glueSdk.CreateTableCommand({
      DatabaseName: "sales",
      TableInput: {
        Name: "daily_orders",
        TableType: "VIRTUAL_VIEW",
        ViewDefinition: { IsManaged: true, Representations: [{ Dialect: "SPARK", DialectVersion: "3.5", ViewOriginalText: "SELECT day, count(*) FROM orders GROUP BY day" }] },
      },
    }),
  );
}

const catalogImportOf = (): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetCatalogImportStatusCommand({})), (r) => (r.ImportStatus?.ImportCompleted ? "COMPLETED" : "IN_PROGRESS")),
  // A named catalog that does not exist: the read is refused.
  rejectedRead: () => glue.send(new glueSdk.GetCatalogImportStatusCommand({ CatalogId: "absent-catalog" })),
});

const catalogExportOf = (): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetDataCatalogExportConfigurationCommand({})), (r) => r.Status),
  // The read takes no input a caller could get wrong: an injected fault refuses it.
  rejectedRead: () => {
    aws.failNext("Glue", "GetDataCatalogExportConfiguration", { error: "EntityNotFoundException", message: "injected" });
    return glue.send(new glueSdk.GetDataCatalogExportConfigurationCommand({}));
  },
});

const putExport = (ExportSetting: "ENABLED" | "DISABLED") => glue.send(new glueSdk.PutDataCatalogExportConfigurationCommand({ ExportSetting }));

const evaluationRunOf = (RunId: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetDataQualityRulesetEvaluationRunCommand({ RunId })), (r) => r.Status),
  rejectedRead: () => glue.send(new glueSdk.ListDataQualityRulesetEvaluationRunsCommand({ NextToken: garbage })),
});

const startEvaluationRun = async () =>
  (await glue.send(new glueSdk.StartDataQualityRulesetEvaluationRunCommand({ DataSource: ORDERS_SOURCE, Role: GLUE_ROLE, RulesetNames: ["orders-dq"] }))).RunId!;

const recommendationRunOf = (RunId: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetDataQualityRuleRecommendationRunCommand({ RunId })), (r) => r.Status),
  rejectedRead: () => glue.send(new glueSdk.ListDataQualityRuleRecommendationRunsCommand({ NextToken: garbage })),
});

const startRecommendationRun = async () => (await glue.send(new glueSdk.StartDataQualityRuleRecommendationRunCommand({ DataSource: ORDERS_SOURCE, Role: GLUE_ROLE }))).RunId!;

const devEndpointOf = (EndpointName: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetDevEndpointCommand({ EndpointName })), (r) => r.DevEndpoint?.Status),
  rejectedRead: () => glue.send(new glueSdk.GetDevEndpointsCommand({ NextToken: garbage })),
});

const integrationOf = (IntegrationIdentifier: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.DescribeIntegrationsCommand({ IntegrationIdentifier })), (r) => r.Integrations?.[0]?.Status),
  rejectedRead: () => glue.send(new glueSdk.DescribeIntegrationsCommand({ IntegrationIdentifier, Filters: [{ Name: "Unknown", Values: ["x"] }] })),
});

const createIntegration = async (IntegrationName: string) =>
  (
    await glue.send(
      new glueSdk.CreateIntegrationCommand({
        IntegrationName,
        SourceArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${IntegrationName}`,
        TargetArn: `arn:aws:glue:us-east-1:${ACCOUNT}:catalog`,
      }),
    )
  ).IntegrationArn!;

const upgradeAnalysisOf = (analysisId: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetJobUpgradeAnalysisCommand({ jobName: "spark", analysisId })), (r) => r.status),
  rejectedRead: () => glue.send(new glueSdk.GetJobUpgradeAnalysisCommand({ jobName: "spark", analysisId: "" })),
});

const startUpgradeAnalysis = async (jobName: string) => (await glue.send(new glueSdk.StartJobUpgradeAnalysisCommand({ jobName }))).analysisId!;

let transformId = "";
const mlTaskRunOf = (TaskRunId: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetMLTaskRunCommand({ TransformId: transformId, TaskRunId })), (r) => r.Status),
  rejectedRead: () => glue.send(new glueSdk.GetMLTaskRunsCommand({ TransformId: transformId, NextToken: garbage })),
});

const startLabelingRun = async () => (await glue.send(new glueSdk.StartMLLabelingSetGenerationTaskRunCommand({ TransformId: transformId, OutputS3Path: "s3://labels/out/" }))).TaskRunId!;

const registryOf = (RegistryName: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetRegistryCommand({ RegistryId: { RegistryName } })), (r) => r.Status),
  rejectedRead: () => glue.send(new glueSdk.ListRegistriesCommand({ NextToken: garbage })),
});

const schemaVersionOf = (SchemaVersionId: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetSchemaVersionCommand({ SchemaVersionId })), (r) => r.Status),
  rejectedRead: () => glue.send(new glueSdk.ListSchemaVersionsCommand({ SchemaId: { SchemaName: "users" }, NextToken: garbage })),
});

const avroUser = (fields: object[]) => JSON.stringify({ type: "record", name: "User", namespace: "example", fields });

const sessionOf = (Id: string): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetSessionCommand({ Id })), (r) => r.Session?.Status),
  rejectedRead: () => glue.send(new glueSdk.ListSessionsCommand({ NextToken: garbage })),
});

const createSession = (Id: string) => glue.send(new glueSdk.CreateSessionCommand({ Id, Role: GLUE_ROLE, Command: { Name: "glueetl", PythonVersion: "3" } }));

const statementOf = (Id: number): Tracked => ({
  read: () => glueStateOf(() => glue.send(new glueSdk.GetStatementCommand({ SessionId: "notebook", Id })), (r) => r.Statement?.State),
  rejectedRead: () => glue.send(new glueSdk.ListStatementsCommand({ SessionId: "notebook", NextToken: garbage })),
});

const runStatement = async (Code: string) => (await glue.send(new glueSdk.RunStatementCommand({ SessionId: "notebook", Code }))).Id!;

export const glueFamilyKinds: KindScenario[] = [
  {
    kind: "Glue.PartitionIndex",
    path: ["CREATING", "ACTIVE"],
    readWith: "GetPartitionIndexes",
    prepare: () => ordersTable({ PartitionKeys: [{ Name: "day", Type: "string" }] }),
    async start() {
      await glue.send(new glueSdk.CreatePartitionIndexCommand({ DatabaseName: "sales", TableName: "orders", PartitionIndex: { IndexName: "by-day", Keys: ["day"] } }));
      return { tracked: partitionIndexOf("by-day") };
    },
  },
  {
    kind: "Glue.ColumnStatisticsTaskRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["StopColumnStatisticsTaskRun"],
    readWith: "GetColumnStatisticsTaskRun",
    prepare: () => ordersTable(),
    async start() {
      const startRun = async () => (await glue.send(new glueSdk.StartColumnStatisticsTaskRunCommand({ DatabaseName: "sales", TableName: "orders", Role: GLUE_ROLE }))).ColumnStatisticsTaskRunId!;
      const runId = await startRun();
      const stop = async (): Promise<Change> => ({
        call: "StopColumnStatisticsTaskRun",
        tracked: statisticsRunOf(runId),
        before: ["STARTING"],
        act: async () => void (await glue.send(new glueSdk.StopColumnStatisticsTaskRunCommand({ DatabaseName: "sales", TableName: "orders" }))),
        // A run being stopped reads RUNNING (the Status enum has no STOPPING), then STOPPED.
        leaves: "RUNNING",
        next: "STOPPED",
      });
      return { tracked: statisticsRunOf(runId), changes: [stop] };
    },
  },
  {
    kind: "Glue.TableOptimizerRun",
    path: ["starting", "in_progress", "completed"],
    readWith: "GetTableOptimizer (its lastRun)",
    prepare: () => ordersTable({ Parameters: { table_type: "ICEBERG" } }),
    async start() {
      await glue.send(new glueSdk.CreateTableOptimizerCommand({ ...OPTIMIZED, CatalogId: ACCOUNT, TableOptimizerConfiguration: { roleArn: GLUE_ROLE, enabled: true } }));
      return { tracked: optimizerRunOf() };
    },
  },
  {
    kind: "Glue.MaterializedViewRefreshTaskRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["StopMaterializedViewRefreshTaskRun"],
    readWith: "GetMaterializedViewRefreshTaskRun",
    prepare: materializedView,
    async start() {
      const runId = (await glue.send(new glueSdk.StartMaterializedViewRefreshTaskRunCommand(VIEW))).MaterializedViewRefreshTaskRunId!;
      const stop = async (): Promise<Change> => ({
        call: "StopMaterializedViewRefreshTaskRun",
        tracked: refreshRunOf(runId),
        before: ["STARTING"],
        act: async () => void (await glue.send(new glueSdk.StopMaterializedViewRefreshTaskRunCommand(VIEW))),
        leaves: "RUNNING",
        next: "STOPPED",
      });
      return { tracked: refreshRunOf(runId), changes: [stop] };
    },
  },
  {
    kind: "Glue.CatalogImport",
    path: ["IN_PROGRESS", "COMPLETED"],
    readWith: "GetCatalogImportStatus (ImportCompleted)",
    prepare: async () => undefined,
    async start() {
      await glue.send(new glueSdk.ImportCatalogToGlueCommand({}));
      return { tracked: catalogImportOf() };
    },
  },
  {
    kind: "Glue.DataCatalogExport",
    path: ["ENABLING", "ENABLED"],
    changes: ["PutDataCatalogExportConfiguration"],
    readWith: "GetDataCatalogExportConfiguration",
    prepare: async () => undefined,
    async start() {
      await putExport("ENABLED");
      const disable = async (): Promise<Change> => ({
        call: "PutDataCatalogExportConfiguration",
        tracked: catalogExportOf(),
        before: ["ENABLING", "ENABLED"],
        act: async () => void (await putExport("DISABLED")),
        leaves: "DISABLING",
        next: "DISABLED",
      });
      return { tracked: catalogExportOf(), changes: [disable] };
    },
  },
  {
    kind: "Glue.DataQualityRulesetEvaluationRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["CancelDataQualityRulesetEvaluationRun"],
    readWith: "GetDataQualityRulesetEvaluationRun",
    async prepare() {
      await ordersTable();
      await glue.send(new glueSdk.CreateDataQualityRulesetCommand({ Name: "orders-dq", Ruleset: 'Rules = [ RowCount > 0, IsComplete "order_id" ]' }));
    },
    async start() {
      const runId = await startEvaluationRun();
      const cancel = async (): Promise<Change> => {
        const other = await startEvaluationRun();
        return {
          call: "CancelDataQualityRulesetEvaluationRun",
          tracked: evaluationRunOf(other),
          before: ["STARTING"],
          act: async () => void (await glue.send(new glueSdk.CancelDataQualityRulesetEvaluationRunCommand({ RunId: other }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked: evaluationRunOf(runId), changes: [cancel] };
    },
  },
  {
    kind: "Glue.DataQualityRuleRecommendationRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["CancelDataQualityRuleRecommendationRun"],
    readWith: "GetDataQualityRuleRecommendationRun",
    prepare: () => ordersTable(),
    async start() {
      const runId = await startRecommendationRun();
      const cancel = async (): Promise<Change> => {
        const other = await startRecommendationRun();
        return {
          call: "CancelDataQualityRuleRecommendationRun",
          tracked: recommendationRunOf(other),
          before: ["STARTING"],
          act: async () => void (await glue.send(new glueSdk.CancelDataQualityRuleRecommendationRunCommand({ RunId: other }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked: recommendationRunOf(runId), changes: [cancel] };
    },
  },
  {
    kind: "Glue.DevEndpoint",
    path: ["PROVISIONING", "READY"],
    readWith: "GetDevEndpoint",
    prepare: async () => undefined,
    async start() {
      await glue.send(new glueSdk.CreateDevEndpointCommand({ EndpointName: "dev", RoleArn: GLUE_ROLE }));
      return { tracked: devEndpointOf("dev") };
    },
  },
  {
    kind: "Glue.Integration",
    path: ["CREATING", "ACTIVE"],
    changes: ["ModifyIntegration", "DeleteIntegration"],
    readWith: "DescribeIntegrations",
    prepare: async () => undefined,
    async start() {
      const arn = await createIntegration("orders");
      const modify = async (): Promise<Change> => ({
        call: "ModifyIntegration",
        tracked: integrationOf(arn),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await glue.send(new glueSdk.ModifyIntegrationCommand({ IntegrationIdentifier: arn, Description: "nightly" }))),
        leaves: "MODIFYING",
        next: "ACTIVE",
      });
      const remove = async (): Promise<Change> => ({
        call: "DeleteIntegration",
        tracked: integrationOf(arn),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await glue.send(new glueSdk.DeleteIntegrationCommand({ IntegrationIdentifier: arn }))),
        leaves: "DELETING",
        next: GONE,
      });
      return { tracked: integrationOf(arn), changes: [modify, remove] };
    },
  },
  {
    kind: "Glue.JobUpgradeAnalysis",
    path: ["OBSERVING", "WAITING_FOR_CONSENT"],
    changes: ["StartJobUpgradeAnalysis", "StopJobUpgradeAnalysis"],
    readWith: "GetJobUpgradeAnalysis",
    prepare: async () => void (await createJob("spark", { GlueVersion: "4.0" })),
    async start() {
      const analysisId = await startUpgradeAnalysis("spark");
      const consent = async (): Promise<Change> => ({
        call: "StartJobUpgradeAnalysis",
        tracked: upgradeAnalysisOf(analysisId),
        before: ["OBSERVING", "WAITING_FOR_CONSENT"],
        act: async () => void (await glue.send(new glueSdk.StartJobUpgradeAnalysisCommand({ jobName: "spark", analysisId, upgradeConsent: "APPROVE" }))),
        leaves: "UPGRADING",
        next: "SUCCEEDED",
      });
      const stop = async (): Promise<Change> => ({
        call: "StopJobUpgradeAnalysis",
        tracked: upgradeAnalysisOf(analysisId),
        before: [],
        act: async () => void (await glue.send(new glueSdk.StopJobUpgradeAnalysisCommand({ jobName: "spark", analysisId }))),
        leaves: "STOPPED",
        next: "STOPPED",
      });
      return { tracked: upgradeAnalysisOf(analysisId), changes: [consent, stop] };
    },
  },
  {
    kind: "Glue.MLTaskRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["CancelMLTaskRun"],
    readWith: "GetMLTaskRun",
    async prepare() {
      const created = await glue.send(
        new glueSdk.CreateMLTransformCommand({
          Name: "dedupe",
          Role: GLUE_ROLE,
          InputRecordTables: [{ DatabaseName: "crm", TableName: "people" }],
          Parameters: { TransformType: "FIND_MATCHES", FindMatchesParameters: { PrimaryKeyColumnName: "id" } },
        }),
      );
      transformId = created.TransformId!;
    },
    async start() {
      const runId = await startLabelingRun();
      const cancel = async (): Promise<Change> => {
        // One labeling-set generation at a time: the first one is cancelled.
        return {
          call: "CancelMLTaskRun",
          tracked: mlTaskRunOf(runId),
          before: ["STARTING"],
          act: async () => void (await glue.send(new glueSdk.CancelMLTaskRunCommand({ TransformId: transformId, TaskRunId: runId }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked: mlTaskRunOf(runId), changes: [cancel] };
    },
  },
  {
    kind: "Glue.RegistryDeletion",
    path: ["DELETING", GONE],
    readWith: "GetRegistry",
    prepare: async () => void (await glue.send(new glueSdk.CreateRegistryCommand({ RegistryName: "events" }))),
    async start() {
      await glue.send(new glueSdk.DeleteRegistryCommand({ RegistryId: { RegistryName: "events" } }));
      return { tracked: registryOf("events") };
    },
  },
  {
    kind: "Glue.SchemaVersion",
    path: ["PENDING", "AVAILABLE"],
    readWith: "GetSchemaVersion",
    prepare: async () =>
      void (await glue.send(
        new glueSdk.CreateSchemaCommand({ SchemaName: "users", DataFormat: "AVRO", Compatibility: "BACKWARD", SchemaDefinition: avroUser([{ name: "id", type: "string" }]) }),
      )),
    async start() {
      const definition = avroUser([
        { name: "id", type: "string" },
        { name: "email", type: ["null", "string"], default: null },
      ]);
      const { SchemaVersionId } = await glue.send(new glueSdk.RegisterSchemaVersionCommand({ SchemaId: { SchemaName: "users" }, SchemaDefinition: definition }));
      return { tracked: schemaVersionOf(SchemaVersionId!) };
    },
  },
  {
    kind: "Glue.Session",
    path: ["PROVISIONING", "READY"],
    changes: ["StopSession"],
    readWith: "GetSession",
    prepare: async () => undefined,
    async start() {
      await createSession("notebook");
      const stop = async (): Promise<Change> => {
        await createSession("stoppable");
        return {
          call: "StopSession",
          tracked: sessionOf("stoppable"),
          before: [],
          act: async () => void (await glue.send(new glueSdk.StopSessionCommand({ Id: "stoppable" }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked: sessionOf("notebook"), changes: [stop] };
    },
  },
  {
    kind: "Glue.Statement",
    path: ["WAITING", "RUNNING", "AVAILABLE"],
    changes: ["CancelStatement"],
    readWith: "GetStatement",
    prepare: async () => void (await createSession("notebook")),
    async start() {
      const id = await runStatement("print(1)");
      const cancel = async (): Promise<Change> => ({
        call: "CancelStatement",
        tracked: statementOf(id),
        before: ["WAITING"],
        act: async () => void (await glue.send(new glueSdk.CancelStatementCommand({ SessionId: "notebook", Id: id }))),
        leaves: "CANCELLING",
        next: "CANCELLED",
      });
      return { tracked: statementOf(id), changes: [cancel] };
    },
  },
];
