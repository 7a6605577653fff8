import type { Db } from "../database.js";
import type { DailyKind, Place, Schedule, ScheduleStore } from "../stores.js";

export interface ScheduleRow {
  platform: string;
  workspace_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  topic: string | null;
  enabled: number | boolean;
  kind: string;
}

/** A schedule row of either database (SQLite stores enabled as 0/1, PostgreSQL as a boolean). */
export function toSchedule(r: ScheduleRow): Schedule {
  return {
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    time: r.time,
    timezone: r.timezone,
    topic: r.topic,
    enabled: r.enabled === 1 || r.enabled === true,
    kind: r.kind === "command" ? "command" : "quiz",
  };
}

export class SqliteScheduleStore implements ScheduleStore {
  constructor(private readonly db: Db) {}

  async set(
    s: Omit<Schedule, "enabled" | "kind"> & { kind?: DailyKind },
    by: string,
    now: Date,
  ): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO daily_schedules (platform, workspace_id, channel_id, time, timezone, topic, kind, enabled, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET time = excluded.time, timezone = excluded.timezone,
           topic = excluded.topic, kind = excluded.kind, enabled = 1, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
      )
      .run(
        s.platform,
        s.workspaceId,
        s.channelId,
        s.time,
        s.timezone,
        s.topic,
        s.kind ?? "quiz",
        by,
        now.toISOString(),
      );
  }

  async off(place: Place, by: string, now: Date): Promise<boolean> {
    const info = this.db
      .prepare(
        "UPDATE daily_schedules SET enabled = 0, updated_by = ?, updated_at = ? WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND enabled = 1",
      )
      .run(by, now.toISOString(), place.platform, place.workspaceId, place.channelId);
    return info.changes > 0;
  }

  async get(place: Place): Promise<Schedule | null> {
    const r = this.db
      .prepare("SELECT * FROM daily_schedules WHERE platform = ? AND workspace_id = ? AND channel_id = ?")
      .get(place.platform, place.workspaceId, place.channelId) as ScheduleRow | undefined;
    return r ? toSchedule(r) : null;
  }

  async enabled(platforms?: readonly string[]): Promise<Schedule[]> {
    const rows = this.db
      .prepare("SELECT * FROM daily_schedules WHERE enabled = 1 ORDER BY platform, workspace_id, channel_id")
      .all() as ScheduleRow[];
    return rows.map(toSchedule).filter((s) => !platforms || platforms.includes(s.platform));
  }

  async timezones(platform: string, workspaceId: string): Promise<string[]> {
    const rows = this.db
      .prepare(
        "SELECT DISTINCT timezone FROM daily_schedules WHERE platform = ? AND workspace_id = ? ORDER BY 1",
      )
      .all(platform, workspaceId) as { timezone: string }[];
    return rows.map((r) => r.timezone);
  }
}
