import { prepared } from "./prepared.js";
import type { Db } from "../database.js";
import type { Person, ReviewStore, StoredCard } from "../stores.js";

const OF_PERSON = "platform = ? AND workspace_id = ? AND user_id = ?";

export class SqliteReviewStore implements ReviewStore {
  constructor(private readonly db: Db) {}

  async card(who: Person, questionId: string): Promise<StoredCard | undefined> {
    const row = prepared(
      this.db,
      `SELECT card_json, due_at FROM srs_cards WHERE ${OF_PERSON} AND question_id = ?`,
    ).get(who.platform, who.workspaceId, who.userId, questionId) as
      | { card_json: string; due_at: string }
      | undefined;
    return row ? { json: row.card_json, dueAt: row.due_at } : undefined;
  }

  async due(who: Person, now: Date): Promise<string[]> {
    const rows = prepared(
      this.db,
      `SELECT question_id FROM srs_cards WHERE ${OF_PERSON} AND due_at <= ? ORDER BY due_at`,
    ).all(who.platform, who.workspaceId, who.userId, now.toISOString()) as { question_id: string }[];
    return rows.map((r) => r.question_id);
  }

  async nextDue(who: Person): Promise<Date | null> {
    const row = prepared(this.db, `SELECT min(due_at) AS due FROM srs_cards WHERE ${OF_PERSON}`).get(
      who.platform,
      who.workspaceId,
      who.userId,
    ) as { due: string | null };
    return row.due ? new Date(row.due) : null;
  }

  async count(who: Person): Promise<number> {
    const row = prepared(this.db, `SELECT count(*) AS n FROM srs_cards WHERE ${OF_PERSON}`).get(
      who.platform,
      who.workspaceId,
      who.userId,
    ) as { n: number };
    return row.n;
  }
}
