import { ServiceError } from "../../engine/errors.js";
import { defineService } from "../../engine/service.js";
import { GlueBackend } from "./backend.js";
import * as tags from "./tags.js";
import * as workflows from "./workflows.js";

/** AWS Glue (awsJson1_1): the operation table. Handlers live in one file per resource family. */
export const glue = defineService<GlueBackend>({
  serviceId: "Glue",
  sdkPackage: "@aws-sdk/client-glue",
  namespace: "com.amazonaws.glue",
  arnService: "glue",
  protocol: "awsJson1_1",
  errors: {
    validation: "InvalidInputException",
    throttling: "ThrottlingException",
    idempotencyMismatch: (operation) =>
      new ServiceError("IdempotentParameterMismatchException", `The same unique identifier was associated with a different ${operation} request.`),
  },
  lifecycles: [],
  createBackend: (scope) => new GlueBackend(scope),
  operations: {
    CreateWorkflow: workflows.createWorkflow,
    GetWorkflow: workflows.getWorkflow,
    UpdateWorkflow: workflows.updateWorkflow,
    DeleteWorkflow: workflows.deleteWorkflow,
    ListWorkflows: workflows.listWorkflows,
    BatchGetWorkflows: workflows.batchGetWorkflows,
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    GetTags: tags.getTags,
  },
});
