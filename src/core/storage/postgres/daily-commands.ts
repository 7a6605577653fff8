import type { DailyCommandStore, Place } from "../stores.js";
import type { Pool } from "./pool.js";

const OF_DATE = "platform = $1 AND workspace_id = $2 AND channel_id = $3 AND post_date = $4";
const at = (p: Place, date: string) => [p.platform, p.workspaceId, p.channelId, date];

export class PostgresDailyCommandStore implements DailyCommandStore {
  constructor(private readonly pool: Pool) {}

  async claim(place: Place, date: string, command: string, now: Date): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO daily_commands (platform, workspace_id, channel_id, post_date, command, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [...at(place, date), command, now.toISOString()],
    );
    return r.rowCount === 1;
  }

  async release(place: Place, date: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM daily_commands WHERE ${OF_DATE} AND message_id IS NULL`,
      at(place, date),
    );
  }

  async setMessageId(place: Place, date: string, messageId: string): Promise<void> {
    await this.pool.query(`UPDATE daily_commands SET message_id = $5 WHERE ${OF_DATE}`, [
      ...at(place, date),
      messageId,
    ]);
  }

  async posted(place: Place, date: string): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM daily_commands WHERE ${OF_DATE}`, at(place, date));
    return rows.length > 0;
  }

  async history(place: Place, limit: number): Promise<{ command: string; date: string }[]> {
    const { rows } = await this.pool.query<{ command: string; date: string }>(
      `SELECT command, post_date AS date FROM daily_commands
       WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 ORDER BY post_date DESC LIMIT $4`,
      [place.platform, place.workspaceId, place.channelId, limit],
    );
    return rows;
  }
}
