import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type CommandInteractionOption,
  Events,
  type Interaction,
  MessageFlags,
} from "discord.js";
import type { ActionResult } from "../../core/actions/types.js";
import { requiresAdmin } from "../../core/commands/admin.js";
import type { Invocation, RawArgs } from "../../core/commands/types.js";
import { t } from "../../core/i18n.js";
import type { Logger } from "../../core/logger.js";
import { type Reply, reply, truncate } from "../../core/reply.js";
import type { Tutor } from "../../core/tutor.js";
import { interactionInvocation } from "./invocation.js";
import { plainLabel } from "./markdown.js";
import { renderReply } from "./render.js";
import type { DiscordSettings } from "./settings.js";

export interface InteractionDeps {
  tutor: Tutor;
  logger: Logger;
  settings: Pick<DiscordSettings, "deferAfterMs" | "locale">;
}

/** Discord's limits for autocomplete: 25 choices, names and values of 1–100 characters. */
export const AUTOCOMPLETE_CHOICES = 25;
const CHOICE_LENGTH = 100;

const SLOW = Symbol("slow");

/** The work's result if it is ready within `ms`, else SLOW (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), ms);
  });
  try {
    return await Promise.race([work, slow]);
  } finally {
    clearTimeout(timer);
  }
}

/** `/tutor daily set` → ["tutor", "daily", "set"]. */
export function commandPath(i: ChatInputCommandInteraction | AutocompleteInteraction): string[] {
  const path = [i.commandName];
  const group = i.options.getSubcommandGroup(false);
  if (group) path.push(group);
  const sub = i.options.getSubcommand(false);
  if (sub) path.push(sub);
  return path;
}

/** The options of the (sub)command that runs, by name: strings, integers, and user/channel ids. */
export function rawArgs(options: readonly CommandInteractionOption[]): RawArgs {
  const args: RawArgs = {};
  for (const o of options) {
    if (
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup
    )
      return rawArgs(o.options ?? []);
    if (typeof o.value === "string" || typeof o.value === "number") args[o.name] = o.value;
  }
  return args;
}

/** Suggestions as autocomplete choices: distinct, 1–100 characters, at most 25. */
export function autocompleteChoices(suggestions: readonly string[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const s of suggestions) {
    if (s.length === 0 || s.length > CHOICE_LENGTH || seen.has(s)) continue;
    seen.add(s);
    out.push({ name: truncate(plainLabel(s), CHOICE_LENGTH), value: s });
    if (out.length === AUTOCOMPLETE_CHOICES) break;
  }
  return out;
}

const ephemeralFlag = { flags: MessageFlags.Ephemeral } as const;

function errorReply(ctx: Pick<Invocation, "locale">): Reply {
  return reply({ blocks: [{ type: "note", tone: "error", text: t(ctx.locale, "internalError") }] });
}

/**
 * Slash commands, autocomplete and buttons, mapped to the tutor. An answer ready within `deferAfterMs` is
 * sent as the one reply; a slower one is deferred (Discord shows "thinking…") and then edited in, so the
 * 3-second acknowledgement is always met.
 */
export class InteractionHandler {
  constructor(private readonly deps: InteractionDeps) {}

  attach(client: Client): void {
    client.on(Events.InteractionCreate, (i) => void this.deps.tutor.track(() => this.handle(i)));
  }

  async handle(i: Interaction): Promise<void> {
    const started = performance.now();
    try {
      if (i.isAutocomplete()) await this.autocomplete(i);
      else if (i.isChatInputCommand()) await this.command(i);
      else if (i.isButton()) await this.button(i);
      else return;
      this.deps.logger.debug(
        { interaction: i.id, type: i.type, ms: Math.round(performance.now() - started) },
        "interaction answered",
      );
    } catch (err) {
      this.deps.logger.error({ err, interaction: i.id, type: i.type }, "interaction failed");
      await this.apologize(i);
    }
  }

  private ctx(i: Interaction): Invocation {
    return interactionInvocation(i, this.deps.settings.locale);
  }

