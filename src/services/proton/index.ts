import { ServiceError } from "../../engine/errors.js";
import { defineService } from "../../engine/service.js";
import { ProtonBackend } from "./backend.js";

/** AWS Proton (awsJson1_0): the operation table. */
export const proton = defineService<ProtonBackend>({
  serviceId: "Proton",
  sdkPackage: "@aws-sdk/client-proton",
  namespace: "com.amazonaws.proton",
  arnService: "proton",
  protocol: "awsJson1_0",
  errors: {
    validation: "ValidationException",
    throttling: "ThrottlingException",
    idempotencyMismatch: (operation, token) =>
      new ServiceError("ValidationException", `IdempotentParameterMismatch: the client token ${token} was already used for a different ${operation} request.`),
  },
  lifecycles: [],
  createBackend: (scope) => new ProtonBackend(scope),
  operations: {},
});
