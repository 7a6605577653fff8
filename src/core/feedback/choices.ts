import type { Invocation, RawArgs } from "../commands/types.js";
import { recordMiss } from "../gaps/record.js";
import type { Reply } from "../reply.js";
import type { TutorContext } from "../context.js";
import { feedbackChoices } from "./feedback.js";

/**
 * The team-loop buttons of a chat answer: 👍/👎 on an /ask or /explain answer, "Request a note" on its
 * "not in your notes" reply (which is recorded for the gaps report). Other replies are left as they are.
 */
export async function withFeedback(
  tutor: TutorContext,
  ctx: Invocation,
  path: readonly string[],
  args: RawArgs,
  answer: Reply,
  notesVersion: string,
): Promise<Reply> {
  if (answer.notFound) {
    const request = await recordMiss(tutor, ctx, path, args, notesVersion);
    return request ? { ...answer, choices: [...answer.choices, request] } : answer;
  }
  const votes = feedbackChoices(tutor, ctx, path, args, answer, notesVersion);
  return votes.length > 0 ? { ...answer, choices: [...answer.choices, ...votes] } : answer;
}
