/** Fake Discord servers for the sharding tests. */
import type { FakeGuildOptions } from "../../fakes/discord.js";

/** The shard id that must receive a guild, computed from the snowflake here (not by the fake). */
export const ownerOf = (guildId: string, count: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(count));

/** Six servers with ids chosen so that, of two shards, each owns three; member<k> is in server k. */
export function sixGuilds(): FakeGuildOptions[] {
  return Array.from({ length: 6 }, (_, k) => ({
    // A snowflake whose timestamp part is 10^10 + k ms: (id >> 22) % 2 alternates with k.
    id: ((10_000_000_000n + BigInt(k)) << 22n).toString(),
    name: `Server ${k}`,
    channels: [{ name: "general" }],
    members: [{ username: `member${k}` }],
  }));
}
