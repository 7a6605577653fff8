import type { Db } from "../database.js";
import { DOWN_VOTES_READ, type RatedRow, toRated } from "../feedback-rows.js";
import type { FeedbackStore, NewVote, RatedSource, Vote, VoteChange, VoteKey, Workspace } from "../stores.js";

const OF_KEY = "platform = ? AND workspace_id = ? AND answer_id = ? AND user_id = ?";
const keyOf = (k: VoteKey) => [k.platform, k.workspaceId, k.answerId, k.userId] as const;

export class SqliteFeedbackStore implements FeedbackStore {
  constructor(private readonly db: Db) {}

  async vote(row: NewVote, now: Date): Promise<VoteChange> {
    return this.db.transaction((): VoteChange => {
      const before = this.db.prepare(`SELECT vote FROM answer_feedback WHERE ${OF_KEY}`).get(...keyOf(row)) as
        | { vote: Vote }
        | undefined;
      if (before?.vote === row.vote) return "same";
      const at = now.toISOString();
      this.db
        .prepare(
          `INSERT INTO answer_feedback
             (platform, workspace_id, answer_id, user_id, vote, reason, command, question, source, notes_version, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (platform, workspace_id, answer_id, user_id)
             DO UPDATE SET vote = excluded.vote, reason = NULL, updated_at = excluded.updated_at`,
        )
        .run(...keyOf(row), row.vote, row.command, row.question, row.source, row.notesVersion, at, at);
      return before ? "changed" : "new";
    })();
  }

  async reason(key: VoteKey, reason: string, now: Date): Promise<boolean> {
    const info = this.db
      .prepare(`UPDATE answer_feedback SET reason = ?, updated_at = ? WHERE ${OF_KEY} AND vote = 'down'`)
      .run(reason, now.toISOString(), ...keyOf(key));
    return info.changes > 0;
  }

  async voteOf(key: VoteKey): Promise<{ vote: Vote; reason: string | null } | null> {
    const r = this.db
      .prepare(`SELECT vote, reason FROM answer_feedback WHERE ${OF_KEY}`)
      .get(...keyOf(key)) as { vote: Vote; reason: string | null } | undefined;
    return r ?? null;
  }

  async worstRated(where: Workspace | null, limit: number): Promise<RatedSource[]> {
    const filter = where ? "WHERE platform = ? AND workspace_id = ?" : "";
    const params = where ? [where.platform, where.workspaceId] : [];
    const rows = this.db
      .prepare(
        `SELECT COALESCE(source, '') AS source,
                SUM(vote = 'up') AS up, SUM(vote = 'down') AS down, MAX(updated_at) AS last
         FROM answer_feedback ${filter}
         GROUP BY COALESCE(source, '') HAVING SUM(vote = 'down') > 0
         ORDER BY down DESC, up ASC, last DESC LIMIT ?`,
      )
      .all(...params, limit) as RatedRow[];
    const detail = this.db.prepare(
      `SELECT question, reason FROM answer_feedback
       WHERE COALESCE(source, '') = ? AND vote = 'down' ${where ? "AND platform = ? AND workspace_id = ?" : ""}
       ORDER BY updated_at DESC LIMIT ?`,
    );
    return rows.map((r) =>
      toRated(
        r,
        detail.all(r.source, ...params, DOWN_VOTES_READ) as { question: string; reason: string | null }[],
      ),
    );
  }
}
