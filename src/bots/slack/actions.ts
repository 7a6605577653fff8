import type { App, BlockAction, RespondFn, webApi } from "@slack/bolt";
import type { ActionResult } from "../../core/actions/types.js";
import type { Invocation } from "../../core/commands/types.js";
import { t } from "../../core/i18n.js";
import { type Reply, reply } from "../../core/reply.js";
import { NO_UNFURL, responseOf, type SlackHandlerDeps } from "./context.js";
import { renderSlack } from "./render.js";

/** The Web API errors after which a public post goes through the response_url instead. */
const CANNOT_POST = new Set(["not_in_channel", "channel_not_found"]);

function apiError(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/**
 * Every button press goes to core (`tutor.runAction`, by the button's action_id, which is the choice id),
 * acknowledged first. What core answers is carried out the Slack way:
 * - `publish`: chat.postMessage to the channel (Share); where the bot may not post (a private channel it
 *   is not in), the response_url posts it `in_channel` instead;
 * - `update`: the message holding the button is replaced through the press's response_url
 *   (`replace_original`), which reaches every message the app posted, ephemeral ones included, where
 *   chat.update reaches only messages of the bot user in channels it can see;
 * - `reply`: privately to the presser, through the response_url.
 */
export function registerActions(app: App, deps: SlackHandlerDeps): void {
  const { tutor, people, logger } = deps;
  app.action<BlockAction>({ type: "block_actions" }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const id = "action_id" in action ? action.action_id : "";
    const channelId = body.channel?.id ?? String(body.container.channel_id ?? "");
    const ctx = await people.invocation({
      teamId: body.team?.id ?? body.user.team_id ?? "",
      channelId,
      userId: body.user.id,
      userName: body.user.username ?? body.user.name,
    });
    const result = await tutor.runAction(ctx, id);
    try {
      await carryOut(result, ctx, { client, respond, channelId });
    } catch (err) {
      logger.error({ err, action: id.split(":")[0] }, "slack: could not carry out a button press");
      const sorry = reply({
        blocks: [{ type: "note", tone: "error", text: t(ctx.locale, "internalError") }],
      });
      await respond(responseOf(sorry, ctx.locale)).catch(() => {});
    }
  });
}

interface Where {
  client: webApi.WebClient;
  respond: RespondFn;
  channelId: string;
}

async function carryOut(result: ActionResult, ctx: Invocation, where: Where): Promise<void> {
  const { respond } = where;
  if (result.publish) await publish(result.publish, ctx, where);
  if (result.update) await respond(responseOf(result.update, ctx.locale, "replace"));
  if (result.reply) await respond(responseOf({ ...result.reply, ephemeral: true }, ctx.locale));
}

async function publish(answer: Reply, ctx: Invocation, where: Where): Promise<void> {
  const message = renderSlack(answer, ctx.locale);
  try {
    await where.client.chat.postMessage({ channel: where.channelId, ...message, ...NO_UNFURL });
  } catch (err) {
    if (!CANNOT_POST.has(apiError(err) ?? "")) throw err;
    await where.respond({ response_type: "in_channel", replace_original: false, ...message });
  }
}
