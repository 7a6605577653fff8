-- Drops 001's full-text index of the notes (entries_fts, and entries_vocab over it). Search has ranked the
-- sections in memory (BM25F over the `words` column, ranking/section-index.ts) since the ranking was rewritten,
-- so the table was written on every index build and never read: ~0.5 s of the 100x corpus's 7.7 s build
-- (writeIndex 3.0 s with it against 2.5 s without, four runs each interleaved in one process), and its pages.
DROP TABLE IF EXISTS entries_vocab;
DROP TABLE IF EXISTS entries_fts;
