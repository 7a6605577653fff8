-- srs_cards kept in the b-tree of its primary key (WITHOUT ROWID) instead of a rowid table plus the primary
-- key's own index, and without srs_cards_due: every read of cards is of one person's cards (the primary key's
-- prefix: platform, workspace_id, user_id), a few hundred rows at most, so ordering them by due_at needs no
-- index of its own. Two b-trees fewer written by every quiz answer's commit. Same columns and primary key as
-- 003_quiz.sql.
CREATE TABLE srs_cards_new (
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  question_id  TEXT NOT NULL,
  card_json    TEXT NOT NULL,
  due_at       TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, user_id, question_id)
) WITHOUT ROWID;
INSERT INTO srs_cards_new (platform, workspace_id, user_id, question_id, card_json, due_at)
  SELECT platform, workspace_id, user_id, question_id, card_json, due_at FROM srs_cards;
DROP TABLE srs_cards;
ALTER TABLE srs_cards_new RENAME TO srs_cards;
