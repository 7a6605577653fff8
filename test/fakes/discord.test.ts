/**
 * Proves the fake Discord against the real discord.js client: login over the fake gateway,
 * command registration, and the interaction round trips an adapter relies on.
 */
import { setTimeout as sleep } from "node:timers/promises";
import zlib from "node:zlib";
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  REST,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
  type TextChannel,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FakeDiscord } from "./discord.js";

const TOKEN = "fake-token";

const COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  { name: "ping", description: "Replies with pong" },
  {
    name: "quiz",
    description: "Quiz yourself on your notes",
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "start",
        description: "Start a quiz",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "topic",
            description: "Topic",
            required: true,
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.Integer,
            name: "count",
            description: "Questions",
            min_value: 1,
          },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: "stop", description: "Stop the quiz" },
    ],
  },
  {
    name: "ask",
    description: "Ask the tutor",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        description: "Question",
        required: true,
      },
    ],
  },
  { name: "export", description: "Sends the notes as a file" },
  { name: "long", description: "Replies with a too long message" },
  { name: "slow", description: "Replies after the deadline" },
];

const TOPICS = ["kubernetes", "kubectl", "docker", "git"];

describe("FakeDiscord with the real discord.js client", () => {
  let fake: FakeDiscord;
  let client: Client<true>;
  let loginMs = 0;
  const handlerErrors = new Map<string, unknown>();
  const seen = new Map<string, Interaction>();
  const responseMessageIds = new Map<string, string | undefined>();

  async function handle(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      const focused = interaction.options.getFocused(true);
      await interaction.respond(
        TOPICS.filter((t) => t.startsWith(focused.value)).map((t) => ({ name: t, value: t })),
      );
      return;
    }
    if (interaction.isButton()) {
      if (interaction.customId === "quiz:next")
        await interaction.update({ content: "Question 2: what is a Pod?", components: [] });
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    switch (interaction.commandName) {
      case "ping":
        await interaction.reply({
          content: "pong",
          flags: MessageFlags.Ephemeral,
          allowedMentions: { parse: [] },
        });
        return;
      case "quiz": {
        if (interaction.options.getSubcommand() !== "start") return;
        const topic = interaction.options.getString("topic", true);
        const count = interaction.options.getInteger("count") ?? 5;
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId("quiz:next").setLabel("Next").setStyle(ButtonStyle.Primary),
        );
        const response = await interaction.reply({
          content: `Quiz on ${topic} (${count} questions). What is a node?`,
          components: [row],
          withResponse: true,
        });
        responseMessageIds.set(interaction.id, response.resource?.message?.id);
        return;
      }
      case "ask":
        await interaction.deferReply();
        await sleep(30);
        await interaction.editReply({
          content: `You asked: ${interaction.options.getString("question", true)}`,
          embeds: [{ title: "Source", description: "notes/kubernetes.md#pods" }],
          allowedMentions: { parse: [] },
        });
        await interaction.followUp({ content: "Want a quiz on this?", flags: MessageFlags.Ephemeral });
        return;
      case "export":
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.editReply({
          content: "Your notes",
          files: [{ attachment: Buffer.from("# Pods\nSmallest unit.\n"), name: "notes.md" }],
        });
        return;
      case "long":
        await interaction.reply({ content: "x".repeat(2001) });
        return;
      case "slow":
        await sleep(fake.ackDeadlineMs + 100);
        await interaction.reply({ content: "too late" });
        return;
    }
  }

  beforeAll(async () => {
    fake = await new FakeDiscord({ token: TOKEN }).start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
    client.on(Events.InteractionCreate, (interaction) => {
      seen.set(interaction.id, interaction);
      handle(interaction).catch((err: unknown) => handlerErrors.set(interaction.id, err));
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    const started = performance.now();
    await client.login(TOKEN);
    await ready;
    loginMs = performance.now() - started;
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it("logs in over the fake gateway and caches the guild", () => {
    expect(loginMs).toBeLessThan(5_000);
    expect(fake.identify).toMatchObject({ token: TOKEN, intents: GatewayIntentBits.Guilds, shard: [0, 1] });
    expect(fake.gatewayConnections[0]?.query).toEqual({ v: "10", encoding: "json" });
    // Every request went to the fake, with the bot token, and the gateway URL came from it.
    const gatewayBot = fake.requests.find((r) => r.path === "/gateway/bot");
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(client.ws.gateway).toBe(`${fake.gatewayUrl}/`);
    expect(client.rest.options.api).toBe(fake.restUrl);

    expect(client.user.id).toBe(fake.botUser.id);
    expect(client.application.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.name).toBe("Study Group");
    expect(guild?.channels.cache.get(fake.channelId)?.name).toBe("general");
    expect(guild?.members.me?.id).toBe(fake.botUser.id);
    fake.assertNoErrors();
  });

  it("stores commands registered by bulk overwrite and tells whether a PUT changed anything", async () => {
    const registered = await client.application.commands.set(COMMANDS, fake.guildId);
    const names = ["ask", "export", "long", "ping", "quiz", "slow"];
    expect([...registered.values()].map((c) => c.name).sort()).toEqual(names);
    const stored = fake.commands(fake.guildId);
    expect(stored.map((c) => c.name).sort()).toEqual(names);
    const quiz = stored.find((c) => c.name === "quiz");
    expect(quiz?.options?.[0]).toMatchObject({
      name: "start",
      type: ApplicationCommandOptionType.Subcommand,
    });
    expect(fake.commandPuts.at(-1)).toMatchObject({ guildId: fake.guildId, changed: true });

    await client.application.commands.set(COMMANDS, fake.guildId);
    expect(fake.commandPuts.at(-1)?.changed).toBe(false);
    expect(fake.commands(fake.guildId).find((c) => c.name === "quiz")?.id).toBe(quiz?.id);

    // The same through @discordjs/rest directly, globally.
    const rest = new REST({ api: fake.restUrl }).setToken(TOKEN);
    const global = (await rest.put(Routes.applicationCommands(fake.applicationId), {
      body: [{ name: "help", description: "How to use the tutor" }],
    })) as { id: string; name: string }[];
    expect(global.map((c) => c.name)).toEqual(["help"]);
    expect(fake.commands().map((c) => c.name)).toEqual(["help"]);
    expect(fake.commandPuts.at(-1)).toMatchObject({ guildId: null, changed: true });
    await client.application.commands.set([{ name: "help", description: "How to use the tutor" }]);
    expect(fake.commandPuts.at(-1)).toMatchObject({ guildId: null, changed: false });

    // Discord's validation: an upper-case name is rejected with a form error.
    await expect(
      rest.put(Routes.applicationCommands(fake.applicationId), {
        body: [{ name: "Help", description: "x" }],
      }),
    ).rejects.toMatchObject({ code: 50035, status: 400 });
    expect(fake.errors).toHaveLength(1);
    fake.reset();
  });

  it("answers a slash command with an ephemeral reply (type 4)", async () => {
    const { id } = fake.slashCommand({ name: "ping" });
    const cb = await fake.waitForCallback(id, 2_000);
    expect(cb.status).toBe(204);
    expect(cb.type).toBe(4);
    expect(cb.elapsedMs).toBeLessThan(fake.ackDeadlineMs);
    expect(cb.withResponse).toBe(false);
    expect(cb.body).toEqual({
      type: 4,
      data: {
        content: "pong",
        flags: MessageFlags.Ephemeral,
        allowed_mentions: { parse: [] },
        tts: false,
        enforce_nonce: false,
      },
    });
    expect(fake.originalResponse(id)?.flags).toBe(MessageFlags.Ephemeral);
    const interaction = seen.get(id);
    expect(interaction?.isChatInputCommand() && interaction.memberPermissions?.has("ViewChannel")).toBe(true);
    expect(interaction?.user.username).toBe("alice");
    fake.assertNoErrors();
  });

  it("answers an autocomplete with choices (type 8)", async () => {
    const { id } = fake.autocomplete({ name: "quiz", subcommand: "start", focused: "topic", value: "kub" });
    const cb = await fake.waitForCallback(id, 2_000);
    expect(cb.status).toBe(204);
    expect(cb.body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: "kubernetes", value: "kubernetes" },
          { name: "kubectl", value: "kubectl" },
        ],
      },
    });
    fake.assertNoErrors();
  });

  it("updates the message of a clicked button (type 7)", async () => {
    const start = fake.slashCommand({
      name: "quiz",
      subcommand: "start",
      options: { topic: "kubernetes", count: 3 },
    });
    const first = await fake.waitForCallback(start.id, 2_000);
    expect(first.body).toMatchObject({
      type: 4,
      data: { content: expect.stringContaining("(3 questions)") },
    });
    expect(first.withResponse).toBe(true);
    expect(first.status).toBe(200);
    const quizMessage = fake.originalResponse(start.id);
    expect(quizMessage?.components).toHaveLength(1);
    await sleep(20);
    expect(responseMessageIds.get(start.id)).toBe(quizMessage?.id);

    const click = fake.buttonClick({ customId: "quiz:next" });
    expect(click.payload.message.id).toBe(quizMessage?.id);
    const cb = await fake.waitForCallback(click.id, 2_000);
    expect(cb.status).toBe(204);
    expect(cb.body).toMatchObject({
      type: 7,
      data: { content: "Question 2: what is a Pod?", components: [] },
    });
    expect(fake.message(quizMessage?.id ?? "")?.content).toBe("Question 2: what is a Pod?");
    fake.assertNoErrors();
  });

  it("defers then edits @original (type 5, then PATCH)", async () => {
    const since = fake.requests.length;
    const { id } = fake.slashCommand({ name: "ask", options: { question: "what is a pod?" } });
    const cb = await fake.waitForCallback(id, 2_000);
    expect(cb.body).toEqual({ type: 5, data: { flags: 0 } });
    const patch = await fake.waitForRequest("PATCH", /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, 2_000, {
      since,
    });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({
      content: "You asked: what is a pod?",
      embeds: [{ title: "Source", description: "notes/kubernetes.md#pods" }],
      allowed_mentions: { parse: [] },
    });
    expect(patch.headers.authorization).toBeUndefined();
    const original = fake.originalResponse(id);
    expect(original?.content).toBe("You asked: what is a pod?");
    expect((original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    const followUp = await fake.waitForRequest("POST", /^\/webhooks\/\d+\/[^/]+$/, 2_000, { since });
    expect(followUp.body).toMatchObject({ content: "Want a quiz on this?", flags: MessageFlags.Ephemeral });
    expect(fake.message((followUp.response as { id: string }).id)?.flags).toBe(MessageFlags.Ephemeral);
    fake.assertNoErrors();
  });

  it("accepts multipart uploads (payload_json + files[n])", async () => {
    const since = fake.requests.length;
    const { id } = fake.slashCommand({ name: "export" });
    expect((await fake.waitForCallback(id, 2_000)).body).toEqual({
      type: 5,
      data: { flags: MessageFlags.Ephemeral },
    });
    const patch = await fake.waitForRequest("PATCH", /\/messages\/@original$/, 2_000, { since });
    expect(patch.headers["content-type"]).toMatch(/^multipart\/form-data/);
    expect(patch.body).toMatchObject({ content: "Your notes", attachments: [{ id: "0" }] });
    expect(patch.files).toHaveLength(1);
    expect(patch.files[0]).toMatchObject({ field: "files[0]", filename: "notes.md" });
    expect(patch.files[0]?.data.toString()).toBe("# Pods\nSmallest unit.\n");
    const original = fake.originalResponse(id);
    expect(original?.attachments.map((a) => a.filename)).toEqual(["notes.md"]);
    expect(original?.flags).toBe(MessageFlags.Ephemeral);
    fake.assertNoErrors();
  });

  it("rejects a reply over 2000 characters like Discord (400, 50035)", async () => {
    const { id } = fake.slashCommand({ name: "long" });
    const cb = await fake.waitForCallback(id, 2_000);
    expect(cb.status).toBe(400);
    expect(cb.error).toMatchObject({
      code: 50035,
      errors: { data: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } },
    });
    await sleep(20);
    const err = handlerErrors.get(id);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).code).toBe(50035);
    expect(fake.errors).toHaveLength(1);
    fake.reset();
  });

  it("enforces the acknowledgement deadline (404, 10062)", async () => {
    const saved = fake.ackDeadlineMs;
    fake.ackDeadlineMs = 100;
    try {
      const { id } = fake.slashCommand({ name: "slow" });
      const cb = await fake.waitForCallback(id, 2_000);
      expect(cb.elapsedMs).toBeGreaterThan(100);
      expect(cb.status).toBe(404);
      expect(cb.error).toEqual({ message: "Unknown interaction", code: 10062 });
      await sleep(20);
      expect((handlerErrors.get(id) as DiscordAPIError).code).toBe(10062);
    } finally {
      fake.ackDeadlineMs = saved;
      fake.reset();
    }
  });

  it("serves channel messages, threads, pins, channels and members", async () => {
    const channel = (await client.channels.fetch(fake.channelId)) as TextChannel;
    const sent = await channel.send({ content: "Daily review: 3 cards due", allowedMentions: { parse: [] } });
    expect(fake.message(sent.id)?.content).toBe("Daily review: 3 cards due");
    const edited = await sent.edit({ content: "Daily review: 2 cards due" });
    expect(edited.content).toBe("Daily review: 2 cards due");
    const thread = await sent.startThread({ name: "Review 2024-01-01" });
    expect(thread.id).toBe(sent.id);
    expect(thread.parentId).toBe(fake.channelId);
    await thread.send("First card");
    expect(fake.channelMessages(thread.id).map((m) => m.content)).toEqual(["First card"]);
    await sent.pin();
    expect(fake.message(sent.id)?.pinned).toBe(true);
    const pins = await channel.messages.fetchPins();
    expect(pins.items.map((p) => p.message.id)).toEqual([sent.id]);
    const member = await client.guilds.cache.get(fake.guildId)?.members.fetch(fake.userId);
    expect(member?.user.username).toBe("alice");
    const guild = await client.guilds.fetch({ guild: fake.guildId, force: true });
    expect(guild.ownerId).toBe(fake.guild().owner_id);
    fake.assertNoErrors();
  });

  it("does not deliver events the session has no intent for", async () => {
    const carol = fake.memberJoin({ username: "carol" });
    expect(carol).toMatchObject({ user: { username: "carol" } });
    const posted = fake.userMessage({ content: "what is a pod?", user: "carol", mentionBot: true });
    expect(posted.mentions.map((u) => u.id)).toEqual([fake.botUser.id]);
    expect(fake.dispatch("MESSAGE_CREATE", { guild_id: fake.guildId, content: "hi" })).toBe(0);
    expect(fake.droppedDispatches.map((d) => d.t)).toEqual([
      "GUILD_MEMBER_ADD",
      "MESSAGE_CREATE",
      "MESSAGE_CREATE",
    ]);
    // The member exists for REST even though the join event was not delivered.
    const member = await client.guilds.cache.get(fake.guildId)?.members.fetch(carol.user?.id ?? "");
    expect(member?.user.username).toBe("carol");
    expect(() => fake.slashCommand({ name: "unregistered" })).toThrow(/not registered/);
    fake.reset();
  });

  it("lets discord.js resume after a server-side disconnect", async () => {
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    fake.closeGateway(4000);
    await resumed;
    const last = fake.gatewayConnections.at(-1);
    expect(last?.path).toBe("/resume");
    expect(fake.gatewayLog.some((e) => e.direction === "in" && e.op === 6)).toBe(true);
    const { id } = fake.slashCommand({ name: "ping" });
    expect((await fake.waitForCallback(id, 2_000)).status).toBe(204);
    fake.assertNoErrors();
  });
});

