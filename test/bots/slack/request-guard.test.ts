/**
 * The Slack endpoint's request guard, end to end over HTTP: timestamps outside Slack's five-minute window in
 * either direction are refused like bad signatures, and a request already handled (the same signed bytes
 * again, or Slack's retry of an event, signed anew) is acknowledged without being run a second time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SeenRequests } from "../../../src/bots/slack/request-guard.js";
import { postSigned } from "../../fakes/slack.js";
import { SECRET, type SlackHarness, startSlackHarness } from "./harness.js";

const FORM = "application/x-www-form-urlencoded";
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("Slack request guard", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h.fake.reset());

  it("refuses a correctly signed timestamp from the future with 401, as it does a stale one", async () => {
    // 301 s ahead is just outside the window, 9,999,999,999 s is the year 2286. Each offset is taken from the
    // clock right before its request, plus one second: the server reads its clock a moment later, and on a
    // loaded machine that moment can fall in the next second (301 would then read as 300, inside the window).
    for (const offset of [301, 3600, null, -302]) {
      const now = Math.floor(Date.now() / 1000);
      const timestampSec = offset === null ? 9_999_999_999 : now + offset + (offset > 0 ? 1 : 0);
      const res = await h.fake.sendSlashCommand(h.url, SECRET, { command: "/help" }, { timestampSec });
      expect(res.status, `timestamp ${timestampSec}`).toBe(401);
    }
    await settle();
    expect(h.fake.responses).toEqual([]);
    expect(h.fake.calls).toEqual([]);
  });

  it("still accepts a clock a little ahead or behind (inside the window)", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestampSec of [now + 240, now - 240]) {
      const res = await h.fake.sendSlashCommand(h.url, SECRET, { command: "/help" }, { timestampSec });
      expect(res.status).toBe(200);
      await h.fake.waitForResponse(res.responseUrlId!, () => true, 10_000);
    }
  });

  it("answers the same signed slash command delivered three times once", async () => {
    const payload = h.fake.slashCommandPayload({
      command: "/explain",
      text: "docker cp",
      user_id: "UREPLAY001",
    });
    const raw = new URLSearchParams(payload).toString();
    const timestampSec = Math.floor(Date.now() / 1000);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await postSigned(h.url, SECRET, raw, FORM, { timestampSec }));
    // Every delivery is acknowledged (Slack stops resending), but only one is run.
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const id = h.fake.responseIdOf(payload.response_url)!;
    await h.fake.waitForResponse(id, () => true, 10_000);
    await settle();
    expect(h.fake.responsesFor(id)).toHaveLength(1);
    expect(await h.metrics.slackRequests.get()).toMatchObject({
      values: expect.arrayContaining([
        expect.objectContaining({ labels: { verdict: "duplicate" }, value: 2 }),
      ]),
    });
  });

  it("the same signed request three times at once is still run once", async () => {
    const payload = h.fake.slashCommandPayload({ command: "/help", user_id: "UREPLAY002" });
    const raw = new URLSearchParams(payload).toString();
    const timestampSec = Math.floor(Date.now() / 1000);
    const results = await Promise.all(
      [0, 1, 2].map(() => postSigned(h.url, SECRET, raw, FORM, { timestampSec })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const id = h.fake.responseIdOf(payload.response_url)!;
    await h.fake.waitForResponse(id, () => true, 10_000);
    await settle();
    expect(h.fake.responsesFor(id)).toHaveLength(1);
  });

  it("answers an event once when Slack retries it (new signature, same event id, X-Slack-Retry-Num)", async () => {
    const event = h.fake.appMention({ text: h.fake.mention("explain docker cp"), channel: "C0RETRY001" });
    const raw = JSON.stringify(h.fake.eventEnvelope(event));
    const now = Math.floor(Date.now() / 1000);
    const first = await postSigned(h.url, SECRET, raw, "application/json", { timestampSec: now });
    const retry = await postSigned(h.url, SECRET, raw, "application/json", {
      retryNum: 1,
      retryReason: "http_timeout",
      timestampSec: now + 1,
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0RETRY001");
    await settle();
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("a forged copy cannot make the genuine request look like a duplicate", async () => {
    const payload = h.fake.slashCommandPayload({ command: "/help", user_id: "UREPLAY003" });
    const raw = new URLSearchParams(payload).toString();
    const timestampSec = Math.floor(Date.now() / 1000);
    // Someone who only knows the body sends it with a wrong signature first: refused, and not remembered.
    const forged = await postSigned(h.url, SECRET, raw, FORM, { timestampSec, badSignature: true });
    expect(forged.status).toBe(401);
    const genuine = await postSigned(h.url, SECRET, raw, FORM, { timestampSec });
    expect(genuine.status).toBe(200);
    await h.fake.waitForResponse(h.fake.responseIdOf(payload.response_url)!, () => true, 10_000);
  });
});

describe("SeenRequests", () => {
  it("remembers a key until its expiry, then lets it through again", () => {
    const seen = new SeenRequests();
    expect(seen.firstTime("a", 100, 50)).toBe(true);
    expect(seen.firstTime("a", 100, 99)).toBe(false);
    expect(seen.firstTime("a", 200, 101)).toBe(true);
  });

  it("stays within its bound, forgetting the oldest first", () => {
    const seen = new SeenRequests(10);
    for (let i = 0; i < 100; i++) expect(seen.firstTime(`k${i}`, 1000, 0)).toBe(true);
    expect(seen.size).toBeLessThanOrEqual(10);
    expect(seen.firstTime("k99", 1000, 0)).toBe(false);
    expect(seen.firstTime("k0", 1000, 0)).toBe(true);
  });
});
