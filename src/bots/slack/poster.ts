import type { webApi } from "@slack/bolt";
import type { Locale } from "../../core/i18n.js";
import type { Logger } from "../../core/logger.js";
import type { ChannelPoster } from "../../core/ports.js";
import type { Reply } from "../../core/reply.js";
import { NO_UNFURL } from "./context.js";
import { renderSlack } from "./render.js";

/**
 * How core speaks first in Slack (daily quiz posts, onboarding): chat.postMessage, chat.update and
 * chat.postEphemeral with the bot token. One installation per process, so `workspaceId` selects nothing;
 * it is part of the port for platforms and deployments that serve several. Posts are in TUTOR_LOCALE,
 * the language of the channel rather than of one person.
 */
export function slackPoster(client: webApi.WebClient, locale: Locale, logger: Logger): ChannelPoster {
  return {
    platform: "slack",
    async post(_workspaceId: string, channelId: string, reply: Reply): Promise<string> {
      const res = await client.chat.postMessage({
        channel: channelId,
        ...renderSlack(reply, locale),
        ...NO_UNFURL,
      });
      if (!res.ts) throw new Error("chat.postMessage returned no ts");
      return res.ts;
    },
    async update(_workspaceId: string, channelId: string, messageId: string, reply: Reply): Promise<void> {
      await client.chat.update({ channel: channelId, ts: messageId, ...renderSlack(reply, locale) });
    },
    async postEphemeral(
      _workspaceId: string,
      channelId: string,
      userId: string,
      reply: Reply,
    ): Promise<boolean> {
      try {
        await client.chat.postEphemeral({ channel: channelId, user: userId, ...renderSlack(reply, locale) });
        return true;
      } catch (err) {
        logger.warn({ err, channel: channelId }, "slack: chat.postEphemeral failed");
        return false;
      }
    },
  };
}
