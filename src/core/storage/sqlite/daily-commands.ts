import type { Db } from "../database.js";
import type { DailyCommandStore, Place } from "../stores.js";

const OF_DATE = "platform = ? AND workspace_id = ? AND channel_id = ? AND post_date = ?";
const at = (p: Place, date: string) => [p.platform, p.workspaceId, p.channelId, date] as const;

export class SqliteDailyCommandStore implements DailyCommandStore {
  constructor(private readonly db: Db) {}

  async claim(place: Place, date: string, command: string, now: Date): Promise<boolean> {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO daily_commands (platform, workspace_id, channel_id, post_date, command, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(...at(place, date), command, now.toISOString());
    return info.changes > 0;
  }

  async release(place: Place, date: string): Promise<void> {
    this.db
      .prepare(`DELETE FROM daily_commands WHERE ${OF_DATE} AND message_id IS NULL`)
      .run(...at(place, date));
  }

  async setMessageId(place: Place, date: string, messageId: string): Promise<void> {
    this.db
      .prepare(`UPDATE daily_commands SET message_id = ? WHERE ${OF_DATE}`)
      .run(messageId, ...at(place, date));
  }

  async posted(place: Place, date: string): Promise<boolean> {
    return (
      this.db.prepare(`SELECT 1 FROM daily_commands WHERE ${OF_DATE}`).get(...at(place, date)) !== undefined
    );
  }

  async history(place: Place, limit: number): Promise<{ command: string; date: string }[]> {
    return this.db
      .prepare(
        `SELECT command, post_date AS date FROM daily_commands
         WHERE platform = ? AND workspace_id = ? AND channel_id = ? ORDER BY post_date DESC LIMIT ?`,
      )
      .all(place.platform, place.workspaceId, place.channelId, limit) as { command: string; date: string }[];
  }
}
