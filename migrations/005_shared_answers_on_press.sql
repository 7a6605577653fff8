-- Share rows are now written when Share is pressed (what was published, by whom), not for every private
-- answer; the answers not shared yet live in memory (src/core/actions/recent-answers.ts). The rows written
-- for answers nobody shared are dropped, and old rows expire by created_at (src/core/storage/shares.ts).
DELETE FROM shared_answers;
CREATE INDEX shared_answers_created_at ON shared_answers (created_at);
