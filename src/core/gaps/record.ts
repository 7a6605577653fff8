import { z } from "zod";
import { defineAction } from "../actions/types.js";
import type { Invocation } from "../commands/types.js";
import { t } from "../i18n.js";
import { type Choice, reply } from "../reply.js";
import type { TutorContext } from "../context.js";
import { say } from "../feedback/messages.js";
import { gapTerms } from "./group.js";

/** Commands whose "not in your notes" replies are gaps, and the option that holds what was asked. */
const GAP_COMMANDS: ReadonlyMap<string, string> = new Map([
  ["ask", "question"],
  ["explain", "command"],
]);

/**
 * Records a question the notes did not cover and returns the "Request a note" button of its reply; null
 * for other commands, or when the database refuses the write (the answer still goes out, logged).
 */
export async function recordMiss(
  tutor: TutorContext,
  ctx: Invocation,
  path: readonly string[],
  args: Record<string, unknown>,
  notesVersion: string,
): Promise<Choice | null> {
  const option = path.length === 1 ? GAP_COMMANDS.get(path[0] ?? "") : undefined;
  const question = option ? String(args[option] ?? "").trim() : "";
  if (!option || !question) return null;
  try {
    const id = await tutor.state.gaps.record({
      platform: ctx.platform,
      workspaceId: ctx.workspaceId,
      channelId: ctx.channelId,
      userId: ctx.userId,
      command: path[0] ?? "",
      question,
      terms: gapTerms(question),
      notesVersion,
      askedAt: tutor.now().toISOString(),
    });
    return { id: `gap:${id}`, label: say(ctx.locale, "requestNote"), style: "primary" };
  } catch (err) {
    tutor.logger.warn({ err }, "could not record a question the notes did not cover");
    return null;
  }
}

/** "Request a note" on a not-covered reply: `gap:<gap id>`; one request per person and question. */
export const requestNoteAction = defineAction({
  prefix: "gap",
  schema: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
  run: async (tutor, ctx, id) => {
    const gap = await tutor.state.gaps.find({ platform: ctx.platform, workspaceId: ctx.workspaceId }, id);
    if (!gap)
      return {
        reply: reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] }),
      };
    const added = await tutor.state.gaps.request(gap.id, ctx.userId, tutor.now());
    const text = say(ctx.locale, added ? "requested" : "requestedAlready");
    return { reply: reply({ blocks: [{ type: "note", tone: added ? "success" : "info", text }] }) };
  },
});
