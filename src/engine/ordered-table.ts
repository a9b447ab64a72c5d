/** A sort position: the sort key first, the id to break ties. */
export type SortKey = string | number;

export interface TableEntry<V> {
  readonly key: SortKey;
  readonly id: string;
  value: V;
}

function compare(aKey: SortKey, aId: string, bKey: SortKey, bId: string): number {
  if (aKey !== bKey) {
    if (typeof aKey === "number" && typeof bKey === "number") return aKey - bKey;
    return String(aKey) < String(bKey) ? -1 : 1;
  }
  if (aId === bId) return 0;
  return aId < bId ? -1 : 1;
}

/** Entries per chunk before it splits: inserts move at most this many entries. */
const CHUNK = 512;

/** A position in the table: which chunk, and where in it. */
interface Position {
  chunk: number;
  index: number;
}

/**
 * A keyed store that also keeps its entries sorted, so that listing a page is a binary search
 * plus the page itself: the cost of a page does not grow with the size of the store.
 * Insertion order, name order or newest-first are all a choice of `sortKeyOf`.
 *
 * The sorted order is a list of chunks of at most 2×512 entries (the layout of Python's
 * sortedcontainers): an insert or delete is two binary searches and a splice inside one
 * chunk, so a create costs the same in a store of 100 or 100,000 resources, where one flat
 * sorted array would move half the store on each insert.
 */
export class OrderedTable<V> {
  private readonly byId = new Map<string, TableEntry<V>>();
  private chunks: TableEntry<V>[][] = [];

  constructor(private readonly sortKeyOf: (value: V, id: string) => SortKey = (_v, id) => id) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): V | undefined {
    return this.byId.get(id)?.value;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Inserts or replaces; a changed sort key moves the entry. */
  set(id: string, value: V): V {
    const existing = this.byId.get(id);
    const key = this.sortKeyOf(value, id);
    if (existing && existing.key === key) {
      existing.value = value;
      return value;
    }
    if (existing) this.removeEntry(existing);
    const entry: TableEntry<V> = { key, id, value };
    this.insertEntry(entry);
    this.byId.set(id, entry);
    return value;
  }

  delete(id: string): boolean {
    const existing = this.byId.get(id);
    if (!existing) return false;
    this.removeEntry(existing);
    return true;
  }

  clear(): void {
    this.byId.clear();
    this.chunks = [];
  }

  /** All values in sort order (a copy: O(n), for whole-collection reads only). */
  values(): V[] {
    const out: V[] = [];
    for (const chunk of this.chunks) for (const entry of chunk) out.push(entry.value);
    return out;
  }

  /** The first value in sort order, if any. */
  first(): V | undefined {
    return this.chunks[0]?.[0]?.value;
  }

  /** The value at a position in sort order (0-based), if any. */
  at(position: number): V | undefined {
    if (!Number.isInteger(position) || position < 0) return undefined;
    for (const chunk of this.chunks) {
      if (position < chunk.length) return chunk[position]!.value;
      position -= chunk.length;
    }
    return undefined;
  }

  /** The last value in sort order, if any. */
  last(): V | undefined {
    const chunk = this.chunks[this.chunks.length - 1];
    return chunk?.[chunk.length - 1]?.value;
  }

  /** Every entry in sort order (a copy: O(n), for whole-collection reads only). */
  entries(): readonly TableEntry<V>[] {
    return this.chunks.flat();
  }

  /** Entries in sort order, starting strictly after (key, id) when given: the pager's walk. */
  *ascendingAfter(after?: { key: SortKey; id: string }): Generator<TableEntry<V>> {
    let { chunk, index } = after ? this.upperBound(after.key, after.id) : { chunk: 0, index: 0 };
    for (; chunk < this.chunks.length; chunk++, index = 0) {
      const entries = this.chunks[chunk]!;
      for (; index < entries.length; index++) yield entries[index]!;
    }
  }

  /** Entries in reverse sort order, starting strictly before (key, id) when given. */
  *descendingBefore(before?: { key: SortKey; id: string }): Generator<TableEntry<V>> {
    let { chunk, index } = before ? this.lowerBound(before.key, before.id) : { chunk: this.chunks.length, index: 0 };
    for (;;) {
      index--;
      while (index < 0) {
        if (--chunk < 0) return;
        index = this.chunks[chunk]!.length - 1;
      }
      yield this.chunks[chunk]![index]!;
    }
  }

  /** The chunk that holds, or would hold, (key, id): the first whose last entry is not before it. */
  private chunkFor(key: SortKey, id: string): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      const last = chunk[chunk.length - 1]!;
      if (compare(last.key, last.id, key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of the first entry not before (key, id). */
  private lowerBound(key: SortKey, id: string): Position {
    const chunk = this.chunkFor(key, id);
    const entries = this.chunks[chunk];
    if (!entries) return { chunk, index: 0 };
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = entries[mid]!;
      if (compare(entry.key, entry.id, key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return { chunk, index: lo };
  }

  /** Position of the first entry strictly after (key, id). */
  private upperBound(key: SortKey, id: string): Position {
    const position = this.lowerBound(key, id);
    const entry = this.chunks[position.chunk]?.[position.index];
    if (entry && compare(entry.key, entry.id, key, id) === 0) position.index++;
    return position;
  }

  private insertEntry(entry: TableEntry<V>): void {
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      return;
    }
    const found = this.lowerBound(entry.key, entry.id);
    // Past every chunk's end: append to the last chunk.
    const chunkIndex = Math.min(found.chunk, this.chunks.length - 1);
    const chunk = this.chunks[chunkIndex]!;
    const index = found.chunk === chunkIndex ? found.index : chunk.length;
    chunk.splice(index, 0, entry);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(chunkIndex, 1, chunk.slice(0, CHUNK), chunk.slice(CHUNK));
  }

  private removeEntry(entry: TableEntry<V>): void {
    const { chunk, index } = this.lowerBound(entry.key, entry.id);
    const entries = this.chunks[chunk];
    if (entries?.[index] === entry) {
      entries.splice(index, 1);
      if (entries.length === 0) this.chunks.splice(chunk, 1);
    }
    this.byId.delete(entry.id);
  }
}
