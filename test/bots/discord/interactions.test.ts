/**
 * Slash commands, autocomplete and buttons through the real discord.js client and the real tutor, asserted
 * on the requests the fake Discord received.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type APIMessage, MessageFlags } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { renderReply } from "../../../src/bots/discord/render.js";
import { DEFER_AFTER_MS } from "../../../src/bots/discord/settings.js";
import { parseCommandText } from "../../../src/core/commands/parse-text.js";
import { z } from "zod";
import {
  type AnyCommand,
  type CommandGroupSpec,
  type CommandSpec,
  defineCommand,
  isGroup,
  type RawArgs,
} from "../../../src/core/commands/types.js";
import { reply } from "../../../src/core/reply.js";
import { callbackOf, type Harness, startHarness } from "./harness.js";

/** Every runnable command of a registry: its path and spec. */
function leaves(
  commands: readonly AnyCommand[],
  prefix: string[] = [],
): { path: string[]; spec: CommandSpec }[] {
  return commands.flatMap((c) =>
    isGroup(c) ? leaves(c.subcommands, [...prefix, c.name]) : [{ path: [...prefix, c.name], spec: c }],
  );
}

/** A slash command's options for the fake, from a text example (`/stats @alice` → { user: "alice" }). */
function discordOptions(spec: CommandSpec, args: RawArgs): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const o of spec.options) {
    const v = args[o.name];
    if (v === undefined) continue;
    out[o.name] = o.type === "integer" ? Number(v) : o.type === "user" ? String(v).replace(/^@/, "") : v;
  }
  return out;
}

function slash(path: string[], options: Record<string, string | number> = {}) {
  const [name = "", a, b] = path;
  return {
    name,
    ...(b !== undefined ? { subcommandGroup: a, subcommand: b } : a !== undefined ? { subcommand: a } : {}),
    options,
  };
}

interface CallbackData {
  embeds?: {
    title?: string;
    description?: string;
    author?: { name: string };
    footer?: { text: string };
    fields?: unknown[];
  }[];
  components?: { components: { custom_id: string; label: string }[] }[];
  flags?: number;
  allowed_mentions?: unknown;
}

const dataOf = (body: unknown) => (body as { data: CallbackData }).data;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  h.fake.assertNoErrors();
  h.fake.reset();
  h.surface.settings.deferAfterMs = DEFER_AFTER_MS;
});

describe("every command of the registry", () => {
  it("answers each one (from its first example) within the deadline, pinging nobody", async () => {
    // Every answer as the one reply (type 4), even on a loaded machine; the deferred path is tested below.
    h.surface.settings.deferAfterMs = 2500;
    const all = leaves(h.tutor.commands);
    expect(all.map((l) => l.path.join(" "))).toEqual(expect.arrayContaining(["explain", "ask", "help"]));
    for (const { path, spec } of all) {
      const parsed = parseCommandText(h.tutor.commands, spec.examples[0] ?? `/${path.join(" ")}`);
      expect(parsed.ok, `example of /${path.join(" ")}`).toBe(true);
      const args = parsed.ok ? parsed.args : {};
      // alice has Manage Server (the fake's Moderator role): admin commands run for her.
      const { id } = h.fake.slashCommand({ ...slash(path, discordOptions(spec, args)), user: "alice" });
      const cb = await callbackOf(h.fake, id);
      expect(cb.type, `/${path.join(" ")}`).toBe(4);
      const data = dataOf(cb.body);
      expect(data.allowed_mentions).toEqual({ parse: [] });
      expect(data.embeds?.length).toBeGreaterThan(0);
      // Nothing said "you may not" or "bad input" to an admin running a documented example.
      const text = JSON.stringify(data.embeds);
      expect(text, `/${path.join(" ")}`).not.toMatch(/Only admins|doesn't fit|don't know the command/);
    }
  });
});

