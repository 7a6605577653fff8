/**
 * Migration 009 rebuilds quiz_answers without a rowid (one b-tree less per answer's commit; 010 and 011 add
 * and drop a count kept on each post): a database written before them keeps every answer, its posts' counts
 * are the answers it holds, and the rules on answers hold afterwards.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nextCard } from "../../../src/core/quiz/srs.js";
import { openDatabase } from "../../../src/core/storage/database.js";
import { sqliteStores } from "../../../src/core/storage/sqlite/index.js";
import type { NewAnswer, Person, Place, Post } from "../../../src/core/storage/stores.js";
import { migrationsBefore } from "../../helpers/migrations.js";
import { tempDir } from "../../helpers/tutor.js";
import { aQuestion } from "../../helpers/questions.js";

const REBUILD = 9;
const place: Place = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const alice: Person = { platform: "slack", workspaceId: "T1", userId: "U-alice" };
const bob: Person = { ...alice, userId: "U-bob" };
const question = aQuestion("q-migrated", 2);

function answer(post: Post, who: Person, choice: number, at: Date, name?: string): NewAnswer {
  return {
    post,
    user: { id: who.userId, name },
    choice,
    correct: choice === question.answer,
    answerDate: at.toISOString().slice(0, 10),
    now: at,
  };
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe("migrations 009–011 (quiz_answers without rowid)", () => {
  it("keeps the answers of a database written before it, and one answer per person and post after", async () => {
    const { dir, cleanup } = tempDir("quiz-answers-009");
    cleanups.push(cleanup);
    // The migrations before the rebuild, as a database written by the previous version has them.
    const before = migrationsBefore(dir, REBUILD);
    const file = path.join(dir, "state.sqlite");
    const t0 = new Date("2026-11-30T09:00:00.000Z");
    const t1 = new Date("2026-11-30T09:05:00.000Z");

    const old = openDatabase(file, { migrationsDir: before });
    const oldStores = sqliteStores(old);
    const post = await oldStores.quiz.createPost(place, question, "adhoc", t0, alice.userId);
    if (!post) throw new Error("no post");
    expect(
      await oldStores.quiz.recordAnswer(answer(post, alice, 2, t0, "Alice"), (p) => nextCard(p, true, t0)),
    ).toBe(true);
    expect(await oldStores.quiz.recordAnswer(answer(post, bob, 1, t1))).toBe(true);
    old.close();

    const db = openDatabase(file);
    cleanups.push(() => db.close());
    const table = db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'quiz_answers'")
      .get() as { sql: string };
    expect(table.sql).toMatch(/WITHOUT ROWID\s*$/);
    const triggers = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'quiz_answers'")
      .all();
    expect(triggers).toEqual([]);
    const s = sqliteStores(db);
    expect(await s.quiz.answerCount(post.id)).toEqual({ total: 2, correct: 1 });
    expect(await s.quiz.existingAnswer(post.id, alice.userId)).toEqual({ choice: 2, correct: true });
    expect(await s.quiz.existingAnswer(post.id, bob.userId)).toEqual({ choice: 1, correct: false });
    expect(await s.quiz.seenQuestions(alice)).toEqual(new Set([question.id]));
    expect(await s.scores.totals(bob)).toEqual({ answered: 1, correct: 0 });
    expect(await s.scores.latestName(alice)).toBe("Alice");
    expect((await s.scores.leaderboard(place, null, 10)).map((r) => [r.userId, r.points])).toEqual([
      [alice.userId, 1],
      [bob.userId, 0],
    ]);
    // The card written with the answer before the rebuild is still there.
    expect(await s.reviews.count(alice)).toBe(1);
    // A second answer by the same person to the same post is still refused, with nothing written.
    expect(await s.quiz.recordAnswer(answer(post, alice, 0, t1), (p) => nextCard(p, false, t1))).toBe(false);
    expect(await s.quiz.answerCount(post.id)).toEqual({ total: 2, correct: 1 });
    // New answers count from there, a right one in both numbers.
    const carol: Person = { ...alice, userId: "U-carol" };
    expect(await s.quiz.recordAnswer(answer(post, carol, 2, t1))).toBe(true);
    expect(await s.quiz.answerCount(post.id)).toEqual({ total: 3, correct: 2 });
    // The post can no longer be released: it has answers (the rebuilt table is still what releaseClaim reads).
    await s.quiz.releaseClaim(post.id);
    expect(await s.quiz.post(post.id)).not.toBeNull();
  });
});
