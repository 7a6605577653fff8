/**
 * Gateway events (member joins, mentions), intents, the poster core uses to speak first, and the
 * surface's lifecycle, against the fake Discord.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { GatewayIntentBits, MessageFlags } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDiscordSurface } from "../../../src/bots/discord/surface.js";
import type { Invocation } from "../../../src/core/commands/types.js";
import { loadConfig } from "../../../src/core/config.js";
import { placeOf } from "../../../src/core/quiz/quiz.js";
import { reply } from "../../../src/core/reply.js";
import type { HealthServer } from "../../../src/service/http.js";
import { Metrics } from "../../../src/service/metrics.js";
import { FakeDiscord, snowflake } from "../../fakes/discord.js";
import { callbackOf, type Harness, openTutor, silentLogger, startHarness } from "./harness.js";

const I = GatewayIntentBits;

/** Requests the bot made since `since`, as "METHOD path". */
const made = (h: Harness, since = 0) => h.fake.requests.slice(since).map((r) => `${r.method} ${r.path}`);

describe("with member joins and mentions switched on (no Message Content intent)", () => {
  let h: Harness;
  const joins: Invocation[] = [];

  /** A stand-in welcome for names starting with "hook-" (onboarding proper is tested below). */
  beforeAll(async () => {
    h = await startHarness({
      // The developer portal allows Server Members only: asking for Message Content would be refused.
      fake: { allowedPrivilegedIntents: I.GuildMembers },
      settings: { memberJoins: true, mentions: true },
      prepare: (tutor) =>
        tutor.onMemberJoined((ctx) => {
          joins.push(ctx);
          if (!ctx.userName?.startsWith("hook-")) return null;
          return reply({
            title: "Welcome",
            blocks: [{ type: "text", text: `Welcome, ${ctx.userName}! Try /help.` }],
          });
        }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    h.fake.assertNoErrors();
    h.fake.reset();
    joins.length = 0;
  });

  it("identifies with Guilds, GuildMembers and GuildMessages only", () => {
    expect(h.fake.intents).toBe(I.Guilds | I.GuildMembers | I.GuildMessages);
    expect(h.surface.connected()).toBe(true);
  });

  it("asks the tutor about the system channel first and posts its welcome there, pinging nobody", async () => {
    const member = h.fake.memberJoin({ username: "eve", globalName: "hook-_Eve_ @here ~~x~~" });
    const post = await h.fake.waitForRequest("POST", `/channels/${h.fake.channelId}/messages`);
    expect(post.body).toEqual({
      tts: false,
      enforce_nonce: false,
      embeds: [
        {
          title: "Welcome",
          description: "Welcome, hook-\\_Eve\\_ @\u200bhere \\~\\~x\\~\\~! Try /help.",
          color: 0x5865f2,
        },
      ],
      components: [],
      allowed_mentions: { parse: [] },
    });
    expect(joins).toEqual([
      {
        platform: "discord",
        workspaceId: h.fake.guildId,
        channelId: h.fake.channelId,
        userId: member.user?.id,
        userName: "hook-_Eve_ @here ~~x~~",
        locale: "en",
        isAdmin: false,
      },
    ]);
  });

  it("posts nothing when no channel has a welcome, or for bots", async () => {
    h.fake.memberJoin({ username: "quiet" });
    h.fake.memberJoin({ username: "hook-bot", bot: true });
    await sleep(150);
    // Both text channels were asked about and neither had a welcome; the bot was not asked about at all.
    expect(joins.map((j) => j.userName)).toEqual(["quiet", "quiet"]);
    expect(made(h).filter((r) => r.startsWith("POST"))).toEqual([]);
  });

  it("welcomes in the onboarding channel set with /tutor onboarding channel, and the course starts from there", async () => {
    const notes = h.fake.channelByName("notes").id;
    const set = h.fake.slashCommand({
      name: "tutor",
      subcommandGroup: "onboarding",
      subcommand: "channel",
      options: { channel: notes },
      user: "alice",
    });
    expect((await callbackOf(h.fake, set.id)).body).toMatchObject({
      data: {
        embeds: [
          {
            description: `✅ Channel \`${notes}\` is now an onboarding channel: people who join get the course.`,
          },
        ],
      },
    });
    h.fake.reset();
    const nina = h.fake.memberJoin({ username: "nina" });
    const post = await h.fake.waitForRequest("POST", `/channels/${notes}/messages`);
    expect(made(h).filter((r) => r.startsWith("POST"))).toEqual([`POST /channels/${notes}/messages`]);
    // The tutor was asked about the channels nina can see, system channel first, until one welcomed her.
    expect(joins.map((j) => j.channelId)).toEqual([h.fake.channelId]);
    expect(post.body).toMatchObject({
      embeds: [{ description: expect.stringMatching(/^Welcome, nina! This channel has a short course/) }],
      components: [
        { type: 1, components: [{ type: 2, custom_id: "onb:start", label: "Start the course", style: 1 }] },
      ],
      allowed_mentions: { parse: [] },
    });
    const start = h.fake.buttonClick({ customId: "onb:start", user: nina.user?.id ?? "", channelId: notes });
    const cb = await callbackOf(h.fake, start.id);
    expect(cb.body).toMatchObject({
      type: 4,
      data: { flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
    });
  });

  it("answers a mention in a thread started on the message, without a Share button", async () => {
    const asked = h.fake.userMessage({ content: "explain docker cp", user: "bob", mentionBot: true });
    const answer = await h.fake.waitForRequest("POST", `/channels/${asked.id}/messages`);
    expect(made(h)).toEqual([
      `POST /channels/${h.fake.channelId}/messages/${asked.id}/threads`,
      `POST /channels/${asked.id}/messages`,
    ]);
    expect(h.fake.requests[0]?.body).toEqual({
      name: "explain docker cp",
      auto_archive_duration: 1440,
      type: 11,
    });
    expect(answer.body).toMatchObject({
      embeds: [{ title: "docker container cp" }],
      components: [],
      allowed_mentions: { parse: [] },
    });
  });

  it("treats a mention that is not a command as a question, and answers in the thread it was asked in", async () => {
    const first = h.fake.userMessage({ content: "Docker Compose とは", user: "bob", mentionBot: true });
    await h.fake.waitForRequest("POST", `/channels/${first.id}/messages`);
    h.fake.reset();
    const followUp = h.fake.userMessage({
      content: "Pod とは",
      user: "bob",
      mentionBot: true,
      channelId: first.id,
    });
    const answer = await h.fake.waitForRequest("POST", `/channels/${first.id}/messages`);
    expect(made(h)).toEqual([`POST /channels/${first.id}/messages`]);
    expect(followUp.channel_id).toBe(first.id);
    expect((answer.body as { embeds: unknown[] }).embeds.length).toBeGreaterThan(0);
  });

  it("leaves alone messages that do not mention it, messages of bots, and mentions it cannot read", async () => {
    h.fake.userMessage({ content: "just chatting", user: "bob" });
    // Discord withholds content the app may not read: a mention with no content is not guessed at.
    h.fake.dispatch("MESSAGE_CREATE", {
      id: snowflake(),
      channel_id: h.fake.channelId,
      guild_id: h.fake.guildId,
      author: h.fake.user("bob"),
      member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      content: "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [h.fake.botUser],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    });
    await sleep(150);
    expect(made(h)).toEqual([]);
  });
});

describe("with the defaults (Guilds only)", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ fake: { allowedPrivilegedIntents: 0 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("asks for no privileged intent, and Discord does not send what the bot does not handle", async () => {
    expect(h.fake.identify).toMatchObject({ intents: I.Guilds });
    h.fake.memberJoin({ username: "gina" });
    h.fake.userMessage({ content: "hello", user: "bob", mentionBot: true });
    await sleep(100);
    expect(h.fake.droppedDispatches.map((d) => d.t)).toEqual(["GUILD_MEMBER_ADD", "MESSAGE_CREATE"]);
    expect(made(h)).toEqual([]);
    h.fake.assertNoErrors();
  });

  it("posts and edits for core (the daily quiz) through the poster", async () => {
    const id = await h.surface.poster.post(
      h.fake.guildId,
      h.fake.channelId,
      reply({ title: "Daily", blocks: [{ type: "text", text: "@everyone *hi*" }] }),
    );
    expect(h.fake.message(id)?.embeds[0]).toMatchObject({
      title: "Daily",
      description: "@\u200beveryone \\*hi\\*",
    });
    await h.surface.poster.update(
      h.fake.guildId,
      h.fake.channelId,
      id,
      reply({ title: "Daily", blocks: [{ type: "text", text: "revealed" }] }),
    );
    expect(h.fake.message(id)?.embeds[0]?.description).toBe("revealed");
    const posts = h.fake.requests.filter((r) => r.path.startsWith("/channels/"));
    expect(
      posts.map((r) => [r.method, r.path, (r.body as { allowed_mentions?: unknown }).allowed_mentions]),
    ).toEqual([
      ["POST", `/channels/${h.fake.channelId}/messages`, { parse: [] }],
      ["PATCH", `/channels/${h.fake.channelId}/messages/${id}`, { parse: [] }],
    ]);
    await expect(h.surface.poster.post(h.fake.guildId, "1", reply({}))).rejects.toThrow();
    h.fake.reset();

    // A daily post, as core sends it, answered with its buttons.
    const ctx = { platform: "discord" as const, workspaceId: h.fake.guildId, channelId: h.fake.channelId };
    await h.tutor.daily.schedules.set(
      { ...ctx, time: "00:00", timezone: "UTC", topic: null },
      "admin",
      new Date(),
    );
    await h.tutor.daily.start([h.surface.poster]);
    const schedule = await h.tutor.daily.schedules.get(
      placeOf({ ...ctx, userId: "x", locale: "en", isAdmin: false }),
    );
    const post = schedule ? await h.tutor.daily.fire(schedule).catch(() => null) : null;
    const messageId = post?.messageId ?? (await h.tutor.quiz.store.dailyPosts(ctx))[0]?.messageId ?? "";
    const message = h.fake.message(messageId);
    expect(message?.embeds[0]?.title).toMatch(/^Daily quiz · \d{4}-\d{2}-\d{2}$/);
    const button = message?.components?.[0] as { components: { custom_id: string }[] } | undefined;
    const click = h.fake.buttonClick({
      customId: button?.components[0]?.custom_id ?? "",
      user: "bob",
      message: messageId,
    });
    const cb = await callbackOf(h.fake, click.id);
    expect(cb.type).toBe(7);
    expect(h.fake.message(messageId)?.embeds.at(-1)?.description).toMatch(/1 answered$/);
    h.tutor.daily.stop();
    h.fake.assertNoErrors();
  });

  it("reports its connection, and stops cleanly", async () => {
    expect(h.surface.connected()).toBe(true);
    expect((await h.metrics.connected.get()).values).toEqual([{ value: 1, labels: { platform: "discord" } }]);
    await h.surface.stop();
    expect(h.surface.connected()).toBe(false);
    expect((await h.metrics.connected.get()).values).toEqual([{ value: 0, labels: { platform: "discord" } }]);
    expect(h.fake.gatewayConnections.at(-1)).toMatchObject({ closedBy: "client", closeCode: 1000 });
  });
});

describe("start-up refusals", () => {
  it("names what to change when the Server Members intent is not enabled in the portal", async () => {
    const fake = await new FakeDiscord({ allowedPrivilegedIntents: 0 }).start();
    const { tutor, cleanup } = openTutor();
    const surface = createDiscordSurface(
      {
        tutor,
        config: loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restUrl }),
        logger: silentLogger,
        http: {} as HealthServer,
        metrics: new Metrics(),
      },
      { memberJoins: true },
    );
    try {
      await expect(surface.start()).rejects.toThrow(/enable "Server Members Intent".*DISCORD_MEMBER_JOINS/);
      expect(surface.connected()).toBe(false);
    } finally {
      await surface.stop();
      await fake.close();
      cleanup();
    }
  });

  it("names DISCORD_TOKEN when Discord refuses it", async () => {
    const fake = await new FakeDiscord({ token: "right" }).start();
    const { tutor, cleanup } = openTutor();
    const surface = createDiscordSurface({
      tutor,
      config: loadConfig({ DISCORD_TOKEN: "wrong", DISCORD_API_URL: fake.restUrl }),
      logger: silentLogger,
      http: {} as HealthServer,
      metrics: new Metrics(),
    });
    try {
      await expect(surface.start()).rejects.toThrow("Discord refused DISCORD_TOKEN (authentication failed)");
    } finally {
      await surface.stop();
      await fake.close();
      cleanup();
    }
  });
});
