import { Cron } from "croner";
import { findCommand } from "../../knowledge/catalog/index.js";
import type { KnowledgeIndex } from "../../knowledge/search.js";
import { bestPassage } from "../answers/passages.js";
import type { Invocation, Platform } from "../invocation.js";
import { type Locale, t } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { ChannelPoster } from "../ports.js";
import { localDateTime } from "../quiz/daily.js";
import { formatWhen, placeOf, type Quiz } from "../quiz/quiz.js";
import type { Question } from "../quiz/questions.js";
import { seedOf } from "../quiz/random.js";
import { questionReply } from "../quiz/render.js";
import type { Post } from "../quiz/store.js";
import { type Block, type Choice, type Reply, reply } from "../reply.js";
import type { OnboardingChannel, OnboardingStore } from "../storage/stores.js";
import { type Curriculum, type Lesson, loadCurriculum } from "./curriculum.js";

export type { OnboardingChannel } from "../storage/stores.js";

/** A progress bar: ▓ for lessons done, ░ for the rest (at most 10 cells). */
export function progressBar(done: number, total: number): string {
  const cells = Math.min(total, 10);
  const filled = total === 0 ? 0 : Math.round((done / total) * cells);
  return "▓".repeat(filled) + "░".repeat(cells - filled);
}

const DAY = 86_400_000;
/** A member is reminded at most this often, however short the channel's idle period. */
const NUDGE_INTERVAL_MS = 7 * DAY;
/** Reminders go out only from this local hour (inclusive) to the next one (exclusive): never at night. */
const NUDGE_FIRST_HOUR = 9;
const NUDGE_END_HOUR = 21;

/** The onboarding course: lessons from the notes, checkpoints from the quiz engine, progress per person. */
export class Onboarding {
  private cache: { index: KnowledgeIndex; curriculum: Curriculum } | undefined;
  /** The curriculum whose lessons were last recorded in the store. */
  private recorded: Curriculum | undefined;
  private nudgeJob: Cron | undefined;
  private posters = new Map<Platform, ChannelPoster>();

  constructor(
    private readonly store: OnboardingStore,
    private readonly quiz: Quiz,
    private readonly index: () => KnowledgeIndex,
    private readonly notesDir: string,
    private readonly now: () => Date,
    private readonly logger: Logger,
    /** The language of reminders the bot sends by itself. */
    private readonly locale: Locale = "en",
  ) {
    quiz.onCheckpoint((ctx, post, q, choice, result) => this.afterCheckpoint(ctx, post, q, choice, result));
  }

  /** The current curriculum, derived from the notes (cached per index). */
  curriculum(): Curriculum {
    const index = this.index();
    if (this.cache?.index === index) return this.cache.curriculum;
    const curriculum = loadCurriculum(index, this.notesDir);
    this.cache = { index, curriculum };
    return curriculum;
  }

  /**
   * The current lessons, recorded in the store first when the curriculum changed: new lessons added,
   * lessons that left it marked retired (their progress stays).
   */
  private async lessons(): Promise<Lesson[]> {
    const curriculum = this.curriculum();
    if (this.recorded !== curriculum) {
      await this.store.syncLessons(curriculum.lessons, this.now());
      this.recorded = curriculum;
    }
    return curriculum.lessons;
  }

  private async progressLine(ctx: Invocation): Promise<string> {
    const lessons = await this.lessons();
    const completed = await this.store.completed(ctx);
    const done = lessons.filter((l) => completed.has(l.id)).length;
    return t(ctx.locale, "progress", { bar: progressBar(done, lessons.length), done, total: lessons.length });
  }

  private touch(ctx: Invocation): Promise<void> {
    return this.store.touch(ctx, this.now());
  }

  private complete(ctx: Invocation, lesson: Lesson, status: "done" | "skipped"): Promise<void> {
    return this.store.complete(ctx, lesson.id, status, this.now());
  }

  /** The first lesson this person has neither done nor skipped. */
  private async current(ctx: Invocation): Promise<{ lesson: Lesson; n: number } | null> {
    const done = await this.store.completed(ctx);
    const lessons = await this.lessons();
    const i = lessons.findIndex((l) => !done.has(l.id));
    return i < 0 ? null : { lesson: lessons[i] as Lesson, n: i + 1 };
  }

  private inLesson(lesson: Lesson): (q: Question) => boolean {
    const sources = new Set(lesson.sections.map((s) => s.source));
    return (q) => sources.has(q.source.source);
  }

  private checkpointSteps(lesson: Lesson): number {
    return Math.min(2, this.quiz.bank.countWhere(this.inLesson(lesson)));
  }

