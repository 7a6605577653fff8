import { Cron } from "croner";
import type { Platform } from "../commands/types.js";
import type { Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { ChannelPoster } from "../ports.js";
import type { Db } from "../storage/database.js";
import type { KnowledgeIndex } from "../../knowledge/search.js";
import type { Reply } from "../reply.js";
import { type CommandPosts, chooseCommand, commandOfDayReply } from "./command-of-day.js";
import type { Quiz } from "./quiz.js";
import { seedOf } from "./random.js";
import type { Place, Post } from "./store.js";

/** What a channel's daily post is: a quiz question, or a command of the day from the notes. */
export type DailyKind = "quiz" | "command";

export interface Schedule extends Place {
  time: string;
  timezone: string;
  topic: string | null;
  enabled: boolean;
  kind: DailyKind;
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in a time zone. */
export function localDateTime(now: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Daily schedules in the database: one per channel. */
export class Schedules {
  constructor(private readonly db: Db) {}

  /** Sets a channel's daily post (a quiz unless `kind` says otherwise), replacing the one it had. */
  set(s: Omit<Schedule, "enabled" | "kind"> & { kind?: DailyKind }, by: string, now: Date): void {
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

  off(place: Place, by: string, now: Date): boolean {
    const info = this.db
      .prepare(
        "UPDATE daily_schedules SET enabled = 0, updated_by = ?, updated_at = ? WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND enabled = 1",
      )
      .run(by, now.toISOString(), place.platform, place.workspaceId, place.channelId);
    return info.changes > 0;
  }

  get(place: Place): Schedule | null {
    const r = this.db
      .prepare("SELECT * FROM daily_schedules WHERE platform = ? AND workspace_id = ? AND channel_id = ?")
      .get(place.platform, place.workspaceId, place.channelId) as Row | undefined;
    return r ? toSchedule(r) : null;
  }

  enabled(platforms?: readonly string[]): Schedule[] {
    const rows = this.db.prepare("SELECT * FROM daily_schedules WHERE enabled = 1").all() as Row[];
    return rows.map(toSchedule).filter((s) => !platforms || platforms.includes(s.platform));
  }
}

interface Row {
  platform: string;
  workspace_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  topic: string | null;
  enabled: number;
  kind: string;
}

function toSchedule(r: Row): Schedule {
  return {
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    time: r.time,
    timezone: r.timezone,
    topic: r.topic,
    enabled: r.enabled === 1,
    kind: r.kind === "command" ? "command" : "quiz",
  };
}

/** A daily post the platform refused is tried again this often, this many times, the same day. */
const RETRY_MS = 5 * 60_000;
const RETRIES = 6;

const key = (p: Place) => `${p.platform}\u0000${p.workspaceId}\u0000${p.channelId}`;

export interface DailyOptions {
  locale: Locale;
  /** Reveal a daily answer this many minutes after posting; 0 = when the next one is posted. */
  revealMinutes: number;
  now: () => Date;
  logger: Logger;
  /** What a command-of-the-day post needs; without it, such schedules post nothing. */
  commandOfDay?: CommandOfDaySource;
}

export interface CommandOfDaySource {
  posts: CommandPosts;
  index: () => KnowledgeIndex;
  /** The command explained from the notes, as `/explain` would, for the channel's place. */
  explain: (command: string, place: Place, locale: Locale) => Reply | Promise<Reply>;
}

/**
 * Posts each channel's daily question at its time (croner, IANA time zones). A post is claimed by a
 * unique (channel, date) row before it is sent, so a restart, a clock change, a retry or a second process
 * never posts twice; a post missed while the process was down is sent once at start-up, the same day.
 */
export class DailyPoster {
  private jobs = new Map<string, Cron>();
  private revealTimers = new Set<NodeJS.Timeout>();
  private posters = new Map<Platform, ChannelPoster>();
  private running = false;

  constructor(
    private readonly quiz: Quiz,
    readonly schedules: Schedules,
    private readonly options: DailyOptions,
  ) {}

  /** Starts the jobs of every enabled schedule of these platforms and sends today's missed posts. */
  async start(posters: readonly ChannelPoster[]): Promise<void> {
    this.running = true;
    for (const p of posters) this.posters.set(p.platform, p);
    for (const s of this.schedules.enabled([...this.posters.keys()])) {
      this.schedule(s);
      await this.catchUp(s);
    }
  }

  stop(): void {
    this.running = false;
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
    for (const timer of this.revealTimers) clearTimeout(timer);
    this.revealTimers.clear();
  }

  /** (Re)creates the job of one channel after `/tutor daily set` or `off`. */
  refresh(place: Place): void {
    this.jobs.get(key(place))?.stop();
    this.jobs.delete(key(place));
    const s = this.schedules.get(place);
    if (this.running && s?.enabled && this.posters.has(s.platform as Platform)) this.schedule(s);
  }

  private schedule(s: Schedule): void {
    const [hh, mm] = s.time.split(":");
    const job = new Cron(`${Number(mm)} ${Number(hh)} * * *`, { timezone: s.timezone, catch: true }, () => {
      void this.fire(s).catch((err: unknown) =>
        this.options.logger.error({ err, channel: s.channelId }, "daily post failed"),
      );
    });
    this.jobs.set(key(s), job);
  }

  nextRun(place: Place): Date | null {
    return this.jobs.get(key(place))?.nextRun() ?? null;
  }

  private async catchUp(s: Schedule): Promise<void> {
    const { date, time } = localDateTime(this.options.now(), s.timezone);
    const posted =
      s.kind === "command"
        ? this.options.commandOfDay?.posts.posted(s, date)
        : this.quiz.store.dailyPost(s, date);
    if (time >= s.time && !posted) await this.fire(s);
  }

  /** Posts today's question of a channel, unless some process already claimed it. Returns the post. */
  async fire(s: Schedule, attempt = 1): Promise<Post | null> {
    const poster = this.posters.get(s.platform as Platform);
    if (!poster) return null;
    if (s.kind === "command") {
      await this.fireCommand(s, poster, attempt);
      return null;
    }
    const now = this.options.now();
    const { date } = localDateTime(now, s.timezone);
    const locale = this.options.locale;
    const q = this.quiz.bank.generate(seedOf(`daily:${key(s)}:${date}`), s.topic ?? undefined);
    if (!q) return null;
    const previous = this.quiz.store.unrevealedDailyBefore(s, date);
    const post = this.quiz.store.createPost(s, q, "daily", now, null, date);
    if (!post) return null; // claimed already: by this process earlier, another replica, or before a restart
    if (previous) await this.reveal(previous, poster);
    // The message opens with the previous answer (postReply adds it once that post is revealed).
    const message = this.quiz.postReply(post, q, locale);
    let messageId: string;
    try {
      messageId = await poster.post(s.workspaceId, s.channelId, message);
    } catch (err) {
      // The platform refused (not in the channel, an outage): give the claim back and try again later today.
      this.quiz.store.releaseClaim(post.id);
      this.options.logger.warn({ err, channel: s.channelId, attempt }, "daily post failed; will retry");
      if (attempt < RETRIES) {
        const timer = setTimeout(() => {
          this.revealTimers.delete(timer);
          if (localDateTime(this.options.now(), s.timezone).date === date)
            void this.fire(s, attempt + 1).catch(() => {});
        }, RETRY_MS);
        this.revealTimers.add(timer);
      }
      return null;
    }
    this.quiz.store.setMessageId(post.id, messageId);
    if (this.options.revealMinutes > 0) {
      const timer = setTimeout(() => {
        this.revealTimers.delete(timer);
        const fresh = this.quiz.store.post(post.id);
        if (fresh && !fresh.revealedAt) void this.reveal(fresh, poster);
      }, this.options.revealMinutes * 60_000);
      this.revealTimers.add(timer);
    }
    return this.quiz.store.post(post.id);
  }

  /**
   * Posts today's command of the day of a channel, unless some process already claimed it (the same
   * unique (channel, date) claim as the quiz, in daily_commands). Returns the command posted.
   */
  async fireCommand(s: Schedule, poster: ChannelPoster, attempt = 1): Promise<string | null> {
    const source = this.options.commandOfDay;
    if (!source) return null;
    const now = this.options.now();
    const { date } = localDateTime(now, s.timezone);
    const command = chooseCommand(source.index(), source.posts.history(s), s, s.topic);
    if (!command || !source.posts.claim(s, date, command, now)) return null;
    const locale = this.options.locale;
    try {
      const explained = await source.explain(command, s, locale);
      const messageId = await poster.post(
        s.workspaceId,
        s.channelId,
        commandOfDayReply(command, explained, locale),
      );
      source.posts.setMessageId(s, date, messageId);
      return command;
    } catch (err) {
      source.posts.release(s, date);
      this.options.logger.warn(
        { err, channel: s.channelId, attempt },
        "command of the day failed; will retry",
      );
      if (attempt < RETRIES) {
        const timer = setTimeout(() => {
          this.revealTimers.delete(timer);
          if (localDateTime(this.options.now(), s.timezone).date === date)
            void this.fireCommand(s, poster, attempt + 1).catch(() => {});
        }, RETRY_MS);
        this.revealTimers.add(timer);
      }
      return null;
    }
  }

  /** Marks a daily post revealed, edits its message to show the answer, and returns the reveal line. */
  private async reveal(post: Post, poster: ChannelPoster): Promise<string> {
    const q = this.quiz.store.question(post.questionId);
    const locale = this.options.locale;
    if (!q) return "";
    this.quiz.store.markRevealed(post.id, this.options.now());
    const line = this.quiz.revealLine(post, locale);
    if (post.messageId) {
      const message = this.quiz.postReply({ ...post, revealedAt: "now" }, q, locale);
      message.blocks.push(
        { type: "note", tone: "success", text: line },
        { type: "text", text: q.explanation },
      );
      message.choices = [];
      await poster.update(post.workspaceId, post.channelId, post.messageId, message).catch((err: unknown) => {
        this.options.logger.warn({ err, post: post.id }, "could not edit the revealed daily post");
      });
    }
    return line;
  }
}
