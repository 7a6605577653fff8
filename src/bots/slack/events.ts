import type { App } from "@slack/bolt";
import { z } from "zod";
import { type ChatMessage, howToAnswer } from "../../core/conversation/messages.js";
import { NO_UNFURL, type SlackHandlerDeps } from "./context.js";
import { renderSlack } from "./render.js";
import { plainFromSlack, withoutBotMention } from "./text-in.js";

/**
 * The fields of a `message` event the bot reads (Slack sends many more, and many kinds: edits, joins,
 * bot posts carry a `subtype` or a `bot_id` and are left alone).
 */
const messageEvent = z.object({
  type: z.literal("message"),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: z.string().min(1),
  text: z.string().default(""),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.enum(["im", "channel", "group", "mpim", "app_home"]),
  team: z.string().optional(),
});

/**
 * Events (acknowledged by Bolt before the listener runs), each answered by core's message(), which decides
 * whether to speak:
 * - `app_mention`: `@tutor how do I copy a file` is answered in the message's thread (publicly: the
 *   question was asked in the open), with the thread's earlier questions as context;
 * - `message.im`: a direct message (the App Home messages tab) is a command or a question, answered in
 *   the DM (in its thread when it was asked in one), with the DM's earlier questions as context;
 * - `message.channels`, `message.groups`: a question replying in a thread the bot answered in is a
 *   follow-up; a question posted in a channel set to auto-answer gets an answer in its thread when the
 *   notes cover it. Everything else stays unanswered. A message that mentions the bot is left to
 *   `app_mention` (Slack sends both);
 * - `member_joined_channel`: core's memberJoined() decides (an onboarding channel welcomes its newcomers);
 *   its reply goes only to the newcomer, with chat.postEphemeral. The bot's own joins are ignored.
 */
export function registerEvents(app: App, deps: SlackHandlerDeps): void {
  const { tutor, people, logger } = deps;

  app.event("app_mention", async ({ event, body, context, client }) => {
    const userId = event.user;
    if (!userId || event.bot_id) return;
    const teamId = body.team_id ?? event.team ?? "";
    const ctx = await people.invocation({ teamId, channelId: event.channel, userId });
    const threadTs = event.thread_ts ?? event.ts;
    const text = plainFromSlack(withoutBotMention(event.text, context.botUserId));
    const answer = await tutor.message(ctx, {
      text,
      direct: false,
      mentioned: true,
      conversation: { platform: "slack", workspaceId: teamId, channelId: event.channel, threadId: threadTs },
    });
    if (!answer) return;
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: threadTs,
      ...renderSlack(answer, ctx.locale),
      ...NO_UNFURL,
    });
  });

  app.event("message", async ({ event, body, context, client }) => {
    const parsed = messageEvent.safeParse(event);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.subtype !== undefined || m.bot_id !== undefined || m.user === context.botUserId) return;
    const direct = m.channel_type === "im";
    const mentionsBot = context.botUserId ? m.text.includes(`<@${context.botUserId}`) : false;
    // In a channel, a mention is app_mention's (Slack delivers the message twice).
    if (!direct && mentionsBot) return;
    const teamId = body.team_id ?? m.team ?? "";
    // A DM is one conversation (or one per thread in it); in a channel, the thread the answer goes to.
    const threadId = direct ? (m.thread_ts ?? "") : (m.thread_ts ?? m.ts);
    const msg: ChatMessage = {
      text: plainFromSlack(withoutBotMention(m.text, context.botUserId)),
      direct,
      mentioned: mentionsBot,
      conversation: { platform: "slack", workspaceId: teamId, channelId: m.channel, threadId },
    };
    // Chatter in a channel is left alone before anyone is looked up (users.info).
    if (!direct && (await howToAnswer(tutor, msg, m.channel)) === "silent") return;
    const ctx = await people.invocation({ teamId, channelId: m.channel, userId: m.user });
    const answer = await tutor.message(ctx, msg);
    if (!answer) return;
    const threadTs = direct ? m.thread_ts : threadId;
    await client.chat.postMessage({
      channel: m.channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...renderSlack(answer, ctx.locale),
      ...NO_UNFURL,
    });
    logger.debug({ channel: m.channel, direct }, "slack: answered a message");
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
