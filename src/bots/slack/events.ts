import type { App } from "@slack/bolt";
import { NO_UNFURL, type SlackHandlerDeps } from "./context.js";
import { renderSlack } from "./render.js";
import { plainFromSlack, withoutBotMention } from "./text-in.js";

/**
 * Events (acknowledged by Bolt before the listener runs):
 * - `app_mention`: `@tutor how do I copy a file` is answered by core's mention() in the message's thread
 *   (publicly: the question was asked in the open);
 * - `member_joined_channel`: core's memberJoined() decides (an onboarding channel welcomes its newcomers);
 *   its reply goes only to the newcomer, with chat.postEphemeral. The bot's own joins are ignored.
 */
export function registerEvents(app: App, deps: SlackHandlerDeps): void {
  const { tutor, people, logger } = deps;

  app.event("app_mention", async ({ event, body, context, client }) => {
    const userId = event.user;
    if (!userId || event.bot_id) return;
    const ctx = await people.invocation({
      teamId: body.team_id ?? event.team ?? "",
      channelId: event.channel,
      userId,
    });
    const text = plainFromSlack(withoutBotMention(event.text, context.botUserId));
    const answer = await tutor.mention(ctx, text);
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      ...renderSlack(answer, ctx.locale),
      ...NO_UNFURL,
    });
  });

  app.event("member_joined_channel", async ({ event, body, context, client }) => {
    if (event.user === context.botUserId) return;
    const ctx = await people.invocation({
      teamId: body.team_id ?? event.team ?? "",
      channelId: event.channel,
      userId: event.user,
    });
    const welcome = await tutor.memberJoined(ctx);
    if (!welcome) return;
    await client.chat.postEphemeral({
      channel: event.channel,
      user: event.user,
      ...renderSlack(welcome, ctx.locale),
    });
    logger.debug({ channel: event.channel }, "slack: welcomed a newcomer");
  });
}