  /** A checkpoint question of a lesson, posted privately for this person. */
  private async checkpointReply(
    ctx: Invocation,
    lesson: Lesson,
    step: number,
    attempt: number,
    intro: Block[],
  ): Promise<Reply> {
    const steps = this.checkpointSteps(lesson);
    const asked = await this.store.checkpointQuestions(lesson.id, ctx.userId, step);
    const q = this.quiz.bank.generateWhere(
      seedOf(`onboard:${ctx.userId}:${lesson.id}:${step}:${attempt}`),
      this.inLesson(lesson),
      asked,
    );
    if (!q) return this.readingDone(ctx, lesson, intro);
    const post = await this.store.createCheckpoint(placeOf(ctx), q, this.now(), ctx.userId, lesson.id, step);
    const question = questionReply(q, post.id, ctx.locale, {
      title: t(ctx.locale, "checkpoint", { step, steps }),
    });
    const skip: Choice[] = lesson.optional
      ? [{ id: `onb:skip:${lesson.id}`, label: t(ctx.locale, "skipButton"), style: "secondary" }]
      : [];
    return reply({
      ...question,
      blocks: [
        ...intro,
        { type: "text", text: `**${t(ctx.locale, "checkpoint", { step, steps })}**` },
        ...question.blocks,
      ],
      choices: [...question.choices, ...skip],
      ephemeral: true,
    });
  }

  /** A lesson without questions: completed by pressing Next. */
  private readingDone(ctx: Invocation, lesson: Lesson, intro: Block[]): Reply {
    return reply({
      blocks: [...intro, { type: "note", tone: "info", text: t(ctx.locale, "readingLesson") }],
      choices: [{ id: `onb:done:${lesson.id}`, label: t(ctx.locale, "nextButton"), style: "primary" }],
      citations: [{ path: lesson.path, source: lesson.source }],
    });
  }

  /** The lesson as a message: its key text, its commands, progress, then the first checkpoint. */
  async lessonReply(ctx: Invocation, lesson: Lesson, n: number): Promise<Reply> {
    const locale = ctx.locale;
    const head = lesson.sections[0];
    const whole = lesson.sections.map((s) => s.text).join("\n");
    const key = bestPassage(whole, [], 600);
    const blocks: Block[] = [{ type: "text", text: key || (head?.examples?.[0] ?? "") }];
    const commands = [
      ...new Set(
        this.index()
          .allEntries("command")
          .filter((e) => lesson.sections.some((s) => s.source === e.source))
          .map((e) => e.command ?? ""),
      ),
    ].filter(Boolean);
    if (commands.length > 0) {
      blocks.push({
        type: "fields",
        fields: commands.slice(0, 10).map((c) => ({ name: c, value: findCommand(c)?.summary[locale] ?? c })),
      });
    }
    blocks.push({ type: "text", text: await this.progressLine(ctx) });
    const total = (await this.lessons()).length;
    const header = reply({
      title: t(locale, "lessonTitle", { n, total, title: lesson.title }),
      subtitle: t(locale, "lessonMeta", {
        unit: lesson.unit,
        minutes: lesson.minutes,
        optional: lesson.optional ? t(locale, "optionalLesson") : "",
      }),
      blocks,
      citations: [
        {
          path: lesson.path,
          source: lesson.source,
          ...(key.length < whole.length ? { readMore: true } : {}),
        },
      ],
    });
    const body =
      this.checkpointSteps(lesson) > 0
        ? await this.checkpointReply(ctx, lesson, 1, 0, blocks)
        : this.readingDone(ctx, lesson, blocks);
    const out: Reply = { ...body, citations: header.citations };
    if (header.title !== undefined) out.title = header.title;
    if (header.subtitle !== undefined) out.subtitle = header.subtitle;
    return out;
  }

  private async finished(ctx: Invocation): Promise<Reply> {
    await this.store.finish(ctx, this.now());
    const total = (await this.lessons()).length;
    return reply({
      blocks: [
        {
          type: "note",
          tone: "success",
          text: t(ctx.locale, "courseDone", { total }),
        },
        { type: "text", text: await this.progressLine(ctx) },
      ],
    });
  }

  /** `/onboard start` and `/onboard next`: the person's current lesson. */
  async next(ctx: Invocation): Promise<Reply> {
    await this.touch(ctx);
    const cur = await this.current(ctx);
    return cur ? this.lessonReply(ctx, cur.lesson, cur.n) : this.finished(ctx);
  }

  async status(ctx: Invocation): Promise<Reply> {
    if (!(await this.store.member(ctx)))
      return reply({ blocks: [{ type: "text", text: t(ctx.locale, "onboardingNotStarted") }] });
    const cur = await this.current(ctx);
    const next = cur ? `${cur.n}. ${cur.lesson.title}` : "—";
    return reply({
      blocks: [
        {
          type: "text",
          text: t(ctx.locale, "onboardingStatus", { progress: await this.progressLine(ctx), next }),
        },
      ],
      choices: cur ? [{ id: "onb:next", label: t(ctx.locale, "nextButton"), style: "primary" }] : [],
    });
  }

