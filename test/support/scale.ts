import { createRequire } from "node:module";

/**
 * Counters for the services' scale suites (test/services/<service>/scale.test.ts): work that
 * must not grow with the store is counted, never timed. The build the fake runs is loaded
 * natively, so these requires reach the same module instances (classes, state) the fake uses.
 */
const require = createRequire(import.meta.url);
const { OrderedTable } = require("../../dist/engine/ordered-table.js") as typeof import("../../src/engine/ordered-table.js");

/** The process's aws-doubles state, as the fake sees it. */
export const { globalState } = require("../../dist/state.js") as typeof import("../../src/state.js");

/** Counts whole-table copies (OrderedTable.values() and .entries()) while `body` runs. */
export async function tableCopiesDuring(body: () => Promise<unknown>): Promise<number> {
  const { values, entries } = OrderedTable.prototype;
  let copies = 0;
  OrderedTable.prototype.values = function (this: InstanceType<typeof OrderedTable>) {
    copies++;
    return values.call(this);
  } as typeof values;
  OrderedTable.prototype.entries = function (this: InstanceType<typeof OrderedTable>) {
    copies++;
    return entries.call(this);
  } as typeof entries;
  try {
    await body();
  } finally {
    Object.assign(OrderedTable.prototype, { values, entries });
  }
  return copies;
}

/** Counts reads of `property` of each of `records` (stored records, read from their table) while `body` runs. */
export async function propertyReadsDuring<T extends object>(records: Iterable<T>, property: keyof T & string, body: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  for (const record of records) {
    const value = record[property];
    Object.defineProperty(record, property, {
      configurable: true,
      get: () => {
        reads++;
        return value;
      },
    });
  }
  await body();
  return reads;
}