describe("FakeDiscord interaction builders", () => {
  const fake = new FakeDiscord();

  it("nests subcommand groups and infers option types without a registered command", () => {
    const payload = fake.buildSlashCommand({
      name: "deck",
      subcommandGroup: "cards",
      subcommand: "add",
      options: { front: "What is a Pod?", due: 3, starred: true },
      locale: "fr",
    });
    expect(payload).toMatchObject({
      type: 2,
      version: 1,
      application_id: fake.applicationId,
      guild_id: fake.guildId,
      channel_id: fake.channelId,
      locale: "fr",
      guild_locale: "en-US",
      entitlements: [],
      context: 0,
      authorizing_integration_owners: { "0": fake.guildId },
      member: { user: { id: fake.userId } },
    });
    expect(payload.data.options).toEqual([
      {
        name: "cards",
        type: 2,
        options: [
          {
            name: "add",
            type: 1,
            options: [
              { name: "front", type: 3, value: "What is a Pod?" },
              { name: "due", type: 4, value: 3 },
              { name: "starred", type: 5, value: true },
            ],
          },
        ],
      },
    ]);
  });

  it("builds DM interactions with a user and no member", () => {
    const payload = fake.buildSlashCommand({ name: "ping", guildId: null, user: "bob" });
    expect(payload.user?.username).toBe("bob");
    expect(payload.member).toBeUndefined();
    expect(payload.guild_id).toBeUndefined();
    expect(payload.channel).toMatchObject({ type: 1 });
    expect(payload.context).toBe(1);
  });

  it("computes member permissions from roles", () => {
    const alice = fake.buildSlashCommand({ name: "ping", user: "alice" });
    const bob = fake.buildSlashCommand({ name: "ping", user: "bob" });
    const manage = 1n << 13n;
    expect(BigInt(alice.member?.permissions ?? "0") & manage).toBe(manage);
    expect(BigInt(bob.member?.permissions ?? "0") & manage).toBe(0n);
  });
});

