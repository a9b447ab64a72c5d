import { ServiceError } from "../../engine/errors.js";
import { defineService } from "../../engine/service.js";
import { ImagebuilderBackend } from "./backend.js";

/** EC2 Image Builder (restJson1): the operation table. */
export const imagebuilder = defineService<ImagebuilderBackend>({
  serviceId: "imagebuilder",
  sdkPackage: "@aws-sdk/client-imagebuilder",
  namespace: "com.amazonaws.imagebuilder",
  arnService: "imagebuilder",
  protocol: "restJson1",
  errors: {
    validation: "InvalidParameterValueException",
    throttling: "CallRateLimitExceededException",
    idempotencyMismatch: (operation, token) =>
      new ServiceError("IdempotentParameterMismatchException", `The client token ${token} was already used for a different ${operation} request.`),
  },
  lifecycles: [],
  createBackend: (scope) => new ImagebuilderBackend(scope),
  operations: {},
});
