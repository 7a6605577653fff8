// A clock for tests of the service as real processes (TUTOR_TEST_CLOCK_FILE, honoured only with
// NODE_ENV=test): the current instant is what a file says, so a test can move several processes through
// simulated days together. Never used otherwise: the bot's clock is the system's.
import fs from "node:fs";
import { ConfigError } from "./core/config.js";

/**
 * How often the file is read for a new instant. Read, not stat'ed: two instants of the same length written
 * within the file system's timestamp granularity leave size and mtime unchanged, and fs.watchFile misses them.
 */
const POLL_MS = 25;

export interface FileClock {
  now(): Date;
  /** Called after the file names a new instant (now() already returns it). */
  onChange(listener: () => Promise<void> | void): void;
  stop(): void;
}

function readInstant(file: string): Date {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8").trim();
  } catch (err) {
    throw new ConfigError(
      `Configuration error: TUTOR_TEST_CLOCK_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? err})`,
    );
  }
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw new ConfigError("Configuration error: TUTOR_TEST_CLOCK_FILE must hold an ISO-8601 instant");
  return at;
}

export function fileClock(file: string): FileClock {
  let current = readInstant(file);
  const listeners: (() => Promise<void> | void)[] = [];
  // Changes are handled one after another, each seeing its own instant.
  let chain = Promise.resolve();
  const poll = () => {
    chain = chain.then(async () => {
      let next: Date;
      try {
        next = readInstant(file);
      } catch {
        return; // caught mid-write: the next poll reads it whole
      }
      if (next.getTime() === current.getTime()) return;
      current = next;
      for (const l of listeners) await l();
    });
    // Listeners log their own failures; one failure must not stop the clock for the next change.
    chain = chain.catch(() => {});
  };
  let polling = false;
  const timer = setInterval(() => {
    // One read at a time: a slow listener does not pile reads up behind it.
    if (polling) return;
    polling = true;
    poll();
    void chain.then(() => {
      polling = false;
    });
  }, POLL_MS);
  timer.unref();
  return {
    now: () => new Date(current.getTime()),
    onChange: (l) => {
      listeners.push(l);
    },
    stop: () => clearInterval(timer),
  };
}
