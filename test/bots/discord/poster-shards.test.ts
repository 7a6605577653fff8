// A sharded process speaks only for its own servers: the daily poster and the onboarding reminders ask
// the Discord poster before they claim a post, so a post is never claimed by a process that cannot send it.
import { Client } from "discord.js";
import { describe, expect, it } from "vitest";
import { DiscordPoster } from "../../../src/bots/discord/poster.js";
import { ownerOf, sixGuilds } from "./shard-guilds.js";

const guildIds = sixGuilds().map((g) => g.id ?? "");

function posterOf(options: { shards?: number[]; shardCount?: number }): DiscordPoster {
  const client = new Client({ intents: [], ...options });
  return new DiscordPoster(client, "en");
}

describe("DiscordPoster.serves", () => {
  it("is true for the servers of this process's shard only", () => {
    for (const shard of [0, 1]) {
      const poster = posterOf({ shards: [shard], shardCount: 2 });
      const served = guildIds.filter((g) => poster.serves(g));
      expect(served).toEqual(guildIds.filter((g) => ownerOf(g, 2) === shard));
      expect(served).toHaveLength(3);
    }
  });

  it("is true for every server when the process is not sharded", () => {
    const poster = posterOf({ shards: [0], shardCount: 1 });
    expect(guildIds.every((g) => poster.serves(g))).toBe(true);
  });
});
