import { type ShareRow, toShare } from "../sqlite/shares.js";
import { type SharedAnswer, type ShareStore, shareCutoff } from "../stores.js";
import { inTransaction, type Pool } from "./pool.js";

export class PostgresShareStore implements ShareStore {
  constructor(private readonly pool: Pool) {}

  async record(share: SharedAnswer, now: Date): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query("DELETE FROM shared_answers WHERE created_at < $1", [shareCutoff(now)]);
      await c.query(
        `INSERT INTO shared_answers (id, platform, workspace_id, user_id, command, args_json, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [
          share.id,
          share.platform,
          share.workspaceId,
          share.userId,
          share.command,
          share.argsJson,
          now.toISOString(),
        ],
      );
    });
  }

  async find(id: string, now: Date): Promise<SharedAnswer | undefined> {
    const { rows } = await this.pool.query<ShareRow>(
      `SELECT id, platform, workspace_id, user_id, command, args_json FROM shared_answers
       WHERE id = $1 AND created_at >= $2`,
      [id, shareCutoff(now)],
    );
    return rows[0] ? toShare(rows[0]) : undefined;
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM shared_answers");
    return rows[0]?.n ?? 0;
  }
}
