import type { KnowledgeIndex } from "../../knowledge/search.js";
import type { Invocation } from "../invocation.js";
import { UserError } from "../errors.js";
import { type Locale, t } from "../i18n.js";
import { type ActionResult, type Reply, reply } from "../reply.js";
import type { AnswerCount, Person, QuizStore, StateStores } from "../storage/stores.js";
import { QuestionBank, type Question } from "./questions.js";
import { seedOf } from "./random.js";
import { answerText, questionReply, resultReply } from "./render.js";
import { nextCard, Repetition } from "./srs.js";
import type { Place, Post } from "./store.js";

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

const personOf = (ctx: Invocation): Person => ({
  platform: ctx.platform,
  workspaceId: ctx.workspaceId,
  userId: ctx.userId,
});

/** How many generated questions are tried for one this person has not seen, before repeating one. */
const FRESH_QUESTION_TRIES = 40;

/**
 * How many date formats (one per locale and time zone) are kept. Making one costs ~0.1 ms, more than the
 * rest of an answer's reply; there are two locales and as many zones as the channels' schedules name, so
 * 64 is room for every zone in use, and a full cache starts afresh rather than growing.
 */
const DATE_FORMATS_KEPT = 64;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(date: Date, locale: Locale, timeZone = "UTC"): string {
  const key = `${locale} ${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    // An unknown zone throws here, before anything is kept.
    format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    if (dateFormats.size >= DATE_FORMATS_KEPT) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format.format(date);
}

/** The quiz use cases: asking, answering, reviewing; shared by /quiz, daily posts and onboarding. */
export class Quiz {
  /** Questions, posts and answers (SQLite or PostgreSQL), shared with the daily poster. */
  readonly store: QuizStore;
  readonly srs: Repetition;
  private bankCache: { index: KnowledgeIndex; bank: QuestionBank } | undefined;
  private observers: AnswerObserver[] = [];

  constructor(
    state: Pick<StateStores, "quiz" | "reviews">,
    private readonly index: () => KnowledgeIndex,
    private readonly now: () => Date,
    /** The language of the channel's own posts (daily questions). */
    readonly dailyLocale: Locale = "en",
  ) {
    this.store = state.quiz;
    this.srs = new Repetition(state.reviews);
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
  async nextQuestion(
    ctx: Invocation,
    topic?: string,
  ): Promise<{ question: Question; review: boolean } | null> {
    const now = this.now();
    for (const id of await this.srs.due(personOf(ctx), now)) {
      const q = await this.store.question(id);
      if (q && QuestionBank.matchesTopic(q, topic)) return { question: q, review: true };
    }
    const seen = await this.store.seenQuestions(personOf(ctx));
    let fallback: Question | null = null;
    for (let i = 0; i < FRESH_QUESTION_TRIES; i++) {
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
  async ask(ctx: Invocation, topic?: string): Promise<Reply> {
    const picked = await this.nextQuestion(ctx, topic);
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
    const post = await this.store.createPost(placeOf(ctx), picked.question, "adhoc", this.now(), ctx.userId);
    if (!post) throw new Error("could not record the quiz post");
    return questionReply(picked.question, post.id, ctx.locale, {
      title: picked.review ? t(ctx.locale, "reviewTitle") : t(ctx.locale, "quizTitle"),
      count: { total: 0, correct: 0 },
    });
  }

  /** The public message of a post, as it should look now (with its answer count, read unless given). */
  async postReply(post: Post, q: Question, locale: Locale, known?: AnswerCount): Promise<Reply> {
    const count = known ?? (await this.store.answerCount(post.id));
    if (post.kind !== "daily")
      return questionReply(q, post.id, locale, { title: t(locale, "quizTitle"), count });
    // A daily post is the channel's: always in the bot's language, opening with the previous answer.
    const daily = this.dailyLocale;
    const before = post.postDate ? await this.store.revealedDailyBefore(post, post.postDate) : null;
    const intro = before ? await this.revealLine(before, daily) : undefined;
    return questionReply(q, post.id, daily, {
      title: t(daily, "dailyTitle", { date: post.postDate ?? "" }),
      count,
      ...(intro ? { intro } : {}),
    });
  }

  /** "Answer to the previous question: B. … (3 of 5 right)" for a daily post. */
  async revealLine(post: Post, locale: Locale): Promise<string> {
    const q = await this.store.question(post.questionId);
    if (!q) return "";
    const count = await this.store.answerCount(post.id);
    return t(locale, "reveal", { answer: answerText(q, locale), correct: count.correct, total: count.total });
  }

  /**
   * A button press on a question: one answer per person per post, committed (with its spaced-repetition
   * update) before the person is told it counted; the public message then shows the new count.
   */
  async answer(ctx: Invocation, postId: number, choice: number): Promise<ActionResult> {
    const post = await this.store.post(postId);
    const q = post ? await this.store.question(post.questionId) : undefined;
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
    const alreadyAnswered = (chosen: number): ActionResult => ({
      reply: reply({
        blocks: [
          {
            type: "note",
            tone: "info",
            text: t(ctx.locale, "alreadyAnswered", { chosen: answerText(q, ctx.locale, chosen) }),
          },
        ],
      }),
    });
    const now = this.now();
    const correct = choice === q.answer;
    const date = post.postDate ?? now.toISOString().slice(0, 10);
    let due: Date | null = null;
    // The answer and its card in one transaction, committed before the person is told it counted. A second
    // press is refused by the store (one answer per person and post, nothing written), so the earlier
    // answer is only read then, not before every first answer.
    const recorded = await this.store.recordAnswer(
      { post, user: { id: ctx.userId, name: ctx.userName }, choice, correct, answerDate: date, now },
      (previousCard) => {
        const card = nextCard(previousCard, correct, now);
        due = new Date(card.dueAt);
        return card;
      },
    );
    if (!recorded) {
      const previous = await this.store.existingAnswer(post.id, ctx.userId);
      return alreadyAnswered(previous?.choice ?? choice);
    }
    for (const o of this.observers) o(correct);
    const when = due ? t(ctx.locale, "nextReview", { when: formatWhen(due, ctx.locale) }) : "";
    // A checkpoint (never a daily post) is answered privately: no count, no public message to update.
    if (post.kind === "checkpoint" && this.checkpointHandler) {
      const result = resultReply(q, choice, ctx.locale, when ? [when] : []);
      return { reply: await this.checkpointHandler(ctx, post, q, choice, result) };
    }
    const count = await this.store.answerCount(post.id);
    const hidden = post.kind === "daily" && post.revealedAt === null;
    const result = hidden
      ? reply({
          blocks: [
            {
              type: "note",
              tone: "info",
              text: `${t(ctx.locale, "answeredCount", { count: count.total })} · ${answerText(q, ctx.locale, choice)}`,
            },
            { type: "text", text: t(ctx.locale, "revealHidden") },
          ],
        })
      : resultReply(q, choice, ctx.locale, when ? [when] : []);
    return { reply: result, update: await this.postReply(post, q, ctx.locale, count) };
  }

  /** /review: how many questions are due for this person. */
  async review(ctx: Invocation): Promise<Reply> {
    const now = this.now();
    const who = personOf(ctx);
    const total = await this.srs.count(who);
    const due = (await this.srs.due(who, now)).length;
    const next = await this.srs.nextDue(who);
    const lines = [t(ctx.locale, "reviewDue", { due, total })];
    if (due > 0) lines.push(t(ctx.locale, "reviewStart"));
    else if (next) lines.push(t(ctx.locale, "reviewNext", { when: formatWhen(next, ctx.locale) }));
    return reply({ title: t(ctx.locale, "reviewTitle"), blocks: [{ type: "text", text: lines.join("\n") }] });
  }
}

export class TopicError extends UserError {}
