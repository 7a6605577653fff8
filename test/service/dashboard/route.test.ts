// The dashboard's HTTP side over a real socket: the link from /tutor dashboard, its exchange for a session
// cookie, the page's headers, and the 403s (no session, used, tampered, expired, other workspace).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { Tutor } from "../../../src/core/tutor.js";
import { serveDashboard } from "../../../src/service/dashboard/index.js";
import { SECURITY_HEADERS, SESSION_COOKIE } from "../../../src/service/dashboard/route.js";
import { LINK_TTL_MS, SESSION_TTL_MS } from "../../../src/service/dashboard/token.js";
import { type HealthServer, startHealthServer } from "../../../src/service/http.js";
import { Metrics } from "../../../src/service/metrics.js";
import { allText, silentLogger, tempDir } from "../../helpers/tutor.js";
import { member, OTHER_TEAM, seedTeam, TEAM, UNCOVERED_QUESTION } from "./seed.js";

const SECRET = "route-test-secret-0123456789abcdef012345";

let clock = Date.parse("2026-12-01T09:00:00Z");
let tutor: Tutor;
let cleanup: () => void;
let server: HealthServer;
let origin: string;

beforeAll(async () => {
  const tmp = tempDir("tutor-dashboard");
  cleanup = tmp.cleanup;
  tutor = Tutor.open({
    dbFile: path.join(tmp.dir, "tutor.sqlite"),
    notesDir: BUNDLED_NOTES_DIR,
    logger: silentLogger,
    now: () => new Date(clock),
  });
  await seedTeam(tutor, TEAM);
  await seedTeam(tutor, OTHER_TEAM, { first: "Zelda", second: "Yusuf" });
  server = await startHealthServer({
    port: 0,
    host: "127.0.0.1",
    metrics: new Metrics(),
    draining: () => false,
    checks: () => [],
  });
  origin = `http://127.0.0.1:${server.port}`;
}, 30_000);

afterAll(async () => {
  await server?.close(Date.now() + 1000);
  tutor?.close();
  cleanup?.();
});

async function linkOf(ws: { platform: string; workspaceId: string }): Promise<string> {
  const r = await tutor.runText(member(ws, "U0LEAD", "Lead", true), "/tutor dashboard");
  const code = r.blocks.find((b) => b.type === "code");
  if (code?.type !== "code") throw new Error(allText(r));
  return code.code;
}

/** Opens a link as a browser would on first use: the exchange page, its cookie. */
async function exchange(
  link: string,
): Promise<{ status: number; cookie: string; setCookie: string; body: string }> {
  const res = await fetch(link, { redirect: "manual" });
  const setCookie = res.headers.get("set-cookie") ?? "";
  return { status: res.status, cookie: setCookie.split(";")[0] ?? "", setCookie, body: await res.text() };
}

