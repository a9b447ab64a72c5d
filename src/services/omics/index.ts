import { ServiceError } from "../../engine/errors.js";
import { defineService } from "../../engine/service.js";
import { OmicsBackend } from "./backend.js";

/** AWS HealthOmics (restJson1 with per-operation host prefixes): the operation table. */
export const omics = defineService<OmicsBackend>({
  serviceId: "Omics",
  sdkPackage: "@aws-sdk/client-omics",
  namespace: "com.amazonaws.omics",
  arnService: "omics",
  protocol: "restJson1",
  errors: {
    validation: "ValidationException",
    throttling: "ThrottlingException",
    idempotencyMismatch: (operation, token) =>
      new ServiceError("ConflictException", `The request ID ${token} was already used for a different ${operation} request.`),
  },
  lifecycles: [],
  createBackend: (scope) => new OmicsBackend(scope),
  operations: {},
});
