-- Per-channel behaviour set by admins with /tutor channel …: when the bot answers messages in the channel
-- (only when mentioned, also questions the notes cover without a mention, or never) and whether slash
-- command answers there are private by default. A channel without a row keeps the defaults
-- (src/core/channels/settings.ts).
CREATE TABLE channel_settings (
  platform TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('mention', 'auto', 'off')),
  ephemeral INTEGER NOT NULL CHECK (ephemeral IN (0, 1)),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id)
);
