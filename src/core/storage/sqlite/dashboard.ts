import type {
  DailyAnswerDay,
  DashboardGap,
  DashboardMember,
  DashboardReader,
  DashboardWorkspace,
  DayCount,
  DownVote,
  LessonMark,
  QuestionTally,
} from "../../dashboard/reader.js";
import type { Db } from "../database.js";
import {
  type AnswerDayRow,
  type DashboardGapRow,
  type DownVoteRow,
  type LessonRow,
  type MemberRow,
  type TallyRow,
  toAnswerDay,
  toDashboardGap,
  toDownVote,
  toLessonMark,
  toMember,
  toTally,
} from "../dashboard-rows.js";

const WS = "platform = ? AND workspace_id = ?";
const ws = (w: DashboardWorkspace) => [w.platform, w.workspaceId] as const;

/** The dashboard's reads on the process's SQLite database. */
export class SqliteDashboardReader implements DashboardReader {
  constructor(private readonly db: Db) {}

  async members(w: DashboardWorkspace): Promise<DashboardMember[]> {
    const rows = this.db
      .prepare(
        `SELECT user_id, user_name, channel_id, started_at, last_activity_at, finished_at
         FROM onboarding_members WHERE ${WS} ORDER BY started_at, user_id`,
      )
      .all(...ws(w)) as MemberRow[];
    return rows.map(toMember);
  }

  async lessonMarks(w: DashboardWorkspace): Promise<LessonMark[]> {
    const rows = this.db
      .prepare(
        `SELECT user_id, lesson_id, status, completed_at FROM onboarding_progress WHERE ${WS}
         ORDER BY completed_at`,
      )
      .all(...ws(w)) as LessonRow[];
    return rows.map(toLessonMark);
  }

  async questionTallies(w: DashboardWorkspace, since: string): Promise<QuestionTally[]> {
    const rows = this.db
      .prepare(
        `SELECT a.question_id, q.topic, q.json, count(*) AS answered, sum(a.correct) AS correct
         FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id
         WHERE a.platform = ? AND a.workspace_id = ? AND a.answered_at >= ?
         GROUP BY a.question_id`,
      )
      .all(...ws(w), since) as TallyRow[];
    return rows.map(toTally);
  }

  async participation(w: DashboardWorkspace, fromDate: string): Promise<DayCount[]> {
    return this.db
      .prepare(
        `SELECT answer_date AS date, count(*) AS answers, count(DISTINCT user_id) AS people
         FROM quiz_answers WHERE ${WS} AND answer_date >= ? GROUP BY answer_date ORDER BY answer_date`,
      )
      .all(...ws(w), fromDate) as DayCount[];
  }

  async dailyAnswerDays(w: DashboardWorkspace): Promise<DailyAnswerDay[]> {
    const rows = this.db
      .prepare(
        `SELECT a.user_id, a.answer_date AS date,
                coalesce((SELECT b.user_name FROM quiz_answers b WHERE b.platform = a.platform
                  AND b.workspace_id = a.workspace_id AND b.user_id = a.user_id
                  AND b.user_name IS NOT NULL ORDER BY b.answered_at DESC LIMIT 1), a.user_id) AS name
         FROM quiz_answers a JOIN quiz_posts p ON p.id = a.post_id
         WHERE p.kind = 'daily' AND a.platform = ? AND a.workspace_id = ?
         GROUP BY a.user_id, a.answer_date ORDER BY a.user_id, a.answer_date`,
      )
      .all(...ws(w)) as AnswerDayRow[];
    return rows.map(toAnswerDay);
  }

  async timezones(w: DashboardWorkspace): Promise<string[]> {
    const rows = this.db
      .prepare(`SELECT DISTINCT timezone FROM daily_schedules WHERE ${WS} ORDER BY timezone`)
      .all(...ws(w)) as { timezone: string }[];
    return rows.map((r) => r.timezone);
  }

  async gaps(w: DashboardWorkspace, since: string, limit: number): Promise<DashboardGap[]> {
    const rows = this.db
      .prepare(
        `SELECT g.id, g.channel_id, g.user_id, g.command, g.question, g.terms, g.notes_version, g.asked_at,
                count(r.user_id) AS requests, max(r.requested_at) AS last_requested_at
         FROM note_gaps g LEFT JOIN note_requests r ON r.gap_id = g.id
         WHERE g.platform = ? AND g.workspace_id = ? AND g.asked_at >= ?
         GROUP BY g.id ORDER BY g.asked_at DESC, g.id DESC LIMIT ?`,
      )
      .all(...ws(w), since, limit) as DashboardGapRow[];
    return rows.map((r) => toDashboardGap(w, r));
  }

  async downVotes(w: DashboardWorkspace, limit: number): Promise<DownVote[]> {
    const rows = this.db
      .prepare(
        `SELECT command, question, source, reason, updated_at FROM answer_feedback
         WHERE ${WS} AND vote = 'down' ORDER BY updated_at DESC, answer_id LIMIT ?`,
      )
      .all(...ws(w), limit) as DownVoteRow[];
    return rows.map(toDownVote);
  }
}

/**
 * When the index in the main database was built (`index_meta.built_at`), or null. A reload builds its
 * index beside the main database, so this is the start-up build; later reloads are noticed by the page.
 */
export function indexBuiltAt(db: Db): string | null {
  try {
    const row = db.prepare("SELECT value FROM index_meta WHERE key = 'built_at'").get() as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  } catch {
    return null;
  }
}
