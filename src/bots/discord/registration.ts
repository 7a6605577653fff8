import {
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type LocalizationMap,
  PermissionFlagsBits,
  REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from "discord.js";
import type { Bilingual } from "../../knowledge/catalog/types.js";
import { commandRegistry } from "../../core/commands/registry.js";
import {
  type AnyCommand,
  type CommandGroupSpec,
  type CommandSpec,
  isGroup,
  type OptionSpec,
} from "../../core/commands/types.js";
import { truncate } from "../../core/reply.js";
import { inviteUrl } from "./invite.js";

/** Discord's rule for chat-input command and option names (lower case, 1–32 characters). */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const DESCRIPTION = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const STRING_MAX = 6000;

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

function checkName(name: string, where: string): string {
  if (!NAME.test(name) || name !== name.toLowerCase())
    throw new Error(`${where}: "${name}" is not a valid Discord command name (lower case, 1-32 characters)`);
  return name;
}

/** English is the default; Japanese goes to the `ja` localization (Discord's locale key for Japanese). */
function described(d: Bilingual): { description: string; description_localizations?: LocalizationMap } {
  const description = truncate(d.en, DESCRIPTION);
  const ja = truncate(d.ja, DESCRIPTION);
  return ja && ja !== description ? { description, description_localizations: { ja } } : { description };
}

function optionJson(o: OptionSpec, where: string): APIApplicationCommandBasicOption {
  const base = { name: checkName(o.name, where), ...described(o.description), required: o.required };
  const choices = (o.choices ?? []).slice(0, MAX_CHOICES);
  switch (o.type) {
    case "string":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(o.maxLength !== undefined ? { max_length: Math.min(o.maxLength, STRING_MAX) } : {}),
        ...(choices.length > 0
          ? { choices: choices.map((c) => ({ name: truncate(c, 100), value: c.slice(0, 100) })) }
          : o.autocomplete
            ? { autocomplete: true }
            : {}),
      };
    case "integer": {
      const numbers = choices.map(Number).filter(Number.isInteger);
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(numbers.length > 0
          ? { choices: numbers.map((n) => ({ name: String(n), value: n })) }
          : o.autocomplete
            ? { autocomplete: true }
            : {}),
      };
    }
    case "user":
      return { ...base, type: ApplicationCommandOptionType.User };
    case "channel":
      return {
        ...base,
        type: ApplicationCommandOptionType.Channel,
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      };
  }
}

/** Discord wants required options first; the order among each kind is the registry's. */
function optionsJson(spec: CommandSpec, where: string): APIApplicationCommandBasicOption[] {
  if (spec.options.length > MAX_OPTIONS) throw new Error(`${where}: more than ${MAX_OPTIONS} options`);
  const sorted = [...spec.options.filter((o) => o.required), ...spec.options.filter((o) => !o.required)];
  return sorted.map((o) => optionJson(o, `${where} ${o.name}`));
}

function subcommandJson(spec: CommandSpec, where: string): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkName(spec.name, where),
    ...described(spec.description),
    options: optionsJson(spec, where),
  };
}

function groupOptions(
  group: CommandGroupSpec,
  where: string,
  depth: number,
): (APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption)[] {
  return group.subcommands.map((sub) => {
    const path = `${where} ${sub.name}`;
    if (!isGroup(sub)) return subcommandJson(sub, path);
    if (depth > 0) throw new Error(`${path}: Discord allows subcommand groups only one level deep`);
    return {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: checkName(sub.name, path),
      ...described(sub.description),
      options: groupOptions(sub, path, depth + 1).map((o) => {
        if (o.type !== ApplicationCommandOptionType.Subcommand)
          throw new Error(`${path}: a subcommand group holds subcommands only`);
        return o;
      }),
    };
  });
}

