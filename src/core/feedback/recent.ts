import { RecentCache } from "../recent-cache.js";

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

export class RatedAnswers extends RecentCache<RatedAnswer> {
  constructor(max = RATED_ANSWERS_MAX, ttlMs = RATED_ANSWER_TTL_MS) {
    super(max, ttlMs);
  }
}
