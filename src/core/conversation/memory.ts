/**
 * What a conversation (a thread, a direct message, a terminal session) remembers: its last few questions,
 * for a while. The turns live in the state stores (`ConversationStore`: the SQLite file by default,
 * PostgreSQL with several replicas), so a follow-up is read with the question before it whichever process
 * answered that one; these are the bounds both keep.
 */
import type { ConversationLimits } from "../storage/stores.js";

export type { ConversationPlace, ConversationStore, Turn } from "../storage/stores.js";

/** Turns kept per conversation: enough for "and how do I delete it?", little enough to stay on topic. */
export const MAX_TURNS = 5;
/** A conversation idle this long starts afresh: a question an hour later is a new question. */
export const TURN_TTL_MS = 30 * 60_000;
/** Conversations remembered at once; the least recently active go first (bounded storage under traffic). */
export const MAX_CONVERSATIONS = 5_000;

export const CONVERSATION_LIMITS: Readonly<ConversationLimits> = Object.freeze({
  turns: MAX_TURNS,
  ttlMs: TURN_TTL_MS,
  conversations: MAX_CONVERSATIONS,
});

/** The oldest last turn a conversation may have at `now` and still be remembered (ISO, as stored). */
export function conversationCutoff(now: Date, limits: ConversationLimits): string {
  return new Date(now.getTime() - limits.ttlMs).toISOString();
}
