import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord.js";
import { z } from "zod";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BOT_PERMISSIONS, inviteUrl } from "../../../src/bots/discord/invite.js";
import { commandsJson, registerCommands } from "../../../src/bots/discord/registration.js";
import { main } from "../../../src/cli/main.js";
import { commandRegistry } from "../../../src/core/commands/registry.js";
import { type AnyCommand, defineCommand, isGroup } from "../../../src/core/commands/types.js";
import { reply } from "../../../src/core/reply.js";
import { FakeDiscord } from "../../fakes/discord.js";

const leaf = (name: string, extra: Partial<Parameters<typeof defineCommand>[0]> = {}) =>
  defineCommand({
    name,
    description: { en: `${name} in English`, ja: `${name} を日本語で` },
    options: [],
    schema: z.object({}),
    examples: [`/${name}`],
    run: () => reply({}),
    ...extra,
  });

describe("the registry as Discord application commands", () => {
  const json = commandsJson(commandRegistry, { global: false });

  it("has every command of the registry, in order, with English and Japanese descriptions", () => {
    expect(json.map((c) => c.name)).toEqual(commandRegistry.map((c) => c.name));
    for (const [i, c] of commandRegistry.entries()) {
      const j = json[i];
      expect(j?.description).toBe(c.description.en);
      expect(j?.description_localizations).toEqual({ ja: c.description.ja });
      expect(j?.name_localizations).toBeUndefined();
      expect(j?.default_member_permissions).toBe(
        c.admin ? String(PermissionFlagsBits.ManageGuild) : undefined,
      );
    }
  });

  it("describes /explain with an autocomplete option, localized", () => {
    expect(json.find((c) => c.name === "explain")).toEqual({
      name: "explain",
      description: "Explain a docker or kubectl command line from your notes, flag by flag",
      description_localizations: { ja: "docker / kubectl のコマンドをノートをもとにフラグごとに解説" },
      nsfw: false,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "command",
          description: "A command line, e.g. docker run -d -p 8080:80 nginx",
          description_localizations: { ja: "コマンド (例: docker run -d -p 8080:80 nginx)" },
          required: true,
          autocomplete: true,
          max_length: 500,
        },
      ],
    });
  });

  it("turns groups into subcommands and subcommand groups, choices into choices, users into user options", () => {
    const tutor = json.find((c) => c.name === "tutor");
    if (tutor) {
      // Present since the admin commands landed: `/tutor daily set|off|show` and `/tutor doctor`.
      expect(tutor.default_member_permissions).toBe("32");
      expect(tutor.options?.map((o) => [o.name, o.type])).toEqual(
        (commandRegistry.find((c) => c.name === "tutor") as { subcommands: AnyCommand[] }).subcommands.map(
          (s) => [
            s.name,
            isGroup(s)
              ? ApplicationCommandOptionType.SubcommandGroup
              : ApplicationCommandOptionType.Subcommand,
          ],
        ),
      );
    }
    const synthetic = commandsJson(
      [
        {
          name: "deck",
          description: { en: "Decks", ja: "デッキ" },
          admin: true,
          examples: [],
          subcommands: [
            {
              name: "cards",
              description: { en: "Cards", ja: "カード" },
              examples: [],
              subcommands: [
                leaf("add", {
                  options: [
                    { name: "note", description: { en: "n", ja: "ノート" }, type: "string", required: false },
                    { name: "who", description: { en: "w", ja: "誰" }, type: "user", required: true },
                    {
                      name: "period",
                      description: { en: "p", ja: "期間" },
                      type: "string",
                      required: false,
                      choices: ["week", "all"],
                    },
                  ],
                }),
              ],
            },
            leaf("list"),
          ],
        },
      ],
      { global: true },
    );
    expect(synthetic).toEqual([
      {
        name: "deck",
        description: "Decks",
        description_localizations: { ja: "デッキ" },
        default_member_permissions: "32",
        contexts: [0],
        integration_types: [0],
        nsfw: false,
        options: [
          {
            type: ApplicationCommandOptionType.SubcommandGroup,
            name: "cards",
            description: "Cards",
            description_localizations: { ja: "カード" },
            options: [
              {
                type: ApplicationCommandOptionType.Subcommand,
                name: "add",
                description: "add in English",
                description_localizations: { ja: "add を日本語で" },
                // Required options first, as Discord demands.
                options: [
                  {
                    type: ApplicationCommandOptionType.User,
                    name: "who",
                    description: "w",
                    description_localizations: { ja: "誰" },
                    required: true,
                  },
                  {
                    type: ApplicationCommandOptionType.String,
                    name: "note",
                    description: "n",
                    description_localizations: { ja: "ノート" },
                    required: false,
                  },
                  {
                    type: ApplicationCommandOptionType.String,
                    name: "period",
                    description: "p",
                    description_localizations: { ja: "期間" },
                    required: false,
                    choices: [
                      { name: "week", value: "week" },
                      { name: "all", value: "all" },
                    ],
                  },
                ],
              },
            ],
          },
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: "list",
            description: "list in English",
            description_localizations: { ja: "list を日本語で" },
            options: [],
          },
        ],
      },
    ]);
  });

  it("refuses what Discord would refuse, naming the command", () => {
    expect(() => commandsJson([leaf("Explain")])).toThrow(
      /\/Explain: "Explain" is not a valid Discord command name/,
    );
    const tooDeep: AnyCommand = {
      name: "a",
      description: { en: "a", ja: "a" },
      examples: [],
      subcommands: [
        {
          name: "b",
          description: { en: "b", ja: "b" },
          examples: [],
          subcommands: [
            { name: "c", description: { en: "c", ja: "c" }, examples: [], subcommands: [leaf("d")] },
          ],
        },
      ],
    };
    expect(() => commandsJson([tooDeep])).toThrow(
      /a b c: Discord allows subcommand groups only one level deep/,
    );
  });

  it("cuts descriptions to Discord's 100 characters", () => {
    const [c] = commandsJson([leaf("long", { description: { en: "e".repeat(150), ja: "じ".repeat(150) } })]);
    expect(c?.description).toHaveLength(100);
    expect(c?.description_localizations?.ja).toHaveLength(100);
  });
});

