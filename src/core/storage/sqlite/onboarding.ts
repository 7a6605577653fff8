import type { Question } from "../../quiz/questions.js";
import type { Db } from "../database.js";
import type {
  Activity,
  LessonRecord,
  OnboardingChannel,
  OnboardingMember,
  OnboardingStore,
  Person,
  Place,
  Post,
} from "../stores.js";
import { insertPost } from "./quiz.js";

export interface MemberRow {
  user_id: string;
  user_name: string | null;
  channel_id: string;
  started_at: string;
  last_activity_at: string;
  finished_at: string | null;
  nudged_at: string | null;
}

export function toMember(r: MemberRow): OnboardingMember {
  return {
    userId: r.user_id,
    userName: r.user_name,
    channelId: r.channel_id,
    startedAt: r.started_at,
    lastActivityAt: r.last_activity_at,
    finishedAt: r.finished_at,
    nudgedAt: r.nudged_at,
  };
}

export interface ChannelRow {
  platform: string;
  workspace_id: string;
  channel_id: string;
  nudge_days: number | null;
  timezone: string;
}

export function toChannel(r: ChannelRow): OnboardingChannel {
  return {
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    nudgeDays: r.nudge_days,
    timezone: r.timezone,
  };
}

const OF_PERSON = "platform = ? AND workspace_id = ? AND user_id = ?";
const person = (who: Person) => [who.platform, who.workspaceId, who.userId] as const;

export class SqliteOnboardingStore implements OnboardingStore {
  constructor(private readonly db: Db) {}

  async syncLessons(lessons: readonly LessonRecord[], now: Date): Promise<void> {
    const at = now.toISOString();
    this.db.transaction(() => {
      const upsert = this.db.prepare(
        `INSERT INTO onboarding_lessons (id, title, path_json, source, first_seen) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, path_json = excluded.path_json, source = excluded.source, retired_at = NULL`,
      );
      for (const l of lessons) upsert.run(l.id, l.title, JSON.stringify(l.path), l.source, at);
      const ids = new Set(lessons.map((l) => l.id));
      const known = this.db.prepare("SELECT id FROM onboarding_lessons WHERE retired_at IS NULL").all() as {
        id: string;
      }[];
      const retire = this.db.prepare("UPDATE onboarding_lessons SET retired_at = ? WHERE id = ?");
      for (const k of known) if (!ids.has(k.id)) retire.run(at, k.id);
    })();
  }

  async retiredLessons(): Promise<Set<string>> {
    const rows = this.db.prepare("SELECT id FROM onboarding_lessons WHERE retired_at IS NOT NULL").all() as {
      id: string;
    }[];
    return new Set(rows.map((r) => r.id));
  }

  async completed(who: Person): Promise<Set<string>> {
    const rows = this.db
      .prepare(`SELECT lesson_id FROM onboarding_progress WHERE ${OF_PERSON}`)
      .all(...person(who)) as { lesson_id: string }[];
    return new Set(rows.map((r) => r.lesson_id));
  }

  async member(who: Person): Promise<OnboardingMember | undefined> {
    const row = this.db.prepare(`SELECT * FROM onboarding_members WHERE ${OF_PERSON}`).get(...person(who)) as
      | MemberRow
      | undefined;
    return row ? toMember(row) : undefined;
  }

  async touch(who: Activity, now: Date): Promise<void> {
    this.touchNow(who, now);
  }

