// Discord sharding with real processes (`npm start`, as in two pods of the StatefulSet): two service
// processes on one fake Discord, shard 0 and shard 1 of 2, each answering only its own servers; a third
// process whose shard cannot be justified exits before it connects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discord.js";
import { killAll, logs, serveProcess, startProcess, stopProcess } from "../../helpers/service.js";
import { ownerOf, sixGuilds } from "./shard-guilds.js";

const SHARDS = 2;
let tmp: string;
let fake: FakeDiscord;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-shards-"));
  // At most 3 servers a shard: one unsharded process could not connect to all six.
  fake = await new FakeDiscord({ guilds: sixGuilds(), maxGuildsPerShard: 3 }).start();
});
afterAll(async () => {
  killAll();
  await fake?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const envFor = (name: string, extra: Record<string, string>) => ({
  TUTOR_DB: path.join(tmp, `${name}.sqlite`),
  DISCORD_TOKEN: fake.token,
  DISCORD_API_URL: fake.restUrl,
  DISCORD_SHARD_COUNT: String(SHARDS),
  ...extra,
});

/** `tutor_commands_total` of /explain answered by a process. */
async function explained(port: number): Promise<number> {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const m = /tutor_commands_total\{command="explain",outcome="ok"\} (\d+)/.exec(metrics);
  return m ? Number(m[1]) : 0;
}

describe("two service processes, one shard each", () => {
  it("each server's command is answered once, by the process of its shard; a duplicate is refused", {
    timeout: 90_000,
  }, async () => {
    const zero = await serveProcess(envFor("zero", { DISCORD_SHARD_ID: "0" }));
    const one = await serveProcess(envFor("one", { POD_NAME: "notes-tutor-discord-1" }));
    try {
      expect(fake.shardSessions.filter((s) => s.connected).map((s) => s.shard)).toEqual([
        [0, SHARDS],
        [1, SHARDS],
      ]);
      // Each pod's log says which shard it runs.
      const shardLogged = (p: typeof zero) =>
        (logs(p.s).find((l) => l.msg === "discord connected") as { shard?: number[] } | undefined)?.shard;
      expect([shardLogged(zero), shardLogged(one)]).toEqual([
        [0, SHARDS],
        [1, SHARDS],
      ]);
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
        const cb = await fake.waitForCallback(id, 10_000);
        expect(cb.status).toBeLessThan(300);
        expect(JSON.stringify(cb.body)).toContain("docker container cp");
      }
      // A second answer to one interaction would have been refused (40060) and recorded as an error.
      for (const { id } of sent) expect(fake.callbacks.filter((c) => c.interactionId === id)).toHaveLength(1);
      fake.assertNoErrors();
      const owned = [0, 1].map((shard) => sent.filter((s) => ownerOf(s.guildId, SHARDS) === shard).length);
      expect(owned).toEqual([3, 3]);
      expect([await explained(zero.port), await explained(one.port)]).toEqual(owned);

      // A third pod: ordinal 1 contradicted by a DISCORD_SHARD_ID of 0. It exits with the reason, unconnected.
      const identified = fake.identifies.length;
      const third = startProcess({
        TUTOR_TERMINAL: "off",
        PORT: "0",
        HOST: "127.0.0.1",
        ...envFor("third", { DISCORD_SHARD_ID: "0", POD_NAME: "notes-tutor-discord-1" }),
      });
      expect(await third.exited).toBe(1);
      expect(third.stderr).toMatch(
        /DISCORD_SHARD_ID is 0 but the pod's ordinal \(POD_NAME notes-tutor-discord-1\) is 1/,
      );
      expect(fake.identifies.length).toBe(identified);
    } finally {
      expect((await stopProcess(zero.s, "SIGTERM")).code).toBe(0);
      expect((await stopProcess(one.s, "SIGTERM")).code).toBe(0);
    }
  });
});