describe("/explain", () => {
  it("answers privately with the notes' section, the source and a Share button", async () => {
    const { id } = h.fake.slashCommand({ name: "explain", options: { command: "docker cp" }, user: "bob" });
    const cb = await callbackOf(h.fake, id);
    const data = dataOf(cb.body);
    expect(cb.type).toBe(4);
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.embeds?.[0]).toMatchObject({
      title: "docker container cp",
      description: expect.stringContaining("```sh\n$ docker container cp <コンテナIDまたはコンテナ名>"),
      footer: {
        text: "Source: Docker › 起動しているコンテナに対して実行できるコマンド › cp (notes/docker-kubernetes.md#cp)",
      },
    });
    expect(data.components).toEqual([
      {
        type: 1,
        components: [
          {
            type: 2,
            custom_id: expect.stringMatching(/^share:[\w-]{8,32}$/),
            label: "Share to channel",
            style: 2,
          },
          // Feedback on the answer (src/core/feedback).
          { type: 2, custom_id: expect.stringMatching(/^fb:[\w-]{8,32}:up$/), label: "👍 Helpful", style: 2 },
          {
            type: 2,
            custom_id: expect.stringMatching(/^fb:[\w-]{8,32}:down$/),
            label: "👎 Not helpful",
            style: 2,
          },
        ],
      },
    ]);
  });

  it("suggests known commands as the user types, fast (autocomplete)", async () => {
    const { id } = h.fake.autocomplete({
      name: "explain",
      focused: "command",
      value: "docker c",
      user: "bob",
    });
    const cb = await callbackOf(h.fake, id);
    expect(cb.type).toBe(8);
    expect(cb.elapsedMs).toBeLessThan(1000);
    const choices = (cb.body as { data: { choices: { name: string; value: string }[] } }).data.choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices).toContainEqual({ name: "docker container cp", value: "docker container cp" });
    for (const c of choices) expect(c.value.length).toBeLessThanOrEqual(100);
  });

  it("answers an empty autocomplete for options without suggestions", async () => {
    const { id } = h.fake.autocomplete({
      name: "explain",
      focused: "command",
      value: "zzzz-nothing",
      user: "bob",
    });
    expect((await callbackOf(h.fake, id)).body).toEqual({ type: 8, data: { choices: [] } });
  });

  it("pings nobody and echoes `@everyone <@123>` literally (the exact callback)", async () => {
    const { id } = h.fake.slashCommand({
      name: "explain",
      options: { command: "@everyone <@123>" },
      user: "bob",
    });
    const cb = await callbackOf(h.fake, id);
    expect(cb.body).toEqual({
      type: 4,
      data: {
        tts: false,
        enforce_nonce: false,
        embeds: [
          {
            title: "Not in your notes",
            description:
              "Your notes do not cover `@everyone <@123>`. I would rather say so than answer from the wrong place.",
            color: 0x99aab5,
          },
        ],
        // Not covered: a request for a note (src/core/gaps).
        components: [
          {
            type: 1,
            components: [
              {
                type: 2,
                custom_id: expect.stringMatching(/^gap:\d+$/),
                label: "📝 Request a note",
                style: 1,
              },
            ],
          },
        ],
        allowed_mentions: { parse: [] },
        flags: MessageFlags.Ephemeral,
      },
    });
  });
});

