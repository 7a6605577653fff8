import type { Platform } from "./invocation.js";
import type { Reply } from "./reply.js";

/**
 * What core needs from a chat platform to speak first (daily quiz posts, onboarding nudges): post a
 * message to a channel, and edit it later. Each adapter implements it.
 */
export interface ChannelPoster {
  readonly platform: Platform;
  /**
   * Whether this process speaks for a workspace. A Discord shard holds only its servers' channels, so a
   * daily post or a reminder claimed by another shard's process could not be sent; absent: every one.
   */
  serves?(workspaceId: string): boolean;
  /** Posts publicly; returns the platform's message id. */
  post(workspaceId: string, channelId: string, reply: Reply): Promise<string>;
  /** Replaces a message the bot posted earlier. */
  update(workspaceId: string, channelId: string, messageId: string, reply: Reply): Promise<void>;
  /** Sends a message only `userId` sees (a welcome on joining an onboarding channel); false if it cannot. */
  postEphemeral?(workspaceId: string, channelId: string, userId: string, reply: Reply): Promise<boolean>;
}
