import type { Db } from "./database.js";

/** An answer that was shared to a channel: enough to rebuild it with the same command. */
export interface SharedAnswer {
  id: string;
  platform: string;
  workspaceId: string;
  userId: string;
  command: string;
  argsJson: string;
}

/** A shared answer's button keeps working this long after the share (then "expired"); rows older go. */
export const SHARE_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Records a share (the first press of a button wins; pressing again keeps the row) and drops the rows past
 * the retention, so the table holds at most a month of shares.
 */
export function recordShare(db: Db, share: SharedAnswer, now: Date): void {
  const cutoff = new Date(now.getTime() - SHARE_RETENTION_DAYS * DAY_MS).toISOString();
  db.prepare("DELETE FROM shared_answers WHERE created_at < ?").run(cutoff);
  db.prepare(
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
}

/** A share recorded within the retention, or undefined. */
export function findShare(db: Db, id: string, now: Date): SharedAnswer | undefined {
  const cutoff = new Date(now.getTime() - SHARE_RETENTION_DAYS * DAY_MS).toISOString();
  const row = db
    .prepare(
      `SELECT id, platform, workspace_id, user_id, command, args_json FROM shared_answers
       WHERE id = ? AND created_at >= ?`,
    )
    .get(id, cutoff) as
    | {
        id: string;
        platform: string;
        workspace_id: string;
        user_id: string;
        command: string;
        args_json: string;
      }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    command: row.command,
    argsJson: row.args_json,
  };
}

/** How many shares are stored (for tests and operations). */
export function countShares(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM shared_answers").get() as { n: number }).n;
}