describe("Share", () => {
  async function explainForBob(): Promise<string> {
    const { id } = h.fake.slashCommand({ name: "explain", options: { command: "docker cp" }, user: "bob" });
    const data = dataOf((await callbackOf(h.fake, id)).body);
    return data.components?.[0]?.components[0]?.custom_id ?? "";
  }

  it("posts the answer publicly, credited, and tells the presser privately", async () => {
    const share = await explainForBob();
    h.fake.reset();
    const click = h.fake.buttonClick({ customId: share, user: "bob" });
    const cb = await callbackOf(h.fake, click.id);
    const post = await h.fake.waitForRequest("POST", `/channels/${h.fake.channelId}/messages`);
    expect(post.body).toMatchObject({
      embeds: [
        {
          title: "docker container cp",
          author: { name: "📖 Copy files or folders between a container and the host · Shared by bob" },
          footer: {
            text: "Source: Docker › 起動しているコンテナに対して実行できるコマンド › cp (notes/docker-kubernetes.md#cp)",
          },
        },
      ],
      components: [],
      allowed_mentions: { parse: [] },
    });
    expect((post.body as { flags?: number }).flags).toBeUndefined();
    expect(cb.body).toEqual({
      type: 4,
      data: {
        tts: false,
        enforce_nonce: false,
        embeds: [{ description: "✅ Shared to the channel.", color: 0x57f287 }],
        components: [],
        allowed_mentions: { parse: [] },
        flags: MessageFlags.Ephemeral,
      },
    });
    // Posted before the presser was told.
    expect(post.at).toBeLessThan(cb.at);
    const posted = h.fake.message((post.response as { id: string }).id);
    expect(posted?.embeds[0]?.title).toBe("docker container cp");
    expect(posted?.flags ?? 0).toBe(0);
  });

  it("says so privately when the bot may not post in the channel", async () => {
    const share = await explainForBob();
    h.fake.injectFailure("POST", /^\/channels\/\d+\/messages$/, {
      status: 403,
      body: { message: "Missing Permissions", code: 50013 },
    });
    const click = h.fake.buttonClick({ customId: share, user: "bob" });
    const cb = await callbackOf(h.fake, click.id);
    expect(dataOf(cb.body)).toMatchObject({
      flags: MessageFlags.Ephemeral,
      embeds: [{ description: expect.stringContaining("Something went wrong on my side") }],
    });
    h.fake.reset();
  });

  it("answers an unknown or forged button politely", async () => {
    const click = h.fake.buttonClick({ customId: "share:doesnotexist0", user: "bob" });
    const cb = await callbackOf(h.fake, click.id);
    expect(dataOf(cb.body)).toMatchObject({
      flags: MessageFlags.Ephemeral,
      embeds: [{ description: expect.stringContaining("This button no longer works") }],
    });
  });
});

