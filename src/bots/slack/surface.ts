import type { IncomingMessage, ServerResponse } from "node:http";
import {
  App,
  type BufferedIncomingMessage,
  HTTPReceiver,
  SocketModeReceiver,
  type webApi,
} from "@slack/bolt";
import type { Surface, SurfaceDeps } from "../surface.js";
import { registerActions } from "./actions.js";
import { boltLogger } from "./bolt-logger.js";
import { SLACK_EVENTS_PATH } from "./paths.js";
import { registerCommands } from "./commands.js";
import { registerEvents } from "./events.js";
import { type GuardVerdict, guardSlackRequest, SeenRequests } from "./request-guard.js";
import { slackPoster } from "./poster.js";
import { SlackPeople, type SlackUserRecord } from "./users.js";

export { SLACK_EVENTS_PATH };

export interface SlackSurfaceOptions {
  /**
   * The bot's ids. When both are given, start() does not call auth.test (tests; a deployment that wants
   * no start-up call). Otherwise auth.test checks the token at start and tells Bolt the ids.
   */
  botId?: string;
  botUserId?: string;
  /** Web API retries. The default retries briefly: an answer minutes late is no answer. */
  retryConfig?: webApi.RetryOptions;
  /** How long users.info answers (admin, language, name) are cached. */
  userCacheMs?: number;
}

/** A few quick retries instead of the Web API client's default of ten over half an hour. */
const DEFAULT_RETRIES: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 };

function apiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * The Slack app (Bolt 5), in one of two modes:
 * - HTTP (SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET): Bolt's HTTPReceiver is not started on a port of its own;
 *   its request listener is mounted at /slack/events on the service's HTTP server, beside /healthz, so one
 *   PORT, one Service and one probe cover everything, and the receiver still does what Bolt does (signature
 *   and 5-minute timestamp check, url_verification, ssl_check, the 3-second ack). Before Bolt, the request
 *   guard refuses a timestamp five minutes off in either direction and runs a request already handled
 *   (a replay, Slack's retry of an event) only once.
 * - Socket Mode (SLACK_APP_TOKEN also set): Bolt's SocketModeReceiver opens a WebSocket to Slack, for teams
 *   without a public URL; /slack/events then answers 404.
 * SLACK_API_URL points the Web API (and apps.connections.open) elsewhere.
 */
export function createSlackSurface(deps: SurfaceDeps, options: SlackSurfaceOptions = {}): Surface {
  const { tutor, config, http, metrics } = deps;
  const logger = deps.logger.child({ platform: "slack" });
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error("SLACK_BOT_TOKEN is not set");
  const appToken = config.SLACK_APP_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  const socketMode = Boolean(appToken);
  if (!socketMode && !signingSecret) throw new Error("SLACK_SIGNING_SECRET is not set");

  const bolt = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = { retryConfig: options.retryConfig ?? DEFAULT_RETRIES };
  const slackApiUrl = apiUrl(config.SLACK_API_URL);
  if (slackApiUrl) clientOptions.slackApiUrl = slackApiUrl;

  const httpReceiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: signingSecret ?? "", endpoints: [SLACK_EVENTS_PATH], logger: bolt });
  const socketReceiver =
    socketMode && appToken
      ? new SocketModeReceiver({ appToken, logger: bolt, installerOptions: { clientOptions } })
      : undefined;
  const knownIds = Boolean(options.botId && options.botUserId);
  const app = new App({
    token,
    receiver: httpReceiver ?? socketReceiver,
    logger: bolt,
    clientOptions,
    deferInitialization: true,
    tokenVerificationEnabled: !knownIds,
    ...(options.botId ? { botId: options.botId } : {}),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
  });
  app.error(async (err) => {
    logger.error({ err }, "slack: unhandled error in a listener");
  });

  const people = new SlackPeople({
    fetchUser: async (_teamId, userId) => {
      const res = await app.client.users.info({ user: userId, include_locale: true });
      return res.user as SlackUserRecord | undefined;
    },
    admins: tutor.admins,
    defaultLocale: config.TUTOR_LOCALE,
    logger,
    ...(options.userCacheMs !== undefined ? { ttlMs: options.userCacheMs } : {}),
  });
  const handlerDeps = { tutor, people, logger };
  // Every listener, the answer it sends included, counts as work in flight: SIGTERM waits for it.
  app.use(async ({ next }) => {
    await deps.tutor.track(next);
  });
  registerCommands(app, handlerDeps);
  registerActions(app, handlerDeps);
  registerEvents(app, handlerDeps);

  let accepting = false;
  let socketStarted = false;
  let socketUp = false;
  const setConnected = (up: boolean) => metrics.connected.set({ platform: "slack" }, up ? 1 : 0);

  const seen = new SeenRequests();
  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const finished = new Promise<void>((resolve) => res.once("close", resolve));
    let verdict: GuardVerdict;
    try {
      verdict = await guardSlackRequest(req, { signingSecret: signingSecret ?? "", seen });
    } catch (err) {
      logger.debug({ err }, "slack: request not read");
      if (!res.headersSent) res.writeHead(400).end();
      return finished;
    }
    metrics.slackRequests.inc({ verdict: verdict.kind });
    if (verdict.kind === "reject") {
      logger.warn({ status: verdict.status }, "slack: request refused (signature, timestamp or size)");
      res.writeHead(verdict.status).end();
    } else if (verdict.kind === "duplicate") {
      logger.info(
        { retry: req.headers["x-slack-retry-num"] },
        "slack: request already handled; not run again",
      );
      res.writeHead(200).end();
    } else {
      // Bolt reads a body already read from `rawBody` and verifies it again (cheaply).
      (req as BufferedIncomingMessage).rawBody = verdict.rawBody;
      try {
        httpReceiver?.requestListener(req, res);
      } catch (err) {
        logger.error({ err }, "slack: request listener failed");
        if (!res.headersSent) res.writeHead(500).end();
      }
    }
    return finished;
  };

  if (httpReceiver) {
    http.addRoute((req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? "/").split("?")[0];
      if (path !== SLACK_EVENTS_PATH) return false;
      if (req.method !== "POST") {
        res.writeHead(405, { allow: "POST" }).end();
      } else if (!accepting) {
        // Not started yet, or stopping: Slack shows the user an error and retries events elsewhere.
        res.writeHead(503, { "retry-after": "5" }).end();
      } else {
        // In flight from its first byte until its response is sent (the listener's own work is tracked
        // from there by the middleware above), so a shutdown never cuts a request it has begun reading.
        void tutor.track(() => handleRequest(req, res));
      }
      return true;
    });
  }
  if (socketReceiver) {
    const client = socketReceiver.client;
    client.on("connected", () => {
      socketUp = true;
      setConnected(true);
    });
    for (const state of ["disconnected", "reconnecting", "disconnecting"]) {
      client.on(state, () => {
        socketUp = false;
        setConnected(false);
      });
    }
  }

  return {
    name: "slack",
    poster: slackPoster(app.client, config.TUTOR_LOCALE, logger),
    connected: () => (socketReceiver ? socketUp : accepting),
    async start() {
      await app.init(); // auth.test, unless the bot ids were given
      if (socketReceiver) {
        socketStarted = true;
        await app.start();
        logger.info("slack: connected in Socket Mode");
      } else {
        accepting = true;
        setConnected(true);
        logger.info({ path: SLACK_EVENTS_PATH, port: http.port }, "slack: serving HTTP events");
      }
    },
    async stop() {
      accepting = false;
      if (socketReceiver && socketStarted) {
        socketStarted = false;
        // Bolt's receiver.stop() does not wait for the close handshake; the client's disconnect() does.
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((r) => {
          timer = setTimeout(r, 3000);
        });
        await Promise.race([socketReceiver.client.disconnect(), timeout]);
        clearTimeout(timer);
      }
      setConnected(false);
    },
  };
}
