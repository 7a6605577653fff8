import { Client, GatewayIntentBits, Options } from "discord.js";
import { NO_MENTIONS } from "./render.js";
import type { DiscordSettings } from "./settings.js";

/**
 * The least intents for the features switched on. Slash commands, autocomplete and buttons need no intent
 * at all (interactions always arrive); Guilds keeps the server and channel cache that posting, threads
 * and permissions rely on. GuildMembers is privileged (enable "Server Members Intent" in the developer
 * portal, or the gateway closes with 4014). GuildMessages is not privileged, and Message Content is never
 * asked for: Discord delivers the content of messages that @mention the bot without it.
 */
export function intentsFor(s: Pick<DiscordSettings, "memberJoins" | "mentions">): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds];
  if (s.memberJoins) intents.push(GatewayIntentBits.GuildMembers);
  if (s.mentions) intents.push(GatewayIntentBits.GuildMessages);
  return intents;
}

/**
 * A client that stays small when idle: no messages, members, users, presences, emojis, stickers, voice
 * states, invites, bans, reactions or events are cached (the bot reads everything it needs from the
 * interaction or event it is handling); only the bot's own member and user are kept. Guilds, channels and
 * roles stay cached (discord.js does not support limiting them, and permissions come from them).
 */
export function createClient(s: Pick<DiscordSettings, "memberJoins" | "mentions" | "apiUrl">): Client {
  return new Client({
    intents: intentsFor(s),
    ...(s.apiUrl ? { rest: { api: s.apiUrl } } : {}),
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMessageManager: 0,
      DMMessageManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (m) => m.id === m.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (u) => u.id === u.client.user.id },
      ThreadMemberManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      BaseGuildEmojiManager: 0,
      ApplicationEmojiManager: 0,
      GuildStickerManager: 0,
      VoiceStateManager: 0,
      StageInstanceManager: 0,
      GuildScheduledEventManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      EntitlementManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      // Threads the bot answered mentions in: dropped from the cache an hour after they are archived.
      threads: { interval: 3600, lifetime: 3600 },
    },
  });
}
