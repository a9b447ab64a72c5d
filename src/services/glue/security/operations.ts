import * as encryption from "./catalog-encryption.js";
import * as catalogExport from "./catalog-export.js";
import * as identityCenter from "./identity-center.js";
import * as policies from "./resource-policies.js";
import * as configurations from "./security-configurations.js";

/** Security configurations, the Data Catalog's encryption and export settings, resource policies, Identity Center. */
export const securityOperations = {
  CreateSecurityConfiguration: configurations.createSecurityConfiguration,
  GetSecurityConfiguration: configurations.getSecurityConfiguration,
  GetSecurityConfigurations: configurations.getSecurityConfigurations,
  DeleteSecurityConfiguration: configurations.deleteSecurityConfiguration,

  GetDataCatalogEncryptionSettings: encryption.getDataCatalogEncryptionSettings,
  PutDataCatalogEncryptionSettings: encryption.putDataCatalogEncryptionSettings,
  GetDataCatalogExportConfiguration: catalogExport.getDataCatalogExportConfiguration,
  PutDataCatalogExportConfiguration: catalogExport.putDataCatalogExportConfiguration,

  PutResourcePolicy: policies.putResourcePolicy,
  GetResourcePolicy: policies.getResourcePolicy,
  GetResourcePolicies: policies.getResourcePolicies,
  DeleteResourcePolicy: policies.deleteResourcePolicy,

  CreateGlueIdentityCenterConfiguration: identityCenter.createGlueIdentityCenterConfiguration,
  GetGlueIdentityCenterConfiguration: identityCenter.getGlueIdentityCenterConfiguration,
  UpdateGlueIdentityCenterConfiguration: identityCenter.updateGlueIdentityCenterConfiguration,
  DeleteGlueIdentityCenterConfiguration: identityCenter.deleteGlueIdentityCenterConfiguration,
};
