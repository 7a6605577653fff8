import type http from "node:http";
import { buildDashboard, type NotesSource } from "../../core/dashboard/model.js";
import type { DashboardReader, DashboardWorkspace } from "../../core/dashboard/reader.js";
import type { Locale } from "../../core/i18n.js";
import type { Logger } from "../../core/logger.js";
import type { ExtraRoute } from "../http.js";
import { renderDashboard, renderExchange, renderRefusal } from "./render.js";
import { DASHBOARD_CSS } from "./style.js";
import { type DashboardTokens, SESSION_TTL_MS, type UsedLinks } from "./token.js";

export const DASHBOARD_PREFIX = "/dashboard";
export const STYLESHEET_PATH = `${DASHBOARD_PREFIX}/assets/dashboard.css`;
export const SESSION_COOKIE = "tutor_dashboard";

/** Platform names and workspace ids as the platforms give them (Slack T…, Discord snowflakes, "local"). */
const PLATFORM = /^[a-z]{1,20}$/;
const WORKSPACE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Headers of every dashboard response: no script at all, styles only from the page's own stylesheet, no
 * framing, no referrer (the link's token must not leave in one), never cached.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};

export interface DashboardRouteOptions {
  tokens: DashboardTokens;
  used: UsedLinks;
  reader: DashboardReader;
  /** The running notes: lessons, index status, doctor findings. */
  notes: () => NotesSource;
  locale: Locale;
  notesUrl?: string | undefined;
  /** Mark the cookie Secure (the public address is https). */
  secureCookie: boolean;
  now: () => Date;
  logger: Logger;
}

/** The page's path of a workspace, e.g. `/dashboard/slack/T0123`. */
export function dashboardPath(ws: DashboardWorkspace): string {
  return `${DASHBOARD_PREFIX}/${encodeURIComponent(ws.platform)}/${encodeURIComponent(ws.workspaceId)}`;
}

function workspaceOf(pathname: string): DashboardWorkspace | null {
  const m = /^\/dashboard\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (!m) return null;
  try {
    const platform = decodeURIComponent(m[1] ?? "");
    const workspaceId = decodeURIComponent(m[2] ?? "");
    return PLATFORM.test(platform) && WORKSPACE.test(workspaceId) ? { platform, workspaceId } : null;
  } catch {
    return null;
  }
}

/** Every value of the session cookie the request carries (a browser may send more than one). */
function sessionCookies(req: http.IncomingMessage): string[] {
  const header = req.headers.cookie ?? "";
  return header
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c.startsWith(`${SESSION_COOKIE}=`))
    .map((c) => c.slice(SESSION_COOKIE.length + 1));
}

function send(res: http.ServerResponse, status: number, type: string, body: string, extra = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, ...extra }).end(body);
}

/** The dashboard's routes on the health server: the stylesheet and one page per workspace. */
export function dashboardRoute(o: DashboardRouteOptions): ExtraRoute {
  const refuse = (res: http.ServerResponse, ws: DashboardWorkspace | null, reason: string) => {
    o.logger.info({ workspace: ws, reason }, "dashboard request refused");
    send(res, 403, "text/html; charset=utf-8", renderRefusal(o.locale, STYLESHEET_PATH));
  };
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const { pathname } = url;
    if (pathname !== DASHBOARD_PREFIX && !pathname.startsWith(`${DASHBOARD_PREFIX}/`)) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "text/plain; charset=utf-8", "method not allowed", { allow: "GET, HEAD" });
      return true;
    }
    if (pathname === STYLESHEET_PATH) {
      send(res, 200, "text/css; charset=utf-8", DASHBOARD_CSS);
      return true;
    }
    const ws = workspaceOf(pathname);
    if (!ws) {
      send(res, 404, "text/plain; charset=utf-8", "not found");
      return true;
    }
    const path = dashboardPath(ws);
    const link = url.searchParams.get("t");
    if (link !== null) {
      // A link from /tutor dashboard: valid for this workspace, unexpired, never used before.
      const checked = o.tokens.verify(link, "link", ws);
      if (!checked.ok) {
        refuse(res, ws, `link ${checked.reason}`);
        return true;
      }
      if (!o.used.claim(checked.token.nonce, checked.token.expiresAt)) {
        refuse(res, ws, "link used already");
        return true;
      }
      const session = o.tokens.sign("session", ws, SESSION_TTL_MS);
      const cookie = [
        `${SESSION_COOKIE}=${session.token}`,
        `Path=${path}`,
        `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`,
        "HttpOnly",
        "SameSite=Strict",
        ...(o.secureCookie ? ["Secure"] : []),
      ].join("; ");
      // The cookie is set here and the browser moves on to the address without the token. A refresh page
      // rather than a 303: a SameSite=Strict cookie is not sent on a redirect that follows a click from
      // another site (the chat), while this page's own navigation is same-site.
      send(res, 200, "text/html; charset=utf-8", renderExchange(o.locale, path, STYLESHEET_PATH), {
        "set-cookie": cookie,
      });
      o.logger.info({ workspace: ws }, "dashboard link exchanged for a session");
      return true;
    }
    const sessions = sessionCookies(req);
    if (!sessions.some((s) => o.tokens.verify(s, "session", ws).ok)) {
      refuse(res, ws, sessions.length === 0 ? "no session" : "session not valid");
      return true;
    }
    buildDashboard(o.reader, ws, o.notes(), o.now()).then(
      (view) =>
        send(
          res,
          200,
          "text/html; charset=utf-8",
          renderDashboard(view, { locale: o.locale, notesUrl: o.notesUrl, stylesheet: STYLESHEET_PATH }),
        ),
      (err: unknown) => {
        o.logger.error({ err, workspace: ws }, "dashboard failed");
        send(res, 500, "text/plain; charset=utf-8", "the dashboard could not be read");
      },
    );
    return true;
  };
}
