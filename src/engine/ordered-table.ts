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

/**
 * A keyed store that also keeps its entries sorted, so that listing a page is a binary search
 * plus the page itself: the cost of a page does not grow with the size of the store.
 * Insertion order, name order or newest-first are all a choice of `sortKeyOf`.
 */
export class OrderedTable<V> {
  private readonly byId = new Map<string, TableEntry<V>>();
  private readonly order: TableEntry<V>[] = [];

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
    this.order.splice(this.lowerBound(key, id), 0, entry);
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
    this.order.length = 0;
  }

  /** All values in sort order (a copy: O(n), for whole-collection reads only). */
  values(): V[] {
    return this.order.map((entry) => entry.value);
  }

  /** The sorted entries themselves, for the pager: do not mutate. */
  entries(): readonly TableEntry<V>[] {
    return this.order;
  }

  /** Index of the first entry strictly after (key, id). */
  indexAfter(key: SortKey, id: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = this.order[mid]!;
      if (compare(entry.key, entry.id, key, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the last entry strictly before (key, id), or -1 (for walking pages backwards). */
  indexBefore(key: SortKey, id: string): number {
    return this.lowerBound(key, id) - 1;
  }

  private lowerBound(key: SortKey, id: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = this.order[mid]!;
      if (compare(entry.key, entry.id, key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private removeEntry(entry: TableEntry<V>): void {
    const index = this.lowerBound(entry.key, entry.id);
    if (this.order[index] === entry) this.order.splice(index, 1);
    this.byId.delete(entry.id);
  }
}
