import type { Db } from "../storage/database.js";
import { localDateTime } from "./daily.js";

export type Period = "week" | "month" | "all";

export interface Standing {
  rank: number;
  userId: string;
  /** The latest name the platform gave; the id when none. */
  name: string;
  points: number;
  answered: number;
  accuracy: number;
}

export interface Stats {
  points: number;
  answered: number;
  correct: number;
  accuracy: number;
  streak: number;
  bestStreak: number;
}

const DAYS: Record<Period, number | null> = { week: 7, month: 30, all: null };

/** One point per right answer. Ties keep a stable order: who reached the score first, then user id. */
export function leaderboard(
  db: Db,
  place: { platform: string; workspaceId: string; channelId: string },
  period: Period,
  now: Date,
  limit = 10,
): Standing[] {
  const days = DAYS[period];
  const since = days === null ? "" : new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = db
    .prepare(
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
    )
    .all(place.platform, place.workspaceId, place.channelId, since, limit) as {
    user_id: string;
    name: string;
    points: number;
    answered: number;
  }[];
  return rows.map((r, i) => ({
    rank: i + 1,
    userId: r.user_id,
    name: r.name,
    points: r.points,
    answered: r.answered,
    accuracy: r.answered ? r.points / r.answered : 0,
  }));
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** Current and best run of consecutive days with a daily question answered. */
export function streaks(dates: readonly string[], today: string): { streak: number; best: number } {
  const days = [...new Set(dates.map(dayNumber))].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  let prev = Number.NaN;
  for (const d of days) {
    run = d === prev + 1 ? run + 1 : 1;
    best = Math.max(best, run);
    prev = d;
  }
  const last = days[days.length - 1];
  const current = last !== undefined && dayNumber(today) - last <= 1 ? run : 0;
  return { streak: current, best };
}

/** A person's points and accuracy in the workspace (or one channel), and their daily streaks. */
export function statsOf(
  db: Db,
  who: { platform: string; workspaceId: string; userId: string },
  now: Date,
  channelId?: string,
): Stats {
  const filter = channelId ? "AND channel_id = ?" : "";
  const args: string[] = [who.platform, who.workspaceId, who.userId, ...(channelId ? [channelId] : [])];
  const row = db
    .prepare(
      `SELECT count(*) AS answered, coalesce(sum(correct), 0) AS correct FROM quiz_answers
       WHERE platform = ? AND workspace_id = ? AND user_id = ? ${filter}`,
    )
    .get(...args) as { answered: number; correct: number };
  const dates = (
    db
      .prepare(
        `SELECT DISTINCT a.answer_date AS d FROM quiz_answers a JOIN quiz_posts p ON p.id = a.post_id
         WHERE p.kind = 'daily' AND a.platform = ? AND a.workspace_id = ? AND a.user_id = ? ${channelId ? "AND a.channel_id = ?" : ""}`,
      )
      .all(...args) as { d: string }[]
  ).map((r) => r.d);
  // Daily dates are the channels' local dates, so "today" is too: the latest local date of the
  // workspace's schedules (UTC when there are none).
  const zones = (
    db
      .prepare("SELECT DISTINCT timezone FROM daily_schedules WHERE platform = ? AND workspace_id = ?")
      .all(who.platform, who.workspaceId) as {
      timezone: string;
    }[]
  ).map((r) => r.timezone);
  const localToday = zones
    .map((z) => localDateTime(now, z).date)
    .sort()
    .at(-1);
  const { streak, best } = streaks(dates, localToday ?? now.toISOString().slice(0, 10));
  return {
    points: row.correct,
    answered: row.answered,
    correct: row.correct,
    accuracy: row.answered ? row.correct / row.answered : 0,
    streak,
    bestStreak: best,
  };
}

/** The name the platform last gave with this person's answers, if any. */
export function latestName(
  db: Db,
  who: { platform: string; workspaceId: string; userId: string },
): string | undefined {
  const row = db
    .prepare(
      `SELECT user_name FROM quiz_answers WHERE platform = ? AND workspace_id = ? AND user_id = ? AND user_name IS NOT NULL
       ORDER BY answered_at DESC LIMIT 1`,
    )
    .get(who.platform, who.workspaceId, who.userId) as { user_name: string } | undefined;
  return row?.user_name;
}
