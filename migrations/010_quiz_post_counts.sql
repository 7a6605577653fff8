-- Each post keeps its answer count, for its public message ("12 answered") and the reveal line ("3 of 5
-- right"), instead of counting its answers on every answer: with 1,000 answers on a post that count was
-- ~90 µs of each new answer (bench:quiz, "posts filling up"), and it grew with the post. Kept by triggers in
-- the transaction that writes the answer, so it is right whichever statement inserts or deletes answers.
-- PostgreSQL still counts its rows (nothing to mirror: the stores answer the same).
ALTER TABLE quiz_posts ADD COLUMN answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quiz_posts ADD COLUMN correct_answers INTEGER NOT NULL DEFAULT 0;
UPDATE quiz_posts SET
  answers = (SELECT count(*) FROM quiz_answers a WHERE a.post_id = quiz_posts.id),
  correct_answers = (SELECT coalesce(sum(a.correct), 0) FROM quiz_answers a WHERE a.post_id = quiz_posts.id);
CREATE TRIGGER quiz_answers_counted AFTER INSERT ON quiz_answers BEGIN
  UPDATE quiz_posts SET answers = answers + 1, correct_answers = correct_answers + NEW.correct
    WHERE id = NEW.post_id;
END;
CREATE TRIGGER quiz_answers_uncounted AFTER DELETE ON quiz_answers BEGIN
  UPDATE quiz_posts SET answers = answers - 1, correct_answers = correct_answers - OLD.correct
    WHERE id = OLD.post_id;
END;
CREATE TRIGGER quiz_answers_recounted AFTER UPDATE OF post_id, correct ON quiz_answers BEGIN
  UPDATE quiz_posts SET answers = answers - 1, correct_answers = correct_answers - OLD.correct
    WHERE id = OLD.post_id;
  UPDATE quiz_posts SET answers = answers + 1, correct_answers = correct_answers + NEW.correct
    WHERE id = NEW.post_id;
END;
