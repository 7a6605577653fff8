/**
 * Per-channel settings on Discord, end to end against the fake Discord with DISCORD_MESSAGE_CONTENT: an
 * admin (Manage Server) sets a channel to auto-answer; a covered question posted without a mention is
 * answered in a thread started on it, an uncovered one gets silence; /tutor channel show says so; off
 * silences mentions too.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { embedText, type PostedBody } from "./discord-text.js";
import { callbackOf, type Harness, startHarness } from "./harness.js";

describe("Discord per-channel settings", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { mentions: true, channelMessages: true } });
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    h.fake.assertNoErrors();
    h.fake.reset();
  });

  const channel = async (subcommand: string, options: Record<string, string> = {}, user = "alice") => {
    const { id } = h.fake.slashCommand({
      name: "tutor",
      subcommandGroup: "channel",
      subcommand,
      options,
      user,
    });
    const cb = await callbackOf(h.fake, id);
    return embedText((cb.body as { data: PostedBody }).data);
  };

  it("auto-answers a covered question in a thread and stays silent on an uncovered one", async () => {
    expect(await channel("mode", { mode: "auto" }, "bob")).toMatch(/Only admins can run/);
    expect(await channel("mode", { mode: "auto" })).toContain("This channel: `auto`");
    // Discord's renderer escapes markdown characters of the text (the parenthesis too).
    expect(await channel("show")).toMatch(/`auto` \\?\(also answers questions posted without a mention/);
    h.fake.reset();

    h.fake.userMessage({ content: "How do I book a meeting room?", user: "bob" });
    h.fake.userMessage({ content: "deployed to staging", user: "bob" });
    await sleep(250);
    expect(h.fake.requests).toEqual([]);

    const covered = h.fake.userMessage({ content: "What is a ReplicaSet?", user: "bob" });
    const answer = await h.fake.waitForRequest("POST", `/channels/${covered.id}/messages`);
    expect(h.fake.requests[0]?.path).toBe(`/channels/${h.fake.channelId}/messages/${covered.id}/threads`);
    expect(embedText(answer.body as PostedBody)).toContain("Kubernetes › ReplicaSet");
  });

  it("off answers no message in the channel, not even a mention", async () => {
    expect(await channel("mode", { mode: "off" })).toContain("`off`");
    h.fake.reset();
    h.fake.userMessage({ content: "What is a ReplicaSet?", user: "bob" });
    h.fake.userMessage({ content: "What is a Pod?", user: "bob", mentionBot: true });
    await sleep(250);
    expect(h.fake.requests).toEqual([]);
    await channel("mode", { mode: "mention" });
  });
});

describe("Discord without the Message Content intent enabled in the portal", () => {
  it("refuses to start with DISCORD_MESSAGE_CONTENT, naming the switch", async () => {
    await expect(
      startHarness({ fake: { allowedPrivilegedIntents: 0 }, settings: { channelMessages: true } }),
    ).rejects.toThrow(/enable "Message Content Intent".*DISCORD_MESSAGE_CONTENT/);
  });
});
