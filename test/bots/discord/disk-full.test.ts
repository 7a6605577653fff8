/**
 * A full disk seen from Discord: /quiz answers privately that nothing can be saved (not "Something went
 * wrong"), and posts its question again once there is space. The disk is filled as in
 * test/core/storage/disk-full.test.ts: the database may not grow, then the bot is used until a write needs
 * a page.
 */
import { MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackOf, type Harness, startHarness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Far more tries than pages that could still take a row. */
const MAX_TRIES = 500;

describe("disk full on Discord", () => {
  it("/quiz says the disk is full, privately, and works again when space returns", async () => {
    const db = h.tutor.db;
    db.exec("CREATE TABLE IF NOT EXISTS test_filler (b BLOB)");
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
    const insert = db.prepare("INSERT INTO test_filler VALUES (randomblob(3000))");
    try {
      for (;;) insert.run();
    } catch (err) {
      expect((err as { code?: string }).code).toBe("SQLITE_FULL");
    }
    type Data = { flags?: number; embeds?: { description?: string; title?: string }[] };
    let refused: Data | undefined;
    for (let i = 0; i < MAX_TRIES && !refused; i++) {
      // A new member each time, as on a busy server.
      const { id } = h.fake.slashCommand({ name: "quiz", user: { username: `member${i}` } });
      const data = ((await callbackOf(h.fake, id)).body as { data?: Data }).data;
      const text = data?.embeds?.[0]?.description ?? "";
      if (text.includes("disk is full")) refused = data;
      else expect(data?.embeds?.[0]?.title).toBe("Quiz");
      h.fake.reset();
    }
    expect(refused).toMatchObject({
      flags: MessageFlags.Ephemeral,
      embeds: [{ description: expect.stringMatching(/^❌ I can't save right now: the disk is full\./) }],
    });
    db.pragma("max_page_count = 1073741823");
    const again = h.fake.slashCommand({ name: "quiz", user: "bob" });
    const data = ((await callbackOf(h.fake, again.id)).body as { data: { embeds?: { title?: string }[] } })
      .data;
    expect(data.embeds?.[0]?.title).toBe("Quiz");
  }, 60_000);
});
