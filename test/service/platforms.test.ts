// `npm start` with a Slack and a Discord token pointed at the fakes: one process serves both, says ready
// only once both are connected, answers each platform, and stops cleanly on SIGTERM.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord.js";
import { FakeOpenAI } from "../fakes/openai.js";
import { FakeSlack } from "../fakes/slack.js";
import { killAll, logs, serveProcess, stopProcess } from "../helpers/service.js";

const SECRET = "test-signing-secret";
let tmp: string;
let slack: FakeSlack;
let discord: FakeDiscord;
let llm: FakeOpenAI;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-platforms-"));
  slack = await FakeSlack.start();
  discord = await new FakeDiscord().start();
  llm = await FakeOpenAI.start({ delayMs: 1500, reply: "NodePort は L4、Ingress は L7 です [1]。" });
});
afterAll(async () => {
  killAll();
  await slack.close();
  await discord.close();
  await llm.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("npm start with Slack and Discord configured", () => {
  it("serves both, is ready once both are connected, answers each, and exits 0 on SIGTERM", {
    timeout: 60_000,
  }, async () => {
    const { s, port, readyMs } = await serveProcess({
      TUTOR_DB: path.join(tmp, "t.sqlite"),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.restUrl,
    });
    try {
      const ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
      expect(ready).toEqual({
        status: "ready",
        checks: [
          { name: "database", ready: true },
          { name: "index", ready: true },
          { name: "slack", ready: true },
          { name: "discord", ready: true },
        ],
      });
      expect(logs(s).find((l) => l.msg === "notes-tutor ready")?.platforms).toEqual(["slack", "discord"]);
      console.info(`serve with Slack and Discord: ready in ${readyMs.toFixed(0)} ms`);

      // Slack, through the service's own port: a signed slash command, answered through response_url.
      const sent = await slack.sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
        command: "/explain",
        text: "docker cp",
        user_id: "U1",
        channel_id: "C1",
      });
      expect(sent.status).toBe(200);
      expect(sent.withinDeadline).toBe(true);
      const answer = await slack.waitForResponse(sent.responseUrlId!, undefined, 10_000);
      expect(JSON.stringify(answer.body)).toContain("docker container cp");

      // Discord, through the gateway: a slash command answered by an interaction callback.
      const { id } = discord.slashCommand({ name: "explain", options: { command: "docker cp" } });
      const callback = await discord.waitForCallback(id, 10_000);
      expect(callback.type).toBe(4);
      expect(JSON.stringify(callback.body)).toContain("docker container cp");
      expect(callback.body).toMatchObject({ data: { allowed_mentions: { parse: [] } } });

      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/tutor_platform_connected\{platform="slack"\} 1/);
      expect(metrics).toMatch(/tutor_platform_connected\{platform="discord"\} 1/);
      expect(metrics).toMatch(/tutor_commands_total\{command="explain",outcome="ok"\} 2/);
    } finally {
      const { code } = await stopProcess(s, "SIGTERM");
      expect(code).toBe(0);
    }
  });

  it("on SIGTERM, finishes an answer still being computed and sent before it exits", {
    timeout: 60_000,
  }, async () => {
    const { s, port } = await serveProcess({
      TUTOR_DB: path.join(tmp, "drain.sqlite"),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      // A slow language model keeps the /ask answer in flight for 1.5 s.
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MODEL: "fake-model",
    });
    const sent = await slack.sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
      command: "/ask",
      text: "Ingress と NodePort の違い",
      user_id: "U2",
      channel_id: "C1",
    });
    expect(sent.status).toBe(200);
    const stopped = stopProcess(s, "SIGTERM");
    const answer = await slack.waitForResponse(sent.responseUrlId!, undefined, 10_000);
    expect(JSON.stringify(answer.body)).toContain("NodePort");
    expect(JSON.stringify(answer.body)).toContain("Summary by the language model");
    const { code } = await stopped;
    expect(code).toBe(0);
    expect(logs(s).map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
  });
});
