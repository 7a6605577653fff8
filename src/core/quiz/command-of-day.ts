import type { KnowledgeIndex } from "../../knowledge/search.js";
import { say } from "../feedback/messages.js";
import type { Locale } from "../i18n.js";
import type { Reply } from "../reply.js";
import type { Db } from "../storage/database.js";
import { rng, seedOf, shuffle } from "./random.js";
import type { Place } from "./store.js";

/** The commands a channel was shown, read back to choose the next one: a year of daily posts. */
const HISTORY_LIMIT = 366;

/** The claims of command-of-the-day posts: one per channel and local date (table daily_commands). */
export class CommandPosts {
  constructor(private readonly db: Db) {}

  /** Claims the post of this channel and date for a command; false when some process claimed it already. */
  claim(place: Place, date: string, command: string, now: Date): boolean {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO daily_commands (platform, workspace_id, channel_id, post_date, command, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(place.platform, place.workspaceId, place.channelId, date, command, now.toISOString());
    return info.changes > 0;
  }

  /** Gives a claim back (the platform refused the post), so a retry can post it. */
  release(place: Place, date: string): void {
    this.db
      .prepare(
        "DELETE FROM daily_commands WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND post_date = ? AND message_id IS NULL",
      )
      .run(place.platform, place.workspaceId, place.channelId, date);
  }

  setMessageId(place: Place, date: string, messageId: string): void {
    this.db
      .prepare(
        "UPDATE daily_commands SET message_id = ? WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND post_date = ?",
      )
      .run(messageId, place.platform, place.workspaceId, place.channelId, date);
  }

  posted(place: Place, date: string): boolean {
    return (
      this.db
        .prepare(
          "SELECT 1 FROM daily_commands WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND post_date = ?",
        )
        .get(place.platform, place.workspaceId, place.channelId, date) !== undefined
    );
  }

  /** The commands this channel was shown, newest first. */
  history(place: Place): { command: string; date: string }[] {
    return this.db
      .prepare(
        `SELECT command, post_date AS date FROM daily_commands
           WHERE platform = ? AND workspace_id = ? AND channel_id = ? ORDER BY post_date DESC LIMIT ?`,
      )
      .all(place.platform, place.workspaceId, place.channelId, HISTORY_LIMIT) as {
      command: string;
      date: string;
    }[];
  }
}

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
