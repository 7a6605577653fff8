// `npm start` against the Slack and Discord fakes: an admin's `/tutor dashboard` on each platform answers
// privately with a link to that workspace's page, which opens it; someone else gets no link.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discord.js";
import { FakeSlack } from "../../fakes/slack.js";
import { killAll, serveProcess, stopProcess } from "../../helpers/service.js";

const SIGNING = "test-signing-secret";
const DASHBOARD_SECRET = "platform-test-dashboard-secret-0123456789";
/** Discord's Manage Server permission: who counts as an admin there. */
const MANAGE_GUILD = 1n << 5n;
const LINK = /http:\/\/127\.0\.0\.1:\d+\/dashboard\/(slack|discord)\/([\w.-]+)\?t=[0-9a-z.]+/;

let tmp: string;
let slack: FakeSlack;
let discord: FakeDiscord;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-dashboard-platforms-"));
  slack = await FakeSlack.start();
  discord = await new FakeDiscord().start();
});
afterAll(async () => {
  killAll();
  await slack.close();
  await discord.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Opens a link as a browser would: the exchange, then the page with the cookie it set. */
async function open(link: string): Promise<{ status: number; html: string }> {
  const first = await fetch(link);
  expect(first.status).toBe(200);
  const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const page = await fetch(link.split("?")[0] ?? "", { headers: { cookie } });
  return { status: page.status, html: await page.text() };
}

describe("/tutor dashboard through the platforms", () => {
  it("links a Slack admin and a Discord admin to their own workspace's page", {
    timeout: 60_000,
  }, async () => {
    const { s, port } = await serveProcess({
      TUTOR_DB: path.join(tmp, "t.sqlite"),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.restUrl,
      TUTOR_ADMINS: "U1",
      DASHBOARD_SECRET,
    });
    try {
      const events = `http://127.0.0.1:${port}/slack/events`;
      const sent = await slack.sendSlashCommand(events, SIGNING, {
        command: "/tutor",
        text: "dashboard",
        user_id: "U1",
        channel_id: "C1",
      });
      expect(sent.status).toBe(200);
      const answer = await slack.waitForResponse(sent.responseUrlId!, undefined, 10_000);
      const body = JSON.stringify(answer.body);
      expect(answer.body).toMatchObject({ response_type: "ephemeral" });
      const slackLink = LINK.exec(body);
      expect(slackLink?.[1]).toBe("slack");
      const slackPage = await open(slackLink?.[0] ?? "");
      expect(slackPage.status).toBe(200);
      expect(slackPage.html).toContain(`slack · ${slackLink?.[2]}`);

      const denied = await slack.sendSlashCommand(events, SIGNING, {
        command: "/tutor",
        text: "dashboard",
        user_id: "U2",
        channel_id: "C1",
      });
      const refusal = await slack.waitForResponse(denied.responseUrlId!, undefined, 10_000);
      expect(JSON.stringify(refusal.body)).not.toMatch(LINK);

      const { id } = discord.slashCommand({
        name: "tutor",
        subcommand: "dashboard",
        permissions: MANAGE_GUILD,
      });
      const callback = await discord.waitForCallback(id, 10_000);
      expect(callback.body).toMatchObject({ data: { flags: 64 } });
      const discordLink = LINK.exec(JSON.stringify(callback.body));
      expect(discordLink?.[1]).toBe("discord");
      const discordPage = await open(discordLink?.[0] ?? "");
      expect(discordPage.status).toBe(200);
      expect(discordPage.html).toContain(`discord · ${discordLink?.[2]}`);
      expect(discordPage.html).not.toContain(`slack · ${slackLink?.[2]}`);
    } finally {
      const { code } = await stopProcess(s, "SIGTERM");
      expect(code).toBe(0);
    }
  });
});
