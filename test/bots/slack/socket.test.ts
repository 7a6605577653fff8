/** The Slack adapter in Socket Mode: apps.connections.open with the app token, envelopes, acks, respond(). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonIdsOf,
  expectSafe,
  headerOf,
  SECRET,
  type SlackHarness,
  startSlackHarness,
  textsOf,
} from "./harness.js";

describe("Slack adapter in Socket Mode", () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({ socket: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("connects through apps.connections.open with the app token and reports connected", async () => {
    expect(h.fake.socket.connected).toBe(true);
    const open = h.fake.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(h.fake.appToken);
    expect(h.surface.connected()).toBe(true);
    expect(await h.metrics.connected.get()).toMatchObject({
      values: [{ value: 1, labels: { platform: "slack" } }],
    });
    expect(h.fake.callsTo("auth.test")).toEqual([]);
  });

  it("round trip: a command is acked over the socket and answered through response_url; Share posts", async () => {
    const ack = await h.fake.socket.sendSlashCommand({
      command: "/explain",
      text: "docker cp",
      channel_id: "C0SOCKET01",
    });
    expect(ack.withinDeadline).toBe(true);
    expect(ack.payload).toEqual({}); // a bare ack()
    const post = await h.fake.waitForResponse(ack.responseUrlId!, () => true, 10_000);
    expectSafe(post.body);
    expect(headerOf(post.body)).toBe("docker container cp");
    const [shareId = ""] = buttonIdsOf(post.body);

    const click = await h.fake.socket.sendBlockAction({
      action_id: shareId,
      value: shareId,
      channel_id: "C0SOCKET01",
      ephemeral: true,
    });
    expect(click.withinDeadline).toBe(true);
    const shared = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0SOCKET01");
    expect(headerOf(shared.body)).toBe("docker container cp");
    expect(h.fake.violations).toEqual([]);
  });

  it("answers a mention over the socket, in thread", async () => {
    const event = h.fake.appMention({
      text: h.fake.mention("ask Docker Compose とは"),
      channel: "C0SOCKET02",
    });
    const ack = await h.fake.socket.sendEvent(event);
    expect(ack.withinDeadline).toBe(true);
    const call = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0SOCKET02");
    expect(call.body.thread_ts).toBe(event.ts);
    expect(textsOf(call.body).join("\n")).toContain("Docker Compose");
  });

  it("serves no HTTP endpoint in Socket Mode", async () => {
    const res = await h.fake.sendSlashCommand(h.url, SECRET, { command: "/help" });
    expect(res.status).toBe(404);
  });

  it("stop() closes the connection and reports disconnected", async () => {
    await h.surface.stop();
    await h.fake.socket.waitForDisconnect();
    expect(h.surface.connected()).toBe(false);
    expect(await h.metrics.connected.get()).toMatchObject({ values: [{ value: 0 }] });
  });
});
