import type { Db } from "./database.js";
import { inTransaction, migratePostgres, openPool } from "./postgres/pool.js";

interface TableCopy {
  name: string;
  columns: readonly string[];
  /** Columns SQLite keeps as 0/1 and PostgreSQL as booleans. */
  booleans?: readonly string[];
}

/**
 * The state the stores hold, parents before children (foreign keys), with the columns both schemas share.
 * Conversation turns are not copied: they expire within half an hour anyway (conversation/memory.ts).
 */
const STATE_TABLES: readonly TableCopy[] = [
  { name: "quiz_questions", columns: ["id", "kind", "topic", "json", "created_at"] },
  {
    name: "quiz_posts",
    columns: [
      "id",
      "platform",
      "workspace_id",
      "channel_id",
      "kind",
      "question_id",
      "post_date",
      "message_id",
      "created_by",
      "created_at",
      "revealed_at",
    ],
  },
  {
    name: "quiz_answers",
    columns: [
      "post_id",
      "platform",
      "workspace_id",
      "channel_id",
      "user_id",
      "user_name",
      "question_id",
      "choice",
      "correct",
      "answer_date",
      "answered_at",
    ],
    booleans: ["correct"],
  },
  {
    name: "srs_cards",
    columns: ["platform", "workspace_id", "user_id", "question_id", "card_json", "due_at"],
  },
  {
    name: "daily_schedules",
    columns: [
      "platform",
      "workspace_id",
      "channel_id",
      "time",
      "timezone",
      "topic",
      "kind",
      "enabled",
      "updated_by",
      "updated_at",
    ],
    booleans: ["enabled"],
  },
  {
    name: "daily_commands",
    columns: ["platform", "workspace_id", "channel_id", "post_date", "command", "message_id", "created_at"],
  },
  {
    name: "onboarding_lessons",
    columns: ["id", "title", "path_json", "source", "first_seen", "retired_at"],
  },
  {
    name: "onboarding_channels",
    columns: ["platform", "workspace_id", "channel_id", "nudge_days", "timezone", "set_by", "set_at"],
  },
  {
    name: "onboarding_members",
    columns: [
      "platform",
      "workspace_id",
      "user_id",
      "user_name",
      "channel_id",
      "started_at",
      "last_activity_at",
      "finished_at",
      "nudged_at",
    ],
  },
  {
    name: "onboarding_progress",
    columns: ["platform", "workspace_id", "user_id", "lesson_id", "status", "completed_at"],
  },
  { name: "onboarding_checkpoints", columns: ["post_id", "lesson_id", "user_id", "step"] },
  {
    name: "channel_settings",
    columns: ["platform", "workspace_id", "channel_id", "mode", "ephemeral", "updated_by", "updated_at"],
    booleans: ["ephemeral"],
  },
  {
    name: "shared_answers",
    columns: ["id", "platform", "workspace_id", "user_id", "command", "args_json", "created_at"],
  },
  {
    name: "answer_feedback",
    columns: [
      "platform",
      "workspace_id",
      "answer_id",
      "user_id",
      "vote",
      "reason",
      "command",
      "question",
      "source",
      "notes_version",
      "created_at",
      "updated_at",
    ],
  },
  {
    name: "note_gaps",
    columns: [
      "id",
      "platform",
      "workspace_id",
      "channel_id",
      "user_id",
      "command",
      "question",
      "terms",
      "notes_version",
      "asked_at",
    ],
  },
  { name: "note_requests", columns: ["gap_id", "user_id", "requested_at"] },
];

/** Rows sent in one INSERT: well under PostgreSQL's 65,535 parameters for the widest table (12 columns). */
const ROWS_PER_INSERT = 500;

export class StateNotEmptyError extends Error {}

/**
 * Copies the state of a SQLite database (quizzes, reviews, schedules, onboarding, channel settings,
 * shares, feedback and gaps) into the PostgreSQL database at `url`, migrated first, in one transaction: all of it or nothing. Refuses a target
 * that already holds state, so it runs once. Returns the rows copied per table.
 */
export async function copyStateToPostgres(db: Db, url: string): Promise<Record<string, number>> {
  const pool = openPool(url);
  try {
    await migratePostgres(pool);
    return await inTransaction(pool, async (client) => {
      for (const t of STATE_TABLES) {
        const { rows } = await client.query(`SELECT 1 FROM ${t.name} LIMIT 1`);
        if (rows.length > 0)
          throw new StateNotEmptyError(`${t.name} already has rows in the target database`);
      }
      const copied: Record<string, number> = {};
      for (const t of STATE_TABLES) {
        const rows = db.prepare(`SELECT ${t.columns.join(", ")} FROM ${t.name}`).all() as Record<
          string,
          unknown
        >[];
        for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
          const chunk = rows.slice(start, start + ROWS_PER_INSERT);
          const values: unknown[] = [];
          const tuples = chunk.map((row) => {
            const marks = t.columns.map((c) => {
              const v = row[c];
              values.push(t.booleans?.includes(c) ? v === 1 : v);
              return `$${values.length}`;
            });
            return `(${marks.join(", ")})`;
          });
          await client.query(
            `INSERT INTO ${t.name} (${t.columns.join(", ")}) VALUES ${tuples.join(", ")}`,
            values,
          );
        }
        copied[t.name] = rows.length;
      }
      // New posts and gaps continue after the copied ids.
      for (const table of ["quiz_posts", "note_gaps"])
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`,
        );
      return copied;
    });
  } finally {
    await pool.end();
  }
}