  private touchNow(who: Activity, now: Date): void {
    const at = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO onboarding_members (platform, workspace_id, user_id, user_name, channel_id, started_at, last_activity_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id, user_id) DO UPDATE SET last_activity_at = excluded.last_activity_at,
           user_name = coalesce(excluded.user_name, onboarding_members.user_name)`,
      )
      .run(...person(who), who.userName ?? null, who.channelId, at, at);
  }

  async complete(who: Activity, lessonId: string, status: "done" | "skipped", now: Date): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR IGNORE INTO onboarding_progress (platform, workspace_id, user_id, lesson_id, status, completed_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(...person(who), lessonId, status, now.toISOString());
      this.touchNow(who, now);
    })();
  }

  async finish(who: Person, now: Date): Promise<void> {
    this.db
      .prepare(`UPDATE onboarding_members SET finished_at = coalesce(finished_at, ?) WHERE ${OF_PERSON}`)
      .run(now.toISOString(), ...person(who));
  }

  async reset(who: Person): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM onboarding_progress WHERE ${OF_PERSON}`).run(...person(who));
      this.db
        .prepare(`UPDATE onboarding_members SET finished_at = NULL WHERE ${OF_PERSON}`)
        .run(...person(who));
    })();
  }

  async createCheckpoint(
    place: Place,
    q: Question,
    now: Date,
    userId: string,
    lessonId: string,
    step: number,
  ): Promise<Post> {
    return this.db.transaction(() => {
      const post = insertPost(this.db, place, q, "checkpoint", now, userId, null);
      if (!post) throw new Error("could not record the checkpoint");
      this.db
        .prepare("INSERT INTO onboarding_checkpoints (post_id, lesson_id, user_id, step) VALUES (?, ?, ?, ?)")
        .run(post.id, lessonId, userId, step);
      return post;
    })();
  }

  async checkpointQuestions(lessonId: string, userId: string, exceptStep: number): Promise<Set<string>> {
    const rows = this.db
      .prepare(
        `SELECT p.question_id FROM onboarding_checkpoints c JOIN quiz_posts p ON p.id = c.post_id
         WHERE c.lesson_id = ? AND c.user_id = ? AND c.step <> ?`,
      )
      .all(lessonId, userId, exceptStep) as { question_id: string }[];
    return new Set(rows.map((r) => r.question_id));
  }

  async checkpointAttempts(lessonId: string, userId: string): Promise<number> {
    return (
      this.db
        .prepare("SELECT count(*) AS n FROM onboarding_checkpoints WHERE lesson_id = ? AND user_id = ?")
        .get(lessonId, userId) as { n: number }
    ).n;
  }

  async checkpoint(postId: number): Promise<{ lessonId: string; step: number } | undefined> {
    const row = this.db
      .prepare("SELECT lesson_id, step FROM onboarding_checkpoints WHERE post_id = ?")
      .get(postId) as { lesson_id: string; step: number } | undefined;
    return row ? { lessonId: row.lesson_id, step: row.step } : undefined;
  }

  async setChannel(c: OnboardingChannel, by: string, now: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO onboarding_channels (platform, workspace_id, channel_id, nudge_days, timezone, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET nudge_days = excluded.nudge_days, timezone = excluded.timezone,
           set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(c.platform, c.workspaceId, c.channelId, c.nudgeDays, c.timezone, by, now.toISOString());
  }

  async channel(place: Place): Promise<OnboardingChannel | null> {
    const r = this.db
      .prepare("SELECT * FROM onboarding_channels WHERE platform = ? AND workspace_id = ? AND channel_id = ?")
      .get(place.platform, place.workspaceId, place.channelId) as ChannelRow | undefined;
    return r ? toChannel(r) : null;
  }

  async nudgeChannels(): Promise<(OnboardingChannel & { nudgeDays: number })[]> {
    const rows = this.db
      .prepare(
        "SELECT * FROM onboarding_channels WHERE nudge_days IS NOT NULL ORDER BY platform, workspace_id, channel_id",
      )
      .all() as (ChannelRow & { nudge_days: number })[];
    return rows.map((r) => ({ ...toChannel(r), nudgeDays: r.nudge_days }));
  }

  async members(platform: string, workspaceId: string): Promise<OnboardingMember[]> {
    const rows = this.db
      .prepare(
        "SELECT * FROM onboarding_members WHERE platform = ? AND workspace_id = ? ORDER BY started_at, user_id",
      )
      .all(platform, workspaceId) as MemberRow[];
    return rows.map(toMember);
  }

  async unfinishedIn(place: Place): Promise<OnboardingMember[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM onboarding_members WHERE platform = ? AND workspace_id = ? AND channel_id = ?
         AND finished_at IS NULL ORDER BY started_at, user_id`,
      )
      .all(place.platform, place.workspaceId, place.channelId) as MemberRow[];
    return rows.map(toMember);
  }

  async claimNudge(who: Person, previous: string | null, now: Date): Promise<boolean> {
    const info = this.db
      .prepare(`UPDATE onboarding_members SET nudged_at = ? WHERE ${OF_PERSON} AND nudged_at IS ?`)
      .run(now.toISOString(), ...person(who), previous);
    return info.changes === 1;
  }
}
