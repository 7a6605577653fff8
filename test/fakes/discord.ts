/**
 * A fake Discord for end-to-end adapter tests: the REST API under `/api/v10` and a gateway
 * WebSocket, both on 127.0.0.1, speaking the real wire protocols so that the real discord.js
 * client can log in, register commands, receive interactions and answer them.
 *
 * Point discord.js at it with its own options:
 *
 *   new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } })
 *
 * `fake.restUrl` is `http://127.0.0.1:<port>/api`; @discordjs/rest appends `/v10` itself. The
 * gateway URL is taken by the client from `GET /gateway/bot`, so nothing leaves 127.0.0.1.
 *
 * What it checks, as Discord would: the bot token (REST `Authorization: Bot <token>` and
 * IDENTIFY), gateway opcodes and close codes, the 3-second interaction acknowledgement deadline,
 * "already acknowledged", message/embed/component/autocomplete/modal limits, command schemas,
 * channel permissions of the bot, intents (events the session did not ask for are not delivered
 * and message content is scrubbed without the MESSAGE_CONTENT intent). Every 4xx/5xx answer is
 * recorded in `errors`, so a test can assert `fake.errors` is empty.
 *
 * Sharding as Discord does it: IDENTIFY's `shard: [id, count]` decides which guilds a session is
 * given (READY, GUILD_CREATE) and sent events of, by `(guild_id >> 22) % count`; DMs go to shard
 * 0; several sessions (processes) can hold different shards of one fake at once.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import {
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandInteractionDataSubcommandOption,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIChannel,
  type APIChatInputApplicationCommandInteraction,
  type APIEmbed,
  type APIGuild,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  type ApplicationFlags,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  type GatewayGuildCreateDispatchData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
  type RESTGetAPIGatewayBotResult,
} from "discord.js";
import { type RawData, type WebSocket, WebSocketServer } from "ws";

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface FakeDiscordOptions {
  /** Bot token expected in `Authorization: Bot <token>` and in IDENTIFY. Default "fake-token". */
  token?: string;
  applicationId?: string;
  botUser?: { id?: string; username?: string };
  /** Guilds the bot is in. Default: one guild (see `defaultGuildOptions`). */
  guilds?: FakeGuildOptions[];
  /** HELLO heartbeat_interval. Discord sends 41250. */
  heartbeatIntervalMs?: number;
  /** Interaction callbacks later than this answer 404 Unknown interaction (10062). Default 3000. */
  ackDeadlineMs?: number;
  /** Interaction webhooks (editReply, followUp) stop working after this. Default 15 minutes. */
  interactionTokenTtlMs?: number;
  /**
   * Privileged intents enabled in the (fake) developer portal; IDENTIFY asking for others is
   * closed with 4014. Default: GuildMembers | GuildPresences | MessageContent (all enabled).
   */
  allowedPrivilegedIntents?: number;
  /** Permissions of the bot's managed role in every guild. */
  botPermissions?: bigint;
  /** `shards` of `GET /gateway/bot`. Default: one shard per GUILDS_PER_RECOMMENDED_SHARD guilds. */
  recommendedShards?: number;
  /** IDENTIFY of a shard that would hold more guilds is closed with 4011. Default MAX_GUILDS_PER_SHARD. */
  maxGuildsPerShard?: number;
}

export interface FakeGuildOptions {
  id?: string;
  name?: string;
  /** User id of the owner; default a generated "guild-owner" member. */
  ownerId?: string;
  preferredLocale?: string;
  everyonePermissions?: bigint;
  roles?: FakeRoleOptions[];
  channels?: FakeChannelOptions[];
  /** Human members (the bot and the owner are added automatically). */
  members?: FakeMemberOptions[];
}

export interface FakeRoleOptions {
  id?: string;
  name: string;
  permissions?: bigint;
}

export interface FakeChannelOptions {
  id?: string;
  name: string;
  type?:
    | ChannelType.GuildText
    | ChannelType.GuildAnnouncement
    | ChannelType.GuildForum
    | ChannelType.GuildCategory;
  parentId?: string;
  topic?: string;
  permissionOverwrites?: APIOverwrite[];
}

export interface FakeMemberOptions {
  id?: string;
  username: string;
  globalName?: string;
  bot?: boolean;
  /** Role ids or role names. */
  roles?: string[];
  nick?: string;
  locale?: string;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/interactions/123/abc/callback` (the full path if outside it). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON; for multipart/form-data the parsed `payload_json` part. */
  body: unknown;
  files: RecordedFile[];
  headers: Record<string, string>;
  /** `performance.now()` when it arrived. */
  at: number;
  /** Status the fake answered (set once handled). */
  status: number;
  response: unknown;
}

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
  retry_after?: number;
  global?: boolean;
}

export interface RecordedError {
  method: string;
  path: string;
  status: number;
  body: DiscordErrorBody;
  requestBody: unknown;
  at: number;
}

export interface RecordedCallback {
  interactionId: string;
  token: string;
  /** The interaction's type (2 command, 3 component, 4 autocomplete, 5 modal submit). */
  interactionType: number;
  /** The callback type (1, 4, 5, 6, 7, 8, 9). */
  type: number;
  data: unknown;
  body: unknown;
  withResponse: boolean;
  /** Milliseconds between dispatching INTERACTION_CREATE and the callback's arrival. */
  elapsedMs: number;
  at: number;
  /** 204/200 when accepted, otherwise the error status (and `error`). */
  status: number;
  error?: DiscordErrorBody;
}

export interface CommandPut {
  /** Guild id, or null for global commands. */
  guildId: string | null;
  /** False when the PUT bulk-overwrote the commands with an equivalent set. */
  changed: boolean;
  commands: APIApplicationCommand[];
}

export interface GatewayLogEntry {
  direction: "in" | "out";
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
  at: number;
}

export interface GatewayConnectionInfo {
  path: string;
  query: Record<string, string>;
  openedAt: number;
  closedAt: number | null;
  closeCode: number | null;
  closedBy: "client" | "server" | null;
}

export interface SentInteraction<P extends APIInteraction = APIInteraction> {
  id: string;
  token: string;
  payload: P;
}

/** Common options of the interaction builders. */
export interface InteractionContextOptions {
  /** User id, username of a configured member, or a user to create. Default: first configured member. */
  user?: string | { id?: string; username: string };
  /** Guild id; `null` for an interaction in the bot's DM. Default: first guild. */
  guildId?: string | null;
  /** Default: first text channel of the guild (or the user's DM channel). */
  channelId?: string;
  locale?: Locale | `${Locale}`;
  guildLocale?: Locale | `${Locale}`;
  /** Override of `member.permissions` (default computed from roles and channel overwrites). */
  permissions?: bigint | string;
  /** Override of `app_permissions` (default computed for the bot in the channel). */
  appPermissions?: bigint | string;
}

export type SimpleOptionValue = string | number | boolean;

export interface SlashCommandOptions extends InteractionContextOptions {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /**
   * Either Discord's own `data.options` array, or `{ optionName: value }` for the (sub)command:
   * types come from the registered command (or are inferred when it is not registered), and
   * user/channel/role values are resolved into `data.resolved` from the fake's state.
   */
  options?: Record<string, SimpleOptionValue> | APIApplicationCommandInteractionDataOption[];
}

export interface AutocompleteOptions extends InteractionContextOptions {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Name of the focused option. */
  focused: string;
  /** What the user has typed so far (always a string, as Discord sends it). */
  value: string;
  /** Other options already filled in. */
  options?: Record<string, SimpleOptionValue>;
}

export interface ButtonClickOptions extends InteractionContextOptions {
  customId: string;
  /**
   * The message carrying the button: an id of a stored message, a message object, or omitted to
   * use the latest stored message that has a button with this custom_id (a bot-authored message
   * with that button is synthesized when there is none).
   */
  message?: string | APIMessage;
}

export interface StringSelectOptions extends ButtonClickOptions {
  values: string[];
}

export interface UserMessageOptions {
  content: string;
  channelId?: string;
  guildId?: string | null;
  user?: string | { id?: string; username: string };
  /** Also mention the bot (`<@botId> ` is prepended to the content). */
  mentionBot?: boolean;
}

export interface FailureInjection {
  status: number;
  body?: DiscordErrorBody;
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1). */
  times?: number;
}

// ---------------------------------------------------------------------------------------------
// Constants and small helpers
// ---------------------------------------------------------------------------------------------

const API_PREFIX = "/api/v10";
const DISCORD_EPOCH = 1420070400000n;
const P = PermissionFlagsBits;
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.ReadMessageHistory |
  P.AddReactions |
  P.EmbedLinks |
  P.AttachFiles |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.ChangeNickname |
  P.CreateInstantInvite |
  P.Connect |
  P.Speak;
export const DEFAULT_BOT_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.ManageThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.ManageMessages |
  P.PinMessages;
const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === "number")
  .reduce((a, b) => a | b, 0);
const CALLBACK_TYPES = [1, 4, 5, 6, 7, 8, 9] as const;
const ANY_FLAGS = 0x7fffffff;
const TEXT_CHANNEL_TYPES = new Set<number>([
  ChannelType.GuildText,
  ChannelType.DM,
  ChannelType.GuildAnnouncement,
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
]);
const THREAD_TYPES = new Set<number>([
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
]);
/** Discord recommends a shard per ~1000 guilds in `GET /gateway/bot`. */
const GUILDS_PER_RECOMMENDED_SHARD = 1000;
/** Discord refuses (4011 Sharding required) a session that would hold more than 2500 guilds. */
export const MAX_GUILDS_PER_SHARD = 2500;

/** The shard of `count` that receives a guild's events: `(guild_id >> 22) % count`, as Discord routes them. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** The guild an event belongs to: `guild_id`, or the guild itself for GUILD_CREATE/UPDATE/DELETE. */
function guildOfEvent(t: string, d: unknown): string | null {
  if (!isRecord(d)) return null;
  if (typeof d.guild_id === "string") return d.guild_id;
  if (/^GUILD_(CREATE|UPDATE|DELETE)$/.test(t) && typeof d.id === "string") return d.id;
  return null;
}

const COMMAND_NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

let lastSnowflake = 0n;
/** A real-looking, strictly increasing snowflake. */
export function snowflake(at: number = Date.now()): string {
  let id = ((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n);
  if (id <= lastSnowflake) id = lastSnowflake + 1n;
  lastSnowflake = id;
  return id.toString();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Discord counts characters, not UTF-16 code units. */
function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function nowIso(): string {
  return new Date().toISOString();
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.message} (${body.code})`);
  }
}

const E = {
  notFound: () => new HttpError(404, { message: "404: Not Found", code: 0 }),
  methodNotAllowed: () => new HttpError(405, { message: "405: Method Not Allowed", code: 0 }),
  unauthorized: () => new HttpError(401, { message: "401: Unauthorized", code: 0 }),
  invalidJson: () => new HttpError(400, { message: "The request body contains invalid JSON.", code: 50109 }),
  unknownChannel: () => new HttpError(404, { message: "Unknown Channel", code: 10003 }),
  unknownGuild: () => new HttpError(404, { message: "Unknown Guild", code: 10004 }),
  unknownMember: () => new HttpError(404, { message: "Unknown Member", code: 10007 }),
  unknownMessage: () => new HttpError(404, { message: "Unknown Message", code: 10008 }),
  unknownUser: () => new HttpError(404, { message: "Unknown User", code: 10013 }),
  unknownWebhook: () => new HttpError(404, { message: "Unknown Webhook", code: 10015 }),
  unknownCommand: () => new HttpError(404, { message: "Unknown application command", code: 10063 }),
  unknownInteraction: () => new HttpError(404, { message: "Unknown interaction", code: 10062 }),
  alreadyAcked: () =>
    new HttpError(400, { message: "Interaction has already been acknowledged.", code: 40060 }),
  missingAccess: () => new HttpError(403, { message: "Missing Access", code: 50001 }),
  missingPermissions: () => new HttpError(403, { message: "Missing Permissions", code: 50013 }),
  emptyMessage: () => new HttpError(400, { message: "Cannot send an empty message", code: 50006 }),
  notAuthor: () =>
    new HttpError(403, { message: "Cannot edit a message authored by another user", code: 50005 }),
  nonText: () => new HttpError(400, { message: "Cannot send messages in a non-text channel", code: 50008 }),
  wrongChannelType: () =>
    new HttpError(400, { message: "Cannot execute action on this channel type", code: 50024 }),
  invalidWebhookToken: () => new HttpError(401, { message: "Invalid Webhook Token", code: 50027 }),
  threadExists: () =>
    new HttpError(400, { message: "A thread has already been created for this message", code: 160004 }),
};

// --- Discord-style "Invalid Form Body" errors --------------------------------------------------

type FieldPath = (string | number)[];
interface Issue {
  path: FieldPath;
  code: string;
  message: string;
}

