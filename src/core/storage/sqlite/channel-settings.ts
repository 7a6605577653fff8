import { prepared } from "./prepared.js";
import {
  type ChannelSettings,
  channelModeSchema,
  DEFAULT_CHANNEL_SETTINGS,
  type StoredChannelSettings,
} from "../../channels/settings.js";
import type { Db } from "../database.js";
import type { ChannelSettingsStore, Place } from "../stores.js";

interface Row {
  mode: string;
  ephemeral: number;
  updated_by: string;
  updated_at: string;
}

export class SqliteChannelSettingsStore implements ChannelSettingsStore {
  constructor(private readonly db: Db) {}

  async get(place: Place): Promise<StoredChannelSettings> {
    return this.read(place);
  }

  async set(
    place: Place,
    change: Partial<ChannelSettings>,
    by: string,
    now: Date,
  ): Promise<StoredChannelSettings> {
    // Read and write in one transaction: two admins changing different settings at once keep both.
    return this.db.transaction(() => {
      const current = this.read(place);
      const next: ChannelSettings = {
        mode: change.mode ?? current.mode,
        ephemeral: change.ephemeral ?? current.ephemeral,
      };
      prepared(
        this.db,
        `INSERT INTO channel_settings (platform, workspace_id, channel_id, mode, ephemeral, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET mode = excluded.mode,
             ephemeral = excluded.ephemeral, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(
        place.platform,
        place.workspaceId,
        place.channelId,
        next.mode,
        next.ephemeral ? 1 : 0,
        by,
        now.toISOString(),
      );
      return { ...next, updatedBy: by, updatedAt: now.toISOString() };
    })();
  }

  private read(place: Place): StoredChannelSettings {
    const row = prepared(
      this.db,
      `SELECT mode, ephemeral, updated_by, updated_at FROM channel_settings
         WHERE platform = ? AND workspace_id = ? AND channel_id = ?`,
    ).get(place.platform, place.workspaceId, place.channelId) as Row | undefined;
    if (!row) return { ...DEFAULT_CHANNEL_SETTINGS, updatedBy: null, updatedAt: null };
    // A value another version wrote that this one does not know reads as the default mode.
    const mode = channelModeSchema.safeParse(row.mode);
    return {
      mode: mode.success ? mode.data : DEFAULT_CHANNEL_SETTINGS.mode,
      ephemeral: row.ephemeral === 1,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    };
  }
}
