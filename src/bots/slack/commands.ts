import type { App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { t } from "../../core/i18n.js";
import { reply } from "../../core/reply.js";
import { responseOf, type SlackHandlerDeps } from "./context.js";
import { plainFromSlack } from "./text-in.js";

/** Every slash command: the command and its text go to core's parser, which knows the registry. */
const ANY_SLASH_COMMAND = /^\//;

/**
 * One listener for every slash command (`/explain`, `/ask`, `/help`, `/tutor` …): the command and its
 * subcommands and options are read from the line by core's parser. One, not one per command: Bolt runs
 * every listener's matchers on every request, so each listener more is work on every command, event and
 * button (measured with `npm run bench:service`). Every command is acknowledged first, with an empty ack
 * (within Slack's 3 seconds whatever the answer costs), and answered afterwards through its response_url:
 * privately by default, publicly when core says the reply is public. A command the registry no longer has
 * (an app configured from an older manifest) is acked and answered by core's "unknown command" rather than
 * left to time out.
 */
export function registerCommands(app: App, deps: SlackHandlerDeps): void {
  app.command(ANY_SLASH_COMMAND, (args) => answer(args, deps));
}

async function answer(args: SlackCommandMiddlewareArgs, deps: SlackHandlerDeps): Promise<void> {
  const { ack, command, respond } = args;
  const { tutor, people, logger } = deps;
  await ack();
  const ctx = await people.invocation({
    teamId: command.team_id,
    channelId: command.channel_id,
    userId: command.user_id,
    userName: command.user_name,
  });
  const sorry = () =>
    reply({ blocks: [{ type: "note", tone: "error", text: t(ctx.locale, "internalError") }] });
  const line = `${command.command} ${plainFromSlack(command.text ?? "")}`;
  const result = await tutor.runTextForChat(ctx, line).catch((err: unknown) => {
    logger.error({ err, command: command.command }, "slack: command failed");
    return sorry();
  });
  try {
    await respond(responseOf(result, ctx.locale));
  } catch (err) {
    logger.error({ err, command: command.command }, "slack: could not answer through response_url");
    await respond(responseOf(sorry(), ctx.locale)).catch(() => {});
  }
}