  async reset(ctx: Invocation): Promise<Reply> {
    await this.store.reset(ctx);
    return reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "onboardingReset") }] });
  }

  /** Button presses: `onb:start`, `onb:next`, `onb:retry:<lesson>`, `onb:skip:<lesson>`, `onb:done:<lesson>`. */
  async action(ctx: Invocation, verb: string, lessonId: string | undefined): Promise<Reply> {
    const lesson = lessonId ? (await this.lessons()).find((l) => l.id === lessonId) : undefined;
    if (verb === "start" || verb === "next") return this.next(ctx);
    if (!lesson)
      return reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] });
    if (verb === "retry") {
      const attempts = await this.store.checkpointAttempts(lesson.id, ctx.userId);
      return this.checkpointReply(ctx, lesson, 1, attempts, []);
    }
    if (verb === "skip" && !lesson.optional)
      return reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] });
    await this.complete(ctx, lesson, verb === "skip" ? "skipped" : "done");
    return this.next(ctx);
  }

  /** After a checkpoint answer: the next step, the lesson complete and the next lesson, or a retry. */
  private async afterCheckpoint(
    ctx: Invocation,
    post: Post,
    _q: Question,
    _choice: number,
    result: Reply,
  ): Promise<Reply> {
    const cp = await this.store.checkpoint(post.id);
    const lesson = cp ? (await this.lessons()).find((l) => l.id === cp.lessonId) : undefined;
    if (!cp || !lesson) return result;
    await this.touch(ctx);
    const correct = result.blocks[0]?.type === "note" && result.blocks[0].tone === "success";
    if (!correct) {
      return reply({
        ...result,
        blocks: [...result.blocks, { type: "text", text: t(ctx.locale, "lessonMissed") }],
        choices: [
          { id: `onb:retry:${lesson.id}`, label: t(ctx.locale, "retryButton"), style: "primary" },
          ...(lesson.optional
            ? [
                {
                  id: `onb:skip:${lesson.id}`,
                  label: t(ctx.locale, "skipButton"),
                  style: "secondary" as const,
                },
              ]
            : []),
        ],
      });
    }
    if (cp.step < this.checkpointSteps(lesson)) {
      return this.checkpointReply(ctx, lesson, cp.step + 1, 0, result.blocks);
    }
    await this.complete(ctx, lesson, "done");
    const nextOne = await this.current(ctx);
    const passed: Block = {
      type: "note",
      tone: "success",
      text: t(ctx.locale, "lessonPassed", { title: lesson.title }),
    };
    if (!nextOne) {
      const done = await this.finished(ctx);
      return { ...done, blocks: [...result.blocks, passed, ...done.blocks] };
    }
    return reply({
      ...result,
      blocks: [...result.blocks, passed, { type: "text", text: await this.progressLine(ctx) }],
      choices: [{ id: "onb:next", label: t(ctx.locale, "nextButton"), style: "primary" }],
    });
  }

  // --- Channels, welcomes, reports, nudges ---

  async setChannel(
    ctx: Invocation,
    channelId: string,
    nudgeDays: number | null,
    timezone: string,
  ): Promise<Reply> {
    await this.store.setChannel(
      { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId, nudgeDays, timezone },
      ctx.userId,
      this.now(),
    );
    const nudge = nudgeDays ? t(ctx.locale, "nudgeSetting", { days: nudgeDays }) : "";
    return reply({
      blocks: [
        {
          type: "note",
          tone: "success",
          text: t(ctx.locale, "onboardingChannelSet", { channel: channelId, nudge }),
        },
      ],
    });
  }

  channel(place: {
    platform: string;
    workspaceId: string;
    channelId: string;
  }): Promise<OnboardingChannel | null> {
    return this.store.channel(place);
  }

  /** Someone joined: in an onboarding channel, a private welcome with a Start button. */
  async welcome(ctx: Invocation): Promise<Reply | null> {
    if (!(await this.store.channel(placeOf(ctx)))) return null;
    const lessons = await this.lessons();
    const minutes = lessons.reduce((s, l) => s + l.minutes, 0);
    return reply({
      blocks: [
        {
          type: "text",
          text: t(ctx.locale, "onboardingWelcome", {
            user: ctx.userName ?? ctx.userId,
            total: lessons.length,
            minutes,
            checked: lessons.filter((l) => this.checkpointSteps(l) > 0).length,
          }),
        },
      ],
      choices: [{ id: "onb:start", label: t(ctx.locale, "startButton"), style: "primary" }],
      ephemeral: true,
    });
  }

  /** `/tutor onboarding report`: every member of the workspace with their progress and last activity. */
  async report(ctx: Invocation): Promise<Reply> {
    const rows = await this.store.members(ctx.platform, ctx.workspaceId);
    if (rows.length === 0)
      return reply({
        title: t(ctx.locale, "reportTitle"),
        blocks: [{ type: "text", text: t(ctx.locale, "reportEmpty") }],
      });
    const lines: string[] = [];
    for (const r of rows) {
      const who = { ...ctx, userId: r.userId };
      lines.push(
        t(ctx.locale, "reportLine", {
          user: r.userName ?? r.userId,
          progress: await this.progressLine(who),
          when: formatWhen(new Date(r.lastActivityAt), ctx.locale),
          done: r.finishedAt ? " · 🎓" : "",
        }),
      );
    }
    return reply({ title: t(ctx.locale, "reportTitle"), blocks: [{ type: "text", text: lines.join("\n") }] });
  }

  /** Starts the hourly reminder check for channels that asked for nudges. */
  startNudges(posters: readonly ChannelPoster[]): void {
    for (const p of posters) this.posters.set(p.platform, p);
    this.nudgeJob = new Cron("7 * * * *", { catch: true }, () => {
      void this.sendNudges().catch((err: unknown) => this.logger.error({ err }, "onboarding nudges failed"));
    });
  }

  stop(): void {
    this.nudgeJob?.stop();
  }

  /**
   * Reminds members idle for the channel's number of days: one reminder, never more than one a week,
   * never at night (only 09:00–20:59 in the channel's time zone). Returns how many were sent.
   */
  async sendNudges(): Promise<number> {
    const now = this.now();
    const channels = (await this.store.nudgeChannels()).filter((c) =>
      this.posters.has(c.platform as Platform),
    );
    let sent = 0;
    for (const c of channels) {
      const hour = Number(localDateTime(now, c.timezone).time.slice(0, 2));
      if (hour < NUDGE_FIRST_HOUR || hour >= NUDGE_END_HOUR) continue;
      const poster = this.posters.get(c.platform as Platform);
      // Another shard's process speaks for that server: claiming its reminders here would lose them.
      if (!poster || poster.serves?.(c.workspaceId) === false) continue;
      const members = await this.store.unfinishedIn(c);
      for (const m of members) {
        const idle = now.getTime() - Date.parse(m.lastActivityAt) >= c.nudgeDays * DAY;
        const recentlyNudged =
          m.nudgedAt !== null && now.getTime() - Date.parse(m.nudgedAt) < NUDGE_INTERVAL_MS;
        const sinceActivity = m.nudgedAt !== null && Date.parse(m.nudgedAt) > Date.parse(m.lastActivityAt);
        if (!idle || recentlyNudged || sinceActivity) continue;
        const ctx: Invocation = {
          platform: c.platform as Platform,
          workspaceId: c.workspaceId,
          channelId: c.channelId,
          userId: m.userId,
          locale: this.locale,
          isAdmin: false,
        };
        if (m.userName) ctx.userName = m.userName;
        const cur = await this.current(ctx);
        if (!cur) continue;
        const text = t(ctx.locale, "nudge", {
          user: m.userName ?? m.userId,
          next: `${cur.n}. ${cur.lesson.title}`,
        });
        const r = reply({
          blocks: [{ type: "text", text }],
          choices: [{ id: "onb:next", label: t(ctx.locale, "nextButton"), style: "primary" }],
        });
        // Claim the nudge first, so a crash or a second replica does not send it twice.
        if (!(await this.store.claimNudge(ctx, m.nudgedAt, now))) continue;
        const privately = poster.postEphemeral
          ? await poster.postEphemeral(c.workspaceId, c.channelId, m.userId, r)
          : false;
        if (!privately) await poster.post(c.workspaceId, c.channelId, { ...r, ephemeral: false });
        sent++;
      }
    }
    return sent;
  }

  /** The curriculum as text, for `tutor curriculum`. */
  describe(locale: Locale): string {
    const c = this.curriculum();
    const lines: string[] = [
      `Curriculum (${c.origin}): ${c.lessons.length} lessons, about ${c.lessons.reduce((s, l) => s + l.minutes, 0)} min`,
    ];
    let unit = "";
    c.lessons.forEach((l, i) => {
      if (l.unit !== unit) {
        unit = l.unit;
        lines.push(`\n${unit}`);
      }
      const steps = this.checkpointSteps(l);
      const check =
        steps > 0
          ? locale === "ja"
            ? `チェック ${steps} 問`
            : `${steps} checkpoint question${steps > 1 ? "s" : ""}`
          : locale === "ja"
            ? "読むだけ"
            : "reading only";
      lines.push(
        `  ${String(i + 1).padStart(2)}. ${l.title} (~${l.minutes} min, ${check}${l.optional ? ", optional" : ""})`,
      );
    });
    return lines.join("\n");
  }
}
