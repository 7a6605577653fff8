import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import {
  BOT_EVENTS,
  BOT_SCOPES,
  ManifestError,
  requestUrlOf,
  type SlackManifest,
  slackManifest,
  slackManifestYaml,
} from "../../../src/bots/slack/manifest.js";
import { CliUsageError } from "../../../src/cli/args.js";
import { main } from "../../../src/cli/main.js";
import { commandRegistry } from "../../../src/core/commands/registry.js";

async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await main(argv), out };
  } finally {
    spy.mockRestore();
  }
}

describe("Slack app manifest", () => {
  afterEach(() => vi.restoreAllMocks());

  it("HTTP mode: valid YAML with every registry command, the scopes, events and request URLs", async () => {
    const { code, out } = await cli(["slack-manifest", "--url", "https://tutor.example.com"]);
    expect(code).toBe(0);
    const m = parse(out) as SlackManifest;
    const url = "https://tutor.example.com/slack/events";
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commandRegistry.map((c) => `/${c.name}`));
    for (const c of m.features.slash_commands) {
      expect(c.url).toBe(url);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.should_escape).toBe(true);
    }
    const explain = m.features.slash_commands.find((c) => c.command === "/explain");
    expect(explain?.description).toBe(
      "Explain a docker or kubectl command line from your notes, flag by flag",
    );
    expect(explain?.usage_hint).toBe("<command> — e.g. docker cp");
    expect(m.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "channels:history",
      "channels:read",
      "chat:write",
      "chat:write.public",
      "commands",
      "groups:history",
      "groups:read",
      "im:history",
      "users:read",
    ]);
    // Direct messages: people can type in the App Home messages tab.
    expect(m.features.app_home).toEqual({
      home_tab_enabled: false,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(m.settings).toEqual({
      event_subscriptions: {
        bot_events: [
          "app_mention",
          "message.im",
          "message.channels",
          "message.groups",
          "member_joined_channel",
        ],
        request_url: url,
      },
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    expect(m.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it("Socket Mode: no request URLs anywhere, socket_mode_enabled", async () => {
    const { out } = await cli(["slack-manifest", "--socket"]);
    expect(out).not.toContain("request_url");
    expect(out).not.toContain("url:");
    const m = parse(out) as SlackManifest;
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity).toEqual({ is_enabled: true });
    expect(m.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
    expect(m.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
  });

  it("speaks Japanese with --locale ja", async () => {
    const { out } = await cli(["slack-manifest", "--socket", "--locale", "ja"]);
    const m = parse(out) as SlackManifest;
    expect(m.features.slash_commands.find((c) => c.command === "/ask")?.description).toBe(
      "質問するとノートから答えます",
    );
  });

  it("needs --url or --socket, and an https URL", async () => {
    await expect(cli(["slack-manifest"])).rejects.toBeInstanceOf(CliUsageError);
    await expect(cli(["slack-manifest", "--url", "http://insecure.example"])).rejects.toThrow(/https/);
    expect(() => slackManifest({ commands: commandRegistry, socket: false, url: "not a url" })).toThrow(
      ManifestError,
    );
  });

  it("builds the request URL under any path prefix, once", () => {
    expect(requestUrlOf("https://h.example")).toBe("https://h.example/slack/events");
    expect(requestUrlOf("https://h.example/")).toBe("https://h.example/slack/events");
    expect(requestUrlOf("https://h.example/tutor/")).toBe("https://h.example/tutor/slack/events");
    expect(requestUrlOf("https://h.example/slack/events")).toBe("https://h.example/slack/events");
  });

  it("is derived from the registry: a group's usage hint lists its subcommands", () => {
    const yaml = slackManifestYaml({ commands: commandRegistry, socket: true });
    const m = parse(yaml) as SlackManifest;
    for (const c of commandRegistry) {
      const entry = m.features.slash_commands.find((s) => s.command === `/${c.name}`);
      expect(entry?.description).toBe(c.description.en);
      if ("subcommands" in c) expect(entry?.usage_hint).toBe(c.subcommands.map((s) => s.name).join(" | "));
    }
  });
});
