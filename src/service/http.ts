import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.js";

export interface Readiness {
  name: string;
  /** A check may ask something (the database: a trivial query); false when it fails or is too slow. */
  ready(): boolean | Promise<boolean>;
}

/**
 * A check that has not answered after this long counts as not ready: a probe waits for the slowest check,
 * and kubelet's default probe timeout is one second.
 */
const CHECK_TIMEOUT_MS = 800;

async function settle(check: Readiness): Promise<{ name: string; ready: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    const ready = await Promise.race([Promise.resolve().then(() => check.ready()), late]);
    return { name: check.name, ready };
  } catch {
    return { name: check.name, ready: false };
  } finally {
    clearTimeout(timer);
  }
}

/** Handles a request the health server does not own (the Slack endpoint); returns false when it does not either. */
export type ExtraRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export interface HealthServer {
  server: http.Server;
  port: number;
  addRoute(route: ExtraRoute): void;
  /** Milliseconds since a request last reached an extra route (platform traffic, not probes). */
  quietMs(): number;
  /**
   * Stops accepting connections and resolves once every open one has ended (each response while draining
   * says `Connection: close`), or at `deadline` (Date.now() milliseconds), whichever comes first.
   */
  close(deadline?: number): Promise<void>;
}

/** /healthz (process alive), /readyz (database, index and every platform ready), /metrics (Prometheus). */
export async function startHealthServer(options: {
  port: number;
  host: string;
  metrics: Metrics;
  checks: () => Readiness[];
  draining: () => boolean;
}): Promise<HealthServer> {
  const routes: ExtraRoute[] = [];
  let lastTrafficAt = 0;
  const server = http.createServer((req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    // While draining, every connection carries this last response and closes: keep-alive clients (Slack,
    // the load balancer) open a new connection for their next request, which goes to another replica.
    if (options.draining()) res.setHeader("connection", "close");
    if (req.method === "GET" && url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      return;
    }
    if (req.method === "GET" && url === "/readyz") {
      void Promise.all(options.checks().map(settle)).then((checks) => {
        const ok = !options.draining() && checks.every((c) => c.ready);
        res
          .writeHead(ok ? 200 : 503, { "content-type": "application/json" })
          .end(
            JSON.stringify({ status: ok ? "ready" : options.draining() ? "draining" : "not ready", checks }),
          );
      });
      return;
    }
    if (req.method === "GET" && url === "/metrics") {
      options.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": options.metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    lastTrafficAt = Date.now();
    for (const route of routes) if (route(req, res)) return;
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    addRoute: (r) => routes.push(r),
    quietMs: () => (lastTrafficAt === 0 ? Number.POSITIVE_INFINITY : Date.now() - lastTrafficAt),
    close: (deadline) =>
      new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        server.close(done);
        server.closeIdleConnections();
        if (deadline !== undefined) {
          timer = setTimeout(
            () => {
              server.closeAllConnections();
              done();
            },
            Math.max(0, deadline - Date.now()),
          );
          timer.unref();
        }
      }),
  };
}
