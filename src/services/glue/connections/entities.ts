import type {
  DescribeEntityRequest,
  DescribeEntityResponse,
  Entity,
  Field,
  GetEntityRecordsRequest,
  GetEntityRecordsResponse,
  ListEntitiesRequest,
  ListEntitiesResponse,
} from "@aws-sdk/client-glue";
import type { DocumentType } from "@smithy/types";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { int, list, map, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { catalogBackend } from "./catalog-id.js";
import { connectionTypeOf } from "./connection-types.js";
import { findConnection, type ConnectionRecord } from "./connections.js";
import { evaluate, fieldUses, fieldValue, FilterSyntaxError, parseFilterPredicate, type Condition } from "./filter-predicate.js";
import { connectionEntities, entitiesShapeProblem, type EntityDeclaration } from "./stand-ins.js";

/**
 * The entities behind a connection (ListEntities, DescribeEntity) and their records
 * (GetEntityRecords). What a data source holds comes from its stand-in
 * (registerConnectionEntities in aws-doubles/glue). Without one, a connection of a REST type
 * registered with RegisterConnectionType has the entities its EntityConfigurations declare
 * (fields from their Schema, no records); any other connection has no entities.
 */

const NEXT_TOKEN = str({ min: 1, max: 2048, pattern: "[-a-zA-Z0-9+=/:_]*" });
const API_VERSION = str({ min: 1, max: 256, pattern: "[a-zA-Z0-9.-]*" });
const CATALOG_ID = NAME;
/** Pages of entities and fields: the API has no MaxResults for them. */
const PAGE = 100;

const SECRETS = /PASSWORD|SECRET/;

/** The connection a request names; entities without a connection (the Data Catalog as a source) are not modelled. */
function connectionOf(ctx: RequestContext<GlueBackend>, catalogId: string | undefined, name: string | undefined): { backend: GlueBackend; record: ConnectionRecord } {
  const backend = catalogBackend(ctx, catalogId);
  if (name === undefined) {
    throw ctx.invalid("Give a ConnectionName: listing the entities of the Glue Data Catalog itself (no connection) is not modelled by aws-doubles.");
  }
  const record = findConnection(backend, name);
  if (!record) throw ctx.error("EntityNotFoundException", `Connection ${name} not found.`);
  return { backend, record };
}

/** The entities of a connection's data source: from its stand-in, else from its registered REST type. */
function entitiesOf(ctx: RequestContext<GlueBackend>, backend: GlueBackend, record: ConnectionRecord, apiVersion: string | undefined): EntityDeclaration[] {
  const c = record.connection;
  const properties = Object.fromEntries(Object.entries(c.ConnectionProperties ?? {}).filter(([key]) => !SECRETS.test(key)));
  const request = { ConnectionName: c.Name!, ConnectionType: c.ConnectionType!, ConnectionProperties: properties, DataStoreApiVersion: apiVersion };
  const outcome = connectionEntities.resolve(ctx.engine, [c.Name!], request, { accountId: ctx.accountId, region: ctx.region }, entitiesShapeProblem);
  if (outcome.kind === "failed") {
    throw ctx.error("FederationSourceException", `The data source of connection ${c.Name} failed: ${outcome.message}`, { FederationSourceErrorCode: "InvalidResponseException" });
  }
  if (outcome.kind === "answer") return outcome.answer.Entities;
  const rest = connectionTypeOf(ctx, backend, c.ConnectionType!)?.rest;
  return Object.entries(rest?.EntityConfigurations ?? {}).map(([name, configuration]) => ({
    EntityName: name,
    Fields: Object.values(configuration.Schema ?? {}).map((definition) => ({
      FieldName: definition.Name,
      FieldType: definition.FieldDataType === "UNION" || definition.FieldDataType === "BINARY" ? "STRING" : (definition.FieldDataType as Field["FieldType"]),
      IsNullable: definition.IsNullable,
      IsPartitionable: definition.IsPartitionable,
      IsFilterable: definition.IsQueryable,
      IsRetrievable: true,
      SupportedFilterOperators: definition.IsOrderable ? ["EQUAL_TO", "ORDER_BY"] : undefined,
    })),
  }));
}

/** Finds an entity by name anywhere in the tree (names are unique within a data source). */
function findEntity(entities: readonly EntityDeclaration[], name: string): EntityDeclaration | undefined {
  for (const entity of entities) {
    if (entity.EntityName === name) return entity;
    const inner = findEntity(entity.Children ?? [], name);
    if (inner) return inner;
  }
  return undefined;
}

function mustFindEntity(ctx: RequestContext<GlueBackend>, record: ConnectionRecord, entities: readonly EntityDeclaration[], name: string): EntityDeclaration {
  const entity = findEntity(entities, name);
  if (!entity) throw ctx.error("EntityNotFoundException", `Entity ${name} not found in the data source of connection ${record.connection.Name}.`);
  return entity;
}

function renderEntity(entity: EntityDeclaration): Entity {
  return {
    EntityName: entity.EntityName,
    Label: entity.Label ?? entity.EntityName,
    IsParentEntity: (entity.Children?.length ?? 0) > 0,
    Description: entity.Description,
    Category: entity.Category,
    CustomProperties: entity.CustomProperties ? { ...entity.CustomProperties } : undefined,
  };
}

/** An ordered table over a list served whole by a stand-in, so pages go through the engine's pager. */
function tableOf<V>(values: readonly V[]): OrderedTable<V> {
  const table = new OrderedTable<V>((_value, id) => Number(id));
  values.forEach((value, i) => table.set(String(i), value));
  return table;
}

export const listEntities = op<ListEntitiesRequest, ListEntitiesResponse>({
  input: { ConnectionName: NAME, CatalogId: CATALOG_ID, NextToken: NEXT_TOKEN, DataStoreApiVersion: API_VERSION },
  errors: ["EntityNotFoundException", "FederationSourceException"],
  run(ctx, input) {
    const { backend, record } = connectionOf(ctx, input.CatalogId, input.ConnectionName);
    const entities = entitiesOf(ctx, backend, record, input.DataStoreApiVersion);
    const level = input.ParentEntityName !== undefined ? (mustFindEntity(ctx, record, entities, input.ParentEntityName).Children ?? []) : entities;
    const page = ctx.paginate(tableOf(level), { token: input.NextToken, defaultSize: PAGE, query: [input.CatalogId, input.ConnectionName, input.ParentEntityName] });
    return { Entities: page.items.map(renderEntity), NextToken: page.nextToken };
  },
});

export const describeEntity = op<DescribeEntityRequest, DescribeEntityResponse>({
  input: { ConnectionName: NAME, CatalogId: CATALOG_ID, NextToken: NEXT_TOKEN, DataStoreApiVersion: API_VERSION },
  errors: ["EntityNotFoundException", "FederationSourceException"],
  run(ctx, input) {
    const { backend, record } = connectionOf(ctx, input.CatalogId, input.ConnectionName);
    const entity = mustFindEntity(ctx, record, entitiesOf(ctx, backend, record, input.DataStoreApiVersion), input.EntityName!);
    const page = ctx.paginate(tableOf(entity.Fields ?? []), { token: input.NextToken, defaultSize: PAGE, query: [input.CatalogId, input.ConnectionName, input.EntityName] });
    return { Fields: page.items.map((field) => deepCopy(field)), NextToken: page.nextToken };
  },
});

/** Checks that a field is the entity's and supports `operator` (when the entity declares its fields). */
function fieldProblem(entity: EntityDeclaration, field: string, operator: string | undefined): string | undefined {
  if (!entity.Fields) return undefined;
  const declared = entity.Fields.find((f) => f.FieldName === field);
  if (!declared) return `${field} is not a field of entity ${entity.EntityName} (${entity.Fields.map((f) => f.FieldName).join(", ")}).`;
  if (operator === undefined) return undefined;
  if (operator !== "ORDER_BY" && declared.IsFilterable === false) return `Field ${field} of entity ${entity.EntityName} is not filterable.`;
  if (declared.SupportedFilterOperators && !declared.SupportedFilterOperators.includes(operator as NonNullable<Field["SupportedFilterOperators"]>[number])) {
    return `Field ${field} of entity ${entity.EntityName} does not support ${operator} (it supports ${declared.SupportedFilterOperators.join(", ")}).`;
  }
  return undefined;
}

interface Ordering {
  field: string;
  descending: boolean;
}

function parseOrderBy(text: string): Ordering[] | string {
  const out: Ordering[] = [];
  for (const part of text.split(",")) {
    const match = /^\s*("[^"]+"|`[^`]+`|[A-Za-z_$][\w$.]*)(?:\s+(ASC|DESC))?\s*$/i.exec(part);
    if (!match) return `OrderBy '${text}' is not a list of 'field [ASC|DESC]'.`;
    const field = /^["`]/.test(match[1]!) ? match[1]!.slice(1, -1) : match[1]!;
    out.push({ field, descending: (match[2] ?? "ASC").toUpperCase() === "DESC" });
  }
  return out;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1; // missing values last
  if (b === undefined || b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

export const getEntityRecords = op<GetEntityRecordsRequest, GetEntityRecordsResponse>({
  input: {
    ConnectionName: NAME,
    CatalogId: CATALOG_ID,
    NextToken: NEXT_TOKEN,
    DataStoreApiVersion: API_VERSION,
    ConnectionOptions: map({ key: str({ min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]*" }), value: str({ min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]*" }), max: 100 }),
    FilterPredicate: str({ min: 1, max: 100000 }),
    Limit: int({ min: 1, max: 1000 }),
    SelectedFields: list(str(), { min: 1, max: 1000 }),
  },
  errors: ["EntityNotFoundException", "FederationSourceException"],
  run(ctx, input) {
    const { backend, record } = connectionOf(ctx, input.CatalogId, input.ConnectionName);
    const entity = mustFindEntity(ctx, record, entitiesOf(ctx, backend, record, input.DataStoreApiVersion), input.EntityName!);
    let condition: Condition | undefined;
    if (input.FilterPredicate !== undefined) {
      try {
        condition = parseFilterPredicate(input.FilterPredicate);
      } catch (error) {
        if (error instanceof FilterSyntaxError) throw ctx.invalid(`FilterPredicate '${input.FilterPredicate}' is not valid: ${error.message}.`);
        throw error;
      }
      for (const use of fieldUses(condition)) {
        const problem = fieldProblem(entity, use.field, use.operator);
        if (problem) throw ctx.invalid(`FilterPredicate: ${problem}`);
      }
    }
    let ordering: Ordering[] = [];
    if (input.OrderBy !== undefined && input.OrderBy !== "") {
      const parsed = parseOrderBy(input.OrderBy);
      if (typeof parsed === "string") throw ctx.invalid(parsed);
      for (const o of parsed) {
        const problem = fieldProblem(entity, o.field, entity.Fields?.find((f) => f.FieldName === o.field)?.SupportedFilterOperators ? "ORDER_BY" : undefined);
        if (problem) throw ctx.invalid(`OrderBy: ${problem}`);
      }
      ordering = parsed;
    }
    for (const field of input.SelectedFields ?? []) {
      const problem = fieldProblem(entity, field, undefined);
      if (problem) throw ctx.invalid(`SelectedFields: ${problem}`);
    }
    const records = [...(entity.Records ?? [])];
    if (ordering.length > 0) {
      records.sort((a, b) => {
        for (const o of ordering) {
          const order = compareValues(fieldValue(a, o.field), fieldValue(b, o.field));
          if (order !== 0) return o.descending ? -order : order;
        }
        return 0;
      });
    }
    const page = ctx.paginate(tableOf(records), {
      token: input.NextToken,
      maxResults: input.Limit,
      defaultSize: input.Limit!,
      filter: condition ? (r) => evaluate(condition!, r) : undefined,
      query: [input.CatalogId, input.ConnectionName, input.EntityName, input.FilterPredicate, input.OrderBy, input.SelectedFields],
    });
    const selected = input.SelectedFields;
    const out = page.items.map((r) => (selected ? Object.fromEntries(selected.map((field) => [field, fieldValue(r, field) ?? null])) : deepCopy(r)));
    return { Records: out as DocumentType[], NextToken: page.nextToken };
  },
});
