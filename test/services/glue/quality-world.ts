import {
  AssociateGlossaryTermsCommand,
  CreateDatabaseCommand,
  CreateDataQualityEvaluationConfigCommand,
  CreateDataQualityRulesetCommand,
  CreateGlossaryCommand,
  CreateGlossaryTermCommand,
  CreateIntegrationCommand,
  CreateIntegrationResourcePropertyCommand,
  CreateIntegrationTablePropertiesCommand,
  CreateTableCommand,
  DescribeIntegrationsCommand,
  GetDataQualityRulesetEvaluationRunCommand,
  ListAssetTypesCommand,
  ListDataQualityEvaluationConfigsCommand,
  ListDataQualityResultsV2Command,
  ListDataQualityRulesetsCommand,
  ListDataQualityStatisticsCommand,
  ListFormTypesCommand,
  ListGlossariesCommand,
  ListIntegrationResourcePropertiesCommand,
  ListIntegrationTablePropertiesCommand,
  ListIterableFormsCommand,
  PutAssetCommand,
  PutAssetTypeCommand,
  PutAttachmentCommand,
  PutFormTypeCommand,
  SearchAssetsCommand,
  StartDataQualityRuleRecommendationRunCommand,
  StartDataQualityRulesetEvaluationRunCommand,
  GetDataQualityResultCommand,
} from "@aws-sdk/client-glue";
import { registerDataQualityOutcomes } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { glue, ROLE } from "./helpers.js";

/**
 * One of everything of data quality, integrations and the business context, for the bad-input
 * fuzz: a ruleset with a finished evaluation (result, profile, statistic), a recommendation run,
 * an evaluation config, an ACTIVE integration with resource and table properties, a glossary with
 * a term, form and asset types, and an asset with an iterable form and an attachment.
 */
export interface QualityIds {
  runId: string;
  recommendationRunId: string;
  resultId: string;
  profileId: string;
  statisticId: string;
  integrationArn: string;
  glossaryId: string;
  termId: string;
  /** Runs that stay RUNNING, for the cancels. */
  busyRunId: string;
  busyRecommendationRunId: string;
  doomedIntegrationArn: string;
}

const ORDERS = { GlueTable: { DatabaseName: "sales", TableName: "orders" } };
const SOURCE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
const TARGET = "arn:aws:glue:us-east-1:123456789012:database/lake";
const DOOMED_TARGET = "arn:aws:glue:us-east-1:123456789012:database/doomed";
const ASSET = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";

