import type { RespondArguments } from "@slack/bolt";
import type { Locale } from "../../core/i18n.js";
import type { Logger } from "../../core/logger.js";
import type { Reply } from "../../core/reply.js";
import type { Tutor } from "../../core/tutor.js";
import { renderSlack } from "./render.js";
import type { SlackPeople } from "./users.js";

/** What the Slack listeners share. */
export interface SlackHandlerDeps {
  tutor: Tutor;
  people: SlackPeople;
  logger: Logger;
}

/**
 * A reply sent through a `response_url`: only the person sees it unless the reply is public
 * (`in_channel`); `replace` swaps it for the message that holds the button pressed.
 */
export function responseOf(reply: Reply, locale: Locale, mode: "new" | "replace" = "new"): RespondArguments {
  const message = renderSlack(reply, locale);
  if (mode === "replace") return { replace_original: true, ...message };
  return {
    response_type: reply.ephemeral ? "ephemeral" : "in_channel",
    replace_original: false,
    ...message,
  };
}

/** Messages posted with chat.postMessage never unfurl: the bot shows no previews of any link. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;
