import { askCommand } from "./ask.js";
import { explainCommand } from "./explain.js";
import { helpCommand } from "./help.js";
import type { AnyCommand } from "./types.js";

/**
 * Every command of the bot, declared once. Discord's registration payload, the Slack manifest, /help, the
 * terminal's parser and the adapters' dispatch are all derived from this list.
 */
export const commandRegistry: readonly AnyCommand[] = [explainCommand, askCommand, helpCommand];