class Issues {
  readonly list: Issue[] = [];
  add(path: FieldPath, code: string, message: string): void {
    this.list.push({ path, code, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw formBodyError(this.list);
  }
}

function formBodyError(issues: Issue[]): HttpError {
  const errors: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = errors;
    for (const key of issue.path) {
      const k = String(key);
      const next = node[k];
      if (isRecord(next)) node = next;
      else {
        const created: Record<string, unknown> = {};
        node[k] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    list.push({ code: issue.code, message: issue.message });
    node._errors = list;
  }
  return new HttpError(400, { message: "Invalid Form Body", code: 50035, errors });
}

function checkString(
  issues: Issues,
  value: unknown,
  path: FieldPath,
  opts: { max: number; min?: number; required?: boolean },
): value is string {
  if (value === undefined || value === null) {
    if (opts.required) issues.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    return false;
  }
  if (typeof value !== "string") {
    issues.add(path, "BASE_TYPE_STRING", "Must be a string.");
    return false;
  }
  const len = charLength(value);
  const min = opts.min ?? 0;
  if (len > opts.max) {
    issues.add(
      path,
      min > 0 ? "BASE_TYPE_BAD_LENGTH" : "BASE_TYPE_MAX_LENGTH",
      min > 0
        ? `Must be between ${min} and ${opts.max} in length.`
        : `Must be ${opts.max} or fewer in length.`,
    );
  } else if (len < min) {
    issues.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${opts.max} in length.`);
  }
  return true;
}

function checkArray(
  issues: Issues,
  value: unknown,
  path: FieldPath,
  opts: { max: number; min?: number; required?: boolean },
): value is unknown[] {
  if (value === undefined || value === null) {
    if (opts.required) issues.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    return false;
  }
  if (!Array.isArray(value)) {
    issues.add(path, "BASE_TYPE_LIST", "Must be a list.");
    return false;
  }
  const min = opts.min ?? 0;
  if (value.length > opts.max || value.length < min) {
    issues.add(
      path,
      min > 0 ? "BASE_TYPE_BAD_LENGTH" : "BASE_TYPE_MAX_LENGTH",
      min > 0
        ? `Must be between ${min} and ${opts.max} in length.`
        : `Must be ${opts.max} or fewer in length.`,
    );
  }
  return true;
}

function checkInt(
  issues: Issues,
  value: unknown,
  path: FieldPath,
  opts: { min?: number; max?: number; required?: boolean } = {},
): value is number {
  if (value === undefined || value === null) {
    if (opts.required) issues.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    return false;
  }
  if (typeof value !== "number" || !Number.isInteger(value)) {
    issues.add(path, "NUMBER_TYPE_COERCE", `Value "${String(value)}" is not int.`);
    return false;
  }
  if (opts.min !== undefined && value < opts.min)
    issues.add(path, "NUMBER_TYPE_MIN", `int value should be greater than or equal to ${opts.min}.`);
  if (opts.max !== undefined && value > opts.max)
    issues.add(path, "NUMBER_TYPE_MAX", `int value should be less than or equal to ${opts.max}.`);
  return true;
}

// --- message validation ------------------------------------------------------------------------

interface MessageCheckOptions {
  /** PATCH: fields are optional and the message may be empty in the body. */
  partial: boolean;
  /** Flags the endpoint accepts. */
  allowedFlags: number;
  /** Uploaded files count toward "not empty". */
  fileCount: number;
}

function embedLength(embed: Record<string, unknown>): number {
  let n = 0;
  const add = (v: unknown) => {
    if (typeof v === "string") n += charLength(v);
  };
  add(embed.title);
  add(embed.description);
  if (isRecord(embed.footer)) add(embed.footer.text);
  if (isRecord(embed.author)) add(embed.author.name);
  if (Array.isArray(embed.fields)) {
    for (const f of embed.fields) {
      if (isRecord(f)) {
        add(f.name);
        add(f.value);
      }
    }
  }
  return n;
}

function validateEmbeds(issues: Issues, embeds: unknown, path: FieldPath): void {
  if (!checkArray(issues, embeds, path, { max: 10 })) return;
  let total = 0;
  embeds.forEach((embed, i) => {
    const p = [...path, i];
    if (!isRecord(embed)) {
      issues.add(p, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      return;
    }
    checkString(issues, embed.title, [...p, "title"], { max: 256 });
    checkString(issues, embed.description, [...p, "description"], { max: 4096 });
    checkString(issues, embed.url, [...p, "url"], { max: 2048 });
    checkInt(issues, embed.color, [...p, "color"], { min: 0, max: 0xffffff });
    if (embed.footer !== undefined && embed.footer !== null) {
      if (isRecord(embed.footer))
        checkString(issues, embed.footer.text, [...p, "footer", "text"], { max: 2048, required: true });
      else issues.add([...p, "footer"], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    }
    if (embed.author !== undefined && embed.author !== null) {
      if (isRecord(embed.author))
        checkString(issues, embed.author.name, [...p, "author", "name"], { max: 256, required: true });
      else issues.add([...p, "author"], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    }
    if (checkArray(issues, embed.fields, [...p, "fields"], { max: 25 })) {
      embed.fields.forEach((field, j) => {
        const fp = [...p, "fields", j];
        if (!isRecord(field)) {
          issues.add(fp, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
          return;
        }
        checkString(issues, field.name, [...fp, "name"], { max: 256, min: 1, required: true });
        checkString(issues, field.value, [...fp, "value"], { max: 1024, min: 1, required: true });
      });
    }
    total += embedLength(embed);
  });
  if (total > 6000) issues.add(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
}

const SELECT_TYPES = new Set<number>([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);
const V2_TOP_LEVEL = new Set<number>([
  ComponentType.ActionRow,
  ComponentType.Section,
  ComponentType.TextDisplay,
  ComponentType.MediaGallery,
  ComponentType.File,
  ComponentType.Separator,
  ComponentType.Container,
]);

function validateButton(
  issues: Issues,
  c: Record<string, unknown>,
  p: FieldPath,
  ids: Map<string, FieldPath>,
) {
  if (!checkInt(issues, c.style, [...p, "style"], { min: 1, max: 6, required: true })) return;
  checkString(issues, c.label, [...p, "label"], { max: 80 });
  const style = c.style as number;
  if (style === 5) {
    checkString(issues, c.url, [...p, "url"], { max: 512, required: true });
    if (c.custom_id !== undefined)
      issues.add(
        [...p, "custom_id"],
        "BUTTON_COMPONENT_CUSTOM_ID_URL_MUTUALLY_EXCLUSIVE",
        "A custom id and url cannot both be specified",
      );
  } else if (style === 6) {
    checkString(issues, c.sku_id, [...p, "sku_id"], { max: 32, required: true });
  } else {
    if (checkString(issues, c.custom_id, [...p, "custom_id"], { max: 100, min: 1, required: true }))
      noteCustomId(issues, c.custom_id as string, [...p, "custom_id"], ids);
    if (c.url !== undefined)
      issues.add([...p, "url"], "BUTTON_COMPONENT_URL_NOT_ALLOWED", "A url is only allowed on link buttons");
    if (c.label === undefined && c.emoji === undefined)
      issues.add(p, "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or an emoji is required");
  }
}

function noteCustomId(issues: Issues, id: string, p: FieldPath, ids: Map<string, FieldPath>): void {
  if (ids.has(id))
    issues.add(p, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
  else ids.set(id, p);
}

function validateSelect(
  issues: Issues,
  c: Record<string, unknown>,
  p: FieldPath,
  ids: Map<string, FieldPath>,
) {
  if (checkString(issues, c.custom_id, [...p, "custom_id"], { max: 100, min: 1, required: true }))
    noteCustomId(issues, c.custom_id as string, [...p, "custom_id"], ids);
  checkString(issues, c.placeholder, [...p, "placeholder"], { max: 150 });
  checkInt(issues, c.min_values, [...p, "min_values"], { min: 0, max: 25 });
  checkInt(issues, c.max_values, [...p, "max_values"], { min: 1, max: 25 });
  if (c.type === ComponentType.StringSelect) {
    if (checkArray(issues, c.options, [...p, "options"], { min: 1, max: 25, required: true })) {
      c.options.forEach((o, i) => {
        const op = [...p, "options", i];
        if (!isRecord(o)) return;
        checkString(issues, o.label, [...op, "label"], { min: 1, max: 100, required: true });
        checkString(issues, o.value, [...op, "value"], { min: 1, max: 100, required: true });
        checkString(issues, o.description, [...op, "description"], { max: 100 });
      });
      if (typeof c.max_values === "number" && c.max_values > c.options.length)
        issues.add(
          [...p, "max_values"],
          "SELECT_COMPONENT_MAX_VALUES_TOO_LARGE",
          "max_values exceeds options",
        );
    }
  }
}

function validateActionRow(
  issues: Issues,
  row: Record<string, unknown>,
  p: FieldPath,
  ids: Map<string, FieldPath>,
) {
  if (!checkArray(issues, row.components, [...p, "components"], { min: 1, max: 5, required: true })) return;
  const children = row.components;
  children.forEach((c, j) => {
    const cp = [...p, "components", j];
    if (!isRecord(c)) {
      issues.add(cp, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      return;
    }
    if (c.type === ComponentType.Button) validateButton(issues, c, cp, ids);
    else if (typeof c.type === "number" && SELECT_TYPES.has(c.type)) {
      validateSelect(issues, c, cp, ids);
      if (children.length > 1)
        issues.add(
          cp,
          "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
          "The specified component exceeds the maximum width",
        );
    } else if (c.type === ComponentType.TextInput) {
      issues.add([...cp, "type"], "COMPONENT_TYPE_INVALID", "Text inputs are only allowed in modals");
    } else {
      issues.add(
        [...cp, "type"],
        "UNION_TYPE_CHOICES",
        'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).',
      );
    }
  });
}

function validateComponents(issues: Issues, components: unknown, path: FieldPath, v2: boolean): void {
  const ids = new Map<string, FieldPath>();
  if (!v2) {
    if (!checkArray(issues, components, path, { max: 5 })) return;
    components.forEach((row, i) => {
      const p = [...path, i];
      if (!isRecord(row)) {
        issues.add(p, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
        return;
      }
      if (row.type !== ComponentType.ActionRow) {
        issues.add([...p, "type"], "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1,).');
        return;
      }
      validateActionRow(issues, row, p, ids);
    });
    return;
  }
  // Components V2: up to 40 components in total, text displays up to 4000 characters in total.
  if (!checkArray(issues, components, path, { max: 40 })) return;
  let count = 0;
  let text = 0;
  const visit = (c: unknown, p: FieldPath, topLevel: boolean): void => {
    if (!isRecord(c)) {
      issues.add(p, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      return;
    }
    count++;
    if (topLevel && (typeof c.type !== "number" || !V2_TOP_LEVEL.has(c.type)))
      issues.add([...p, "type"], "UNION_TYPE_CHOICES", "Invalid top-level component type.");
    if (c.type === ComponentType.ActionRow) {
      validateActionRow(issues, c, p, ids);
      if (Array.isArray(c.components)) count += c.components.length;
      return;
    }
    if (c.type === ComponentType.Button) validateButton(issues, c, p, ids);
    if (c.type === ComponentType.TextDisplay && typeof c.content === "string") text += charLength(c.content);
    if (Array.isArray(c.components)) {
      for (const [i, child] of c.components.entries()) visit(child, [...p, "components", i], false);
    }
    if (c.accessory !== undefined) visit(c.accessory, [...p, "accessory"], false);
  };
  for (const [i, c] of components.entries()) visit(c, [...path, i], true);
  if (count > 40)
    issues.add(path, "COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED", "Must be 40 or fewer in total.");
  if (text > 4000)
    issues.add(
      path,
      "COMPONENT_MAX_TOTAL_TEXT_DISPLAY_CONTENT_EXCEEDED",
      "Text displays must be 4000 or fewer characters in total.",
    );
}

function validateAllowedMentions(issues: Issues, am: unknown, path: FieldPath): void {
  if (am === undefined || am === null) return;
  if (!isRecord(am)) {
    issues.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return;
  }
  if (checkArray(issues, am.parse, [...path, "parse"], { max: 3 })) {
    am.parse.forEach((v, i) => {
      if (v !== "users" && v !== "roles" && v !== "everyone")
        issues.add(
          [...path, "parse", i],
          "BASE_TYPE_CHOICES",
          "Value must be one of ('roles', 'users', 'everyone').",
        );
    });
    for (const kind of ["users", "roles"] as const) {
      if (am.parse.includes(kind) && Array.isArray(am[kind]) && am[kind].length > 0)
        issues.add(
          path,
          "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
          `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
        );
    }
  }
  checkArray(issues, am.users, [...path, "users"], { max: 100 });
  checkArray(issues, am.roles, [...path, "roles"], { max: 100 });
}

/** Validate a message body at `path` (prefix `["data"]` for interaction callbacks). */
function validateMessage(issues: Issues, body: unknown, path: FieldPath, opts: MessageCheckOptions): void {
  if (!isRecord(body)) {
    if (opts.partial && (body === undefined || body === null)) return;
    issues.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return;
  }
  const flags = typeof body.flags === "number" ? body.flags : 0;
  if (body.flags !== undefined && body.flags !== null) {
    if (checkInt(issues, body.flags, [...path, "flags"], { min: 0 }) && (flags & ~opts.allowedFlags) !== 0)
      issues.add([...path, "flags"], "MESSAGE_FLAGS_INVALID", "Invalid flags for this endpoint.");
  }
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  checkString(issues, body.content, [...path, "content"], { max: 2000 });
  validateEmbeds(issues, body.embeds, [...path, "embeds"]);
  if (v2) {
    if (typeof body.content === "string" && body.content.length > 0)
      issues.add(
        [...path, "content"],
        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    if (Array.isArray(body.embeds) && body.embeds.length > 0)
      issues.add(
        [...path, "embeds"],
        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
        "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
  }
  validateComponents(issues, body.components, [...path, "components"], v2);
  validateAllowedMentions(issues, body.allowed_mentions, [...path, "allowed_mentions"]);
  checkArray(issues, body.sticker_ids, [...path, "sticker_ids"], { max: 3 });
  if (body.nonce !== undefined && typeof body.nonce === "string")
    checkString(issues, body.nonce, [...path, "nonce"], { max: 25 });
}

function messageIsEmpty(m: {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  attachments?: unknown;
  sticker_ids?: unknown;
  poll?: unknown;
}): boolean {
  const nonEmptyArray = (v: unknown) => Array.isArray(v) && v.length > 0;
  return (
    !(typeof m.content === "string" && m.content.trim().length > 0) &&
    !nonEmptyArray(m.embeds) &&
    !nonEmptyArray(m.components) &&
    !nonEmptyArray(m.attachments) &&
    !nonEmptyArray(m.sticker_ids) &&
    !isRecord(m.poll)
  );
}

// --- application command validation ------------------------------------------------------------

function validateCommandOptions(issues: Issues, options: unknown, path: FieldPath, depth: number): void {
  if (!checkArray(issues, options, path, { max: 25 })) return;
  const names = new Set<string>();
  let sawOptional = false;
  let sawSub = false;
  let sawValue = false;
  options.forEach((o, i) => {
    const p = [...path, i];
    if (!isRecord(o)) {
      issues.add(p, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      return;
    }
    if (checkString(issues, o.name, [...p, "name"], { min: 1, max: 32, required: true })) {
      const name = o.name as string;
      if (!COMMAND_NAME_RE.test(name) || name !== name.toLowerCase())
        issues.add([...p, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
      if (names.has(name))
        issues.add(
          [...p, "name"],
          "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
          "Option names must be unique",
        );
      names.add(name);
    }
    checkString(issues, o.description, [...p, "description"], { min: 1, max: 100, required: true });
    if (!checkInt(issues, o.type, [...p, "type"], { min: 1, max: 11, required: true })) return;
    const type = o.type as number;
    if (
      type === ApplicationCommandOptionType.Subcommand ||
      type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      sawSub = true;
      if (type === ApplicationCommandOptionType.SubcommandGroup && depth > 0)
        issues.add(
          [...p, "type"],
          "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
          "Subcommand groups cannot be nested",
        );
      if (type === ApplicationCommandOptionType.Subcommand && depth > 1)
        issues.add(
          [...p, "type"],
          "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
          "Subcommands cannot be nested this deep",
        );
      if (type === ApplicationCommandOptionType.SubcommandGroup && Array.isArray(o.options)) {
        o.options.forEach((child, j) => {
          if (isRecord(child) && child.type !== ApplicationCommandOptionType.Subcommand)
            issues.add(
              [...p, "options", j, "type"],
              "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
              "Subcommand groups may only contain subcommands",
            );
        });
      }
      validateCommandOptions(issues, o.options, [...p, "options"], depth + 1);
      return;
    }
    sawValue = true;
    if (o.required === true && sawOptional)
      issues.add(
        p,
        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        "Required options must be placed before non-required options",
      );
    if (o.required !== true) sawOptional = true;
    if (o.choices !== undefined && o.choices !== null) {
      if (o.autocomplete === true)
        issues.add(
          [...p, "autocomplete"],
          "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
          "Autocomplete and choices are mutually exclusive",
        );
      if (checkArray(issues, o.choices, [...p, "choices"], { max: 25 })) {
        o.choices.forEach((c, j) => {
          if (!isRecord(c)) return;
          checkString(issues, c.name, [...p, "choices", j, "name"], { min: 1, max: 100, required: true });
          if (typeof c.value === "string")
            checkString(issues, c.value, [...p, "choices", j, "value"], { max: 100 });
        });
      }
    }
  });
  if (sawSub && sawValue)
    issues.add(
      path,
      "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
      "Sub-command and sub-command group option types are mutually exclusive to all other types",
    );
}

function validateCommand(issues: Issues, cmd: unknown, path: FieldPath): void {
  if (!isRecord(cmd)) {
    issues.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return;
  }
  const type = cmd.type ?? ApplicationCommandType.ChatInput;
  checkInt(issues, type, [...path, "type"], { min: 1, max: 4 });
  if (checkString(issues, cmd.name, [...path, "name"], { min: 1, max: 32, required: true })) {
    const name = cmd.name as string;
    if (
      type === ApplicationCommandType.ChatInput &&
      (!COMMAND_NAME_RE.test(name) || name !== name.toLowerCase())
    )
      issues.add([...path, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
  }
  if (type === ApplicationCommandType.ChatInput) {
    checkString(issues, cmd.description, [...path, "description"], { min: 1, max: 100, required: true });
    validateCommandOptions(issues, cmd.options, [...path, "options"], 0);
  } else if (typeof cmd.description === "string" && cmd.description.length > 0) {
    issues.add(
      [...path, "description"],
      "APPLICATION_COMMAND_DESCRIPTION_INVALID",
      "Context menu commands cannot have a description",
    );
  }
}

/** Normal form used to tell whether a bulk overwrite changed anything. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).sort()) {
    const value = canonical(v[key]);
    if (value === undefined || value === null || value === false || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (isRecord(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out;
}

function commandKey(cmd: { type?: unknown; name?: unknown }): string {
  return `${String(cmd.type ?? 1)}:${String(cmd.name)}`;
}

const STORED_COMMAND_SERVER_FIELDS = new Set(["id", "application_id", "version", "guild_id"]);

function commandSignature(cmd: Record<string, unknown>, global: boolean): string {
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cmd)) if (!STORED_COMMAND_SERVER_FIELDS.has(k)) input[k] = v;
  input.type = input.type ?? 1;
  // Defaults Discord fills in are equal to their absence.
  if (global && input.dm_permission === true) delete input.dm_permission;
  if (global && JSON.stringify(input.integration_types) === "[0]") delete input.integration_types;
  return JSON.stringify(canonical(input));
}

// --- multipart ---------------------------------------------------------------------------------

async function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const ct = contentType ?? "";
  if (ct.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": ct } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    const fields: Record<string, unknown> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") {
          try {
            body = JSON.parse(value);
          } catch {
            throw E.invalidJson();
          }
        } else {
          try {
            fields[field] = JSON.parse(value);
          } catch {
            fields[field] = value;
          }
        }
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field, filename: value.name, contentType: value.type, size: data.length, data });
      }
    }
    return { body: body ?? fields, files };
  }
  const text = raw.toString("utf8");
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    throw E.invalidJson();
  }
}

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface MemberState {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  joinedAt: string;
  roles: APIRole[];
  members: Map<string, MemberState>;
  channelIds: string[];
}

interface ChannelState {
  id: string;
  type: ChannelType;
  name: string | null;
  guildId: string | null;
  parentId: string | null;
  topic: string | null;
  position: number;
  overwrites: APIOverwrite[];
  recipientIds: string[];
  ownerId: string | null;
  lastMessageId: string | null;
  rateLimitPerUser: number;
  thread: { archived: boolean; autoArchiveDuration: 60 | 1440 | 4320 | 10080; createdAt: string } | null;
  pins: { messageId: string; pinnedAt: string }[];
}

interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  channelId: string;
  dispatchedAt: number;
  ack: { type: number; at: number } | null;
  originalMessageId: string | null;
  /** Deferred (type 5) and not edited yet: the first follow-up replaces the loading message. */
  loading: boolean;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  shard: [number, number];
  identify: Record<string, unknown>;
  events: { op: 0; t: string; s: number; d: unknown }[];
  conn: Connection | null;
}

interface Connection {
  ws: WebSocket;
  info: GatewayConnectionInfo;
  session: Session | null;
  zlibStream: zlib.Deflate | null;
  zlibChunks: Buffer[];
  identifyCompress: boolean;
  lastHeartbeatAt: number | null;
}

interface Waiter<T> {
  match: (x: T) => boolean;
  resolve: (x: T) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  method: string;
  path: string;
}

interface RouteResult {
  status: number;
  body?: unknown;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Whether `Authorization: Bot <token>` is required (interaction webhooks/callbacks: no). */
  auth: boolean;
  handler: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
  /** Number of parameters: literal segments win (`/users/@me` before `/users/:user`). */
  params: number;
}

function route(
  method: string,
  path: string,
  auth: boolean,
  handler: (ctx: RouteContext) => RouteResult | Promise<RouteResult>,
): Route {
  const source = path
    .split("/")
    .map((seg) =>
      seg.startsWith(":") ? `(?<${seg.slice(1)}>[^/]+)` : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  const params = path.split("/").filter((seg) => seg.startsWith(":")).length;
  return { method, pattern: new RegExp(`^${source}$`), auth, handler, params };
}

// ---------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly heartbeatIntervalMs: number;
  /** Mutable so a test can shorten it. */
  ackDeadlineMs: number;
  readonly interactionTokenTtlMs: number;
  readonly allowedPrivilegedIntents: number;

  /** Every REST request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every 4xx/5xx the fake answered (validation failures, unknown routes, bad auth, ...). */
  readonly errors: RecordedError[] = [];
  /** Every interaction callback attempt (accepted or not). */
  readonly callbacks: RecordedCallback[] = [];
  /** Every bulk overwrite of commands. */
  readonly commandPuts: CommandPut[] = [];
  /** Every IDENTIFY payload (`d`). */
  readonly identifies: Record<string, unknown>[] = [];
  /** Gateway traffic, both directions (HELLO, heartbeats, dispatches, ...). */
  readonly gatewayLog: GatewayLogEntry[] = [];
  readonly gatewayConnections: GatewayConnectionInfo[] = [];
  /** Dispatches not delivered because the session lacked the intent. */
  readonly droppedDispatches: { t: string; d: unknown; reason: string }[] = [];

  private readonly users = new Map<string, APIUser>();
  private readonly guildStates = new Map<string, GuildState>();
  private readonly channels = new Map<string, ChannelState>();
  private readonly messages = new Map<string, APIMessage>();
  private readonly dmByUser = new Map<string, string>();
  private readonly globalCommands = new Map<string, APIApplicationCommand>();
  private readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private readonly failures: { method: string; path: RegExp; failure: FailureInjection; left: number }[] = [];
  private readonly defaultMemberId: string | null;
  private readonly botPermissions: bigint;
  private readonly recommendedShards: number | undefined;
  private readonly maxGuildsPerShard: number;

  private readonly requestWaiters: Waiter<RecordedRequest>[] = [];
  private readonly callbackWaiters: Waiter<RecordedCallback>[] = [];
  private readonly sessionWaiters: Waiter<Session>[] = [];

  private readonly restServer: http.Server;
  private readonly gatewayServer: http.Server;
  private readonly wss: WebSocketServer;
  private readonly routes: Route[];
  private restPort = 0;
  private gatewayPort = 0;
  private started = false;

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? "fake-token";
    this.applicationId = options.applicationId ?? options.botUser?.id ?? snowflake();
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.ackDeadlineMs = options.ackDeadlineMs ?? 3_000;
    this.interactionTokenTtlMs = options.interactionTokenTtlMs ?? 15 * 60_000;
    this.allowedPrivilegedIntents = options.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS;
    this.botPermissions = options.botPermissions ?? DEFAULT_BOT_PERMISSIONS;
    this.recommendedShards = options.recommendedShards;
    this.maxGuildsPerShard = options.maxGuildsPerShard ?? MAX_GUILDS_PER_SHARD;
    this.botUser = this.addUser({
      id: options.botUser?.id ?? this.applicationId,
      username: options.botUser?.username ?? "notes-tutor",
      bot: true,
    });

    let firstMember: string | null = null;
    for (const g of options.guilds ?? [defaultGuildOptions()]) {
      const state = this.addGuild(g);
      if (firstMember === null) {
        for (const m of state.members.values()) {
          if (m.userId !== this.botUser.id && m.userId !== state.ownerId) {
            firstMember = m.userId;
            break;
          }
        }
        firstMember ??= state.ownerId;
      }
    }
    this.defaultMemberId = firstMember;

    this.routes = this.buildRoutes().sort((a, b) => a.params - b.params);
    this.restServer = http.createServer((req, res) => {
      this.handleHttp(req, res).catch(() => res.destroy());
    });
    this.gatewayServer = http.createServer((_req, res) => {
      res.writeHead(400, { "content-type": "text/plain" }).end("WebSocket upgrade required");
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.gatewayServer.on("upgrade", (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws, req));
    });
  }

  // --- lifecycle -------------------------------------------------------------------------------

  async start(): Promise<this> {
    if (this.started) return this;
    const listen = (server: http.Server) =>
      new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    this.restPort = await listen(this.restServer);
    this.gatewayPort = await listen(this.gatewayServer);
    this.started = true;
    return this;
  }

  async close(): Promise<void> {
    const closed = new Error("FakeDiscord closed");
    for (const list of [
      this.requestWaiters,
      this.callbackWaiters,
      this.sessionWaiters,
    ] as Waiter<unknown>[][]) {
      for (const w of list.splice(0)) {
        clearTimeout(w.timer);
        w.reject(closed);
      }
    }
    for (const conn of this.connections) {
      conn.info.closedBy ??= "server";
      conn.ws.terminate();
      conn.zlibStream?.close();
    }
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    if (!this.started) return;
    this.started = false;
    const stop = (server: http.Server) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    await Promise.all([stop(this.restServer), stop(this.gatewayServer)]);
  }

  /** `http://127.0.0.1:<port>/api`: discord.js's `rest.api` option (it appends `/v10`). */
  get restUrl(): string {
    this.assertStarted();
    return `http://127.0.0.1:${this.restPort}/api`;
  }

  /** `ws://127.0.0.1:<port>`, what `GET /gateway/bot` returns. */
  get gatewayUrl(): string {
    this.assertStarted();
    return `ws://127.0.0.1:${this.gatewayPort}`;
  }

  /** The last IDENTIFY payload (`d`), or null. */
  get identify(): Record<string, unknown> | null {
    return this.identifies.at(-1) ?? null;
  }

  /** The identified sessions' shards (`[id, count]` from IDENTIFY) and whether each is connected. */
  get shardSessions(): { sessionId: string; shard: [number, number]; connected: boolean }[] {
    return [...this.sessions.values()].map((s) => ({
      sessionId: s.id,
      shard: [s.shard[0], s.shard[1]],
      connected: s.conn !== null,
    }));
  }

  /** Intents of the current session (null before IDENTIFY). */
  get intents(): number | null {
    return this.activeSession()?.intents ?? null;
  }

  /** Clear the recordings (requests, errors, callbacks, command PUTs, gateway log); state stays. */
  reset(): void {
    this.requests.length = 0;
    this.errors.length = 0;
    this.callbacks.length = 0;
    this.commandPuts.length = 0;
    this.gatewayLog.length = 0;
    this.droppedDispatches.length = 0;
  }

  /** Throw with a readable list when the fake answered any error. */
  assertNoErrors(): void {
    if (this.errors.length === 0) return;
    const lines = this.errors.map(
      (e) =>
        `${e.method} ${e.path} -> ${e.status} ${JSON.stringify(e.body)} (request body ${JSON.stringify(e.requestBody)})`,
    );
    throw new Error(`FakeDiscord answered ${this.errors.length} error(s):\n${lines.join("\n")}`);
  }

  // --- state accessors -------------------------------------------------------------------------

  get guildIds(): string[] {
    return [...this.guildStates.keys()];
  }

  /** The first guild's id. */
  get guildId(): string {
    const id = this.guildIds[0];
    if (id === undefined) throw new Error("FakeDiscord has no guild");
    return id;
  }

  /** The first text channel of the first guild. */
  get channelId(): string {
    return this.defaultChannelOf(this.guildId);
  }

  /** The default interaction user's id (the first configured member). */
  get userId(): string {
    if (this.defaultMemberId === null) throw new Error("FakeDiscord has no member");
    return this.defaultMemberId;
  }

  guild(guildId: string = this.guildId): APIGuild {
    return this.toAPIGuild(this.requireGuild(guildId));
  }

  channel(channelId: string): APIChannel {
    const ch = this.channels.get(channelId);
    if (!ch) throw new Error(`FakeDiscord: unknown channel ${channelId}`);
    return this.toAPIChannel(ch);
  }

  /** Find a channel by name (in a guild, default the first). */
  channelByName(name: string, guildId: string = this.guildId): APIChannel {
    for (const ch of this.channels.values()) {
      if (ch.guildId === guildId && ch.name === name) return this.toAPIChannel(ch);
    }
    throw new Error(`FakeDiscord: no channel named ${name} in guild ${guildId}`);
  }

  user(idOrName: string): APIUser {
    return clone(this.resolveUser(idOrName));
  }

  member(userId: string, guildId: string = this.guildId): APIGuildMember {
    const g = this.requireGuild(guildId);
    const m = g.members.get(userId);
    if (!m) throw new Error(`FakeDiscord: ${userId} is not a member of ${guildId}`);
    return this.toAPIMember(m);
  }

  /** Stored commands: global when `guildId` is omitted/null. */
  commands(guildId: string | null = null): APIApplicationCommand[] {
    const map = guildId === null ? this.globalCommands : this.guildCommands.get(guildId);
    return map ? [...map.values()].map(clone) : [];
  }

  message(id: string): APIMessage | undefined {
    const m = this.messages.get(id);
    return m ? clone(m) : undefined;
  }

  /** Messages in a channel (ephemeral ones included), oldest first. */
  channelMessages(channelId: string): APIMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId).map(clone);
  }

  /** The current `@original` response of an interaction, if any. */
  originalResponse(interactionId: string): APIMessage | undefined {
    const st = this.interactions.get(interactionId);
    return st?.originalMessageId ? this.message(st.originalMessageId) : undefined;
  }

  // --- waiting ---------------------------------------------------------------------------------

  /** Resolves with the first request (since `since`, an index into `requests`) matching; waits if none yet. */
  waitForRequest(
    method: string,
    path: RegExp | string,
    timeoutMs = 2_000,
    opts: { since?: number } = {},
  ): Promise<RecordedRequest> {
    const re =
      typeof path === "string" ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : path;
    const match = (r: RecordedRequest) => r.method === method.toUpperCase() && re.test(r.path);
    const existing = this.requests.slice(opts.since ?? 0).find((r) => r.status !== 0 && match(r));
    if (existing) return Promise.resolve(existing);
    return this.addWaiter(this.requestWaiters, match, timeoutMs, () => {
      const seen = this.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`).join("\n  ");
      return `no ${method} ${re} within ${timeoutMs} ms; requests:\n  ${seen}`;
    });
  }

  /** Resolves with the first callback attempt for the interaction. */
  waitForCallback(interactionId: string, timeoutMs = 3_500): Promise<RecordedCallback> {
    const match = (c: RecordedCallback) => c.interactionId === interactionId;
    const existing = this.callbacks.find(match);
    if (existing) return Promise.resolve(existing);
    return this.addWaiter(this.callbackWaiters, match, timeoutMs, () => {
      const errs = this.errors.map((e) => `${e.method} ${e.path} -> ${e.status} ${JSON.stringify(e.body)}`);
      return `no callback for interaction ${interactionId} within ${timeoutMs} ms; errors: ${errs.join("; ") || "none"}`;
    });
  }

  /** Resolves once a gateway session has been identified and READY + GUILD_CREATEs sent. */
  waitForSession(timeoutMs = 5_000): Promise<{ sessionId: string; intents: number }> {
    const active = this.activeSession();
    const done = (s: Session) => ({ sessionId: s.id, intents: s.intents });
    if (active) return Promise.resolve(done(active));
    return this.addWaiter(
      this.sessionWaiters,
      () => true,
      timeoutMs,
      () => `no IDENTIFY within ${timeoutMs} ms`,
    ).then(done);
  }

  private addWaiter<T>(
    list: Waiter<T>[],
    match: (x: T) => boolean,
    timeoutMs: number,
    describe: () => string,
  ) {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = list.indexOf(waiter);
          if (i >= 0) list.splice(i, 1);
          reject(new Error(`FakeDiscord: ${describe()}`));
        }, timeoutMs),
      };
      list.push(waiter);
    });
  }

  private notify<T>(list: Waiter<T>[], value: T): void {
    for (const w of [...list]) {
      if (!w.match(value)) continue;
      list.splice(list.indexOf(w), 1);
      clearTimeout(w.timer);
      w.resolve(value);
    }
  }

  // --- test controls ---------------------------------------------------------------------------

  /** Make the next `times` matching REST requests fail (e.g. a 429 with `retry_after`, or a 500). */
  injectFailure(method: string, path: RegExp, failure: FailureInjection): void {
    this.failures.push({ method: method.toUpperCase(), path, failure, left: failure.times ?? 1 });
  }

  /** Close the gateway connection(s) from the server side (4000 is resumable). */
  closeGateway(code = 4000, reason = "fake disconnect"): void {
    for (const conn of this.connections) {
      conn.info.closedBy ??= "server";
      conn.ws.close(code, reason);
    }
  }

  /** Send op 7 RECONNECT: the client should reconnect and RESUME. */
  requestReconnect(): void {
    for (const conn of this.connections)
      this.send(conn, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** Send op 9 INVALID_SESSION. */
  invalidateSession(resumable = false): void {
    for (const conn of this.connections) {
      if (!resumable && conn.session) this.sessions.delete(conn.session.id);
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  // --- gateway dispatch ------------------------------------------------------------------------

  /**
   * Dispatch an event to every identified session, as Discord would: only to the shard that owns
   * the event's guild (`shardOfGuild`), events without a guild (DMs) only to shard 0; not
   * delivered when the session lacks the event's intent, message content scrubbed without
   * MESSAGE_CONTENT. Events for a disconnected but resumable session are buffered and replayed on
   * RESUME. Returns the number of sessions it was delivered (or buffered) to.
   */
  dispatch(t: string, d: unknown): number {
    let delivered = 0;
    const guildId = guildOfEvent(t, d);
    for (const session of this.sessions.values()) {
      const [shardId, shardCount] = session.shard;
      if ((guildId === null ? 0 : shardOfGuild(guildId, shardCount)) !== shardId) continue;
      const need = requiredIntent(t, d);
      if (need !== null && (session.intents & need) === 0) {
        this.droppedDispatches.push({ t, d, reason: `session lacks intent ${need}` });
        continue;
      }
      this.deliver(session, t, scrubForIntents(t, d, session.intents, this.botUser.id));
      delivered++;
    }
    return delivered;
  }

  private deliver(session: Session, t: string, d: unknown): void {
    const payload = { op: 0 as const, t, s: ++session.seq, d };
    session.events.push(payload);
    if (session.conn) this.send(session.conn, payload);
  }

  /** Dispatch INTERACTION_CREATE. The 3-second acknowledgement clock starts now. */
  sendInteraction<P extends APIInteraction>(payload: P): SentInteraction<P> {
    if (!this.activeSession()) throw new Error("FakeDiscord: no identified gateway session to send to");
    const channelId = payload.channel?.id ?? payload.channel_id ?? "";
    const st: InteractionState = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      payload: clone(payload),
      channelId,
      dispatchedAt: performance.now(),
      ack: null,
      originalMessageId: null,
      loading: false,
    };
    this.interactions.set(st.id, st);
    this.interactionsByToken.set(st.token, st);
    this.dispatch("INTERACTION_CREATE", payload);
    return { id: payload.id, token: payload.token, payload };
  }

  /** Build and dispatch a slash command (type 2). */
  slashCommand(opts: SlashCommandOptions): SentInteraction<APIChatInputApplicationCommandInteraction> {
    return this.sendInteraction(this.buildSlashCommand(opts));
  }

  /** Build and dispatch an autocomplete interaction (type 4). */
  autocomplete(opts: AutocompleteOptions): SentInteraction<APIApplicationCommandAutocompleteInteraction> {
    return this.sendInteraction(this.buildAutocomplete(opts));
  }

  /** Build and dispatch a button click (type 3, component_type 2). */
  buttonClick(opts: ButtonClickOptions): SentInteraction<APIMessageComponentInteraction> {
    return this.sendInteraction(this.buildButtonClick(opts));
  }

  /** Build and dispatch a string select (type 3, component_type 3). */
  stringSelect(opts: StringSelectOptions): SentInteraction<APIMessageComponentInteraction> {
    return this.sendInteraction(
      this.buildComponentInteraction(opts, ComponentType.StringSelect, opts.values),
    );
  }

  /** A human posts a message: stored, then MESSAGE_CREATE is dispatched (subject to intents). */
  userMessage(opts: UserMessageOptions): APIMessage {
    const ctx = this.resolveContext(opts);
    const author = this.resolveUser(opts.user ?? this.userId);
    const content = opts.mentionBot ? `<@${this.botUser.id}> ${opts.content}` : opts.content;
    const message = this.storeMessage({
      channelId: ctx.channelId,
      author,
      body: { content },
      type: MessageType.Default,
      files: [],
    });
    // Discord's extra field on message events: the type of the channel (discord.js reads it to build a DM
    // channel it has not cached, with Partials.Channel).
    const d: Record<string, unknown> = { ...clone(message), channel_type: ctx.channel.type };
    if (ctx.guild) {
      d.guild_id = ctx.guild.id;
      const member = ctx.guild.members.get(author.id);
      if (member) {
        const { user: _user, ...rest } = this.toAPIMember(member);
        d.member = rest;
      }
    }
    this.dispatch("MESSAGE_CREATE", d);
    return message;
  }

  /** A user joins a guild: stored, then GUILD_MEMBER_ADD is dispatched (needs GuildMembers). */
  memberJoin(member: FakeMemberOptions, guildId: string = this.guildId): APIGuildMember {
    const g = this.requireGuild(guildId);
    const state = this.addMember(g, member);
    const apiMember = this.toAPIMember(state);
    this.dispatch("GUILD_MEMBER_ADD", { ...apiMember, guild_id: g.id });
    return apiMember;
  }

  // --- interaction builders --------------------------------------------------------------------

  buildSlashCommand(opts: SlashCommandOptions): APIChatInputApplicationCommandInteraction {
    const ctx = this.resolveContext(opts);
    const cmd = this.findCommand(opts.name, ctx.guild?.id ?? null, ApplicationCommandType.ChatInput);
    const resolved: APIInteractionDataResolved = {};
    const options = Array.isArray(opts.options)
      ? clone(opts.options)
      : this.buildOptions(cmd, opts, opts.options ?? {}, null, ctx, resolved);
    const base = this.baseInteraction(ctx);
    const payload: APIChatInputApplicationCommandInteraction = {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: cmd?.id ?? snowflake(),
        name: opts.name,
        type: ApplicationCommandType.ChatInput,
        ...(options.length > 0 ? { options } : {}),
        ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
        ...(cmd?.guild_id ? { guild_id: cmd.guild_id } : {}),
      },
    };
    return payload;
  }

  buildAutocomplete(opts: AutocompleteOptions): APIApplicationCommandAutocompleteInteraction {
    const ctx = this.resolveContext(opts);
    const cmd = this.findCommand(opts.name, ctx.guild?.id ?? null, ApplicationCommandType.ChatInput);
    const resolved: APIInteractionDataResolved = {};
    const options = this.buildOptions(
      cmd,
      opts,
      { ...(opts.options ?? {}), [opts.focused]: opts.value },
      { name: opts.focused, value: opts.value },
      ctx,
      resolved,
    );
    const base = this.baseInteraction(ctx);
    return {
      ...base,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: cmd?.id ?? snowflake(),
        name: opts.name,
        type: ApplicationCommandType.ChatInput,
        options,
        ...(cmd?.guild_id ? { guild_id: cmd.guild_id } : {}),
      },
    };
  }

  buildButtonClick(opts: ButtonClickOptions): APIMessageComponentInteraction {
    return this.buildComponentInteraction(opts, ComponentType.Button, null);
  }

  private buildComponentInteraction(
    opts: ButtonClickOptions,
    componentType: ComponentType.Button | ComponentType.StringSelect,
    values: string[] | null,
  ): APIMessageComponentInteraction {
    let message: APIMessage | undefined;
    if (typeof opts.message === "string") {
      message = this.messages.get(opts.message);
      if (!message) throw new Error(`FakeDiscord: no stored message ${opts.message}`);
    } else if (opts.message) {
      message = opts.message;
      if (!this.messages.has(message.id)) this.messages.set(message.id, clone(message));
    } else {
      message = [...this.messages.values()]
        .reverse()
        .find(
          (m) =>
            (opts.channelId === undefined || m.channel_id === opts.channelId) &&
            findComponent(m.components, opts.customId) !== null,
        );
    }
    if (!message) {
      const channelId = opts.channelId ?? this.resolveContext(opts).channelId;
      const component =
        componentType === ComponentType.Button
          ? { type: ComponentType.Button, style: 1, custom_id: opts.customId, label: "Button" }
          : {
              type: ComponentType.StringSelect,
              custom_id: opts.customId,
              options: (values ?? []).map((v) => ({ label: v, value: v })),
            };
      message = this.storeMessage({
        channelId,
        author: this.botUser,
        body: { components: [{ type: ComponentType.ActionRow, components: [component] }] },
        type: MessageType.Default,
        files: [],
      });
    }
    const component = findComponent(message.components, opts.customId);
    if (component === null)
      throw new Error(`FakeDiscord: message ${message.id} has no component with custom_id ${opts.customId}`);
    if (component.type !== componentType)
      throw new Error(
        `FakeDiscord: component ${opts.customId} has type ${String(component.type)}, not ${componentType}`,
      );
    if (component.disabled === true) throw new Error(`FakeDiscord: component ${opts.customId} is disabled`);
    const ctx = this.resolveContext({ ...opts, channelId: message.channel_id });
    const base = this.baseInteraction(ctx);
    const data =
      componentType === ComponentType.Button
        ? { custom_id: opts.customId, component_type: ComponentType.Button as const }
        : {
            custom_id: opts.customId,
            component_type: ComponentType.StringSelect as const,
            values: values ?? [],
          };
    return {
      ...base,
      type: InteractionType.MessageComponent,
      channel: base.channel,
      channel_id: ctx.channelId,
      app_permissions: base.app_permissions,
      message: clone(message),
      data,
    };
  }

  private buildOptions(
    cmd: APIApplicationCommand | undefined,
    opts: { name: string; subcommand?: string; subcommandGroup?: string },
    values: Record<string, SimpleOptionValue>,
    focused: { name: string; value: string } | null,
    ctx: ResolvedContext,
    resolved: APIInteractionDataResolved,
  ): APIApplicationCommandInteractionDataOption[] {
    let schema: APIApplicationCommandOption[] | null = cmd ? (cmd.options ?? []) : null;
    const where = `/${opts.name}`;
    if (opts.subcommandGroup !== undefined || opts.subcommand !== undefined) {
      const pick = (list: APIApplicationCommandOption[] | null, name: string, type: number) => {
        if (list === null) return null;
        const found = list.find((o) => o.name === name && o.type === type);
        if (!found)
          throw new Error(`FakeDiscord: ${where} has no ${type === 2 ? "group" : "subcommand"} ${name}`);
        return "options" in found && Array.isArray(found.options)
          ? (found.options as APIApplicationCommandOption[])
          : [];
      };
      if (opts.subcommandGroup !== undefined) schema = pick(schema, opts.subcommandGroup, 2);
      if (opts.subcommand === undefined)
        throw new Error("FakeDiscord: a subcommand group needs a subcommand");
      schema = pick(schema, opts.subcommand, 1);
    } else if (schema?.some((o) => o.type === 1 || o.type === 2)) {
      throw new Error(`FakeDiscord: ${where} requires a subcommand`);
    }
    const leaf: APIApplicationCommandInteractionDataBasicOption[] = [];
    for (const [name, value] of Object.entries(values)) {
      const def = schema?.find((o) => o.name === name);
      if (schema !== null && !def) throw new Error(`FakeDiscord: ${where} has no option ${name}`);
      const isFocused = focused?.name === name;
      if (isFocused && def && !("autocomplete" in def && def.autocomplete === true))
        throw new Error(`FakeDiscord: option ${name} of ${where} is not an autocomplete option`);
      const type = def?.type ?? inferOptionType(value);
      if (!isFocused && def && "choices" in def && Array.isArray(def.choices) && def.choices.length > 0) {
        if (!def.choices.some((c: { value: unknown }) => c.value === value))
          throw new Error(`FakeDiscord: ${JSON.stringify(value)} is not a choice of option ${name}`);
      }
      leaf.push(this.optionValue(name, type, isFocused ? String(value) : value, isFocused, ctx, resolved));
    }
    if (schema !== null) {
      for (const def of schema) {
        if ("required" in def && def.required === true && !(def.name in values))
          throw new Error(`FakeDiscord: required option ${def.name} of ${where} is missing`);
      }
    }
    if (opts.subcommand === undefined) return leaf;
    const sub: APIApplicationCommandInteractionDataSubcommandOption = {
      name: opts.subcommand,
      type: ApplicationCommandOptionType.Subcommand,
      options: leaf,
    };
    if (opts.subcommandGroup === undefined) return [sub];
    return [
      { name: opts.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options: [sub] },
    ];
  }

  private optionValue(
    name: string,
    type: ApplicationCommandOptionType,
    value: SimpleOptionValue,
    focused: boolean,
    ctx: ResolvedContext,
    resolved: APIInteractionDataResolved,
  ): APIApplicationCommandInteractionDataBasicOption {
    const T = ApplicationCommandOptionType;
    if (!focused) {
      const expect =
        type === T.String ||
        type === T.User ||
        type === T.Channel ||
        type === T.Role ||
        type === T.Mentionable
          ? "string"
          : type === T.Boolean
            ? "boolean"
            : "number";
      if (typeof value !== expect) throw new Error(`FakeDiscord: option ${name} expects a ${expect}`);
      if (type === T.Integer && !Number.isInteger(value))
        throw new Error(`FakeDiscord: option ${name} expects an integer`);
      const id = String(value);
      if (type === T.User || (type === T.Mentionable && this.users.has(id))) {
        const user = this.resolveUser(id);
        resolved.users = { ...(resolved.users ?? {}), [user.id]: clone(user) };
        const m = ctx.guild?.members.get(user.id);
        if (m && ctx.guild) {
          const { user: _u, ...member } = this.toAPIMember(m);
          resolved.members = {
            ...(resolved.members ?? {}),
            [user.id]: {
              ...member,
              permissions: this.channelPermissions(ctx.guild, ctx.channel, user.id).toString(),
            },
          };
        }
        return { name, type: T.User, value: user.id };
      }
      if (type === T.Channel) {
        const ch = this.channels.get(id);
        if (!ch) throw new Error(`FakeDiscord: option ${name}: unknown channel ${id}`);
        const perms = ctx.guild ? this.channelPermissions(ctx.guild, ch, ctx.user.id) : ALL_PERMISSIONS;
        const api = this.toAPIChannel(ch) as { parent_id?: string | null; thread_metadata?: unknown };
        // discord-api-types splits resolved channels into thread and non-thread shapes; this builds both.
        const entry = {
          id,
          name: ch.name,
          type: ch.type,
          permissions: perms.toString(),
          ...(ch.thread ? { parent_id: api.parent_id, thread_metadata: api.thread_metadata } : {}),
        } as APIInteractionDataResolvedChannel;
        resolved.channels = { ...(resolved.channels ?? {}), [id]: entry };
      }
      if (type === T.Role || type === T.Mentionable) {
        const role = ctx.guild?.roles.find((r) => r.id === id || r.name === id);
        if (!role) throw new Error(`FakeDiscord: option ${name}: unknown role ${id}`);
        resolved.roles = { ...(resolved.roles ?? {}), [role.id]: clone(role) };
        return { name, type: T.Role, value: role.id };
      }
    }
    // discord-api-types models each option type separately; the union is too narrow to build generically.
    return {
      name,
      type,
      value,
      ...(focused ? { focused: true } : {}),
    } as APIApplicationCommandInteractionDataBasicOption;
  }

  /**
   * The registered command a user could invoke here: guild commands first, then global ones.
   * Once any command is registered for that place, an unknown name throws: Discord would never
   * send it. With nothing registered at all, builders infer the option types instead.
   */
  findCommand(
    name: string,
    guildId: string | null,
    type = ApplicationCommandType.ChatInput,
  ): APIApplicationCommand | undefined {
    const key = commandKey({ type, name });
    const guildMap = guildId !== null ? this.guildCommands.get(guildId) : undefined;
    const found = guildMap?.get(key) ?? this.globalCommands.get(key);
    if (!found && (this.globalCommands.size > 0 || (guildMap?.size ?? 0) > 0))
      throw new Error(`FakeDiscord: command /${name} is not registered here; Discord would not send it`);
    return found;
  }

  private baseInteraction(ctx: ResolvedContext) {
    const id = snowflake();
    // Like Discord's: base64url of "interaction:<id>:<secret>".
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString(
      "base64url",
    );
    const channel = this.toAPIChannel(ctx.channel);
    const common = {
      id,
      application_id: this.applicationId,
      token,
      version: 1 as const,
      locale: (ctx.locale ?? Locale.EnglishUS) as Locale,
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      channel_id: ctx.channel.id,
    };
    if (ctx.guild) {
      const member = ctx.guild.members.get(ctx.user.id);
      if (!member) throw new Error(`FakeDiscord: user ${ctx.user.id} is not a member of ${ctx.guild.id}`);
      const permissions = ctx.permissions ?? this.channelPermissions(ctx.guild, ctx.channel, ctx.user.id);
      const appPermissions =
        ctx.appPermissions ?? this.channelPermissions(ctx.guild, ctx.channel, this.botUser.id);
      const apiMember: APIInteractionGuildMember = {
        ...this.toAPIMember(member),
        user: clone(ctx.user),
        permissions: permissions.toString(),
      };
      return {
        ...common,
        guild_id: ctx.guild.id,
        guild: { id: ctx.guild.id, locale: ctx.guild.preferredLocale as Locale, features: [] },
        guild_locale: (ctx.guildLocale ?? ctx.guild.preferredLocale) as Locale,
        member: apiMember,
        // Discord adds the invoker's `permissions` to the channel; discord-api-types has no such field.
        channel: { ...channel, permissions: permissions.toString() } as unknown as APIChannel,
        app_permissions: appPermissions.toString(),
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: ctx.guild.id },
        context: InteractionContextType.Guild,
      };
    }
    return {
      ...common,
      user: clone(ctx.user),
      channel,
      app_permissions: (ctx.appPermissions ?? DEFAULT_BOT_PERMISSIONS).toString(),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" },
      context: InteractionContextType.BotDM,
    };
  }

  // --- context resolution ----------------------------------------------------------------------

  private resolveContext(opts: InteractionContextOptions & { channelId?: string }): ResolvedContext {
    const user = this.resolveUser(opts.user ?? this.userId);
    let guild: GuildState | null;
    let channel: ChannelState;
    if (opts.channelId !== undefined) {
      const ch = this.channels.get(opts.channelId);
      if (!ch) throw new Error(`FakeDiscord: unknown channel ${opts.channelId}`);
      channel = ch;
      guild = ch.guildId !== null ? this.requireGuild(ch.guildId) : null;
    } else if (opts.guildId === null) {
      guild = null;
      channel = this.dmChannel(user.id);
    } else {
      guild = this.requireGuild(opts.guildId ?? this.guildId);
      const ch = this.channels.get(this.defaultChannelOf(guild.id));
      if (!ch) throw new Error(`FakeDiscord: guild ${guild.id} has no text channel`);
      channel = ch;
    }
    if (guild && !guild.members.has(user.id)) this.addMember(guild, { id: user.id, username: user.username });
    return {
      user,
      guild,
      channel,
      channelId: channel.id,
      locale: opts.locale ?? null,
      guildLocale: opts.guildLocale ?? null,
      permissions: opts.permissions === undefined ? null : BigInt(opts.permissions),
      appPermissions: opts.appPermissions === undefined ? null : BigInt(opts.appPermissions),
    };
  }

  private resolveUser(ref: string | { id?: string; username: string }): APIUser {
    if (typeof ref === "string") {
      const byId = this.users.get(ref);
      if (byId) return byId;
      for (const u of this.users.values()) if (u.username === ref) return u;
      throw new Error(`FakeDiscord: unknown user ${ref}`);
    }
    if (ref.id !== undefined) {
      const existing = this.users.get(ref.id);
      if (existing) return existing;
    }
    for (const u of this.users.values()) if (u.username === ref.username && ref.id === undefined) return u;
    return this.addUser({ id: ref.id ?? snowflake(), username: ref.username });
  }

  private requireGuild(id: string): GuildState {
    const g = this.guildStates.get(id);
    if (!g) throw new Error(`FakeDiscord: unknown guild ${id}`);
    return g;
  }

  private defaultChannelOf(guildId: string): string {
    const g = this.requireGuild(guildId);
    for (const id of g.channelIds) {
      const ch = this.channels.get(id);
      if (ch && ch.type === ChannelType.GuildText) return id;
    }
    throw new Error(`FakeDiscord: guild ${guildId} has no text channel`);
  }

  private dmChannel(userId: string): ChannelState {
    const existing = this.dmByUser.get(userId);
    if (existing) {
      const ch = this.channels.get(existing);
      if (ch) return ch;
    }
    const ch: ChannelState = {
      id: snowflake(),
      type: ChannelType.DM,
      name: null,
      guildId: null,
      parentId: null,
      topic: null,
      position: 0,
      overwrites: [],
      recipientIds: [userId],
      ownerId: null,
      lastMessageId: null,
      rateLimitPerUser: 0,
      thread: null,
      pins: [],
    };
    this.channels.set(ch.id, ch);
    this.dmByUser.set(userId, ch.id);
    return ch;
  }

  // --- state construction ----------------------------------------------------------------------

  private addUser(u: { id: string; username: string; bot?: boolean; globalName?: string }): APIUser {
    const user: APIUser = {
      id: u.id,
      username: u.username,
      discriminator: "0",
      global_name: u.bot ? null : (u.globalName ?? u.username),
      avatar: null,
      ...(u.bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  private addGuild(o: FakeGuildOptions): GuildState {
    const id = o.id ?? snowflake();
    const everyone: APIRole = makeRole(
      id,
      "@everyone",
      o.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
      0,
    );
    const botRole = makeRole(snowflake(), this.botUser.username, this.botPermissions, 1);
    botRole.managed = true;
    botRole.tags = { bot_id: this.botUser.id };
    const roles = [everyone, botRole];
    for (const [i, r] of (o.roles ?? []).entries()) {
      roles.push(makeRole(r.id ?? snowflake(), r.name, r.permissions ?? 0n, i + 2));
    }
    const owner = o.ownerId ?? snowflake();
    const g: GuildState = {
      id,
      name: o.name ?? "Fake Guild",
      ownerId: owner,
      preferredLocale: o.preferredLocale ?? Locale.EnglishUS,
      joinedAt: nowIso(),
      roles,
      members: new Map(),
      channelIds: [],
    };
    this.guildStates.set(id, g);
    this.addMember(g, {
      id: this.botUser.id,
      username: this.botUser.username,
      bot: true,
      roles: [botRole.id],
    });
    if (!this.users.has(owner)) this.addUser({ id: owner, username: "guild-owner" });
    this.addMember(g, { id: owner, username: "guild-owner" });
    for (const m of o.members ?? []) this.addMember(g, m);
    for (const [i, c] of (o.channels ?? [{ name: "general" }]).entries()) {
      const ch: ChannelState = {
        id: c.id ?? snowflake(),
        type: c.type ?? ChannelType.GuildText,
        name: c.name,
        guildId: id,
        parentId: c.parentId ?? null,
        topic: c.topic ?? null,
        position: i,
        overwrites: c.permissionOverwrites ?? [],
        recipientIds: [],
        ownerId: null,
        lastMessageId: null,
        rateLimitPerUser: 0,
        thread: null,
        pins: [],
      };
      this.channels.set(ch.id, ch);
      g.channelIds.push(ch.id);
    }
    return g;
  }

  private addMember(g: GuildState, m: FakeMemberOptions): MemberState {
    const user = m.id !== undefined && this.users.has(m.id) ? this.users.get(m.id)! : null;
    const u =
      user ??
      this.addUser({
        id: m.id ?? snowflake(),
        username: m.username,
        ...(m.bot !== undefined ? { bot: m.bot } : {}),
        ...(m.globalName !== undefined ? { globalName: m.globalName } : {}),
      });
    const roles = (m.roles ?? []).map((r) => {
      const role = g.roles.find((x) => x.id === r || x.name === r);
      if (!role) throw new Error(`FakeDiscord: unknown role ${r} in guild ${g.id}`);
      return role.id;
    });
    const state: MemberState = { userId: u.id, roles, nick: m.nick ?? null, joinedAt: nowIso() };
    g.members.set(u.id, state);
    return state;
  }

  // --- permissions -----------------------------------------------------------------------------

  private basePermissions(g: GuildState, userId: string): bigint {
    if (g.ownerId === userId) return ALL_PERMISSIONS;
    const member = g.members.get(userId);
    let perms = g.roles.find((r) => r.id === g.id)?.permissions ?? "0";
    let p = BigInt(perms);
    for (const roleId of member?.roles ?? []) {
      perms = g.roles.find((r) => r.id === roleId)?.permissions ?? "0";
      p |= BigInt(perms);
    }
    return (p & P.Administrator) !== 0n ? ALL_PERMISSIONS : p;
  }

  /** Discord's permission algorithm: base permissions, then @everyone, role and member overwrites. */
  private channelPermissions(g: GuildState, ch: ChannelState, userId: string): bigint {
    const base = this.basePermissions(g, userId);
    if (base === ALL_PERMISSIONS) return base;
    const target = THREAD_TYPES.has(ch.type) && ch.parentId ? (this.channels.get(ch.parentId) ?? ch) : ch;
    let p = base;
    const ow = target.overwrites;
    const everyone = ow.find((o) => o.id === g.id);
    if (everyone) p = (p & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
    const roles = g.members.get(userId)?.roles ?? [];
    let allow = 0n;
    let deny = 0n;
    for (const o of ow) {
      if (o.type === OverwriteType.Role && o.id !== g.id && roles.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    p = (p & ~deny) | allow;
    const mine = ow.find((o) => o.type === OverwriteType.Member && o.id === userId);
    if (mine) p = (p & ~BigInt(mine.deny)) | BigInt(mine.allow);
    if ((p & P.ViewChannel) === 0n) return 0n;
    return p;
  }

  private requireBotPermission(ch: ChannelState, ...needed: bigint[]): void {
    if (ch.guildId === null) return;
    const g = this.requireGuild(ch.guildId);
    const p = this.channelPermissions(g, ch, this.botUser.id);
    if ((p & P.ViewChannel) === 0n) throw E.missingAccess();
    for (const n of needed) if ((p & n) === 0n) throw E.missingPermissions();
  }

  // --- serialization of state ------------------------------------------------------------------

  private toAPIMember(m: MemberState): APIGuildMember {
    const user = this.users.get(m.userId);
    if (!user) throw new Error(`FakeDiscord: unknown user ${m.userId}`);
    return {
      user: clone(user),
      nick: m.nick,
      avatar: null,
      banner: null,
      roles: [...m.roles],
      joined_at: m.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  private toAPIChannel(ch: ChannelState): APIChannel {
    if (ch.type === ChannelType.DM) {
      return {
        id: ch.id,
        type: ChannelType.DM,
        name: null,
        last_message_id: ch.lastMessageId,
        flags: 0 as ChannelFlags,
        recipients: ch.recipientIds.map((id) => clone(this.users.get(id) ?? this.resolveUser(id))),
      };
    }
    const guildId = ch.guildId ?? "0";
    if (ch.thread) {
      return {
        id: ch.id,
        type: ch.type as ChannelType.PublicThread,
        guild_id: guildId,
        name: ch.name ?? "",
        parent_id: ch.parentId,
        owner_id: ch.ownerId ?? this.botUser.id,
        last_message_id: ch.lastMessageId,
        rate_limit_per_user: ch.rateLimitPerUser,
        flags: 0 as ChannelFlags,
        message_count: this.channelMessageCount(ch.id),
        member_count: 1,
        total_message_sent: this.channelMessageCount(ch.id),
        thread_metadata: {
          archived: ch.thread.archived,
          auto_archive_duration: ch.thread.autoArchiveDuration,
          archive_timestamp: ch.thread.createdAt,
          locked: false,
          create_timestamp: ch.thread.createdAt,
        },
        applied_tags: [],
        position: 0,
        nsfw: false,
        // One literal for the three thread types, which discord-api-types declares separately.
      } as APIChannel;
    }
    // The guild channel types share these fields; discord-api-types splits them per type.
    return {
      id: ch.id,
      type: ch.type,
      guild_id: guildId,
      name: ch.name ?? "",
      position: ch.position,
      permission_overwrites: clone(ch.overwrites),
      parent_id: ch.parentId,
      topic: ch.topic,
      nsfw: false,
      last_message_id: ch.lastMessageId,
      rate_limit_per_user: ch.rateLimitPerUser,
      default_auto_archive_duration: 1440,
      flags: 0 as ChannelFlags,
    } as APIChannel;
  }

  private channelMessageCount(channelId: string): number {
    let n = 0;
    for (const m of this.messages.values()) if (m.channel_id === channelId) n++;
    return n;
  }

  private toAPIGuild(g: GuildState): APIGuild {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: g.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: GuildVerificationLevel.None,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: clone(g.roles),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: g.channelIds[0] ?? null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500_000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: g.preferredLocale as Locale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  private guildCreatePayload(g: GuildState): GatewayGuildCreateDispatchData {
    const guildChannels: ChannelState[] = [];
    const threads: ChannelState[] = [];
    for (const ch of this.channels.values()) {
      if (ch.guildId !== g.id) continue;
      if (ch.thread) threads.push(ch);
      else guildChannels.push(ch);
    }
    const bot = g.members.get(this.botUser.id);
    // Like Discord without GUILD_PRESENCES: GUILD_CREATE lists only the bot's own member.
    return {
      ...this.toAPIGuild(g),
      joined_at: g.joinedAt,
      large: false,
      unavailable: false,
      member_count: g.members.size,
      voice_states: [],
      members: bot ? [this.toAPIMember(bot)] : [],
      channels: guildChannels.map((c) => {
        const { guild_id: _g, ...rest } = this.toAPIChannel(c) as APIChannel & { guild_id?: string };
        return rest;
      }) as GatewayGuildCreateDispatchData["channels"],
      threads: threads.map((c) => this.toAPIChannel(c)) as GatewayGuildCreateDispatchData["threads"],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // --- messages --------------------------------------------------------------------------------

  private storeMessage(args: {
    channelId: string;
    author: APIUser;
    body: Record<string, unknown>;
    type: MessageType;
    files: RecordedFile[];
    interaction?: InteractionState;
    flags?: number;
  }): APIMessage {
    const { body } = args;
    const id = snowflake();
    const attachments = makeAttachments(args.channelId, body.attachments, args.files);
    const message: APIMessage = {
      id,
      channel_id: args.channelId,
      author: clone(args.author),
      content: typeof body.content === "string" ? body.content : "",
      timestamp: nowIso(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments,
      embeds: Array.isArray(body.embeds)
        ? (body.embeds as APIEmbed[]).map((e) => ({ type: "rich", ...clone(e) }) as APIEmbed)
        : [],
      pinned: false,
      type: args.type,
      flags: args.flags ?? (typeof body.flags === "number" ? body.flags : 0),
      components: Array.isArray(body.components) ? clone(body.components as APIMessage["components"]) : [],
      ...(typeof body.nonce === "string" || typeof body.nonce === "number" ? { nonce: body.nonce } : {}),
    };
    this.applyMentions(message, body.allowed_mentions);
    const ref = body.message_reference;
    if (isRecord(ref) && typeof ref.message_id === "string") {
      const referenced = this.messages.get(ref.message_id);
      message.message_reference = { message_id: ref.message_id, channel_id: args.channelId, type: 0 };
      message.referenced_message = referenced ? clone(referenced) : null;
      if (message.type === MessageType.Default) message.type = MessageType.Reply;
    }
    const st = args.interaction;
    if (st) {
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
      const invoker = st.payload.member?.user ?? st.payload.user;
      if (invoker) {
        const owners = clone(st.payload.authorizing_integration_owners);
        message.interaction_metadata =
          st.type === InteractionType.MessageComponent && st.payload.message
            ? {
                id: st.id,
                type: InteractionType.MessageComponent,
                user: clone(invoker),
                authorizing_integration_owners: owners,
                interacted_message_id: st.payload.message.id,
              }
            : {
                id: st.id,
                type: InteractionType.ApplicationCommand,
                user: clone(invoker),
                authorizing_integration_owners: owners,
              };
        if (st.type === InteractionType.ApplicationCommand && st.payload.data !== undefined) {
          message.interaction = {
            id: st.id,
            type: st.type,
            name: String((st.payload.data as { name?: unknown }).name),
            user: clone(invoker),
          };
        }
      }
    }
    this.messages.set(id, message);
    const ch = this.channels.get(args.channelId);
    if (ch) ch.lastMessageId = id;
    return clone(message);
  }

  /** Who a message would actually ping, given `allowed_mentions` (default: everything parsed). */
  private applyMentions(message: APIMessage, allowed: unknown): void {
    const parse = isRecord(allowed)
      ? Array.isArray(allowed.parse)
        ? allowed.parse
        : []
      : ["users", "roles", "everyone"];
    const users = isRecord(allowed) && Array.isArray(allowed.users) ? allowed.users.map(String) : [];
    const roles = isRecord(allowed) && Array.isArray(allowed.roles) ? allowed.roles.map(String) : [];
    const content = message.content;
    message.mentions = [];
    message.mention_roles = [];
    for (const m of content.matchAll(/<@!?(\d+)>/g)) {
      const id = m[1] ?? "";
      const u = this.users.get(id);
      if (u && (parse.includes("users") || users.includes(id)) && !message.mentions.some((x) => x.id === id))
        message.mentions.push(clone(u));
    }
    for (const m of content.matchAll(/<@&(\d+)>/g)) {
      const id = m[1] ?? "";
      if ((parse.includes("roles") || roles.includes(id)) && !message.mention_roles.includes(id))
        message.mention_roles.push(id);
    }
    message.mention_everyone = parse.includes("everyone") && /@(everyone|here)/.test(content);
  }

  private editMessage(message: APIMessage, body: Record<string, unknown>, files: RecordedFile[]): APIMessage {
    if (typeof body.content === "string" || body.content === null) message.content = body.content ?? "";
    if (Array.isArray(body.embeds))
      message.embeds = (body.embeds as APIEmbed[]).map((e) => ({ type: "rich", ...clone(e) }) as APIEmbed);
    else if (body.embeds === null) message.embeds = [];
    if (Array.isArray(body.components))
      message.components = clone(body.components as APIMessage["components"]);
    else if (body.components === null) message.components = [];
    if (Array.isArray(body.attachments) || files.length > 0) {
      const keep = Array.isArray(body.attachments)
        ? message.attachments.filter((a) =>
            (body.attachments as unknown[]).some((x) => isRecord(x) && x.id === a.id),
          )
        : message.attachments;
      message.attachments = [...keep, ...makeAttachments(message.channel_id, body.attachments, files)];
    }
    if (typeof body.flags === "number") {
      const keep = (message.flags ?? 0) & ~(MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2);
      message.flags = keep | (body.flags & (MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2));
    }
    const wasLoading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    if (!wasLoading) message.edited_timestamp = nowIso();
    if (body.allowed_mentions !== undefined || body.content !== undefined)
      this.applyMentions(message, body.allowed_mentions);
    return clone(message);
  }

  // --- REST ------------------------------------------------------------------------------------

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    const query = Object.fromEntries(url.searchParams.entries());
    const inApi = url.pathname.startsWith(`${API_PREFIX}/`);
    // Recorded and routed percent-decoded (discord.js sends `@original` as `%40original`).
    const path = safeDecode(inApi ? url.pathname.slice(API_PREFIX.length) : url.pathname);
    const rec: RecordedRequest = {
      method,
      path,
      query,
      body: undefined,
      files: [],
      headers,
      at: performance.now(),
      status: 0,
      response: undefined,
    };
    this.requests.push(rec);
    let status: number;
    let body: unknown;
    let extraHeaders: Record<string, string> = {};
    try {
      const parsed = await parseBody(headers["content-type"], raw);
      rec.body = parsed.body;
      rec.files = parsed.files;
      if (!inApi) throw E.notFound();
      this.checkInjectedFailure(method, path);
      const result = await this.route(method, path, headers, {
        params: {},
        query,
        body: parsed.body,
        files: parsed.files,
        method,
        path,
      });
      status = result.status;
      body = result.body;
    } catch (err) {
      const httpErr =
        err instanceof HttpError
          ? err
          : new HttpError(500, {
              message: `500: Internal Server Error (fake: ${String((err as Error)?.stack ?? err)})`,
              code: 0,
            });
      status = httpErr.status;
      body = httpErr.body;
      extraHeaders = httpErr.headers;
      this.errors.push({
        method,
        path,
        status,
        body: httpErr.body,
        requestBody: rec.body,
        at: performance.now(),
      });
    }
    rec.status = status;
    rec.response = body;
    if (status === 204 || body === undefined) res.writeHead(status, extraHeaders).end();
    else
      res
        .writeHead(status, { "content-type": "application/json", ...extraHeaders })
        .end(JSON.stringify(body));
    this.notify(this.requestWaiters, rec);
  }

  private checkInjectedFailure(method: string, path: string): void {
    const i = this.failures.findIndex((f) => f.method === method && f.path.test(path));
    if (i < 0) return;
    const f = this.failures[i]!;
    f.left--;
    if (f.left <= 0) this.failures.splice(i, 1);
    const body = f.failure.body ?? { message: `${f.failure.status}: injected failure`, code: 0 };
    throw new HttpError(f.failure.status, body, f.failure.headers ?? {});
  }

  private async route(
    method: string,
    path: string,
    headers: Record<string, string>,
    ctx: RouteContext,
  ): Promise<RouteResult> {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      if (r.auth && headers.authorization !== `Bot ${this.token}`) throw E.unauthorized();
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = v;
      return r.handler({ ...ctx, params });
    }
    throw pathMatched ? E.methodNotAllowed() : E.notFound();
  }

  private buildRoutes(): Route[] {
    const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
    const none: RouteResult = { status: 204 };
    return [
      route("GET", "/gateway", false, () => ok({ url: this.gatewayUrl })),
      route("GET", "/gateway/bot", true, () => {
        const result: RESTGetAPIGatewayBotResult = {
          url: this.gatewayUrl,
          shards:
            this.recommendedShards ??
            Math.max(1, Math.ceil(this.guildStates.size / GUILDS_PER_RECOMMENDED_SHARD)),
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        };
        return ok(result);
      }),
      route("GET", "/users/@me", true, () =>
        ok({ ...clone(this.botUser), verified: true, mfa_enabled: false }),
      ),
      route("GET", "/users/:user", true, ({ params }) => {
        const u = this.users.get(params.user ?? "");
        if (!u) throw E.unknownUser();
        return ok(clone(u));
      }),
      route("POST", "/users/@me/channels", true, ({ body }) => {
        const issues = new Issues();
        const recipient = isRecord(body) ? body.recipient_id : undefined;
        checkString(issues, recipient, ["recipient_id"], { max: 32, required: true });
        issues.throwIfAny();
        if (!this.users.has(String(recipient))) throw E.unknownUser();
        return ok(this.toAPIChannel(this.dmChannel(String(recipient))));
      }),
      route("GET", "/applications/@me", true, () => ok(this.applicationObject())),
      route("GET", "/oauth2/applications/@me", true, () => ok(this.applicationObject())),
      route("GET", "/applications/:app/commands", true, ({ params }) => {
        this.checkApp(params.app);
        return ok(this.commands(null));
      }),
      route("PUT", "/applications/:app/commands", true, ({ params, body }) => {
        this.checkApp(params.app);
        return ok(this.bulkOverwrite(null, body));
      }),
      route("POST", "/applications/:app/commands", true, ({ params, body }) => {
        this.checkApp(params.app);
        return this.upsertCommand(null, body);
      }),
      route("GET", "/applications/:app/commands/:cmd", true, ({ params }) =>
        ok(this.getCommand(params.app, null, params.cmd)),
      ),
      route("DELETE", "/applications/:app/commands/:cmd", true, ({ params }) => {
        this.deleteCommand(params.app, null, params.cmd);
        return none;
      }),
      route("GET", "/applications/:app/guilds/:guild/commands", true, ({ params }) => {
        this.checkApp(params.app);
        this.checkGuildAccess(params.guild);
        return ok(this.commands(params.guild ?? null));
      }),
      route("PUT", "/applications/:app/guilds/:guild/commands", true, ({ params, body }) => {
        this.checkApp(params.app);
        this.checkGuildAccess(params.guild);
        return ok(this.bulkOverwrite(params.guild ?? null, body));
      }),
      route("POST", "/applications/:app/guilds/:guild/commands", true, ({ params, body }) => {
        this.checkApp(params.app);
        this.checkGuildAccess(params.guild);
        return this.upsertCommand(params.guild ?? null, body);
      }),
      route("GET", "/applications/:app/guilds/:guild/commands/:cmd", true, ({ params }) =>
        ok(this.getCommand(params.app, params.guild ?? null, params.cmd)),
      ),
      route("DELETE", "/applications/:app/guilds/:guild/commands/:cmd", true, ({ params }) => {
        this.deleteCommand(params.app, params.guild ?? null, params.cmd);
        return none;
      }),
      route("POST", "/interactions/:id/:token/callback", false, (ctx) => this.handleCallback(ctx)),
      route("POST", "/webhooks/:app/:token", false, (ctx) => this.handleFollowup(ctx)),
      route("GET", "/webhooks/:app/:token/messages/:msg", false, ({ params }) => {
        const { message } = this.webhookMessage(params);
        return ok(clone(message));
      }),
      route("PATCH", "/webhooks/:app/:token/messages/:msg", false, ({ params, body, files }) => {
        const { st, message } = this.webhookMessage(params);
        const issues = new Issues();
        validateMessage(issues, body, [], {
          partial: true,
          allowedFlags: ANY_FLAGS, // edits ignore flags they cannot change
          fileCount: files.length,
        });
        issues.throwIfAny();
        const edited = this.editMessage(message, isRecord(body) ? body : {}, files);
        if (messageIsEmpty(edited)) throw E.emptyMessage();
        if (st.originalMessageId === message.id) st.loading = false;
        return ok(edited);
      }),
      route("DELETE", "/webhooks/:app/:token/messages/:msg", false, ({ params }) => {
        const { st, message } = this.webhookMessage(params);
        this.messages.delete(message.id);
        if (st.originalMessageId === message.id) st.originalMessageId = null;
        return none;
      }),
      route("GET", "/channels/:channel", true, ({ params }) => {
        const ch = this.channelForBot(params.channel);
        return ok(this.toAPIChannel(ch));
      }),
      route("GET", "/channels/:channel/messages/:msg", true, ({ params }) => {
        const ch = this.channelForBot(params.channel);
        this.requireBotPermission(ch, P.ReadMessageHistory);
        return ok(clone(this.channelMessage(ch, params.msg)));
      }),
      route("GET", "/channels/:channel/messages", true, ({ params, query }) => {
        const ch = this.channelForBot(params.channel);
        this.requireBotPermission(ch, P.ReadMessageHistory);
        const limit = Math.min(100, Number(query.limit ?? 50));
        const list = [...this.messages.values()]
          .filter((m) => m.channel_id === ch.id && ((m.flags ?? 0) & MessageFlags.Ephemeral) === 0)
          .reverse()
          .slice(0, limit);
        return ok(list.map(clone));
      }),
      route("POST", "/channels/:channel/messages", true, ({ params, body, files }) => {
        const ch = this.channelForBot(params.channel);
        if (!TEXT_CHANNEL_TYPES.has(ch.type)) throw E.nonText();
        this.requireBotPermission(ch, THREAD_TYPES.has(ch.type) ? P.SendMessagesInThreads : P.SendMessages);
        const issues = new Issues();
        validateMessage(issues, body, [], {
          partial: false,
          allowedFlags:
            MessageFlags.SuppressEmbeds |
            MessageFlags.SuppressNotifications |
            MessageFlags.IsVoiceMessage |
            MessageFlags.IsComponentsV2,
          fileCount: files.length,
        });
        issues.throwIfAny();
        const b = isRecord(body) ? body : {};
        if (messageIsEmpty({ ...b, attachments: files.length > 0 ? files : b.attachments }))
          throw E.emptyMessage();
        if (isRecord(b.message_reference) && typeof b.message_reference.message_id === "string") {
          const ref = this.messages.get(b.message_reference.message_id);
          if (!ref || ref.channel_id !== ch.id) {
            throw formBodyError([
              {
                path: ["message_reference"],
                code: "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                message: "Unknown message",
              },
            ]);
          }
        }
        return ok(
          this.storeMessage({
            channelId: ch.id,
            author: this.botUser,
            body: b,
            type: MessageType.Default,
            files,
          }),
        );
      }),
      route("PATCH", "/channels/:channel/messages/:msg", true, ({ params, body, files }) => {
        const ch = this.channelForBot(params.channel);
        const message = this.channelMessage(ch, params.msg);
        if (message.author.id !== this.botUser.id) {
          const keys = isRecord(body) ? Object.keys(body) : [];
          if (keys.some((k) => k !== "flags")) throw E.notAuthor();
        }
        const issues = new Issues();
        validateMessage(issues, body, [], {
          partial: true,
          allowedFlags: ANY_FLAGS, // edits ignore flags they cannot change
          fileCount: files.length,
        });
        issues.throwIfAny();
        const edited = this.editMessage(message, isRecord(body) ? body : {}, files);
        if (messageIsEmpty(edited)) throw E.emptyMessage();
        return ok(edited);
      }),
      route("DELETE", "/channels/:channel/messages/:msg", true, ({ params }) => {
        const ch = this.channelForBot(params.channel);
        const message = this.channelMessage(ch, params.msg);
        if (message.author.id !== this.botUser.id) this.requireBotPermission(ch, P.ManageMessages);
        this.messages.delete(message.id);
        return none;
      }),
      route("POST", "/channels/:channel/typing", true, ({ params }) => {
        const ch = this.channelForBot(params.channel);
        this.requireBotPermission(ch, P.SendMessages);
        return none;
      }),
      route("POST", "/channels/:channel/messages/:msg/threads", true, ({ params, body }) =>
        ok(this.startThread(params.channel, params.msg ?? "", body), 201),
      ),
      route("POST", "/channels/:channel/threads", true, ({ params, body }) =>
        ok(this.startThread(params.channel, null, body), 201),
      ),
      route("PUT", "/channels/:channel/messages/pins/:msg", true, ({ params }) => this.pin(params, true)),
      route("DELETE", "/channels/:channel/messages/pins/:msg", true, ({ params }) => this.pin(params, false)),
      route("PUT", "/channels/:channel/pins/:msg", true, ({ params }) => this.pin(params, true)),
      route("DELETE", "/channels/:channel/pins/:msg", true, ({ params }) => this.pin(params, false)),
      route("GET", "/channels/:channel/messages/pins", true, ({ params }) => {
        const ch = this.channelForBot(params.channel);
        const items = ch.pins
          .map((p) => ({ pinned_at: p.pinnedAt, message: this.messages.get(p.messageId) }))
          .filter((p) => p.message !== undefined)
          .reverse();
        return ok({ items, has_more: false });
      }),
      route("GET", "/channels/:channel/pins", true, ({ params }) => {
        const ch = this.channelForBot(params.channel);
        return ok(
          ch.pins
            .map((p) => this.messages.get(p.messageId))
            .filter((m) => m !== undefined)
            .reverse(),
        );
      }),
      route("GET", "/guilds/:guild", true, ({ params, query }) => {
        const g = this.checkGuildAccess(params.guild);
        const guild: Record<string, unknown> = { ...this.toAPIGuild(g) };
        if (query.with_counts === "true") {
          guild.approximate_member_count = g.members.size;
          guild.approximate_presence_count = 0;
        }
        return ok(guild);
      }),
      route("GET", "/guilds/:guild/channels", true, ({ params }) => {
        const g = this.checkGuildAccess(params.guild);
        return ok(
          g.channelIds.map((id) => this.channels.get(id)).flatMap((c) => (c ? [this.toAPIChannel(c)] : [])),
        );
      }),
      route("GET", "/guilds/:guild/roles", true, ({ params }) =>
        ok(clone(this.checkGuildAccess(params.guild).roles)),
      ),
      route("GET", "/guilds/:guild/members/:user", true, ({ params }) => {
        const g = this.checkGuildAccess(params.guild);
        const m = g.members.get(params.user ?? "");
        if (!m) throw E.unknownMember();
        return ok(this.toAPIMember(m));
      }),
      route("GET", "/guilds/:guild/members", true, ({ params, query }) => {
        const g = this.checkGuildAccess(params.guild);
        // Listing members needs the privileged GUILD_MEMBERS intent enabled for the app.
        if ((this.allowedPrivilegedIntents & GatewayIntentBits.GuildMembers) === 0) throw E.missingAccess();
        const limit = Math.min(1000, Number(query.limit ?? 1));
        const after = BigInt(query.after ?? "0");
        const list = [...g.members.values()]
          .filter((m) => BigInt(m.userId) > after)
          .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
          .slice(0, limit);
        return ok(list.map((m) => this.toAPIMember(m)));
      }),
    ];
  }

  private applicationObject(): APIApplication {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: "",
      bot_public: false,
      bot_require_code_grant: false,
      bot: clone(this.botUser),
      verify_key: randomBytes(32).toString("hex"),
      team: null,
      flags: 0 as ApplicationFlags,
      flags_new: "0",
      approximate_guild_count: this.guildStates.size,
      approximate_user_install_count: 0,
      owner: { id: snowflake(), username: "app-owner", discriminator: "0", global_name: null, avatar: null },
      summary: "",
      event_webhooks_status: 1,
      interactions_endpoint_url: null,
      integration_types_config: { 0: {} },
    };
  }

  private checkApp(app: string | undefined): void {
    if (app !== this.applicationId) throw E.missingAccess();
  }

  private checkGuildAccess(guildId: string | undefined): GuildState {
    const g = this.guildStates.get(guildId ?? "");
    if (!g) throw E.missingAccess();
    return g;
  }

  private channelForBot(channelId: string | undefined): ChannelState {
    const ch = this.channels.get(channelId ?? "");
    if (!ch) throw E.unknownChannel();
    if (ch.guildId !== null) this.requireBotPermission(ch);
    return ch;
  }

  private channelMessage(ch: ChannelState, messageId: string | undefined): APIMessage {
    const m = this.messages.get(messageId ?? "");
    if (!m || m.channel_id !== ch.id || ((m.flags ?? 0) & MessageFlags.Ephemeral) !== 0)
      throw E.unknownMessage();
    return m;
  }

  // --- commands --------------------------------------------------------------------------------

  private commandMap(guildId: string | null, create: boolean): Map<string, APIApplicationCommand> {
    if (guildId === null) return this.globalCommands;
    let map = this.guildCommands.get(guildId);
    if (!map) {
      map = new Map();
      if (create) this.guildCommands.set(guildId, map);
    }
    return map;
  }

  private toStoredCommand(
    input: Record<string, unknown>,
    guildId: string | null,
    existing: APIApplicationCommand | undefined,
  ): { cmd: APIApplicationCommand; changed: boolean } {
    const type = (input.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const changed =
      !existing ||
      commandSignature(existing as unknown as Record<string, unknown>, guildId === null) !==
        commandSignature(input, guildId === null);
    const cmd = {
      ...clone(input),
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: changed ? snowflake() : (existing?.version ?? snowflake()),
      type,
      name: String(input.name),
      description: typeof input.description === "string" ? input.description : "",
      name_localizations: (input.name_localizations as Record<string, string> | undefined) ?? null,
      description_localizations:
        (input.description_localizations as Record<string, string> | undefined) ?? null,
      default_member_permissions: (input.default_member_permissions as string | null | undefined) ?? null,
      nsfw: input.nsfw === true,
      ...(guildId !== null
        ? { guild_id: guildId }
        : {
            dm_permission: input.dm_permission !== false,
            integration_types: (input.integration_types as number[] | undefined) ?? [0],
            contexts: (input.contexts as number[] | null | undefined) ?? null,
          }),
      // The stored command keeps every field the client sent; the union type cannot express that.
    } as APIApplicationCommand;
    return { cmd, changed };
  }

  private bulkOverwrite(guildId: string | null, body: unknown): APIApplicationCommand[] {
    const issues = new Issues();
    if (!checkArray(issues, body, [], { max: 110 })) {
      if (body === undefined) issues.add([], "BASE_TYPE_REQUIRED", "This field is required");
      issues.throwIfAny();
      return [];
    }
    const seen = new Map<string, number>();
    const counts = new Map<number, number>();
    body.forEach((cmd, i) => {
      validateCommand(issues, cmd, [i]);
      if (!isRecord(cmd)) return;
      const key = commandKey({ type: cmd.type ?? 1, name: cmd.name });
      if (seen.has(key))
        issues.add(
          [i, "name"],
          "APPLICATION_COMMANDS_DUPLICATE_NAME",
          `Application command names must be unique`,
        );
      seen.set(key, i);
      const t = Number(cmd.type ?? 1);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    });
    if ((counts.get(1) ?? 0) > 100)
      issues.add([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer chat input commands.");
    if ((counts.get(2) ?? 0) > 5 || (counts.get(3) ?? 0) > 5)
      issues.add([], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer user and message commands each.");
    issues.throwIfAny();
    const old = this.commandMap(guildId, false);
    const next = new Map<string, APIApplicationCommand>();
    let changed = old.size !== body.length;
    for (const input of body as Record<string, unknown>[]) {
      const key = commandKey({ type: input.type ?? 1, name: input.name });
      const stored = this.toStoredCommand(input, guildId, old.get(key));
      if (stored.changed) changed = true;
      next.set(key, stored.cmd);
    }
    const map = this.commandMap(guildId, true);
    map.clear();
    for (const [k, v] of next) map.set(k, v);
    const result = [...map.values()].map(clone);
    this.commandPuts.push({ guildId, changed, commands: result.map(clone) });
    return result;
  }

  private upsertCommand(guildId: string | null, body: unknown): RouteResult {
    const issues = new Issues();
    validateCommand(issues, body, []);
    issues.throwIfAny();
    const input = body as Record<string, unknown>;
    const key = commandKey({ type: input.type ?? 1, name: input.name });
    const map = this.commandMap(guildId, true);
    const existing = map.get(key);
    const { cmd } = this.toStoredCommand(input, guildId, existing);
    map.set(key, cmd);
    return { status: existing ? 200 : 201, body: clone(cmd) };
  }

  private getCommand(
    app: string | undefined,
    guildId: string | null,
    id: string | undefined,
  ): APIApplicationCommand {
    this.checkApp(app);
    if (guildId !== null) this.checkGuildAccess(guildId);
    const found = [...this.commandMap(guildId, false).values()].find((c) => c.id === id);
    if (!found) throw E.unknownCommand();
    return clone(found);
  }

  private deleteCommand(app: string | undefined, guildId: string | null, id: string | undefined): void {
    this.checkApp(app);
    if (guildId !== null) this.checkGuildAccess(guildId);
    const map = this.commandMap(guildId, false);
    for (const [k, c] of map) {
      if (c.id === id) {
        map.delete(k);
        return;
      }
    }
    throw E.unknownCommand();
  }

  // --- interactions ----------------------------------------------------------------------------

  private handleCallback(ctx: RouteContext): RouteResult {
    const at = performance.now();
    const st = this.interactions.get(ctx.params.id ?? "");
    const body = ctx.body;
    const cbType = isRecord(body) && typeof body.type === "number" ? body.type : -1;
    const record: RecordedCallback = {
      interactionId: ctx.params.id ?? "",
      token: ctx.params.token ?? "",
      interactionType: st?.type ?? 0,
      type: cbType,
      data: isRecord(body) ? body.data : undefined,
      body,
      withResponse: ctx.query.with_response === "true",
      elapsedMs: st ? at - st.dispatchedAt : Number.NaN,
      at,
      status: 0,
    };
    try {
      const result = this.acceptCallback(st, ctx, body, cbType, at, record.withResponse);
      record.status = result.status;
      return result;
    } catch (err) {
      if (err instanceof HttpError) {
        record.status = err.status;
        record.error = err.body;
      }
      throw err;
    } finally {
      this.callbacks.push(record);
      this.notify(this.callbackWaiters, record);
    }
  }

  private acceptCallback(
    st: InteractionState | undefined,
    ctx: RouteContext,
    body: unknown,
    cbType: number,
    at: number,
    withResponse: boolean,
  ): RouteResult {
    if (!st || st.token !== ctx.params.token) throw E.unknownInteraction();
    if (at - st.dispatchedAt > this.ackDeadlineMs) throw E.unknownInteraction();
    if (st.ack) throw E.alreadyAcked();
    const issues = new Issues();
    if (!isRecord(body)) {
      issues.add([], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
      issues.throwIfAny();
      return { status: 500 };
    }
    if (!CALLBACK_TYPES.includes(cbType as (typeof CALLBACK_TYPES)[number])) {
      issues.add(["type"], "BASE_TYPE_CHOICES", `Value must be one of {${CALLBACK_TYPES.join(", ")}}.`);
      issues.throwIfAny();
    }
    const R = InteractionResponseType;
    const allowed: Record<number, number[]> = {
      [InteractionType.Ping]: [R.Pong],
      [InteractionType.ApplicationCommand]: [
        R.ChannelMessageWithSource,
        R.DeferredChannelMessageWithSource,
        R.Modal,
      ],
      [InteractionType.MessageComponent]: [
        R.ChannelMessageWithSource,
        R.DeferredChannelMessageWithSource,
        R.DeferredMessageUpdate,
        R.UpdateMessage,
        R.Modal,
      ],
      [InteractionType.ApplicationCommandAutocomplete]: [R.ApplicationCommandAutocompleteResult],
      [InteractionType.ModalSubmit]: [
        R.ChannelMessageWithSource,
        R.DeferredChannelMessageWithSource,
        R.DeferredMessageUpdate,
        R.UpdateMessage,
      ],
    };
    if (!(allowed[st.type] ?? []).includes(cbType)) {
      issues.add(
        ["type"],
        "INTERACTION_RESPONSE_TYPE_INVALID",
        `Interaction response type ${cbType} is not valid for interaction type ${st.type}.`,
      );
      issues.throwIfAny();
    }
    const data = body.data;
    const interactionFlags =
      MessageFlags.Ephemeral |
      MessageFlags.SuppressEmbeds |
      MessageFlags.SuppressNotifications |
      MessageFlags.IsComponentsV2;
    let message: APIMessage | null = null;
    switch (cbType) {
      case R.ChannelMessageWithSource: {
        if (!isRecord(data)) issues.add(["data"], "BASE_TYPE_REQUIRED", "This field is required");
        validateMessage(issues, data, ["data"], {
          partial: false,
          allowedFlags: interactionFlags,
          fileCount: ctx.files.length,
        });
        issues.throwIfAny();
        const d = data as Record<string, unknown>;
        if (messageIsEmpty({ ...d, attachments: ctx.files.length > 0 ? ctx.files : d.attachments }))
          throw E.emptyMessage();
        message = this.storeMessage({
          channelId: st.channelId,
          author: this.botUser,
          body: d,
          type:
            st.type === InteractionType.ApplicationCommand
              ? MessageType.ChatInputCommand
              : MessageType.Default,
          files: ctx.files,
          interaction: st,
        });
        st.originalMessageId = message.id;
        break;
      }
      case R.DeferredChannelMessageWithSource: {
        if (data !== undefined && data !== null) {
          if (!isRecord(data))
            issues.add(["data"], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
          else checkInt(issues, data.flags, ["data", "flags"], { min: 0 });
        }
        issues.throwIfAny();
        const flags =
          isRecord(data) && typeof data.flags === "number" ? data.flags & MessageFlags.Ephemeral : 0;
        message = this.storeMessage({
          channelId: st.channelId,
          author: this.botUser,
          body: {},
          type:
            st.type === InteractionType.ApplicationCommand
              ? MessageType.ChatInputCommand
              : MessageType.Default,
          files: [],
          interaction: st,
          flags: flags | MessageFlags.Loading,
        });
        st.originalMessageId = message.id;
        st.loading = true;
        break;
      }
      case R.DeferredMessageUpdate:
      case R.UpdateMessage: {
        const source = st.payload.message;
        if (!source) throw E.unknownMessage();
        const stored = this.messages.get(source.id) ?? clone(source);
        this.messages.set(stored.id, stored);
        st.originalMessageId = stored.id;
        if (cbType === R.UpdateMessage) {
          validateMessage(issues, data, ["data"], {
            partial: true,
            allowedFlags: ANY_FLAGS, // an update cannot change them
            fileCount: ctx.files.length,
          });
          issues.throwIfAny();
          message = this.editMessage(stored, isRecord(data) ? data : {}, ctx.files);
          if (messageIsEmpty(message)) throw E.emptyMessage();
        } else {
          message = clone(stored);
        }
        break;
      }
      case R.ApplicationCommandAutocompleteResult: {
        if (!isRecord(data)) issues.add(["data"], "BASE_TYPE_REQUIRED", "This field is required");
        else if (checkArray(issues, data.choices, ["data", "choices"], { max: 25, required: true })) {
          data.choices.forEach((c, i) => {
            const p = ["data", "choices", i];
            if (!isRecord(c)) {
              issues.add(p, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
              return;
            }
            checkString(issues, c.name, [...p, "name"], { min: 1, max: 100, required: true });
            if (typeof c.value === "string") checkString(issues, c.value, [...p, "value"], { max: 100 });
            else if (typeof c.value !== "number")
              issues.add([...p, "value"], "BASE_TYPE_REQUIRED", "This field is required");
          });
        }
        issues.throwIfAny();
        break;
      }
      case R.Modal: {
        validateModal(issues, data);
        issues.throwIfAny();
        break;
      }
      default:
        break;
    }
    st.ack = { type: cbType, at };
    if (!withResponse) return { status: 204 };
    const ephemeral = message ? ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0 : undefined;
    return {
      status: 200,
      body: {
        interaction: {
          id: st.id,
          type: st.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
                response_message_ephemeral: ephemeral,
              }
            : {}),
        },
        resource: { type: cbType, ...(message ? { message } : {}) },
      },
    };
  }

  private interactionForWebhook(app: string | undefined, token: string | undefined): InteractionState {
    const st = this.interactionsByToken.get(token ?? "");
    if (!st || app !== this.applicationId) throw E.unknownWebhook();
    if (performance.now() - st.dispatchedAt > this.interactionTokenTtlMs) throw E.invalidWebhookToken();
    if (!st.ack) throw E.unknownWebhook();
    return st;
  }

  private webhookMessage(params: Record<string, string>): { st: InteractionState; message: APIMessage } {
    const st = this.interactionForWebhook(params.app, params.token);
    const id = params.msg === "@original" ? st.originalMessageId : params.msg;
    const message = id ? this.messages.get(id) : undefined;
    if (!message) throw E.unknownMessage();
    return { st, message };
  }

  private handleFollowup(ctx: RouteContext): RouteResult {
    const st = this.interactionForWebhook(ctx.params.app, ctx.params.token);
    const issues = new Issues();
    validateMessage(issues, ctx.body, [], {
      partial: false,
      allowedFlags:
        MessageFlags.Ephemeral |
        MessageFlags.SuppressEmbeds |
        MessageFlags.SuppressNotifications |
        MessageFlags.IsComponentsV2,
      fileCount: ctx.files.length,
    });
    issues.throwIfAny();
    const b = isRecord(ctx.body) ? ctx.body : {};
    if (messageIsEmpty({ ...b, attachments: ctx.files.length > 0 ? ctx.files : b.attachments }))
      throw E.emptyMessage();
    // After a deferred response, the first follow-up replaces the loading message.
    if (st.loading && st.originalMessageId) {
      const original = this.messages.get(st.originalMessageId);
      if (original) {
        st.loading = false;
        return { status: 200, body: this.editMessage(original, { ...b, flags: undefined }, ctx.files) };
      }
    }
    const message = this.storeMessage({
      channelId: st.channelId,
      author: this.botUser,
      body: b,
      type: MessageType.Default,
      files: ctx.files,
      interaction: st,
    });
    return { status: 200, body: message };
  }

  // --- threads and pins ------------------------------------------------------------------------

  private startThread(channelId: string | undefined, messageId: string | null, body: unknown): APIChannel {
    const parent = this.channelForBot(channelId);
    if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement)
      throw E.wrongChannelType();
    const issues = new Issues();
    const b = isRecord(body) ? body : {};
    checkString(issues, b.name, ["name"], { min: 1, max: 100, required: true });
    if (
      b.auto_archive_duration !== undefined &&
      ![60, 1440, 4320, 10080].includes(Number(b.auto_archive_duration))
    )
      issues.add(
        ["auto_archive_duration"],
        "BASE_TYPE_CHOICES",
        "Value must be one of {60, 1440, 4320, 10080}.",
      );
    checkInt(issues, b.rate_limit_per_user, ["rate_limit_per_user"], { min: 0, max: 21600 });
    issues.throwIfAny();
    let id: string;
    let type: ChannelType;
    if (messageId !== null) {
      const message = this.channelMessage(parent, messageId);
      if (message.thread) throw E.threadExists();
      this.requireBotPermission(parent, P.CreatePublicThreads);
      id = message.id; // Discord gives a thread started from a message the message's id.
      type =
        parent.type === ChannelType.GuildAnnouncement
          ? ChannelType.AnnouncementThread
          : ChannelType.PublicThread;
    } else {
      type = (b.type as ChannelType | undefined) ?? ChannelType.PrivateThread;
      this.requireBotPermission(
        parent,
        type === ChannelType.PrivateThread ? P.CreatePrivateThreads : P.CreatePublicThreads,
      );
      id = snowflake();
    }
    const createdAt = nowIso();
    const ch: ChannelState = {
      id,
      type,
      name: String(b.name),
      guildId: parent.guildId,
      parentId: parent.id,
      topic: null,
      position: 0,
      overwrites: [],
      recipientIds: [],
      ownerId: this.botUser.id,
      lastMessageId: null,
      rateLimitPerUser: typeof b.rate_limit_per_user === "number" ? b.rate_limit_per_user : 0,
      thread: {
        archived: false,
        autoArchiveDuration: Number(b.auto_archive_duration ?? 1440) as 60 | 1440 | 4320 | 10080,
        createdAt,
      },
      pins: [],
    };
    this.channels.set(id, ch);
    const api = this.toAPIChannel(ch);
    if (messageId !== null) {
      const message = this.messages.get(messageId);
      if (message) {
        message.thread = clone(api);
        message.flags = (message.flags ?? 0) | MessageFlags.HasThread;
      }
    }
    this.dispatch("THREAD_CREATE", { ...api, newly_created: true });
    return api;
  }

  private pin(params: Record<string, string>, pinned: boolean): RouteResult {
    const ch = this.channelForBot(params.channel);
    const message = this.channelMessage(ch, params.msg);
    const p = ch.guildId
      ? this.channelPermissions(this.requireGuild(ch.guildId), ch, this.botUser.id)
      : ALL_PERMISSIONS;
    if ((p & (P.PinMessages | P.ManageMessages)) === 0n) throw E.missingPermissions();
    if (pinned && !message.pinned) {
      if (ch.pins.length >= 250)
        throw new HttpError(400, { message: "Maximum number of pins reached (250)", code: 30003 });
      ch.pins.push({ messageId: message.id, pinnedAt: nowIso() });
    }
    if (!pinned) ch.pins = ch.pins.filter((x) => x.messageId !== message.id);
    message.pinned = pinned;
    return { status: 204 };
  }

  // --- gateway ---------------------------------------------------------------------------------

  private activeSession(): Session | undefined {
    for (const s of this.sessions.values()) if (s.conn) return s;
    return undefined;
  }

  private onGatewayConnection(ws: WebSocket, req: http.IncomingMessage): void {
    const url = new URL(req.url ?? "/", "ws://127.0.0.1");
    const info: GatewayConnectionInfo = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      openedAt: performance.now(),
      closedAt: null,
      closeCode: null,
      closedBy: null,
    };
    this.gatewayConnections.push(info);
    const conn: Connection = {
      ws,
      info,
      session: null,
      zlibStream: null,
      zlibChunks: [],
      identifyCompress: false,
      lastHeartbeatAt: null,
    };
    this.connections.add(conn);
    ws.on("close", (code) => {
      info.closedAt = performance.now();
      info.closeCode = code;
      info.closedBy ??= "client";
      this.connections.delete(conn);
      conn.zlibStream?.close();
      const s = conn.session;
      if (s && s.conn === conn) {
        s.conn = null;
        // A client closing with 1000/1001 ends the session; anything else can be resumed.
        if (info.closedBy === "client" && (code === 1000 || code === 1001)) this.sessions.delete(s.id);
      }
    });
    ws.on("error", () => {});
    ws.on("message", (data, isBinary) => this.onGatewayMessage(conn, data, isBinary));

    const v = info.query.v;
    const encoding = info.query.encoding ?? "json";
    const compress = info.query.compress;
    if (v !== "10") {
      this.closeConn(conn, 4012, "Invalid API version");
      return;
    }
    if (encoding !== "json") {
      this.closeConn(conn, 4002, "Error while decoding payload.");
      return;
    }
    if (compress !== undefined) {
      if (compress !== "zlib-stream") {
        this.closeConn(conn, 4000, "Unknown compression");
        return;
      }
      conn.zlibStream = zlib.createDeflate();
      conn.zlibStream.on("error", () => {});
      conn.zlibStream.on("data", (chunk: Buffer) => conn.zlibChunks.push(chunk));
    }
    this.send(conn, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  private closeConn(conn: Connection, code: number, reason: string): void {
    conn.info.closedBy ??= "server";
    conn.ws.close(code, reason);
  }

  private send(
    conn: Connection,
    payload: { op: number; d: unknown; s: number | null; t: string | null },
  ): void {
    this.gatewayLog.push({
      direction: "out",
      op: payload.op,
      t: payload.t,
      s: payload.s,
      d: payload.d,
      at: performance.now(),
    });
    const json = JSON.stringify(payload);
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    if (conn.zlibStream) {
      const stream = conn.zlibStream;
      stream.write(json);
      stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        const out = Buffer.concat(conn.zlibChunks);
        conn.zlibChunks = [];
        if (out.length > 0 && conn.ws.readyState === conn.ws.OPEN) conn.ws.send(out, { binary: true });
      });
    } else if (conn.identifyCompress) {
      conn.ws.send(zlib.deflateSync(json), { binary: true });
    } else {
      conn.ws.send(json);
    }
  }

  private onGatewayMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString("utf8")
        : Buffer.from(data as ArrayBuffer).toString("utf8");
      if (isBinary) throw new Error("binary frames are not JSON");
      payload = JSON.parse(text);
    } catch {
      this.closeConn(conn, 4002, "Error while decoding payload.");
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== "number") {
      this.closeConn(conn, 4002, "Error while decoding payload.");
      return;
    }
    const op = payload.op;
    const d = payload.d;
    this.gatewayLog.push({ direction: "in", op, t: null, s: null, d, at: performance.now() });
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        conn.lastHeartbeatAt = performance.now();
        this.send(conn, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.onIdentify(conn, d);
        return;
      case GatewayOpcodes.Resume:
        this.onResume(conn, d);
        return;
      default:
        break;
    }
    if (!conn.session) {
      this.closeConn(conn, 4003, "Not authenticated.");
      return;
    }
    switch (op) {
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
        return;
      case GatewayOpcodes.RequestGuildMembers:
        this.onRequestGuildMembers(conn.session, d);
        return;
      default:
        this.closeConn(conn, 4001, "Unknown opcode.");
    }
  }

  private onIdentify(conn: Connection, d: unknown): void {
    if (conn.session) {
      this.closeConn(conn, 4005, "Already authenticated.");
      return;
    }
    if (!isRecord(d) || typeof d.token !== "string" || !isRecord(d.properties)) {
      this.closeConn(conn, 4002, "Error while decoding payload.");
      return;
    }
    this.identifies.push(clone(d));
    const token = d.token.startsWith("Bot ") ? d.token.slice(4) : d.token;
    if (token !== this.token) {
      this.closeConn(conn, 4004, "Authentication failed.");
      return;
    }
    const intents = d.intents;
    if (
      typeof intents !== "number" ||
      !Number.isInteger(intents) ||
      intents < 0 ||
      (intents & ~ALL_INTENTS) !== 0
    ) {
      this.closeConn(conn, 4013, "Invalid intent(s).");
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.allowedPrivilegedIntents) !== 0) {
      this.closeConn(conn, 4014, "Disallowed intent(s).");
      return;
    }
    let shard: [number, number] = [0, 1];
    if (d.shard !== undefined) {
      const s = d.shard;
      if (
        !Array.isArray(s) ||
        s.length !== 2 ||
        !Number.isInteger(s[0]) ||
        !Number.isInteger(s[1]) ||
        s[0] >= s[1] ||
        s[0] < 0
      ) {
        this.closeConn(conn, 4010, "Invalid shard.");
        return;
      }
      shard = [s[0], s[1]];
    }
    const owned = [...this.guildStates.values()].filter((g) => shardOfGuild(g.id, shard[1]) === shard[0]);
    if (owned.length > this.maxGuildsPerShard) {
      this.closeConn(conn, 4011, "Sharding required.");
      return;
    }
    if (d.compress === true) conn.identifyCompress = conn.zlibStream === null;
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      seq: 0,
      intents,
      shard,
      identify: clone(d),
      events: [],
      conn,
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    const guilds = owned;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...clone(this.botUser), verified: true, mfa_enabled: false },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `${this.gatewayUrl}/resume`,
      shard,
      application: { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.deliver(session, "READY", ready);
    for (const g of guilds) this.deliver(session, "GUILD_CREATE", this.guildCreatePayload(g));
    this.notify(this.sessionWaiters, session);
  }

  private onResume(conn: Connection, d: unknown): void {
    if (conn.session) {
      this.closeConn(conn, 4005, "Already authenticated.");
      return;
    }
    if (!isRecord(d) || typeof d.token !== "string" || typeof d.session_id !== "string") {
      this.closeConn(conn, 4002, "Error while decoding payload.");
      return;
    }
    const token = d.token.startsWith("Bot ") ? d.token.slice(4) : d.token;
    if (token !== this.token) {
      this.closeConn(conn, 4004, "Authentication failed.");
      return;
    }
    const session = this.sessions.get(d.session_id);
    if (!session) {
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    const seq = typeof d.seq === "number" ? d.seq : 0;
    if (seq > session.seq) {
      this.closeConn(conn, 4007, "Invalid seq.");
      return;
    }
    if (session.conn && session.conn !== conn) {
      const old = session.conn;
      session.conn = null;
      this.closeConn(old, 4009, "Session timed out.");
    }
    session.conn = conn;
    conn.session = session;
    for (const ev of session.events) if (ev.s > seq) this.send(conn, ev);
    this.deliver(session, "RESUMED", null);
    this.notify(this.sessionWaiters, session);
  }

  private onRequestGuildMembers(session: Session, d: unknown): void {
    if (!isRecord(d) || typeof d.guild_id !== "string") return;
    const g = this.guildStates.get(d.guild_id);
    if (!g) return;
    const ids = Array.isArray(d.user_ids)
      ? d.user_ids.map(String)
      : typeof d.user_ids === "string"
        ? [d.user_ids]
        : null;
    const query = typeof d.query === "string" ? d.query.toLowerCase() : "";
    const limit = typeof d.limit === "number" && d.limit > 0 ? d.limit : 1000;
    const members = [...g.members.values()]
      .filter((m) => {
        if (ids) return ids.includes(m.userId);
        return (this.users.get(m.userId)?.username ?? "").toLowerCase().startsWith(query);
      })
      .slice(0, limit)
      .map((m) => this.toAPIMember(m));
    this.deliver(session, "GUILD_MEMBERS_CHUNK", {
      guild_id: g.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(ids ? { not_found: ids.filter((id) => !g.members.has(id)) } : {}),
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  private assertStarted(): void {
    if (!this.started) throw new Error("FakeDiscord: call start() first");
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers that need no state
// ---------------------------------------------------------------------------------------------

interface ResolvedContext {
  user: APIUser;
  guild: GuildState | null;
  channel: ChannelState;
  channelId: string;
  locale: string | null;
  guildLocale: string | null;
  permissions: bigint | null;
  appPermissions: bigint | null;
}

/** The default guild: #general and #notes, a Moderator role, members alice (Moderator) and bob. */
export function defaultGuildOptions(): FakeGuildOptions {
  return {
    name: "Study Group",
    roles: [
      { name: "Moderator", permissions: P.ManageMessages | P.ManageThreads | P.KickMembers | P.ManageGuild },
    ],
    channels: [{ name: "general" }, { name: "notes" }],
    members: [{ username: "alice", roles: ["Moderator"] }, { username: "bob" }],
  };
}

function makeRole(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

function makeAttachments(channelId: string, meta: unknown, files: RecordedFile[]): APIAttachment[] {
  return files.map((f, i) => {
    const id = snowflake();
    const described = Array.isArray(meta)
      ? meta.find((m) => isRecord(m) && (m.id === i || m.id === String(i)))
      : undefined;
    return {
      id,
      filename: f.filename,
      size: f.size,
      url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(f.filename)}`,
      proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${encodeURIComponent(f.filename)}`,
      ...(f.contentType ? { content_type: f.contentType } : {}),
      ...(isRecord(described) && typeof described.description === "string"
        ? { description: described.description }
        : {}),
    };
  });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function inferOptionType(value: SimpleOptionValue): ApplicationCommandOptionType {
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number")
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

/** Depth-first search for a component with this custom_id (action rows, sections, containers). */
function findComponent(components: unknown, customId: string): Record<string, unknown> | null {
  if (!Array.isArray(components)) return null;
  for (const c of components) {
    if (!isRecord(c)) continue;
    if (c.custom_id === customId) return c;
    const nested =
      findComponent(c.components, customId) ?? findComponent(c.accessory ? [c.accessory] : [], customId);
    if (nested) return nested;
  }
  return null;
}

function validateModal(issues: Issues, data: unknown): void {
  if (!isRecord(data)) {
    issues.add(["data"], "BASE_TYPE_REQUIRED", "This field is required");
    return;
  }
  checkString(issues, data.custom_id, ["data", "custom_id"], { min: 1, max: 100, required: true });
  checkString(issues, data.title, ["data", "title"], { min: 1, max: 45, required: true });
  if (!checkArray(issues, data.components, ["data", "components"], { min: 1, max: 5, required: true }))
    return;
  data.components.forEach((c, i) => {
    const p = ["data", "components", i];
    if (!isRecord(c)) return;
    const inputs: [Record<string, unknown>, FieldPath][] = [];
    if (c.type === ComponentType.ActionRow && Array.isArray(c.components)) {
      c.components.forEach((x, j) => {
        if (isRecord(x)) inputs.push([x, [...p, "components", j]]);
      });
    } else if (c.type === ComponentType.Label) {
      checkString(issues, c.label, [...p, "label"], { min: 1, max: 45, required: true });
      if (isRecord(c.component)) inputs.push([c.component, [...p, "component"]]);
    }
    for (const [input, ip] of inputs) {
      if (input.type !== ComponentType.TextInput) continue;
      checkString(issues, input.custom_id, [...ip, "custom_id"], { min: 1, max: 100, required: true });
      if (c.type === ComponentType.ActionRow)
        checkString(issues, input.label, [...ip, "label"], { min: 1, max: 45, required: true });
      checkInt(issues, input.style, [...ip, "style"], { min: 1, max: 2, required: true });
      checkString(issues, input.placeholder, [...ip, "placeholder"], { max: 100 });
      checkString(issues, input.value, [...ip, "value"], { max: 4000 });
      checkInt(issues, input.min_length, [...ip, "min_length"], { min: 0, max: 4000 });
      checkInt(issues, input.max_length, [...ip, "max_length"], { min: 1, max: 4000 });
    }
  });
}

const GUILD_EVENTS =
  /^(GUILD_(CREATE|UPDATE|DELETE|ROLE_.*)|CHANNEL_.*|THREAD_(CREATE|UPDATE|DELETE|LIST_SYNC|MEMBER_UPDATE)|STAGE_INSTANCE_.*)$/;

/** The intent an event needs, or null when it is always sent. */
function requiredIntent(t: string, d: unknown): number | null {
  const I = GatewayIntentBits;
  const inGuild = isRecord(d) && typeof d.guild_id === "string";
  if (GUILD_EVENTS.test(t)) return I.Guilds;
  if (/^GUILD_MEMBER_(ADD|UPDATE|REMOVE)$/.test(t) || t === "THREAD_MEMBERS_UPDATE") return I.GuildMembers;
  if (/^MESSAGE_(CREATE|UPDATE|DELETE|DELETE_BULK)$/.test(t))
    return inGuild ? I.GuildMessages : I.DirectMessages;
  if (/^MESSAGE_REACTION_/.test(t)) return inGuild ? I.GuildMessageReactions : I.DirectMessageReactions;
  if (t === "TYPING_START") return inGuild ? I.GuildMessageTyping : I.DirectMessageTyping;
  if (t === "PRESENCE_UPDATE") return I.GuildPresences;
  if (t === "VOICE_STATE_UPDATE") return I.GuildVoiceStates;
  return null;
}

/** Without MESSAGE_CONTENT, guild messages that don't mention the bot arrive without content. */
function scrubForIntents(t: string, d: unknown, intents: number, botId: string): unknown {
  if (t !== "MESSAGE_CREATE" && t !== "MESSAGE_UPDATE") return d;
  if ((intents & GatewayIntentBits.MessageContent) !== 0 || !isRecord(d)) return d;
  if (typeof d.guild_id !== "string") return d;
  const author = isRecord(d.author) ? d.author.id : undefined;
  const mentions = Array.isArray(d.mentions) ? d.mentions : [];
  if (author === botId || mentions.some((m) => isRecord(m) && m.id === botId)) return d;
  return { ...d, content: "", embeds: [], attachments: [], components: [], poll: undefined };
}
