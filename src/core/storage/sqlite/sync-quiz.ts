import type { Question } from "../../quiz/questions.js";
import type { Db } from "../database.js";
import type { AnswerCount, Place, Post } from "../stores.js";
import { type PostRow, toPost } from "./quiz.js";

/**
 * The synchronous SQLite quiz store that the daily poster (quiz/daily.ts) and the public messages of posts
 * still use, on the same tables as `SqliteQuizStore` (answers are recorded there). Goes once the daily
 * poster is on the asynchronous `QuizStore` of storage/stores.ts.
 */
export class SyncQuizStore {
  constructor(private readonly db: Db) {}

  saveQuestion(q: Question, now: Date): void {
    this.db
      .prepare(
        "INSERT OR IGNORE INTO quiz_questions (id, kind, topic, json, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(q.id, q.kind, q.topic, JSON.stringify(q), now.toISOString());
  }

  question(id: string): Question | undefined {
    const row = this.db.prepare("SELECT json FROM quiz_questions WHERE id = ?").get(id) as
      | { json: string }
      | undefined;
    return row ? (JSON.parse(row.json) as Question) : undefined;
  }

  createPost(
    place: Place,
    q: Question,
    kind: Post["kind"],
    now: Date,
    createdBy: string | null,
    postDate: string | null = null,
  ): Post | null {
    return this.db.transaction(() => {
      this.saveQuestion(q, now);
      const info = this.db
        .prepare(
          `INSERT OR IGNORE INTO quiz_posts (platform, workspace_id, channel_id, kind, question_id, post_date, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          place.platform,
          place.workspaceId,
          place.channelId,
          kind,
          q.id,
          postDate,
          createdBy,
          now.toISOString(),
        );
      return info.changes === 0 ? null : this.post(Number(info.lastInsertRowid));
    })();
  }

  post(id: number): Post | null {
    const row = this.db.prepare("SELECT * FROM quiz_posts WHERE id = ?").get(id) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  setMessageId(postId: number, messageId: string): void {
    this.db.prepare("UPDATE quiz_posts SET message_id = ? WHERE id = ?").run(messageId, postId);
  }

  markRevealed(postId: number, now: Date): void {
    this.db
      .prepare("UPDATE quiz_posts SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL")
      .run(now.toISOString(), postId);
  }

  dailyPost(place: Place, date: string): Post | null {
    const row = this.db
      .prepare(
        "SELECT * FROM quiz_posts WHERE kind = 'daily' AND platform = ? AND workspace_id = ? AND channel_id = ? AND post_date = ?",
      )
      .get(place.platform, place.workspaceId, place.channelId, date) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  /** The latest daily post of a channel before a date, not yet revealed. */
  unrevealedDailyBefore(place: Place, date: string): Post | null {
    const row = this.db
      .prepare(
        `SELECT * FROM quiz_posts WHERE kind = 'daily' AND platform = ? AND workspace_id = ? AND channel_id = ?
         AND post_date < ? AND revealed_at IS NULL AND message_id IS NOT NULL ORDER BY post_date DESC LIMIT 1`,
      )
      .get(place.platform, place.workspaceId, place.channelId, date) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  /** The latest daily post of a channel before a date that was revealed (its answer opens the next one). */
  revealedDailyBefore(place: Place, date: string): Post | null {
    const row = this.db
      .prepare(
        `SELECT * FROM quiz_posts WHERE kind = 'daily' AND platform = ? AND workspace_id = ? AND channel_id = ?
         AND post_date < ? AND revealed_at IS NOT NULL ORDER BY post_date DESC LIMIT 1`,
      )
      .get(place.platform, place.workspaceId, place.channelId, date) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  /** Gives up a daily claim whose message could not be sent, so the post can be tried again. */
  releaseClaim(postId: number): void {
    this.db
      .prepare(
        "DELETE FROM quiz_posts WHERE id = ? AND message_id IS NULL AND NOT EXISTS (SELECT 1 FROM quiz_answers WHERE post_id = ?)",
      )
      .run(postId, postId);
  }

  dailyPosts(place: Place): Post[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM quiz_posts WHERE kind = 'daily' AND platform = ? AND workspace_id = ? AND channel_id = ? ORDER BY post_date",
      )
      .all(place.platform, place.workspaceId, place.channelId) as PostRow[];
    return rows.map(toPost);
  }

  existingAnswer(postId: number, userId: string): { choice: number; correct: boolean } | null {
    const row = this.db
      .prepare("SELECT choice, correct FROM quiz_answers WHERE post_id = ? AND user_id = ?")
      .get(postId, userId) as { choice: number; correct: number } | undefined;
    return row ? { choice: row.choice, correct: row.correct === 1 } : null;
  }

  answerCount(postId: number): AnswerCount {
    const row = this.db
      .prepare(
        "SELECT count(*) AS total, coalesce(sum(correct), 0) AS correct FROM quiz_answers WHERE post_id = ?",
      )
      .get(postId) as AnswerCount;
    return row;
  }
}
