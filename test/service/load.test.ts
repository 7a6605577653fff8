// `npm start` with Slack over HTTP under Slack-shaped load: signed slash commands over keep-alive
// connections, 50 in flight at a time. Every command is acknowledged within Slack's 3 seconds and answered
// (answers may queue, acknowledgements may not); one person flooding /ask is told to slow down.
// The connections are open before the burst, as Slack's are in steady traffic: a burst of fresh connections
// into a busy process waits on Node's accept (one per turn of the event loop), which `npm run bench:slack --
// --connections cold` measures and the README's Slack section describes ("A burst of new connections").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_LIMIT } from "../../src/core/rate-limit.js";
import { FakeSlack } from "../fakes/slack.js";
import { killAll, serveProcess, stopProcess, type Started } from "../helpers/service.js";
import { describeLoad, slashLoad } from "../helpers/slack-load.js";

const SECRET = "load-test-signing-secret";
/** Slack keeps about this many requests in flight to one app. */
const CONCURRENCY = 50;
const COMMANDS = 1000;
const QUESTIONS = [
  ["/ask", "Docker Compose とは"],
  ["/explain", "docker cp"],
  ["/ask", "how do I copy a file out of a container"],
  ["/explain", "docker run -d -p 9000:8080 --rm nginx"],
  ["/ask", "Ingress と NodePort の違い"],
  ["/help", ""],
] as const;

let tmp: string;
let slack: FakeSlack;
let service: { s: Started; port: number };
let url: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-load-"));
  slack = await FakeSlack.start();
  service = await serveProcess({
    TUTOR_DB: path.join(tmp, "t.sqlite"),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  url = `http://127.0.0.1:${service.port}/slack/events`;
}, 60_000);
afterAll(async () => {
  if (service) expect((await stopProcess(service.s, "SIGTERM")).code).toBe(0);
  killAll();
  await slack?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const metricsText = async () => (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
const textOf = (body: Record<string, unknown> | undefined) => JSON.stringify(body ?? {});

describe("Slack-shaped load on the service", () => {
  it(`${COMMANDS} signed commands, ${CONCURRENCY} at a time over keep-alive: every ack < 3 s, every one answered`, {
    timeout: 180_000,
  }, async () => {
    const r = await slashLoad(slack, url, SECRET, {
      count: COMMANDS,
      concurrency: CONCURRENCY,
      // 200 people in 50 channels, as a workspace would be: nobody reaches the rate limit.
      command: (i) => {
        const [command, text] = QUESTIONS[i % QUESTIONS.length] ?? QUESTIONS[0];
        return { command, text, user_id: `ULOAD${i % 200}`, channel_id: `CLOAD${i % 50}` };
      },
      answerTimeoutMs: 90_000,
    });
    console.info(`load (${service.s.mode}): ${describeLoad(r)}`);
    expect(r.failed).toEqual({});
    expect(r.refused).toEqual({});
    expect(r.newConnections).toBe(0);
    expect(r.acked).toBe(COMMANDS);
    expect(r.lateAcks).toBe(0);
    expect(r.unanswered).toBe(0);
    expect(r.answered).toBe(COMMANDS);
    const slowed = [...r.answers.values()].filter((b) => textOf(b).includes("Please wait"));
    expect(slowed).toHaveLength(0);

    const metrics = await metricsText();
    // The event loop's delay is exported (prom-client's monitorEventLoopDelay), and the queue drained.
    expect(metrics).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(metrics).toMatch(/^tutor_answer_queue_depth 0$/m);
    expect(metrics).toMatch(/^tutor_slack_requests_total\{verdict="pass"\} 1000$/m);
  });

  it("1,000 /ask from one person: a burst answered, the rest told politely to slow down, and counted", {
    timeout: 180_000,
  }, async () => {
    slack.reset();
    const started = Date.now();
    const r = await slashLoad(slack, url, SECRET, {
      count: 1000,
      concurrency: CONCURRENCY,
      command: () => ({
        command: "/ask",
        text: "Docker Compose とは",
        user_id: "UFLOOD001",
        channel_id: "CFLOOD001",
      }),
      answerTimeoutMs: 60_000,
    });
    const seconds = (Date.now() - started) / 1000;
    console.info(`flood from one user: ${describeLoad(r)}`);
    expect(r.newConnections).toBe(0);
    expect(r.acked).toBe(1000);
    expect(r.lateAcks).toBe(0);
    expect(r.unanswered).toBe(0);
    const bodies = [...r.answers.values()];
    const slowed = bodies.filter((b) => textOf(b).includes("Please wait"));
    const answered = bodies.filter((b) => textOf(b).includes("Docker Compose"));
    expect(slowed.length + answered.length).toBe(1000);
    // The burst, plus one per refill interval of the time the flood lasted.
    expect(answered.length).toBeGreaterThanOrEqual(USER_LIMIT.burst);
    expect(answered.length).toBeLessThanOrEqual(
      USER_LIMIT.burst + Math.ceil((seconds * 1000) / USER_LIMIT.refillMs) + 1,
    );
    for (const b of slowed) expect(b).toMatchObject({ response_type: "ephemeral" });
    const metrics = await metricsText();
    const counted = Number(
      /^tutor_rate_limited_total\{command="ask",scope="user"\} (\d+)$/m.exec(metrics)?.[1],
    );
    expect(counted).toBe(slowed.length);
  });
});
