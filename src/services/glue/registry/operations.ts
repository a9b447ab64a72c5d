import { getSchemaVersionsDiff, checkSchemaVersionValidity, deleteSchemaVersions, getSchemaByDefinition, getSchemaVersion, listSchemaVersions, registerSchemaVersion } from "./versions.js";
import { putSchemaVersionMetadata, querySchemaVersionMetadata, removeSchemaVersionMetadata } from "./metadata.js";
import { createRegistry, deleteRegistry, getRegistry, listRegistries, updateRegistry } from "./registries.js";
import { createSchema, deleteSchema, getSchema, listSchemas, updateSchema } from "./schemas.js";

/** The Glue Schema Registry's operations. */
export const REGISTRY_OPERATIONS = {
  CreateRegistry: createRegistry,
  GetRegistry: getRegistry,
  ListRegistries: listRegistries,
  UpdateRegistry: updateRegistry,
  DeleteRegistry: deleteRegistry,
  CreateSchema: createSchema,
  GetSchema: getSchema,
  ListSchemas: listSchemas,
  UpdateSchema: updateSchema,
  DeleteSchema: deleteSchema,
  RegisterSchemaVersion: registerSchemaVersion,
  GetSchemaVersion: getSchemaVersion,
  ListSchemaVersions: listSchemaVersions,
  DeleteSchemaVersions: deleteSchemaVersions,
  GetSchemaByDefinition: getSchemaByDefinition,
  CheckSchemaVersionValidity: checkSchemaVersionValidity,
  GetSchemaVersionsDiff: getSchemaVersionsDiff,
  PutSchemaVersionMetadata: putSchemaVersionMetadata,
  QuerySchemaVersionMetadata: querySchemaVersionMetadata,
  RemoveSchemaVersionMetadata: removeSchemaVersionMetadata,
};
