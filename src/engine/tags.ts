/**
 * Tags by resource ARN, one store per backend. Services decide which ARNs are taggable and
 * which errors a missing resource gets; the bookkeeping (merge, remove, limits) is here.
 */
export class TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  /** The tags of a resource as a plain object (empty when it has none). */
  get(arn: string): Record<string, string> {
    return Object.fromEntries(this.byArn.get(arn) ?? []);
  }

  /** Adds or overwrites tags; returns the resulting tag count. */
  add(arn: string, tags: Readonly<Record<string, string>> | undefined): number {
    let current = this.byArn.get(arn);
    if (!current) {
      current = new Map();
      this.byArn.set(arn, current);
    }
    for (const [key, value] of Object.entries(tags ?? {})) current.set(key, value);
    return current.size;
  }

  /** How many tags the resource would have after adding `tags` (for quota checks before writing). */
  countAfterAdding(arn: string, tags: Readonly<Record<string, string>>): number {
    const keys = new Set(this.byArn.get(arn)?.keys() ?? []);
    for (const key of Object.keys(tags)) keys.add(key);
    return keys.size;
  }

  remove(arn: string, keys: readonly string[]): void {
    const current = this.byArn.get(arn);
    if (!current) return;
    for (const key of keys) current.delete(key);
  }

  /** Forgets a deleted resource's tags. */
  drop(arn: string): void {
    this.byArn.delete(arn);
  }

  /** Whether the resource carries every given tag (the List* `Tags` filters). */
  matches(arn: string, filter: Readonly<Record<string, string>> | undefined): boolean {
    if (!filter) return true;
    const current = this.byArn.get(arn);
    return Object.entries(filter).every(([key, value]) => current?.get(key) === value);
  }
}