describe("FakeDiscord on the wire", () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await new FakeDiscord({ allowedPrivilegedIntents: 0 }).start();
  });

  afterAll(async () => {
    await fake?.close();
  });

  it("answers unknown routes and bad tokens like Discord", async () => {
    const unknown = await fetch(`${fake.restUrl}/v10/nope`, { headers: { authorization: "Bot fake-token" } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: "404: Not Found", code: 0 });
    const unauthorized = await fetch(`${fake.restUrl}/v10/users/@me`, {
      headers: { authorization: "Bot wrong" },
    });
    expect(unauthorized.status).toBe(401);
    expect(fake.errors.map((e) => e.status)).toEqual([404, 401]);
    fake.reset();
  });

  function connect(
    query: string,
  ): Promise<{ ws: WebSocket; closed: Promise<number>; next: () => Promise<unknown> }> {
    const ws = new WebSocket(`${fake.gatewayUrl}/?${query}`);
    const inbox: unknown[] = [];
    const waiting: ((v: unknown) => void)[] = [];
    const inflate = query.includes("zlib-stream") ? zlib.createInflate() : null;
    const deliver = (text: string) => {
      const v: unknown = JSON.parse(text);
      const w = waiting.shift();
      if (w) w(v);
      else inbox.push(v);
    };
    // One frame inflated at a time: two frames arriving together (READY, then GUILD_CREATE) would otherwise
    // share one listener's output, and a message would be lost or cut (seen as a timeout under load).
    let inflating = Promise.resolve();
    ws.on("message", (data: Buffer, isBinary) => {
      if (!inflate) return deliver(data.toString("utf8"));
      if (!isBinary) throw new Error("expected binary frames");
      inflating = inflating.then(
        () =>
          new Promise<void>((done) => {
            const out: Buffer[] = [];
            const onData = (c: Buffer) => out.push(c);
            inflate.on("data", onData);
            inflate.write(data);
            inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
              inflate.off("data", onData);
              deliver(Buffer.concat(out).toString("utf8"));
              done();
            });
          }),
      );
    });
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    const next = () =>
      new Promise<unknown>((resolve) => {
        const v = inbox.shift();
        if (v !== undefined) resolve(v);
        else waiting.push(resolve);
      });
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve({ ws, closed, next }));
      ws.once("error", reject);
    });
  }

  const identify = (token: string, intents: number) =>
    JSON.stringify({ op: 2, d: { token, intents, properties: { os: "linux", browser: "t", device: "t" } } });

  it("supports zlib-stream transport compression", async () => {
    const { ws, next, closed } = await connect("v=10&encoding=json&compress=zlib-stream");
    expect(await next()).toEqual({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    ws.send(JSON.stringify({ op: 1, d: null }));
    expect(await next()).toMatchObject({ op: 11 });
    ws.send(identify("fake-token", GatewayIntentBits.Guilds));
    expect(await next()).toMatchObject({ op: 0, t: "READY", s: 1 });
    expect(await next()).toMatchObject({ op: 0, t: "GUILD_CREATE", s: 2, d: { id: fake.guildId } });
    ws.close(1000);
    await closed;
  });

  it("closes with Discord's codes for a bad token and disallowed intents", async () => {
    const a = await connect("v=10&encoding=json");
    await a.next();
    a.ws.send(identify("wrong", GatewayIntentBits.Guilds));
    expect(await a.closed).toBe(4004);
    const b = await connect("v=10&encoding=json");
    await b.next();
    b.ws.send(identify("fake-token", GatewayIntentBits.Guilds | GatewayIntentBits.MessageContent));
    expect(await b.closed).toBe(4014);
    const c = await connect("v=9&encoding=json");
    expect(await c.closed).toBe(4012);
  });
});
