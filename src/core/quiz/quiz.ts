import type { KnowledgeIndex } from "../../knowledge/search.js";
import type { ActionResult } from "../actions/types.js";
import type { Invocation } from "../commands/types.js";
import { UserError } from "../errors.js";
import { type Locale, t } from "../i18n.js";
import { type Reply, reply } from "../reply.js";
import type { Db } from "../storage/database.js";
import { QuestionBank, type Question } from "./questions.js";
import { seedOf } from "./random.js";
import { answerText, questionReply, resultReply } from "./render.js";
import { Repetition } from "./srs.js";
import { type Place, type Post, QuizStore } from "./store.js";

/** Called after each recorded answer (metrics). */
export type AnswerObserver = (correct: boolean) => void;

/** Decides what a learner sees after answering a checkpoint question (onboarding). */
export type CheckpointHandler = (
  ctx: Invocation,
  post: Post,
  question: Question,
  choice: number,
  result: Reply,
) => Reply | Promise<Reply>;

export function placeOf(ctx: Invocation): Place {
  return { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId };
}

export function formatWhen(date: Date, locale: Locale, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(date);
}

/** The quiz use cases: asking, answering, reviewing; shared by /quiz, daily posts and onboarding. */
export class Quiz {
  readonly store: QuizStore;
  readonly srs: Repetition;
  private bankCache: { index: KnowledgeIndex; bank: QuestionBank } | undefined;
  private observers: AnswerObserver[] = [];

  constructor(
    db: Db,
    private readonly index: () => KnowledgeIndex,
    private readonly now: () => Date,
    /** The language of the channel's own posts (daily questions). */
    readonly dailyLocale: Locale = "en",
  ) {
    this.store = new QuizStore(db);
    this.srs = new Repetition(db);
  }

  /** The question bank of the current index (rebuilt after a reindex). */
  get bank(): QuestionBank {
    const index = this.index();
    if (this.bankCache?.index !== index) this.bankCache = { index, bank: new QuestionBank(index) };
    return this.bankCache.bank;
  }

  onAnswer(o: AnswerObserver): void {
    this.observers.push(o);
  }

  private checkpointHandler: CheckpointHandler | undefined;

  onCheckpoint(handler: CheckpointHandler): void {
    this.checkpointHandler = handler;
  }

  /** A topic the notes have (matched loosely), or undefined for none; throws a user-facing message otherwise. */
  resolveTopic(topic: string | undefined, locale: Locale): string | undefined {
    if (!topic) return undefined;
    const headings = this.index().headings();
    const t0 = topic.normalize("NFKC").toLowerCase();
    if (headings.some((h) => h.path.some((p) => p.normalize("NFKC").toLowerCase().includes(t0))))
      return topic;
    throw new TopicError(t(locale, "unknownTopic", { topic, topics: this.bank.topics().join(", ") }));
  }

  /**
   * The next question for this person: one that is due for review first, else one they have not seen,
   * chosen deterministically from their history.
   */
  nextQuestion(ctx: Invocation, topic?: string): { question: Question; review: boolean } | null {
    const now = this.now();
    for (const id of this.srs.due(ctx.platform, ctx.workspaceId, ctx.userId, now)) {
      const q = this.store.question(id);
      if (q && QuestionBank.matchesTopic(q, topic)) return { question: q, review: true };
    }
    const seen = this.store.seenQuestions(ctx.platform, ctx.workspaceId, ctx.userId);
    let fallback: Question | null = null;
    for (let i = 0; i < 40; i++) {
      const q = this.bank.generate(
        seedOf(`${ctx.platform}:${ctx.workspaceId}:${ctx.userId}:${seen.size}:${i}`),
        topic,
      );
      if (!q) break;
      fallback ??= q;
      if (!seen.has(q.id)) return { question: q, review: false };
    }
    return fallback ? { question: fallback, review: false } : null;
  }

  /** /quiz: a question now, posted where it was asked, with one button per choice. */
  ask(ctx: Invocation, topic?: string): Reply {
    const picked = this.nextQuestion(ctx, topic);
    if (!picked)
      return reply({
        blocks: [
          {
            type: "note",
            tone: "info",
            text: t(ctx.locale, "noQuestion", { topic: topic ? ` (${topic})` : "" }),
          },
        ],
      });
    const post = this.store.createPost(placeOf(ctx), picked.question, "adhoc", this.now(), ctx.userId);
    if (!post) throw new Error("could not record the quiz post");
    return questionReply(picked.question, post.id, ctx.locale, {
      title: picked.review ? t(ctx.locale, "reviewTitle") : t(ctx.locale, "quizTitle"),
      count: { total: 0, correct: 0 },
    });
  }

