/**
 * Proves the fake Slack against the real @slack/bolt: signed HTTP requests into an HTTPReceiver, the Web
 * API through Bolt's own WebClient (`clientOptions.slackApiUrl`), response_url posts, and Socket Mode.
 */
import type { AddressInfo } from "node:net";
import { App, type Logger, LogLevel, SocketModeReceiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeSlack, postSigned, SLACK_ACK_DEADLINE_MS, signSlackRequest, validateBlocks } from "./slack.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** A Bolt logger that keeps warnings and errors, so a test can assert Bolt saw nothing wrong. */
function capturingLogger(): Logger & { problems: string[] } {
  const problems: string[] = [];
  let level = LogLevel.WARN;
  const fmt = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ");
  return {
    problems,
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => problems.push(`warn: ${fmt(msg)}`),
    error: (...msg: unknown[]) => problems.push(`error: ${fmt(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const button = (action_id: string, value: string) => ({
  type: "button",
  action_id,
  value,
  text: { type: "plain_text", text: "Answer" },
});

describe("fake Slack: signing helpers", () => {
  it("signs exactly as Slack documents (v0 HMAC-SHA256 over v0:ts:body)", () => {
    // The example from Slack's "Verifying requests from Slack" guide.
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(signSlackRequest(SECRET, 1531420618, body)).toBe(
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    );
  });

  it("validates Block Kit limits", () => {
    expect(validateBlocks([section("ok"), { type: "divider" }])).toEqual([]);
    expect(validateBlocks(Array.from({ length: 51 }, () => ({ type: "divider" })))).toHaveLength(1);
    expect(validateBlocks([section("x".repeat(3001))])[0]).toContain("/blocks/0/text/text");
    expect(validateBlocks([section("")])[0]).toContain("more than 0 characters");
    expect(
      validateBlocks([{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }]),
    ).toHaveLength(1);
    expect(validateBlocks([{ type: "actions", elements: [button("a".repeat(256), "v")] }])).toHaveLength(1);
    expect(validateBlocks([{ type: "actions", elements: [button("a", "v".repeat(2001))] }])).toHaveLength(1);
    expect(
      validateBlocks([{ type: "actions", elements: [button("a", "1"), button("a", "2")] }])[0],
    ).toContain("duplicate action_id");
    expect(validateBlocks([{ type: "sectoin" }])).toHaveLength(1);
  });
});

describe("fake Slack: HTTP mode with a real Bolt App", () => {
  let fake: FakeSlack;
  let app: App;
  let url: string;
  const logger = capturingLogger();
  const seenActions: Array<Record<string, unknown>> = [];
  const respondErrors: unknown[] = [];

  beforeAll(async () => {
    fake = await FakeSlack.start({
      users: [
        { id: "UADMIN0001", name: "ada", is_admin: true },
        { id: "UOWNER0001", name: "olga", is_owner: true },
      ],
      channels: [{ id: "CNOTJOINED", name: "random", is_member: false }],
    });
    app = new App({
      token: fake.botToken,
      signingSecret: SECRET,
      botId: fake.botId,
      botUserId: fake.botUserId,
      logger,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command("/ping", async ({ ack, respond, command }) => {
      await ack();
      await respond({ response_type: "ephemeral", text: `pong ${command.text}` });
    });
    app.command("/quiz", async ({ ack, client, command }) => {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: "modal",
          callback_id: "quiz",
          title: { type: "plain_text", text: "Quiz" },
          blocks: [section("What is a pod?")],
        },
      });
    });
    app.command("/broken", async ({ ack, respond }) => {
      await ack();
      try {
        await respond({ text: "x", blocks: [section("")] });
      } catch (e) {
        respondErrors.push(e);
      }
    });
    app.action("answer", async ({ ack, body, respond }) => {
      await ack();
      seenActions.push(body as unknown as Record<string, unknown>);
      await respond({ replace_original: true, text: "Thanks!", blocks: [section("Thanks!")] });
    });
    app.event("app_mention", async ({ event, say }) => {
      await say({ text: "On it.", thread_ts: event.thread_ts ?? event.ts });
    });
    app.event("member_joined_channel", async ({ event, client }) => {
      const info = await client.users.info({ user: event.user });
      const role = info.user?.is_admin ? "admin" : "member";
      await client.chat.postMessage({ channel: event.channel, text: `Welcome, ${role}!` });
    });
    // HTTPReceiver.start(port | ListenOptions) resolves with the node http.Server.
    const server = await app.start({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  beforeEach(() => {
    fake.reset();
    logger.problems.length = 0;
    seenActions.length = 0;
    respondErrors.length = 0;
  });

  it("acks a signed slash command with 200 fast, and respond() reaches the response_url sink", async () => {
    const res = await fake.sendSlashCommand(url, SECRET, {
      command: "/ping",
      text: "hello",
      user_id: "U123",
      channel_id: "C123",
    });
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    expect(res.withinDeadline).toBe(true);
    expect(res.responseUrlId).toBeDefined();
    const post = await fake.waitForResponse(res.responseUrlId!);
    expect(post.body).toEqual({ response_type: "ephemeral", text: "pong hello" });
    expect(post.status).toBe(200);
    expect(fake.violations).toEqual([]);
    expect(logger.problems).toEqual([]);
  });

  it("rejects a bad signature, a missing signature and a stale timestamp with 401", async () => {
    const bad = await fake.sendSlashCommand(url, SECRET, { command: "/ping" }, { badSignature: true });
    const none = await fake.sendSlashCommand(url, SECRET, { command: "/ping" }, { noSignature: true });
    const stale = await fake.sendSlashCommand(url, SECRET, { command: "/ping" }, { staleTimestamp: true });
    expect([bad.status, none.status, stale.status]).toEqual([401, 401, 401]);
    expect(fake.responses).toEqual([]);
  });

  it("passes the url_verification handshake", async () => {
    const res = await fake.sendUrlVerification(url, SECRET);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ challenge: expect.any(String) });
  });

  it("delivers a block action as Slack does; respond() replaces the original", async () => {
    const res = await fake.sendBlockAction(url, SECRET, {
      action_id: "answer",
      block_id: "q1",
      value: "card-42:good",
      user_id: "U123",
      channel_id: "C123",
      message_ts: "1700000000.000100",
      message_blocks: [section("Q?"), { type: "actions", block_id: "q1", elements: [button("answer", "x")] }],
    });
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(3000);
    const post = await fake.waitForResponse(res.responseUrlId!);
    expect(post.body).toMatchObject({ replace_original: true, text: "Thanks!" });
    const body = seenActions[0];
    expect(body).toMatchObject({
      type: "block_actions",
      user: { id: "U123" },
      channel: { id: "C123" },
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "C123" },
      message: { ts: "1700000000.000100" },
      actions: [{ action_id: "answer", block_id: "q1", value: "card-42:good", type: "button" }],
    });
    expect(fake.violations).toEqual([]);
  });

  it("answers an app_mention with chat.postMessage in the thread, with the bot token", async () => {
    const event = fake.appMention({ text: fake.mention("explain pods"), channel: "C777", user: "U123" });
    const res = await fake.sendEvent(url, SECRET, event);
    expect(res.status).toBe(200);
    const call = await fake.waitForCall("chat.postMessage");
    expect(call.token).toBe(fake.botToken);
    expect(call.body).toMatchObject({ channel: "C777", thread_ts: event.ts, text: "On it." });
    expect(call.response).toMatchObject({ ok: true, channel: "C777" });
    expect(typeof call.response.ts).toBe("string");
  });

  it("serves users.info with configurable is_admin, for a member_joined_channel listener", async () => {
    await fake.sendEvent(url, SECRET, fake.memberJoined({ user: "UADMIN0001", channel: "C555" }));
    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C555");
    expect(post.body.text).toBe("Welcome, admin!");
    const info = fake.callsTo("users.info")[0];
    expect(info?.response).toMatchObject({
      ok: true,
      user: { id: "UADMIN0001", is_admin: true, is_owner: false },
    });

    await fake.sendEvent(url, SECRET, fake.memberJoined({ user: "UPLAIN0001", channel: "C556" }));
    const post2 = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C556");
    expect(post2.body.text).toBe("Welcome, member!");
  });

  it("views.open accepts the slash command's trigger_id", async () => {
    const res = await fake.sendSlashCommand(url, SECRET, { command: "/quiz" });
    expect(res.status).toBe(200);
    const call = await fake.waitForCall("views.open");
    expect(call.body.trigger_id).toBe(res.triggerId);
    expect(call.response).toMatchObject({ ok: true, view: { type: "modal", callback_id: "quiz" } });
  });

  it("records a response_url post with invalid blocks as a violation, and Bolt's respond() fails", async () => {
    const res = await fake.sendSlashCommand(url, SECRET, { command: "/broken" });
    expect(res.status).toBe(200);
    const post = await fake.waitForResponse(res.responseUrlId!);
    expect(post.status).toBe(400);
    expect(fake.violations).toMatchObject([
      { where: `respond:${res.responseUrlId}`, error: "invalid_blocks" },
    ]);
    await expect.poll(() => respondErrors.length).toBe(1);
    expect(respondErrors[0]).toMatchObject({ code: "slack_bolt_respond_error", statusCode: 400 });
  });

  it("answers a raw POST to the sink like Slack: 400 invalid_blocks as text", async () => {
    const res = await postSigned(
      fake.responseUrl("raw"),
      "unused",
      JSON.stringify({ text: "x", blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) }),
      "application/json",
    );
    expect(res.status).toBe(400);
    expect(res.body).toBe("invalid_blocks");
  });
});

describe("fake Slack: Web API through @slack/web-api", () => {
  let fake: FakeSlack;
  let client: WebClient;

  beforeAll(async () => {
    fake = await FakeSlack.start({
      channels: [
        { id: "CNOTJOINED", name: "random", is_member: false },
        { id: "CARCHIVED", name: "old", is_archived: true },
      ],
    });
    client = new WebClient(fake.botToken, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it("answers chat.* like Slack and decodes form-encoded blocks", async () => {
    const blocks = [section("*Pods*"), { type: "actions", elements: [button("rate", "1")] }];
    const posted = await client.chat.postMessage({ channel: "C1", text: "Pods", blocks });
    expect(posted).toMatchObject({ ok: true, channel: "C1", message: { text: "Pods", bot_id: fake.botId } });
    const call = fake.callsTo("chat.postMessage")[0];
    expect(call?.contentType).toBe("form");
    expect(call?.body.blocks).toEqual(blocks);
    expect(call?.body.token).toBeUndefined();

    const eph = await client.chat.postEphemeral({ channel: "C1", user: "U1", text: "psst" });
    expect(typeof eph.message_ts).toBe("string");
    const upd = await client.chat.update({ channel: "C1", ts: posted.ts!, text: "Pods (edited)" });
    expect(upd).toMatchObject({ ok: true, channel: "C1", ts: posted.ts });
    const del = await client.chat.delete({ channel: "C1", ts: posted.ts! });
    expect(del).toMatchObject({ ok: true, channel: "C1", ts: posted.ts });
    expect(fake.violations).toEqual([]);
  });

  it("rejects what Slack rejects, and records the violations", async () => {
    const tooMany = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    await expect(
      client.chat.postMessage({ channel: "C1", text: "x", blocks: tooMany }),
    ).rejects.toMatchObject({
      data: { ok: false, error: "invalid_blocks" },
    });
    await expect(
      client.chat.postMessage({ channel: "C1", text: "x", blocks: [section("y".repeat(3001))] }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
    await expect(client.chat.postMessage({ channel: "C1", text: "" })).rejects.toMatchObject({
      data: { error: "no_text" },
    });
    expect(fake.violations.map((v) => v.error)).toEqual(["invalid_blocks", "invalid_blocks", "no_text"]);
    expect(fake.violations[1]?.errors[0]).toContain("/blocks/0/text/text");

    await expect(client.chat.postMessage({ channel: "CNOTJOINED", text: "x" })).rejects.toMatchObject({
      data: { error: "not_in_channel" },
    });
    await expect(client.chat.postMessage({ channel: "CARCHIVED", text: "x" })).rejects.toMatchObject({
      data: { error: "is_archived" },
    });
    await expect(client.apiCall("chat.nonsense", {})).rejects.toMatchObject({
      data: { error: "unknown_method" },
    });
    await expect(
      client.views.open({
        trigger_id: "made.up",
        view: { type: "modal", title: { type: "plain_text", text: "t" }, blocks: [] },
      }),
    ).rejects.toMatchObject({
      data: { error: "invalid_trigger_id" },
    });
  });

  it("checks tokens: unknown, missing, and app token on a bot method", async () => {
    const stranger = new WebClient("xoxb-stranger", {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
    const anon = new WebClient(undefined, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(anon.auth.test()).rejects.toMatchObject({ data: { error: "not_authed" } });
    const appLevel = new WebClient(fake.appToken, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(appLevel.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      data: { error: "not_allowed_token_type" },
    });
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: fake.botUserId, bot_id: fake.botId });
  });

  it("serves conversations.info / join, and injected failures and rate limits", async () => {
    expect(await client.conversations.info({ channel: "CNOTJOINED" })).toMatchObject({
      channel: { id: "CNOTJOINED", name: "random", is_member: false },
    });
    expect(await client.conversations.join({ channel: "CNOTJOINED" })).toMatchObject({
      channel: { is_member: true },
    });
    await client.chat.postMessage({ channel: "CNOTJOINED", text: "now I can" });

    fake.failNext("chat.postMessage", "ratelimited_by_test");
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      data: { error: "ratelimited_by_test" },
    });
    fake.rateLimitNext("chat.postMessage", 1);
    const rejecting = new WebClient(fake.botToken, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
    await expect(rejecting.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 1,
    });
  });

  it("waitForCall sees past calls, waits for future ones, and times out with a useful message", async () => {
    await client.chat.postMessage({ channel: "C1", text: "first" });
    expect((await fake.waitForCall("chat.postMessage")).body.text).toBe("first");
    const later = fake.waitForCall("chat.postMessage", (c) => c.body.text === "second");
    await client.chat.postMessage({ channel: "C1", text: "second" });
    expect((await later).body.text).toBe("second");
    await expect(fake.waitForCall("chat.delete", () => true, 50)).rejects.toThrow(/chat\.postMessage/);
  });
});

describe("fake Slack: Socket Mode with a real Bolt App", () => {
  let fake: FakeSlack;
  let app: App;
  const logger = capturingLogger();

  beforeAll(async () => {
    fake = await FakeSlack.start();
    app = new App({
      token: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      botId: fake.botId,
      botUserId: fake.botUserId,
      logger,
      // Bolt hands these to the SocketModeClient too (via installerOptions.clientOptions), so its
      // apps.connections.open call goes to the fake, which answers with its own ws:// URL.
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command("/ping", async ({ ack, command }) => {
      await ack({ response_type: "ephemeral", text: `pong ${command.text}` });
    });
    app.command("/later", async ({ ack, respond }) => {
      await ack();
      await respond({ text: "done" });
    });
    app.action("answer", async ({ ack }) => {
      await ack();
    });
    app.event("app_mention", async ({ event, say }) => {
      await say({ text: "On it.", thread_ts: event.ts });
    });
    await app.start(); // resolves once the fake's "hello" arrives
  });

  afterAll(async () => {
    await app?.stop();
    // SocketModeReceiver.stop() does not wait for the close handshake; wait for it, or Bolt would try
    // to reconnect to a fake that is gone.
    await fake?.socket.waitForDisconnect();
    await fake?.close();
  });

  it("connects through apps.connections.open with the app token", () => {
    expect(fake.socket.connected).toBe(true);
    const open = fake.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(fake.appToken);
  });

  it("pushes a slash command envelope and gets the ack with its payload", async () => {
    const ack = await fake.socket.sendSlashCommand({ command: "/ping", text: "socket" });
    expect(ack.payload).toEqual({ response_type: "ephemeral", text: "pong socket" });
    expect(ack.withinDeadline).toBe(true);
  });

  it("respond() from a Socket Mode command reaches the sink", async () => {
    const ack = await fake.socket.sendSlashCommand({ command: "/later" });
    const post = await fake.waitForResponse(ack.responseUrlId!);
    expect(post.body).toEqual({ text: "done" });
  });

  it("acks block actions and events_api envelopes; the mention is answered in thread", async () => {
    const a = await fake.socket.sendBlockAction({ action_id: "answer", value: "v" });
    expect(a.envelopeId).toBeTruthy();
    const event = fake.appMention({ text: fake.mention("hi"), channel: "C9" });
    await fake.socket.sendEvent(event);
    const call = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C9");
    expect(call.body.thread_ts).toBe(event.ts);
    expect(logger.problems).toEqual([]);
  });
});

describe("fake Slack: Socket Mode reconnect", () => {
  it("Bolt reconnects with a fresh ticket after a disconnect message", async () => {
    const fake = await FakeSlack.start();
    const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
    // A custom receiver is the only way to shorten the reconnect delay (clientPingTimeout x attempts);
    // it does not inherit App's clientOptions, so they go in installerOptions.
    const receiver = new SocketModeReceiver({
      appToken: fake.appToken,
      clientPingTimeout: 300,
      installerOptions: { clientOptions },
      logLevel: LogLevel.ERROR,
    });
    const app = new App({
      token: fake.botToken,
      botId: fake.botId,
      botUserId: fake.botUserId,
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions,
    });
    app.command("/ping", async ({ ack }) => {
      await ack({ text: "pong" });
    });
    try {
      await app.start();
      expect(fake.socket.connectCount).toBe(1);
      fake.socket.sendDisconnect("refresh_requested");
      await fake.socket.waitForDisconnect();
      await fake.socket.waitForConnection(5000);
      expect(fake.socket.connectCount).toBe(2);
      expect(fake.callsTo("apps.connections.open")).toHaveLength(2);
      expect((await fake.socket.sendSlashCommand({ command: "/ping" })).payload).toEqual({ text: "pong" });
    } finally {
      await app.stop();
      await fake.socket.waitForDisconnect();
      await fake.close();
    }
  });
});
