import { type Config, type DiscordShard, discordShard } from "../../core/config.js";
import type { Locale } from "../../core/i18n.js";

export interface DiscordSettings {
  token: string;
  /** Not needed to run: discord.js reads it at login. Used by registration. */
  applicationId?: string | undefined;
  /** REST base (`https://discord.com/api` by default); discord.js appends `/v10`. */
  apiUrl?: string | undefined;
  memberJoins: boolean;
  mentions: boolean;
  /** Direct messages with the bot (the Direct Messages intent). */
  directMessages: boolean;
  /**
   * Messages without a mention (the privileged Message Content intent): follow-ups in the bot's threads,
   * questions in channels set to auto-answer.
   */
  channelMessages: boolean;
  /** A command whose answer is not ready by then is deferred ("thinking…") and edited when it is. */
  deferAfterMs: number;
  /** The language when neither the user nor the server says. */
  locale: Locale;
  /** The one gateway shard this process runs (DISCORD_SHARD_COUNT, DISCORD_SHARD_ID or POD_NAME). */
  shard: Pick<DiscordShard, "id" | "count">;
}

/** Discord gives 3 s to acknowledge an interaction; deferring at 1.5 s leaves room for a slow network. */
export const DEFER_AFTER_MS = 1500;

export function discordSettings(config: Config, overrides: Partial<DiscordSettings> = {}): DiscordSettings {
  if (!config.DISCORD_TOKEN && !overrides.token) throw new Error("DISCORD_TOKEN is not set");
  const shard = discordShard(config);
  if ("problem" in shard) throw new Error(`${shard.variable} ${shard.problem}`);
  return {
    token: config.DISCORD_TOKEN ?? "",
    applicationId: config.DISCORD_APPLICATION_ID,
    apiUrl: config.DISCORD_API_URL,
    // Both off by default: each adds a gateway intent (Server Members is privileged).
    memberJoins: config.DISCORD_MEMBER_JOINS,
    mentions: config.DISCORD_MENTIONS,
    // Off by default too: DMs add an intent, and reading channels needs the privileged Message Content.
    directMessages: config.DISCORD_DIRECT_MESSAGES,
    channelMessages: config.DISCORD_MESSAGE_CONTENT,
    deferAfterMs: DEFER_AFTER_MS,
    locale: config.TUTOR_LOCALE,
    shard: { id: shard.id, count: shard.count },
    ...overrides,
  };
}
