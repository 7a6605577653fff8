import { randomBytes } from "node:crypto";
import type { Config } from "../../core/config.js";
import { type DashboardLinks, serveDashboardFor } from "../../core/dashboard/links.js";
import type { IndexStatus, NotesSource } from "../../core/dashboard/model.js";
import type { DashboardReader } from "../../core/dashboard/reader.js";
import type { Logger } from "../../core/logger.js";
import { indexBuiltAt, SqliteDashboardReader } from "../../core/storage/sqlite/dashboard.js";
import type { Tutor } from "../../core/tutor.js";
import { type HealthServer, startHealthServer } from "../http.js";
import { Metrics } from "../metrics.js";
import { dashboardPath, dashboardRoute } from "./route.js";
import { DashboardTokens, LINK_TTL_MS, UsedLinks } from "./token.js";

/** Bytes of the secret made up for a process without DASHBOARD_SECRET (the terminal): 256 bits. */
const RANDOM_SECRET_BYTES = 32;
/** How often the page checks whether the notes were reindexed (a reload swaps the index in place). */
const INDEX_CHECK_MS = 5000;
/** On leaving the terminal, open page requests get this long to finish. */
const TERMINAL_CLOSE_MS = 1000;

export interface DashboardDeps {
  tutor: Tutor;
  config: Pick<
    Config,
    "DASHBOARD_SECRET" | "TUTOR_PUBLIC_URL" | "TUTOR_NOTES_URL" | "TUTOR_LOCALE" | "DATABASE_URL"
  >;
  logger: Logger;
  http: HealthServer;
  /** Where the state is read from; by default PostgreSQL with DATABASE_URL, else the tutor's SQLite file. */
  reader?: DashboardReader;
  /** Without DASHBOARD_SECRET, make one up for this process (the terminal) instead of serving nothing. */
  randomSecret?: boolean;
}

export interface ServedDashboard {
  links: DashboardLinks;
  stop(): Promise<void>;
}

/** The reader of the state the tutor keeps: PostgreSQL (a small pool of its own) or the SQLite file. */
async function readerOf(
  tutor: Tutor,
  databaseUrl: string | undefined,
): Promise<{ reader: DashboardReader; close: () => Promise<void> }> {
  if (!databaseUrl) return { reader: new SqliteDashboardReader(tutor.db), close: async () => {} };
  const { openPostgresDashboardReader } = await import("../../core/storage/postgres/dashboard.js");
  return openPostgresDashboardReader(databaseUrl);
}

/** When the index being served was built: at start from the database, later when a reload is noticed. */
function trackIndex(tutor: Tutor): { status: () => IndexStatus; stop: () => void } {
  let hash = tutor.indexInfo.hash;
  let at: string | null = tutor.indexInfo.rebuilt ? tutor.now().toISOString() : indexBuiltAt(tutor.db);
  const check = () => {
    if (tutor.indexInfo.hash !== hash) {
      hash = tutor.indexInfo.hash;
      at = tutor.now().toISOString();
    }
  };
  const timer = setInterval(check, INDEX_CHECK_MS);
  timer.unref();
  return {
    status: () => {
      check();
      const info = tutor.indexInfo;
      return {
        label: info.label,
        files: info.files,
        entries: info.entries,
        hash: info.hash,
        lastReindexAt: at,
      };
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Serves the lead's dashboard on the health server and lets `/tutor dashboard` link to it. Null (with a
 * warning) when there is no secret to sign links with.
 */
export async function serveDashboard(deps: DashboardDeps): Promise<ServedDashboard | null> {
  const { tutor, config, logger, http } = deps;
  let secret = config.DASHBOARD_SECRET;
  if (!secret) {
    if (!deps.randomSecret) {
      logger.warn("DASHBOARD_SECRET is not set: the dashboard is off (/tutor dashboard says so)");
      return null;
    }
    secret = randomBytes(RANDOM_SECRET_BYTES).toString("hex");
  }
  // Said when the first link is made rather than at start: a terminal that never asks stays quiet.
  let unsaid = !config.DASHBOARD_SECRET;
  const now = () => tutor.now().getTime();
  const tokens = new DashboardTokens(secret, now);
  const base = (config.TUTOR_PUBLIC_URL ?? `http://127.0.0.1:${http.port}`).replace(/\/+$/, "");
  const state = deps.reader
    ? { reader: deps.reader, close: async () => {} }
    : await readerOf(tutor, config.DATABASE_URL);
  const index = trackIndex(tutor);
  const notes = (): NotesSource => ({
    lessons: tutor.onboarding.curriculum().lessons.map((l) => ({ id: l.id, title: l.title })),
    index: index.status(),
    findings: tutor.index.findings(),
    refused: tutor.notes.refused,
  });
  http.addRoute(
    dashboardRoute({
      tokens,
      used: new UsedLinks(now),
      reader: state.reader,
      notes,
      locale: config.TUTOR_LOCALE,
      notesUrl: config.TUTOR_NOTES_URL,
      secureCookie: base.startsWith("https:"),
      now: () => tutor.now(),
      logger,
    }),
  );
  const links: DashboardLinks = {
    linkFor: (ws) => {
      if (unsaid) {
        unsaid = false;
        logger.warn(
          "DASHBOARD_SECRET is not set: dashboard links are signed with a random secret of this process (they stop working when it stops)",
        );
      }
      const { token, expiresAt } = tokens.sign("link", ws, LINK_TTL_MS);
      return { url: `${base}${dashboardPath(ws)}?t=${token}`, expiresAt: new Date(expiresAt) };
    },
  };
  serveDashboardFor(tutor, links);
  return {
    links,
    stop: async () => {
      index.stop();
      await state.close();
    },
  };
}

/**
 * The terminal mode's HTTP server, so a newcomer sees the dashboard too: health endpoints and the page on
 * PORT. A port in use is logged and the terminal goes on without it.
 */
export async function startTerminalDashboard(deps: {
  tutor: Tutor;
  config: DashboardDeps["config"] & Pick<Config, "PORT" | "HOST">;
  logger: Logger;
}): Promise<{ port: number; close: () => Promise<void> } | null> {
  const { tutor, config, logger } = deps;
  let http: HealthServer;
  try {
    http = await startHealthServer({
      port: config.PORT,
      host: config.HOST,
      metrics: new Metrics(),
      draining: () => false,
      checks: () => [
        { name: "database", ready: () => tutor.db.open },
        { name: "index", ready: () => tutor.indexInfo.entries > 0 },
      ],
    });
  } catch (err) {
    // Logged, and said to whoever asks for a link; the terminal's own output stays the answers'.
    logger.info({ err, port: config.PORT }, "cannot serve the dashboard in the terminal: the port is taken");
    serveDashboardFor(tutor, {
      linkFor: () => ({
        unavailable: {
          en: `The dashboard could not be served: port ${config.PORT} is taken. Start again with PORT set to a free port.`,
          ja: `ダッシュボードを提供できません: ポート ${config.PORT} は使用中です。空いているポートを PORT に設定して起動し直してください。`,
        },
      }),
    });
    return null;
  }
  const served = await serveDashboard({ tutor, config, logger, http, randomSecret: true });
  logger.info({ port: http.port }, "dashboard served: type /tutor dashboard for a link");
  return {
    port: http.port,
    close: async () => {
      await served?.stop();
      await http.close(Date.now() + TERMINAL_CLOSE_MS);
    },
  };
}
