-- Feedback on /ask and /explain answers: one vote per person and answer, changeable (the row is updated).
-- The answer itself lives in memory until someone votes (src/core/feedback/recent.ts); the vote keeps
-- what the report needs: the question, the answer's source and the notes' version (the index hash).
CREATE TABLE answer_feedback (
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  answer_id     TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  vote          TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  reason        TEXT,
  command       TEXT NOT NULL,
  question      TEXT NOT NULL,
  source        TEXT,
  notes_version TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, answer_id, user_id)
);
CREATE INDEX answer_feedback_source ON answer_feedback (platform, workspace_id, source);

-- Questions the notes did not cover ("not in your notes"), for the gaps report.
CREATE TABLE note_gaps (
  id            INTEGER PRIMARY KEY,
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  command       TEXT NOT NULL,
  question      TEXT NOT NULL,
  -- The question's meaningful words (space separated), which the report groups by.
  terms         TEXT NOT NULL,
  notes_version TEXT NOT NULL,
  asked_at      TEXT NOT NULL
);
CREATE INDEX note_gaps_place ON note_gaps (platform, workspace_id, asked_at);

-- "Request a note" presses on a not-covered reply: one per person and question.
CREATE TABLE note_requests (
  gap_id        INTEGER NOT NULL REFERENCES note_gaps (id),
  user_id       TEXT NOT NULL,
  requested_at  TEXT NOT NULL,
  PRIMARY KEY (gap_id, user_id)
);

-- Each channel's daily post is a quiz question or a command of the day.
ALTER TABLE daily_schedules ADD COLUMN kind TEXT NOT NULL DEFAULT 'quiz' CHECK (kind IN ('quiz', 'command'));

-- The claim of a command-of-the-day post: at most one per channel and local date, whoever tries.
CREATE TABLE daily_commands (
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  post_date     TEXT NOT NULL,
  command       TEXT NOT NULL,
  message_id    TEXT,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id, post_date)
);
