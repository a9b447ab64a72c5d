import type { Field } from "@aws-sdk/client-glue";
import { StandInFamily, type StandIn } from "../../../engine/stand-ins.js";

/**
 * Stand-ins for what a connection reaches: the fake cannot call a database or a SaaS API, so a
 * test declares what the data source behind a connection holds (docs/decisions/0004). Both
 * families are keyed by connection name ("*" for every connection without its own).
 */

/** One entity of a data source (a table, a Salesforce object, a REST resource). */
export interface EntityDeclaration {
  EntityName: string;
  Label?: string;
  Description?: string;
  Category?: string;
  CustomProperties?: Record<string, string>;
  /** Its fields, as DescribeEntity returns them (FieldName, FieldType, IsFilterable, SupportedFilterOperators…). */
  Fields?: Field[];
  /** Its records, as GetEntityRecords returns them (plain JSON objects). */
  Records?: Array<Record<string, unknown>>;
  /** Entities under it: ListEntities with ParentEntityName lists them (IsParentEntity is then true). */
  Children?: EntityDeclaration[];
}

/** What a connection's data source holds. */
export interface ConnectionEntities {
  Entities: EntityDeclaration[];
}

/** What the fake tells a stand-in function about the connection it answers for. */
export interface ConnectionDataSourceRequest {
  ConnectionName: string;
  ConnectionType: string;
  /** The connection's properties, secrets left out. */
  ConnectionProperties: Record<string, string>;
  /** DataStoreApiVersion, when the request gives one. */
  DataStoreApiVersion?: string | undefined;
}

export type ConnectionEntitiesStandIn = StandIn<ConnectionDataSourceRequest, ConnectionEntities>;

export const connectionEntities = new StandInFamily<ConnectionDataSourceRequest, ConnectionEntities>(
  "glue.connectionEntities",
  "Glue connection data source",
  "{ Entities: [{ EntityName, Fields?, Records?, Children? }] }",
  (value) => typeof value === "object" && value !== null && Array.isArray((value as { Entities?: unknown }).Entities),
);

/** Why an answer is not a ConnectionEntities, or undefined. */
export function entitiesShapeProblem(answer: unknown): string | undefined {
  if (!answer || typeof answer !== "object" || !Array.isArray((answer as ConnectionEntities).Entities)) return "must return { Entities: [...] }.";
  const walk = (entities: unknown[], where: string): string | undefined => {
    for (const [i, e] of entities.entries()) {
      const entity = e as EntityDeclaration;
      if (!entity || typeof entity !== "object" || typeof entity.EntityName !== "string" || entity.EntityName === "") return `returned ${where}[${i}] without an EntityName.`;
      if (entity.Fields !== undefined && (!Array.isArray(entity.Fields) || entity.Fields.some((f) => !f || typeof f.FieldName !== "string"))) return `returned entity ${entity.EntityName} with Fields that are not [{ FieldName, … }].`;
      if (entity.Records !== undefined && (!Array.isArray(entity.Records) || entity.Records.some((r) => !r || typeof r !== "object" || Array.isArray(r)))) return `returned entity ${entity.EntityName} with Records that are not objects.`;
      if (entity.Children !== undefined) {
        if (!Array.isArray(entity.Children)) return `returned entity ${entity.EntityName} with Children that are not a list.`;
        const problem = walk(entity.Children, `${entity.EntityName}.Children`);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return walk((answer as ConnectionEntities).Entities, "Entities");
}

/** A connection test's outcome: reachable, or not with the reason the data store gave. */
export type ConnectionTestResult = true | { ok: boolean; message?: string };

export interface ConnectionTestRequest {
  /** Absent when TestConnection tests a TestConnectionInput rather than a connection. */
  ConnectionName?: string | undefined;
  ConnectionType: string;
  ConnectionProperties: Record<string, string>;
}

export type ConnectionTestStandIn = StandIn<ConnectionTestRequest, ConnectionTestResult>;

export const connectionTests = new StandInFamily<ConnectionTestRequest, ConnectionTestResult>(
  "glue.connectionTests",
  "Glue connection test",
  "true or { ok: boolean, message? }",
  (value) => value === true || (typeof value === "object" && value !== null && typeof (value as { ok?: unknown }).ok === "boolean"),
);
