/**
 * What a conversation (a thread, a direct message, a terminal session) remembers: its last few questions,
 * in memory, for a while. A restart forgets them, which only means the next follow-up is read on its own.
 */

/** One question of a conversation: as asked, and as searched (with the subject a follow-up left out). */
export interface Turn {
  question: string;
  resolved: string;
  /** Milliseconds (the memory's clock). */
  at: number;
}

/** Turns kept per conversation: enough for "and how do I delete it?", little enough to stay on topic. */
export const MAX_TURNS = 5;
/** A conversation idle this long starts afresh: a question an hour later is a new question. */
export const TURN_TTL_MS = 30 * 60_000;
/** Conversations remembered at once; the least recently used go first (bounded memory under traffic). */
export const MAX_CONVERSATIONS = 5_000;

/** Where a conversation happens: the platform's place plus the thread (or DM) that holds it. */
export interface ConversationPlace {
  platform: string;
  workspaceId: string;
  /** The channel (a Discord thread is a channel of its own) or the DM. */
  channelId: string;
  /** The thread inside the channel (Slack's thread_ts), or "" when the channel is the conversation. */
  threadId: string;
}

export function conversationKey(p: ConversationPlace): string {
  return JSON.stringify([p.platform, p.workspaceId, p.channelId, p.threadId]);
}

export class ConversationMemory {
  private readonly byKey = new Map<string, Turn[]>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly limits = { turns: MAX_TURNS, ttlMs: TURN_TTL_MS, conversations: MAX_CONVERSATIONS },
  ) {}

  /** The conversation's turns, oldest first; empty once it has been idle past the expiry. */
  turns(place: ConversationPlace): Turn[] {
    const key = conversationKey(place);
    const turns = this.byKey.get(key);
    if (!turns) return [];
    const last = turns[turns.length - 1];
    if (!last || this.clock() - last.at > this.limits.ttlMs) {
      this.byKey.delete(key);
      return [];
    }
    return [...turns];
  }

  /** Whether the bot has spoken in this conversation recently (a thread it answered in). */
  active(place: ConversationPlace): boolean {
    return this.turns(place).length > 0;
  }

  record(place: ConversationPlace, question: string, resolved: string): void {
    const key = conversationKey(place);
    const turns = this.turns(place);
    turns.push({ question, resolved, at: this.clock() });
    // Re-inserted last: Map order is the least recently used first.
    this.byKey.delete(key);
    this.byKey.set(key, turns.slice(-this.limits.turns));
    while (this.byKey.size > this.limits.conversations) {
      const oldest = this.byKey.keys().next().value;
      if (oldest === undefined) break;
      this.byKey.delete(oldest);
    }
  }

  /** How many conversations are remembered (tests, metrics). */
  get size(): number {
    return this.byKey.size;
  }
}
