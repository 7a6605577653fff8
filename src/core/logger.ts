import pino, { type Logger } from "pino";
import { SECRET_VARIABLES } from "./config.js";

export type { Logger };

const CENSOR = "[redacted]";

/**
 * Field names whose value is a secret wherever they appear, at any depth and in any case
 * (`Authorization`, `authorization`, `x-api-key`…): compared lower-cased, without `-` and `_`.
 */
const SECRET_KEYS = new Set(
  [
    ...SECRET_VARIABLES,
    "token",
    "botToken",
    "appToken",
    "accessToken",
    "refreshToken",
    "signingSecret",
    "clientSecret",
    "secret",
    "password",
    "apiKey",
    "xApiKey",
    "authorization",
    "proxyAuthorization",
    "cookie",
    "setCookie",
  ].map((k) => normalizeKey(k)),
);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, "");
}

/** Kept for pino's fast path at the top levels; `redactDeep` covers every depth and spelling. */
export const REDACT_PATHS = [
  ...SECRET_VARIABLES,
  ...SECRET_VARIABLES.map((v) => `*.${v}`),
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "req.headers.authorization",
];

/**
 * Secrets that travel inside text rather than in a field: interaction and webhook tokens in Discord URLs,
 * Slack, Discord and OpenAI-style tokens in messages and stacks, `Bearer`/`Bot` credentials.
 */
export function maskSecrets(text: string): string {
  return (
    text
      .replace(/(\/interactions\/\d+\/)[^/\s?"']+/g, `$1${CENSOR}`)
      .replace(/(\/webhooks\/\d+\/)[^/\s?"']+/g, `$1${CENSOR}`)
      // Slack: bot, user, app-level, refresh and config tokens; and Slack incoming-webhook URLs.
      .replace(/\bxox[abprse]-[\w-]+/g, `xox?-${CENSOR}`)
      .replace(/\bxapp-[\w-]+/g, `xapp-${CENSOR}`)
      .replace(/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[\w/-]+/g, `$1${CENSOR}`)
      .replace(/\b(Bearer|Basic)\s+[\w.+/=~-]{8,}/gi, `$1 ${CENSOR}`)
      .replace(/\bBot [\w.-]{20,}/g, `Bot ${CENSOR}`)
      // Discord bot tokens: three base64url parts (user id, timestamp, HMAC).
      .replace(/[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}/g, CENSOR)
      // OpenAI-style API keys (sk-…, sk-proj-…).
      .replace(/\bsk-[\w-]{16,}/g, `sk-${CENSOR}`)
      // Credentials in a URL (https://user:pass@host) and token-like query parameters.
      .replace(/(\/\/[^/\s:@]+:)[^@\s/]+@/g, `$1${CENSOR}@`)
      .replace(/([?&](?:token|access_token|api_key|apikey|key|signature|sig)=)[^&\s"']+/gi, `$1${CENSOR}`)
  );
}

/** Deeper than any log line of ours; a deeper (or circular) value is cut, never printed in full. */
const MAX_DEPTH = 10;

/** Every secret field blanked and every string masked, at any depth; errors become plain objects first. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return maskSecrets(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH || seen.has(value)) return "[cut]";
  seen.add(value);
  if (value instanceof Error) return redactDeep(pino.stdSerializers.err(value), depth, seen);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.has(normalizeKey(k)) && v !== undefined ? CENSOR : redactDeep(v, depth + 1, seen);
  }
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Human-readable output (terminal mode); JSON lines otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/** One JSON line per event, secrets redacted by field name and by pattern at any depth; pretty only for the terminal. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? "info",
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { err: (e: Error) => redactDeep(pino.stdSerializers.err(e)) },
    formatters: {
      // Everything logged, with the context of child loggers, goes through the deep redaction.
      log: (object) => redactDeep(object) as Record<string, unknown>,
      bindings: (bindings) => redactDeep(bindings) as pino.Bindings,
    },
    hooks: {
      // Messages built from text (a library's log line) are masked too.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? maskSecrets(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { destination: 2, colorize: false } },
    });
  }
  return options.destination
    ? pino(base, options.destination as pino.DestinationStream)
    : pino(base, pino.destination(2));
}
