-- Onboarding: a guided course through the notes. Progress is primary data, keyed by platform,
-- workspace and user, and survives reindexing: lessons have stable ids (file + heading anchor), and a
-- lesson whose section disappeared is marked retired, never deleted with its progress.

CREATE TABLE onboarding_lessons (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  path_json  TEXT NOT NULL,
  source     TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  retired_at TEXT
);

CREATE TABLE onboarding_channels (
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  -- Remind a member idle this many days (null: no reminders); never more than once a week.
  nudge_days   INTEGER,
  timezone     TEXT NOT NULL DEFAULT 'UTC',
  set_by       TEXT NOT NULL,
  set_at       TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id)
);

CREATE TABLE onboarding_members (
  platform         TEXT NOT NULL,
  workspace_id     TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  user_name        TEXT,
  channel_id       TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  finished_at      TEXT,
  nudged_at        TEXT,
  PRIMARY KEY (platform, workspace_id, user_id)
);

CREATE TABLE onboarding_progress (
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  lesson_id    TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
  completed_at TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, user_id, lesson_id)
);

-- Which checkpoint question a quiz post is, for which lesson.
CREATE TABLE onboarding_checkpoints (
  post_id   INTEGER PRIMARY KEY REFERENCES quiz_posts (id),
  lesson_id TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  step      INTEGER NOT NULL
);
