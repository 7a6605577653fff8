/**
 * Direct messages on Slack (the App Home messages tab, `message.im`), end to end against the fake Slack:
 * plain text is a question, a command typed there runs, follow-ups keep the DM's context, and a slash
 * command run in a DM gets no Share button (a DM is private by nature).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buttonIdsOf, headerOf, SECRET, type SlackHarness, startSlackHarness, textsOf } from "./harness.js";

const ADA = { id: "UADA000001", name: "ada" };
const DM = "D0ADADM001";

describe("Slack direct messages", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: [ADA] });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.fake.violations).toEqual([]);
    h.fake.reset();
  });

  const say = async (text: string, thread_ts?: string) => {
    const event = h.fake.message({
      text,
      user: ADA.id,
      channel: DM,
      channel_type: "im",
      ...(thread_ts ? { thread_ts } : {}),
    });
    const res = await h.fake.sendEvent(h.url, SECRET, event);
    expect(res.status).toBe(200);
    return h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === DM);
  };

  it("answers a question in the DM, then a follow-up about the same subject", async () => {
    const first = await say("What is a ReplicaSet?");
    expect(first.body.thread_ts).toBeUndefined();
    expect(textsOf(first.body).join("\n")).toContain("ReplicaSet");
    h.fake.reset();
    const follow = await say("and how do I delete it?");
    const text = textsOf(follow.body).join("\n");
    expect(text).toContain("read as “how do I delete ReplicaSet?”");
    expect(text).toMatch(/Kubernetes › ReplicaSet/);
  });

  it("runs a command typed in the DM, answering in the DM's thread when asked in one", async () => {
    const post = await say("explain docker cp", "1700000000.000042");
    expect(headerOf(post.body)).toBe("docker container cp");
    expect(post.body.thread_ts).toBe("1700000000.000042");
    expect(buttonIdsOf(post.body).some((id) => id.startsWith("share:"))).toBe(false);
  });

  it("leaves alone the bot's own posts and edits in the DM", async () => {
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({ text: "What is a Pod?", channel: DM, channel_type: "im", bot_id: "B0FAKEBOT1" }),
    );
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({
        text: "What is a Pod?",
        user: ADA.id,
        channel: DM,
        channel_type: "im",
        subtype: "message_changed",
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("answers /ask in a DM privately without a Share button", async () => {
    const sent = await h.fake.sendSlashCommand(h.url, SECRET, {
      command: "/ask",
      text: "What is a Pod?",
      user_id: ADA.id,
      channel_id: DM,
      channel_name: "directmessage",
    });
    const response = await h.fake.waitForResponse(sent.responseUrlId ?? "");
    expect(response.body.response_type).toBe("ephemeral");
    expect(buttonIdsOf(response.body).some((id) => id.startsWith("share:"))).toBe(false);
    expect(textsOf(response.body).join("\n")).toContain("Pod");
  });
});
