import { onboardingAction } from "./onboarding.js";
import { quizAnswerAction } from "./quiz-answer.js";
import { shareAction } from "./share.js";
import type { ActionSpec } from "./types.js";

/** Every button the bot puts on a message, by id prefix. */
export const actionRegistry: readonly ActionSpec[] = [shareAction, quizAnswerAction, onboardingAction];