/**
 * The registry as Discord application commands: names, descriptions with their `ja` localization, options
 * (required first, autocomplete flags, choices, max length), subcommands and groups, and Manage Server as
 * the default permission of admin commands. Global commands work in servers, and in DMs with the bot except
 * the admin ones (admin means Manage Server, which a DM has no server for); guild commands need no context
 * (they exist only in their server).
 *
 * Command names are not localized: `/help` and the examples show `/explain`, which is what everyone types.
 */
export function commandsJson(
  commands: readonly AnyCommand[] = commandRegistry,
  scope: { global: boolean } = { global: true },
): CommandJson[] {
  return commands.map((c) => {
    const where = `/${c.name}`;
    const json: CommandJson = {
      name: checkName(c.name, where),
      ...described(c.description),
      options: isGroup(c) ? groupOptions(c, where, 0) : optionsJson(c, where),
      nsfw: false,
    };
    if (c.admin) json.default_member_permissions = PermissionFlagsBits.ManageGuild.toString();
    if (scope.global) {
      json.contexts = c.admin
        ? [InteractionContextType.Guild]
        : [InteractionContextType.Guild, InteractionContextType.BotDM];
      json.integration_types = [ApplicationIntegrationType.GuildInstall];
    }
    return json;
  });
}

export interface RegisterOptions {
  token: string;
  /** Read from `GET /applications/@me` when absent. */
  applicationId?: string | undefined;
  /** Registers for one server (instant updates) instead of globally. */
  guildId?: string | undefined;
  /** REST base, e.g. `https://discord.com/api` (the default) or a proxy; `/v10` is appended. */
  api?: string | undefined;
  commands?: readonly AnyCommand[];
}

export interface RegistrationResult {
  applicationId: string;
  guildId: string | null;
  /** False when Discord already had exactly these commands (no version changed). */
  changed: boolean;
  commands: string[];
  added: string[];
  updated: string[];
  removed: string[];
}

function versions(list: readonly APIApplicationCommand[]): Map<string, string> {
  return new Map(list.map((c) => [c.name, c.version]));
}

/**
 * Registers the commands with one bulk overwrite (PUT): Discord replaces the whole set, so running it
 * twice leaves everything as it was. What changed is told by Discord itself: a command's `version`
 * changes only when its definition did.
 */
export async function registerCommands(options: RegisterOptions): Promise<RegistrationResult> {
  const rest = new REST(options.api ? { api: options.api } : {}).setToken(options.token);
  const applicationId =
    options.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const guildId = options.guildId ?? null;
  const route =
    guildId === null
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  const body = commandsJson(options.commands ?? commandRegistry, { global: guildId === null });
  const before = versions((await rest.get(route)) as APIApplicationCommand[]);
  const after = versions((await rest.put(route, { body })) as APIApplicationCommand[]);
  const added = [...after.keys()].filter((n) => !before.has(n));
  const removed = [...before.keys()].filter((n) => !after.has(n));
  const updated = [...after.keys()].filter((n) => before.has(n) && before.get(n) !== after.get(n));
  return {
    applicationId,
    guildId,
    changed: added.length + removed.length + updated.length > 0,
    commands: [...after.keys()],
    added,
    updated,
    removed,
  };
}

/** What `tutor discord-register` prints. */
export function describeRegistration(r: RegistrationResult): string {
  const where = r.guildId === null ? "globally" : `in server ${r.guildId}`;
  const lines = [
    `${r.changed ? "Registered" : "Already up to date:"} ${r.commands.length} command(s) ${where} for application ${r.applicationId}: ${r.commands.map((c) => `/${c}`).join(" ")}`,
  ];
  if (r.added.length > 0) lines.push(`  added: ${r.added.join(", ")}`);
  if (r.updated.length > 0) lines.push(`  updated: ${r.updated.join(", ")}`);
  if (r.removed.length > 0) lines.push(`  removed: ${r.removed.join(", ")}`);
  if (!r.changed) lines.push("  nothing changed");
  lines.push(`Invite the bot with: ${inviteUrl(r.applicationId)}`);
  return lines.join("\n");
}
