import pino, { type Logger } from "pino";
import { SECRET_VARIABLES } from "./config.js";

export type { Logger };

/** Paths pino blanks out wherever they appear in a log line. */
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
 * Slack and Discord tokens in messages and stacks. Path-based redaction cannot reach them.
 */
export function maskSecrets(text: string): string {
  return text
    .replace(/(\/interactions\/\d+\/)[^/\s?"']+/g, "$1[redacted]")
    .replace(/(\/webhooks\/\d+\/)[^/\s?"']+/g, "$1[redacted]")
    .replace(/\bxox[abprse]-[\w-]+/g, "xox?-[redacted]")
    .replace(/\bxapp-[\w-]+/g, "xapp-[redacted]")
    .replace(/\b(Bot|Bearer) [\w.-]{20,}/g, "$1 [redacted]");
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskSecrets(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

export interface LoggerOptions {
  level?: string;
  /** Human-readable output (terminal mode); JSON lines otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/** One JSON line per event, secrets redacted; pretty only for the terminal. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: (e: Error) => maskDeep(pino.stdSerializers.err(e)) },
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
