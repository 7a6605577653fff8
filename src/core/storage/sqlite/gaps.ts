import type { Db } from "../database.js";
import { GAP_SELECT, type GapDbRow, gapValues, toGap } from "../feedback-rows.js";
import type { GapRow, GapStore, NewGap, Workspace } from "../stores.js";

export class SqliteGapStore implements GapStore {
  constructor(private readonly db: Db) {}

  async record(gap: NewGap): Promise<number> {
    const info = this.db
      .prepare(
        `INSERT INTO note_gaps (platform, workspace_id, channel_id, user_id, command, question, terms, notes_version, asked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...gapValues(gap));
    return Number(info.lastInsertRowid);
  }

  async find(where: Workspace, id: number): Promise<GapRow | null> {
    const r = this.db
      .prepare(`${GAP_SELECT} WHERE g.id = ? AND g.platform = ? AND g.workspace_id = ? GROUP BY g.id`)
      .get(id, where.platform, where.workspaceId) as GapDbRow | undefined;
    return r ? toGap(r) : null;
  }

  async request(gapId: number, userId: string, now: Date): Promise<boolean> {
    const info = this.db
      .prepare("INSERT OR IGNORE INTO note_requests (gap_id, user_id, requested_at) VALUES (?, ?, ?)")
      .run(gapId, userId, now.toISOString());
    return info.changes > 0;
  }

  async since(where: Workspace | null, since: string, limit: number): Promise<GapRow[]> {
    const filter = where ? "AND g.platform = ? AND g.workspace_id = ?" : "";
    const params = where ? [where.platform, where.workspaceId] : [];
    const rows = this.db
      .prepare(
        `${GAP_SELECT} WHERE g.asked_at >= ? ${filter} GROUP BY g.id ORDER BY g.asked_at DESC, g.id DESC LIMIT ?`,
      )
      .all(since, ...params, limit) as GapDbRow[];
    return rows.map(toGap);
  }
}
