import type { Person, Place, ScheduleStore, ScoreStore } from "../storage/stores.js";
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

/** How many people a leaderboard shows. */
const LEADERBOARD_SIZE = 10;

/** One point per right answer. Ties keep a stable order: who reached the score first, then user id. */
export async function leaderboard(
  scores: ScoreStore,
  place: Place,
  period: Period,
  now: Date,
  limit = LEADERBOARD_SIZE,
): Promise<Standing[]> {
  const days = DAYS[period];
  const since = days === null ? null : new Date(now.getTime() - days * 86_400_000);
  const rows = await scores.leaderboard(place, since, limit);
  return rows.map((r, i) => ({
    rank: i + 1,
    userId: r.userId,
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
export async function statsOf(
  state: { scores: ScoreStore; schedules: ScheduleStore },
  who: Person,
  now: Date,
  channelId?: string,
): Promise<Stats> {
  const totals = await state.scores.totals(who, channelId);
  const dates = await state.scores.dailyAnswerDates(who, channelId);
  // Daily dates are the channels' local dates, so "today" is too: the latest local date of the
  // workspace's schedules (UTC when there are none).
  const zones = await state.schedules.timezones(who.platform, who.workspaceId);
  const localToday = zones
    .map((z) => localDateTime(now, z).date)
    .sort()
    .at(-1);
  const { streak, best } = streaks(dates, localToday ?? now.toISOString().slice(0, 10));
  return {
    points: totals.correct,
    answered: totals.answered,
    correct: totals.correct,
    accuracy: totals.answered ? totals.correct / totals.answered : 0,
    streak,
    bestStreak: best,
  };
}
