import type { Invocation } from "../../core/commands/types.js";
import { type Locale, localeFrom } from "../../core/i18n.js";
import type { Logger } from "../../core/logger.js";

/** What the adapter needs to know of a Slack user, from `users.info` (scope users:read). */
export interface SlackUserRecord {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  /** Only with `include_locale: true`, e.g. `ja-JP`. */
  locale?: string;
  name?: string;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
}

export interface SlackUser {
  isAdmin: boolean;
  locale: Locale;
  /** How to credit them in a shared answer (display name, else real name, else handle). */
  name?: string;
}

/** Where an interaction happened and who did it, as Slack's payloads say. */
export interface SlackWhere {
  teamId: string;
  channelId: string;
  userId: string;
  /** The handle from the payload (`user_name`), used when users.info does not answer. */
  userName?: string;
}

export interface SlackPeopleOptions {
  /** Looks a user up (`users.info` with `include_locale`); undefined or a throw when it cannot. */
  fetchUser: (teamId: string, userId: string) => Promise<SlackUserRecord | undefined>;
  /** TUTOR_ADMINS: these user ids are admins whatever Slack says. */
  admins: ReadonlySet<string>;
  /** TUTOR_LOCALE: the language when Slack does not tell the user's. */
  defaultLocale: Locale;
  logger: Logger;
  /** How long an answer of users.info is trusted (admin rights and language change rarely). */
  ttlMs?: number;
  /** How long a failed look-up is not retried. */
  failureTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value: Promise<SlackUser>;
  expires: number;
}

/**
 * Who is asking: admin rights (TUTOR_ADMINS, or a Slack workspace admin or owner), language (the user's
 * Slack locale; slash commands carry none) and display name, from one `users.info` call cached for a few
 * minutes, so a burst of commands costs one Web API call. Look-ups happen after the acknowledgement, never
 * inside Slack's 3 seconds. When users.info fails (missing scope, rate limit), the user is a non-admin
 * (unless in TUTOR_ADMINS) speaking TUTOR_LOCALE.
 */
export class SlackPeople {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: SlackPeopleOptions) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.failureTtlMs = options.failureTtlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 5000;
    this.now = options.now ?? Date.now;
  }

  lookup(teamId: string, userId: string): Promise<SlackUser> {
    const key = `${teamId}/${userId}`;
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.value;
    const entry: Entry = { value: this.fetch(teamId, userId, key), expires: now + this.ttlMs };
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return entry.value;
  }

  /** The Invocation core needs, for a Slack interaction. */
  async invocation(where: SlackWhere): Promise<Invocation> {
    const user = await this.lookup(where.teamId, where.userId);
    const ctx: Invocation = {
      platform: "slack",
      workspaceId: where.teamId,
      channelId: where.channelId,
      userId: where.userId,
      locale: user.locale,
      isAdmin: user.isAdmin,
    };
    const name = user.name ?? where.userName;
    if (name) ctx.userName = name;
    // Slack's ids of direct message conversations start with D (channels with C, private ones with G).
    if (where.channelId.startsWith("D")) ctx.direct = true;
    return ctx;
  }

  private async fetch(teamId: string, userId: string, key: string): Promise<SlackUser> {
    const listed = this.options.admins.has(userId);
    try {
      const u = await this.options.fetchUser(teamId, userId);
      if (!u) throw new Error("users.info returned no user");
      const name = u.profile?.display_name || u.profile?.real_name || u.real_name || u.name;
      const user: SlackUser = {
        isAdmin: listed || Boolean(u.is_admin || u.is_owner || u.is_primary_owner),
        locale: localeFrom(u.locale, this.options.defaultLocale),
      };
      if (name) user.name = name;
      return user;
    } catch (err) {
      this.options.logger.warn({ err, userId }, "slack: users.info failed; using defaults");
      const entry = this.cache.get(key);
      if (entry) entry.expires = Math.min(entry.expires, this.now() + this.failureTtlMs);
      return { isAdmin: listed, locale: this.options.defaultLocale };
    }
  }
}
