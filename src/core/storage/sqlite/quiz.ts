import { prepared } from "./prepared.js";
import type { Question } from "../../quiz/questions.js";
import type { Db } from "../database.js";
import { ANSWER_COLUMNS, answerValues } from "../quiz-rows.js";
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

export interface PostRow {
  id: number | string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  kind: PostKind;
  question_id: string;
  post_date: string | null;
  message_id: string | null;
  created_by: string | null;
  created_at: string;
  revealed_at: string | null;
}

/** A post row of either database (PostgreSQL returns bigint ids as strings). */
export function toPost(r: PostRow): Post {
  return {
    id: Number(r.id),
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    kind: r.kind,
    questionId: r.question_id,
    postDate: r.post_date,
    messageId: r.message_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revealedAt: r.revealed_at,
  };
}

const DAILY_OF_CHANNEL = "kind = 'daily' AND platform = ? AND workspace_id = ? AND channel_id = ?";

/**
 * How many parsed questions a store keeps. A question row never changes (its id is derived from its content
 * and it is written with INSERT OR IGNORE), and every answer reads its question: parsing its JSON again was
 * ~10 µs of a ~370 µs answer. 1,024 is more than the questions posted in a month of busy channels (a
 * question is ~1 KB parsed); a full cache starts afresh rather than growing.
 */
const QUESTIONS_KEPT = 1024;

type Review = (previous: StoredCard | undefined) => StoredCard;

/**
 * Records a question and a post of it (synchronous, for use inside a transaction); null when the daily
 * claim of that channel and date is taken.
 */
