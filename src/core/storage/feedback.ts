import type { Db } from "./database.js";

/** Where a vote or a gap was recorded: one platform's workspace. */
export interface Workspace {
  platform: string;
  workspaceId: string;
}

export type Vote = "up" | "down";

export interface FeedbackRow extends Workspace {
  answerId: string;
  userId: string;
  vote: Vote;
  reason: string | null;
  command: string;
  question: string;
  source: string | null;
  notesVersion: string;
}

/** What a vote left in the database: a first vote, a changed one, or the same one again. */
export type VoteChange = "new" | "changed" | "same";

/**
 * Records one person's vote on one answer: a second press of the other button changes it (and clears a
 * reason given for a 👎), a press of the same one changes nothing.
 */
export function recordVote(db: Db, row: Omit<FeedbackRow, "reason">, now: Date): VoteChange {
  const before = db
    .prepare(
      "SELECT vote FROM answer_feedback WHERE platform = ? AND workspace_id = ? AND answer_id = ? AND user_id = ?",
    )
    .get(row.platform, row.workspaceId, row.answerId, row.userId) as { vote: Vote } | undefined;
  if (before?.vote === row.vote) return "same";
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO answer_feedback
       (platform, workspace_id, answer_id, user_id, vote, reason, command, question, source, notes_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, answer_id, user_id)
       DO UPDATE SET vote = excluded.vote, reason = NULL, updated_at = excluded.updated_at`,
  ).run(
    row.platform,
    row.workspaceId,
    row.answerId,
    row.userId,
    row.vote,
    row.command,
    row.question,
    row.source,
    row.notesVersion,
    at,
    at,
  );
  return before ? "changed" : "new";
}

/** Adds a reason to a person's 👎 on an answer; false when there is no such 👎 (changed, or never given). */
export function recordReason(
  db: Db,
  key: Workspace & { answerId: string; userId: string },
  reason: string,
  now: Date,
): boolean {
  const info = db
    .prepare(
      `UPDATE answer_feedback SET reason = ?, updated_at = ?
       WHERE platform = ? AND workspace_id = ? AND answer_id = ? AND user_id = ? AND vote = 'down'`,
    )
    .run(reason, now.toISOString(), key.platform, key.workspaceId, key.answerId, key.userId);
  return info.changes > 0;
}

/** The vote a person gave an answer, if any. */
export function voteOf(
  db: Db,
  key: Workspace & { answerId: string; userId: string },
): Pick<FeedbackRow, "vote" | "reason"> | null {
  const r = db
    .prepare(
      "SELECT vote, reason FROM answer_feedback WHERE platform = ? AND workspace_id = ? AND answer_id = ? AND user_id = ?",
    )
    .get(key.platform, key.workspaceId, key.answerId, key.userId) as
    | { vote: Vote; reason: string | null }
    | undefined;
  return r ?? null;
}

export interface RatedSource {
  source: string;
  up: number;
  down: number;
  /** Some questions whose answers came from this source and got a 👎, newest first. */
  questions: string[];
  reasons: string[];
  lastVotedAt: string;
}

/** Answer sources with at least one 👎, the most 👎 (then the fewest 👍) first. */
export function worstRated(db: Db, where: Workspace | null, limit: number): RatedSource[] {
  const filter = where ? "WHERE platform = ? AND workspace_id = ?" : "";
  const params = where ? [where.platform, where.workspaceId] : [];
  const rows = db
    .prepare(
      `SELECT COALESCE(source, '') AS source,
              SUM(vote = 'up') AS up, SUM(vote = 'down') AS down, MAX(updated_at) AS last
       FROM answer_feedback ${filter}
       GROUP BY COALESCE(source, '') HAVING SUM(vote = 'down') > 0
       ORDER BY down DESC, up ASC, last DESC LIMIT ?`,
    )
    .all(...params, limit) as { source: string; up: number; down: number; last: string }[];
  const detail = db.prepare(
    `SELECT question, reason FROM answer_feedback
     WHERE COALESCE(source, '') = ? AND vote = 'down' ${where ? "AND platform = ? AND workspace_id = ?" : ""}
     ORDER BY updated_at DESC LIMIT 20`,
  );
  return rows.map((r) => {
    const downs = detail.all(r.source, ...params) as { question: string; reason: string | null }[];
    return {
      source: r.source,
      up: r.up,
      down: r.down,
      questions: [...new Set(downs.map((d) => d.question))].slice(0, 3),
      reasons: [...new Set(downs.flatMap((d) => (d.reason ? [d.reason] : [])))],
      lastVotedAt: r.last,
    };
  });
}

export interface GapRow extends Workspace {
  id: number;
  channelId: string;
  userId: string;
  command: string;
  question: string;
  terms: string[];
  notesVersion: string;
  askedAt: string;
  /** How many people pressed "Request a note" on this question. */
  requests: number;
}

/** Records a question the notes did not cover; returns its id (for the Request a note button). */
export function recordGap(db: Db, gap: Omit<GapRow, "id" | "requests">): number {
  const info = db
    .prepare(
      `INSERT INTO note_gaps (platform, workspace_id, channel_id, user_id, command, question, terms, notes_version, asked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      gap.platform,
      gap.workspaceId,
      gap.channelId,
      gap.userId,
      gap.command,
      gap.question,
      gap.terms.join(" "),
      gap.notesVersion,
      gap.askedAt,
    );
  return Number(info.lastInsertRowid);
}

/** The gap of this id in this workspace, or null (another workspace's id is no gap here). */
export function findGap(db: Db, where: Workspace, id: number): GapRow | null {
  const r = db
    .prepare(`${GAP_SELECT} WHERE g.id = ? AND g.platform = ? AND g.workspace_id = ? GROUP BY g.id`)
    .get(id, where.platform, where.workspaceId) as GapDbRow | undefined;
  return r ? toGap(r) : null;
}

/** A person's request for a note on a gap; false when they had requested it already. */
export function recordRequest(db: Db, gapId: number, userId: string, now: Date): boolean {
  const info = db
    .prepare("INSERT OR IGNORE INTO note_requests (gap_id, user_id, requested_at) VALUES (?, ?, ?)")
    .run(gapId, userId, now.toISOString());
  return info.changes > 0;
}

/** The not-covered questions asked since `since` (ISO), newest first, at most `limit`. */
export function gapsSince(db: Db, where: Workspace | null, since: string, limit: number): GapRow[] {
  const filter = where ? "AND g.platform = ? AND g.workspace_id = ?" : "";
  const params = where ? [where.platform, where.workspaceId] : [];
  const rows = db
    .prepare(`${GAP_SELECT} WHERE g.asked_at >= ? ${filter} GROUP BY g.id ORDER BY g.asked_at DESC LIMIT ?`)
    .all(since, ...params, limit) as GapDbRow[];
  return rows.map(toGap);
}

const GAP_SELECT = `SELECT g.*, COUNT(r.user_id) AS requests FROM note_gaps g
  LEFT JOIN note_requests r ON r.gap_id = g.id`;

interface GapDbRow {
  id: number;
  platform: string;
  workspace_id: string;
  channel_id: string;
  user_id: string;
  command: string;
  question: string;
  terms: string;
  notes_version: string;
  asked_at: string;
  requests: number;
}

function toGap(r: GapDbRow): GapRow {
  return {
    id: r.id,
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    userId: r.user_id,
    command: r.command,
    question: r.question,
    terms: r.terms.split(" ").filter(Boolean),
    notesVersion: r.notes_version,
    askedAt: r.asked_at,
    requests: r.requests,
  };
}
