import * as integrations from "./integrations.js";
import * as resourceProperties from "./resource-properties.js";
import * as tableProperties from "./table-properties.js";

/** Zero-ETL integrations, their resource properties and table properties. */
export const INTEGRATION_OPERATIONS = {
  CreateIntegration: integrations.createIntegration,
  ModifyIntegration: integrations.modifyIntegration,
  DeleteIntegration: integrations.deleteIntegration,
  DescribeIntegrations: integrations.describeIntegrations,
  DescribeInboundIntegrations: integrations.describeInboundIntegrations,

  CreateIntegrationResourceProperty: resourceProperties.createIntegrationResourceProperty,
  GetIntegrationResourceProperty: resourceProperties.getIntegrationResourceProperty,
  UpdateIntegrationResourceProperty: resourceProperties.updateIntegrationResourceProperty,
  DeleteIntegrationResourceProperty: resourceProperties.deleteIntegrationResourceProperty,
  ListIntegrationResourceProperties: resourceProperties.listIntegrationResourceProperties,

  CreateIntegrationTableProperties: tableProperties.createIntegrationTableProperties,
  GetIntegrationTableProperties: tableProperties.getIntegrationTableProperties,
  UpdateIntegrationTableProperties: tableProperties.updateIntegrationTableProperties,
  DeleteIntegrationTableProperties: tableProperties.deleteIntegrationTableProperties,
  ListIntegrationTableProperties: tableProperties.listIntegrationTableProperties,
};
