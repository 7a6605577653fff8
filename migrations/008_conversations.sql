-- The last few turns of each conversation (a thread, a DM, a terminal session), for follow-ups: kept in the
-- database with the rest of the state. Bounded by the store (src/core/conversation/memory.ts): a few turns
-- per conversation, forgotten when idle, and at most so many conversations, the least recently active
-- dropped first (last_turn: the id of its newest turn, which only grows).
CREATE TABLE conversations (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  thread_id    TEXT NOT NULL,
  last_at      TEXT NOT NULL,
  last_turn    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (platform, workspace_id, channel_id, thread_id)
);
CREATE INDEX conversations_last_at ON conversations (last_at);
CREATE INDEX conversations_last_turn ON conversations (last_turn);

CREATE TABLE conversation_turns (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  question        TEXT NOT NULL,
  resolved        TEXT NOT NULL,
  at              TEXT NOT NULL
);
CREATE INDEX conversation_turns_conversation ON conversation_turns (conversation_id, id);
