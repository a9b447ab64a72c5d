import type { DataCatalogEncryptionSettings } from "@aws-sdk/client-glue";
import { OrderedTable } from "../../../engine/ordered-table.js";
import type { ExportConfigurationRecord } from "./catalog-export.js";
import type { IdentityCenterRecord } from "./identity-center.js";
import type { ResourcePolicyRecord } from "./resource-policies.js";
import type { SecurityConfigurationRecord } from "./security-configurations.js";

/**
 * Glue's security settings in one account and region: security configurations, the Data
 * Catalog's encryption and export settings, resource policies and the Identity Center link.
 */
export class SecurityState {
  /** Security configurations by name. */
  readonly configurations = new OrderedTable<SecurityConfigurationRecord>();
  /** PutDataCatalogEncryptionSettings' last value (the catalog's defaults until then). */
  encryptionSettings: DataCatalogEncryptionSettings | undefined;
  /** PutDataCatalogExportConfiguration's last value. */
  exportConfiguration: ExportConfigurationRecord | undefined;
  /** Resource policies by the ARN they are set on (the catalog's and resource-level ones), in ARN order. */
  readonly policies = new OrderedTable<ResourcePolicyRecord>();
  /** The one Glue Identity Center configuration of the account and region. */
  identityCenter: IdentityCenterRecord | undefined;
}
