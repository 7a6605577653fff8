-- Undoes 010: the count kept on each post by triggers. Measured interleaved in one process (bench:quiz's two
-- answer lines): it saved ~70–100 µs an answer on a post of 900–1,000 answers, but its write to the post's
-- row is one page more in every answer's commit, ~15 µs on every answer to a post of under 100 (nearly every
-- post: a /quiz is answered by a few people), so counting a post's rows (quiz_answers keyed by post since 009)
-- is kept. 010 stays because databases have applied it.
DROP TRIGGER IF EXISTS quiz_answers_counted;
DROP TRIGGER IF EXISTS quiz_answers_uncounted;
DROP TRIGGER IF EXISTS quiz_answers_recounted;
ALTER TABLE quiz_posts DROP COLUMN answers;
ALTER TABLE quiz_posts DROP COLUMN correct_answers;
