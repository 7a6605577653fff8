/**
 * Discord sharding: which shard a process runs (DISCORD_SHARD_COUNT with DISCORD_SHARD_ID or a StatefulSet
 * pod's POD_NAME), refused whenever two processes could end up on one shard; and two shards as two real
 * discord.js clients on one fake Discord, each server's events reaching only the shard that owns it.
 */
import { Events } from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDiscordSurface, type DiscordSurface } from "../../../src/bots/discord/surface.js";
import { registerCommands } from "../../../src/bots/discord/registration.js";
import { ConfigError, discordShard, loadConfig, MAX_DISCORD_SHARDS } from "../../../src/core/config.js";
import type { HealthServer } from "../../../src/service/http.js";
import { Metrics } from "../../../src/service/metrics.js";
import { FakeDiscord } from "../../fakes/discord.js";
import { openTutor, silentLogger } from "./harness.js";
import { ownerOf, sixGuilds } from "./shard-guilds.js";

/** The Discord surface needs no inbound HTTP. */
const noHttp = {
  addRoute: () => {
    throw new Error("the Discord surface should not add HTTP routes");
  },
} as unknown as HealthServer;

describe("which shard a process runs", () => {
  const shardOf = (env: Record<string, string>) => {
    const c = loadConfig(env);
    return discordShard(c);
  };
  const refusal = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error(`accepted ${JSON.stringify(env)}`);
  };

  it("is unsharded by default: shard 0 of 1", () => {
    expect(shardOf({})).toEqual({ id: 0, count: 1, from: "unsharded" });
    expect(shardOf({ DISCORD_SHARD_COUNT: "", DISCORD_SHARD_ID: "" })).toEqual({
      id: 0,
      count: 1,
      from: "unsharded",
    });
  });

  it("takes the id from DISCORD_SHARD_ID, or from a StatefulSet pod's ordinal", () => {
    expect(shardOf({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARD_ID: "1" })).toEqual({
      id: 1,
      count: 2,
      from: "DISCORD_SHARD_ID",
    });
    expect(shardOf({ DISCORD_SHARD_COUNT: "3", POD_NAME: "notes-tutor-discord-2" })).toEqual({
      id: 2,
      count: 3,
      from: "POD_NAME",
    });
    // Both, agreeing, is fine.
    expect(shardOf({ DISCORD_SHARD_COUNT: "3", DISCORD_SHARD_ID: "0", POD_NAME: "bot-0" })).toMatchObject({
      id: 0,
    });
    // An unsharded StatefulSet of one pod.
    expect(shardOf({ POD_NAME: "notes-tutor-discord-0" })).toMatchObject({ id: 0, count: 1 });
    // An unsharded Deployment pod (random suffix, even all digits) is not read as an ordinal.
    expect(shardOf({ POD_NAME: "notes-tutor-7d9f8c6b5-24567" })).toMatchObject({ id: 0, count: 1 });
  });

  it("wants integers, an id below the count and a count within bounds, naming the variable", () => {
    expect(refusal({ DISCORD_SHARD_COUNT: "1.5" })).toMatch(/^Configuration error: DISCORD_SHARD_COUNT /);
    expect(refusal({ DISCORD_SHARD_COUNT: "two" })).toMatch(/DISCORD_SHARD_COUNT/);
    expect(refusal({ DISCORD_SHARD_COUNT: "0" })).toMatch(/DISCORD_SHARD_COUNT/);
    expect(refusal({ DISCORD_SHARD_COUNT: String(MAX_DISCORD_SHARDS + 1) })).toMatch(/DISCORD_SHARD_COUNT/);
    expect(refusal({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARD_ID: "0.5" })).toMatch(/DISCORD_SHARD_ID/);
    expect(refusal({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARD_ID: "-1" })).toMatch(/DISCORD_SHARD_ID/);
    expect(refusal({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARD_ID: "2" })).toBe(
      "Configuration error: DISCORD_SHARD_ID must be below DISCORD_SHARD_COUNT (2)",
    );
    expect(refusal({ DISCORD_SHARD_ID: "1" })).toMatch(
      /DISCORD_SHARD_ID must be below DISCORD_SHARD_COUNT \(1\)/,
    );
  });

  it("refuses an id that another process could hold too", () => {
    // Sharded without an id: every replica would be shard 0.
    expect(refusal({ DISCORD_SHARD_COUNT: "2" })).toMatch(
      /DISCORD_SHARD_ID is required with DISCORD_SHARD_COUNT 2/,
    );
    // One DISCORD_SHARD_ID in a ConfigMap that every pod of the StatefulSet reads.
    expect(
      refusal({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARD_ID: "0", POD_NAME: "notes-tutor-discord-1" }),
    ).toMatch(/DISCORD_SHARD_ID is 0 but the pod's ordinal .* is 1/);
    // A Deployment's replicas share one environment and have no ordinal.
    for (const pod of ["notes-tutor-7d9f8c6b5-x2k4q", "notes-tutor-7d9f8c6b5-24567"]) {
      expect(refusal({ DISCORD_SHARD_COUNT: "2", POD_NAME: pod })).toMatch(/POD_NAME .* has no -N ordinal/);
      expect(refusal({ DISCORD_SHARD_COUNT: "2", DISCORD_SHARD_ID: "1", POD_NAME: pod })).toMatch(/POD_NAME/);
    }
    // More replicas than shards: pod 2 of a StatefulSet scaled to 3 with DISCORD_SHARD_COUNT 2, or pod 1 of
    // an unsharded StatefulSet scaled to 2 (both would be shard 0 of 1).
    expect(refusal({ DISCORD_SHARD_COUNT: "2", POD_NAME: "notes-tutor-discord-2" })).toMatch(
      /POD_NAME pod ordinal 2 is not below DISCORD_SHARD_COUNT \(2\)/,
    );
    expect(refusal({ POD_NAME: "notes-tutor-discord-1" })).toMatch(/POD_NAME pod ordinal 1/);
  });
});

