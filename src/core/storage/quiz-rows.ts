import type { NewAnswer } from "./stores.js";

/** The columns an answer is inserted with, in the order `answerValues` binds them (both databases). */
export const ANSWER_COLUMNS =
  "post_id, platform, workspace_id, channel_id, user_id, user_name, question_id, choice, correct, answer_date, answered_at";

/**
 * A new answer's values in the order of ANSWER_COLUMNS; `correct` as the database stores a truth value
 * (SQLite 1 or 0, PostgreSQL a boolean).
 */
export function answerValues(a: NewAnswer, correct: number | boolean): (string | number | boolean | null)[] {
  const { post, user } = a;
  return [
    post.id,
    post.platform,
    post.workspaceId,
    post.channelId,
    user.id,
    user.name ?? null,
    post.questionId,
    a.choice,
    correct,
    a.answerDate,
    a.now.toISOString(),
  ];
}
