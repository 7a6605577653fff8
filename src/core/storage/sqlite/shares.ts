import { prepared } from "./prepared.js";
import type { Db } from "../database.js";
import { type SharedAnswer, type ShareStore, shareCutoff } from "../stores.js";

export class SqliteShareStore implements ShareStore {
  constructor(private readonly db: Db) {}

  async record(share: SharedAnswer, now: Date): Promise<void> {
    this.db.transaction(() => {
      prepared(this.db, "DELETE FROM shared_answers WHERE created_at < ?").run(shareCutoff(now));
      prepared(
        this.db,
        `INSERT OR IGNORE INTO shared_answers (id, platform, workspace_id, user_id, command, args_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        share.id,
        share.platform,
        share.workspaceId,
        share.userId,
        share.command,
        share.argsJson,
        now.toISOString(),
      );
    })();
  }

  async find(id: string, now: Date): Promise<SharedAnswer | undefined> {
    const row = prepared(
      this.db,
      `SELECT id, platform, workspace_id, user_id, command, args_json FROM shared_answers
         WHERE id = ? AND created_at >= ?`,
    ).get(id, shareCutoff(now)) as ShareRow | undefined;
    return row ? toShare(row) : undefined;
  }

  async count(): Promise<number> {
    return (prepared(this.db, "SELECT count(*) AS n FROM shared_answers").get() as { n: number }).n;
  }
}

export interface ShareRow {
  id: string;
  platform: string;
  workspace_id: string;
  user_id: string;
  command: string;
  args_json: string;
}

export function toShare(row: ShareRow): SharedAnswer {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    command: row.command,
    argsJson: row.args_json,
  };
}