describe("two shards on one Discord", () => {
  const SHARDS = 2;
  let fake: FakeDiscord;
  const surfaces: DiscordSurface[] = [];
  const cleanups: (() => void)[] = [];
  /** Interaction ids each shard's client received. */
  const received: string[][] = [[], []];

  const start = async (env: Record<string, string>) => {
    const { tutor, dbFile, cleanup } = openTutor();
    cleanups.push(cleanup);
    const config = loadConfig({
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restUrl,
      TUTOR_DB: dbFile,
      ...env,
    });
    const surface = createDiscordSurface({
      tutor,
      config,
      logger: silentLogger,
      http: noHttp,
      metrics: new Metrics(),
    });
    surfaces.push(surface);
    await surface.start();
    return surface;
  };

  beforeAll(async () => {
    // A shard may hold 3 servers here, so one unsharded connection to all six would be refused (4011).
    fake = await new FakeDiscord({ guilds: sixGuilds(), maxGuildsPerShard: 3 }).start();
    const { tutor, cleanup } = openTutor();
    for (const guildId of fake.guildIds)
      await registerCommands({ token: fake.token, guildId, api: fake.restUrl, commands: tutor.commands });
    cleanup();
    // Shard 0 told by DISCORD_SHARD_ID, shard 1 by its StatefulSet pod name.
    const zero = await start({ DISCORD_SHARD_COUNT: String(SHARDS), DISCORD_SHARD_ID: "0" });
    const one = await start({ DISCORD_SHARD_COUNT: String(SHARDS), POD_NAME: "notes-tutor-discord-1" });
    for (const [i, s] of [zero, one].entries())
      s.client.on(Events.InteractionCreate, (interaction) => received[i]!.push(interaction.id));
  });

  afterAll(async () => {
    for (const s of surfaces) await s.stop();
    await fake?.close();
    for (const c of cleanups) c();
  });

  it("each process identifies with its own shard", () => {
    expect(fake.identifies.map((d) => d.shard)).toEqual([
      [0, SHARDS],
      [1, SHARDS],
    ]);
    expect(fake.shardSessions.map((s) => [s.shard, s.connected])).toEqual([
      [[0, SHARDS], true],
      [[1, SHARDS], true],
    ]);
    for (const s of surfaces) expect(s.connected()).toBe(true);
  });

  it("each shard is given the servers it owns by (guild_id >> 22) % shard_count, and no others", () => {
    const owned = [0, 1].map((shard) => fake.guildIds.filter((g) => ownerOf(g, SHARDS) === shard).sort());
    expect(owned.map((o) => o.length)).toEqual([3, 3]);
    for (const [shard, s] of surfaces.entries())
      expect([...s.client.guilds.cache.keys()].sort()).toEqual(owned[shard]);
  });

  it("answers every server's command exactly once, from the shard that owns the server", async () => {
    received[0]!.length = 0;
    received[1]!.length = 0;
    const sent = fake.guildIds.map((guildId, k) => ({
      guildId,
      id: fake.slashCommand({
        name: "explain",
        options: { command: "docker cp" },
        guildId,
        user: `member${k}`,
      }).id,
    }));
    for (const { id } of sent) {
      const cb = await fake.waitForCallback(id);
      expect(cb.status).toBeLessThan(300);
      expect(cb.type).toBe(4);
    }
    for (const { guildId, id } of sent) {
      const owner = ownerOf(guildId, SHARDS);
      expect(received[owner], `shard ${owner} for ${guildId}`).toContain(id);
      expect(received[1 - owner], `shard ${1 - owner} for ${guildId}`).not.toContain(id);
      expect(fake.callbacks.filter((c) => c.interactionId === id)).toHaveLength(1);
    }
    expect(received[0]!.length + received[1]!.length).toBe(sent.length);
    fake.assertNoErrors();
  });

  it("a direct message's command goes to shard 0, as Discord sends DMs", async () => {
    received[0]!.length = 0;
    received[1]!.length = 0;
    const { id } = fake.slashCommand({
      name: "ask",
      options: { question: "What is a Pod?" },
      guildId: null,
      user: "member0",
    });
    expect((await fake.waitForCallback(id)).status).toBeLessThan(300);
    expect(received).toEqual([[id], []]);
  });

  it("a third process with a shard another one could hold is refused before it connects", async () => {
    const identified = fake.identifies.length;
    // Pod 1's ordinal, contradicted by a DISCORD_SHARD_ID of 0 that every pod would read: refused by the config.
    await expect(
      start({
        DISCORD_SHARD_COUNT: String(SHARDS),
        DISCORD_SHARD_ID: "0",
        POD_NAME: "notes-tutor-discord-1",
      }),
    ).rejects.toThrow(/DISCORD_SHARD_ID is 0 but the pod's ordinal/);
    // A configuration built without loadConfig is checked again by the Discord surface itself.
    const { tutor, dbFile, cleanup } = openTutor();
    cleanups.push(cleanup);
    const config = {
      ...loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restUrl, TUTOR_DB: dbFile }),
      DISCORD_SHARD_COUNT: SHARDS,
    };
    expect(() =>
      createDiscordSurface({ tutor, config, logger: silentLogger, http: noHttp, metrics: new Metrics() }),
    ).toThrow(/DISCORD_SHARD_ID is required with DISCORD_SHARD_COUNT 2/);
    expect(fake.identifies.length).toBe(identified);
    expect(fake.shardSessions.filter((s) => s.connected).map((s) => s.shard[0])).toEqual([0, 1]);
  });
});

