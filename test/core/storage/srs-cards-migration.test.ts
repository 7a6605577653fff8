/**
 * Migration 013 rebuilds srs_cards without a rowid and without its due-date index (two b-trees fewer per
 * answer's commit): a database written before it keeps every card, and reviews read them as before.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nextCard } from "../../../src/core/quiz/srs.js";
import { openDatabase } from "../../../src/core/storage/database.js";
import { sqliteStores } from "../../../src/core/storage/sqlite/index.js";
import type { Person, Place } from "../../../src/core/storage/stores.js";
import { aQuestion } from "../../helpers/questions.js";
import { migrationsBefore } from "../../helpers/migrations.js";
import { tempDir } from "../../helpers/tutor.js";

const REBUILD = 13;
const place: Place = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const alice: Person = { platform: "slack", workspaceId: "T1", userId: "U-alice" };

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe("migration 013 (srs_cards without rowid)", () => {
  it("keeps every card of a database written before it, due dates and order included", async () => {
    const { dir, cleanup } = tempDir("srs-cards-013");
    cleanups.push(cleanup);
    // The migrations before the rebuild, as a database written by the previous version has them.
    const before = migrationsBefore(dir, REBUILD);
    const file = path.join(dir, "state.sqlite");
    const t0 = new Date("2026-11-30T09:00:00.000Z");

    const old = openDatabase(file, { migrationsDir: before });
    const oldStores = sqliteStores(old);
    // Three questions answered: two right (due later), one wrong (due soonest).
    for (const [i, right] of [true, false, true].entries()) {
      const q = aQuestion(`q-card-${i}`, 2);
      const post = await oldStores.quiz.createPost(place, q, "adhoc", t0, alice.userId);
      if (!post) throw new Error("no post");
      const answer = {
        post,
        user: { id: alice.userId },
        choice: right ? q.answer : (q.answer + 1) % q.choices.length,
        correct: right,
        answerDate: "2026-11-30",
        now: t0,
      };
      expect(await oldStores.quiz.recordAnswer(answer, (p) => nextCard(p, right, t0))).toBe(true);
    }
    const farFuture = new Date("2030-01-01T00:00:00.000Z");
    const dueBefore = await oldStores.reviews.due(alice, farFuture);
    const nextBefore = await oldStores.reviews.nextDue(alice);
    const cardBefore = await oldStores.reviews.card(alice, "q-card-1");
    old.close();

    const db = openDatabase(file);
    cleanups.push(() => db.close());
    const table = db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'srs_cards'")
      .get() as { sql: string };
    expect(table.sql).toMatch(/WITHOUT ROWID\s*$/);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'srs_cards_due'").all()).toEqual([]);
    const s = sqliteStores(db);
    expect(await s.reviews.count(alice)).toBe(3);
    expect(await s.reviews.due(alice, farFuture)).toEqual(dueBefore);
    expect(dueBefore[0]).toBe("q-card-1");
    expect(await s.reviews.nextDue(alice)).toEqual(nextBefore);
    expect(await s.reviews.card(alice, "q-card-1")).toEqual(cardBefore);
  });
});
