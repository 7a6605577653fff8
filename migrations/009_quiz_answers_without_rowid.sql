-- quiz_answers kept in the b-tree of its primary key (WITHOUT ROWID) instead of a rowid table plus a separate
-- index of (post_id, user_id): one b-tree less written by every answer's commit, and the reads by post (the
-- answer count of a post's message, "already answered") find the whole row in that one b-tree. Same columns,
-- constraints and indexes as 003_quiz.sql; PostgreSQL has no rowid, so nothing to mirror there.
CREATE TABLE quiz_answers_new (
  post_id      INTEGER NOT NULL REFERENCES quiz_posts (id),
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  user_name    TEXT,
  question_id  TEXT NOT NULL,
  choice       INTEGER NOT NULL,
  correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answer_date  TEXT NOT NULL,
  answered_at  TEXT NOT NULL,
  PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;
INSERT INTO quiz_answers_new
  (post_id, platform, workspace_id, channel_id, user_id, user_name, question_id, choice, correct, answer_date, answered_at)
  SELECT post_id, platform, workspace_id, channel_id, user_id, user_name, question_id, choice, correct, answer_date,
         answered_at
  FROM quiz_answers;
DROP TABLE quiz_answers;
ALTER TABLE quiz_answers_new RENAME TO quiz_answers;
CREATE INDEX quiz_answers_user ON quiz_answers (platform, workspace_id, user_id, answered_at);
CREATE INDEX quiz_answers_channel ON quiz_answers (platform, workspace_id, channel_id, answered_at);