export async function qualityWorld(): Promise<QualityIds> {
  // Data sources and target tables name Data Catalog tables, which must exist.
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "sales" } }));
  await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: { Name: "orders", StorageDescriptor: { Columns: [{ Name: "id", Type: "string" }] } } }));
  await glue.send(new CreateDataQualityRulesetCommand({ Name: "dq", Ruleset: 'Rules = [ RowCount > 0, IsComplete "id" ]', TargetTable: { DatabaseName: "sales", TableName: "orders" } }));
  registerDataQualityOutcomes("dq", { Rule_1: { Result: "PASS", EvaluatedMetrics: { "Dataset.*.RowCount": 10 } } });
  const { RunId } = await glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: ORDERS, Role: ROLE, RulesetNames: ["dq"] }));
  const { RunId: recommendationRunId } = await glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource: ORDERS, Role: ROLE }));
  await glue.send(
    new CreateDataQualityEvaluationConfigCommand({ Name: "cfg", Level: "DATABASE", DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "sales" } }, RulesetName: "dq", Role: ROLE }),
  );
  const { IntegrationArn } = await glue.send(new CreateIntegrationCommand({ IntegrationName: "orders", SourceArn: SOURCE, TargetArn: TARGET }));
  await glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: TARGET, TargetProcessingProperties: { RoleArn: ROLE } }));
  await glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: TARGET, TableName: "orders", TargetTableConfig: { UnnestSpec: "TOPLEVEL" } }));
  const { Id: glossaryId } = await glue.send(new CreateGlossaryCommand({ Name: "g" }));
  const { Id: termId } = await glue.send(new CreateGlossaryTermCommand({ GlossaryIdentifier: glossaryId, Name: "t" }));
  await glue.send(new PutFormTypeCommand({ Name: "Column", Schema: "structure Column { name: String type: String }" }));
  await glue.send(new PutFormTypeCommand({ Name: "Owner", Schema: "structure Owner { team: String }" }));
  await glue.send(new PutAssetTypeCommand({ Name: "table", Forms: { columns: { FormTypeIdentifier: "Column" }, owner: { FormTypeIdentifier: "Owner" } } }));
  await glue.send(new PutAssetCommand({ AssetTypeId: "table", Identifier: ASSET, Name: "orders", Forms: { columns: { Content: '[{"name":"id"},{"name":"email"}]' }, owner: { Content: '{"team":"data"}' } } }));
  await glue.send(new PutAttachmentCommand({ AssetIdentifier: ASSET, AttachmentName: "note", FormTypeId: "Owner", Content: '{"team":"x"}' }));
  await glue.send(new AssociateGlossaryTermsCommand({ AssetIdentifier: ASSET, GlossaryTermIdentifiers: [termId!] }));
  // For the deletes, resources no other request uses.
  await glue.send(new CreateDataQualityRulesetCommand({ Name: "doomed-dq", Ruleset: "Rules = [ RowCount > 0 ]", TargetTable: { DatabaseName: "sales", TableName: "orders" } }));
  await glue.send(
    new CreateDataQualityEvaluationConfigCommand({ Name: "doomed-cfg", Level: "DATABASE", DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "sales" } }, RulesetName: "dq", Role: ROLE }),
  );
  const { IntegrationArn: doomedIntegrationArn } = await glue.send(new CreateIntegrationCommand({ IntegrationName: "doomed", SourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/doomed", TargetArn: DOOMED_TARGET }));
  await glue.send(new CreateIntegrationResourcePropertyCommand({ ResourceArn: DOOMED_TARGET, TargetProcessingProperties: { RoleArn: ROLE } }));
  await glue.send(new CreateIntegrationTablePropertiesCommand({ ResourceArn: TARGET, TableName: "doomed", TargetTableConfig: { UnnestSpec: "TOPLEVEL" } }));
  await glue.send(new PutAttachmentCommand({ AssetIdentifier: ASSET, AttachmentName: "doomed-note", FormTypeId: "Owner", Content: '{"team":"y"}' }));
  await glue.send(new CreateTableCommand({ DatabaseName: "sales", TableInput: { Name: "busy", StorageDescriptor: { Columns: [{ Name: "id", Type: "string" }] } } }));
  aws.settle();
  // Runs that stay RUNNING (on a table of their own), for the cancels.
  aws.lifecycle("Glue.DataQualityRulesetEvaluationRun", { TableName: "busy" }).staysIn("RUNNING");
  aws.lifecycle("Glue.DataQualityRuleRecommendationRun", { TableName: "busy" }).staysIn("RUNNING");
  const busy = { GlueTable: { DatabaseName: "sales", TableName: "busy" } };
  const { RunId: busyRunId } = await glue.send(new StartDataQualityRulesetEvaluationRunCommand({ DataSource: busy, Role: ROLE, RulesetNames: ["dq"] }));
  const { RunId: busyRecommendationRunId } = await glue.send(new StartDataQualityRuleRecommendationRunCommand({ DataSource: busy, Role: ROLE }));
  const run = await glue.send(new GetDataQualityRulesetEvaluationRunCommand({ RunId }));
  const resultId = run.ResultIds![0]!;
  const { ProfileId } = await glue.send(new GetDataQualityResultCommand({ ResultId: resultId }));
  const statistics = await glue.send(new ListDataQualityStatisticsCommand({ ProfileId }));
  return { runId: RunId!, recommendationRunId: recommendationRunId!, resultId, profileId: ProfileId!, statisticId: statistics.Statistics![0]!.StatisticId!, integrationArn: IntegrationArn!, glossaryId: glossaryId!, termId: termId!, busyRunId: busyRunId!, busyRecommendationRunId: busyRecommendationRunId!, doomedIntegrationArn: doomedIntegrationArn! };
}

/** A valid request to each data-quality, integration and business-context operation. */
export function qualityRequests(ids: QualityIds): Record<string, Record<string, unknown>> {
  const annotation = { ProfileId: ids.profileId, StatisticId: ids.statisticId, InclusionAnnotation: "EXCLUDE" };
  return {
    CreateDataQualityRuleset: { Name: "new-dq", Ruleset: "Rules = [ RowCount > 0 ]", Description: "d", Tags: { t: "v" }, TargetTable: { DatabaseName: "sales", TableName: "orders" } },
    GetDataQualityRuleset: { Name: "dq" },
    UpdateDataQualityRuleset: { Name: "dq", Description: "d", Ruleset: 'Rules = [ RowCount > 0, IsComplete "id" ]' },
    DeleteDataQualityRuleset: { Name: "doomed-dq" },
    ListDataQualityRulesets: { MaxResults: 5, Filter: { Name: "d" }, Tags: { t: "v" } },
    StartDataQualityRulesetEvaluationRun: { DataSource: ORDERS, Role: ROLE, RulesetNames: ["dq"], NumberOfWorkers: 2, Timeout: 10, AdditionalRunOptions: { CompositeRuleEvaluationMethod: "ROW" } },
    GetDataQualityRulesetEvaluationRun: { RunId: ids.runId },
    BatchGetDataQualityRulesetEvaluationRun: { RunIds: [ids.runId] },
    CancelDataQualityRulesetEvaluationRun: { RunId: ids.busyRunId },
    ListDataQualityRulesetEvaluationRuns: { Filter: { DataSource: ORDERS }, MaxResults: 5 },
    StartDataQualityRuleRecommendationRun: { DataSource: ORDERS, Role: ROLE, NumberOfWorkers: 2, Timeout: 10 },
    GetDataQualityRuleRecommendationRun: { RunId: ids.recommendationRunId },
    CancelDataQualityRuleRecommendationRun: { RunId: ids.busyRecommendationRunId },
    ListDataQualityRuleRecommendationRuns: { Filter: { DataSource: ORDERS }, MaxResults: 5 },
    GetDataQualityResult: { ResultId: ids.resultId },
    GetDataQualityResultV2: { ResultId: ids.resultId },
    BatchGetDataQualityResult: { ResultIds: [ids.resultId] },
    BatchGetDataQualityResultV2: { ResultIds: [ids.resultId] },
    ListDataQualityResults: { Filter: { DataSource: ORDERS }, MaxResults: 5 },
    ListDataQualityResultsV2: { Filter: { Dimensions: { p: "emr" } }, MaxResults: 5 },
    PublishDataQualityResultV2: { Dimensions: { p: "emr" }, Score: 1, RuleResults: [{ Name: "Rule_1", Result: "PASS" }], EvaluationContext: "ctx" },
    ListDataQualityStatistics: { ProfileId: ids.profileId, MaxResults: 5 },
    ListDataQualityStatisticAnnotations: { StatisticId: ids.statisticId, MaxResults: 5 },
    BatchPutDataQualityStatisticAnnotation: { InclusionAnnotations: [annotation] },
    PutDataQualityProfileAnnotation: { ProfileId: ids.profileId, InclusionAnnotation: "INCLUDE" },
    GetDataQualityModel: { StatisticId: ids.statisticId, ProfileId: ids.profileId },
    GetDataQualityModelResult: { StatisticId: ids.statisticId, ProfileId: ids.profileId },
    CreateDataQualityEvaluationConfig: { Name: "new-cfg", Level: "TABLE", DataSource: { GlueTables: { CatalogId: "123456789012", DatabaseName: "sales", TableNamePattern: "o.*" } }, ManagedRulesetName: "SIMPLE", Role: ROLE, Tags: { t: "v" } },
    GetDataQualityEvaluationConfig: { Name: "cfg" },
    UpdateDataQualityEvaluationConfig: { Name: "cfg", PauseRuns: true, Triggers: ["ONCE"] },
    DeleteDataQualityEvaluationConfig: { Name: "doomed-cfg" },
    ListDataQualityEvaluationConfigs: { Level: "DATABASE", MaxResults: 5 },
    CreateIntegration: { IntegrationName: "new-int", SourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/new", TargetArn: TARGET, Description: "d", Tags: [{ key: "k", value: "v" }] },
    ModifyIntegration: { IntegrationIdentifier: ids.integrationArn, Description: "d" },
    DeleteIntegration: { IntegrationIdentifier: ids.doomedIntegrationArn },
    DescribeIntegrations: { Filters: [{ Name: "Status", Values: ["ACTIVE"] }], MaxRecords: 5 },
    DescribeInboundIntegrations: { TargetArn: TARGET, MaxRecords: 5 },
    CreateIntegrationResourceProperty: { ResourceArn: "arn:aws:glue:us-east-1:123456789012:connection/new", SourceProcessingProperties: { RoleArn: ROLE } },
    GetIntegrationResourceProperty: { ResourceArn: TARGET },
    UpdateIntegrationResourceProperty: { ResourceArn: TARGET, TargetProcessingProperties: { RoleArn: ROLE } },
    DeleteIntegrationResourceProperty: { ResourceArn: DOOMED_TARGET },
    ListIntegrationResourceProperties: { Filters: [{ Name: "TargetArn", Values: [TARGET] }], MaxRecords: 5 },
    CreateIntegrationTableProperties: { ResourceArn: TARGET, TableName: "new", SourceTableConfig: { Fields: ["a"] } },
    GetIntegrationTableProperties: { ResourceArn: TARGET, TableName: "orders" },
    UpdateIntegrationTableProperties: { ResourceArn: TARGET, TableName: "orders", TargetTableConfig: { UnnestSpec: "FULL" } },
    DeleteIntegrationTableProperties: { ResourceArn: TARGET, TableName: "doomed" },
    ListIntegrationTableProperties: { Filters: [{ Name: "TableName", Values: ["orders"] }], MaxRecords: 5 },
    CreateGlossary: { Name: "new-g", Description: "d" },
    GetGlossary: { Identifier: ids.glossaryId },
    UpdateGlossary: { Identifier: ids.glossaryId, Description: "d" },
    DeleteGlossary: { Identifier: "absent" },
    ListGlossaries: { MaxResults: 5 },
    CreateGlossaryTerm: { GlossaryIdentifier: ids.glossaryId, Name: "new-t", ShortDescription: "s" },
    GetGlossaryTerm: { Identifier: ids.termId },
    UpdateGlossaryTerm: { Identifier: ids.termId, ShortDescription: "s" },
    DeleteGlossaryTerm: { Identifier: "absent" },
    ListGlossaryTerms: { GlossaryIdentifier: ids.glossaryId, MaxResults: 5 },
    AssociateGlossaryTerms: { AssetIdentifier: ASSET, IterableFormName: "columns", ItemIdentifier: "email", GlossaryTermIdentifiers: [ids.termId] },
    DisassociateGlossaryTerms: { AssetIdentifier: ASSET, GlossaryTermIdentifiers: [ids.termId] },
    PutFormType: { Name: "Extra", Schema: "structure Extra { a: String }" },
    GetFormType: { Identifier: "Owner" },
    DeleteFormType: { Identifier: "absent" },
    ListFormTypes: { MaxResults: 5 },
    PutAssetType: { Name: "view", Forms: { owner: { FormTypeIdentifier: "Owner" } } },
    GetAssetType: { Identifier: "table" },
    DeleteAssetType: { Identifier: "absent" },
    ListAssetTypes: { MaxResults: 5 },
    PutAsset: { AssetTypeId: "table", Identifier: "new-asset", Name: "n", Description: "d", Forms: { owner: { FormTypeId: "Owner", Content: '{"team":"a"}' } } },
    GetAsset: { Identifier: ASSET },
    UpdateAsset: { Identifier: ASSET, Description: "d" },
    DeleteAsset: { Identifier: "absent" },
    PutAttachment: { AssetIdentifier: ASSET, AttachmentName: "note", FormTypeId: "Owner", Content: '{"team":"y"}' },
    DeleteAttachment: { AssetIdentifier: ASSET, AttachmentName: "doomed-note" },
    ListIterableForms: { AssetIdentifier: ASSET, IterableFormName: "columns", MaxResults: 5 },
    BatchGetIterableForms: { AssetIdentifier: ASSET, IterableFormName: "columns", ItemIdentifiers: ["id"] },
    SearchAssets: { SearchText: "orders", MaxResults: 5, Sort: { Attribute: "name", Order: "ASCENDING" }, FilterClause: { AttributeFilter: { Attribute: "name", Operator: "equals", Value: { StringValue: "orders" } } } },
  };
}

/** Creates whose name must be fresh on every attempt. */
export const QUALITY_CREATES: Readonly<Record<string, string>> = {
  CreateDataQualityRuleset: "Name",
  CreateDataQualityEvaluationConfig: "Name",
  CreateIntegration: "IntegrationName",
  CreateGlossary: "Name",
  CreateGlossaryTerm: "Name",
};

/** Every list of these families reads back. */
export async function qualitySnapshot(ids: QualityIds) {
  const reads = [
    new ListDataQualityRulesetsCommand({}),
    new ListDataQualityResultsV2Command({}),
    new ListDataQualityStatisticsCommand({}),
    new ListDataQualityEvaluationConfigsCommand({}),
    new GetDataQualityRulesetEvaluationRunCommand({ RunId: ids.runId }),
    new DescribeIntegrationsCommand({}),
    new ListIntegrationResourcePropertiesCommand({}),
    new ListIntegrationTablePropertiesCommand({}),
    new ListGlossariesCommand({}),
    new ListFormTypesCommand({}),
    new ListAssetTypesCommand({}),
    new SearchAssetsCommand({}),
    new ListIterableFormsCommand({ AssetIdentifier: ASSET, IterableFormName: "columns" }),
  ];
  for (const read of reads) await glue.send(read as never);
}
