import * as types from "./connection-types.js";
import * as connections from "./connections.js";
import * as entities from "./entities.js";

/** Connections, connection types, and the entities and records behind a connection. */
export const connectionOperations = {
  CreateConnection: connections.createConnection,
  GetConnection: connections.getConnection,
  GetConnections: connections.getConnections,
  UpdateConnection: connections.updateConnection,
  DeleteConnection: connections.deleteConnection,
  BatchDeleteConnection: connections.batchDeleteConnection,
  TestConnection: connections.testConnection,

  DescribeConnectionType: types.describeConnectionType,
  ListConnectionTypes: types.listConnectionTypes,
  RegisterConnectionType: types.registerConnectionType,
  DeleteConnectionType: types.deleteConnectionType,

  ListEntities: entities.listEntities,
  DescribeEntity: entities.describeEntity,
  GetEntityRecords: entities.getEntityRecords,
};
