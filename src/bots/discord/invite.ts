import { OAuth2Scopes, PermissionFlagsBits } from "discord.js";

/**
 * The permissions the bot asks for when it is added to a server, and why. Answers to slash commands and
 * buttons need none (Discord delivers them through the interaction); these are for the messages the bot
 * posts by itself.
 */
export const BOT_PERMISSION_FLAGS = {
  /** See the channels it posts to. */
  ViewChannel: PermissionFlagsBits.ViewChannel,
  /** Share, daily posts, welcomes. */
  SendMessages: PermissionFlagsBits.SendMessages,
  /** Its answers are embeds; without this Discord drops them from channel messages. */
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
  /** Answer an @mention in a thread started on the message. */
  CreatePublicThreads: PermissionFlagsBits.CreatePublicThreads,
  SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads,
} as const;

/** 1024 + 2048 + 16384 + 34359738368 + 274877906944 = 309237664768. */
export const BOT_PERMISSIONS: bigint = Object.values(BOT_PERMISSION_FLAGS).reduce((a, b) => a | b, 0n);

/** `bot` adds the bot user; `applications.commands` lets the server use its slash commands. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The link a server admin opens to add the bot. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: INVITE_SCOPES.join(" "),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString().replace(/\+/g, "%20")}`;
}
