/**
 * A bounded, in-memory map of recent items by id, for answers that wait for a button (Share, 👍/👎): at most
 * `max` entries (the oldest added dropped first) and `ttlMs` of age. Nothing is written anywhere; after a
 * restart, or past either bound, the item is gone and its button answers "expired".
 */
export class RecentCache<T extends { at: number }> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  add(id: string, item: T): void {
    this.entries.delete(id);
    this.entries.set(id, item);
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get(id: string, now: number): T | undefined {
    const found = this.entries.get(id);
    if (!found) return undefined;
    if (now - found.at > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return found;
  }
}
