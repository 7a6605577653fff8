/**
 * Per-channel settings: stored per platform, workspace and channel, set and shown with /tutor channel …
 * by admins, and obeyed by messages (auto-answer only when covered, off) and by slash command answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import type { ChatMessage } from "../../../src/core/conversation/messages.js";
import { SqliteChannelSettingsStore } from "../../../src/core/storage/sqlite/channel-settings.js";
import { openDatabase } from "../../../src/core/storage/database.js";
import { allText, openTestTutor, type TestTutor, tempDir } from "../../helpers/tutor.js";

const admin: Invocation = {
  platform: "slack",
  workspaceId: "T1",
  channelId: "C1",
  userId: "UADMIN",
  locale: "en",
  isAdmin: true,
};
const member: Invocation = { ...admin, userId: "UMEMBER", isAdmin: false };
let nextTs = 1;
const posted = (text: string, channelId = "C1", mentioned = false): ChatMessage => ({
  text,
  direct: false,
  mentioned,
  conversation: { platform: "slack", workspaceId: "T1", channelId, threadId: String(nextTs++) },
});

describe("ChannelSettingsStore", () => {
  it("keeps one row per platform, workspace and channel, survives reopening, and defaults", async () => {
    const tmp = tempDir("channel-settings");
    const file = `${tmp.dir}/t.sqlite`;
    const db = openDatabase(file);
    const store = new SqliteChannelSettingsStore(db);
    const place = { platform: "slack", workspaceId: "T1", channelId: "C1" };
    expect(await store.get(place)).toEqual({
      mode: "mention",
      ephemeral: true,
      updatedBy: null,
      updatedAt: null,
    });
    await store.set(place, { mode: "auto" }, "U1", new Date("2026-01-02T03:04:05Z"));
    await store.set(place, { ephemeral: false }, "U2", new Date("2026-01-03T03:04:05Z"));
    db.close();
    const reopened = openDatabase(file);
    const again = new SqliteChannelSettingsStore(reopened);
    expect(await again.get(place)).toEqual({
      mode: "auto",
      ephemeral: false,
      updatedBy: "U2",
      updatedAt: "2026-01-03T03:04:05.000Z",
    });
    expect((await again.get({ ...place, platform: "discord" })).mode).toBe("mention");
    expect((await again.get({ ...place, workspaceId: "T2" })).mode).toBe("mention");
    reopened.close();
    tmp.cleanup();
  });
});

describe("/tutor channel and the messages it governs", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "channel-mode" });
  });
  afterAll(() => env.close());

  it("shows the defaults, sets a mode and the visibility, and refuses bad values and non-admins", async () => {
    const shown = allText(await env.tutor.runTextForChat(admin, "/tutor channel show"));
    expect(shown).toContain("`mention` (answers only when mentioned)");
    expect(shown).toContain("(the defaults: nobody changed them)");
    const set = allText(await env.tutor.runTextForChat(admin, "/tutor channel mode AUTO"));
    expect(set).toMatch(/^Saved\. This channel: `auto`/m);
    expect(set).toContain("Last changed by UADMIN");
    expect(allText(await env.tutor.runTextForChat(admin, "/tutor channel mode sometimes"))).toContain(
      "must be one of mention, auto, off",
    );
    expect(allText(await env.tutor.runTextForChat(member, "/tutor channel mode off"))).toMatch(
      /^Only admins can run/m,
    );
    expect(allText(await env.tutor.runTextForChat(admin, "/tutor channel show"))).toContain("`auto`");
  });

  it("in auto mode, answers a covered question posted without a mention and stays silent otherwise", async () => {
    await env.tutor.runTextForChat(admin, "/tutor channel mode auto");
    const covered = await env.tutor.message(member, posted("What is a ReplicaSet?"));
    expect(covered?.citations[0]?.path).toEqual(["Kubernetes", "ReplicaSet"]);
    expect(covered?.ephemeral).toBe(false);
    expect(
      await env.tutor.message(member, posted("How do I configure the office coffee machine?")),
    ).toBeNull();
    expect(await env.tutor.message(member, posted("thanks, that worked"))).toBeNull();
    // A mention is answered even when the notes do not cover it: someone asked the bot.
    const mentioned = await env.tutor.message(
      member,
      posted("How do I configure the coffee machine?", "C1", true),
    );
    expect(mentioned?.notFound).toBe(true);
  });

  it("in mention mode, leaves unmentioned questions alone but answers replies in its own thread", async () => {
    await env.tutor.runTextForChat(admin, "/tutor channel mode mention");
    expect(await env.tutor.message(member, posted("What is a ReplicaSet?"))).toBeNull();
    const thread = { platform: "slack", workspaceId: "T1", channelId: "C1", threadId: "bot-thread" };
    await env.tutor.message(member, {
      text: "What is a ReplicaSet?",
      direct: false,
      mentioned: true,
      conversation: thread,
    });
    const reply = await env.tutor.message(member, {
      text: "and how do I delete it?",
      direct: false,
      mentioned: false,
      conversation: thread,
    });
    expect(reply?.citations[0]?.path).toEqual(["Kubernetes", "ReplicaSet"]);
  });

  it("off answers no message, not even a mention; a thread's parent channel decides", async () => {
    await env.tutor.runTextForChat(admin, "/tutor channel mode off");
    expect(await env.tutor.message(member, posted("What is a ReplicaSet?", "C1", true))).toBeNull();
    const inThread = posted("What is a ReplicaSet?", "THREAD1", true);
    expect(
      await env.tutor.message({ ...member, channelId: "THREAD1" }, { ...inThread, settingsChannelId: "C1" }),
    ).toBeNull();
    await env.tutor.runTextForChat(admin, "/tutor channel mode mention");
  });

  it("ephemeral off posts /ask answers for everyone, without a Share button", async () => {
    const before = await env.tutor.runForChat(member, ["ask"], { question: "What is a Pod?" });
    expect(before.ephemeral).toBe(true);
    expect(before.choices.some((c) => c.id.startsWith("share:"))).toBe(true);
    await env.tutor.runTextForChat(admin, "/tutor channel ephemeral off");
    const after = await env.tutor.runForChat(member, ["ask"], { question: "What is a Pod?" });
    expect(after.ephemeral).toBe(false);
    expect(after.choices.some((c) => c.id.startsWith("share:"))).toBe(false);
    const elsewhere = await env.tutor.runForChat({ ...member, channelId: "C2" }, ["ask"], {
      question: "What is a Pod?",
    });
    expect(elsewhere.ephemeral).toBe(true);
    await env.tutor.runTextForChat(admin, "/tutor channel ephemeral on");
  });
});
