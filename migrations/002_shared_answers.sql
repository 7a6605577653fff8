-- Answers a person chose to share: the Share button carries only this row's id, so a long question fits
-- in Discord's 100-character custom_id and the public answer is rebuilt from the same command.
CREATE TABLE shared_answers (
  id           TEXT PRIMARY KEY,
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  command      TEXT NOT NULL,
  args_json    TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
