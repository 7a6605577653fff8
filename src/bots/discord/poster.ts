import type { Client, SendableChannels } from "discord.js";
import type { ChannelPoster } from "../../core/ports.js";
import { type Locale, localeFrom } from "../../core/i18n.js";
import type { Reply } from "../../core/reply.js";
import { renderReply } from "./render.js";

/**
 * How core speaks first on Discord (daily quizzes, onboarding): `channel.send` and `message.edit`.
 * There is no `postEphemeral`: Discord shows private messages only as answers to an interaction.
 */
export class DiscordPoster implements ChannelPoster {
  readonly platform = "discord" as const;

  constructor(
    private readonly client: Client,
    private readonly locale: Locale,
  ) {}

  /** A server is this process's when its shard is: `(guild_id >> 22) % shard_count` among the client's shards. */
  serves(guildId: string): boolean {
    const { shards, shardCount } = this.client.options;
    if (!Array.isArray(shards) || typeof shardCount !== "number" || shardCount <= 1) return true;
    if (!/^\d+$/.test(guildId)) return true;
    return shards.includes(Number((BigInt(guildId) >> 22n) % BigInt(shardCount)));
  }

  private async channel(channelId: string): Promise<SendableChannels> {
    const channel = await this.client.channels.fetch(channelId);
    if (!channel?.isSendable())
      throw new Error(`Discord channel ${channelId} is not one the bot can post in`);
    return channel;
  }

  private render(channel: SendableChannels, r: Reply) {
    const locale = "guild" in channel ? localeFrom(channel.guild.preferredLocale, this.locale) : this.locale;
    return renderReply({ ...r, ephemeral: false }, locale).message;
  }

  async post(_workspaceId: string, channelId: string, r: Reply): Promise<string> {
    const channel = await this.channel(channelId);
    const message = await channel.send(this.render(channel, r));
    return message.id;
  }

  async update(_workspaceId: string, channelId: string, messageId: string, r: Reply): Promise<void> {
    const channel = await this.channel(channelId);
    if (!("messages" in channel)) throw new Error(`Discord channel ${channelId} has no messages to edit`);
    await channel.messages.edit(messageId, this.render(channel, r));
  }
}