describe("the fake Discord's shard advice", () => {
  it("GET /gateway/bot recommends a shard per 1000 servers", async () => {
    const small = await new FakeDiscord({ guilds: sixGuilds() }).start();
    const big = await new FakeDiscord({
      guilds: Array.from({ length: 1001 }, (_, k) => ({ name: `S${k}`, channels: [] })),
    }).start();
    try {
      const shards = async (f: FakeDiscord) => {
        const res = await fetch(`${f.restUrl}/v10/gateway/bot`, {
          headers: { authorization: `Bot ${f.token}` },
        });
        return ((await res.json()) as { shards: number }).shards;
      };
      expect(await shards(small)).toBe(1);
      expect(await shards(big)).toBe(2);
    } finally {
      await small.close();
      await big.close();
    }
  });

  it("an unsharded connection to more servers than a shard may hold is closed with 4011", async () => {
    const fake = await new FakeDiscord({ guilds: sixGuilds(), maxGuildsPerShard: 3 }).start();
    const { tutor, dbFile, cleanup } = openTutor();
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restUrl, TUTOR_DB: dbFile });
    const surface = createDiscordSurface({
      tutor,
      config,
      logger: silentLogger,
      http: noHttp,
      metrics: new Metrics(),
    });
    try {
      await expect(surface.start()).rejects.toThrow(/4011/);
      // The fake records the code once the closing handshake is over.
      await vi.waitFor(() => expect(fake.gatewayConnections[0]?.closeCode).toBe(4011));
    } finally {
      await surface.stop();
      await fake.close();
      cleanup();
    }
  });
});