  private async command(i: ChatInputCommandInteraction): Promise<void> {
    const ctx = this.ctx(i);
    const work = this.deps.tutor.runForChat(ctx, commandPath(i), rawArgs(i.options.data));
    const fast = await within(work, this.deps.settings.deferAfterMs);
    if (fast !== SLOW) {
      const { message, ephemeral } = renderReply(fast, ctx.locale);
      await i.reply({ ...message, ...(ephemeral ? ephemeralFlag : {}) });
      return;
    }
    // Not ready in time: acknowledge now. Answers are private unless a command says otherwise.
    await i.deferReply(ephemeralFlag);
    const { message, ephemeral } = renderReply(await work, ctx.locale);
    if (ephemeral) {
      await i.editReply(message);
      return;
    }
    // A deferred reply keeps its visibility: a public answer goes out as a follow-up instead.
    await i.followUp(message);
    await i.deleteReply();
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    const path = commandPath(i);
    const spec = this.deps.tutor.find(path);
    const focused = i.options.getFocused(true);
    let suggestions: string[] = [];
    // An admin command's suggestions are admin detail: none for anyone else.
    const allowed = !requiresAdmin(this.deps.tutor.commands, path) || this.ctx(i).isAdmin;
    if (spec?.autocomplete && allowed) {
      try {
        suggestions = spec.autocomplete(this.deps.tutor, focused.name, String(focused.value));
      } catch (err) {
        this.deps.logger.warn({ err, command: spec.name }, "autocomplete failed");
      }
    }
    await i.respond(autocompleteChoices(suggestions));
  }

  /** Posts a shared answer in the channel of the button; false when the bot cannot post there. */
  private async publish(i: ButtonInteraction, r: Reply, ctx: Invocation): Promise<boolean> {
    try {
      const channel = i.channel ?? (await i.client.channels.fetch(i.channelId));
      if (!channel?.isSendable()) return false;
      await channel.send(renderReply({ ...r, ephemeral: false }, ctx.locale).message);
      return true;
    } catch (err) {
      this.deps.logger.warn({ err, channel: i.channelId }, "could not post in the channel");
      return false;
    }
  }

  private async button(i: ButtonInteraction): Promise<void> {
    const ctx = this.ctx(i);
    const work = (async (): Promise<ActionResult> => {
      const result = await this.deps.tutor.runAction(ctx, i.customId);
      if (result.publish && !(await this.publish(i, result.publish, ctx)))
        return { ...result, reply: errorReply(ctx) };
      return result;
    })();
    const fast = await within(work, this.deps.settings.deferAfterMs);
    const deferred = fast === SLOW;
    // Deferring a button acknowledges it without touching its message (type 6).
    if (deferred) await i.deferUpdate();
    const result = fast === SLOW ? await work : fast;
    const privately = result.reply
      ? { ...renderReply(result.reply, ctx.locale).message, ...ephemeralFlag }
      : null;
    if (result.update) {
      const message = renderReply(result.update, ctx.locale).message;
      if (deferred) await i.editReply(message);
      else await i.update(message);
      if (privately) await i.followUp(privately);
    } else if (privately) {
      if (deferred) await i.followUp(privately);
      else await i.reply(privately);
    } else if (!deferred) {
      await i.deferUpdate();
    }
  }

  /** After an unexpected error: tell the person, when Discord still lets us. */
  private async apologize(i: Interaction): Promise<void> {
    if (!i.isRepliable()) return;
    const ctx = this.ctx(i);
    const message = renderReply(errorReply(ctx), ctx.locale).message;
    try {
      if (i.isChatInputCommand() && i.deferred && !i.replied) await i.editReply(message);
      else if (i.deferred || i.replied) await i.followUp({ ...message, ...ephemeralFlag });
      else await i.reply({ ...message, ...ephemeralFlag });
    } catch (err) {
      this.deps.logger.debug({ err, interaction: i.id }, "could not report the error to the user");
    }
  }
}
