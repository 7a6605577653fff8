import { Cron } from "croner";
import { findCommand } from "../../knowledge/catalog/index.js";
import type { KnowledgeIndex } from "../../knowledge/search.js";
import { bestPassage } from "../answers/passages.js";
import type { Invocation, Platform } from "../commands/types.js";
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
import type { Db } from "../storage/database.js";
import { type Curriculum, type Lesson, loadCurriculum } from "./curriculum.js";

export interface OnboardingChannel {
  platform: string;
  workspaceId: string;
  channelId: string;
  nudgeDays: number | null;
  timezone: string;
}

interface MemberRow {
  user_id: string;
  user_name: string | null;
  channel_id: string;
  last_activity_at: string;
  finished_at: string | null;
  nudged_at: string | null;
}

/** A progress bar: ▓ for lessons done, ░ for the rest (at most 10 cells). */
export function progressBar(done: number, total: number): string {
  const cells = Math.min(total, 10);
  const filled = total === 0 ? 0 : Math.round((done / total) * cells);
  return "▓".repeat(filled) + "░".repeat(cells - filled);
}

const DAY = 86_400_000;

/** The onboarding course: lessons from the notes, checkpoints from the quiz engine, progress per person. */
export class Onboarding {
  private cache: { index: KnowledgeIndex; curriculum: Curriculum } | undefined;
  private nudgeJob: Cron | undefined;
  private posters = new Map<Platform, ChannelPoster>();