export function insertPost(
  db: Db,
  place: Place,
  q: Question,
  kind: PostKind,
  now: Date,
  createdBy: string | null,
  postDate: string | null,
): Post | null {
  prepared(
    db,
    "INSERT OR IGNORE INTO quiz_questions (id, kind, topic, json, created_at) VALUES (?, ?, ?, ?, ?)",
  ).run(q.id, q.kind, q.topic, JSON.stringify(q), now.toISOString());
  const info = prepared(
    db,
    `INSERT OR IGNORE INTO quiz_posts (platform, workspace_id, channel_id, kind, question_id, post_date, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    place.platform,
    place.workspaceId,
    place.channelId,
    kind,
    q.id,
    postDate,
    createdBy,
    now.toISOString(),
  );
  if (info.changes === 0) return null;
  const row = prepared(db, "SELECT * FROM quiz_posts WHERE id = ?").get(
    Number(info.lastInsertRowid),
  ) as PostRow;
  return toPost(row);
}

export class SqliteQuizStore implements QuizStore {
  private readonly questions = new Map<string, Question>();
  // Made once: better-sqlite3 builds a transaction function's wrappers on every `db.transaction` call.
  private readonly createPostTx: (...a: Parameters<typeof insertPost>) => Post | null;
  private readonly recordAnswerTx: (a: NewAnswer, review: Review | undefined) => boolean;

  constructor(private readonly db: Db) {
    this.createPostTx = db.transaction(insertPost);
    this.recordAnswerTx = db.transaction((a: NewAnswer, review: Review | undefined) =>
      this.insertAnswer(a, review),
    );
  }

  /** Parsed once per store and shared: callers treat a stored question as read-only (it is frozen). */
  async question(id: string): Promise<Question | undefined> {
    const kept = this.questions.get(id);
    if (kept) return kept;
    const row = prepared(this.db, "SELECT json FROM quiz_questions WHERE id = ?").get(id) as
      | { json: string }
      | undefined;
    if (!row) return undefined;
    const q = deepFreeze(JSON.parse(row.json) as Question);
    if (this.questions.size >= QUESTIONS_KEPT) this.questions.clear();
    this.questions.set(id, q);
    return q;
  }

  async createPost(
    place: Place,
    q: Question,
    kind: PostKind,
    now: Date,
    createdBy: string | null,
    postDate: string | null = null,
  ): Promise<Post | null> {
    return this.createPostTx(this.db, place, q, kind, now, createdBy, postDate);
  }

  async post(id: number): Promise<Post | null> {
    const row = prepared(this.db, "SELECT * FROM quiz_posts WHERE id = ?").get(id) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  async setMessageId(postId: number, messageId: string): Promise<void> {
    prepared(this.db, "UPDATE quiz_posts SET message_id = ? WHERE id = ?").run(messageId, postId);
  }

  async markRevealed(postId: number, now: Date): Promise<void> {
    prepared(this.db, "UPDATE quiz_posts SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL").run(
      now.toISOString(),
      postId,
    );
  }

  async dailyPost(place: Place, date: string): Promise<Post | null> {
    return this.onePost(`SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} AND post_date = ?`, place, date);
  }

  async unrevealedDailyBefore(place: Place, date: string): Promise<Post | null> {
    return this.onePost(
      `SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} AND post_date < ? AND revealed_at IS NULL
       AND message_id IS NOT NULL ORDER BY post_date DESC LIMIT 1`,
      place,
      date,
    );
  }

  async revealedDailyBefore(place: Place, date: string): Promise<Post | null> {
    return this.onePost(
      `SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} AND post_date < ? AND revealed_at IS NOT NULL
       ORDER BY post_date DESC LIMIT 1`,
      place,
      date,
    );
  }

  private onePost(sql: string, place: Place, date: string): Post | null {
    const row = prepared(this.db, sql).get(place.platform, place.workspaceId, place.channelId, date) as
      | PostRow
      | undefined;
    return row ? toPost(row) : null;
  }

  async releaseClaim(postId: number): Promise<void> {
    prepared(
      this.db,
      "DELETE FROM quiz_posts WHERE id = ? AND message_id IS NULL AND NOT EXISTS (SELECT 1 FROM quiz_answers WHERE post_id = ?)",
    ).run(postId, postId);
  }

  async dailyPosts(place: Place): Promise<Post[]> {
    const rows = prepared(
      this.db,
      `SELECT * FROM quiz_posts WHERE ${DAILY_OF_CHANNEL} ORDER BY post_date`,
    ).all(place.platform, place.workspaceId, place.channelId) as PostRow[];
    return rows.map(toPost);
  }

  async existingAnswer(postId: number, userId: string): Promise<{ choice: number; correct: boolean } | null> {
    const row = prepared(
      this.db,
      "SELECT choice, correct FROM quiz_answers WHERE post_id = ? AND user_id = ?",
    ).get(postId, userId) as { choice: number; correct: number } | undefined;
    return row ? { choice: row.choice, correct: row.correct === 1 } : null;
  }

  async recordAnswer(a: NewAnswer, review?: Review): Promise<boolean> {
    return this.recordAnswerTx(a, review);
  }

  /** The answer and (with `review`) its card, inside `recordAnswerTx`'s transaction. */
  private insertAnswer(a: NewAnswer, review: Review | undefined): boolean {
    const { post, user } = a;
    const info = prepared(
      this.db,
      `INSERT OR IGNORE INTO quiz_answers (${ANSWER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...answerValues(a, a.correct ? 1 : 0));
    if (info.changes === 0) return false;
    if (review) {
      const key = [post.platform, post.workspaceId, user.id, post.questionId] as const;
      const row = prepared(
        this.db,
        "SELECT card_json, due_at FROM srs_cards WHERE platform = ? AND workspace_id = ? AND user_id = ? AND question_id = ?",
      ).get(...key) as { card_json: string; due_at: string } | undefined;
      const next = review(row ? { json: row.card_json, dueAt: row.due_at } : undefined);
      prepared(
        this.db,
        `INSERT INTO srs_cards (platform, workspace_id, user_id, question_id, card_json, due_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (platform, workspace_id, user_id, question_id) DO UPDATE SET card_json = excluded.card_json, due_at = excluded.due_at`,
      ).run(...key, next.json, next.dueAt);
    }
    return true;
  }

  async answerCount(postId: number): Promise<AnswerCount> {
    return prepared(
      this.db,
      "SELECT count(*) AS total, coalesce(sum(correct), 0) AS correct FROM quiz_answers WHERE post_id = ?",
    ).get(postId) as AnswerCount;
  }

  async seenQuestions(who: Person): Promise<Set<string>> {
    const rows = prepared(
      this.db,
      "SELECT DISTINCT question_id FROM quiz_answers WHERE platform = ? AND workspace_id = ? AND user_id = ?",
    ).all(who.platform, who.workspaceId, who.userId) as { question_id: string }[];
    return new Set(rows.map((r) => r.question_id));
  }
}

/** `value` and everything in it made read-only (a stored question shared by every caller). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
