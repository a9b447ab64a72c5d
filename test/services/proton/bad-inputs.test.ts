import * as sdk from "@aws-sdk/client-proton";
import { NormalizedSchema } from "@smithy/core/schema";
import { describe, expect, it } from "vitest";
import { activeService, arn, proton, ROLE } from "./helpers.js";

/**
 * Every operation, with every member of a plausible request replaced in turn by a wrong type,
 * null, an empty or huge string, a malformed ARN or spec: the answer is always one of the
 * service's modelled errors (or a success), never a bare TypeError or an aws-doubles defect.
 */
const client = sdk as unknown as Record<string, unknown>;
const OPERATIONS = Object.keys(client)
  .filter((name) => name.endsWith("Command") && name !== "$Command")
  .map((name) => name.slice(0, -"Command".length));

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

type Schema = ReturnType<typeof NormalizedSchema.of>;

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

const BAD: unknown[] = [null, "", 0, -1, true, {}, [], "x".repeat(60_000), "arn:aws:proton:us-east-1:123456789012:", "proton: ServiceSpec\ninstances: 5", "a: ["];

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== "object" || value instanceof Date) return prefix.length > 0 ? [prefix] : [];
  const inner = Array.isArray(value) ? value.map((v, i) => paths(v, [...prefix, String(i)])) : Object.entries(value).map(([k, v]) => paths(v, [...prefix, k]));
  return [...(prefix.length > 0 ? [prefix] : []), ...inner.flat()];
}

function replaced(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

describe("Proton bad inputs", () => {
  it("answer every operation with a modelled error or a success", async () => {
    await activeService({ instances: ["api-a", "api-b"], components: true });
    const unexpected: string[] = [];
    for (const operation of OPERATIONS) {
      const schema = NormalizedSchema.of((client[`${operation}$`] as unknown[])[4] as Parameters<typeof NormalizedSchema.of>[0]);
      const base = request(operation, "", schema);
      const Command = client[`${operation}Command`] as new (input: unknown) => never;
      for (const input of [base, {}, ...paths(base).flatMap((path) => BAD.map((bad) => replaced(base, path, bad)))]) {
        try {
          await proton.send(new Command(input));
        } catch (error) {
          const e = error as Error & { $metadata?: { httpStatusCode?: number } };
          if (!(e instanceof sdk.ProtonServiceException) || e.$metadata?.httpStatusCode === undefined) unexpected.push(`${operation}: ${e.name}: ${e.message.slice(0, 200)}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  }, 300_000);
});
