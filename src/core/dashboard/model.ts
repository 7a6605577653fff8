import type { StoredFinding } from "../../knowledge/search.js";
import { type GapGroup, groupGaps } from "../gaps/group.js";
import { localDateTime } from "../quiz/daily.js";
import { streaks } from "../quiz/scores.js";
import type { DashboardReader, DashboardWorkspace, DownVote } from "./reader.js";

const DAY_MS = 86_400_000;

/** A member idle this long without finishing is shown as stuck (the usual nudge period is a few days). */
export const STUCK_AFTER_DAYS = 3;
/** Quiz accuracy counts the answers of this many days: older ones were given on older notes. */
export const QUIZ_WINDOW_DAYS = 90;
/** Participation is drawn for this many days, today included. */
export const PARTICIPATION_DAYS = 14;
/** Not-covered questions look this far back, as the gaps report does. */
export const GAPS_WINDOW_DAYS = 90;
/** Not-covered questions read at most (the newest): grouping is quadratic in the number of groups. */
export const GAPS_MAX_ROWS = 5000;
/** Sections shown in the accuracy chart: the weakest first. */
export const SECTIONS_SHOWN = 12;
/** Groups of not-covered questions shown. */
export const GAP_GROUPS_SHOWN = 20;
/** 👎 answers shown, newest first. */
export const DOWN_VOTES_SHOWN = 20;
/** People shown in the streaks table. */
export const STREAKS_SHOWN = 10;

export interface LessonRef {
  id: string;
  title: string;
}

export interface MemberView {
  userId: string;
  name: string;
  done: number;
  total: number;
  /** The first lesson neither done nor skipped (its number is 1-based); null once every lesson is done. */
  current: { n: number; title: string } | null;
  lastActivityAt: string;
  finished: boolean;
  /** Idle for STUCK_AFTER_DAYS or more without finishing. */
  stuck: boolean;
}

export interface Accuracy {
  label: string;
  /** Heading path of a section; for a topic, the topic alone. */
  path: string[];
  source: string;
  answered: number;
  correct: number;
  /** correct / answered, 0 when nothing was answered. */
  accuracy: number;
}

export interface StreakView {
  userId: string;
  name: string;
  current: number;
  best: number;
}

export interface RequestView {
  question: string;
  requests: number;
  lastRequestedAt: string;
}

export interface IndexStatus {
  label: string;
  files: number;
  entries: number;
  hash: string;
  /** When the index being served was built or swapped in, when known. */
  lastReindexAt: string | null;
}

export interface DashboardView {
  workspace: DashboardWorkspace;
  generatedAt: string;
  onboarding: { lessons: number; members: MemberView[] };
  quizzes: {
    since: string;
    answered: number;
    topics: Accuracy[];
    sections: Accuracy[];
    days: { date: string; answers: number; people: number }[];
    streaks: StreakView[];
  };
  gaps: { since: string; uncovered: GapGroup[]; downVotes: DownVote[]; requests: RequestView[] };
  notes: { index: IndexStatus; findings: StoredFinding[]; refused: RefusedNotes | null };
}

/** The newest notes, refused by the last reload (a file could not be read): the page serves older ones. */
export interface RefusedNotes {
  at: string;
  findings: readonly StoredFinding[];
}

/** What the page shows of the notes, from the running tutor (the index is per process, not in the state). */
export interface NotesSource {
  lessons: readonly LessonRef[];
  index: IndexStatus;
  findings: readonly StoredFinding[];
  refused: RefusedNotes | null;
}

function ratio(correct: number, answered: number): number {
  return answered > 0 ? correct / answered : 0;
}

