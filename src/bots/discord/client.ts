import { Client, GatewayIntentBits, Options, Partials } from "discord.js";
import { NO_MENTIONS } from "./render.js";
import type { DiscordSettings } from "./settings.js";

/** The switches that decide the intents. */
export type IntentSettings = Pick<
  DiscordSettings,
  "memberJoins" | "mentions" | "directMessages" | "channelMessages"
>;

/**
 * The least intents for the features switched on. Slash commands, autocomplete and buttons need no intent
 * at all (interactions always arrive); Guilds keeps the server and channel cache that posting, threads
 * and permissions rely on. GuildMembers is privileged (enable "Server Members Intent" in the developer
 * portal, or the gateway closes with 4014). GuildMessages and DirectMessages are not privileged: Discord
 * delivers the content of messages that @mention the bot, and of DMs, without Message Content. Message
 * Content is privileged too, asked for only when the bot reads channels without a mention
 * (DISCORD_MESSAGE_CONTENT: thread follow-ups without a mention, auto-answer channels).
 */
export function intentsFor(s: Partial<IntentSettings>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds];
  if (s.memberJoins) intents.push(GatewayIntentBits.GuildMembers);
  if (s.mentions || s.channelMessages) intents.push(GatewayIntentBits.GuildMessages);
  if (s.directMessages) intents.push(GatewayIntentBits.DirectMessages);
  if (s.channelMessages) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/** Unsharded: one process holds the bot's only gateway connection. */
const UNSHARDED: DiscordSettings["shard"] = { id: 0, count: 1 };

/**
 * The gateway connection of one shard, `[id]` of `count`, always given explicitly: left unset, discord.js
 * would read SHARDS and SHARD_COUNT from the environment (meant for its own ShardingManager), or open every
 * shard of the count in this one process.
 */
export function shardOptions(shard: DiscordSettings["shard"] = UNSHARDED): {
  shards: number[];
  shardCount: number;
} {
  return { shards: [shard.id], shardCount: shard.count };
}

/**
 * A client that stays small when idle: no messages, members, users, presences, emojis, stickers, voice
 * states, invites, bans, reactions or events are cached (the bot reads everything it needs from the
 * interaction or event it is handling); only the bot's own member and user are kept. Guilds, channels and
 * roles stay cached (discord.js does not support limiting them, and permissions come from them).
 */
export function createClient(
  s: Partial<IntentSettings> & Pick<DiscordSettings, "apiUrl"> & Partial<Pick<DiscordSettings, "shard">>,
): Client {
  return new Client({
    intents: intentsFor(s),
    ...shardOptions(s.shard),
    // DM channels are not in the cache when their first message arrives: discord.js needs to be allowed to
    // hand over a partial channel, or it drops the message.
    ...(s.directMessages ? { partials: [Partials.Channel] } : {}),
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
