import * as sdk from "@aws-sdk/client-proton";
import { NormalizedSchema } from "@smithy/core/schema";
import { activeService, arn, ROLE } from "./helpers.js";

/**
 * A plausible request for every Proton operation, built from its SDK input schema with member
 * values that name what `badInputWorld()` created: what the bad-input test
 * (bad-inputs.test.ts) and the property suites (test/properties) vary, one member at a time.
 */
const client = sdk as unknown as Record<string, unknown>;

type Schema = ReturnType<typeof NormalizedSchema.of>;

/** Service orders with instances api-a and api-b on environment prod, with components. */
export function badInputWorld(): Promise<unknown> {
  return activeService({ instances: ["api-a", "api-b"], components: true });
}

/** Member values that name the resources the setup created, so requests get past their lookups. */
const VALUES: Record<string, string> = {
  serviceName: "orders",
  serviceInstanceName: "api-a",
  environmentName: "prod",
  componentName: "comp",
  majorVersion: "1",
  minorVersion: "0",
  templateMajorVersion: "1",
  templateMinorVersion: "0",
  resourceArn: arn("service/orders"),
  provider: "GITHUB",
  repositoryProvider: "GITHUB",
  repositoryName: "acme/templates",
  branch: "main",
  deploymentType: "CURRENT_VERSION",
  templateType: "ENVIRONMENT",
  syncType: "TEMPLATE_SYNC",
  spec: "proton: ServiceSpec\ninstances:\n  - name: api-a\n    environment: prod\n",
  bucket: "proton-templates",
};

function plausible(operation: string, member: string): string {
  if (member === "name" || member === "templateName") return /Service/.test(operation) && !/Environment/.test(operation) ? (member === "name" ? "orders" : "api-svc") : member === "name" ? "prod" : "vpc-env";
  if (/[rR]oleArn$/.test(member)) return ROLE;
  return VALUES[member] ?? "x";
}

function request(operation: string, member: string, schema: Schema): unknown {
  if (schema.isStructSchema()) {
    const entries = [...schema.structIterator()].filter(([name]) => name !== "nextToken");
    const chosen = schema.isUnionSchema() ? entries.slice(0, 1) : entries;
    return Object.fromEntries(chosen.map(([name, inner]) => [name, request(operation, name, inner)]));
  }
  if (schema.isListSchema()) return [request(operation, member, schema.getValueSchema())];
  if (schema.isMapSchema()) return { k: request(operation, member, schema.getValueSchema()) };
  if (schema.isBooleanSchema()) return false;
  if (schema.isNumericSchema()) return 10;
  if (schema.isTimestampSchema()) return new Date(0);
  return plausible(operation, member);
}

/** The plausible request of an operation (every member set, unions with their first member). */
export function plausibleRequest(operation: string): Record<string, unknown> {
  const schema = NormalizedSchema.of((client[`${operation}$`] as unknown[])[4] as Parameters<typeof NormalizedSchema.of>[0]);
  return request(operation, "", schema) as Record<string, unknown>;
}
