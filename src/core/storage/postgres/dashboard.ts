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
import pg from "pg";
import type { Queryable } from "./pool.js";

const ws = (w: DashboardWorkspace) => [w.platform, w.workspaceId];

/** The dashboard's reads on PostgreSQL (the tables of migrations/postgres). */
export class PostgresDashboardReader implements DashboardReader {
  constructor(private readonly db: Queryable) {}

  async members(w: DashboardWorkspace): Promise<DashboardMember[]> {
    const { rows } = await this.db.query<MemberRow>(
      `SELECT user_id, user_name, channel_id, started_at, last_activity_at, finished_at
       FROM onboarding_members WHERE platform = $1 AND workspace_id = $2 ORDER BY started_at, user_id`,
      ws(w),
    );
    return rows.map(toMember);
  }

  async lessonMarks(w: DashboardWorkspace): Promise<LessonMark[]> {
    const { rows } = await this.db.query<LessonRow>(
      `SELECT user_id, lesson_id, status, completed_at FROM onboarding_progress
       WHERE platform = $1 AND workspace_id = $2 ORDER BY completed_at`,
      ws(w),
    );
    return rows.map(toLessonMark);
  }

  async questionTallies(w: DashboardWorkspace, since: string): Promise<QuestionTally[]> {
    const { rows } = await this.db.query<TallyRow>(
      `SELECT a.question_id, q.topic, q.json, count(*)::int AS answered, sum(a.correct::int)::int AS correct
       FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id
       WHERE a.platform = $1 AND a.workspace_id = $2 AND a.answered_at >= $3
       GROUP BY a.question_id, q.topic, q.json`,
      [...ws(w), since],
    );
    return rows.map(toTally);
  }

  async participation(w: DashboardWorkspace, fromDate: string): Promise<DayCount[]> {
    const { rows } = await this.db.query<DayCount>(
      `SELECT answer_date AS date, count(*)::int AS answers, count(DISTINCT user_id)::int AS people
       FROM quiz_answers WHERE platform = $1 AND workspace_id = $2 AND answer_date >= $3
       GROUP BY answer_date ORDER BY answer_date`,
      [...ws(w), fromDate],
    );
    return rows;
  }

  async dailyAnswerDays(w: DashboardWorkspace): Promise<DailyAnswerDay[]> {
    const { rows } = await this.db.query<AnswerDayRow>(
      `SELECT d.user_id, d.date,
              coalesce((SELECT b.user_name FROM quiz_answers b WHERE b.platform = $1
                AND b.workspace_id = $2 AND b.user_id = d.user_id
                AND b.user_name IS NOT NULL ORDER BY b.answered_at DESC LIMIT 1), d.user_id) AS name
       FROM (SELECT DISTINCT a.user_id, a.answer_date AS date
             FROM quiz_answers a JOIN quiz_posts p ON p.id = a.post_id
             WHERE p.kind = 'daily' AND a.platform = $1 AND a.workspace_id = $2) d
       ORDER BY d.user_id, d.date`,
      ws(w),
    );
    return rows.map(toAnswerDay);
  }

  async timezones(w: DashboardWorkspace): Promise<string[]> {
    const { rows } = await this.db.query<{ timezone: string }>(
      `SELECT DISTINCT timezone FROM daily_schedules WHERE platform = $1 AND workspace_id = $2
       ORDER BY timezone`,
      ws(w),
    );
    return rows.map((r) => r.timezone);
  }

  async gaps(w: DashboardWorkspace, since: string, limit: number): Promise<DashboardGap[]> {
    const { rows } = await this.db.query<DashboardGapRow>(
      `SELECT g.id, g.channel_id, g.user_id, g.command, g.question, g.terms, g.notes_version, g.asked_at,
              count(r.user_id)::int AS requests, max(r.requested_at) AS last_requested_at
       FROM note_gaps g LEFT JOIN note_requests r ON r.gap_id = g.id
       WHERE g.platform = $1 AND g.workspace_id = $2 AND g.asked_at >= $3
       GROUP BY g.id ORDER BY g.asked_at DESC, g.id DESC LIMIT $4`,
      [...ws(w), since, limit],
    );
    return rows.map((r) => toDashboardGap(w, r));
  }

  async downVotes(w: DashboardWorkspace, limit: number): Promise<DownVote[]> {
    const { rows } = await this.db.query<DownVoteRow>(
      `SELECT command, question, source, reason, updated_at FROM answer_feedback
       WHERE platform = $1 AND workspace_id = $2 AND vote = 'down'
       ORDER BY updated_at DESC, answer_id LIMIT $3`,
      [...ws(w), limit],
    );
    return rows.map(toDownVote);
  }
}

/** Connections the dashboard's own pool keeps at most: the page is read by a lead now and then. */
const DASHBOARD_POOL_SIZE = 2;

/** A connection the page cannot get within this long fails that page (a 500), not the process. */
const DASHBOARD_CONNECT_TIMEOUT_MS = 5000;

/** A reader on its own small pool (the state stores keep theirs private); `close` ends it. */
export function openPostgresDashboardReader(url: string): {
  reader: DashboardReader;
  close: () => Promise<void>;
} {
  const pool = new pg.Pool({
    connectionString: url,
    max: DASHBOARD_POOL_SIZE,
    connectionTimeoutMillis: DASHBOARD_CONNECT_TIMEOUT_MS,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return { reader: new PostgresDashboardReader(pool), close: () => pool.end() };
}
