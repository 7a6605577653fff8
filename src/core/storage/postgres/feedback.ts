import { DOWN_VOTES_READ, type RatedRow, toRated } from "../feedback-rows.js";
import type { FeedbackStore, NewVote, RatedSource, Vote, VoteChange, VoteKey, Workspace } from "../stores.js";
import type { Pool } from "./pool.js";

const OF_KEY = "platform = $1 AND workspace_id = $2 AND answer_id = $3 AND user_id = $4";
const keyOf = (k: VoteKey) => [k.platform, k.workspaceId, k.answerId, k.userId];

export class PostgresFeedbackStore implements FeedbackStore {
  constructor(private readonly pool: Pool) {}

  async vote(row: NewVote, now: Date): Promise<VoteChange> {
    // One statement: the same vote again updates nothing (no row returned); a new row has xmax = 0, an
    // updated one does not. Two presses on two replicas at once: the second waits for the first's row.
    const at = now.toISOString();
    const { rows } = await this.pool.query<{ inserted: boolean }>(
      `INSERT INTO answer_feedback
         (platform, workspace_id, answer_id, user_id, vote, reason, command, question, source, notes_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (platform, workspace_id, answer_id, user_id)
         DO UPDATE SET vote = excluded.vote, reason = NULL, updated_at = excluded.updated_at
         WHERE answer_feedback.vote <> excluded.vote
       RETURNING (xmax = 0) AS inserted`,
      [...keyOf(row), row.vote, row.command, row.question, row.source, row.notesVersion, at],
    );
    const r = rows[0];
    if (!r) return "same";
    return r.inserted ? "new" : "changed";
  }

  async reason(key: VoteKey, reason: string, now: Date): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE answer_feedback SET reason = $5, updated_at = $6 WHERE ${OF_KEY} AND vote = 'down'`,
      [...keyOf(key), reason, now.toISOString()],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async voteOf(key: VoteKey): Promise<{ vote: Vote; reason: string | null } | null> {
    const { rows } = await this.pool.query<{ vote: Vote; reason: string | null }>(
      `SELECT vote, reason FROM answer_feedback WHERE ${OF_KEY}`,
      keyOf(key),
    );
    return rows[0] ?? null;
  }

  async worstRated(where: Workspace | null, limit: number): Promise<RatedSource[]> {
    const params = where ? [where.platform, where.workspaceId] : [];
    const filter = where ? "AND platform = $1 AND workspace_id = $2" : "";
    const n = params.length;
    const { rows } = await this.pool.query<RatedRow>(
      `SELECT COALESCE(source, '') AS source,
              count(*) FILTER (WHERE vote = 'up') AS up, count(*) FILTER (WHERE vote = 'down') AS down,
              MAX(updated_at) AS "last"
       FROM answer_feedback WHERE TRUE ${filter}
       GROUP BY COALESCE(source, '') HAVING count(*) FILTER (WHERE vote = 'down') > 0
       ORDER BY down DESC, up ASC, "last" DESC LIMIT $${n + 1}`,
      [...params, limit],
    );
    const rated: RatedSource[] = [];
    for (const r of rows) {
      const downs = await this.pool.query<{ question: string; reason: string | null }>(
        `SELECT question, reason FROM answer_feedback
         WHERE COALESCE(source, '') = $${n + 1} AND vote = 'down' ${filter}
         ORDER BY updated_at DESC LIMIT $${n + 2}`,
        [...params, r.source, DOWN_VOTES_READ],
      );
      rated.push(toRated(r, downs.rows));
    }
    return rated;
  }
}
