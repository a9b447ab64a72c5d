import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const registry = require("../../dist/services/registry.js") as typeof import("../../src/services/registry.js");

/**
 * Runs `body` as if aws-doubles did not model one operation of a service: what happens when an
 * SDK newer than aws-doubles sends a command it has not learnt yet. (Every command of the four
 * installed clients is modelled, so the unmodelled path needs an operation taken out.)
 */
export async function withoutOperation<T>(serviceId: string, operation: string, body: () => Promise<T>): Promise<T> {
  const operations = registry.findService(serviceId)!.operations as Record<string, unknown>;
  const saved = operations[operation];
  if (saved === undefined) throw new Error(`${serviceId} does not model ${operation}: nothing to take out`);
  delete operations[operation];
  try {
    return await body();
  } finally {
    operations[operation] = saved;
  }
}
