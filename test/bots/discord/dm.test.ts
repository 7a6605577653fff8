/**
 * Direct messages on Discord, end to end against the fake Discord: with DISCORD_DIRECT_MESSAGES the bot
 * asks for the Direct Messages intent (not privileged) and takes DM channels partial; plain text is a
 * question, a command typed there runs, follow-ups keep the DM's context, no Share button.
 */
import { GatewayIntentBits } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buttonIdsOf as buttonIds, type PostedBody as Body, embedText as textOf } from "./discord-text.js";
import { type Harness, startHarness } from "./harness.js";

const I = GatewayIntentBits;

describe("Discord direct messages", () => {
  let h: Harness;
  beforeAll(async () => {
    // The developer portal allows no privileged intent: DMs need none.
    h = await startHarness({ fake: { allowedPrivilegedIntents: 0 }, settings: { directMessages: true } });
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    h.fake.assertNoErrors();
    h.fake.reset();
  });

  const dm = async (content: string) => {
    const sent = h.fake.userMessage({ content, user: "bob", guildId: null });
    const post = await h.fake.waitForRequest("POST", `/channels/${sent.channel_id}/messages`);
    return post.body as Body;
  };

  it("identifies with Guilds and DirectMessages only", () => {
    expect(h.fake.intents).toBe(I.Guilds | I.DirectMessages);
  });

  it("answers a question in the DM, then a follow-up about the same subject", async () => {
    const first = await dm("What is a ReplicaSet?");
    expect(textOf(first)).toContain("ReplicaSet");
    h.fake.reset();
    const follow = await dm("and how do I delete it?");
    expect(textOf(follow)).toContain("read as “how do I delete ReplicaSet?”");
    expect(textOf(follow)).toContain("Kubernetes › ReplicaSet");
  });

  it("runs a command typed in the DM, without a Share button", async () => {
    const answer = await dm("explain docker cp");
    expect(answer.embeds[0]?.title).toBe("docker container cp");
    expect(buttonIds(answer).some((id) => id.startsWith("share:"))).toBe(false);
  });
});

describe("Discord slash commands in a DM", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers /ask privately in a DM without a Share button", async () => {
    const { id } = h.fake.slashCommand({
      name: "ask",
      options: { question: "What is a Pod?" },
      user: "bob",
      guildId: null,
    });
    const cb = await h.fake.waitForCallback(id);
    const data = (cb.body as { data: Body & { flags?: number } }).data;
    expect(textOf(data)).toContain("Pod");
    expect(buttonIds(data).some((b) => b.startsWith("share:"))).toBe(false);
    h.fake.assertNoErrors();
  });
});
