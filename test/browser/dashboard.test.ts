// The lead's dashboard in a real browser: headless Chromium from the system, driven by puppeteer-core.
// A seeded team; the lead runs /tutor dashboard, clicks the link in "the chat" (a page of another site),
// and sees the team's state; links that are reused, tampered, expired or for another workspace get 403.
// Screenshots go to test-results/ (git-ignored); UPDATE_SCREENSHOT=1 also writes docs/dashboard.png.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR, PROJECT_ROOT } from "../../src/core/config.js";
import { Tutor } from "../../src/core/tutor.js";
import { serveDashboard } from "../../src/service/dashboard/index.js";
import { LINK_TTL_MS } from "../../src/service/dashboard/token.js";
import { type HealthServer, startHealthServer } from "../../src/service/http.js";
import { Metrics } from "../../src/service/metrics.js";
import { silentLogger, tempDir } from "../helpers/tutor.js";
import {
  DOWN_VOTED,
  member,
  OTHER_TEAM,
  type SeededTeam,
  seedTeam,
  TEAM,
  UNCOVERED_QUESTION,
} from "../service/dashboard/seed.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";

// What the checks read in the page, typed here: the project compiles without the DOM library.
interface PageElement {
  textContent: string;
  href: string;
  value: number;
  classList: { contains(name: string): boolean };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
  getAttribute(name: string): string | null;
}
declare const document: {
  body: PageElement;
  cookie: string;
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelector(selector: string): PageElement | null;
};
declare const location: { search: string };
declare function getComputedStyle(element: PageElement): { backgroundColor: string };

const RESULTS = path.join(PROJECT_ROOT, "test-results");
const README_SHOT = path.join(PROJECT_ROOT, "docs", "dashboard.png");
const SECRET = "browser-test-secret-0123456789abcdef";
/** A browser test takes a few seconds alone; this leaves room on a machine busy with the rest of the suite. */
const BROWSER_TEST_MS = 60_000;

/** What the lead runs in the chat: the link of the reply (its code block). */
async function linkFrom(tutor: Tutor, ws: { platform: string; workspaceId: string }): Promise<string> {
  const r = await tutor.runText(member(ws, "U0LEAD", "Lead", true), "/tutor dashboard");
  const code = r.blocks.find((b) => b.type === "code");
  if (code?.type !== "code") throw new Error(`no link in ${JSON.stringify(r)}`);
  return code.code;
}

