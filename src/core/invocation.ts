// Who asked, where: the one platform-free description of an update that every use case receives. A leaf
// module (it imports only the types of a locale and a bilingual text), so anything may import it.
import type { Bilingual } from "../knowledge/catalog/types.js";
import type { Locale } from "./i18n.js";

export type Platform = "terminal" | "slack" | "discord";

/** Who asked, where, and in which language: everything a use case needs to know of the platform. */
export interface Invocation {
  platform: Platform;
  /** Slack team id, Discord guild id, "local" in the terminal. */
  workspaceId: string;
  channelId: string;
  userId: string;
  userName?: string;
  locale: Locale;
  /** Decided by the platform: Discord Manage Server, Slack admins or TUTOR_ADMINS, the terminal user. */
  isAdmin: boolean;
  /** A direct message with the bot: private by nature (no Share button, no channel settings). */
  direct?: boolean;
}

/** Arguments as they arrive: option name to value, already parsed from text or from the platform. */
export type RawArgs = Record<string, string | number | undefined>;

/** A command as /help lists it (name, what it does, an example, its subcommands). */
export interface CommandSummary {
  name: string;
  description: Bilingual;
  admin?: boolean;
  examples: string[];
  subcommands?: readonly { name: string }[];
}
