import {
  type BaseInteraction,
  GuildMember,
  type Message,
  PermissionFlagsBits,
  type PermissionsBitField,
} from "discord.js";
import type { Invocation } from "../../core/commands/types.js";
import { type Locale, localeFrom } from "../../core/i18n.js";

/**
 * The admin gate on Discord: the Manage Server permission (Administrator implies it; `has` checks that).
 * Core refuses admin commands when `isAdmin` is false; registration also hides them from other members
 * with `default_member_permissions`, which server admins may override, so this check is the one that holds.
 */
export function hasManageServer(permissions: Readonly<PermissionsBitField> | null | undefined): boolean {
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** Permissions of a member, or null when they cannot be computed (roles not cached, partial member). */
function memberPermissions(member: GuildMember | null | undefined): Readonly<PermissionsBitField> | null {
  try {
    return member?.permissions ?? null;
  } catch {
    return null;
  }
}

/** Who pressed or typed, where, in which language: a slash command, autocomplete or button. */
export function interactionInvocation(i: BaseInteraction, fallback: Locale): Invocation {
  // A GuildMember in a cached server; the raw API member otherwise.
  const nick = i.member instanceof GuildMember ? i.member.nickname : (i.member?.nick ?? null);
  const ctx: Invocation = {
    platform: "discord",
    // A DM (global commands other than the admin ones work there) gets a workspace of its own.
    workspaceId: i.guildId ?? `dm:${i.user.id}`,
    channelId: i.channelId ?? "",
    userId: i.user.id,
    userName: nick ?? i.user.displayName,
    locale: localeFrom(i.locale, localeFrom(i.guildLocale, fallback)),
    isAdmin: hasManageServer(i.memberPermissions),
  };
  // A command in a DM with the bot: private by nature.
  if (i.guildId === null) ctx.direct = true;
  return ctx;
}

/**
 * A message the bot reads (a mention, a DM, a reply in its thread). Messages carry no user locale: the
 * server's preferred one is used. A DM has no server: it is private by nature (`direct`).
 */
export function messageInvocation(message: Message, fallback: Locale): Invocation {
  const ctx: Invocation = {
    platform: "discord",
    workspaceId: message.guildId ?? `dm:${message.author.id}`,
    channelId: message.channelId,
    userId: message.author.id,
    userName: message.member?.displayName ?? message.author.displayName,
    locale: localeFrom(message.guild?.preferredLocale, fallback),
    isAdmin: hasManageServer(memberPermissions(message.member)),
  };
  if (!message.inGuild()) ctx.direct = true;
  return ctx;
}

/** A member who joined a server; `channelId` is where the welcome would go. */
export function memberInvocation(member: GuildMember, channelId: string, fallback: Locale): Invocation {
  return {
    platform: "discord",
    workspaceId: member.guild.id,
    channelId,
    userId: member.id,
    userName: member.displayName,
    locale: localeFrom(member.guild.preferredLocale, fallback),
    isAdmin: hasManageServer(memberPermissions(member)),
  };
}
