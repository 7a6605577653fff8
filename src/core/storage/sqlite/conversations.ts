import { prepared } from "./prepared.js";
import { CONVERSATION_LIMITS, conversationCutoff } from "../../conversation/memory.js";
import type { Db } from "../database.js";
import type { ConversationLimits, ConversationPlace, ConversationStore, Turn } from "../stores.js";

const placeOf = (p: ConversationPlace) => [p.platform, p.workspaceId, p.channelId, p.threadId] as const;

export class SqliteConversationStore implements ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly limits: ConversationLimits = CONVERSATION_LIMITS,
  ) {}

  async turns(place: ConversationPlace, now: Date): Promise<Turn[]> {
    const rows = prepared(
      this.db,
      `SELECT t.question, t.resolved, t.at FROM conversation_turns t
         JOIN conversations c ON c.id = t.conversation_id
         WHERE c.platform = ? AND c.workspace_id = ? AND c.channel_id = ? AND c.thread_id = ? AND c.last_at >= ?
         ORDER BY t.id DESC LIMIT ?`,
    ).all(...placeOf(place), conversationCutoff(now, this.limits), this.limits.turns) as {
      question: string;
      resolved: string;
      at: string;
    }[];
    return rows.reverse().map((r) => ({ question: r.question, resolved: r.resolved, at: Date.parse(r.at) }));
  }

  async record(place: ConversationPlace, question: string, resolved: string, now: Date): Promise<void> {
    const at = now.toISOString();
    this.db.transaction(() => {
      // Expired conversations go (their turns with them): this one, if idle too long, starts afresh.
      prepared(this.db, "DELETE FROM conversations WHERE last_at < ?").run(
        conversationCutoff(now, this.limits),
      );
      const { id } = prepared(
        this.db,
        `INSERT INTO conversations (platform, workspace_id, channel_id, thread_id, last_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (platform, workspace_id, channel_id, thread_id) DO UPDATE SET last_at = excluded.last_at
           RETURNING id`,
      ).get(...placeOf(place), at) as { id: number };
      const turn = prepared(
        this.db,
        "INSERT INTO conversation_turns (conversation_id, question, resolved, at) VALUES (?, ?, ?, ?)",
      ).run(id, question, resolved, at);
      prepared(this.db, "UPDATE conversations SET last_turn = ? WHERE id = ?").run(turn.lastInsertRowid, id);
      prepared(
        this.db,
        `DELETE FROM conversation_turns WHERE conversation_id = ? AND id NOT IN
             (SELECT id FROM conversation_turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?)`,
      ).run(id, id, this.limits.turns);
      const { n } = prepared(this.db, "SELECT count(*) AS n FROM conversations").get() as { n: number };
      if (n > this.limits.conversations)
        prepared(
          this.db,
          "DELETE FROM conversations WHERE id IN (SELECT id FROM conversations ORDER BY last_turn LIMIT ?)",
        ).run(n - this.limits.conversations);
    })();
  }

  async count(now: Date): Promise<number> {
    const { n } = prepared(this.db, "SELECT count(*) AS n FROM conversations WHERE last_at >= ?").get(
      conversationCutoff(now, this.limits),
    ) as { n: number };
    return n;
  }
}
