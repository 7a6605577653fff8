import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

function levelOf(pinoLevel: string): LogLevel {
  switch (pinoLevel) {
    case "trace":
    case "debug":
      return LogLevel.DEBUG;
    case "info":
      return LogLevel.INFO;
    case "warn":
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function show(m: unknown): string {
  if (typeof m === "string") return m;
  try {
    return JSON.stringify(m) ?? String(m);
  } catch {
    return String(m);
  }
}

/**
 * Bolt, its WebClient and its Socket Mode client log through the process's pino logger (one JSON line per
 * event, secrets redacted). The level is LOG_LEVEL's: Bolt's attempts to set its own are ignored.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log =
    (level: "debug" | "info" | "warn" | "error") =>
    (...msg: unknown[]): void => {
      const err = msg.find((m): m is Error => m instanceof Error);
      const text = msg
        .filter((m) => m !== err)
        .map(show)
        .join(" ");
      if (err) logger[level]({ err }, text || err.message);
      else logger[level](text);
    };
  return {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    setLevel: () => {},
    getLevel: () => levelOf(logger.level),
    setName: () => {},
  };
}
