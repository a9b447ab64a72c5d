import { OrderedTable, type SortKey } from "./ordered-table.js";

/**
 * One keyed collection kept in several sort orders at once, for List operations that take a
 * `sortBy` (Proton's ListServiceInstances sorts by name, status, creation time…): each order
 * is an OrderedTable, so a page costs the same whatever order is asked for. When a value's
 * sort fields change in place, call `touch(id)` so every order moves it.
 */
export class SortedViews<V, Name extends string> {
  private readonly views: Record<Name, OrderedTable<V>>;
  private readonly byId = new Map<string, V>();

  constructor(orders: Record<Name, (value: V, id: string) => SortKey>) {
    this.views = Object.fromEntries(
      Object.entries(orders).map(([name, sortKeyOf]) => [name, new OrderedTable<V>(sortKeyOf as (value: V, id: string) => SortKey)]),
    ) as Record<Name, OrderedTable<V>>;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): V | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  set(id: string, value: V): V {
    this.byId.set(id, value);
    for (const view of Object.values<OrderedTable<V>>(this.views)) view.set(id, value);
    return value;
  }

  /** Re-sorts a value whose sort fields changed in place. */
  touch(id: string): void {
    const value = this.byId.get(id);
    if (value !== undefined) this.set(id, value);
  }

  delete(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    for (const view of Object.values<OrderedTable<V>>(this.views)) view.delete(id);
    return true;
  }

  /** Every value, in no particular order (whole-collection reads only). */
  values(): V[] {
    return [...this.byId.values()];
  }

  /** The collection in one of its orders, for ctx.paginate. */
  view(name: Name): OrderedTable<V> {
    return this.views[name];
  }
}
