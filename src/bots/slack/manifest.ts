import { stringify } from "yaml";
import { type AnyCommand, isGroup } from "../../core/commands/types.js";
import type { Locale } from "../../core/i18n.js";
import { SLACK_EVENTS_PATH } from "./paths.js";

/** The parts of Slack's app manifest schema this app uses (docs: "App manifest reference"). */
export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: {
    name: string;
    description: string;
    long_description?: string;
    background_color: string;
  };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: {
      command: string;
      description: string;
      usage_hint?: string;
      should_escape: boolean;
      url?: string;
    }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/**
 * The bot scopes, each for something the app does, and nothing more:
 * - commands: the slash commands;
 * - chat:write: answers, Share posts, thread replies to mentions, chat.update, welcomes (chat.postEphemeral);
 * - chat:write.public: Share and daily posts in public channels the bot was not invited to;
 * - app_mentions:read: the app_mention event;
 * - im:history: direct messages (the App Home messages tab, `message.im`);
 * - channels:history, groups:history: replies in the bot's threads and questions in auto-answer channels
 *   (`message.channels`, `message.groups`); without /tutor channel mode auto, only thread replies to
 *   the bot are answered;
 * - channels:read, groups:read: member_joined_channel in public and private channels;
 * - users:read: users.info (workspace admins and owners, the user's language, the name a Share credits).
 */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "app_mentions:read",
  "im:history",
  "channels:history",
  "groups:history",
  "channels:read",
  "groups:read",
  "users:read",
] as const;

export const BOT_EVENTS = [
  "app_mention",
  "message.im",
  "message.channels",
  "message.groups",
  "member_joined_channel",
] as const;

export interface ManifestOptions {
  commands: readonly AnyCommand[];
  /** Socket Mode: no request URLs. */
  socket: boolean;
  /** The public base URL (`https://tutor.example.com`); required without `socket`. */
  url?: string;
  locale?: Locale;
  name?: string;
}

export class ManifestError extends Error {}

/** `https://host[/prefix]` to the events request URL `https://host[/prefix]/slack/events`. */
export function requestUrlOf(base: string): string {
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    throw new ManifestError(`--url must be an https URL, e.g. https://tutor.example.com (got "${base}")`);
  }
  if (u.protocol !== "https:") throw new ManifestError(`--url must use https: Slack only calls https URLs`);
  if (u.search || u.hash) throw new ManifestError("--url must not have a query or fragment");
  const path = u.pathname.replace(/\/+$/, "");
  u.pathname = path.endsWith(SLACK_EVENTS_PATH) ? path : `${path}${SLACK_EVENTS_PATH}`;
  return u.toString();
}

/** A usage hint from the command's options or subcommands (`<command line>`, `daily | stats`). */
function usageHint(c: AnyCommand, locale: Locale): string | undefined {
  if (isGroup(c)) return c.subcommands.map((s) => s.name).join(" | ") || undefined;
  const parts = c.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  const example = c.examples[0]?.replace(new RegExp(`^/${c.name}\\s*`), "");
  const eg = locale === "ja" ? "例:" : "e.g.";
  const hint = [parts.join(" "), example ? `${eg} ${example}` : ""].filter(Boolean).join(" — ");
  return hint ? hint.slice(0, 1000) : undefined;
}

/** The app manifest, derived from the command registry: create the app from it, copy two secrets, start. */
export function slackManifest(options: ManifestOptions): SlackManifest {
  const locale = options.locale ?? "en";
  if (!options.socket && !options.url) {
    throw new ManifestError(
      "slack-manifest needs --url https://your-host (HTTP mode) or --socket (Socket Mode)",
    );
  }
  const requestUrl = options.socket ? undefined : requestUrlOf(options.url ?? "");
  const withUrl = <T extends object>(o: T): T & { url?: string } =>
    requestUrl ? { ...o, url: requestUrl } : o;
  const withRequestUrl = <T extends object>(o: T): T & { request_url?: string } =>
    requestUrl ? { ...o, request_url: requestUrl } : o;

  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: options.name ?? "notes-tutor",
      description:
        locale === "ja"
          ? "チームのノートから答える家庭教師: コマンド解説、質問、クイズ"
          : "A tutor that answers from your team's notes: commands explained, questions, quizzes",
      background_color: "#1d3557",
    },
    features: {
      // Direct messages with the bot: the App Home messages tab, where people can type.
      app_home: {
        home_tab_enabled: false,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: "tutor", always_online: true },
      slash_commands: options.commands.map((c) => {
        const hint = usageHint(c, locale);
        return withUrl({
          command: `/${c.name}`,
          description: c.description[locale].slice(0, 2000),
          ...(hint ? { usage_hint: hint } : {}),
          // Slack sends `@ada` as `<@U123|ada>`: the id is what /stats needs (text-in.ts reads it back).
          should_escape: true,
        });
      }),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: withRequestUrl({ bot_events: [...BOT_EVENTS] }),
      interactivity: withRequestUrl({ is_enabled: true }),
      org_deploy_enabled: false,
      socket_mode_enabled: options.socket,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as YAML, as the app creation page takes it. */
export function slackManifestYaml(options: ManifestOptions): string {
  return stringify(slackManifest(options), { lineWidth: 0 });
}
