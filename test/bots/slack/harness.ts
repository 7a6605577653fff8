/**
 * The real Slack surface (Bolt 5 in HTTP or Socket Mode) on the service's real HTTP server, a real Tutor on
 * a temporary SQLite file and the bundled notes, and the fake Slack of test/fakes/slack.ts, all on
 * 127.0.0.1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { createSlackSurface } from "../../../src/bots/slack/surface.js";
import type { Surface } from "../../../src/bots/surface.js";
import { BUNDLED_NOTES_DIR, loadConfig } from "../../../src/core/config.js";
import { Tutor } from "../../../src/core/tutor.js";
import { type HealthServer, startHealthServer } from "../../../src/service/http.js";
import { Metrics } from "../../../src/service/metrics.js";
import { FakeSlack, type FakeSlackChannel, type FakeSlackUser, validateBlocks } from "../../fakes/slack.js";

export const SECRET = "a5f1d2c3b4e5f60718293a4b5c6d7e8f";

export interface SlackHarness {
  fake: FakeSlack;
  tutor: Tutor;
  surface: Surface;
  http: HealthServer;
  metrics: Metrics;
  /** The app's request URL (HTTP mode). */
  url: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  socket?: boolean;
  admins?: string[];
  users?: FakeSlackUser[];
  channels?: FakeSlackChannel[];
  locale?: "en" | "ja";
  /** Changes the tutor before the surface is built (slow answers, join hooks). */
  setup?: (tutor: Tutor) => void;
  userCacheMs?: number;
  /** Give the surface the bot's ids (default), or let it call auth.test at start as in production. */
  botIds?: boolean;
  /** Another bot token than the fake's (an invalid one). */
  botToken?: string;
  /** The notes the tutor answers from (default: the bundled notes). */
  notesDir?: string;
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await FakeSlack.start({ users: options.users ?? [], channels: options.channels ?? [] });
  const dir = mkdtempSync(join(tmpdir(), "notes-tutor-slack-"));
  const logger = pino({ level: "silent" });
  const tutor = Tutor.open({
    dbFile: join(dir, "tutor.sqlite"),
    notesDir: options.notesDir ?? BUNDLED_NOTES_DIR,
    logger,
    admins: options.admins ?? [],
  });
  options.setup?.(tutor);
  const config = loadConfig({
    SLACK_BOT_TOKEN: options.botToken ?? fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    TUTOR_LOCALE: options.locale ?? "en",
    ...(options.socket ? { SLACK_APP_TOKEN: fake.appToken } : {}),
  });
  const metrics = new Metrics();
  const http = await startHealthServer({
    port: 0,
    host: "127.0.0.1",
    metrics,
    checks: () => [],
    draining: () => false,
  });
  const surface = createSlackSurface(
    { tutor, config, logger, http, metrics },
    {
      ...(options.botIds === false ? {} : { botId: fake.botId, botUserId: fake.botUserId }),
      retryConfig: { retries: 0 },
      ...(options.userCacheMs !== undefined ? { userCacheMs: options.userCacheMs } : {}),
    },
  );
  try {
    await surface.start();
  } catch (err) {
    await http.close();
    await fake.close();
    tutor.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    fake,
    tutor,
    surface,
    http,
    metrics,
    url: `http://127.0.0.1:${http.port}/slack/events`,
    async close() {
      await surface.stop();
      if (options.socket) await fake.socket.waitForDisconnect().catch(() => {});
      await http.close();
      await fake.close();
      tutor.daily.stop();
      tutor.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every text object's `text` in a message (top-level text, blocks, fields, context, buttons). */
export function textsOf(message: Obj): string[] {
  const out: string[] = [];
  if (typeof message.text === "string") out.push(message.text);
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObj(v)) {
      if ((v.type === "mrkdwn" || v.type === "plain_text") && typeof v.text === "string") out.push(v.text);
      for (const [k, x] of Object.entries(v)) if (k !== "text" || typeof x !== "string") visit(x);
    }
  };
  visit(message.blocks);
  return out;
}

/** Every mrkdwn text object of a message's blocks. */
export function mrkdwnObjectsOf(message: Obj): Obj[] {
  const out: Obj[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObj(v)) {
      if (v.type === "mrkdwn") out.push(v);
      for (const x of Object.values(v)) visit(x);
    }
  };
  visit(message.blocks);
  return out;
}

/** The action ids of a message's buttons. */
export function buttonIdsOf(message: Obj): string[] {
  const blocks = Array.isArray(message.blocks) ? message.blocks : [];
  return blocks
    .filter((b): b is Obj => isObj(b) && b.type === "actions")
    .flatMap((b) => (Array.isArray(b.elements) ? b.elements : []))
    .filter(isObj)
    .map((e) => String(e.action_id));
}

/** The header of a message, if any. */
export function headerOf(message: Obj): string | undefined {
  const blocks = Array.isArray(message.blocks) ? message.blocks : [];
  const h = blocks.find((b): b is Obj => isObj(b) && b.type === "header");
  return h && isObj(h.text) ? String(h.text.text) : undefined;
}

/** Asserts the message is one Slack accepts and that nothing in it can ping or link. */
export function expectSafe(message: Obj): void {
  const errors = validateBlocks(message.blocks, 50);
  if (errors.length > 0) throw new Error(`invalid blocks: ${errors.join("; ")}`);
  for (const text of textsOf(message)) {
    // A control sequence (<!here>, <@U1>, <http://…|…>) needs a raw "<"; every "<" must be &lt;.
    if (text.includes("<")) throw new Error(`raw "<" in: ${text}`);
    if (/&(?!amp;|lt;|gt;)/.test(text)) throw new Error(`raw "&" in: ${text}`);
  }
  for (const m of mrkdwnObjectsOf(message)) {
    if (m.verbatim !== true) throw new Error(`mrkdwn without verbatim: ${String(m.text)}`);
  }
}
