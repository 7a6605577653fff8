// Entry point of `npm start`: the bot as one process, with every configured platform, or the terminal.
import { fstatSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { terminalPoster } from "./bots/terminal/poster.js";
import { runRepl } from "./bots/terminal/repl.js";
import type { Surface } from "./bots/surface.js";
import { type Composed, composeTutor } from "./compose.js";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "./core/config.js";
import { parseGitSource } from "./core/notes-sync/git.js";
import { createLogger, type Logger } from "./core/logger.js";
import type { Tutor } from "./core/tutor.js";
import { NotesError } from "./knowledge/notes-loader.js";
import { type HealthServer, startHealthServer } from "./service/http.js";
import { Metrics } from "./service/metrics.js";
import { serveDashboard, startTerminalDashboard } from "./service/dashboard/index.js";
import { loadAdapters, platformsConfigured, startSurfaces } from "./service/surfaces.js";

function terminalWanted(config: Config): boolean {
  if (config.TUTOR_TERMINAL === "on") return true;
  if (config.TUTOR_TERMINAL === "off") return false;
  if (platformsConfigured(config).length > 0) return false;
  return stdinIsUsable();
}

/** A TTY, a pipe or a file on stdin; not /dev/null or a closed stdin, as in a container. */
function stdinIsUsable(): boolean {
  if (process.stdin.isTTY) return true;
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false;
  }
}

/**
 * After SIGTERM the load balancer needs a moment to see /readyz fail and stop routing here; requests it
 * still sends meanwhile are served. Once platform traffic has been quiet this long (and nothing is in
 * flight), nobody is sending any more and the listener closes.
 */
const DRAIN_QUIET_MS = 1000;

/** Of the shutdown grace period, at most this share is spent still accepting traffic; the rest finishes it. */
const DRAIN_ACCEPT_SHARE = 0.5;

const pause = () => new Promise((r) => setTimeout(r, 20));

/** Keeps serving until platform traffic has been quiet for DRAIN_QUIET_MS with nothing in flight, or `until`. */
async function lingerWhileTrafficArrives(http: HealthServer, tutor: Tutor, until: number): Promise<void> {
  while (Date.now() < until && (tutor.busy > 0 || http.quietMs() < DRAIN_QUIET_MS)) await pause();
}

