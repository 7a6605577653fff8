import { GAP_SELECT, type GapDbRow, gapValues, toGap } from "../feedback-rows.js";
import type { GapRow, GapStore, NewGap, Workspace } from "../stores.js";
import type { Pool } from "./pool.js";

export class PostgresGapStore implements GapStore {
  constructor(private readonly pool: Pool) {}

  async record(gap: NewGap): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO note_gaps (platform, workspace_id, channel_id, user_id, command, question, terms, notes_version, asked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      gapValues(gap),
    );
    const row = rows[0];
    if (!row) throw new Error("the gap was not recorded");
    return Number(row.id);
  }

  async find(where: Workspace, id: number): Promise<GapRow | null> {
    const { rows } = await this.pool.query<GapDbRow>(
      `${GAP_SELECT} WHERE g.id = $1 AND g.platform = $2 AND g.workspace_id = $3 GROUP BY g.id`,
      [id, where.platform, where.workspaceId],
    );
    return rows[0] ? toGap(rows[0]) : null;
  }

  async request(gapId: number, userId: string, now: Date): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO note_requests (gap_id, user_id, requested_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [gapId, userId, now.toISOString()],
    );
    return r.rowCount === 1;
  }

  async since(where: Workspace | null, since: string, limit: number): Promise<GapRow[]> {
    const filter = where ? "AND g.platform = $2 AND g.workspace_id = $3" : "";
    const params = where ? [since, where.platform, where.workspaceId] : [since];
    const { rows } = await this.pool.query<GapDbRow>(
      `${GAP_SELECT} WHERE g.asked_at >= $1 ${filter} GROUP BY g.id ORDER BY g.asked_at DESC, g.id DESC
       LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    return rows.map(toGap);
  }
}
