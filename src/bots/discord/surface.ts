import {
  type Client,
  DiscordjsError,
  DiscordjsErrorCodes,
  Events,
  GatewayCloseCodes,
  Status,
} from "discord.js";
import type { Surface, SurfaceDeps } from "../surface.js";
import { createClient, intentsFor } from "./client.js";
import { EventHandler } from "./events.js";
import { InteractionHandler } from "./interactions.js";
import { DiscordPoster } from "./poster.js";
import { type DiscordSettings, discordSettings } from "./settings.js";

export interface DiscordSurface extends Surface {
  readonly client: Client;
  readonly settings: DiscordSettings;
}

/** Why the gateway refused to connect, in words that say what to change. */
function refusal(code: number, s: DiscordSettings): string {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return "Discord refused DISCORD_TOKEN (authentication failed)";
    case GatewayCloseCodes.DisallowedIntents:
      if (s.memberJoins)
        return 'Discord refused the Server Members intent: enable "Server Members Intent" for the bot in the developer portal, or turn DISCORD_MEMBER_JOINS off';
      return s.channelMessages
        ? 'Discord refused the Message Content intent: enable "Message Content Intent" for the bot in the developer portal, or turn DISCORD_MESSAGE_CONTENT off'
        : "Discord refused a privileged intent";
    default:
      return `Discord closed the gateway connection (${code})`;
  }
}

/**
 * The Discord surface: a discord.js client with the least intents and small caches, slash commands,
 * autocomplete and buttons answered by the tutor, member joins and mentions when switched on, and a
 * poster for core's own messages. `stop()` destroys the client (closes the gateway cleanly).
 */
export function createDiscordSurface(
  deps: SurfaceDeps,
  overrides: Partial<DiscordSettings> = {},
): DiscordSurface {
  const settings = discordSettings(deps.config, overrides);
  const logger = deps.logger.child({ platform: "discord" });
  const client = createClient(settings);
  const setConnected = (up: boolean) => deps.metrics.connected.set({ platform: "discord" }, up ? 1 : 0);

  new InteractionHandler({ tutor: deps.tutor, logger, settings }).attach(client);
  new EventHandler({ tutor: deps.tutor, logger, settings }).attach(client);
  client.on(Events.ShardReady, () => setConnected(true));
  client.on(Events.ShardResume, () => setConnected(true));
  client.on(Events.ShardReconnecting, () => setConnected(false));
  client.on(Events.ShardDisconnect, (event) => {
    setConnected(false);
    logger.error({ code: event.code }, refusal(event.code, settings));
  });
  client.on(Events.Error, (err) => logger.error({ err }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn(message));

  return {
    name: "discord",
    client,
    settings,
    poster: new DiscordPoster(client, settings.locale),
    async start() {
      let settle = () => {};
      const ready = new Promise<void>((resolve, reject) => {
        const onReady = () => resolve();
        const onRefused = (event: { code: number }) => reject(new Error(refusal(event.code, settings)));
        client.once(Events.ClientReady, onReady);
        client.once(Events.ShardDisconnect, onRefused);
        settle = () => {
          client.off(Events.ClientReady, onReady);
          client.off(Events.ShardDisconnect, onRefused);
        };
      });
      const login = client.login(settings.token).catch((err: unknown) => {
        if (err instanceof DiscordjsError && err.code === DiscordjsErrorCodes.TokenInvalid)
          throw new Error(refusal(GatewayCloseCodes.AuthenticationFailed, settings), { cause: err });
        throw err;
      });
      try {
        await Promise.all([login, ready]);
      } finally {
        settle();
      }
      logger.info(
        {
          user: client.user?.tag,
          guilds: client.guilds.cache.size,
          intents: intentsFor(settings),
          // [id, count]: which pod runs which shard, in its logs.
          shard: [settings.shard.id, settings.shard.count],
        },
        "discord connected",
      );
    },
    async stop() {
      await client.destroy();
      setConnected(false);
    },
    connected() {
      return client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready);
    },
  };
}