/** Waits for in-flight answers until `deadline` (Date.now() milliseconds). */
async function drain(tutor: Tutor, deadline: number): Promise<boolean> {
  while (tutor.busy > 0 && Date.now() < deadline) await pause();
  return tutor.busy === 0;
}

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: Config;
  try {
    if (env === process.env) loadDotEnv();
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const terminal = terminalWanted(config);
  // Signals that arrive while starting (connecting, indexing) are kept and honoured once started, so a
  // container stopped during start-up still exits cleanly instead of waiting for the kill.
  let early: string | undefined;
  const remember = (signal: string) => () => {
    early ??= signal;
  };
  const onEarlyTerm = remember("SIGTERM");
  const onEarlyInt = remember("SIGINT");
  if (!terminal) {
    process.once("SIGTERM", onEarlyTerm);
    process.once("SIGINT", onEarlyInt);
  }
  const logger: Logger = createLogger({
    level: terminal ? (config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL) : config.LOG_LEVEL,
  });
  // The platforms' adapters load while the tutor opens (their frameworks are most of the start-up's imports).
  const adapters = terminal ? {} : loadAdapters(config);
  // The tutor as the configuration describes it: notes clone, state stores, index, language model.
  let composed: Composed;
  try {
    composed = await composeTutor(config, { logger });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof NotesError) {
      process.stderr.write(`Configuration error: TUTOR_NOTES_DIR: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { tutor } = composed;
  const git = parseGitSource(config.TUTOR_NOTES_GIT);

  // The notes are reloaded without a restart: on a change in the folder, and on each pull that brings commits.
  tutor.notes.start({
    watch: config.TUTOR_NOTES_WATCH,
    git: git ?? undefined,
    intervalMs: config.TUTOR_NOTES_GIT_INTERVAL * 1000,
  });

  if (terminal) {
    // The dashboard on PORT, so /tutor dashboard prints a working local link (a taken port: logged, skipped).
    const dashboard = await startTerminalDashboard({ tutor, config, logger });
    try {
      const buttons = { choices: [] };
      await tutor.daily.start([terminalPoster(process.stdout, config.TUTOR_LOCALE, buttons)]);
      await runRepl(tutor, {
        buttons,
        input: process.stdin,
        output: process.stdout,
        locale: config.TUTOR_LOCALE,
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      });
    } finally {
      await dashboard?.close();
      await composed.close();
    }
    return 0;
  }

  const metrics = new Metrics();
  metrics.watch(tutor);
  let draining = false;
  let surfaces: Surface[] = [];
  const http: HealthServer = await startHealthServer({
    port: config.PORT,
    host: config.HOST,
    metrics,
    draining: () => draining,
    checks: () => [
      // The state's database answers a query (SQLite file or PostgreSQL); the index is checked below.
      {
        name: "database",
        ready: () =>
          composed.ping().then(
            () => tutor.db.open,
            () => false,
          ),
      },
      { name: "index", ready: () => tutor.indexInfo.entries > 0 },
      ...surfaces.map((s) => ({ name: s.name, ready: () => s.connected() })),
    ],
  });
  const dashboard = await serveDashboard({ tutor, config, logger, http });
  // Slack and Discord connect at the same time (one's handshake no longer waits for the other's).
  surfaces = await startSurfaces({ tutor, config, logger, http, metrics }, adapters);
  for (const s of surfaces) metrics.connected.set({ platform: s.name }, s.connected() ? 1 : 0);
  // Core speaks first through each platform: daily quiz posts and onboarding reminders.
  await tutor.daily.start(surfaces.map((s) => s.poster));
  tutor.onboarding.startNudges(surfaces.map((s) => s.poster));
  tutor.quiz.onAnswer((correct) => metrics.quizAnswers.inc({ result: correct ? "right" : "wrong" }));
  logger.info(
    {
      port: http.port,
      platforms: surfaces.map((s) => s.name),
      entries: tutor.indexInfo.entries,
      state: composed.stateKind,
    },
    "notes-tutor ready",
  );
  if (surfaces.length === 0)
    logger.warn("no platform configured (set SLACK_* or DISCORD_TOKEN); serving health endpoints only");

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      draining = true;
      logger.info({ signal }, "shutting down");
      const hard = setTimeout(() => {
        logger.error("shutdown took too long; exiting");
        resolve(1);
      }, config.SHUTDOWN_TIMEOUT_MS + 2000);
      hard.unref();
      // 1. Readiness says "draining" from now on, so the load balancer stops routing here; what it still
      //    sends meanwhile is read, acknowledged and answered (each response closes its connection).
      const started = Date.now();
      const deadline = started + config.SHUTDOWN_TIMEOUT_MS;
      await lingerWhileTrafficArrives(http, tutor, started + config.SHUTDOWN_TIMEOUT_MS * DRAIN_ACCEPT_SHARE);
      // 2. No new connections; requests on connections still open are finished, then those close.
      const closed = http.close(deadline);
      // 3. Every accepted command is answered (computed and sent) before the platforms disconnect.
      const drained = await drain(tutor, deadline);
      if (!drained) logger.warn({ inFlight: tutor.busy }, "in-flight work did not finish in time");
      await closed;
      await drain(tutor, deadline);
      await Promise.allSettled(surfaces.map((s) => s.stop()));
      await dashboard?.stop();
      await composed
        .close()
        .catch((err: unknown) => logger.warn({ err }, "closing the state database failed"));
      clearTimeout(hard);
      logger.info("stopped");
      resolve(0);
    };
    process.off("SIGTERM", onEarlyTerm);
    process.off("SIGINT", onEarlyInt);
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    process.once("SIGINT", () => void shutdown("SIGINT"));
    if (early) void shutdown(early);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  serve().then(
    (code) => {
      process.exit(code);
    },
    (err: unknown) => {
      process.stderr.write(
        `notes-tutor failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
