import type { Question } from "../../quiz/questions.js";
import { type ChannelRow, type MemberRow, toChannel, toMember } from "../sqlite/onboarding.js";
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
import { inTransaction, type Pool, type Queryable } from "./pool.js";
import { insertPost } from "./quiz.js";

const OF_PERSON = "platform = $1 AND workspace_id = $2 AND user_id = $3";
const person = (who: Person): (string | null)[] => [who.platform, who.workspaceId, who.userId];

async function touchOn(db: Queryable, who: Activity, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.query(
    `INSERT INTO onboarding_members (platform, workspace_id, user_id, user_name, channel_id, started_at, last_activity_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (platform, workspace_id, user_id) DO UPDATE SET last_activity_at = excluded.last_activity_at,
       user_name = coalesce(excluded.user_name, onboarding_members.user_name)`,
    [...person(who), who.userName ?? null, who.channelId, at],
  );
}

export class PostgresOnboardingStore implements OnboardingStore {
  constructor(private readonly pool: Pool) {}

  async syncLessons(lessons: readonly LessonRecord[], now: Date): Promise<void> {
    const at = now.toISOString();
    await inTransaction(this.pool, async (c) => {
      for (const l of lessons) {
        await c.query(
          `INSERT INTO onboarding_lessons (id, title, path_json, source, first_seen) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, path_json = excluded.path_json,
             source = excluded.source, retired_at = NULL`,
          [l.id, l.title, JSON.stringify(l.path), l.source, at],
        );
      }
      await c.query(
        "UPDATE onboarding_lessons SET retired_at = $1 WHERE retired_at IS NULL AND NOT (id = ANY($2::text[]))",
        [at, lessons.map((l) => l.id)],
      );
    });
  }

  async retiredLessons(): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ id: string }>(
      "SELECT id FROM onboarding_lessons WHERE retired_at IS NOT NULL",
    );
    return new Set(rows.map((r) => r.id));
  }

  async completed(who: Person): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ lesson_id: string }>(
      `SELECT lesson_id FROM onboarding_progress WHERE ${OF_PERSON}`,
      person(who),
    );
    return new Set(rows.map((r) => r.lesson_id));
  }

  async member(who: Person): Promise<OnboardingMember | undefined> {
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT * FROM onboarding_members WHERE ${OF_PERSON}`,
      person(who),
    );
    return rows[0] ? toMember(rows[0]) : undefined;
  }

  async touch(who: Activity, now: Date): Promise<void> {
    await touchOn(this.pool, who, now);
  }

  async complete(who: Activity, lessonId: string, status: "done" | "skipped", now: Date): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query(
        `INSERT INTO onboarding_progress (platform, workspace_id, user_id, lesson_id, status, completed_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [...person(who), lessonId, status, now.toISOString()],
      );
      await touchOn(c, who, now);
    });
  }

  async finish(who: Person, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE onboarding_members SET finished_at = coalesce(finished_at, $4) WHERE ${OF_PERSON}`,
      [...person(who), now.toISOString()],
    );
  }

  async reset(who: Person): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query(`DELETE FROM onboarding_progress WHERE ${OF_PERSON}`, person(who));
      await c.query(`UPDATE onboarding_members SET finished_at = NULL WHERE ${OF_PERSON}`, person(who));
    });
  }

  async createCheckpoint(
    place: Place,
    q: Question,
    now: Date,
    userId: string,
    lessonId: string,
    step: number,
  ): Promise<Post> {
    return inTransaction(this.pool, async (c) => {
      const post = await insertPost(c, place, q, "checkpoint", now, userId, null);
      if (!post) throw new Error("could not record the checkpoint");
      await c.query(
        "INSERT INTO onboarding_checkpoints (post_id, lesson_id, user_id, step) VALUES ($1, $2, $3, $4)",
        [post.id, lessonId, userId, step],
      );
      return post;
    });
  }

  async checkpointQuestions(lessonId: string, userId: string, exceptStep: number): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ question_id: string }>(
      `SELECT p.question_id FROM onboarding_checkpoints c JOIN quiz_posts p ON p.id = c.post_id
       WHERE c.lesson_id = $1 AND c.user_id = $2 AND c.step <> $3`,
      [lessonId, userId, exceptStep],
    );
    return new Set(rows.map((r) => r.question_id));
  }

  async checkpointAttempts(lessonId: string, userId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM onboarding_checkpoints WHERE lesson_id = $1 AND user_id = $2",
      [lessonId, userId],
    );
    return rows[0]?.n ?? 0;
  }

  async checkpoint(postId: number): Promise<{ lessonId: string; step: number } | undefined> {
    const { rows } = await this.pool.query<{ lesson_id: string; step: number }>(
      "SELECT lesson_id, step FROM onboarding_checkpoints WHERE post_id = $1",
      [postId],
    );
    return rows[0] ? { lessonId: rows[0].lesson_id, step: rows[0].step } : undefined;
  }

  async setChannel(ch: OnboardingChannel, by: string, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO onboarding_channels (platform, workspace_id, channel_id, nudge_days, timezone, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET nudge_days = excluded.nudge_days,
         timezone = excluded.timezone, set_by = excluded.set_by, set_at = excluded.set_at`,
      [ch.platform, ch.workspaceId, ch.channelId, ch.nudgeDays, ch.timezone, by, now.toISOString()],
    );
  }

  async channel(place: Place): Promise<OnboardingChannel | null> {
    const { rows } = await this.pool.query<ChannelRow>(
      "SELECT * FROM onboarding_channels WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3",
      [place.platform, place.workspaceId, place.channelId],
    );
    return rows[0] ? toChannel(rows[0]) : null;
  }

  async nudgeChannels(): Promise<(OnboardingChannel & { nudgeDays: number })[]> {
    const { rows } = await this.pool.query<ChannelRow & { nudge_days: number }>(
      "SELECT * FROM onboarding_channels WHERE nudge_days IS NOT NULL ORDER BY platform, workspace_id, channel_id",
    );
    return rows.map((r) => ({ ...toChannel(r), nudgeDays: r.nudge_days }));
  }

  async members(platform: string, workspaceId: string): Promise<OnboardingMember[]> {
    const { rows } = await this.pool.query<MemberRow>(
      "SELECT * FROM onboarding_members WHERE platform = $1 AND workspace_id = $2 ORDER BY started_at, user_id",
      [platform, workspaceId],
    );
    return rows.map(toMember);
  }

  async unfinishedIn(place: Place): Promise<OnboardingMember[]> {
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT * FROM onboarding_members WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3
       AND finished_at IS NULL ORDER BY started_at, user_id`,
      [place.platform, place.workspaceId, place.channelId],
    );
    return rows.map(toMember);
  }

  async claimNudge(who: Person, previous: string | null, now: Date): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE onboarding_members SET nudged_at = $4 WHERE ${OF_PERSON} AND nudged_at IS NOT DISTINCT FROM $5`,
      [...person(who), now.toISOString(), previous],
    );
    return r.rowCount === 1;
  }
}