  constructor(
    private readonly db: Db,
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

  /** The current curriculum; lessons that left it are marked retired (their progress stays). */
  curriculum(): Curriculum {
    const index = this.index();
    if (this.cache?.index === index) return this.cache.curriculum;
    const curriculum = loadCurriculum(index, this.notesDir);
    const now = this.now().toISOString();
    this.db.transaction(() => {
      const upsert = this.db.prepare(
        `INSERT INTO onboarding_lessons (id, title, path_json, source, first_seen) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, path_json = excluded.path_json, source = excluded.source, retired_at = NULL`,
      );
      for (const l of curriculum.lessons) upsert.run(l.id, l.title, JSON.stringify(l.path), l.source, now);
      const ids = new Set(curriculum.lessons.map((l) => l.id));
      const known = this.db.prepare("SELECT id FROM onboarding_lessons WHERE retired_at IS NULL").all() as {
        id: string;
      }[];
      const retire = this.db.prepare("UPDATE onboarding_lessons SET retired_at = ? WHERE id = ?");
      for (const k of known) if (!ids.has(k.id)) retire.run(now, k.id);
    })();
    this.cache = { index, curriculum };
    return curriculum;
  }

  private lessons(): Lesson[] {
    return this.curriculum().lessons;
  }

  private completed(ctx: Invocation): Set<string> {
    const rows = this.db
      .prepare(
        "SELECT lesson_id FROM onboarding_progress WHERE platform = ? AND workspace_id = ? AND user_id = ?",
      )
      .all(ctx.platform, ctx.workspaceId, ctx.userId) as { lesson_id: string }[];
    return new Set(rows.map((r) => r.lesson_id));
  }

  private progressLine(ctx: Invocation): string {
    const lessons = this.lessons();
    const done = lessons.filter((l) => this.completed(ctx).has(l.id)).length;
    return t(ctx.locale, "progress", { bar: progressBar(done, lessons.length), done, total: lessons.length });
  }

  private member(ctx: Invocation): MemberRow | undefined {
    return this.db
      .prepare("SELECT * FROM onboarding_members WHERE platform = ? AND workspace_id = ? AND user_id = ?")
      .get(ctx.platform, ctx.workspaceId, ctx.userId) as MemberRow | undefined;
  }

  private touch(ctx: Invocation): void {
    const now = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO onboarding_members (platform, workspace_id, user_id, user_name, channel_id, started_at, last_activity_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id, user_id) DO UPDATE SET last_activity_at = excluded.last_activity_at,
           user_name = coalesce(excluded.user_name, onboarding_members.user_name)`,
      )
      .run(ctx.platform, ctx.workspaceId, ctx.userId, ctx.userName ?? null, ctx.channelId, now, now);
  }

  private complete(ctx: Invocation, lesson: Lesson, status: "done" | "skipped"): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO onboarding_progress (platform, workspace_id, user_id, lesson_id, status, completed_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(ctx.platform, ctx.workspaceId, ctx.userId, lesson.id, status, this.now().toISOString());
    this.touch(ctx);
  }

  /** The first lesson this person has neither done nor skipped. */
  private current(ctx: Invocation): { lesson: Lesson; n: number } | null {
    const done = this.completed(ctx);
    const lessons = this.lessons();
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
  private checkpointReply(
    ctx: Invocation,
    lesson: Lesson,
    step: number,
    attempt: number,
    intro: Block[],
  ): Reply {
    const steps = this.checkpointSteps(lesson);
    const asked = new Set(
      (
        this.db
          .prepare(
            "SELECT p.question_id FROM onboarding_checkpoints c JOIN quiz_posts p ON p.id = c.post_id WHERE c.lesson_id = ? AND c.user_id = ? AND c.step <> ?",
          )
          .all(lesson.id, ctx.userId, step) as { question_id: string }[]
      ).map((r) => r.question_id),
    );
    const q = this.quiz.bank.generateWhere(
      seedOf(`onboard:${ctx.userId}:${lesson.id}:${step}:${attempt}`),
      this.inLesson(lesson),
      asked,
    );
    if (!q) return this.readingDone(ctx, lesson, intro);
    const post = this.quiz.store.createPost(placeOf(ctx), q, "checkpoint", this.now(), ctx.userId);
    if (!post) throw new Error("could not record the checkpoint");
    this.db
      .prepare("INSERT INTO onboarding_checkpoints (post_id, lesson_id, user_id, step) VALUES (?, ?, ?, ?)")
      .run(post.id, lesson.id, ctx.userId, step);
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
  lessonReply(ctx: Invocation, lesson: Lesson, n: number): Reply {
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
    blocks.push({ type: "text", text: this.progressLine(ctx) });
    const header = reply({
      title: t(locale, "lessonTitle", { n, total: this.lessons().length, title: lesson.title }),
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
        ? this.checkpointReply(ctx, lesson, 1, 0, blocks)
        : this.readingDone(ctx, lesson, blocks);
    const out: Reply = { ...body, citations: header.citations };
    if (header.title !== undefined) out.title = header.title;
    if (header.subtitle !== undefined) out.subtitle = header.subtitle;
    return out;
  }

  private finished(ctx: Invocation): Reply {
    this.db
      .prepare(
        "UPDATE onboarding_members SET finished_at = coalesce(finished_at, ?) WHERE platform = ? AND workspace_id = ? AND user_id = ?",
      )
      .run(this.now().toISOString(), ctx.platform, ctx.workspaceId, ctx.userId);
    return reply({
      blocks: [
        {
          type: "note",
          tone: "success",
          text: t(ctx.locale, "courseDone", { total: this.lessons().length }),
        },
        { type: "text", text: this.progressLine(ctx) },
      ],
    });
  }

  /** `/onboard start` and `/onboard next`: the person's current lesson. */
  next(ctx: Invocation): Reply {
    this.touch(ctx);
    const cur = this.current(ctx);
    return cur ? this.lessonReply(ctx, cur.lesson, cur.n) : this.finished(ctx);
  }

  status(ctx: Invocation): Reply {
    if (!this.member(ctx))
      return reply({ blocks: [{ type: "text", text: t(ctx.locale, "onboardingNotStarted") }] });
    const cur = this.current(ctx);
    const next = cur ? `${cur.n}. ${cur.lesson.title}` : "—";
    return reply({
      blocks: [
        { type: "text", text: t(ctx.locale, "onboardingStatus", { progress: this.progressLine(ctx), next }) },
      ],
      choices: cur ? [{ id: "onb:next", label: t(ctx.locale, "nextButton"), style: "primary" }] : [],
    });
  }

  reset(ctx: Invocation): Reply {
    this.db.transaction(() => {
      this.db
        .prepare("DELETE FROM onboarding_progress WHERE platform = ? AND workspace_id = ? AND user_id = ?")
        .run(ctx.platform, ctx.workspaceId, ctx.userId);
      this.db
        .prepare(
          "UPDATE onboarding_members SET finished_at = NULL WHERE platform = ? AND workspace_id = ? AND user_id = ?",
        )
        .run(ctx.platform, ctx.workspaceId, ctx.userId);
    })();
    return reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "onboardingReset") }] });
  }

  /** Button presses: `onb:start`, `onb:next`, `onb:retry:<lesson>`, `onb:skip:<lesson>`, `onb:done:<lesson>`. */
  action(ctx: Invocation, verb: string, lessonId: string | undefined): Reply {
    const lesson = lessonId ? this.lessons().find((l) => l.id === lessonId) : undefined;
    if (verb === "start" || verb === "next") return this.next(ctx);
    if (!lesson)
      return reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] });
    if (verb === "retry") {
      const attempts = (
        this.db
          .prepare("SELECT count(*) AS n FROM onboarding_checkpoints WHERE lesson_id = ? AND user_id = ?")
          .get(lesson.id, ctx.userId) as { n: number }
      ).n;
      return this.checkpointReply(ctx, lesson, 1, attempts, []);
    }
    if (verb === "skip" && !lesson.optional)
      return reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] });
    this.complete(ctx, lesson, verb === "skip" ? "skipped" : "done");
    return this.next(ctx);
  }

  /** After a checkpoint answer: the next step, the lesson complete and the next lesson, or a retry. */
  private afterCheckpoint(ctx: Invocation, post: Post, _q: Question, _choice: number, result: Reply): Reply {
    const cp = this.db
      .prepare("SELECT lesson_id, step FROM onboarding_checkpoints WHERE post_id = ?")
      .get(post.id) as { lesson_id: string; step: number } | undefined;
    const lesson = cp ? this.lessons().find((l) => l.id === cp.lesson_id) : undefined;
    if (!cp || !lesson) return result;
    this.touch(ctx);
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
    this.complete(ctx, lesson, "done");
    const nextOne = this.current(ctx);
    const passed: Block = {
      type: "note",
      tone: "success",
      text: t(ctx.locale, "lessonPassed", { title: lesson.title }),
    };
    if (!nextOne) {
      const done = this.finished(ctx);
      return { ...done, blocks: [...result.blocks, passed, ...done.blocks] };
    }
    return reply({
      ...result,
      blocks: [...result.blocks, passed, { type: "text", text: this.progressLine(ctx) }],
      choices: [{ id: "onb:next", label: t(ctx.locale, "nextButton"), style: "primary" }],
    });
  }

  // --- Channels, welcomes, reports, nudges ---

  setChannel(ctx: Invocation, channelId: string, nudgeDays: number | null, timezone: string): Reply {
    this.db
      .prepare(
        `INSERT INTO onboarding_channels (platform, workspace_id, channel_id, nudge_days, timezone, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET nudge_days = excluded.nudge_days, timezone = excluded.timezone,
           set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(
        ctx.platform,
        ctx.workspaceId,
        channelId,
        nudgeDays,
        timezone,
        ctx.userId,
        this.now().toISOString(),
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

  channel(place: { platform: string; workspaceId: string; channelId: string }): OnboardingChannel | null {
    const r = this.db
      .prepare("SELECT * FROM onboarding_channels WHERE platform = ? AND workspace_id = ? AND channel_id = ?")
      .get(place.platform, place.workspaceId, place.channelId) as
      | {
          platform: string;
          workspace_id: string;
          channel_id: string;
          nudge_days: number | null;
          timezone: string;
        }
      | undefined;
    return r
      ? {
          platform: r.platform,
          workspaceId: r.workspace_id,
          channelId: r.channel_id,
          nudgeDays: r.nudge_days,
          timezone: r.timezone,
        }
      : null;
  }

  /** Someone joined: in an onboarding channel, a private welcome with a Start button. */
  welcome(ctx: Invocation): Reply | null {
    if (!this.channel(placeOf(ctx))) return null;
    const lessons = this.lessons();
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
  report(ctx: Invocation): Reply {
    const rows = this.db
      .prepare(
        "SELECT * FROM onboarding_members WHERE platform = ? AND workspace_id = ? ORDER BY started_at, user_id",
      )
      .all(ctx.platform, ctx.workspaceId) as MemberRow[];
    if (rows.length === 0)
      return reply({
        title: t(ctx.locale, "reportTitle"),
        blocks: [{ type: "text", text: t(ctx.locale, "reportEmpty") }],
      });
    const lines = rows.map((r) => {
      const who = { ...ctx, userId: r.user_id };
      return t(ctx.locale, "reportLine", {
        user: r.user_name ?? r.user_id,
        progress: this.progressLine(who),
        when: formatWhen(new Date(r.last_activity_at), ctx.locale),
        done: r.finished_at ? " · 🎓" : "",
      });
    });
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
    const channels = (
      this.db.prepare("SELECT * FROM onboarding_channels WHERE nudge_days IS NOT NULL").all() as {
        platform: string;
        workspace_id: string;
        channel_id: string;
        nudge_days: number;
        timezone: string;
      }[]
    ).filter((c) => this.posters.has(c.platform as Platform));
    let sent = 0;
    for (const c of channels) {
      const hour = Number(localDateTime(now, c.timezone).time.slice(0, 2));
      if (hour < 9 || hour >= 21) continue;
      const poster = this.posters.get(c.platform as Platform);
      if (!poster) continue;
      const members = this.db
        .prepare(
          "SELECT * FROM onboarding_members WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND finished_at IS NULL",
        )
        .all(c.platform, c.workspace_id, c.channel_id) as MemberRow[];
      for (const m of members) {
        const idle = now.getTime() - Date.parse(m.last_activity_at) >= c.nudge_days * DAY;
        const recentlyNudged = m.nudged_at !== null && now.getTime() - Date.parse(m.nudged_at) < 7 * DAY;
        const sinceActivity =
          m.nudged_at !== null && Date.parse(m.nudged_at) > Date.parse(m.last_activity_at);
        if (!idle || recentlyNudged || sinceActivity) continue;
        const ctx: Invocation = {
          platform: c.platform as Platform,
          workspaceId: c.workspace_id,
          channelId: c.channel_id,
          userId: m.user_id,
          locale: this.locale,
          isAdmin: false,
        };
        if (m.user_name) ctx.userName = m.user_name;
        const cur = this.current(ctx);
        if (!cur) continue;
        const text = t(ctx.locale, "nudge", {
          user: m.user_name ?? m.user_id,
          next: `${cur.n}. ${cur.lesson.title}`,
        });
        const r = reply({
          blocks: [{ type: "text", text }],
          choices: [{ id: "onb:next", label: t(ctx.locale, "nextButton"), style: "primary" }],
        });
        // Claim the nudge first, so a crash or a second replica does not send it twice.
        const claimed = this.db
          .prepare(
            "UPDATE onboarding_members SET nudged_at = ? WHERE platform = ? AND workspace_id = ? AND user_id = ? AND nudged_at IS ?",
          )
          .run(now.toISOString(), c.platform, c.workspace_id, m.user_id, m.nudged_at);
        if (claimed.changes === 0) continue;
        const privately = poster.postEphemeral
          ? await poster.postEphemeral(c.workspace_id, c.channel_id, m.user_id, r)
          : false;
        if (!privately) await poster.post(c.workspace_id, c.channel_id, { ...r, ephemeral: false });
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
