/**
 * What the lead's dashboard reads of a workspace's state: one read-only port, implemented for SQLite
 * (`storage/sqlite/dashboard.ts`) and PostgreSQL (`storage/postgres/dashboard.ts`). Every method takes
 * the workspace and returns only its rows: nothing of another workspace reaches the page.
 */

import type { GapRow } from "../storage/stores.js";

/** One platform's workspace (a Slack team, a Discord guild, the terminal's "local"). */
export interface DashboardWorkspace {
  platform: string;
  workspaceId: string;
}

export interface DashboardMember {
  userId: string;
  userName: string | null;
  channelId: string;
  startedAt: string;
  lastActivityAt: string;
  finishedAt: string | null;
}

/** A lesson a member did or skipped. */
export interface LessonMark {
  userId: string;
  lessonId: string;
  status: "done" | "skipped";
  completedAt: string;
}

/** The answers given to one question in the workspace, with where in the notes the question comes from. */
export interface QuestionTally {
  questionId: string;
  /** Top-level heading of the question's source. */
  topic: string;
  /** Heading path of the question's source, top level first. */
  path: string[];
  /** `file#anchor` of the source. */
  source: string;
  answered: number;
  correct: number;
}

/** Quiz answers on one date (the channel's local date for daily answers, else UTC). */
export interface DayCount {
  date: string;
  answers: number;
  people: number;
}

/** One date on which a person answered a daily question, with the name they last answered under. */
export interface DailyAnswerDay {
  userId: string;
  name: string;
  date: string;
}

/** A question the notes did not cover; the same fields as the gaps report groups. */
/** A question the notes did not cover (as the gaps report has it), with when a note was last requested. */
export interface DashboardGap extends GapRow {
  /** When the latest press of "Request a note" on it was, if any. */
  lastRequestedAt: string | null;
}

/** A 👎 on an answer, with the reason when one was given. */
export interface DownVote {
  command: string;
  question: string;
  source: string | null;
  /** A reason code (`wrong`, `incomplete`, `offtopic`, `outdated`) or null. */
  reason: string | null;
  votedAt: string;
}

export interface DashboardReader {
  /** Onboarding members of the workspace, by start. */
  members(ws: DashboardWorkspace): Promise<DashboardMember[]>;
  lessonMarks(ws: DashboardWorkspace): Promise<LessonMark[]>;
  /** Answers per question since an instant (ISO). */
  questionTallies(ws: DashboardWorkspace, since: string): Promise<QuestionTally[]>;
  /** Answers and people per answer date from a date (YYYY-MM-DD) on, oldest first. */
  participation(ws: DashboardWorkspace, fromDate: string): Promise<DayCount[]>;
  /** Every (person, date) with a daily question answered. */
  dailyAnswerDays(ws: DashboardWorkspace): Promise<DailyAnswerDay[]>;
  /** Time zones of the workspace's daily schedules (their local dates are the streaks' days). */
  timezones(ws: DashboardWorkspace): Promise<string[]>;
  /** Not-covered questions asked since an instant (ISO), newest first, at most `limit`. */
  gaps(ws: DashboardWorkspace, since: string, limit: number): Promise<DashboardGap[]>;
  /** 👎 votes, newest first, at most `limit`. */
  downVotes(ws: DashboardWorkspace, limit: number): Promise<DownVote[]>;
}
