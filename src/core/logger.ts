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

export interface LoggerOptions {
  level?: string;
  /** Human-readable output (terminal mode); JSON lines otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/** One JSON line per event, secrets redacted; pretty only for the terminal. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { level: options.level ?? "info", redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
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
