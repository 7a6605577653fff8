import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Invocation, RawArgs } from "../commands/types.js";
import { t } from "../i18n.js";
import { type Choice, type Reply, reply } from "../reply.js";
import type { Dispatch, TutorContext } from "../context.js";
import { RecentAnswers } from "./recent-answers.js";
import { defineAction } from "./types.js";

/** Commands whose answers can be shared to the channel. */
export const SHAREABLE = new Set(["explain", "ask"]);

/** Random bytes of a Share id: 72 bits, so an id can't be guessed; the id itself carries nothing. */
const SHARE_ID_BYTES = 9;

/** Each tutor's answers waiting for a press (in memory only; see recent-answers.ts). */
const waiting = new WeakMap<TutorContext & Dispatch, RecentAnswers>();

/** The answers of this tutor that carry a Share button and were not shared yet. */
export function recentAnswers(tutor: TutorContext & Dispatch): RecentAnswers {
  let recent = waiting.get(tutor);
  if (!recent) {
    recent = new RecentAnswers();
    waiting.set(tutor, recent);
  }
  return recent;
}

/**
 * Remembers an answer's command (in memory) so the Share button can rebuild it publicly; returns the
 * button. Nothing is written until the button is pressed.
 */
export function shareChoice(
  tutor: TutorContext & Dispatch,
  ctx: Invocation,
  path: readonly string[],
  args: RawArgs,
): Choice {
  const id = randomBytes(SHARE_ID_BYTES).toString("base64url");
  recentAnswers(tutor).add(id, {
    platform: ctx.platform,
    workspaceId: ctx.workspaceId,
    userId: ctx.userId,
    command: path.join(" "),
    argsJson: JSON.stringify(args),
    at: tutor.now().getTime(),
  });
  return { id: `share:${id}`, label: t(ctx.locale, "share"), style: "secondary" };
}

const argsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

const expired = (ctx: Invocation) => ({
  reply: reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] }),
});

/**
 * Share: posts the same answer publicly, credited to the person who shared it, and records the share.
 * A button pressed again after a restart is rebuilt from that record.
 */
export const shareAction = defineAction({
  prefix: "share",
  schema: z.string().regex(/^[\w-]{8,32}$/),
  run: async (tutor, ctx, id) => {
    const now = tutor.now();
    const pending = recentAnswers(tutor).get(id, now.getTime());
    const found = pending ? { id, ...pending } : await tutor.state.shares.find(id, now);
    if (!found || found.workspaceId !== ctx.workspaceId || found.platform !== ctx.platform)
      return expired(ctx);
    const args = argsSchema.safeParse(JSON.parse(found.argsJson));
    const path = found.command.split(" ");
    if (!args.success || !SHAREABLE.has(path[0] ?? "")) return expired(ctx);
    if (pending) await tutor.state.shares.record(found, now);
    const answer: Reply = await tutor.runCommand(ctx, path, args.data);
    const credit = t(ctx.locale, "sharedBy", { user: ctx.userName ?? ctx.userId });
    const publish: Reply = {
      ...answer,
      ephemeral: false,
      choices: [],
      subtitle: [answer.subtitle, credit].filter(Boolean).join(" · "),
    };
    return {
      publish,
      reply: reply({ blocks: [{ type: "note", tone: "success", text: t(ctx.locale, "shared") }] }),
    };
  },
});
