import { type Card, createEmptyCard, fsrs, type Grade, Rating } from "ts-fsrs";
import type { Db } from "../storage/database.js";

const scheduler = fsrs({ enable_fuzz: false });

/** Spaced repetition with FSRS (ts-fsrs), one card per person and question. */
export class Repetition {
  constructor(private readonly db: Db) {}

  private card(platform: string, workspaceId: string, userId: string, questionId: string, now: Date): Card {
    const row = this.db
      .prepare(
        "SELECT card_json FROM srs_cards WHERE platform = ? AND workspace_id = ? AND user_id = ? AND question_id = ?",
      )
      .get(platform, workspaceId, userId, questionId) as { card_json: string } | undefined;
    if (!row) return createEmptyCard(now);
    const c = JSON.parse(row.card_json) as Card & { due: string; last_review?: string };
    return {
      ...c,
      due: new Date(c.due),
      ...(c.last_review ? { last_review: new Date(c.last_review) } : {}),
    } as Card;
  }

  /** Schedules the next review: a wrong answer comes back within minutes, a right one later and later. */
  review(
    platform: string,
    workspaceId: string,
    userId: string,
    questionId: string,
    correct: boolean,
    now: Date,
  ): Date {
    const grade: Grade = correct ? Rating.Good : Rating.Again;
    const next = scheduler.next(this.card(platform, workspaceId, userId, questionId, now), now, grade).card;
    this.db
      .prepare(
        `INSERT INTO srs_cards (platform, workspace_id, user_id, question_id, card_json, due_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id, user_id, question_id) DO UPDATE SET card_json = excluded.card_json, due_at = excluded.due_at`,
      )
      .run(platform, workspaceId, userId, questionId, JSON.stringify(next), next.due.toISOString());
    return next.due;
  }

  /** Questions due for this person now, most overdue first. */
  due(platform: string, workspaceId: string, userId: string, now: Date): string[] {
    const rows = this.db
      .prepare(
        "SELECT question_id FROM srs_cards WHERE platform = ? AND workspace_id = ? AND user_id = ? AND due_at <= ? ORDER BY due_at",
      )
      .all(platform, workspaceId, userId, now.toISOString()) as { question_id: string }[];
    return rows.map((r) => r.question_id);
  }

  nextDue(platform: string, workspaceId: string, userId: string): Date | null {
    const row = this.db
      .prepare(
        "SELECT min(due_at) AS due FROM srs_cards WHERE platform = ? AND workspace_id = ? AND user_id = ?",
      )
      .get(platform, workspaceId, userId) as { due: string | null };
    return row.due ? new Date(row.due) : null;
  }

  count(platform: string, workspaceId: string, userId: string): number {
    const row = this.db
      .prepare("SELECT count(*) AS n FROM srs_cards WHERE platform = ? AND workspace_id = ? AND user_id = ?")
      .get(platform, workspaceId, userId) as { n: number };
    return row.n;
  }
}
