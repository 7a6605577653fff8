/**
 * The answers that carry 👍/👎 buttons, kept in memory until someone votes: nothing is written for an
 * answer nobody rates. Bounded like the Share buttons' answers (src/core/actions/recent-answers.ts): at
 * most `RATED_ANSWERS_MAX` entries, the oldest dropped first, each for `RATED_ANSWER_TTL_MS`. Past either
 * bound, or after a restart, a vote answers "expired".
 */
export interface RatedAnswer {
  platform: string;
  workspaceId: string;
  command: string;
  question: string;
  /** The first citation of the answer (`notes/docker.md#cp`), null when it cited nothing. */
  source: string | null;
  /** The hash of the index the answer was read from. */
  notesVersion: string;
  at: number;
}

/** ~1 KB each at worst (a long question): a few megabytes in all. */
export const RATED_ANSWERS_MAX = 5000;
/** A day: people rate an answer while they read it, not a week later. */
export const RATED_ANSWER_TTL_MS = 24 * 60 * 60 * 1000;

export class RatedAnswers {
  private readonly entries = new Map<string, RatedAnswer>();

  constructor(
    private readonly max = RATED_ANSWERS_MAX,
    private readonly ttlMs = RATED_ANSWER_TTL_MS,
  ) {}

  add(id: string, answer: RatedAnswer): void {
    this.entries.delete(id);
    this.entries.set(id, answer);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get(id: string, now: number): RatedAnswer | undefined {
    const found = this.entries.get(id);
    if (found && now - found.at > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return found;
  }
}
