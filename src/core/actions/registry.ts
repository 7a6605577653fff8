import { runGuarded } from "../commands/guard.js";
import { feedbackAction } from "../feedback/feedback.js";
import { requestNoteAction } from "../gaps/record.js";
import { onboardingAction } from "./onboarding.js";
import { quizAnswerAction } from "./quiz-answer.js";
import { shareAction } from "./share.js";
import type { ActionSpec } from "./types.js";

/** A button run in one transaction, with a clear answer when the database refuses to save. */
function guardedAction(spec: ActionSpec): ActionSpec {
  const run = spec.run;
  return {
    ...spec,
    run: (tutor, ctx, payload) =>
      runGuarded(
        tutor,
        ctx,
        `button:${spec.prefix}`,
        () => run(tutor, ctx, payload),
        (r) => ({ reply: r }),
      ),
  };
}

/** Every button the bot puts on a message, by id prefix. */
export const actionRegistry: readonly ActionSpec[] = [
  shareAction,
  quizAnswerAction,
  onboardingAction,
  feedbackAction,
  requestNoteAction,
].map(guardedAction);
