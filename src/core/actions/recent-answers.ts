import { RecentCache } from "../recent-cache.js";

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

export class RecentAnswers extends RecentCache<RecentAnswer> {
  constructor(max = RECENT_ANSWERS_MAX, ttlMs = RECENT_ANSWER_TTL_MS) {
    super(max, ttlMs);
  }
}
