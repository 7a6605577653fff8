import { Cron } from "croner";
import type { Platform } from "../invocation.js";
import type { Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { ChannelPoster } from "../ports.js";
import type { KnowledgeIndex } from "../../knowledge/search.js";
import type { Reply } from "../reply.js";
import { COMMAND_HISTORY_LIMIT, chooseCommand, commandOfDayReply } from "./command-of-day.js";
import type { Quiz } from "./quiz.js";
import { seedOf } from "./random.js";
import type { DailyCommandStore, Place, Post, Schedule, ScheduleStore } from "../storage/stores.js";

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

/** A daily post the platform refused is tried again this often, this many times, the same day. */
const RETRY_MS = 5 * 60_000;
const RETRIES = 6;

/**
 * How often a process re-reads the schedules: one set, changed or turned off through another replica (or
 * the CLI) takes effect here within this long. Its jobs also re-read their schedule when they fire.
 */
const SCHEDULE_SYNC_MS = 5 * 60_000;

const key = (p: Place) => `${p.platform}\u0000${p.workspaceId}\u0000${p.channelId}`;

/** Whether a job made for `a` fires as one for `b` would (its time and zone). */
const sameTime = (a: Schedule, b: Schedule) => a.time === b.time && a.timezone === b.timezone;

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
  /** The claims of command-of-the-day posts (one per channel and local date). */
  posts: DailyCommandStore;
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
  /** One job per channel, with the schedule it was made for. */
  private jobs = new Map<string, { job: Cron; schedule: Schedule }>();
  private syncTimer: NodeJS.Timeout | undefined;
  private revealTimers = new Set<NodeJS.Timeout>();
  private posters = new Map<Platform, ChannelPoster>();
  private running = false;

  constructor(
    private readonly quiz: Quiz,
    readonly schedules: ScheduleStore,
    private readonly options: DailyOptions,
  ) {}

  /** Starts the jobs of every enabled schedule of these platforms and sends today's missed posts. */
  async start(posters: readonly ChannelPoster[]): Promise<void> {
    this.running = true;
    for (const p of posters) this.posters.set(p.platform, p);
    for (const s of await this.schedules.enabled([...this.posters.keys()])) {
      this.schedule(s);
      await this.catchUp(s);
    }
    clearInterval(this.syncTimer);
    this.syncTimer = setInterval(() => {
      void this.sync().catch((err: unknown) =>
        this.options.logger.warn({ err }, "could not re-read the daily schedules"),
      );
    }, SCHEDULE_SYNC_MS);
    this.syncTimer.unref();
  }

  /**
   * Brings the jobs in line with the enabled schedules in the store, which other processes change too: a
   * new or changed schedule gets its job (without a catch-up: as `/tutor daily set` on this process would),
   * a removed or disabled one loses it.
   */
  async sync(): Promise<void> {
    if (!this.running) return;
    const wanted = new Map((await this.schedules.enabled([...this.posters.keys()])).map((s) => [key(s), s]));
    if (!this.running) return;
    for (const [k, { job }] of this.jobs)
      if (!wanted.has(k)) {
        job.stop();
        this.jobs.delete(k);
      }
    for (const [k, s] of wanted) {
      const current = this.jobs.get(k);
      if (current && sameTime(current.schedule, s)) {
        current.schedule = s;
        continue;
      }
      current?.job.stop();
      this.schedule(s);
    }
  }

  stop(): void {
    this.running = false;
    clearInterval(this.syncTimer);
    this.syncTimer = undefined;
    for (const { job } of this.jobs.values()) job.stop();
    this.jobs.clear();
    for (const timer of this.revealTimers) clearTimeout(timer);
    this.revealTimers.clear();
  }

  /** (Re)creates the job of one channel after `/tutor daily set` or `off`. */
  async refresh(place: Place): Promise<void> {
    const s = await this.schedules.get(place);
    // Stopped after the read, so a refresh of the same channel meanwhile leaves one job, not two.
    this.jobs.get(key(place))?.job.stop();
    this.jobs.delete(key(place));
    if (this.running && s?.enabled && this.posters.has(s.platform as Platform)) this.schedule(s);
  }

  private schedule(s: Schedule): void {
    const [hh, mm] = s.time.split(":");
    const job = new Cron(`${Number(mm)} ${Number(hh)} * * *`, { timezone: s.timezone, catch: true }, () => {
      void this.fireScheduled(entry).catch((err: unknown) =>
        this.options.logger.error({ err, channel: s.channelId }, "daily post failed"),
      );
    });
    const entry = { job, schedule: s };
    this.jobs.set(key(s), entry);
  }

  /**
   * A job's minute: the schedule is read again first, since another process may have turned it off or
   * moved it since this job was made (then the job goes, or moves, and posts nothing now).
   */
  private async fireScheduled(entry: { job: Cron; schedule: Schedule }): Promise<void> {
    const made = entry.schedule;
    const s = await this.schedules.get(made);
    if (s?.enabled && sameTime(s, made)) {
      await this.fire(s);
      return;
    }
    entry.job.stop();
    // Unless a refresh or a sync replaced this job meanwhile.
    if (this.jobs.get(key(made)) !== entry) return;
    this.jobs.delete(key(made));
    if (this.running && s?.enabled) this.schedule(s);
  }

  /**
   * Sends every enabled channel's post that is due by now and that no process sent yet, as the start-up
   * does: for a clock that is not the system's (the service tests' TUTOR_TEST_CLOCK_FILE), whose passing the
   * jobs cannot see. The claims make it safe to call on every replica at once.
   */
  async catchUpAll(): Promise<void> {
    if (!this.running) return;
    for (const s of await this.schedules.enabled([...this.posters.keys()])) await this.catchUp(s);
  }

  nextRun(place: Place): Date | null {
    return this.jobs.get(key(place))?.job.nextRun() ?? null;
  }

  private async catchUp(s: Schedule): Promise<void> {
    const { date, time } = localDateTime(this.options.now(), s.timezone);
    const posted =
      s.kind === "command"
        ? await this.options.commandOfDay?.posts.posted(s, date)
        : await this.quiz.store.dailyPost(s, date);
    if (time >= s.time && !posted) await this.fire(s);
  }

  /** Posts today's question of a channel, unless some process already claimed it. Returns the post. */
  async fire(s: Schedule, attempt = 1): Promise<Post | null> {
    const poster = this.posters.get(s.platform as Platform);
    // Another shard's process speaks for that server: a claim taken here could not be sent.
    if (!poster || poster.serves?.(s.workspaceId) === false) return null;
    if (s.kind === "command") {
      await this.fireCommand(s, poster, attempt);
      return null;
    }
    const now = this.options.now();
    const { date } = localDateTime(now, s.timezone);
    const locale = this.options.locale;
    const q = this.quiz.bank.generate(seedOf(`daily:${key(s)}:${date}`), s.topic ?? undefined);
    if (!q) return null;
    const previous = await this.quiz.store.unrevealedDailyBefore(s, date);
    // The claim: a unique (channel, date) row, written before anything is sent.
    const post = await this.quiz.store.createPost(s, q, "daily", now, null, date);
    if (!post) return null; // claimed already: by this process earlier, another replica, or before a restart
    if (previous) await this.reveal(previous, poster);
    // The message opens with the previous answer (postReply adds it once that post is revealed).
    const message = await this.quiz.postReply(post, q, locale);
    let messageId: string;
    try {
      messageId = await poster.post(s.workspaceId, s.channelId, message);
    } catch (err) {
      // The platform refused (not in the channel, an outage): give the claim back and try again later today.
      await this.quiz.store.releaseClaim(post.id);
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
    await this.quiz.store.setMessageId(post.id, messageId);
    if (this.options.revealMinutes > 0) {
      const timer = setTimeout(() => {
        this.revealTimers.delete(timer);
        void this.revealIfHidden(post.id, poster).catch((err: unknown) =>
          this.options.logger.warn({ err, post: post.id }, "could not reveal the daily post"),
        );
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
    const history = await source.posts.history(s, COMMAND_HISTORY_LIMIT);
    const command = chooseCommand(source.index(), history, s, s.topic);
    if (!command || !(await source.posts.claim(s, date, command, now))) return null;
    const locale = this.options.locale;
    try {
      const explained = await source.explain(command, s, locale);
      const messageId = await poster.post(
        s.workspaceId,
        s.channelId,
        commandOfDayReply(command, explained, locale),
      );
      await source.posts.setMessageId(s, date, messageId);
      return command;
    } catch (err) {
      await source.posts.release(s, date);
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

  /** Reveals a daily post after `revealMinutes`, unless it was revealed meanwhile (by any process). */
  private async revealIfHidden(postId: number, poster: ChannelPoster): Promise<void> {
    const fresh = await this.quiz.store.post(postId);
    if (fresh && !fresh.revealedAt) await this.reveal(fresh, poster);
  }

  /** Marks a daily post revealed, edits its message to show the answer, and returns the reveal line. */
  private async reveal(post: Post, poster: ChannelPoster): Promise<string> {
    const q = await this.quiz.store.question(post.questionId);
    const locale = this.options.locale;
    if (!q) return "";
    await this.quiz.store.markRevealed(post.id, this.options.now());
    const line = await this.quiz.revealLine(post, locale);
    if (post.messageId) {
      const message = await this.quiz.postReply({ ...post, revealedAt: "now" }, q, locale);
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
