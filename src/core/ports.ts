import type { Platform } from "./commands/types.js";
import type { Reply } from "./reply.js";

/**
 * What core needs from a chat platform to speak first (daily quiz posts, onboarding nudges): post a
 * message to a channel, and edit it later. Each adapter implements it.
 */
export interface ChannelPoster {
  readonly platform: Platform;
  /** Posts publicly; returns the platform's message id. */
  post(workspaceId: string, channelId: string, reply: Reply): Promise<string>;
  /** Replaces a message the bot posted earlier. */
  update(workspaceId: string, channelId: string, messageId: string, reply: Reply): Promise<void>;
  /** Sends a message only `userId` sees (a welcome on joining an onboarding channel); false if it cannot. */
  postEphemeral?(workspaceId: string, channelId: string, userId: string, reply: Reply): Promise<boolean>;
}
