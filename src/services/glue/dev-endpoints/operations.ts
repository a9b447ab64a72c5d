import { batchGetDevEndpoints, createDevEndpoint, deleteDevEndpoint, getDevEndpoint, getDevEndpoints, listDevEndpoints, updateDevEndpoint } from "./dev-endpoints.js";

/** Development endpoints. */
export const DEV_ENDPOINT_OPERATIONS = {
  CreateDevEndpoint: createDevEndpoint,
  GetDevEndpoint: getDevEndpoint,
  GetDevEndpoints: getDevEndpoints,
  ListDevEndpoints: listDevEndpoints,
  BatchGetDevEndpoints: batchGetDevEndpoints,
  UpdateDevEndpoint: updateDevEndpoint,
  DeleteDevEndpoint: deleteDevEndpoint,
};
