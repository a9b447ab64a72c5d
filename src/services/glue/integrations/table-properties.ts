import type {
  CreateIntegrationTablePropertiesRequest,
  CreateIntegrationTablePropertiesResponse,
  DeleteIntegrationTablePropertiesRequest,
  DeleteIntegrationTablePropertiesResponse,
  GetIntegrationTablePropertiesRequest,
  GetIntegrationTablePropertiesResponse,
  IntegrationTableProperties,
  ListIntegrationTablePropertiesRequest,
  ListIntegrationTablePropertiesResponse,
  UpdateIntegrationTablePropertiesRequest,
  UpdateIntegrationTablePropertiesResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { int, list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { requireArn, STRING128 } from "./integrations.js";
import type { TablePropertiesRecord } from "./records.js";

const SOURCE_TABLE = struct({ Fields: list(STRING128), FilterPredicate: STRING128, PrimaryKey: list(STRING128), RecordUpdateField: STRING128 });
const TARGET_TABLE = struct({
  UnnestSpec: oneOf("UnnestSpec"),
  PartitionSpec: list(struct({ FieldName: STRING128, FunctionSpec: STRING128, ConversionSpec: str({ min: 1, max: 128 }) })),
  TargetTableName: STRING128,
  IntegrationArn: str({ min: 1, max: 512 }),
});
const PARTITION_FUNCTIONS = new Set(["identity", "year", "month", "day", "hour"]);

const keyOf = (arn: string, table: string) => `${arn}|${table}`;

function find(ctx: RequestContext<GlueBackend>, arn: string, table: string): TablePropertiesRecord {
  const record = ctx.backend.integrations.tableProperties.get(keyOf(arn, table));
  if (!record) throw ctx.error("EntityNotFoundException", `No integration table properties exist for table ${table} of ${arn}.`);
  return record;
}

function check(ctx: RequestContext<GlueBackend>, input: { SourceTableConfig?: unknown; TargetTableConfig?: IntegrationTableProperties["TargetTableConfig"] }): void {
  if (input.SourceTableConfig === undefined && input.TargetTableConfig === undefined) throw ctx.invalid("Give a SourceTableConfig or a TargetTableConfig.");
  for (const partition of input.TargetTableConfig?.PartitionSpec ?? []) {
    if (partition.FunctionSpec !== undefined && !PARTITION_FUNCTIONS.has(partition.FunctionSpec)) {
      throw ctx.invalid(`FunctionSpec ${partition.FunctionSpec} is not a partition function: use identity, year, month, day or hour.`);
    }
    if (partition.FieldName === undefined) throw ctx.invalid("Each PartitionSpec entry names a FieldName.");
  }
}

const render = (r: TablePropertiesRecord): IntegrationTableProperties => ({ ResourceArn: r.ResourceArn, TableName: r.TableName, SourceTableConfig: r.SourceTableConfig, TargetTableConfig: r.TargetTableConfig });

export const createIntegrationTableProperties = op<CreateIntegrationTablePropertiesRequest, CreateIntegrationTablePropertiesResponse>({
  input: { ResourceArn: STRING128, TableName: STRING128, SourceTableConfig: SOURCE_TABLE, TargetTableConfig: TARGET_TABLE },
  errors: [],
  run(ctx, input) {
    requireArn(ctx, input.ResourceArn!, "ResourceArn");
    check(ctx, input);
    const state = ctx.backend.integrations;
    const key = keyOf(input.ResourceArn!, input.TableName!);
    // The model lists no conflict error: a second create is refused as invalid input.
    if (state.tableProperties.has(key)) throw ctx.invalid(`Integration table properties already exist for table ${input.TableName} of ${input.ResourceArn}; update them instead.`);
    state.tableProperties.set(key, { ResourceArn: input.ResourceArn!, TableName: input.TableName!, SourceTableConfig: input.SourceTableConfig, TargetTableConfig: input.TargetTableConfig });
    return {};
  },
});

export const getIntegrationTableProperties = op<GetIntegrationTablePropertiesRequest, GetIntegrationTablePropertiesResponse>({
  input: { ResourceArn: STRING128, TableName: STRING128 },
  errors: ["EntityNotFoundException"],
  run: (ctx, input) => render(find(ctx, input.ResourceArn!, input.TableName!)),
});

export const updateIntegrationTableProperties = op<UpdateIntegrationTablePropertiesRequest, UpdateIntegrationTablePropertiesResponse>({
  input: { ResourceArn: STRING128, TableName: STRING128, SourceTableConfig: SOURCE_TABLE, TargetTableConfig: TARGET_TABLE },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const record = find(ctx, input.ResourceArn!, input.TableName!);
    check(ctx, input);
    if (input.SourceTableConfig !== undefined) record.SourceTableConfig = input.SourceTableConfig;
    if (input.TargetTableConfig !== undefined) record.TargetTableConfig = input.TargetTableConfig;
    return {};
  },
});

export const deleteIntegrationTableProperties = op<DeleteIntegrationTablePropertiesRequest, DeleteIntegrationTablePropertiesResponse>({
  input: { ResourceArn: STRING128, TableName: STRING128 },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    find(ctx, input.ResourceArn!, input.TableName!);
    ctx.backend.integrations.tableProperties.delete(keyOf(input.ResourceArn!, input.TableName!));
    return {};
  },
});

const FILTER_NAMES = new Set(["ResourceArn", "TableName"]);

export const listIntegrationTableProperties = op<ListIntegrationTablePropertiesRequest, ListIntegrationTablePropertiesResponse>({
  input: { Marker: str({ min: 1, max: 1024 }), MaxRecords: int({ min: 1 }), Filters: list(struct({ Name: STRING128, Values: list(STRING128) })) },
  errors: [],
  run(ctx, input) {
    const filters: Array<(r: TablePropertiesRecord) => boolean> = [];
    for (const filter of input.Filters ?? []) {
      if (!filter.Name || !FILTER_NAMES.has(filter.Name)) throw ctx.invalid(`Filter ${filter.Name ?? "(no name)"} is not supported: use ResourceArn or TableName.`);
      const values = new Set(filter.Values ?? []);
      const name = filter.Name as "ResourceArn" | "TableName";
      filters.push((r) => values.has(r[name]));
    }
    const page = ctx.paginate(ctx.backend.integrations.tableProperties, {
      token: input.Marker,
      maxResults: input.MaxRecords,
      defaultSize: 100,
      query: input.Filters,
      filter: (r) => filters.every((f) => f(r)),
    });
    return { IntegrationTablePropertiesList: page.items.map(render), Marker: page.nextToken };
  },
});
