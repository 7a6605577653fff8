/**
 * A fake Slack for end-to-end adapter tests, speaking the real wire protocols on 127.0.0.1:
 *
 * - a Web API (`POST /api/<method>`, form-encoded or JSON, `Authorization: Bearer` token) that answers
 *   like Slack for the methods the bot uses and validates what Slack validates (Block Kit limits, text,
 *   token types, trigger expiry), recording every call;
 * - a `response_url` sink (`/respond/<id>`) recording what the app posts there;
 * - signed HTTP requests into an app's HTTP endpoint (slash commands, block actions, Events API), exactly
 *   as Slack signs them (v0 HMAC-SHA256 over `v0:<ts>:<raw body>`);
 * - a Socket Mode WebSocket server (the URL `apps.connections.open` returns), which says `hello`, pushes
 *   envelopes and waits for the app's acknowledgement.
 *
 * Independent of the project's own code: point Bolt at it with `clientOptions.slackApiUrl = fake.apiUrl`.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import {
  type Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type WebSocket, WebSocketServer } from "ws";

/** Slack gives an app 3 seconds to acknowledge a command, action or event, over HTTP and Socket Mode. */
export const SLACK_ACK_DEADLINE_MS = 3000;

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

/** One recorded Web API call. `body` has `token` removed and JSON fields (blocks, view, …) decoded. */
export interface SlackCall {
  method: string;
  /** The token from `Authorization: Bearer …` or, failing that, the `token` body field. */
  token: string | undefined;
  body: Record<string, unknown>;
  /** What the fake answered (`ok`, `error`, …). */
  response: Record<string, unknown>;
  contentType: "form" | "json" | "none";
  at: number;
}

/** A request Slack would have rejected for its content (Block Kit limits, missing text, …). */
export interface SlackViolation {
  /** Web API method, or `respond:<id>` for a response_url post. */
  where: string;
  error: string;
  errors: string[];
  body: Record<string, unknown>;
}

/** One JSON POST the app made to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

export interface FakeSlackUser {
  id: string;
  name?: string;
  real_name?: string;
  display_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface FakeSlackChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_im?: boolean;
  /** Whether the bot is in the channel; if false, chat.postMessage answers `not_in_channel`. */
  is_member?: boolean;
  is_archived?: boolean;
}

export interface FakeSlackOptions {
  /** Bot token(s) accepted by the Web API. Default `xoxb-fake-bot-token`. */
  botToken?: string;
  extraTokens?: string[];
  /** App-level token accepted by `apps.connections.open`. Default `xapp-1-fake-app-token`. */
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
  teamName?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  users?: FakeSlackUser[];
  channels?: FakeSlackChannel[];
  /**
   * Strict mode: unknown users/channels answer `user_not_found`/`channel_not_found` and chat.update or
   * chat.delete of a message the fake did not see answers `message_not_found`. Off by default: unknown
   * ids are treated as existing public channels the bot is in, and as ordinary (non-admin) users.
   */
  strict?: boolean;
  /** How long a trigger_id stays valid for views.open (Slack: 3 s). */
  triggerTtlMs?: number;
  /** Send a WebSocket ping every N ms on Socket Mode connections, as Slack does. 0 (default) disables. */
  socketPingIntervalMs?: number;
}

/** Options for a signed HTTP request into the app. */
export interface SignOptions {
  /** Sign with a wrong secret. */
  badSignature?: boolean;
  /** Leave out the signature header entirely. */
  noSignature?: boolean;
  /** Use a timestamp 6 minutes old (Bolt rejects anything older than 5 minutes). */
  staleTimestamp?: boolean;
  /** Explicit `x-slack-request-timestamp` in seconds. */
  timestampSec?: number;
  /** `x-slack-retry-num` / `x-slack-retry-reason`, as Slack sends on event retries. */
  retryNum?: number;
  retryReason?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** A keep-alive agent, as Slack reuses connections; a fresh connection per request without one. */
  agent?: Agent;
}

export interface SignedResult {
  status: number;
  /** Raw response body text. */
  body: string;
  /** The body parsed as JSON, if it was JSON. */
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
  elapsedMs: number;
  /** A 200 within SLACK_ACK_DEADLINE_MS: what Slack counts as acknowledged. */
  withinDeadline: boolean;
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  team_id?: string;
  team_domain?: string;
  channel_id?: string;
  channel_name?: string;
  api_app_id?: string;
  enterprise_id?: string;
  /** Override; by default a fresh response_url on the fake's sink. */
  response_url?: string;
  /** Override; by default a fresh trigger_id the fake's views.open accepts for `triggerTtlMs`. */
  trigger_id?: string;
  [extra: string]: string | undefined;
}

export interface BlockActionInput {
  action_id: string;
  block_id?: string;
  value?: string;
  /** Button label. */
  text?: string;
  user_id?: string;
  user_name?: string;
  team_id?: string;
  team_domain?: string;
  channel_id?: string;
  channel_name?: string;
  /** The message the button is in. */
  message_ts?: string;
  message_text?: string;
  message_blocks?: unknown[];
  thread_ts?: string;
  /** A button in an ephemeral message: Slack sends no `message`, and `container.is_ephemeral` is true. */
  ephemeral?: boolean;
  response_url?: string;
  trigger_id?: string;
  /** Merged over the built payload last. */
  extra?: Record<string, unknown>;
}

export interface AppMentionInput {
  /** Full text as Slack sends it, e.g. `<@UBOT> explain pods` (see `fake.mention()`). */
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
}

/** A `message` event: what a person typed in a DM, a channel or a thread (see `fake.message()`). */
export interface MessageInput {
  text: string;
  user?: string;
  /** Default `C0FAKECHAN`; a DM's id starts with D. */
  channel?: string;
  /** `im` for a DM (the App Home messages tab), `channel` (default) or `group` for a private channel. */
  channel_type?: "im" | "channel" | "group" | "mpim";
  ts?: string;
  /** A reply in a thread: the thread's parent message ts. */
  thread_ts?: string;
  /** Edits, joins, bot posts… (`message_changed`, `channel_join`, `bot_message`). */
  subtype?: string;
  bot_id?: string;
}

export interface MemberJoinedInput {
  user: string;
  channel?: string;
  channel_type?: string;
  inviter?: string;
}

/** Outcome of pushing one envelope over Socket Mode and waiting for the app's ack. */
export interface SocketAck {
  envelopeId: string;
  /** The ack's `payload`, if any (Bolt sends `{}` for a bare `ack()`). */
  payload: unknown;
  elapsedMs: number;
  /** Acked within SLACK_ACK_DEADLINE_MS. */
  withinDeadline: boolean;
}

