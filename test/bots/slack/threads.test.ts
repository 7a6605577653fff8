/**
 * Thread follow-ups on Slack, end to end against the fake Slack: after the bot answers a mention in a
 * thread, a reply there (`message.channels`, no mention needed) or a mention in it is read with the
 * thread's earlier questions, so "it" is the ReplicaSet asked about. Other threads keep their own context.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SECRET, type SlackHarness, startSlackHarness, textsOf } from "./harness.js";

const ADA = { id: "UADA000001", name: "ada" };
const BOB = { id: "UBOB000001", name: "bob" };
const CHANNEL = "C0THREADS1";

describe("Slack thread follow-ups", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: [ADA, BOB] });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.fake.violations).toEqual([]);
    h.fake.reset();
  });

  const posted = () => h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === CHANNEL);

  it("answers a reply in its thread about what the thread asked, with no mention", async () => {
    const question = h.fake.appMention({
      text: h.fake.mention("What is a ReplicaSet?"),
      user: ADA.id,
      channel: CHANNEL,
    });
    // Slack also sends the mention as a message event: answered once, by app_mention.
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({
        text: String(question.text),
        user: ADA.id,
        channel: CHANNEL,
        ts: String(question.ts),
      }),
    );
    await h.fake.sendEvent(h.url, SECRET, question);
    const first = await posted();
    expect(first.body.thread_ts).toBe(question.ts);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
    h.fake.reset();

    const reply = h.fake.message({
      text: "and how do I delete it?",
      user: BOB.id,
      channel: CHANNEL,
      thread_ts: String(question.ts),
    });
    await h.fake.sendEvent(h.url, SECRET, reply);
    const follow = await posted();
    expect(follow.body.thread_ts).toBe(question.ts);
    const text = textsOf(follow.body).join("\n");
    expect(text).toContain("read as “how do I delete ReplicaSet?”");
    expect(text).toContain("Kubernetes › ReplicaSet");
  });

  it("answers a mention in the thread with the context too, and ignores chatter there", async () => {
    const question = h.fake.appMention({
      text: h.fake.mention("ReplicaSet とは"),
      user: ADA.id,
      channel: CHANNEL,
    });
    await h.fake.sendEvent(h.url, SECRET, question);
    await posted();
    h.fake.reset();
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({ text: "ありがとう", user: ADA.id, channel: CHANNEL, thread_ts: String(question.ts) }),
    );
    const mention = h.fake.appMention({
      text: h.fake.mention("それを削除するには？"),
      user: ADA.id,
      channel: CHANNEL,
      thread_ts: String(question.ts),
    });
    await h.fake.sendEvent(h.url, SECRET, mention);
    const follow = await posted();
    expect(textsOf(follow.body).join("\n")).toContain("ReplicaSetを削除するには？");
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("leaves alone replies in threads it did not answer in (mention-only channel)", async () => {
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({
        text: "and how do I delete it?",
        user: BOB.id,
        channel: CHANNEL,
        thread_ts: "1700000000.000777",
      }),
    );
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({ text: "What is a Pod?", user: BOB.id, channel: CHANNEL }),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
  });
});
