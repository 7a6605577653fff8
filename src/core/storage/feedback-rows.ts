/** The rows of the feedback and gaps tables, read the same from either database. */
import type { GapRow, NewGap, RatedSource } from "./stores.js";

/** 👎 votes of a source read to show some of their questions and reasons in the report. */
export const DOWN_VOTES_READ = 20;
/** Questions shown per rated source. */
export const QUESTIONS_SHOWN = 3;

/** A source's totals; PostgreSQL gives counts as strings (bigint), SQLite as numbers. */
export interface RatedRow {
  source: string;
  up: number | string;
  down: number | string;
  last: string;
}

/** A rated source from its totals and its newest 👎 votes (newest first). */
export function toRated(
  r: RatedRow,
  downs: readonly { question: string; reason: string | null }[],
): RatedSource {
  return {
    source: r.source,
    up: Number(r.up),
    down: Number(r.down),
    questions: [...new Set(downs.map((d) => d.question))].slice(0, QUESTIONS_SHOWN),
    reasons: [...new Set(downs.flatMap((d) => (d.reason ? [d.reason] : [])))],
    lastVotedAt: r.last,
  };
}

export interface GapDbRow {
  id: number | string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  user_id: string;
  command: string;
  question: string;
  /** The question's meaningful words, space separated. */
  terms: string;
  notes_version: string;
  asked_at: string;
  requests: number | string;
}

/** A new gap's values in the order of the columns `platform, workspace_id, channel_id, user_id, command,
 * question, terms, notes_version, asked_at` (both databases bind them so). */
export function gapValues(gap: NewGap): string[] {
  return [
    gap.platform,
    gap.workspaceId,
    gap.channelId,
    gap.userId,
    gap.command,
    gap.question,
    gap.terms.join(" "),
    gap.notesVersion,
    gap.askedAt,
  ];
}

export function toGap(r: GapDbRow): GapRow {
  return {
    id: Number(r.id),
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    userId: r.user_id,
    command: r.command,
    question: r.question,
    terms: r.terms.split(" ").filter(Boolean),
    notesVersion: r.notes_version,
    askedAt: r.asked_at,
    requests: Number(r.requests),
  };
}

/** A gap with its request count (both databases; the caller adds WHERE, GROUP BY g.id and ORDER). */
export const GAP_SELECT = `SELECT g.*, COUNT(r.user_id) AS requests FROM note_gaps g
  LEFT JOIN note_requests r ON r.gap_id = g.id`;