describe("/tutor dashboard and the page", () => {
  it("says the dashboard is off in a process that does not serve it, and is for admins only", async () => {
    const off = await tutor.runText(member(TEAM, "U0LEAD", "Lead", true), "/tutor dashboard");
    expect(allText(off)).toContain("DASHBOARD_SECRET");
    const denied = await tutor.runText(member(TEAM, "U0AIKO", "Aiko"), "/tutor dashboard");
    expect(allText(denied)).not.toContain("http");
    expect(allText(denied)).toMatch(/admin/i);
    const help = await tutor.runText(member(TEAM, "U0LEAD", "Lead", true), "/help");
    expect(allText(help)).toMatch(/`\/tutor` \([^)]*\bdashboard\b[^)]*\)/);
    // The registry drives every surface: the terminal's parser finds it, and so does its usage line.
    expect(allText(await tutor.runText(member(TEAM, "U0LEAD", "Lead", true), "/tutor"))).toContain(
      "/tutor dashboard",
    );
  });

  it("links an admin to their workspace's page, which a link opens once for a session cookie", async () => {
    await serveDashboard({
      tutor,
      config: {
        DASHBOARD_SECRET: SECRET,
        TUTOR_LOCALE: "en",
        TUTOR_PUBLIC_URL: undefined,
        TUTOR_NOTES_URL: undefined,
        DATABASE_URL: undefined,
      },
      logger: silentLogger,
      http: server,
    });
    const r = await tutor.runText(member(TEAM, "U0LEAD", "Lead", true), "/tutor dashboard");
    expect(r.ephemeral).toBe(true);
    const link = await linkOf(TEAM);
    expect(link).toMatch(new RegExp(`^${origin}/dashboard/slack/T0TEAM\\?t=[0-9a-z.]+$`));

    const first = await exchange(link);
    expect(first.status).toBe(200);
    expect(first.setCookie).toContain(`Path=/dashboard/slack/T0TEAM`);
    expect(first.setCookie).toContain("HttpOnly");
    expect(first.setCookie).toContain("SameSite=Strict");
    expect(first.setCookie).toContain(`Max-Age=${SESSION_TTL_MS / 1000}`);
    expect(first.setCookie).not.toContain("Secure"); // http://127.0.0.1: a Secure cookie would never return
    expect(first.body).toContain('http-equiv="refresh" content="0; url=/dashboard/slack/T0TEAM"');
    expect(first.body).not.toContain("Aiko");

    const page = await fetch(`${origin}/dashboard/slack/T0TEAM`, { headers: { cookie: first.cookie } });
    expect(page.status).toBe(200);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(page.headers.get(name)).toBe(value);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const body = await page.text();
    expect(body).toContain("Aiko");
    expect(body).toContain(UNCOVERED_QUESTION);
    expect(body).not.toContain("Zelda");
    expect(body).not.toMatch(/<script/i);

    // The link was used: a second opening (a forwarded link) gets nothing.
    expect((await exchange(link)).status).toBe(403);
    // The session is this workspace's only.
    const other = await fetch(`${origin}/dashboard/slack/T0OTHER`, { headers: { cookie: first.cookie } });
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain("Zelda");
    // Expired after its lifetime.
    clock += SESSION_TTL_MS;
    try {
      expect(
        (await fetch(`${origin}/dashboard/slack/T0TEAM`, { headers: { cookie: first.cookie } })).status,
      ).toBe(403);
    } finally {
      clock -= SESSION_TTL_MS;
    }
  });

  it("refuses tampered, expired and other-workspace links, and the page without a session", async () => {
    const noSession = await fetch(`${origin}/dashboard/slack/T0TEAM`);
    expect(noSession.status).toBe(403);
    expect(noSession.headers.get("cache-control")).toBe("no-store");
    expect(await noSession.text()).toContain("/tutor dashboard");

    const link = await linkOf(TEAM);
    expect((await exchange(link.replace(/.$/, (c) => (c === "0" ? "1" : "0")))).status).toBe(403);
    expect((await exchange(link.replace("/T0TEAM?", "/T0OTHER?"))).status).toBe(403);
    expect((await exchange(link.replace("/slack/", "/discord/"))).status).toBe(403);
    // A session cookie is no link, and a link is no session cookie.
    const token = new URL(link).searchParams.get("t") ?? "";
    const asCookie = await fetch(`${origin}/dashboard/slack/T0TEAM`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    expect(asCookie.status).toBe(403);

    const late = await linkOf(TEAM);
    clock += LINK_TTL_MS;
    try {
      expect((await exchange(late)).status).toBe(403);
    } finally {
      clock -= LINK_TTL_MS;
    }
    expect((await exchange(link)).status).toBe(200);
  });

  it("serves its stylesheet, refuses writes and unknown paths", async () => {
    const css = await fetch(`${origin}/dashboard/assets/dashboard.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
    expect((await fetch(`${origin}/dashboard/slack/T0TEAM`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${origin}/dashboard/slack`)).status).toBe(404);
    expect((await fetch(`${origin}/dashboard/slack/%3Cscript%3E`)).status).toBe(404);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});
