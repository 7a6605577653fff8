import { isQuestion } from "../channels/question.js";
import type { Invocation } from "../commands/types.js";
import { t } from "../i18n.js";
import { type Block, type Reply, reply } from "../reply.js";
import { withFeedback } from "../feedback/choices.js";
import type { Dispatch, TutorContext } from "../context.js";
import { resolveFollowUp } from "./follow-up.js";
import { withHistory } from "./history.js";
import type { ConversationPlace, Turn } from "./memory.js";

/** The longest question /ask takes (its schema's bound): a follow-up that would pass it with its subject added is searched as typed. */
const ASK_MAX_CHARS = 500;

/** A message someone posted where the bot can read it. */
export interface ChatMessage {
  /** Plain text, without the mention of the bot. */
  text: string;
  /** A direct message with the bot (Slack's App Home messages tab, a Discord DM). */
  direct: boolean;
  /** The message mentions the bot. */
  mentioned: boolean;
  /** The conversation the answer goes to: the thread (the one the answer will start, too) or the DM. */
  conversation: ConversationPlace;
  /** The channel whose settings apply (a thread's parent channel); the invocation's channel by default. */
  settingsChannelId?: string;
}

/**
 * Decides whether and how to answer a message, and answers it (null: stay silent):
 * - a direct message is always for the bot: a command when it starts with one, otherwise a question;
 * - in a channel set to `off`, nothing is answered;
 * - a mention is answered as today's mentions are (commands or questions), publicly in its thread;
 * - a question replying in a thread the bot answered in is a follow-up, answered with the thread's context;
 * - a question posted in a channel set to `auto` is answered only when the notes cover it.
 * Chatter (not a question, no mention) is never answered. Questions in a conversation are read with its
 * earlier turns (follow-up.ts), and the turns the bot answered are remembered.
 */
export async function answerMessage(
  tutor: TutorContext & Dispatch,
  ctx: Invocation,
  msg: ChatMessage,
): Promise<Reply | null> {
  const text = msg.text.trim();
  if (msg.direct) return answerAddressed(tutor, { ...ctx, direct: true }, msg, text);
  const how = await howToAnswer(tutor, msg, msg.settingsChannelId ?? ctx.channelId);
  if (how === "silent") return null;
  if (how === "addressed") return answerAddressed(tutor, ctx, msg, text);
  if (how === "if-covered") return askInConversation(tutor, ctx, msg.conversation, text, true);
  return askInConversation(tutor, ctx, msg.conversation, text, false);
}

/**
 * How a message posted in a channel would be answered, decided from the message and the channel's
 * settings alone: adapters call it before looking up who wrote it (a Slack users.info call), so the
 * chatter of a busy channel costs no request.
 */
export async function howToAnswer(
  tutor: TutorContext & Dispatch,
  msg: Pick<ChatMessage, "text" | "mentioned" | "conversation">,
  settingsChannelId: string,
): Promise<"silent" | "addressed" | "follow-up" | "if-covered"> {
  const { platform, workspaceId } = msg.conversation;
  const settings = await tutor.channelSettings.get({ platform, workspaceId, channelId: settingsChannelId });
  if (settings.mode === "off") return "silent";
  if (msg.mentioned) return "addressed";
  if (!isQuestion(msg.text)) return "silent";
  if ((await turnsOf(tutor, msg.conversation)).length > 0) return "follow-up";
  return settings.mode === "auto" ? "if-covered" : "silent";
}

/** A message meant for the bot (a mention, a DM): a command when it starts with one, else a question. */
async function answerAddressed(
  tutor: TutorContext & Dispatch,
  ctx: Invocation,
  msg: ChatMessage,
  text: string,
): Promise<Reply> {
  const clean = text.replace(/^\//, "");
  const first = clean.split(/\s+/)[0]?.toLowerCase() ?? "";
  // Lessons and checkpoints are personal: not in a public thread (a DM is personal already).
  if (first === "onboard" && !ctx.direct) {
    return reply({
      blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "onboardPrivately") }],
      ephemeral: false,
    });
  }
  if (!clean) return { ...(await tutor.runCommand(ctx, ["help"], {})), ephemeral: false };
  if (tutor.commands.some((c) => c.name === first)) {
    // Posted where it was asked (a thread, the DM): public there, so without a Share button.
    return { ...(await tutor.runText(ctx, `/${clean}`)), ephemeral: false };
  }
  return askInConversation(tutor, ctx, msg.conversation, clean, false);
}

/**
 * Asks a question in a conversation: read with its earlier turns, answered from the notes (and the
 * optional model, which is told the earlier questions), and remembered when the bot answers. `onlyIfCovered`:
 * an answer nobody asked for (auto-answer) is given only when the notes cover the question; anything else
 * (not covered, a refusal by the rate limit, a full queue) stays silent and is not remembered.
 */
export async function askInConversation(
  tutor: TutorContext & Dispatch,
  ctx: Invocation,
  place: ConversationPlace,
  question: string,
  onlyIfCovered: true,
): Promise<Reply | null>;
export async function askInConversation(
  tutor: TutorContext & Dispatch,
  ctx: Invocation,
  place: ConversationPlace,
  question: string,
  onlyIfCovered: false,
): Promise<Reply>;
export async function askInConversation(
  tutor: TutorContext & Dispatch,
  ctx: Invocation,
  place: ConversationPlace,
  question: string,
  onlyIfCovered: boolean,
): Promise<Reply | null> {
  const history = await turnsOf(tutor, place);
  const resolution = resolveFollowUp(question, history);
  const asked = resolution.text.length > ASK_MAX_CHARS ? question : resolution.text;
  const ran = await withHistory(history, () => tutor.runLimited(ctx, ["ask"], { question: asked }));
  const { outcome } = ran;
  if (onlyIfCovered && outcome !== "ok") return null;
  // An answer someone asked for (a DM, a mention, a thread reply) gets 👍/👎, or "Request a note" when the
  // notes do not cover it, as a slash command's does; an auto-answer nobody asked for does not.
  const answer =
    !onlyIfCovered && (outcome === "ok" || outcome === "not_found")
      ? await withFeedback(tutor, ctx, ["ask"], { question: asked }, ran.reply, ran.version)
      : ran.reply;
  if (outcome === "ok" || outcome === "not_found") await remember(tutor, place, question, asked);
  if (!resolution.subject || asked === question || outcome !== "ok") return { ...answer, ephemeral: false };
  const read: Block = { type: "note", tone: "info", text: t(ctx.locale, "followUpRead", { text: asked }) };
  return { ...answer, blocks: [read, ...answer.blocks], ephemeral: false };
}

/**
 * A conversation's earlier turns (the bot has spoken there recently when there are some); none when the
 * store cannot be read: the question is then read on its own, as after a restart, and still answered.
 */
async function turnsOf(tutor: TutorContext & Dispatch, place: ConversationPlace): Promise<Turn[]> {
  try {
    return await tutor.conversations.turns(place, tutor.now());
  } catch (err) {
    tutor.logger.warn({ err }, "could not read the conversation's earlier turns");
    return [];
  }
}

/** Remembers an answered turn; a store that refuses (a full disk) costs the next follow-up its context only. */
async function remember(
  tutor: TutorContext & Dispatch,
  place: ConversationPlace,
  question: string,
  asked: string,
): Promise<void> {
  try {
    await tutor.conversations.record(place, question, asked, tutor.now());
  } catch (err) {
    tutor.logger.warn({ err }, "could not remember the conversation's turn");
  }
}
