/**
 * Thread follow-ups on Discord, end to end against the fake Discord. With mentions only (no Message
 * Content), a mention in the bot's thread is read with the thread's earlier questions; with
 * DISCORD_MESSAGE_CONTENT (the privileged intent), a plain reply there is too. "it" is the ReplicaSet.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { GatewayIntentBits } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { embedText, type PostedBody } from "./discord-text.js";
import { type Harness, startHarness } from "./harness.js";

const I = GatewayIntentBits;

async function askInChannel(h: Harness, content: string): Promise<{ threadId: string; body: PostedBody }> {
  const asked = h.fake.userMessage({ content, user: "bob", mentionBot: true });
  const post = await h.fake.waitForRequest("POST", `/channels/${asked.id}/messages`);
  return { threadId: asked.id, body: post.body as PostedBody };
}

describe("Discord thread follow-ups with mentions only", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fake: { allowedPrivilegedIntents: 0 }, settings: { mentions: true } });
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    h.fake.assertNoErrors();
    h.fake.reset();
  });

  it("reads a mention in its thread with the thread's earlier question", async () => {
    expect(h.fake.intents).toBe(I.Guilds | I.GuildMessages);
    const { threadId } = await askInChannel(h, "What is a ReplicaSet?");
    h.fake.reset();
    h.fake.userMessage({
      content: "and how do I delete it?",
      user: "bob",
      mentionBot: true,
      channelId: threadId,
    });
    const follow = await h.fake.waitForRequest("POST", `/channels/${threadId}/messages`);
    const text = embedText(follow.body as PostedBody);
    expect(text).toContain("read as “how do I delete ReplicaSet?”");
    expect(text).toContain("Kubernetes › ReplicaSet");
  });

  it("cannot read a plain reply without Message Content, and does not guess", async () => {
    const { threadId } = await askInChannel(h, "What is a ReplicaSet?");
    h.fake.reset();
    h.fake.userMessage({ content: "and how do I delete it?", user: "bob", channelId: threadId });
    await sleep(200);
    expect(h.fake.requests).toEqual([]);
  });
});

describe("Discord thread follow-ups with Message Content", () => {
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

  it("asks for the Message Content intent, and answers a plain reply in its thread with the context", async () => {
    expect(h.fake.intents).toBe(I.Guilds | I.GuildMessages | I.MessageContent);
    const { threadId } = await askInChannel(h, "ReplicaSet とは");
    h.fake.reset();
    h.fake.userMessage({ content: "それを削除するには？", user: "bob", channelId: threadId });
    const follow = await h.fake.waitForRequest("POST", `/channels/${threadId}/messages`);
    expect(embedText(follow.body as PostedBody)).toContain("ReplicaSetを削除するには？");
  });

  it("leaves chatter in its thread, and questions in threads it did not answer in, alone", async () => {
    const { threadId } = await askInChannel(h, "What is a ReplicaSet?");
    h.fake.reset();
    h.fake.userMessage({ content: "thanks, that helps", user: "bob", channelId: threadId });
    // A channel in the default mode (mention only): an unmentioned question is not for the bot.
    h.fake.userMessage({ content: "What is a Pod?", user: "bob" });
    await sleep(200);
    expect(h.fake.requests).toEqual([]);
  });
});
