import { askCommand } from "./ask.js";
import { explainCommand } from "./explain.js";
import { guarded } from "./guard.js";
import { helpCommand } from "./help.js";
import { leaderboardCommand } from "./leaderboard.js";
import { onboardCommand } from "./onboard.js";
import { quizCommand } from "./quiz.js";
import { reviewCommand } from "./review.js";
import { statsCommand } from "./stats.js";
import { tutorAdminCommand } from "./tutor-admin.js";
import type { AnyCommand } from "./types.js";

/**
 * Every command of the bot, declared once. Discord's registration payload, the Slack manifest, /help, the
 * terminal's parser and the adapters' dispatch are all derived from this list. Each runs in one
 * transaction, with a clear answer when the database refuses to save (guard.ts).
 */
export const commandRegistry: readonly AnyCommand[] = [
  explainCommand,
  askCommand,
  quizCommand,
  reviewCommand,
  leaderboardCommand,
  statsCommand,
  onboardCommand,
  helpCommand,
  tutorAdminCommand,
].map((c) => guarded(c));
