import { CONVERSATION_LIMITS, conversationCutoff } from "../../conversation/memory.js";
import type { ConversationLimits, ConversationPlace, ConversationStore, Turn } from "../stores.js";
import { inTransaction, type Pool } from "./pool.js";

const placeOf = (p: ConversationPlace) => [p.platform, p.workspaceId, p.channelId, p.threadId];

export class PostgresConversationStore implements ConversationStore {
  constructor(
    private readonly pool: Pool,
    private readonly limits: ConversationLimits = CONVERSATION_LIMITS,
  ) {}

  async turns(place: ConversationPlace, now: Date): Promise<Turn[]> {
    const { rows } = await this.pool.query<{ question: string; resolved: string; at: string }>(
      `SELECT t.question, t.resolved, t.at FROM conversation_turns t
       JOIN conversations c ON c.id = t.conversation_id
       WHERE c.platform = $1 AND c.workspace_id = $2 AND c.channel_id = $3 AND c.thread_id = $4
         AND c.last_at >= $5
       ORDER BY t.id DESC LIMIT $6`,
      [...placeOf(place), conversationCutoff(now, this.limits), this.limits.turns],
    );
    return rows.reverse().map((r) => ({ question: r.question, resolved: r.resolved, at: Date.parse(r.at) }));
  }

  async record(place: ConversationPlace, question: string, resolved: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await inTransaction(this.pool, async (c) => {
      // Expired conversations go (their turns with them): this one, if idle too long, starts afresh.
      await c.query("DELETE FROM conversations WHERE last_at < $1", [conversationCutoff(now, this.limits)]);
      // The upsert locks the conversation's row: two replicas recording in one thread take turns here.
      const conversation = await c.query<{ id: string }>(
        `INSERT INTO conversations (platform, workspace_id, channel_id, thread_id, last_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (platform, workspace_id, channel_id, thread_id) DO UPDATE SET last_at = excluded.last_at
         RETURNING id`,
        [...placeOf(place), at],
      );
      const id = conversation.rows[0]?.id;
      if (id === undefined) throw new Error("the conversation was not recorded");
      await c.query(
        `WITH turn AS (
           INSERT INTO conversation_turns (conversation_id, question, resolved, at) VALUES ($1, $2, $3, $4)
           RETURNING id)
         UPDATE conversations SET last_turn = (SELECT id FROM turn) WHERE id = $1`,
        [id, question, resolved, at],
      );
      await c.query(
        `DELETE FROM conversation_turns WHERE conversation_id = $1 AND id NOT IN
           (SELECT id FROM conversation_turns WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2)`,
        [id, this.limits.turns],
      );
      const { rows } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM conversations");
      const over = (rows[0]?.n ?? 0) - this.limits.conversations;
      if (over > 0)
        await c.query(
          "DELETE FROM conversations WHERE id IN (SELECT id FROM conversations ORDER BY last_turn LIMIT $1)",
          [over],
        );
    });
  }

  async count(now: Date): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM conversations WHERE last_at >= $1",
      [conversationCutoff(now, this.limits)],
    );
    return rows[0]?.n ?? 0;
  }
}
