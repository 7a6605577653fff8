import type { Config } from "../../core/config.js";
import type { Locale } from "../../core/i18n.js";

/**
 * The Discord feature switches. They are read from the configuration when src/core/config.ts declares
 * them (`DISCORD_MEMBER_JOINS`, `DISCORD_MENTIONS`, see the README);
 * until then both features are off, which is also the right default: each one adds a gateway intent.
 */
export interface DiscordFeatureConfig {
  /** Welcome members who join a server: needs the privileged Server Members intent. */
  DISCORD_MEMBER_JOINS?: boolean | undefined;
  /** Answer messages that @mention the bot, in a thread: needs the (not privileged) Guild Messages intent. */
  DISCORD_MENTIONS?: boolean | undefined;
}

export interface DiscordSettings {
  token: string;
  /** Not needed to run: discord.js reads it at login. Used by registration. */
  applicationId?: string | undefined;
  /** REST base (`https://discord.com/api` by default); discord.js appends `/v10`. */
  apiUrl?: string | undefined;
  memberJoins: boolean;
  mentions: boolean;
  /** A command whose answer is not ready by then is deferred ("thinking…") and edited when it is. */
  deferAfterMs: number;
  /** The language when neither the user nor the server says. */
  locale: Locale;
}

/** Discord gives 3 s to acknowledge an interaction; deferring at 1.5 s leaves room for a slow network. */
export const DEFER_AFTER_MS = 1500;

export function discordSettings(
  config: Config & DiscordFeatureConfig,
  overrides: Partial<DiscordSettings> = {},
): DiscordSettings {
  if (!config.DISCORD_TOKEN && !overrides.token) throw new Error("DISCORD_TOKEN is not set");
  return {
    token: config.DISCORD_TOKEN ?? "",
    applicationId: config.DISCORD_APPLICATION_ID,
    apiUrl: config.DISCORD_API_URL,
    memberJoins: config.DISCORD_MEMBER_JOINS ?? false,
    mentions: config.DISCORD_MENTIONS ?? false,
    deferAfterMs: DEFER_AFTER_MS,
    locale: config.TUTOR_LOCALE,
    ...overrides,
  };
}