/** Weakest first; among equals, the most answered (the surest) first, then by label. */
function weakestFirst(a: Accuracy, b: Accuracy): number {
  return a.accuracy - b.accuracy || b.answered - a.answered || a.label.localeCompare(b.label);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The dates from `from` to `to` (YYYY-MM-DD, both included). */
function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Everything the dashboard shows of one workspace at `now`. */
export async function buildDashboard(
  reader: DashboardReader,
  workspace: DashboardWorkspace,
  notes: NotesSource,
  now: Date,
): Promise<DashboardView> {
  const quizSince = new Date(now.getTime() - QUIZ_WINDOW_DAYS * DAY_MS).toISOString();
  const gapsSince = new Date(now.getTime() - GAPS_WINDOW_DAYS * DAY_MS).toISOString();
  const zones = await reader.timezones(workspace);
  // Answer dates are the channels' local dates: "today" is the latest of them (UTC without schedules).
  const today =
    zones
      .map((z) => localDateTime(now, z).date)
      .sort()
      .at(-1) ?? isoDate(now);
  const firstDay = isoDate(new Date(Date.parse(`${today}T00:00:00Z`) - (PARTICIPATION_DAYS - 1) * DAY_MS));
  const [members, marks, tallies, days, dailyDays, gaps, downVotes] = await Promise.all([
    reader.members(workspace),
    reader.lessonMarks(workspace),
    reader.questionTallies(workspace, quizSince),
    reader.participation(workspace, firstDay),
    reader.dailyAnswerDays(workspace),
    reader.gaps(workspace, gapsSince, GAPS_MAX_ROWS),
    reader.downVotes(workspace, DOWN_VOTES_SHOWN),
  ]);

  // Onboarding: progress over the current curriculum (a retired lesson's mark no longer counts).
  const marked = new Map<string, Set<string>>();
  for (const m of marks) {
    const set = marked.get(m.userId) ?? new Set<string>();
    set.add(m.lessonId);
    marked.set(m.userId, set);
  }
  const lessons = notes.lessons;
  const memberViews: MemberView[] = members.map((m) => {
    const mine = marked.get(m.userId) ?? new Set<string>();
    const done = lessons.filter((l) => mine.has(l.id)).length;
    const i = lessons.findIndex((l) => !mine.has(l.id));
    const lesson = i >= 0 ? lessons[i] : undefined;
    const finished = m.finishedAt !== null || (lessons.length > 0 && !lesson);
    const idleMs = now.getTime() - Date.parse(m.lastActivityAt);
    return {
      userId: m.userId,
      name: m.userName ?? m.userId,
      done,
      total: lessons.length,
      current: lesson ? { n: i + 1, title: lesson.title } : null,
      lastActivityAt: m.lastActivityAt,
      finished,
      stuck: !finished && idleMs >= STUCK_AFTER_DAYS * DAY_MS,
    };
  });

  // Quizzes: accuracy per topic and per section of the notes.
  const byTopic = new Map<string, Accuracy>();
  const bySection = new Map<string, Accuracy>();
  for (const q of tallies) {
    const topic = byTopic.get(q.topic) ?? {
      label: q.topic,
      path: [q.topic],
      source: "",
      answered: 0,
      correct: 0,
      accuracy: 0,
    };
    topic.answered += q.answered;
    topic.correct += q.correct;
    byTopic.set(q.topic, topic);
    const key = q.source || q.path.join("\u0000");
    const section = bySection.get(key) ?? {
      label: q.path.join(" › "),
      path: q.path,
      source: q.source,
      answered: 0,
      correct: 0,
      accuracy: 0,
    };
    section.answered += q.answered;
    section.correct += q.correct;
    bySection.set(key, section);
  }
  const withRatio = (a: Accuracy): Accuracy => ({ ...a, accuracy: ratio(a.correct, a.answered) });
  const perDay = new Map(days.map((d) => [d.date, d]));

  // Streaks: consecutive days with a daily question answered.
  const datesOf = new Map<string, { name: string; dates: string[] }>();
  for (const d of dailyDays) {
    const e = datesOf.get(d.userId) ?? { name: d.name, dates: [] };
    e.dates.push(d.date);
    datesOf.set(d.userId, e);
  }
  const streakViews = [...datesOf.entries()]
    .map(([userId, e]) => {
      const s = streaks(e.dates, today);
      return { userId, name: e.name, current: s.streak, best: s.best };
    })
    .sort((a, b) => b.current - a.current || b.best - a.best || a.name.localeCompare(b.name))
    .slice(0, STREAKS_SHOWN);

  // Gaps: grouped as the gaps report groups them; requests are the groups someone asked a note for.
  const uncovered = groupGaps(gaps);
  const lastRequest = new Map(gaps.map((g) => [g.id, g.lastRequestedAt]));
  const requests: RequestView[] = [];
  for (const group of uncovered) {
    if (group.requests === 0) continue;
    const members = gaps.filter((g) => group.wordings.includes(g.question.trim()) && g.requests > 0);
    const last = members
      .map((g) => lastRequest.get(g.id) ?? "")
      .sort()
      .at(-1);
    requests.push({ question: group.question, requests: group.requests, lastRequestedAt: last ?? "" });
  }

  return {
    workspace,
    generatedAt: now.toISOString(),
    onboarding: { lessons: lessons.length, members: memberViews },
    quizzes: {
      since: quizSince,
      answered: tallies.reduce((s, q) => s + q.answered, 0),
      topics: [...byTopic.values()].map(withRatio).sort(weakestFirst),
      sections: [...bySection.values()].map(withRatio).sort(weakestFirst).slice(0, SECTIONS_SHOWN),
      days: dateRange(firstDay, today).map((date) => ({
        date,
        answers: perDay.get(date)?.answers ?? 0,
        people: perDay.get(date)?.people ?? 0,
      })),
      streaks: streakViews,
    },
    gaps: {
      since: gapsSince,
      uncovered: uncovered.slice(0, GAP_GROUPS_SHOWN),
      downVotes,
      requests,
    },
    notes: { index: notes.index, findings: [...notes.findings], refused: notes.refused },
  };
}
