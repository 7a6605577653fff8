import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Invocation, RawArgs } from "../commands/types.js";
import { t } from "../i18n.js";
import { type Choice, type Reply, reply } from "../reply.js";
import type { Vote } from "../storage/stores.js";
import type { TutorContext } from "../context.js";
import { defineAction } from "../actions/types.js";
import { type FeedbackMessage, say } from "./messages.js";
import { RatedAnswers } from "./recent.js";

/** Commands whose answers get 👍/👎, and the option that holds what was asked. */
export const RATED: ReadonlyMap<string, string> = new Map([
  ["ask", "question"],
  ["explain", "command"],
]);

/** Random bytes of an answer id: 72 bits, so nobody votes on an answer they were not shown by guessing. */
const ANSWER_ID_BYTES = 9;

/** The reasons offered after a 👎 (stored by code; shown in the person's language). */
export const REASONS = {
  wrong: "reasonWrong",
  incomplete: "reasonIncomplete",
  offtopic: "reasonOffTopic",
  outdated: "reasonOutdated",
} as const satisfies Record<string, FeedbackMessage>;
type Reason = keyof typeof REASONS;

const rated = new WeakMap<TutorContext, RatedAnswers>();

function ratedAnswers(tutor: TutorContext): RatedAnswers {
  let r = rated.get(tutor);
  if (!r) {
    r = new RatedAnswers();
    rated.set(tutor, r);
  }
  return r;
}

/**
 * The 👍/👎 buttons of an answer of /ask or /explain (none for other commands or a not-covered reply):
 * the answer is remembered in memory, and written only when someone votes.
 */
export function feedbackChoices(
  tutor: TutorContext,
  ctx: Invocation,
  path: readonly string[],
  args: RawArgs,
  answer: Reply,
  notesVersion: string,
): Choice[] {
  const option = path.length === 1 ? RATED.get(path[0] ?? "") : undefined;
  if (!option || answer.notFound) return [];
  const id = randomBytes(ANSWER_ID_BYTES).toString("base64url");
  ratedAnswers(tutor).add(id, {
    platform: ctx.platform,
    workspaceId: ctx.workspaceId,
    command: path[0] ?? "",
    question: String(args[option] ?? ""),
    source: answer.citations[0]?.source ?? null,
    notesVersion,
    at: tutor.now().getTime(),
  });
  return [
    { id: `fb:${id}:up`, label: say(ctx.locale, "helpful"), style: "secondary" },
    { id: `fb:${id}:down`, label: say(ctx.locale, "notHelpful"), style: "secondary" },
  ];
}

const note = (text: string, tone: "info" | "success" = "success") =>
  reply({ blocks: [{ type: "note", tone, text }] });

const expired = (ctx: Invocation) => ({ reply: note(t(ctx.locale, "expiredButton"), "info") });

function reasonChoices(ctx: Invocation, id: string): Choice[] {
  return (Object.keys(REASONS) as Reason[]).map((r) => ({
    id: `fb:${id}:why:${r}`,
    label: say(ctx.locale, REASONS[r]),
    style: "secondary",
  }));
}

/**
 * 👍/👎 and the reason buttons: `fb:<answer>:up`, `fb:<answer>:down`, `fb:<answer>:why:<reason>`. One vote
 * per person and answer; pressing the other button changes it.
 */
export const feedbackAction = defineAction({
  prefix: "fb",
  schema: z
    .string()
    .regex(/^[\w-]{8,32}:(up|down|why:(wrong|incomplete|offtopic|outdated))$/)
    .transform((s) => {
      const [answer = "", verb = "", reason] = s.split(":");
      return { answer, verb, reason: reason as Reason | undefined };
    }),
  run: async (tutor, ctx, p) => {
    const now = tutor.now();
    const key = {
      platform: ctx.platform,
      workspaceId: ctx.workspaceId,
      answerId: p.answer,
      userId: ctx.userId,
    };
    if (p.verb === "why") {
      const reason = p.reason ?? "wrong";
      const saved = await tutor.state.feedback.reason(key, reason, now);
      return {
        reply: saved
          ? note(say(ctx.locale, "reasonSaved", { reason: say(ctx.locale, REASONS[reason]) }))
          : note(say(ctx.locale, "reasonNoVote"), "info"),
      };
    }
    const vote: Vote = p.verb === "up" ? "up" : "down";
    const answer = ratedAnswers(tutor).get(p.answer, now.getTime());
    // After a restart the answer is gone from memory, but a vote already given can still be changed.
    const given = answer ? null : await tutor.state.feedback.voteOf(key);
    if (!answer && !given) return expired(ctx);
    if (answer && (answer.platform !== ctx.platform || answer.workspaceId !== ctx.workspaceId))
      return expired(ctx);
    const change = await tutor.state.feedback.vote(
      {
        ...key,
        vote,
        command: answer?.command ?? "",
        question: answer?.question ?? "",
        source: answer?.source ?? null,
        notesVersion: answer?.notesVersion ?? "",
      },
      now,
    );
    if (change === "same")
      return { reply: note(say(ctx.locale, "sameVote", { vote: vote === "up" ? "👍" : "👎" }), "info") };
    const text =
      vote === "up"
        ? say(ctx.locale, change === "changed" ? "changedUp" : "thanksUp")
        : say(ctx.locale, change === "changed" ? "changedDown" : "thanksDown");
    const r = note(text);
    return { reply: vote === "down" ? { ...r, choices: reasonChoices(ctx, p.answer) } : r };
  },
});
