import {
  type ChannelSettings,
  channelModeSchema,
  DEFAULT_CHANNEL_SETTINGS,
  type StoredChannelSettings,
} from "../../channels/settings.js";
import type { ChannelSettingsStore, Place } from "../stores.js";
import type { Pool } from "./pool.js";

interface Row {
  mode: string;
  ephemeral: boolean;
  updated_by: string;
  updated_at: string;
}

function toSettings(row: Row): StoredChannelSettings {
  // A value another version wrote that this one does not know reads as the default mode.
  const mode = channelModeSchema.safeParse(row.mode);
  return {
    mode: mode.success ? mode.data : DEFAULT_CHANNEL_SETTINGS.mode,
    ephemeral: row.ephemeral,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export class PostgresChannelSettingsStore implements ChannelSettingsStore {
  constructor(private readonly pool: Pool) {}

  async get(place: Place): Promise<StoredChannelSettings> {
    const { rows } = await this.pool.query<Row>(
      `SELECT mode, ephemeral, updated_by, updated_at FROM channel_settings
       WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3`,
      [place.platform, place.workspaceId, place.channelId],
    );
    return rows[0] ? toSettings(rows[0]) : { ...DEFAULT_CHANNEL_SETTINGS, updatedBy: null, updatedAt: null };
  }

  async set(
    place: Place,
    change: Partial<ChannelSettings>,
    by: string,
    now: Date,
  ): Promise<StoredChannelSettings> {
    // One statement: a setting left out keeps the stored value (or the default on a first change), so two
    // admins changing different settings at once, from two replicas, keep both.
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO channel_settings (platform, workspace_id, channel_id, mode, ephemeral, updated_by, updated_at)
       VALUES ($1, $2, $3, coalesce($4::text, $6::text), coalesce($5::boolean, $7::boolean), $8, $9)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET
         mode = coalesce($4::text, channel_settings.mode),
         ephemeral = coalesce($5::boolean, channel_settings.ephemeral),
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       RETURNING mode, ephemeral, updated_by, updated_at`,
      [
        place.platform,
        place.workspaceId,
        place.channelId,
        change.mode ?? null,
        change.ephemeral ?? null,
        DEFAULT_CHANNEL_SETTINGS.mode,
        DEFAULT_CHANNEL_SETTINGS.ephemeral,
        by,
        now.toISOString(),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error("channel settings were not written");
    return toSettings(row);
  }
}
