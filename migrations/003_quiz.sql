-- Quizzes. Everything here is primary data: a reindex never touches it.

-- Every question that was ever asked, as it was asked. The id is derived from the question's content and
-- source, so a re-worded note makes new questions and the old ones stay here for history.
CREATE TABLE quiz_questions (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  topic      TEXT NOT NULL,
  json       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- One question posted in one place: an on-demand /quiz, or a channel's daily question.
CREATE TABLE quiz_posts (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('adhoc', 'daily', 'checkpoint')),
  question_id  TEXT NOT NULL REFERENCES quiz_questions (id),
  -- The channel's local date of a daily post (YYYY-MM-DD); null for /quiz.
  post_date    TEXT,
  message_id   TEXT,
  created_by   TEXT,
  created_at   TEXT NOT NULL,
  revealed_at  TEXT
);
-- The claim: at most one daily post per channel and date, whoever tries (restart, retry, second replica).
CREATE UNIQUE INDEX quiz_posts_daily_claim ON quiz_posts (platform, workspace_id, channel_id, post_date)
  WHERE kind = 'daily';
CREATE INDEX quiz_posts_channel ON quiz_posts (platform, workspace_id, channel_id, created_at);

-- One answer per person per post, committed before the person is told it counted.
CREATE TABLE quiz_answers (
  post_id      INTEGER NOT NULL REFERENCES quiz_posts (id),
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  -- The name the platform gave at answer time, for leaderboards (shown as text, never as a mention).
  user_name    TEXT,
  question_id  TEXT NOT NULL,
  choice       INTEGER NOT NULL,
  correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
  -- The channel's local date for daily answers (streaks), else the UTC date.
  answer_date  TEXT NOT NULL,
  answered_at  TEXT NOT NULL,
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX quiz_answers_user ON quiz_answers (platform, workspace_id, user_id, answered_at);
CREATE INDEX quiz_answers_channel ON quiz_answers (platform, workspace_id, channel_id, answered_at);

-- Spaced repetition (FSRS) state per person and question.
CREATE TABLE srs_cards (
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  question_id  TEXT NOT NULL,
  card_json    TEXT NOT NULL,
  due_at       TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, user_id, question_id)
);
CREATE INDEX srs_cards_due ON srs_cards (platform, workspace_id, user_id, due_at);

-- Daily quiz schedules, one per channel.
CREATE TABLE daily_schedules (
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  time         TEXT NOT NULL,
  timezone     TEXT NOT NULL,
  topic        TEXT,
  enabled      INTEGER NOT NULL DEFAULT 1,
  updated_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id)
);
