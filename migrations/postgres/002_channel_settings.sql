-- Per-channel behaviour set by admins with /tutor channel … (SQLite migration 006): when the bot answers
-- messages in the channel and whether slash command answers there are private by default.
CREATE TABLE channel_settings (
  platform     TEXT COLLATE "C" NOT NULL,
  workspace_id TEXT COLLATE "C" NOT NULL,
  channel_id   TEXT COLLATE "C" NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('mention', 'auto', 'off')),
  ephemeral    BOOLEAN NOT NULL,
  updated_by   TEXT NOT NULL,
  updated_at   TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id)
);