  /** The public message of a post, as it should look now (with its answer count). */
  postReply(post: Post, q: Question, locale: Locale): Reply {
    if (post.kind !== "daily")
      return questionReply(q, post.id, locale, {
        title: t(locale, "quizTitle"),
        count: this.store.answerCount(post.id),
      });
    // A daily post is the channel's: always in the bot's language, opening with the previous answer.
    const daily = this.dailyLocale;
    const before = post.postDate ? this.store.revealedDailyBefore(post, post.postDate) : null;
    const intro = before ? this.revealLine(before, daily) : undefined;
    return questionReply(q, post.id, daily, {
      title: t(daily, "dailyTitle", { date: post.postDate ?? "" }),
      count: this.store.answerCount(post.id),
      ...(intro ? { intro } : {}),
    });
  }

  /** "Answer to the previous question: B. … (3 of 5 right)" for a daily post. */
  revealLine(post: Post, locale: Locale): string {
    const q = this.store.question(post.questionId);
    if (!q) return "";
    const count = this.store.answerCount(post.id);
    return t(locale, "reveal", { answer: answerText(q, locale), correct: count.correct, total: count.total });
  }

  /**
   * A button press on a question: one answer per person per post, committed (with its spaced-repetition
   * update) before the person is told it counted; the public message then shows the new count.
   */
  async answer(ctx: Invocation, postId: number, choice: number): Promise<ActionResult> {
    const post = this.store.post(postId);
    const q = post ? this.store.question(post.questionId) : undefined;
    if (!post || !q || choice < 0 || choice >= q.choices.length || post.workspaceId !== ctx.workspaceId) {
      return {
        reply: reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] }),
      };
    }
    const refuse = (key: "notYourCheckpoint" | "alreadyRevealed") => ({
      reply: reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, key) }] }),
    });
    // A checkpoint is its learner's; a revealed daily question no longer scores.
    if (post.kind === "checkpoint" && post.createdBy !== ctx.userId) return refuse("notYourCheckpoint");
    if (post.kind === "daily" && post.revealedAt !== null) return refuse("alreadyRevealed");
    const previous = this.store.existingAnswer(post.id, ctx.userId);
    if (previous) {
      return {
        reply: reply({
          blocks: [
            {
              type: "note",
              tone: "info",
              text: t(ctx.locale, "alreadyAnswered", { chosen: answerText(q, ctx.locale, previous.choice) }),
            },
          ],
        }),
      };
    }
    const now = this.now();
    const correct = choice === q.answer;
    const date = post.postDate ?? now.toISOString().slice(0, 10);
    let due: Date | null = null;
    const recorded = this.store.transaction(() => {
      if (!this.store.recordAnswer(post, { id: ctx.userId, name: ctx.userName }, choice, correct, date, now))
        return false;
      due = this.srs.review(ctx.platform, ctx.workspaceId, ctx.userId, q.id, correct, now);
      return true;
    });
    if (!recorded) {
      return {
        reply: reply({
          blocks: [
            {
              type: "note",
              tone: "info",
              text: t(ctx.locale, "alreadyAnswered", { chosen: answerText(q, ctx.locale, choice) }),
            },
          ],
        }),
      };
    }
    for (const o of this.observers) o(correct);
    const hidden = post.kind === "daily" && post.revealedAt === null;
    const when = due ? t(ctx.locale, "nextReview", { when: formatWhen(due, ctx.locale) }) : "";
    const result = hidden
      ? reply({
          blocks: [
            {
              type: "note",
              tone: "info",
              text: `${t(ctx.locale, "answeredCount", { count: this.store.answerCount(post.id).total })} · ${answerText(q, ctx.locale, choice)}`,
            },
            { type: "text", text: t(ctx.locale, "revealHidden") },
          ],
        })
      : resultReply(q, choice, ctx.locale, when ? [when] : []);
    if (post.kind === "checkpoint" && this.checkpointHandler) {
      return { reply: await this.checkpointHandler(ctx, post, q, choice, result) };
    }
    return { reply: result, update: this.postReply(post, q, ctx.locale) };
  }

  /** /review: how many questions are due for this person. */
  review(ctx: Invocation): Reply {
    const now = this.now();
    const total = this.srs.count(ctx.platform, ctx.workspaceId, ctx.userId);
    const due = this.srs.due(ctx.platform, ctx.workspaceId, ctx.userId, now).length;
    const next = this.srs.nextDue(ctx.platform, ctx.workspaceId, ctx.userId);
    const lines = [t(ctx.locale, "reviewDue", { due, total })];
    if (due > 0) lines.push(t(ctx.locale, "reviewStart"));
    else if (next) lines.push(t(ctx.locale, "reviewNext", { when: formatWhen(next, ctx.locale) }));
    return reply({ title: t(ctx.locale, "reviewTitle"), blocks: [{ type: "text", text: lines.join("\n") }] });
  }
}

export class TopicError extends UserError {}
