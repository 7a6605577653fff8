/**
 * The private answers that carry a Share button, kept in memory until someone presses it: nothing is
 * written to the database for an answer nobody shares (the insert per answer was the largest cost under
 * load). Bounded both ways: at most `RECENT_ANSWERS_MAX` entries (least recently added dropped first) and
 * `RECENT_ANSWER_TTL_MS` of age. After a restart, or past either bound, the button answers "expired".
 */
export interface RecentAnswer {
  platform: string;
  workspaceId: string;
  userId: string;
  command: string;
  argsJson: string;
  at: number;
}

/** ~1 KB each at worst (a long question): the whole map stays around a few megabytes. */
export const RECENT_ANSWERS_MAX = 5000;
/** A day: longer than anyone keeps a private answer open before deciding to share it. */
export const RECENT_ANSWER_TTL_MS = 24 * 60 * 60 * 1000;

export class RecentAnswers {
  private readonly entries = new Map<string, RecentAnswer>();

  constructor(
    private readonly max = RECENT_ANSWERS_MAX,
    private readonly ttlMs = RECENT_ANSWER_TTL_MS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  add(id: string, answer: RecentAnswer): void {
    this.entries.delete(id);
    this.entries.set(id, answer);
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get(id: string, now: number): RecentAnswer | undefined {
    const found = this.entries.get(id);
    if (!found) return undefined;
    if (now - found.at > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return found;
  }
}
