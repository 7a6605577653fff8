-- The knowledge index: derived from the notes, rebuilt whenever their content hash changes.
CREATE TABLE index_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE entries (
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('section', 'command', 'option', 'term', 'example')),
  file         TEXT NOT NULL,
  anchor       TEXT NOT NULL,
  path_json    TEXT NOT NULL,
  line         INTEGER NOT NULL,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  command      TEXT,
  examples_json TEXT,
  catalog_text TEXT,
  data_json    TEXT,
  -- Every word of the entry after segmentation, for coverage checks at query time.
  words        TEXT NOT NULL
);
CREATE INDEX entries_command ON entries (command);
CREATE INDEX entries_kind ON entries (kind);

-- Segmented text (words separated by spaces), so unicode61 splits Japanese at word boundaries.
CREATE VIRTUAL TABLE entries_fts USING fts5 (
  title, headings, body, extra,
  content = '',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE entries_vocab USING fts5vocab (entries_fts, 'row');

CREATE TABLE findings (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  file       TEXT NOT NULL,
  line       INTEGER NOT NULL,
  excerpt    TEXT NOT NULL,
  message_en TEXT NOT NULL,
  message_ja TEXT NOT NULL,
  correction TEXT
);
