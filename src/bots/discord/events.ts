import {
  type Client,
  Events,
  type GuildMember,
  type Message,
  PermissionFlagsBits,
  type SendableChannels,
  ThreadAutoArchiveDuration,
} from "discord.js";
import { shareAction } from "../../core/actions/share.js";
import type { Logger } from "../../core/logger.js";
import { type Reply, truncate } from "../../core/reply.js";
import type { Tutor } from "../../core/tutor.js";
import { memberInvocation, messageInvocation } from "./invocation.js";
import { renderReply } from "./render.js";
import type { DiscordSettings } from "./settings.js";

export interface EventDeps {
  tutor: Tutor;
  logger: Logger;
  settings: Pick<
    DiscordSettings,
    "memberJoins" | "mentions" | "directMessages" | "channelMessages" | "locale"
  >;
}

const THREAD_NAME = 100;

/** A thread's name from the question: one line, at most 100 characters, never empty. */
export function threadName(text: string): string {
  return truncate(text.replace(/\s+/g, " ").trim(), THREAD_NAME) || "notes-tutor";
}

/** An answer posted in a channel is public, and a Share button would only post it a second time. */
function asPublic(r: Reply): Reply {
  return {
    ...r,
    ephemeral: false,
    choices: r.choices.filter((c) => !c.id.startsWith(`${shareAction.prefix}:`)),
  };
}

/**
 * Gateway events other than interactions, each behind its switch (and its intent):
 * - member joins (GuildMembers, privileged): the tutor's welcome, if onboarding gives one, in the
 *   onboarding channel;
 * - messages that @mention the bot (GuildMessages): answered in a thread started on the message (or in
 *   the thread it was asked in), with that thread's earlier questions as context;
 * - direct messages (DirectMessages): a command or a question, answered in the DM with its context;
 * - with Message Content (channelMessages): questions replying in the bot's threads without a mention,
 *   and questions in channels set to auto-answer (answered in a thread when the notes cover them).
 * Core's message() decides whether to answer (channel settings, question or chatter). Without content
 * (Discord withholds it from apps that may not read it) a message is left alone.
 */
export class EventHandler {
  constructor(private readonly deps: EventDeps) {}

  attach(client: Client): void {
    if (this.deps.settings.memberJoins)
      client.on(Events.GuildMemberAdd, (m) => void this.guarded("member join", () => this.memberJoined(m)));
    const { mentions, directMessages, channelMessages } = this.deps.settings;
    if (mentions || directMessages || channelMessages)
      client.on(Events.MessageCreate, (m) => void this.guarded("message", () => this.message(m)));
  }

  private async guarded(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await this.deps.tutor.track(run);
    } catch (err) {
      this.deps.logger.error({ err }, `${what} failed`);
    }
  }

  /**
   * Joining a server is joining every channel the newcomer can see: the tutor is asked about each (the
   * system channel first, then in the server's order) and the first welcome it gives (onboarding's, in
   * a channel set with `/tutor onboarding channel`) is posted there. Discord has no private channel
   * messages, so the welcome is public; it pings nobody.
   */
  async memberJoined(member: GuildMember): Promise<void> {
    if (member.user.bot) return;
    const guild = member.guild;
    const channels = [...guild.channels.cache.values()]
      .filter((c) => c.isTextBased() && !c.isThread() && !c.isVoiceBased())
      .sort(
        (a, b) =>
          Number(b.id === guild.systemChannelId) - Number(a.id === guild.systemChannelId) ||
          a.rawPosition - b.rawPosition,
      );
    for (const channel of channels) {
      if (!channel.isSendable() || !channel.permissionsFor(member)?.has(PermissionFlagsBits.ViewChannel))
        continue;
      const ctx = memberInvocation(member, channel.id, this.deps.settings.locale);
      const welcome = await this.deps.tutor.memberJoined(ctx);
      if (!welcome) continue;
      await channel.send(renderReply(asPublic(welcome), ctx.locale).message);
      return;
    }
    this.deps.logger.debug({ guild: guild.id }, "member joined; no welcome for them");
  }

  async message(message: Message): Promise<void> {
    const me = message.client.user;
    if (message.author.bot || message.author.id === me.id) return;
    const { settings } = this.deps;
    if (!message.inGuild()) {
      if (settings.directMessages) await this.directMessage(message);
      return;
    }
    const mentioned = message.mentions.has(me, {
      ignoreEveryone: true,
      ignoreRoles: true,
      ignoreRepliedUser: true,
    });
    if (mentioned ? !(settings.mentions || settings.channelMessages) : !settings.channelMessages) return;
    if (message.content.trim() === "") {
      this.deps.logger.debug({ message: message.id }, "a message without content (not readable); left alone");
      return;
    }
    const text = withoutMention(message.content, me.id);
    const ctx = messageInvocation(message, settings.locale);
    const inThread = message.channel.isThread();
    // A thread started on a message has the message's id: the conversation the answer will start.
    const answer = await this.deps.tutor.message(ctx, {
      text,
      direct: false,
      mentioned,
      conversation: {
        platform: "discord",
        workspaceId: ctx.workspaceId,
        channelId: inThread ? message.channelId : message.id,
        threadId: "",
      },
      settingsChannelId: inThread ? (message.channel.parentId ?? message.channelId) : message.channelId,
    });
    if (!answer) return;
    let target: SendableChannels = message.channel;
    if (!inThread) {
      try {
        target = await message.startThread({
          name: threadName(text || me.username),
          autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
        });
      } catch (err) {
        this.deps.logger.warn(
          { err, channel: message.channelId },
          "could not start a thread; answering in the channel",
        );
      }
    }
    await target.send(renderReply(asPublic(answer), ctx.locale).message);
  }

  /** A DM: every message is for the bot, and the DM is one conversation. */
  private async directMessage(message: Message): Promise<void> {
    const text = withoutMention(message.content, message.client.user.id);
    if (text === "") return;
    const ctx = messageInvocation(message, this.deps.settings.locale);
    const answer = await this.deps.tutor.message(ctx, {
      text,
      direct: true,
      mentioned: false,
      conversation: {
        platform: "discord",
        workspaceId: ctx.workspaceId,
        channelId: message.channelId,
        threadId: "",
      },
    });
    if (!answer) return;
    // A DM channel may arrive partial (not cached): sending needs only its id.
    if (!message.channel.isSendable()) return;
    await message.channel.send(renderReply(asPublic(answer), ctx.locale).message);
  }
}

/** A message's text without mentions of the bot (`<@123>`, `<@!123>`). */
function withoutMention(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, "g"), " ").trim();
}
