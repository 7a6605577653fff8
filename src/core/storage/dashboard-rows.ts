import { z } from "zod";
import { type GapDbRow, toGap } from "./feedback-rows.js";
import type {
  DailyAnswerDay,
  DashboardGap,
  DashboardMember,
  DashboardWorkspace,
  DownVote,
  LessonMark,
  QuestionTally,
} from "../dashboard/reader.js";

/** The part of a stored question (`quiz_questions.json`) the dashboard groups by: its source section. */
const storedSource = z.object({
  source: z.object({ path: z.array(z.string()), source: z.string() }),
});

/**
 * Where a stored question comes from. A row that does not parse (written by a much older version) counts
 * under its topic alone, so its answers still count rather than break the page.
 */
export function questionSourceOf(json: string, topic: string): { path: string[]; source: string } {
  try {
    const parsed = storedSource.safeParse(JSON.parse(json));
    if (parsed.success) return { path: parsed.data.source.path, source: parsed.data.source.source };
  } catch {
    // not JSON: handled below
  }
  return { path: [topic], source: "" };
}

// The dashboard's rows as either database returns them (PostgreSQL casts its counts to int), and the one
// mapping from each to what the reader gives.

export interface MemberRow {
  user_id: string;
  user_name: string | null;
  channel_id: string;
  started_at: string;
  last_activity_at: string;
  finished_at: string | null;
}

export const toMember = (r: MemberRow): DashboardMember => ({
  userId: r.user_id,
  userName: r.user_name,
  channelId: r.channel_id,
  startedAt: r.started_at,
  lastActivityAt: r.last_activity_at,
  finishedAt: r.finished_at,
});

export interface LessonRow {
  user_id: string;
  lesson_id: string;
  status: "done" | "skipped";
  completed_at: string;
}

export const toLessonMark = (r: LessonRow): LessonMark => ({
  userId: r.user_id,
  lessonId: r.lesson_id,
  status: r.status,
  completedAt: r.completed_at,
});

export interface TallyRow {
  question_id: string;
  topic: string;
  json: string;
  answered: number;
  correct: number;
}

export const toTally = (r: TallyRow): QuestionTally => ({
  questionId: r.question_id,
  topic: r.topic,
  ...questionSourceOf(r.json, r.topic),
  answered: r.answered,
  correct: r.correct,
});

export interface AnswerDayRow {
  user_id: string;
  date: string;
  name: string;
}

export const toAnswerDay = (r: AnswerDayRow): DailyAnswerDay => ({
  userId: r.user_id,
  name: r.name,
  date: r.date,
});

/** A gap row of the workspace asked for, with when a note was last requested. */
export type DashboardGapRow = Omit<GapDbRow, "platform" | "workspace_id"> & {
  last_requested_at: string | null;
};

export const toDashboardGap = (w: DashboardWorkspace, r: DashboardGapRow): DashboardGap => ({
  ...toGap({ ...r, platform: w.platform, workspace_id: w.workspaceId }),
  lastRequestedAt: r.last_requested_at,
});

export interface DownVoteRow {
  command: string;
  question: string;
  source: string | null;
  reason: string | null;
  updated_at: string;
}

export const toDownVote = (r: DownVoteRow): DownVote => ({
  command: r.command,
  question: r.question,
  source: r.source,
  reason: r.reason,
  votedAt: r.updated_at,
});
