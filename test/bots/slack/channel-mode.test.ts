/**
 * Per-channel settings on Slack, end to end against the fake Slack: an admin sets a channel to auto-answer
 * with /tutor channel mode auto; a covered question posted there without a mention is answered in its
 * thread, an uncovered one gets silence; /tutor channel show says so; off silences even mentions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SECRET, type SlackHarness, startSlackHarness, textsOf } from "./harness.js";

const ADMIN = { id: "UADMIN0001", name: "root", is_admin: true };
const BOB = { id: "UBOB000001", name: "bob" };
const AUTO = "C0AUTOANS1";

describe("Slack per-channel settings", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: [ADMIN, BOB] });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.fake.violations).toEqual([]);
    h.fake.reset();
  });

  const tutor = async (text: string, user = ADMIN.id) => {
    const sent = await h.fake.sendSlashCommand(h.url, SECRET, {
      command: "/tutor",
      text,
      user_id: user,
      channel_id: AUTO,
    });
    const r = await h.fake.waitForResponse(sent.responseUrlId ?? "");
    return textsOf(r.body).join("\n");
  };
  const quiet = () => new Promise((r) => setTimeout(r, 250));

  it("auto-answers a covered question in its thread and stays silent on an uncovered one", async () => {
    expect(await tutor("channel mode auto", BOB.id)).toMatch(/Only admins can run/);
    expect(await tutor("channel mode auto")).toContain("This channel: `auto`");
    expect(await tutor("channel show")).toContain("`auto` (also answers questions posted without a mention");

    const uncovered = h.fake.message({ text: "How do I book a meeting room?", user: BOB.id, channel: AUTO });
    await h.fake.sendEvent(h.url, SECRET, uncovered);
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({ text: "deployed to staging", user: BOB.id, channel: AUTO }),
    );
    await quiet();
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);

    const covered = h.fake.message({ text: "What is a ReplicaSet?", user: BOB.id, channel: AUTO });
    await h.fake.sendEvent(h.url, SECRET, covered);
    const answer = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === AUTO);
    expect(answer.body.thread_ts).toBe(covered.ts);
    expect(textsOf(answer.body).join("\n")).toContain("Kubernetes › ReplicaSet");
  });

  it("off answers nothing posted in the channel, not even a mention; slash commands still answer", async () => {
    expect(await tutor("channel mode off")).toContain("`off`");
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.message({ text: "What is a ReplicaSet?", user: BOB.id, channel: AUTO }),
    );
    await h.fake.sendEvent(
      h.url,
      SECRET,
      h.fake.appMention({ text: h.fake.mention("What is a Pod?"), user: BOB.id, channel: AUTO }),
    );
    await quiet();
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
    expect(await tutor("channel show")).toContain("`off`");
  });

  it("ephemeral off posts /ask answers in the channel for everyone", async () => {
    await tutor("channel ephemeral off");
    const sent = await h.fake.sendSlashCommand(h.url, SECRET, {
      command: "/ask",
      text: "What is a Pod?",
      user_id: BOB.id,
      channel_id: AUTO,
    });
    const r = await h.fake.waitForResponse(sent.responseUrlId ?? "");
    expect(r.body.response_type).toBe("in_channel");
    expect(await tutor("channel show")).toContain("Slash command answers: posted for everyone");
  });
});

describe("Slack channel chatter", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: [BOB], userCacheMs: 0 });
  });
  afterAll(async () => {
    await h.close();
  });

  it("costs no Web API call: chatter and unmentioned questions in a mention-only channel are left alone unread", async () => {
    for (const text of ["deployed to staging", "lgtm", "What is a Pod?"])
      await h.fake.sendEvent(h.url, SECRET, h.fake.message({ text, user: BOB.id, channel: "C0CHATTY01" }));
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls).toEqual([]);
  });
});
