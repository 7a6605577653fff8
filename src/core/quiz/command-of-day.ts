import type { KnowledgeIndex } from "../../knowledge/search.js";
import { say } from "../feedback/messages.js";
import type { Locale } from "../i18n.js";
import type { Reply } from "../reply.js";
import { rng, seedOf, shuffle } from "./random.js";
import type { Place } from "./store.js";

/** The commands a channel was shown, read back to choose the next one: a year of daily posts. */
export const COMMAND_HISTORY_LIMIT = 366;

const key = (p: Place) => `${p.platform}\u0000${p.workspaceId}\u0000${p.channelId}`;

/**
 * Chooses each channel's command of the day from the commands the notes explain: one the channel has not
 * been shown yet (in an order of its own, so two channels do not march through the notes in step), else
 * the one it saw longest ago. Null when the notes hold no command.
 */
export function chooseCommand(
  index: KnowledgeIndex,
  history: readonly { command: string }[],
  place: Place,
  topic: string | null,
): string | null {
  let commands = index.notesCommands();
  if (topic) {
    const t = topic.toLowerCase();
    const under = new Set(
      index
        .allEntries("command")
        .filter((e) => e.path.some((p) => p.toLowerCase().includes(t)))
        .map((e) => e.command),
    );
    const within = commands.filter((c) => under.has(c));
    if (within.length > 0) commands = within;
  }
  if (commands.length === 0) return null;
  const shown = new Map<string, number>();
  history.forEach((h, i) => {
    if (!shown.has(h.command)) shown.set(h.command, i);
  });
  const order = shuffle(commands, rng(seedOf(`command-of-day:${key(place)}`)));
  const fresh = order.find((c) => !shown.has(c));
  if (fresh) return fresh;
  // Every command was shown: the one seen longest ago (the largest position in the newest-first history).
  return order.reduce((a, b) => ((shown.get(b) ?? 0) > (shown.get(a) ?? 0) ? b : a));
}

/** The post: the command's explanation from the notes, titled as the command of the day, public. */
export function commandOfDayReply(command: string, explained: Reply, locale: Locale): Reply {
  return {
    ...explained,
    title: say(locale, "commandOfDayTitle", { command }),
    subtitle: explained.title ?? explained.subtitle,
    ephemeral: false,
    choices: [],
  };
}
