import { prepared } from "./prepared.js";
import type { Db } from "../database.js";
import type { Person, Place, ScoreRow, ScoreStore } from "../stores.js";

export class SqliteScoreStore implements ScoreStore {
  constructor(private readonly db: Db) {}

  async leaderboard(place: Place, since: Date | null, limit: number): Promise<ScoreRow[]> {
    const rows = prepared(
      this.db,
      `SELECT user_id, sum(correct) AS points, count(*) AS answered,
                coalesce((SELECT b.user_name FROM quiz_answers b WHERE b.platform = quiz_answers.platform
                  AND b.workspace_id = quiz_answers.workspace_id AND b.user_id = quiz_answers.user_id
                  AND b.user_name IS NOT NULL ORDER BY b.answered_at DESC LIMIT 1), user_id) AS name,
                max(CASE WHEN correct = 1 THEN answered_at END) AS last_point
         FROM quiz_answers
         WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND answered_at >= ?
         GROUP BY user_id
         ORDER BY points DESC, coalesce(last_point, '9999') ASC, user_id ASC
         LIMIT ?`,
    ).all(place.platform, place.workspaceId, place.channelId, since?.toISOString() ?? "", limit) as {
      user_id: string;
      name: string;
      points: number;
      answered: number;
    }[];
    return rows.map((r) => ({ userId: r.user_id, name: r.name, points: r.points, answered: r.answered }));
  }

  async totals(who: Person, channelId?: string): Promise<{ answered: number; correct: number }> {
    return prepared(
      this.db,
      `SELECT count(*) AS answered, coalesce(sum(correct), 0) AS correct FROM quiz_answers
         WHERE platform = ? AND workspace_id = ? AND user_id = ? ${channelId ? "AND channel_id = ?" : ""}`,
    ).get(...args(who, channelId)) as { answered: number; correct: number };
  }

  async dailyAnswerDates(who: Person, channelId?: string): Promise<string[]> {
    const rows = prepared(
      this.db,
      `SELECT DISTINCT a.answer_date AS d FROM quiz_answers a JOIN quiz_posts p ON p.id = a.post_id
         WHERE p.kind = 'daily' AND a.platform = ? AND a.workspace_id = ? AND a.user_id = ?
         ${channelId ? "AND a.channel_id = ?" : ""} ORDER BY d`,
    ).all(...args(who, channelId)) as { d: string }[];
    return rows.map((r) => r.d);
  }

  async latestName(who: Person): Promise<string | undefined> {
    const row = prepared(
      this.db,
      `SELECT user_name FROM quiz_answers WHERE platform = ? AND workspace_id = ? AND user_id = ?
         AND user_name IS NOT NULL ORDER BY answered_at DESC LIMIT 1`,
    ).get(who.platform, who.workspaceId, who.userId) as { user_name: string } | undefined;
    return row?.user_name;
  }
}

function args(who: Person, channelId: string | undefined): string[] {
  return [who.platform, who.workspaceId, who.userId, ...(channelId ? [channelId] : [])];
}