/** Result of a signed slash command / block action: the HTTP result plus ids to find follow-ups by. */
export interface InteractionResult extends SignedResult {
  responseUrlId: string | undefined;
  triggerId: string;
}

export interface SocketInteraction extends SocketAck {
  responseUrlId: string | undefined;
  triggerId: string;
}

// ---------------------------------------------------------------------------------------------------------
// Request signing and sending (usable on their own)
// ---------------------------------------------------------------------------------------------------------

/** `v0=` + hex HMAC-SHA256(secret, `v0:<timestampSec>:<rawBody>`), Slack's request signature. */
export function signSlackRequest(signingSecret: string, timestampSec: number, rawBody: string): string {
  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${timestampSec}:${rawBody}`);
  return `v0=${hmac.digest("hex")}`;
}

/**
 * POST `rawBody` to `url` signed as Slack would, over a fresh connection (or `opts.agent`'s); measures time
 * to full response.
 */
export function postSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  opts: SignOptions = {},
): Promise<SignedResult> {
  const nowSec = Math.floor(Date.now() / 1000);
  const ts = opts.timestampSec ?? (opts.staleTimestamp ? nowSec - 6 * 60 : nowSec);
  const secret = opts.badSignature ? `${signingSecret}-wrong` : signingSecret;
  const headers: Record<string, string> = {
    "content-type": contentType,
    "content-length": String(Buffer.byteLength(rawBody)),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "x-slack-request-timestamp": String(ts),
    ...(opts.noSignature ? {} : { "x-slack-signature": signSlackRequest(secret, ts, rawBody) }),
    ...(opts.retryNum !== undefined ? { "x-slack-retry-num": String(opts.retryNum) } : {}),
    ...(opts.retryReason !== undefined ? { "x-slack-retry-reason": opts.retryReason } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: "POST", headers, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = body.length > 0 ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const elapsedMs = performance.now() - started;
        const status = res.statusCode ?? 0;
        resolve({
          status,
          body,
          json,
          headers: res.headers,
          elapsedMs,
          withinDeadline: status === 200 && elapsedMs <= SLACK_ACK_DEADLINE_MS,
        });
      });
    });
    req.setTimeout(opts.timeoutMs ?? 10_000, () => req.destroy(new Error(`request to ${url} timed out`)));
    req.on("error", reject);
    req.end(rawBody);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Block Kit validation (the limits Slack enforces that matter to us)
// ---------------------------------------------------------------------------------------------------------

const KNOWN_BLOCKS = new Set([
  "section",
  "header",
  "divider",
  "context",
  "actions",
  "image",
  "input",
  "rich_text",
  "markdown",
  "file",
  "video",
  "table",
  "context_actions",
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function checkTextObject(t: unknown, path: string, max: number, errors: string[], plainOnly = false): void {
  if (!isObj(t)) {
    errors.push(`must provide an object [json-pointer:${path}]`);
    return;
  }
  if (t.type !== "plain_text" && t.type !== "mrkdwn") {
    errors.push(`must be a valid enum value [json-pointer:${path}/type]`);
  } else if (plainOnly && t.type !== "plain_text") {
    errors.push(`must be plain_text [json-pointer:${path}/type]`);
  }
  if (typeof t.text !== "string") {
    errors.push(`must provide a string [json-pointer:${path}/text]`);
    return;
  }
  if (t.text.length === 0) errors.push(`must be more than 0 characters [json-pointer:${path}/text]`);
  if (t.text.length > max) errors.push(`must be less than ${max + 1} characters [json-pointer:${path}/text]`);
}

function checkElement(el: unknown, path: string, errors: string[], actionIds: Set<string>): void {
  if (!isObj(el)) {
    errors.push(`must provide an object [json-pointer:${path}]`);
    return;
  }
  if (typeof el.action_id === "string") {
    if (el.action_id.length > 255)
      errors.push(`must be less than 256 characters [json-pointer:${path}/action_id]`);
    if (actionIds.has(el.action_id)) errors.push(`duplicate action_id [json-pointer:${path}/action_id]`);
    actionIds.add(el.action_id);
  }
  if (el.type === "button") {
    checkTextObject(el.text, `${path}/text`, 75, errors, true);
    if (el.value !== undefined) {
      if (typeof el.value !== "string") errors.push(`must provide a string [json-pointer:${path}/value]`);
      else if (el.value.length > 2000)
        errors.push(`must be less than 2001 characters [json-pointer:${path}/value]`);
    }
    if (typeof el.url === "string" && el.url.length > 3000)
      errors.push(`must be less than 3001 characters [json-pointer:${path}/url]`);
    if (el.style !== undefined && el.style !== "primary" && el.style !== "danger")
      errors.push(`must be a valid enum value [json-pointer:${path}/style]`);
  }
}

/** Validates blocks as Slack does for messages (max 50) or views (max 100). Returns the error list. */
export function validateBlocks(blocks: unknown, maxBlocks = 50, root = "/blocks"): string[] {
  const errors: string[] = [];
  if (!Array.isArray(blocks)) return [`must provide an array [json-pointer:${root}]`];
  if (blocks.length > maxBlocks)
    errors.push(`must be less than ${maxBlocks + 1} items [json-pointer:${root}]`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const p = `${root}/${i}`;
    if (!isObj(b)) {
      errors.push(`must provide an object [json-pointer:${p}]`);
      return;
    }
    if (typeof b.type !== "string" || !KNOWN_BLOCKS.has(b.type)) {
      errors.push(`must be a valid enum value [json-pointer:${p}/type]`);
      return;
    }
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== "string" || b.block_id.length === 0 || b.block_id.length > 255)
        errors.push(`must be a string of 1 to 255 characters [json-pointer:${p}/block_id]`);
      else if (blockIds.has(b.block_id)) errors.push(`duplicate block_id [json-pointer:${p}/block_id]`);
      else blockIds.add(b.block_id);
    }
    const actionIds = new Set<string>();
    switch (b.type) {
      case "section": {
        if (b.text === undefined && b.fields === undefined)
          errors.push(`must provide either text or fields [json-pointer:${p}]`);
        if (b.text !== undefined) checkTextObject(b.text, `${p}/text`, 3000, errors);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields)) errors.push(`must provide an array [json-pointer:${p}/fields]`);
          else {
            if (b.fields.length > 10) errors.push(`must be less than 11 items [json-pointer:${p}/fields]`);
            b.fields.forEach((f, j) => {
              checkTextObject(f, `${p}/fields/${j}`, 2000, errors);
            });
          }
        }
        if (b.accessory !== undefined) checkElement(b.accessory, `${p}/accessory`, errors, actionIds);
        break;
      }
      case "header":
        checkTextObject(b.text, `${p}/text`, 150, errors, true);
        break;
      case "context":
        if (!Array.isArray(b.elements) || b.elements.length === 0)
          errors.push(`must provide a non-empty array [json-pointer:${p}/elements]`);
        else {
          if (b.elements.length > 10) errors.push(`must be less than 11 items [json-pointer:${p}/elements]`);
          b.elements.forEach((e, j) => {
            if (isObj(e) && (e.type === "plain_text" || e.type === "mrkdwn"))
              checkTextObject(e, `${p}/elements/${j}`, 3000, errors);
          });
        }
        break;
      case "actions":
        if (!Array.isArray(b.elements) || b.elements.length === 0)
          errors.push(`must provide a non-empty array [json-pointer:${p}/elements]`);
        else {
          if (b.elements.length > 25) errors.push(`must be less than 26 items [json-pointer:${p}/elements]`);
          b.elements.forEach((e, j) => {
            checkElement(e, `${p}/elements/${j}`, errors, actionIds);
          });
        }
        break;
      case "markdown":
        if (typeof b.text !== "string" || b.text.length === 0)
          errors.push(`must provide a non-empty string [json-pointer:${p}/text]`);
        else if (b.text.length > 12000)
          errors.push(`must be less than 12001 characters [json-pointer:${p}/text]`);
        break;
      default:
        break;
    }
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------------------

/** Form fields @slack/web-api JSON-encodes; decoded back so tests see objects. */
const JSON_FIELDS = new Set([
  "blocks",
  "attachments",
  "view",
  "metadata",
  "unfurls",
  "options",
  "option_groups",
  "user_auth_blocks",
]);

interface StoredMessage {
  channel: string;
  ts: string;
  text: unknown;
  blocks: unknown;
  thread_ts: unknown;
  user: string;
}

interface Waiter<T> {
  match: (x: T) => boolean;
  resolve: (x: T) => void;
}

class ApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

const ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
function slackId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  let s = prefix;
  for (const b of bytes) s += ALPHANUM[b % ALPHANUM.length];
  return s;
}

function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------
// Socket Mode
// ---------------------------------------------------------------------------------------------------------

export class FakeSocketMode {
  /** Open connections, oldest first. Envelopes go to the newest. */
  readonly connections: WebSocket[] = [];
  /** Every acknowledgement received, in order. */
  readonly acks: Array<{ envelope_id: string; payload: unknown }> = [];
  /** Non-ack messages the app sent (should be none). */
  readonly otherMessages: unknown[] = [];
  /** Number of connections ever accepted. */
  connectCount = 0;
  private readonly pending = new Map<
    string,
    { resolve: (a: SocketAck) => void; reject: (e: Error) => void; started: number; timer: NodeJS.Timeout }
  >();
  private readonly events = new EventEmitter();
  private pingTimers = new Map<WebSocket, NodeJS.Timeout>();

  /** @internal */
  constructor(private readonly fake: FakeSlack) {
    this.events.setMaxListeners(100);
  }

  get connected(): boolean {
    return this.connections.length > 0;
  }

  /** @internal Called by the fake for each accepted WebSocket. */
  attach(ws: WebSocket, pingIntervalMs: number): void {
    this.connections.push(ws);
    this.connectCount += 1;
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        this.otherMessages.push(data.toString());
        return;
      }
      if (isObj(msg) && typeof msg.envelope_id === "string") {
        this.acks.push({ envelope_id: msg.envelope_id, payload: msg.payload });
        const p = this.pending.get(msg.envelope_id);
        if (p) {
          clearTimeout(p.timer);
          this.pending.delete(msg.envelope_id);
          const elapsedMs = performance.now() - p.started;
          p.resolve({
            envelopeId: msg.envelope_id,
            payload: msg.payload,
            elapsedMs,
            withinDeadline: elapsedMs <= SLACK_ACK_DEADLINE_MS,
          });
        }
      } else {
        this.otherMessages.push(msg);
      }
    });
    ws.on("close", () => {
      const i = this.connections.indexOf(ws);
      if (i >= 0) this.connections.splice(i, 1);
      const t = this.pingTimers.get(ws);
      if (t) clearInterval(t);
      this.pingTimers.delete(ws);
      this.events.emit("change");
    });
    if (pingIntervalMs > 0) {
      const t = setInterval(() => ws.ping(`ping-${Date.now()}`), pingIntervalMs);
      t.unref();
      this.pingTimers.set(ws, t);
    }
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.connections.length,
        debug_info: {
          host: "applink-fake-127-0-0-1",
          build_number: 1,
          approximate_connection_time: 18060,
        },
        connection_info: { app_id: this.fake.appId },
      }),
    );
    this.events.emit("change");
  }

  /** Resolves once at least `count` connections are open (each has been sent `hello`). */
  waitForConnection(timeoutMs = 5000, count = 1): Promise<void> {
    return this.waitUntil(
      () => this.connections.length >= count,
      timeoutMs,
      `${count} Socket Mode connection(s)`,
    );
  }

  /** Resolves once no connection is open (e.g. after `app.stop()`, which does not wait for the close). */
  waitForDisconnect(timeoutMs = 5000): Promise<void> {
    return this.waitUntil(() => this.connections.length === 0, timeoutMs, "Socket Mode disconnect");
  }

  private waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onChange = () => {
        if (cond()) {
          clearTimeout(timer);
          this.events.off("change", onChange);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.events.off("change", onChange);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.events.on("change", onChange);
    });
  }

  /**
   * Pushes `{envelope_id, type, payload, accepts_response_payload}` to the newest connection (waiting for
   * one if needed) and resolves with the app's ack. Rejects if no ack arrives within `timeoutMs`.
   */
  async sendEnvelope(
    type: "slash_commands" | "interactive" | "events_api",
    payload: Record<string, unknown>,
    opts: {
      acceptsResponsePayload?: boolean;
      timeoutMs?: number;
      retryAttempt?: number;
      retryReason?: string;
    } = {},
  ): Promise<SocketAck> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    await this.waitForConnection(timeoutMs);
    const ws = this.connections[this.connections.length - 1];
    if (!ws) throw new Error("no Socket Mode connection");
    const envelope_id = randomUUID();
    const envelope: Record<string, unknown> = {
      envelope_id,
      type,
      payload,
      accepts_response_payload: opts.acceptsResponsePayload ?? type !== "events_api",
    };
    if (type === "events_api") {
      envelope.retry_attempt = opts.retryAttempt ?? 0;
      envelope.retry_reason = opts.retryReason ?? "";
    }
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope_id);
        reject(new Error(`no ack for ${type} envelope ${envelope_id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelope_id, { resolve, reject, started: performance.now(), timer });
      ws.send(JSON.stringify(envelope), (err) => {
        if (err) {
          clearTimeout(timer);
          this.pending.delete(envelope_id);
          reject(err);
        }
      });
    });
  }

  /** A slash command over Socket Mode; the payload has the same fields as the HTTP form. */
  async sendSlashCommand(
    input: SlashCommandInput,
    opts: { timeoutMs?: number } = {},
  ): Promise<SocketInteraction> {
    const payload = this.fake.slashCommandPayload(input);
    const ack = await this.sendEnvelope("slash_commands", payload, opts);
    return {
      ...ack,
      responseUrlId: this.fake.responseIdOf(payload.response_url),
      triggerId: payload.trigger_id,
    };
  }

  async sendBlockAction(
    input: BlockActionInput,
    opts: { timeoutMs?: number } = {},
  ): Promise<SocketInteraction> {
    const payload = this.fake.blockActionPayload(input);
    const ack = await this.sendEnvelope("interactive", payload, opts);
    return {
      ...ack,
      responseUrlId: this.fake.responseIdOf(payload.response_url),
      triggerId: String(payload.trigger_id),
    };
  }

  /** An Events API event (e.g. from `fake.appMention()`), wrapped in the event_callback envelope. */
  sendEvent(
    event: Record<string, unknown>,
    opts: { timeoutMs?: number; retryAttempt?: number; retryReason?: string } = {},
  ): Promise<SocketAck> {
    return this.sendEnvelope("events_api", this.fake.eventEnvelope(event), opts);
  }

  /** Sends `{type:"disconnect", reason}`; Bolt then reconnects through apps.connections.open. */
  sendDisconnect(reason = "refresh_requested"): void {
    for (const ws of this.connections) {
      ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake-127-0-0-1" } }));
    }
  }

  /** @internal */
  shutdown(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error("fake Slack closed"));
    }
    this.pending.clear();
    for (const t of this.pingTimers.values()) clearInterval(t);
    this.pingTimers.clear();
    for (const ws of [...this.connections]) ws.terminate();
    this.connections.length = 0;
  }

  /** @internal */
  reset(): void {
    this.acks.length = 0;
    this.otherMessages.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly teamName: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly strict: boolean;
  readonly triggerTtlMs: number;

  /** Every Web API call, in arrival order (including rejected ones). */
  readonly calls: SlackCall[] = [];
  /** Content Slack would have rejected; a healthy test asserts this stays empty. */
  readonly violations: SlackViolation[] = [];
  /** Posts to response_urls, in arrival order. */
  readonly responses: ResponseUrlPost[] = [];
  readonly socket: FakeSocketMode;

  private readonly tokens: Set<string>;
  private readonly users = new Map<string, FakeSlackUser>();
  private readonly channels = new Map<string, FakeSlackChannel>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly triggers = new Map<string, number>();
  private readonly tickets = new Set<string>();
  private readonly failures = new Map<
    string,
    Array<{ error?: string; status?: number; retryAfter?: number }>
  >();
  private readonly latency = new Map<string, number>();
  private readonly callWaiters = new Set<Waiter<SlackCall>>();
  private readonly responseWaiters = new Set<Waiter<ResponseUrlPost>>();
  private readonly initialUsers: FakeSlackUser[];
  private readonly initialChannels: FakeSlackChannel[];
  private readonly pingIntervalMs: number;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private port = 0;
  private tsCounter = 0;
  private closed = false;

  constructor(opts: FakeSlackOptions = {}) {
    this.botToken = opts.botToken ?? "xoxb-fake-bot-token";
    this.appToken = opts.appToken ?? "xapp-1-fake-app-token";
    this.tokens = new Set([this.botToken, ...(opts.extraTokens ?? [])]);
    this.teamId = opts.teamId ?? "T0FAKE0001";
    this.teamDomain = opts.teamDomain ?? "fake-team";
    this.teamName = opts.teamName ?? "Fake Team";
    this.appId = opts.appId ?? "A0FAKE0001";
    this.botUserId = opts.botUserId ?? "U0FAKEBOT1";
    this.botId = opts.botId ?? "B0FAKEBOT1";
    this.strict = opts.strict ?? false;
    this.triggerTtlMs = opts.triggerTtlMs ?? 3000;
    this.pingIntervalMs = opts.socketPingIntervalMs ?? 0;
    this.initialUsers = opts.users ?? [];
    this.initialChannels = opts.channels ?? [];
    this.socket = new FakeSocketMode(this);
    this.seed();
  }

  /** Creates and starts a fake on 127.0.0.1 (random port). */
  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(opts);
    await fake.start();
    return fake;
  }

  async start(): Promise<void> {
    if (this.server) throw new Error("fake Slack already started");
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: "fatal_error", detail: String(err) });
        else res.destroy();
      });
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on("upgrade", (req, sock, head) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const ticket = url.searchParams.get("ticket");
      if (url.pathname !== "/link/" || ticket === null || !this.tickets.has(ticket)) {
        sock.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      this.tickets.delete(ticket); // a ticket is good for one connection
      wss.handleUpgrade(req, sock, head, (ws) => this.socket.attach(ws, this.pingIntervalMs));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    this.wss = wss;
    this.port = (server.address() as AddressInfo).port;
  }

  /**
   * Closes the WebSockets, the HTTP server and every kept-alive connection. Idempotent. Stop the app
   * first: open Socket Mode connections get `graceMs` to close themselves before being terminated.
   */
  async close(graceMs = 2000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Bolt's app.stop() returns before its WebSocket close handshake ends; give it a moment, or the client
    // sees an abrupt error, logs it and keeps a timer alive for 30 s.
    await this.socket.waitForDisconnect(graceMs).catch(() => {});
    this.socket.shutdown();
    this.callWaiters.clear();
    this.responseWaiters.clear();
    const wss = this.wss;
    if (wss) await new Promise<void>((r) => wss.close(() => r()));
    const server = this.server;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }

  get baseUrl(): string {
    if (!this.server) throw new Error("fake Slack not started");
    return `http://127.0.0.1:${this.port}`;
  }

  /** For Bolt's / WebClient's `slackApiUrl`. Ends with `/api/`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url on the fake's sink; posts to it are recorded under `id`. */
  responseUrl(id: string = slackId("R", 12)): string {
    return `${this.baseUrl}/respond/${encodeURIComponent(id)}`;
  }

  /** The id of a response_url made by `responseUrl()`, or undefined for a foreign URL. */
  responseIdOf(url: unknown): string | undefined {
    if (typeof url !== "string") return undefined;
    const prefix = `${this.baseUrl}/respond/`;
    return url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : undefined;
  }

  /** Posts made to response_url `id`. */
  responsesFor(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** `<@BOTUSERID> text`, the way Slack writes a mention of the bot. */
  mention(text: string): string {
    return `<@${this.botUserId}> ${text}`;
  }

  /** Registers a fresh trigger_id, valid for views.open during `triggerTtlMs`. */
  newTriggerId(): string {
    const id = `${Date.now()}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString("hex")}`;
    this.triggers.set(id, Date.now());
    return id;
  }

  setUser(user: FakeSlackUser): void {
    this.users.set(user.id, { ...this.users.get(user.id), ...user });
  }

  setChannel(channel: FakeSlackChannel): void {
    this.channels.set(channel.id, { ...this.channels.get(channel.id), ...channel });
  }

  /** The next call to `method` answers `{ok:false, error}` (queued; one per call). */
  failNext(method: string, error: string): void {
    this.queueFailure(method, { error });
  }

  /** The next call to `method` answers HTTP 429 with `Retry-After: retryAfterSec`. */
  rateLimitNext(method: string, retryAfterSec = 1): void {
    this.queueFailure(method, { status: 429, retryAfter: retryAfterSec });
  }

  /** Delays every answer to `method` by `ms` (0 to clear). */
  setLatency(method: string, ms: number): void {
    if (ms > 0) this.latency.set(method, ms);
    else this.latency.delete(method);
  }

  /** Calls to `method` so far. */
  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Resolves with the first call to `method` matching `predicate`, already recorded or yet to come.
   * Rejects after `timeoutMs` listing what was called instead.
   */
  waitForCall(
    method: string,
    predicate: (c: SlackCall) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<SlackCall> {
    const match = (c: SlackCall) => c.method === method && predicate(c);
    return this.waitFor(this.calls, this.callWaiters, match, timeoutMs, () => {
      const seen = this.calls.map(
        (c) => `${c.method}${c.response.ok ? "" : `(${String(c.response.error)})`}`,
      );
      return `call to ${method}; calls so far: [${seen.join(", ")}]`;
    });
  }

  /** Like waitForCall, for posts to response_url `id`. */
  waitForResponse(
    id: string,
    predicate: (r: ResponseUrlPost) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<ResponseUrlPost> {
    const match = (r: ResponseUrlPost) => r.id === id && predicate(r);
    return this.waitFor(
      this.responses,
      this.responseWaiters,
      match,
      timeoutMs,
      () => `post to response_url ${id}; posts so far: ${this.responses.length}`,
    );
  }

  /** Forgets calls, violations, responses, acks, messages, injected failures; restores seeded users/channels. */
  reset(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.responses.length = 0;
    this.messages.clear();
    this.triggers.clear();
    this.failures.clear();
    this.latency.clear();
    this.users.clear();
    this.channels.clear();
    this.socket.reset();
    this.seed();
  }

  // ---- payload builders (shared by HTTP and Socket Mode) ----------------------------------------------

  /** The slash-command fields Slack sends (strings only), with a fresh response_url and trigger_id. */
  slashCommandPayload(
    input: SlashCommandInput,
  ): Record<string, string> & { response_url: string; trigger_id: string } {
    const { response_url, trigger_id, ...rest } = input;
    const payload: Record<string, string> = {
      token: "fake-verification-token",
      team_id: input.team_id ?? this.teamId,
      team_domain: input.team_domain ?? this.teamDomain,
      channel_id: input.channel_id ?? "C0FAKECHAN",
      channel_name: input.channel_name ?? "general",
      user_id: input.user_id ?? "U0FAKEUSER",
      user_name: input.user_name ?? "fake.user",
      command: input.command,
      text: input.text ?? "",
      api_app_id: input.api_app_id ?? this.appId,
      is_enterprise_install: "false",
    };
    if (input.enterprise_id !== undefined) payload.enterprise_id = input.enterprise_id;
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) payload[k] = v;
    return {
      ...payload,
      response_url: response_url ?? this.responseUrl(),
      trigger_id: trigger_id ?? this.newTriggerId(),
    };
  }

  /** A `block_actions` payload for a button click, shaped like Slack's. */
  blockActionPayload(input: BlockActionInput): Record<string, unknown> {
    const teamId = input.team_id ?? this.teamId;
    const userId = input.user_id ?? "U0FAKEUSER";
    const userName = input.user_name ?? "fake.user";
    const channelId = input.channel_id ?? "C0FAKECHAN";
    const messageTs = input.message_ts ?? this.nextTs();
    const actionTs = `${(Date.now() / 1000).toFixed(6)}`;
    const container: Record<string, unknown> = {
      type: "message",
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: input.ephemeral ?? false,
    };
    if (input.thread_ts !== undefined) container.thread_ts = input.thread_ts;
    const payload: Record<string, unknown> = {
      type: "block_actions",
      user: { id: userId, username: userName, name: userName, team_id: teamId },
      api_app_id: this.appId,
      token: "fake-verification-token",
      container,
      trigger_id: input.trigger_id ?? this.newTriggerId(),
      team: { id: teamId, domain: input.team_domain ?? this.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channelId, name: input.channel_name ?? "general" },
      state: { values: {} },
      response_url: input.response_url ?? this.responseUrl(),
      actions: [
        {
          action_id: input.action_id,
          block_id: input.block_id ?? slackId("", 4),
          text: { type: "plain_text", text: input.text ?? "Button", emoji: true },
          value: input.value,
          type: "button",
          action_ts: actionTs,
        },
      ],
    };
    if (!input.ephemeral) {
      const message: Record<string, unknown> = {
        type: "message",
        subtype: "bot_message",
        user: this.botUserId,
        bot_id: this.botId,
        app_id: this.appId,
        team: teamId,
        ts: messageTs,
        text: input.message_text ?? "",
        blocks: input.message_blocks ?? [],
      };
      if (input.thread_ts !== undefined) message.thread_ts = input.thread_ts;
      payload.message = message;
    }
    return { ...payload, ...input.extra };
  }

  /** An `app_mention` event. */
  appMention(input: AppMentionInput): Record<string, unknown> {
    const ts = input.ts ?? this.nextTs();
    const event: Record<string, unknown> = {
      type: "app_mention",
      client_msg_id: randomUUID(),
      user: input.user ?? "U0FAKEUSER",
      text: input.text,
      ts,
      team: this.teamId,
      channel: input.channel ?? "C0FAKECHAN",
      event_ts: ts,
      blocks: [
        {
          type: "rich_text",
          block_id: slackId("", 4),
          elements: [{ type: "rich_text_section", elements: [{ type: "text", text: input.text }] }],
        },
      ],
    };
    if (input.thread_ts !== undefined) event.thread_ts = input.thread_ts;
    return event;
  }

  /**
   * A `message` event as the Events API sends it for `message.im`, `message.channels` and
   * `message.groups`. Slack sends one for every message the app may read, a mention included (which also
   * arrives as `app_mention`), and for the bot's own posts (with `bot_id`).
   */
  message(input: MessageInput): Record<string, unknown> {
    const ts = input.ts ?? this.nextTs();
    const channelType = input.channel_type ?? "channel";
    const event: Record<string, unknown> = {
      type: "message",
      client_msg_id: randomUUID(),
      user: input.user ?? "U0FAKEUSER",
      text: input.text,
      ts,
      team: this.teamId,
      channel: input.channel ?? (channelType === "im" ? "D0FAKEDM01" : "C0FAKECHAN"),
      channel_type: channelType,
      event_ts: ts,
      blocks: [
        {
          type: "rich_text",
          block_id: slackId("", 4),
          elements: [{ type: "rich_text_section", elements: [{ type: "text", text: input.text }] }],
        },
      ],
    };
    if (input.thread_ts !== undefined) {
      event.thread_ts = input.thread_ts;
      event.parent_user_id = this.botUserId;
    }
    if (input.subtype !== undefined) event.subtype = input.subtype;
    if (input.bot_id !== undefined) event.bot_id = input.bot_id;
    return event;
  }

  /** A `member_joined_channel` event. */
  memberJoined(input: MemberJoinedInput): Record<string, unknown> {
    const event: Record<string, unknown> = {
      type: "member_joined_channel",
      user: input.user,
      channel: input.channel ?? "C0FAKECHAN",
      channel_type: input.channel_type ?? "C",
      team: this.teamId,
      event_ts: this.nextTs(),
    };
    if (input.inviter !== undefined) event.inviter = input.inviter;
    return event;
  }

  /** The Events API `event_callback` envelope around `event`. */
  eventEnvelope(event: Record<string, unknown>): Record<string, unknown> {
    return {
      token: "fake-verification-token",
      team_id: this.teamId,
      context_team_id: this.teamId,
      context_enterprise_id: null,
      api_app_id: this.appId,
      event,
      type: "event_callback",
      event_id: slackId("Ev", 10),
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(24).toString("base64url")}`,
    };
  }

  // ---- signed HTTP requests into the app ----------------------------------------------------------------

  /** Slash command, form-encoded and signed, as Slack POSTs it to the app's Request URL. */
  async sendSlashCommand(
    url: string,
    signingSecret: string,
    input: SlashCommandInput,
    opts: SignOptions = {},
  ): Promise<InteractionResult> {
    const payload = this.slashCommandPayload(input);
    const raw = new URLSearchParams(payload).toString();
    const res = await postSigned(url, signingSecret, raw, "application/x-www-form-urlencoded", opts);
    return { ...res, responseUrlId: this.responseIdOf(payload.response_url), triggerId: payload.trigger_id };
  }

  /** Button click: `payload=<json>` form field, signed. */
  async sendBlockAction(
    url: string,
    signingSecret: string,
    input: BlockActionInput,
    opts: SignOptions = {},
  ): Promise<InteractionResult> {
    const payload = this.blockActionPayload(input);
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await postSigned(url, signingSecret, raw, "application/x-www-form-urlencoded", opts);
    return {
      ...res,
      responseUrlId: this.responseIdOf(payload.response_url),
      triggerId: String(payload.trigger_id),
    };
  }

  /** Events API: JSON `event_callback` envelope around `event`, signed. */
  sendEvent(
    url: string,
    signingSecret: string,
    event: Record<string, unknown>,
    opts: SignOptions = {},
  ): Promise<SignedResult> {
    const raw = JSON.stringify(this.eventEnvelope(event));
    return postSigned(url, signingSecret, raw, "application/json", opts);
  }

  /** The `url_verification` handshake Slack sends when a Request URL is saved; the app echoes `challenge`. */
  sendUrlVerification(url: string, signingSecret: string, opts: SignOptions = {}): Promise<SignedResult> {
    const raw = JSON.stringify({
      token: "fake-verification-token",
      challenge: randomBytes(24).toString("base64url"),
      type: "url_verification",
    });
    return postSigned(url, signingSecret, raw, "application/json", opts);
  }

  // ---- internals ---------------------------------------------------------------------------------------

  private seed(): void {
    for (const u of this.initialUsers) this.users.set(u.id, { ...u });
    for (const c of this.initialChannels) this.channels.set(c.id, { ...c });
  }

  private queueFailure(method: string, f: { error?: string; status?: number; retryAfter?: number }): void {
    const q = this.failures.get(method) ?? [];
    q.push(f);
    this.failures.set(method, q);
  }

  private waitFor<T>(
    existing: T[],
    waiters: Set<Waiter<T>>,
    match: (x: T) => boolean,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    const found = existing.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        resolve: (x) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(x);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  private notify<T>(waiters: Set<Waiter<T>>, x: T): void {
    for (const w of [...waiters]) if (w.match(x)) w.resolve(x);
  }

  /** Monotonic message timestamps like Slack's `1700000000.000100`. */
  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/api/")) return this.handleApi(req, res, url);
    if (url.pathname.startsWith("/respond/") && req.method === "POST")
      return this.handleRespond(req, res, url);
    sendJson(res, 404, { ok: false, error: "not_found" });
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = decodeURIComponent(url.pathname.slice("/api/".length));
    const raw = await readBody(req);
    const ctype = String(req.headers["content-type"] ?? "");
    const body: Record<string, unknown> = {};
    for (const [k, v] of url.searchParams) body[k] = v;
    let contentType: SlackCall["contentType"] = "none";
    let parseError = false;
    if (raw.length > 0) {
      if (ctype.includes("application/json")) {
        contentType = "json";
        try {
          const parsed: unknown = JSON.parse(raw);
          if (isObj(parsed)) Object.assign(body, parsed);
          else parseError = true;
        } catch {
          parseError = true;
        }
      } else {
        contentType = "form";
        for (const [k, v] of new URLSearchParams(raw)) {
          if (JSON_FIELDS.has(k) && (v.startsWith("[") || v.startsWith("{"))) {
            try {
              body[k] = JSON.parse(v);
              continue;
            } catch {
              // Slack would reject this too; keep the string so the validator reports it.
            }
          }
          body[k] = v;
        }
      }
    }
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length).trim() : undefined;
    const token = bearer || (typeof body.token === "string" ? body.token : undefined);
    delete body.token;

    const latency = this.latency.get(method);
    if (latency) await sleep(latency);

    let status = 200;
    const headers: Record<string, string> = {};
    let response: Record<string, unknown>;
    const injected = this.failures.get(method)?.shift();
    if (parseError) {
      response = { ok: false, error: "invalid_json" };
    } else if (injected?.status === 429) {
      status = 429;
      headers["retry-after"] = String(injected.retryAfter ?? 1);
      response = { ok: false, error: "ratelimited" };
    } else if (injected?.error !== undefined) {
      response = { ok: false, error: injected.error };
    } else {
      try {
        response = { ok: true, ...this.dispatch(method, token, body) };
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        response = { ok: false, error: e.error, ...e.extra };
      }
    }
    const call: SlackCall = { method, token, body, response, contentType, at: Date.now() };
    this.calls.push(call);
    this.notify(this.callWaiters, call);
    sendJson(res, status, response, headers);
  }

  private checkToken(method: string, token: string | undefined): void {
    if (!token) throw new ApiError("not_authed");
    const isApp = token === this.appToken;
    if (method === "apps.connections.open") {
      if (isApp) return;
      if (this.tokens.has(token)) throw new ApiError("not_allowed_token_type");
      throw new ApiError("invalid_auth");
    }
    if (isApp) throw new ApiError("not_allowed_token_type");
    if (!this.tokens.has(token)) throw new ApiError("invalid_auth");
  }

  private violation(where: string, error: string, errors: string[], body: Record<string, unknown>): never {
    this.violations.push({ where, error, errors, body });
    if (error === "invalid_arguments") {
      throw new ApiError(error, { response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
    }
    throw new ApiError(error, { errors });
  }

  /** Checks message content as chat.postMessage / postEphemeral / update do. */
  private checkMessage(where: string, body: Record<string, unknown>, requireContent = true): void {
    const hasText = typeof body.text === "string" && body.text.length > 0;
    const hasBlocks = body.blocks !== undefined && !(Array.isArray(body.blocks) && body.blocks.length === 0);
    const hasAttachments = body.attachments !== undefined;
    if (requireContent && !hasText && !hasBlocks && !hasAttachments) {
      this.violation(where, "no_text", ["must provide text, blocks or attachments"], body);
    }
    if (typeof body.text === "string" && body.text.length > 40000) {
      this.violation(where, "msg_too_long", ["text must be less than 40001 characters"], body);
    }
    if (body.blocks !== undefined) {
      const errors = validateBlocks(body.blocks, 50);
      if (errors.length > 0) this.violation(where, "invalid_blocks", errors, body);
    }
  }

  private channelFor(id: unknown): FakeSlackChannel {
    if (typeof id !== "string" || id.length === 0) throw new ApiError("channel_not_found");
    const known = this.channels.get(id);
    if (known) return known;
    if (this.strict) throw new ApiError("channel_not_found");
    return { id, is_im: id.startsWith("D"), is_private: id.startsWith("G"), is_member: true };
  }

  private channelObject(c: FakeSlackChannel): Record<string, unknown> {
    const isIm = c.is_im ?? c.id.startsWith("D");
    return {
      id: c.id,
      name: isIm ? undefined : (c.name ?? c.id.toLowerCase()),
      is_channel: !isIm && !c.is_private,
      is_group: !isIm && (c.is_private ?? false),
      is_im: isIm,
      is_mpim: false,
      is_private: isIm || (c.is_private ?? false),
      created: 1700000000,
      is_archived: c.is_archived ?? false,
      is_general: false,
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      is_member: c.is_member ?? true,
      context_team_id: this.teamId,
      creator: "U0FAKEOWNR",
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
    };
  }

  private userObject(u: FakeSlackUser): Record<string, unknown> {
    const name = u.name ?? u.id.toLowerCase();
    const realName = u.real_name ?? name;
    return {
      id: u.id,
      team_id: this.teamId,
      name,
      deleted: u.deleted ?? false,
      real_name: realName,
      tz: u.tz ?? "Europe/Paris",
      tz_label: "Central European Time",
      tz_offset: 3600,
      is_admin: u.is_admin ?? false,
      is_owner: u.is_owner ?? false,
      is_primary_owner: u.is_primary_owner ?? false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: u.is_bot ?? false,
      is_app_user: false,
      updated: 1700000000,
      profile: {
        real_name: realName,
        display_name: u.display_name ?? name,
        real_name_normalized: realName,
        display_name_normalized: u.display_name ?? name,
        team: this.teamId,
      },
    };
  }

  private messageObject(m: StoredMessage): Record<string, unknown> {
    const msg: Record<string, unknown> = {
      type: "message",
      user: m.user,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
      ts: m.ts,
      text: m.text ?? "",
      bot_profile: {
        id: this.botId,
        app_id: this.appId,
        name: "notes-tutor",
        team_id: this.teamId,
        deleted: false,
      },
    };
    if (m.blocks !== undefined) msg.blocks = m.blocks;
    if (m.thread_ts !== undefined) msg.thread_ts = m.thread_ts;
    return msg;
  }

  private dispatch(
    method: string,
    token: string | undefined,
    body: Record<string, unknown>,
  ): Record<string, unknown> {
    const known = new Set([
      "api.test",
      "auth.test",
      "chat.postMessage",
      "chat.postEphemeral",
      "chat.update",
      "chat.delete",
      "conversations.info",
      "conversations.join",
      "users.info",
      "views.open",
      "apps.connections.open",
    ]);
    if (!known.has(method)) throw new ApiError("unknown_method");
    if (method === "api.test") return { args: body };
    this.checkToken(method, token);

    switch (method) {
      case "auth.test":
        return {
          url: `https://${this.teamDomain}.slack.com/`,
          team: this.teamName,
          user: "notes-tutor",
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
          is_enterprise_install: false,
        };

      case "apps.connections.open": {
        const ticket = randomUUID();
        this.tickets.add(ticket);
        return { url: `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=${this.appId}` };
      }

      case "chat.postMessage": {
        const channel = this.channelFor(body.channel);
        if (channel.is_archived) throw new ApiError("is_archived");
        if (channel.is_member === false && !channel.is_im) throw new ApiError("not_in_channel");
        this.checkMessage(method, body);
        const ts = this.nextTs();
        const stored: StoredMessage = {
          channel: channel.id,
          ts,
          text: body.text,
          blocks: body.blocks,
          thread_ts: body.thread_ts,
          user: this.botUserId,
        };
        this.messages.set(`${channel.id}/${ts}`, stored);
        return { channel: channel.id, ts, message: this.messageObject(stored) };
      }

      case "chat.postEphemeral": {
        const channel = this.channelFor(body.channel);
        if (typeof body.user !== "string" || body.user.length === 0) throw new ApiError("user_not_found");
        if (channel.is_member === false && !channel.is_im) throw new ApiError("not_in_channel");
        this.checkMessage(method, body);
        return { message_ts: this.nextTs() };
      }

      case "chat.update": {
        const channel = this.channelFor(body.channel);
        if (typeof body.ts !== "string") throw new ApiError("message_not_found");
        const key = `${channel.id}/${body.ts}`;
        const existing = this.messages.get(key);
        if (!existing && this.strict) throw new ApiError("message_not_found");
        if (existing && existing.user !== this.botUserId) throw new ApiError("cant_update_message");
        this.checkMessage(method, body);
        const stored: StoredMessage = {
          channel: channel.id,
          ts: body.ts,
          text: body.text,
          blocks: body.blocks,
          thread_ts: existing?.thread_ts,
          user: this.botUserId,
        };
        this.messages.set(key, stored);
        return {
          channel: channel.id,
          ts: body.ts,
          text: body.text ?? "",
          message: this.messageObject(stored),
        };
      }

      case "chat.delete": {
        const channel = this.channelFor(body.channel);
        if (typeof body.ts !== "string") throw new ApiError("message_not_found");
        const key = `${channel.id}/${body.ts}`;
        if (!this.messages.has(key) && this.strict) throw new ApiError("message_not_found");
        this.messages.delete(key);
        return { channel: channel.id, ts: body.ts };
      }

      case "conversations.info":
        return { channel: this.channelObject(this.channelFor(body.channel)) };

      case "conversations.join": {
        const channel = this.channelFor(body.channel);
        if (channel.is_im || channel.is_private) throw new ApiError("method_not_supported_for_channel_type");
        if (channel.is_archived) throw new ApiError("is_archived");
        const already = channel.is_member === true && this.channels.has(channel.id);
        const joined = { ...channel, is_member: true };
        this.channels.set(channel.id, joined);
        return {
          channel: this.channelObject(joined),
          ...(already
            ? { warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } }
            : {}),
        };
      }

      case "users.info": {
        const id = body.user;
        if (typeof id !== "string" || id.length === 0) throw new ApiError("user_not_found");
        const user = this.users.get(id) ?? (this.strict ? undefined : { id });
        if (!user) throw new ApiError("user_not_found");
        return { user: this.userObject(user) };
      }

      case "views.open": {
        const trigger = body.trigger_id;
        if (typeof trigger !== "string") throw new ApiError("invalid_trigger_id");
        const issued = this.triggers.get(trigger);
        if (issued === undefined) throw new ApiError("invalid_trigger_id");
        if (Date.now() - issued > this.triggerTtlMs) throw new ApiError("expired_trigger_id");
        const view = body.view;
        if (!isObj(view))
          this.violation(method, "invalid_arguments", ["must provide an object [json-pointer:/view]"], body);
        const errors: string[] = [];
        if (view.type !== "modal") errors.push("must be a valid enum value [json-pointer:/view/type]");
        checkTextObject(view.title, "/view/title", 24, errors, true);
        if (view.submit !== undefined) checkTextObject(view.submit, "/view/submit", 24, errors, true);
        if (view.close !== undefined) checkTextObject(view.close, "/view/close", 24, errors, true);
        if (typeof view.callback_id === "string" && view.callback_id.length > 255)
          errors.push("must be less than 256 characters [json-pointer:/view/callback_id]");
        if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000)
          errors.push("must be less than 3001 characters [json-pointer:/view/private_metadata]");
        errors.push(...validateBlocks(view.blocks, 100, "/view/blocks"));
        if (errors.length > 0) this.violation(method, "invalid_arguments", errors, body);
        this.triggers.delete(trigger); // a trigger opens one view
        const id = slackId("V", 10);
        return {
          view: {
            id,
            team_id: this.teamId,
            app_id: this.appId,
            bot_id: this.botId,
            app_installed_team_id: this.teamId,
            root_view_id: id,
            previous_view_id: null,
            hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
            state: { values: {} },
            clear_on_close: false,
            notify_on_close: false,
            external_id: "",
            private_metadata: "",
            callback_id: "",
            ...view,
          },
        };
      }

      default:
        throw new ApiError("unknown_method");
    }
  }

  private async handleRespond(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const id = decodeURIComponent(url.pathname.slice("/respond/".length));
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    let status = 200;
    let error: string | undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObj(parsed)) body = parsed;
      else error = "invalid_payload";
    } catch {
      error = "invalid_payload";
    }
    if (error === undefined && body.delete_original !== true) {
      const hasText = typeof body.text === "string" && body.text.length > 0;
      const hasBlocks = Array.isArray(body.blocks) && body.blocks.length > 0;
      if (!hasText && !hasBlocks && body.attachments === undefined) {
        error = "no_text";
        this.violations.push({
          where: `respond:${id}`,
          error,
          errors: ["must provide text or blocks"],
          body,
        });
      } else if (body.blocks !== undefined) {
        const errors = validateBlocks(body.blocks, 50);
        if (errors.length > 0) {
          error = "invalid_blocks";
          this.violations.push({ where: `respond:${id}`, error, errors, body });
        }
      }
      if (
        body.response_type !== undefined &&
        body.response_type !== "ephemeral" &&
        body.response_type !== "in_channel"
      ) {
        error = "invalid_response_type";
        this.violations.push({ where: `respond:${id}`, error, errors: ["response_type"], body });
      }
    }
    if (error !== undefined) status = 400;
    const post: ResponseUrlPost = { id, body, status, at: Date.now() };
    this.responses.push(post);
    this.notify(this.responseWaiters, post);
    if (error !== undefined) {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(error);
    } else {
      sendJson(res, 200, { ok: true });
    }
  }
}