describe("slow answers", () => {
  function slowly(ms: number) {
    const original = h.tutor.runForChat.bind(h.tutor);
    return vi.spyOn(h.tutor, "runForChat").mockImplementation(async (...args) => {
      await sleep(ms);
      return original(...args);
    });
  }

  it("defers, then edits the answer in (type 5, then PATCH @original)", async () => {
    h.surface.settings.deferAfterMs = 100;
    const spy = slowly(400);
    try {
      const { id, token } = h.fake.slashCommand({
        name: "ask",
        options: { question: "Pod とは" },
        user: "bob",
      });
      const cb = await callbackOf(h.fake, id);
      expect(cb.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
      expect(cb.elapsedMs).toBeLessThan(400);
      const patch = await h.fake.waitForRequest(
        "PATCH",
        `/webhooks/${h.fake.applicationId}/${token}/messages/@original`,
      );
      const expected = renderReply(
        await h.tutor.runCommand(
          {
            platform: "discord",
            workspaceId: h.fake.guildId,
            channelId: h.fake.channelId,
            userId: h.fake.user("bob").id,
            userName: "bob",
            locale: "en",
            isAdmin: false,
          },
          ["ask"],
          { question: "Pod とは" },
        ),
        "en",
      ).message;
      expect(patch.body).toMatchObject({ embeds: expected.embeds, allowed_mentions: { parse: [] } });
      const original = h.fake.originalResponse(id);
      expect(original?.flags).toBe(MessageFlags.Ephemeral);
      expect(original?.embeds[0]?.title).toBe(expected.embeds[0]?.title);
    } finally {
      spy.mockRestore();
      h.surface.settings.deferAfterMs = 1500;
    }
  });

  it("sends a slow public answer as a follow-up and removes the placeholder", async () => {
    h.surface.settings.deferAfterMs = 100;
    const spy = slowly(400);
    try {
      const { id, token } = h.fake.slashCommand({ name: "leaderboard", user: "bob" });
      expect((await callbackOf(h.fake, id)).body).toEqual({
        type: 5,
        data: { flags: MessageFlags.Ephemeral },
      });
      const followUp = await h.fake.waitForRequest("POST", `/webhooks/${h.fake.applicationId}/${token}`);
      expect(followUp.body).toMatchObject({
        embeds: [{ title: "Leaderboard \\(week\\)" }],
        allowed_mentions: { parse: [] },
      });
      expect((followUp.body as { flags?: number }).flags ?? 0).toBe(0);
      await h.fake.waitForRequest("DELETE", `/webhooks/${h.fake.applicationId}/${token}/messages/@original`);
    } finally {
      spy.mockRestore();
      h.surface.settings.deferAfterMs = 1500;
    }
  });
});

describe("a slow button", () => {
  it("acknowledges without touching the message (type 6), then edits it and answers privately", async () => {
    const quiz = h.fake.slashCommand({ name: "quiz", user: "bob" });
    const data = dataOf((await callbackOf(h.fake, quiz.id)).body);
    const message = h.fake.originalResponse(quiz.id) as APIMessage;
    const customId = data.components?.[0]?.components[0]?.custom_id ?? "";
    h.fake.reset();
    h.surface.settings.deferAfterMs = 100;
    const original = h.tutor.runAction.bind(h.tutor);
    const spy = vi.spyOn(h.tutor, "runAction").mockImplementation(async (...args) => {
      await sleep(400);
      return original(...args);
    });
    try {
      const click = h.fake.buttonClick({ customId, user: { username: "dave" }, message: message.id });
      expect((await callbackOf(h.fake, click.id)).body).toEqual({ type: 6 });
      const edit = await h.fake.waitForRequest(
        "PATCH",
        `/webhooks/${h.fake.applicationId}/${click.token}/messages/@original`,
      );
      expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] }, embeds: expect.any(Array) });
      const result = await h.fake.waitForRequest("POST", `/webhooks/${h.fake.applicationId}/${click.token}`);
      expect(result.body).toMatchObject({ flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } });
      expect(h.fake.message(message.id)?.embeds.at(-1)?.description).toMatch(/1 answered$/);
    } finally {
      spy.mockRestore();
      h.surface.settings.deferAfterMs = 1500;
    }
  });
});

describe("the admin gate", () => {
  it("refuses an admin command to a member without Manage Server (the exact callback)", async () => {
    const { id } = h.fake.slashCommand({ name: "tutor", subcommand: "doctor", user: "bob" });
    expect((await callbackOf(h.fake, id)).body).toEqual({
      type: 4,
      data: {
        tts: false,
        enforce_nonce: false,
        embeds: [{ description: "❌ Only admins can run /tutor doctor.", color: 0xed4245 }],
        components: [],
        allowed_mentions: { parse: [] },
        flags: MessageFlags.Ephemeral,
      },
    });
  });

  it("lets a member with Manage Server run it", async () => {
    const { id } = h.fake.slashCommand({
      name: "tutor",
      subcommandGroup: "daily",
      subcommand: "set",
      options: { time: "09:00", timezone: "Asia/Tokyo" },
      user: "alice",
    });
    expect(dataOf((await callbackOf(h.fake, id)).body).embeds?.[0]?.description).toBe(
      `✅ ${"Daily quiz set: every day at 09:00 \\(Asia/Tokyo\\) in this channel."}`,
    );
    // And the gate holds even when a server admin lets everyone see the command.
    const forced = h.fake.slashCommand({
      name: "tutor",
      subcommandGroup: "daily",
      subcommand: "off",
      user: "bob",
      permissions: 0n,
    });
    expect(dataOf((await callbackOf(h.fake, forced.id)).body).embeds?.[0]?.description).toBe(
      "❌ Only admins can run /tutor daily off.",
    );
  });
});