if (!CHROMIUM) {
  if (process.env.CI) {
    describe("dashboard in Chromium", () => {
      it("has Chromium to run on in CI", () => {
        expect(CHROMIUM, "CI must install Chromium: see .ci/run").toBeDefined();
      });
    });
  } else {
    describe.skip("dashboard in Chromium (no Chromium found: apt-get install chromium, or set CHROMIUM_PATH)", () => {
      it.skip("opens the page from a signed link", () => {});
    });
  }
} else {
  const executablePath = CHROMIUM;
  describe("dashboard in Chromium", () => {
    let clock = Date.now();
    let tutor: Tutor;
    let cleanup: () => void;
    let server: HealthServer;
    let chat: http.Server;
    let chatOrigin: string;
    let browser: Browser;
    let seeded: SeededTeam;
    let chatLink = "";

    beforeAll(async () => {
      const tmp = tempDir("tutor-browser");
      cleanup = tmp.cleanup;
      tutor = Tutor.open({
        dbFile: path.join(tmp.dir, "tutor.sqlite"),
        notesDir: BUNDLED_NOTES_DIR,
        logger: silentLogger,
        now: () => new Date(clock),
      });
      seeded = await seedTeam(tutor, TEAM);
      await seedTeam(tutor, OTHER_TEAM, { first: "Zelda", second: "Yusuf" });
      server = await startHealthServer({
        port: 0,
        host: "127.0.0.1",
        metrics: new Metrics(),
        draining: () => false,
        checks: () => [],
      });
      await serveDashboard({
        tutor,
        config: {
          DASHBOARD_SECRET: SECRET,
          TUTOR_LOCALE: "en",
          TUTOR_PUBLIC_URL: undefined,
          TUTOR_NOTES_URL: "https://github.com/example-team/notes/blob/main",
          DATABASE_URL: undefined,
        },
        logger: silentLogger,
        http: server,
      });
      // "The chat": a page on another site (localhost, not 127.0.0.1) holding the link the lead clicks.
      chat = http.createServer((_req, res) => {
        res
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(`<!doctype html><a id="dashboard" href="${chatLink}">Team dashboard</a>`);
      });
      await new Promise<void>((resolve) => chat.listen(0, "127.0.0.1", resolve));
      chatOrigin = `http://localhost:${(chat.address() as AddressInfo).port}`;
      browser = await puppeteer.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
      fs.mkdirSync(RESULTS, { recursive: true });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => chat?.close(resolve));
      await server?.close(Date.now() + 1000);
      tutor?.close();
      cleanup?.();
    });

    /** Clicks the link in the chat page and waits for the dashboard (the token exchanged, the URL clean). */
    async function openFromChat(page: Page, link: string): Promise<void> {
      chatLink = link;
      await page.goto(chatOrigin);
      await Promise.all([page.waitForNavigation(), page.click("#dashboard")]);
      await page.waitForFunction(() => !location.search && document.querySelector("main") !== null, {
        timeout: 10_000,
      });
    }

    it(
      "shows the lead the team's state after a click on the link in the chat",
      async () => {
        const ctx = await browser.createBrowserContext();
        const page = await ctx.newPage();
        await page.setViewport({ width: 1100, height: 900 });
        const link = await linkFrom(tutor, TEAM);
        await openFromChat(page, link);
        expect(page.url()).toBe(`${new URL(link).origin}/dashboard/slack/T0TEAM`);

        // Onboarding: Aiko finished lesson 3, so lesson 4 is hers now; Ben has been idle ten days: stuck.
        const aiko = await page.$eval('tr[data-user="U0AIKO"]', (tr) => ({
          text: (tr as unknown as PageElement).textContent,
          value: ((tr as unknown as PageElement).querySelector("progress") as PageElement).value,
          stuck: (tr as unknown as PageElement).classList.contains("stuck"),
        }));
        expect(aiko.value).toBe(3);
        expect(aiko.text).toContain(`3/${seeded.lessonTitles.length}`);
        expect(aiko.text).toContain(`4. ${seeded.lessonTitles[3]}`);
        expect(aiko.stuck).toBe(false);
        const ben = await page.$eval('tr[data-user="U0BEN"]', (tr) => ({
          text: (tr as unknown as PageElement).textContent,
          stuck: (tr as unknown as PageElement).classList.contains("stuck"),
        }));
        expect(ben.stuck).toBe(true);
        expect(ben.text).toContain("stuck");

        // Quizzes: the topic's accuracy after the seeded answers (3 of 4 right).
        const topics = await page.$eval("#topics", (el) => (el as unknown as PageElement).textContent);
        expect(topics).toContain(seeded.topic);
        expect(topics).toContain(`75% (${seeded.correct}/${seeded.answered})`);
        const bar = await page.$eval("#topics rect.bar, #topics rect.bar.low, #topics rect.bar.high", (r) =>
          Number((r as unknown as PageElement).getAttribute("width")),
        );
        expect(bar).toBe(75);
        const today = await page.$eval(
          "#participation svg",
          (svg) => (svg as unknown as PageElement).querySelectorAll("rect.bar").length,
        );
        expect(today).toBe(14);

        // Gaps: the uncovered /ask, asked once and requested once; the 👎 with its reason.
        const gaps = await page.$eval("#gaps", (el) => (el as unknown as PageElement).textContent);
        expect(gaps).toContain(UNCOVERED_QUESTION);
        expect(gaps).toMatch(/× 1 asked · 1 person · 1 note request/);
        expect(gaps).toContain(DOWN_VOTED);
        expect(gaps).toContain("outdated");

        // The notes: index status and the doctor's findings linked to the repository.
        const facts = await page.$eval("#index-status", (el) => (el as unknown as PageElement).textContent);
        expect(facts).toContain(String(tutor.indexInfo.entries));
        expect(facts).toContain(tutor.indexInfo.hash.slice(0, 16));
        const findings = tutor.index.findings();
        if (findings.length > 0) {
          const href = await page.$eval("#findings a", (a) => (a as unknown as PageElement).href);
          expect(href).toMatch(/^https:\/\/github\.com\/example-team\/notes\/blob\/main\/.+#L\d+$/);
        }

        // Nothing of the other workspace; the session cookie is out of the page's reach; the stylesheet applied.
        const all = await page.evaluate(() => document.body.textContent);
        expect(all).not.toContain("Zelda");
        expect(all).not.toContain("Yusuf");
        expect(await page.evaluate(() => document.cookie)).toBe("");
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe("rgb(247, 247, 245)");

        await page.screenshot({ path: path.join(RESULTS, "dashboard-light.png"), fullPage: true });
        if (process.env.UPDATE_SCREENSHOT === "1") {
          fs.mkdirSync(path.dirname(README_SHOT), { recursive: true });
          // The top of the page (every section starts there), for the README; shrink it with pngquant after.
          await page.setViewport({ width: 1100, height: 1000 });
          await page.screenshot({ path: README_SHOT });
        }

        // Dark when the system prefers it, and one column on a phone without sideways scrolling.
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
          "rgb(21, 23, 26)",
        );
        await page.screenshot({ path: path.join(RESULTS, "dashboard-dark.png"), fullPage: true });
        await page.setViewport({ width: 390, height: 844, isMobile: true, deviceScaleFactor: 2 });
        await page.reload();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(RESULTS, "dashboard-phone.png"), fullPage: true });

        // The session is this workspace's only: another workspace's page is refused in the same browser.
        const other = await page.goto(`${new URL(link).origin}/dashboard/slack/T0OTHER`);
        expect(other?.status()).toBe(403);
        await ctx.close();
      },
      BROWSER_TEST_MS,
    );

    it(
      "refuses a used, tampered, expired or other-workspace link, and the page without a session",
      async () => {
        const ctx = await browser.createBrowserContext();
        const page = await ctx.newPage();
        const status = async (url: string) => (await page.goto(url))?.status();

        const used = await linkFrom(tutor, TEAM);
        const lead = await browser.createBrowserContext();
        await openFromChat(await lead.newPage(), used);
        await lead.close();
        const fresh = await browser.createBrowserContext();
        const stranger = await fresh.newPage();
        // Used once: a second browser (someone the link was forwarded to) gets nothing.
        expect((await stranger.goto(used))?.status()).toBe(403);
        expect(await stranger.evaluate(() => document.body.textContent)).toContain("/tutor dashboard");
        await fresh.close();

        const link = await linkFrom(tutor, TEAM);
        const token = new URL(link).searchParams.get("t") ?? "";
        const flipped = token.slice(0, -1) + (token.endsWith("0") ? "1" : "0");
        expect(await status(link.replace(token, flipped))).toBe(403);
        // A link for the other workspace, shown on this workspace's page.
        const theirs = await linkFrom(tutor, OTHER_TEAM);
        expect(await status(theirs.replace("/T0OTHER?", "/T0TEAM?"))).toBe(403);
        // No cookie in this browser: the clean address shows nothing.
        expect(await status(`${new URL(link).origin}/dashboard/slack/T0TEAM`)).toBe(403);

        // Expired: the clock moves past the link's 15 minutes before it is opened.
        const late = await linkFrom(tutor, TEAM);
        clock += LINK_TTL_MS + 1000;
        try {
          expect(await status(late)).toBe(403);
        } finally {
          clock -= LINK_TTL_MS + 1000;
        }
        // The unused, unexpired link still works after all that.
        expect(await status(link)).toBe(200);
        await page.waitForFunction(() => document.querySelector("main") !== null, { timeout: 10_000 });
        await page.screenshot({ path: path.join(RESULTS, "dashboard-after-refusals.png") });
        await ctx.close();
      },
      BROWSER_TEST_MS,
    );
  });
}
