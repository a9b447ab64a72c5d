import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { OrderedTable } = require("../../dist/engine/ordered-table.js") as typeof import("../../src/engine/ordered-table.js");
const { paginate } = require("../../dist/engine/pagination.js") as typeof import("../../src/engine/pagination.js");

/** A deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("OrderedTable", () => {
  it("keeps thousands of entries sorted across chunk splits, through inserts, moves and deletes", () => {
    const table = new OrderedTable<{ rank: number }>((value) => value.rank);
    const ids = Array.from({ length: 5_000 }, (_, i) => `id-${String(i).padStart(5, "0")}`);
    for (const [n, id] of shuffled(ids).entries()) table.set(id, { rank: n % 97 });
    for (const id of shuffled(ids, 11).slice(0, 2_000)) table.delete(id);
    for (const id of shuffled(ids, 13).slice(0, 500)) if (table.has(id)) table.set(id, { rank: -1 }); // moves to the front
    const expected = ids
      .filter((id) => table.has(id))
      .map((id) => ({ id, rank: table.get(id)!.rank }))
      .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
    expect(table.size).toBe(3_000);
    expect(table.values().map((v) => v.rank)).toEqual(expected.map((e) => e.rank));
    expect(table.entries().map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(table.first()).toBe(table.get(expected[0]!.id));
    expect(table.last()).toBe(table.get(expected.at(-1)!.id));
    expect(table.at(1_234)).toBe(table.get(expected[1_234]!.id));
    expect(table.at(3_000)).toBeUndefined();
  });

  it("pages forwards and backwards over chunk boundaries without repeating or skipping", () => {
    const table = new OrderedTable<number>((value) => value);
    for (const n of shuffled(Array.from({ length: 2_500 }, (_, i) => i))) table.set(`n${n}`, n);
    for (const descending of [false, true]) {
      const seen: number[] = [];
      let token: string | undefined;
      do {
        const page = paginate(table, "scope", { token, maxResults: 333, defaultSize: 10, descending, filter: (n) => n % 3 !== 0 });
        seen.push(...page.items);
        token = page.nextToken;
      } while (token);
      const all = Array.from({ length: 2_500 }, (_, i) => i).filter((n) => n % 3 !== 0);
      expect(seen).toEqual(descending ? all.reverse() : all);
    }
  });
});
