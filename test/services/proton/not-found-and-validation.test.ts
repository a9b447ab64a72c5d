import * as sdk from "@aws-sdk/client-proton";
import { ResourceNotFoundException, ValidationException } from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeService, proton } from "./helpers.js";

/** The client's commands by name, for the table-driven checks below. */
const commands = sdk as unknown as Record<string, new (input: object) => unknown>;
const send = (operation: string, input: object) => proton.send(new commands[`${operation}Command`]!(input) as never);

/**
 * Every read or change of a named resource that does not exist is ResourceNotFoundException
 * (HTTP 404) with a message naming it. `ghost` never exists; `orders`, `api-a` and `prod` do.
 */
const MISSING: Array<[string, object, string]> = [
  ["GetEnvironmentTemplate", { name: "ghost" }, "ghost"],
  ["UpdateServiceTemplate", { name: "ghost", description: "d" }, "ghost"],
  ["GetServiceTemplate", { name: "ghost" }, "ghost"],
  ["ListServiceTemplateVersions", { templateName: "ghost" }, "ghost"],
  ["GetEnvironmentTemplateVersion", { templateName: "vpc-env", majorVersion: "9", minorVersion: "0" }, "9.0"],
  ["UpdateServiceTemplateVersion", { templateName: "api-svc", majorVersion: "1", minorVersion: "9", description: "d" }, "1.9"],
  ["GetEnvironment", { name: "ghost" }, "ghost"],
  ["ListEnvironmentOutputs", { environmentName: "ghost" }, "ghost"],
  ["ListEnvironmentProvisionedResources", { environmentName: "ghost" }, "ghost"],
  ["GetService", { name: "ghost" }, "ghost"],
  ["UpdateService", { name: "ghost", description: "d" }, "ghost"],
  ["GetServiceInstance", { serviceName: "orders", name: "ghost" }, "ghost"],
  ["UpdateServiceInstance", { serviceName: "orders", name: "ghost", deploymentType: "NONE" }, "ghost"],
  ["ListServiceInstanceOutputs", { serviceName: "orders", serviceInstanceName: "ghost" }, "ghost"],
  ["ListServiceInstanceProvisionedResources", { serviceName: "orders", serviceInstanceName: "ghost" }, "ghost"],
  ["CancelServiceInstanceDeployment", { serviceName: "ghost", serviceInstanceName: "api-a" }, "ghost"],
  ["UpdateServicePipeline", { serviceName: "ghost", spec: "a: 1", deploymentType: "NONE" }, "ghost"],
  ["CancelServicePipelineDeployment", { serviceName: "ghost" }, "ghost"],
  ["ListServicePipelineProvisionedResources", { serviceName: "ghost" }, "ghost"],
  ["GetComponent", { name: "ghost" }, "ghost"],
  ["DeleteComponent", { name: "ghost" }, "ghost"],
  ["ListComponentProvisionedResources", { componentName: "ghost" }, "ghost"],
  ["GetRepository", { provider: "GITHUB", name: "acme/ghost" }, "acme/ghost"],
  ["DeleteRepository", { provider: "GITHUB", name: "acme/ghost" }, "acme/ghost"],
  ["GetTemplateSyncConfig", { templateName: "ghost", templateType: "SERVICE" }, "ghost"],
  ["UpdateTemplateSyncConfig", { templateName: "ghost", templateType: "SERVICE", repositoryProvider: "GITHUB", repositoryName: "a/b", branch: "main" }, "ghost"],
  ["DeleteTemplateSyncConfig", { templateName: "ghost", templateType: "ENVIRONMENT" }, "ghost"],
  ["UpdateServiceSyncConfig", { serviceName: "orders", repositoryProvider: "GITHUB", repositoryName: "a/b", branch: "main", filePath: "f" }, "orders"],
  ["DeleteServiceSyncConfig", { serviceName: "orders" }, "orders"],
  ["AcceptEnvironmentAccountConnection", { id: "11111111-2222-3333-4444-555555555555" }, "11111111-2222-3333-4444-555555555555"],
  ["RejectEnvironmentAccountConnection", { id: "11111111-2222-3333-4444-555555555555" }, "11111111-2222-3333-4444-555555555555"],
  ["UpdateEnvironmentAccountConnection", { id: "11111111-2222-3333-4444-555555555555" }, "11111111-2222-3333-4444-555555555555"],
];

describe("Proton not-found and page-size errors", () => {
  it("answers ResourceNotFoundException (404) naming the missing resource", async () => {
    await activeService({ instances: ["api-a"] });
    for (const [operation, input, named] of MISSING) {
      const error = await rejectionOf(send(operation, input));
      expect(error, operation).toBeInstanceOf(ResourceNotFoundException);
      expect(error.$metadata.httpStatusCode, operation).toBe(404);
      expect(error.message, operation).toContain(named);
    }
  });

  it("checks page sizes and page tokens of every paged list", async () => {
    const paged: Array<[string, object]> = [
      ["ListEnvironmentTemplates", {}],
      ["ListServiceTemplates", {}],
      ["ListEnvironments", {}],
      ["ListServices", {}],
      ["ListServiceInstances", {}],
      ["ListComponents", {}],
      ["ListDeployments", {}],
      ["ListRepositories", {}],
      ["ListEnvironmentAccountConnections", { requestedBy: "MANAGEMENT_ACCOUNT" }],
    ];
    for (const [operation, input] of paged) {
      const tooBig = await rejectionOf(send(operation, { ...input, maxResults: 101 }));
      expect(tooBig, operation).toBeInstanceOf(ValidationException);
      expect(tooBig.message, operation).toContain("at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
      const zero = await rejectionOf(send(operation, { ...input, maxResults: 0 }));
      expect(zero.message, operation).toContain("Member must have value greater than or equal to 1");
      const token = await rejectionOf(send(operation, { ...input, nextToken: "bm90LWEtdG9rZW4=" }));
      expect(token, operation).toBeInstanceOf(ValidationException);
      expect(token.message, operation).toContain("pagination token");
      const alphabet = await rejectionOf(send(operation, { ...input, nextToken: "not a token!" }));
      expect(alphabet.message, operation).toContain("at 'nextToken' failed to satisfy constraint");
    }
  });
});
