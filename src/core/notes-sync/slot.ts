import { AsyncLocalStorage } from "node:async_hooks";
import type { IndexInfo } from "../../knowledge/index-store.js";
import type { KnowledgeIndex } from "../../knowledge/search.js";

/** One built index: what answers read, and what to do once nobody reads it any more. */
export interface IndexGeneration {
  index: KnowledgeIndex;
  info: IndexInfo;
  /** Frees the generation's storage (closes and deletes an index database built beside the main one). */
  retire?: () => void;
}

interface Held extends IndexGeneration {
  /** Answers running on this generation now. */
  readers: number;
  retired: boolean;
}

/**
 * The index answers read, swapped atomically when the notes change. An answer is pinned to the generation
 * that was current when it started (AsyncLocalStorage follows its awaits), so an answer in flight during
 * a swap finishes on the old index, and the old index is retired only when its last answer is done.
 */
export class IndexSlot {
  private current: Held;
  private readonly pinned = new AsyncLocalStorage<Held>();

  constructor(first: IndexGeneration) {
    this.current = { ...first, readers: 0, retired: false };
  }

  /** The index of the running answer, or the current one outside an answer. */
  get index(): KnowledgeIndex {
    return (this.pinned.getStore() ?? this.current).index;
  }

  get info(): IndexInfo {
    return (this.pinned.getStore() ?? this.current).info;
  }

  /** Runs an answer on the current generation from start to end, whatever swaps happen meanwhile. */
  async pin<T>(work: () => Promise<T> | T): Promise<T> {
    const outer = this.pinned.getStore();
    if (outer) return work(); // already pinned (a Share re-running its answer inside a button press)
    const held = this.current;
    held.readers++;
    try {
      return await this.pinned.run(held, async () => work());
    } finally {
      held.readers--;
      if (held !== this.current) this.retireIfIdle(held);
    }
  }

  /** Makes `next` the index of every answer that starts from now on. */
  swap(next: IndexGeneration): void {
    const old = this.current;
    this.current = { ...next, readers: 0, retired: false };
    if (old.index !== next.index) this.retireIfIdle(old);
  }

  /** Retires the current generation (on close). */
  close(): void {
    this.retireIfIdle(this.current, true);
  }

  private retireIfIdle(held: Held, force = false): void {
    if (held.retired || (!force && held.readers > 0)) return;
    held.retired = true;
    held.retire?.();
  }
}
