import type { IntegrationConfig, IntegrationError, SourceProcessingProperties, SourceTableConfig, TargetProcessingProperties, TargetTableConfig } from "@aws-sdk/client-glue";
import type { LinearProcess } from "../../../engine/lifecycle/process.js";
import { OrderedTable } from "../../../engine/ordered-table.js";

/** Zero-ETL integrations, their resource properties and table properties, in one account and region. */

export interface IntegrationRecord {
  readonly sequence: number;
  readonly IntegrationArn: string;
  IntegrationName: string;
  readonly SourceArn: string;
  readonly TargetArn: string;
  Description?: string | undefined;
  DataFilter?: string | undefined;
  readonly KmsKeyId?: string | undefined;
  readonly AdditionalEncryptionContext?: Record<string, string> | undefined;
  IntegrationConfig?: IntegrationConfig | undefined;
  readonly CreateTime: Date;
  Errors: IntegrationError[];
  /** CREATING → ACTIVE; MODIFYING → ACTIVE; DELETING → DELETED (gone). */
  process: LinearProcess;
}

export interface ResourcePropertyRecord {
  readonly ResourceArn: string;
  readonly ResourcePropertyArn: string;
  SourceProcessingProperties?: SourceProcessingProperties | undefined;
  TargetProcessingProperties?: TargetProcessingProperties | undefined;
}

export interface TablePropertiesRecord {
  readonly ResourceArn: string;
  readonly TableName: string;
  SourceTableConfig?: SourceTableConfig | undefined;
  TargetTableConfig?: TargetTableConfig | undefined;
}

export class IntegrationState {
  /** By the id that ends their ARN, in creation order. */
  readonly integrations = new OrderedTable<IntegrationRecord>((value) => value.sequence);
  /** Integration ids by name (names are unique in an account and region). */
  readonly byName = new Map<string, string>();
  /** Integration ids by `<SourceArn>|<TargetArn>`: one integration per source and target. */
  readonly byPair = new Map<string, string>();
  readonly resourceProperties = new OrderedTable<ResourcePropertyRecord>();
  /** Keyed `<ResourceArn>|<TableName>`. */
  readonly tableProperties = new OrderedTable<TablePropertiesRecord>();
  private sequence = 0;

  next(): number {
    return ++this.sequence;
  }
}
