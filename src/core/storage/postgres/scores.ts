import type { Person, Place, ScoreRow, ScoreStore } from "../stores.js";
import type { Pool } from "./pool.js";

export class PostgresScoreStore implements ScoreStore {
  constructor(private readonly pool: Pool) {}

  async leaderboard(place: Place, since: Date | null, limit: number): Promise<ScoreRow[]> {
    // PostgreSQL orders by an output column only by its bare name, so the totals are a subquery.
    const { rows } = await this.pool.query<{
      user_id: string;
      name: string;
      points: number;
      answered: number;
    }>(
      `SELECT user_id, points, answered, name FROM (
         SELECT user_id, sum(correct::int)::int AS points, count(*)::int AS answered,
                coalesce((SELECT b.user_name FROM quiz_answers b WHERE b.platform = a.platform
                  AND b.workspace_id = a.workspace_id AND b.user_id = a.user_id
                  AND b.user_name IS NOT NULL ORDER BY b.answered_at DESC LIMIT 1), a.user_id) AS name,
                max(CASE WHEN correct THEN answered_at END) AS last_point
         FROM quiz_answers a
         WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND answered_at >= $4
         GROUP BY platform, workspace_id, user_id
       ) totals
       ORDER BY points DESC, coalesce(last_point, '9999') ASC, user_id ASC
       LIMIT $5`,
      [place.platform, place.workspaceId, place.channelId, since?.toISOString() ?? "", limit],
    );
    return rows.map((r) => ({ userId: r.user_id, name: r.name, points: r.points, answered: r.answered }));
  }

  async totals(who: Person, channelId?: string): Promise<{ answered: number; correct: number }> {
    const { rows } = await this.pool.query<{ answered: number; correct: number }>(
      `SELECT count(*)::int AS answered, coalesce(sum(correct::int), 0)::int AS correct FROM quiz_answers
       WHERE platform = $1 AND workspace_id = $2 AND user_id = $3 ${channelId ? "AND channel_id = $4" : ""}`,
      args(who, channelId),
    );
    return rows[0] ?? { answered: 0, correct: 0 };
  }

  async dailyAnswerDates(who: Person, channelId?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ d: string }>(
      `SELECT DISTINCT a.answer_date AS d FROM quiz_answers a JOIN quiz_posts p ON p.id = a.post_id
       WHERE p.kind = 'daily' AND a.platform = $1 AND a.workspace_id = $2 AND a.user_id = $3
       ${channelId ? "AND a.channel_id = $4" : ""} ORDER BY d`,
      args(who, channelId),
    );
    return rows.map((r) => r.d);
  }

  async latestName(who: Person): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ user_name: string }>(
      `SELECT user_name FROM quiz_answers WHERE platform = $1 AND workspace_id = $2 AND user_id = $3
       AND user_name IS NOT NULL ORDER BY answered_at DESC LIMIT 1`,
      [who.platform, who.workspaceId, who.userId],
    );
    return rows[0]?.user_name;
  }
}

function args(who: Person, channelId: string | undefined): string[] {
  return [who.platform, who.workspaceId, who.userId, ...(channelId ? [channelId] : [])];
}
