import type { Person, ReviewStore, StoredCard } from "../stores.js";
import type { Pool } from "./pool.js";

const OF_PERSON = "platform = $1 AND workspace_id = $2 AND user_id = $3";
const person = (who: Person) => [who.platform, who.workspaceId, who.userId];

export class PostgresReviewStore implements ReviewStore {
  constructor(private readonly pool: Pool) {}

  async card(who: Person, questionId: string): Promise<StoredCard | undefined> {
    const { rows } = await this.pool.query<{ card_json: string; due_at: string }>(
      `SELECT card_json, due_at FROM srs_cards WHERE ${OF_PERSON} AND question_id = $4`,
      [...person(who), questionId],
    );
    return rows[0] ? { json: rows[0].card_json, dueAt: rows[0].due_at } : undefined;
  }

  async due(who: Person, now: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ question_id: string }>(
      `SELECT question_id FROM srs_cards WHERE ${OF_PERSON} AND due_at <= $4 ORDER BY due_at`,
      [...person(who), now.toISOString()],
    );
    return rows.map((r) => r.question_id);
  }

  async nextDue(who: Person): Promise<Date | null> {
    const { rows } = await this.pool.query<{ due: string | null }>(
      `SELECT min(due_at) AS due FROM srs_cards WHERE ${OF_PERSON}`,
      person(who),
    );
    return rows[0]?.due ? new Date(rows[0].due) : null;
  }

  async count(who: Person): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM srs_cards WHERE ${OF_PERSON}`,
      person(who),
    );
    return rows[0]?.n ?? 0;
  }
}
