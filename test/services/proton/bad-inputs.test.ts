import * as sdk from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { commandOf, modelledErrors, sdkOperations, withValue } from "../../support/fuzz.js";
import { badInputWorld, plausibleRequest } from "./bad-input-requests.js";
import { proton } from "./helpers.js";

/**
 * Every operation, with every member of a plausible request replaced in turn by a wrong type,
 * null, an empty or huge string, a malformed ARN or spec: the answer is always one of the
 * service's modelled errors (or a success), never a bare TypeError or an aws-doubles defect.
 */
const OPERATIONS = sdkOperations(sdk);

const BAD: unknown[] = [null, "", 0, -1, true, {}, [], "x".repeat(60_000), "arn:aws:proton:us-east-1:123456789012:", "proton: ServiceSpec\ninstances: 5", "a: ["];

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== "object" || value instanceof Date) return prefix.length > 0 ? [prefix] : [];
  const inner = Array.isArray(value) ? value.map((v, i) => paths(v, [...prefix, String(i)])) : Object.entries(value).map(([k, v]) => paths(v, [...prefix, k]));
  return [...(prefix.length > 0 ? [prefix] : []), ...inner.flat()];
}

describe("Proton bad inputs", () => {
  it("answer every operation with a modelled error or a success", async () => {
    await badInputWorld();
    const modelled = modelledErrors(sdk);
    const unexpected: string[] = [];
    for (const operation of OPERATIONS) {
      const base = plausibleRequest(operation);
      const Command = commandOf<never>(sdk, operation);
      for (const input of [base, {}, ...paths(base).flatMap((path) => BAD.map((bad) => withValue(base, path, bad)))]) {
        try {
          await proton.send(new Command(input));
        } catch (error) {
          const e = error as Error & { $metadata?: { httpStatusCode?: number } };
          // The SDK wraps any error code it receives in ProtonServiceException: the name must be one Proton models.
          if (!(e instanceof sdk.ProtonServiceException) || !modelled.has(e.name) || e.$metadata?.httpStatusCode === undefined) unexpected.push(`${operation}: ${e.name}: ${e.message.slice(0, 200)}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  }, 300_000);
});