describe("/quiz", () => {
  it("posts a public question with one button per choice; each person answers once, the count updates", async () => {
    const { id } = h.fake.slashCommand({ name: "quiz", user: "bob" });
    const cb = await callbackOf(h.fake, id);
    const data = dataOf(cb.body);
    expect(data.flags ?? 0).toBe(0);
    expect(data.embeds?.[0]?.title).toBe("Quiz");
    expect(data.embeds?.at(-1)?.description).toMatch(/0 answered$/);
    const buttons = data.components?.flatMap((r) => r.components) ?? [];
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    for (const b of buttons) expect(b.custom_id).toMatch(/^quiz:\d+:\d$/);
    const message = h.fake.originalResponse(id) as APIMessage;

    h.fake.reset();
    const first = h.fake.buttonClick({
      customId: buttons[0]?.custom_id ?? "",
      user: "bob",
      message: message.id,
    });
    const update = await callbackOf(h.fake, first.id);
    expect(update.type).toBe(7);
    expect(dataOf(update.body).embeds?.at(-1)?.description).toMatch(/1 answered$/);
    expect(dataOf(update.body).components).toEqual(data.components);
    const result = await h.fake.waitForRequest("POST", `/webhooks/${h.fake.applicationId}/${first.token}`);
    expect(result.body).toMatchObject({
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
      embeds: [{ description: expect.stringMatching(/^(✅|❌) /) }],
    });

    const again = h.fake.buttonClick({
      customId: buttons[1]?.custom_id ?? "",
      user: "bob",
      message: message.id,
    });
    const refused = await callbackOf(h.fake, again.id);
    expect(refused.type).toBe(4);
    expect(dataOf(refused.body)).toMatchObject({
      flags: MessageFlags.Ephemeral,
      embeds: [{ description: expect.stringContaining("You already answered this one") }],
    });

    // A second person: the public message now says 2.
    const other = h.fake.buttonClick({
      customId: buttons[1]?.custom_id ?? "",
      user: { username: "_carol_ @everyone" },
      message: message.id,
    });
    expect(dataOf((await callbackOf(h.fake, other.id)).body).embeds?.at(-1)?.description).toMatch(
      /2 answered$/,
    );
    expect(h.fake.message(message.id)?.embeds.at(-1)?.description).toMatch(/2 answered$/);

    // Echoed user names are escaped: carol's name on the leaderboard neither formats nor pings.
    const board = h.fake.slashCommand({ name: "leaderboard", user: "bob" });
    const text = dataOf((await callbackOf(h.fake, board.id)).body).embeds?.[0]?.description ?? "";
    expect(text).toContain("\\_carol\\_ @\u200beveryone");
    expect(text).not.toContain("_carol_ @everyone");
  });
});

describe("autocomplete of an admin command", () => {
  let admin: Harness;
  const secret = defineCommand({
    name: "secret",
    description: { en: "Admin-only look-up", ja: "管理者用" },
    options: [
      {
        name: "term",
        description: { en: "A term", ja: "用語" },
        type: "string",
        required: true,
        autocomplete: true,
      },
    ],
    schema: z.object({ term: z.string() }),
    examples: ["/secret x"],
    run: () => reply({ blocks: [{ type: "text", text: "ok" }] }),
    autocomplete: () => ["admin-only suggestion"],
  });
  const group: CommandGroupSpec = {
    name: "vault",
    description: { en: "Admin", ja: "管理" },
    admin: true,
    examples: [],
    subcommands: [secret],
  };
  beforeAll(async () => {
    admin = await startHarness({ commands: [group] });
  });
  afterAll(async () => {
    await admin?.close();
  });

  it("suggests nothing to a member without Manage Server, even if the command is shown to everyone", async () => {
    const asked = (user: string, permissions?: bigint) =>
      admin.fake.autocomplete({
        name: "vault",
        subcommand: "secret",
        focused: "term",
        value: "a",
        user,
        ...(permissions !== undefined ? { permissions } : {}),
      });
    const member = asked("bob", 0n);
    expect((await callbackOf(admin.fake, member.id)).body).toEqual({ type: 8, data: { choices: [] } });
    const moderator = asked("alice");
    expect((await callbackOf(admin.fake, moderator.id)).body).toEqual({
      type: 8,
      data: { choices: [{ name: "admin-only suggestion", value: "admin-only suggestion" }] },
    });
  });
});