describe("registering with Discord", () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(async () => {
    await fake?.close();
  });
  afterEach(() => {
    fake.assertNoErrors();
    fake.reset();
  });

  it("bulk-overwrites a server's commands; registering twice changes nothing", async () => {
    const options = { token: fake.token, guildId: fake.guildId, api: fake.restUrl };
    const first = await registerCommands(options);
    expect(first).toEqual({
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      changed: true,
      commands: commandRegistry.map((c) => c.name),
      added: commandRegistry.map((c) => c.name),
      updated: [],
      removed: [],
    });
    // The application id came from the API, and the PUT carried exactly the registry's JSON.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /applications/@me",
      `GET /applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
      `PUT /applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    ]);
    expect(fake.requests[2]?.body).toEqual(commandsJson(commandRegistry, { global: false }));
    const stored = fake.commands(fake.guildId).find((c) => c.name === "explain");
    expect(stored?.description_localizations).toEqual({
      ja: "docker / kubectl のコマンドをノートをもとにフラグごとに解説",
    });

    const second = await registerCommands({ ...options, applicationId: fake.applicationId });
    expect(second).toMatchObject({ changed: false, added: [], updated: [], removed: [] });
    expect(fake.commandPuts.map((p) => p.changed)).toEqual([true, false]);
  });

  it("tells which commands were updated and removed", async () => {
    const options = {
      token: fake.token,
      guildId: fake.guildId,
      api: fake.restUrl,
      applicationId: fake.applicationId,
    };
    const explain = commandRegistry.find((c) => c.name === "explain") as AnyCommand;
    const renamed = { ...explain, description: { en: "Explain, differently", ja: "別の説明" } };
    const result = await registerCommands({ ...options, commands: [renamed, leaf("extra")] });
    expect(result).toMatchObject({
      changed: true,
      commands: ["explain", "extra"],
      added: ["extra"],
      updated: ["explain"],
      removed: commandRegistry.map((c) => c.name).filter((n) => n !== "explain"),
    });
    await registerCommands(options);
  });

  it("registers globally, for servers and DMs with the bot (admin commands for servers only)", async () => {
    const result = await registerCommands({ token: fake.token, api: fake.restUrl });
    expect(result.guildId).toBeNull();
    const stored = fake.commands(null).find((c) => c.name === "help");
    expect(stored).toMatchObject({ contexts: [0, 1], integration_types: [0] });
    expect(fake.commands(null).find((c) => c.name === "tutor")).toMatchObject({
      contexts: [0],
      integration_types: [0],
    });
  });

  it("runs as `tutor discord-register --guild ID` and prints what changed", async () => {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    vi.stubEnv("DISCORD_TOKEN", fake.token);
    vi.stubEnv("DISCORD_API_URL", fake.restUrl);
    vi.stubEnv("DISCORD_APPLICATION_ID", fake.applicationId);
    const other = fake.guildIds[0] ?? "";
    try {
      // The guild already has the registry's commands from the first test.
      expect(await main(["discord-register", "--guild", other])).toBe(0);
      expect(await main(["discord-register", "--json"])).toBe(0);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    const names = commandRegistry.map((c) => `/${c.name}`).join(" ");
    expect(out[0]).toBe(
      `Already up to date: ${commandRegistry.length} command(s) in server ${other} for application ${fake.applicationId}: ${names}\n` +
        "  nothing changed\n" +
        `Invite the bot with: ${inviteUrl(fake.applicationId)}\n`,
    );
    expect(JSON.parse(out[1] ?? "")).toMatchObject({ guildId: null, changed: false });
  });

  it("needs DISCORD_TOKEN", async () => {
    vi.stubEnv("DISCORD_TOKEN", "");
    try {
      await expect(main(["discord-register"])).rejects.toThrow(/needs DISCORD_TOKEN/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("the invite link", () => {
  it("asks for the bot and applications.commands scopes and exactly the permissions the bot uses", () => {
    expect(BOT_PERMISSIONS).toBe(
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.EmbedLinks |
        PermissionFlagsBits.CreatePublicThreads |
        PermissionFlagsBits.SendMessagesInThreads,
    );
    expect(BOT_PERMISSIONS).toBe(309237664768n);
    expect(inviteUrl("123456789012345678")).toBe(
      "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot%20applications.commands&permissions=309237664768",
    );
  });
});
