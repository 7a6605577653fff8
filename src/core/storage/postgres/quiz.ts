import type { Question } from "../../quiz/questions.js";
import { ANSWER_COLUMNS, answerValues } from "../quiz-rows.js";
import { type PostRow, toPost } from "../sqlite/quiz.js";
import type {
  AnswerCount,
  NewAnswer,
  Person,
  Place,
  Post,
  PostKind,
  QuizStore,
  StoredCard,
} from "../stores.js";
import { inTransaction, type Pool, type Queryable } from "./pool.js";

const DAILY_OF_CHANNEL = "kind = 'daily' AND platform = $1 AND workspace_id = $2 AND channel_id = $3";

/** Records a question and a post of it on `db` (a transaction's client); null when the daily claim is taken. */
export async function insertPost(
  db: Queryable,
  place: Place,
  q: Question,
  kind: PostKind,
  now: Date,
  createdBy: string | null,
  postDate: string | null,
): Promise<Post | null> {
  await db.query(
    `INSERT INTO quiz_questions (id, kind, topic, json, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [q.id, q.kind, q.topic, JSON.stringify(q), now.toISOString()],
  );
  const { rows } = await db.query<PostRow>(
    `INSERT INTO quiz_posts (platform, workspace_id, channel_id, kind, question_id, post_date, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING *`,
    [place.platform, place.workspaceId, place.channelId, kind, q.id, postDate, createdBy, now.toISOString()],
  );
  return rows[0] ? toPost(rows[0]) : null;
}

export class PostgresQuizStore implements QuizStore {
  constructor(private readonly pool: Pool) {}

  async question(id: string): Promise<Question | undefined> {
    const { rows } = await this.pool.query<{ json: string }>(
      "SELECT json FROM quiz_questions WHERE id = $1",
      [id],
    );
    return rows[0] ? (JSON.parse(rows[0].json) as Question) : undefined;
  }

  async createPost(
    place: Place,
    q: Question,
    kind: PostKind,
    now: Date,
    createdBy: string | null,
    postDate: string | null = null,
  ): Promise<Post | null> {
    return inTransaction(this.pool, (c) => insertPost(c, place, q, kind, now, createdBy, postDate));
  }

  async post(id: number): Promise<Post | null> {
    const { rows } = await this.pool.query<PostRow>("SELECT * FROM quiz_posts WHERE id = $1", [id]);
    return rows[0] ? toPost(rows[0]) : null;
  }

  async setMessageId(postId: number, messageId: string): Promise<void> {
    await this.pool.query("UPDATE quiz_posts SET message_id = $1 WHERE id = $2", [messageId, postId]);
  }

  async markRevealed(postId: number, now: Date): Promise<void> {
    await this.pool.query("UPDATE quiz_posts SET revealed_at = $1 WHERE id = $2 AND revealed_at IS NULL", [
      now.toISOString(),
      postId,
    ]);
  }

  async dailyPost(place: Place, date: string): Promise<Post | null> {
    return this.onePost(`SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} AND post_date = $4`, place, date);
  }

  async unrevealedDailyBefore(place: Place, date: string): Promise<Post | null> {
    return this.onePost(
      `SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} AND post_date < $4 AND revealed_at IS NULL
       AND message_id IS NOT NULL ORDER BY post_date DESC LIMIT 1`,
      place,
      date,
    );
  }

  async revealedDailyBefore(place: Place, date: string): Promise<Post | null> {
    return this.onePost(
      `SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} AND post_date < $4 AND revealed_at IS NOT NULL
       ORDER BY post_date DESC LIMIT 1`,
      place,
      date,
    );
  }

  private async onePost(sql: string, place: Place, date: string): Promise<Post | null> {
    const { rows } = await this.pool.query<PostRow>(sql, [
      place.platform,
      place.workspaceId,
      place.channelId,
      date,
    ]);
    return rows[0] ? toPost(rows[0]) : null;
  }

  async releaseClaim(postId: number): Promise<void> {
    await this.pool.query(
      "DELETE FROM quiz_posts WHERE id = $1 AND message_id IS NULL AND NOT EXISTS (SELECT 1 FROM quiz_answers WHERE post_id = $1)",
      [postId],
    );
  }

  async dailyPosts(place: Place): Promise<Post[]> {
    const { rows } = await this.pool.query<PostRow>(
      `SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} ORDER BY post_date`,
      [place.platform, place.workspaceId, place.channelId],
    );
    return rows.map(toPost);
  }

  async existingAnswer(postId: number, userId: string): Promise<{ choice: number; correct: boolean } | null> {
    const { rows } = await this.pool.query<{ choice: number; correct: boolean }>(
      "SELECT choice, correct FROM quiz_answers WHERE post_id = $1 AND user_id = $2",
      [postId, userId],
    );
    return rows[0] ? { choice: rows[0].choice, correct: rows[0].correct } : null;
  }

  async recordAnswer(
    a: NewAnswer,
    review?: (previous: StoredCard | undefined) => StoredCard,
  ): Promise<boolean> {
    const { post, user } = a;
    return inTransaction(this.pool, async (c) => {
      const inserted = await c.query(
        `INSERT INTO quiz_answers (${ANSWER_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        answerValues(a, a.correct),
      );
      if (inserted.rowCount !== 1) return false;
      if (review) {
        const key = [post.platform, post.workspaceId, user.id, post.questionId];
        // FOR UPDATE: a concurrent answer to another post of the same question waits for this card.
        const { rows } = await c.query<{ card_json: string; due_at: string }>(
          `SELECT card_json, due_at FROM srs_cards WHERE platform = $1 AND workspace_id = $2 AND user_id = $3
           AND question_id = $4 FOR UPDATE`,
          key,
        );
        const next = review(rows[0] ? { json: rows[0].card_json, dueAt: rows[0].due_at } : undefined);
        await c.query(
          `INSERT INTO srs_cards (platform, workspace_id, user_id, question_id, card_json, due_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (platform, workspace_id, user_id, question_id) DO UPDATE SET card_json = excluded.card_json, due_at = excluded.due_at`,
          [...key, next.json, next.dueAt],
        );
      }
      return true;
    });
  }

  async answerCount(postId: number): Promise<AnswerCount> {
    const { rows } = await this.pool.query<AnswerCount>(
      "SELECT count(*)::int AS total, coalesce(sum(correct::int), 0)::int AS correct FROM quiz_answers WHERE post_id = $1",
      [postId],
    );
    return rows[0] ?? { total: 0, correct: 0 };
  }

  async seenQuestions(who: Person): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ question_id: string }>(
      "SELECT DISTINCT question_id FROM quiz_answers WHERE platform = $1 AND workspace_id = $2 AND user_id = $3",
      [who.platform, who.workspaceId, who.userId],
    );
    return new Set(rows.map((r) => r.question_id));
  }
}
