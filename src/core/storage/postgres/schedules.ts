import { type ScheduleRow, toSchedule } from "../sqlite/schedules.js";
import type { DailyKind, Place, Schedule, ScheduleStore } from "../stores.js";
import type { Pool } from "./pool.js";

const OF_CHANNEL = "platform = $1 AND workspace_id = $2 AND channel_id = $3";

export class PostgresScheduleStore implements ScheduleStore {
  constructor(private readonly pool: Pool) {}

  async set(
    s: Omit<Schedule, "enabled" | "kind"> & { kind?: DailyKind },
    by: string,
    now: Date,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO daily_schedules (platform, workspace_id, channel_id, time, timezone, topic, kind, enabled, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, $8, $9)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET time = excluded.time, timezone = excluded.timezone,
         topic = excluded.topic, kind = excluded.kind, enabled = TRUE, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
      [
        s.platform,
        s.workspaceId,
        s.channelId,
        s.time,
        s.timezone,
        s.topic,
        s.kind ?? "quiz",
        by,
        now.toISOString(),
      ],
    );
  }

  async off(place: Place, by: string, now: Date): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE daily_schedules SET enabled = FALSE, updated_by = $4, updated_at = $5 WHERE ${OF_CHANNEL} AND enabled`,
      [place.platform, place.workspaceId, place.channelId, by, now.toISOString()],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async get(place: Place): Promise<Schedule | null> {
    const { rows } = await this.pool.query<ScheduleRow>(`SELECT * FROM daily_schedules WHERE ${OF_CHANNEL}`, [
      place.platform,
      place.workspaceId,
      place.channelId,
    ]);
    return rows[0] ? toSchedule(rows[0]) : null;
  }

  async enabled(platforms?: readonly string[]): Promise<Schedule[]> {
    const { rows } = await this.pool.query<ScheduleRow>(
      "SELECT * FROM daily_schedules WHERE enabled ORDER BY platform, workspace_id, channel_id",
    );
    return rows.map(toSchedule).filter((s) => !platforms || platforms.includes(s.platform));
  }

  async timezones(platform: string, workspaceId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ timezone: string }>(
      "SELECT DISTINCT timezone FROM daily_schedules WHERE platform = $1 AND workspace_id = $2 ORDER BY 1",
      [platform, workspaceId],
    );
    return rows.map((r) => r.timezone);
  }
}
