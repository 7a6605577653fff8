import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { leaderboard, streaks } from "../../../src/core/quiz/scores.js";
import type { Reply } from "../../../src/core/reply.js";
import { Tutor } from "../../../src/core/tutor.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quiz-a-"));
let clock = new Date("2026-05-01T10:00:00Z");
const tutor = Tutor.open({
  dbFile: path.join(dir, "t.sqlite"),
  notesDir: BUNDLED_NOTES_DIR,
  logger: pino({ level: "silent" }),
  now: () => clock,
});
afterAll(() => {
  tutor.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const who = (userId: string, channelId = "C1"): Invocation => ({
  platform: "discord",
  workspaceId: "G1",
  channelId,
  userId,
  userName: userId.toLowerCase(),
  locale: "en",
  isAdmin: false,
});

function buttons(r: Reply): { id: string; post: number; choice: number }[] {
  return r.choices.map((c) => {
    const [, post, choice] = c.id.split(":");
    return { id: c.id, post: Number(post), choice: Number(choice) };
  });
}

async function correctButton(r: Reply): Promise<string> {
  const post = buttons(r)[0]!.post;
  const q = (await tutor.quiz.store.question((await tutor.quiz.store.post(post))!.questionId))!;
  return `quiz:${post}:${q.answer}`;
}

async function wrongButton(r: Reply): Promise<string> {
  const post = buttons(r)[0]!.post;
  const q = (await tutor.quiz.store.question((await tutor.quiz.store.post(post))!.questionId))!;
  return `quiz:${post}:${(q.answer + 1) % q.choices.length}`;
}

describe("answering quiz questions", () => {
  it("records one answer per person per question, before replying, and updates the answer count", async () => {
    const q = await tutor.runCommand(who("U1"), ["quiz"], {});
    expect(q.ephemeral).toBe(false);
    expect(buttons(q)).toHaveLength(4);
    const first = await tutor.runAction(who("U1"), await correctButton(q));
    expect(first.reply?.blocks[0]).toMatchObject({ tone: "success" });
    expect(first.reply?.citations[0]?.source).toMatch(/^notes\/docker-kubernetes\.md#/);
    expect(first.update?.blocks.some((b) => b.type === "text" && b.text === "1 answered")).toBe(true);
    const post = buttons(q)[0]!.post;
    expect(await tutor.quiz.store.existingAnswer(post, "U1")).toEqual({
      choice: expect.any(Number),
      correct: true,
    });
    const again = await tutor.runAction(who("U1"), await wrongButton(q));
    // The reply names the choice that counted (the first press's), not the one just pressed.
    const firstChoice = (await correctButton(q)).split(":")[2];
    const secondChoice = (await wrongButton(q)).split(":")[2];
    const letter = (i: string | undefined) => `**${"ABCD"[Number(i)]}. `;
    const [notice] = again.reply?.blocks ?? [];
    expect(notice).toMatchObject({ tone: "info", text: expect.stringContaining("already answered") });
    expect(notice).toMatchObject({ text: expect.stringContaining(letter(firstChoice)) });
    expect(notice).not.toMatchObject({ text: expect.stringContaining(letter(secondChoice)) });
    expect(again.update).toBeUndefined();
    expect(await tutor.quiz.store.answerCount(post)).toEqual({ total: 1, correct: 1 });
    const other = await tutor.runAction(who("U2"), await wrongButton(q));
    expect(other.reply?.blocks[0]).toMatchObject({ tone: "error" });
    expect(other.update?.blocks.some((b) => b.type === "text" && b.text === "2 answered")).toBe(true);
  });

  it("rejects forged or stale buttons politely", async () => {
    for (const id of ["quiz:999999:0", "quiz:1:9", "quiz:abc", "nope:1", "share:../../etc"]) {
      const r = await tutor.runAction(who("U1"), id);
      expect(r.reply?.blocks[0]).toMatchObject({ type: "note", tone: "info" });
      expect(r.update).toBeUndefined();
    }
  });

  it("brings a wrong answer back sooner than a right one, and /quiz asks what is due first", async () => {
    const u = who("U3");
    const q1 = await tutor.runCommand(u, ["quiz"], {});
    await tutor.runAction(u, await wrongButton(q1));
    const q2 = await tutor.runCommand(u, ["quiz"], {});
    await tutor.runAction(u, await correctButton(q2));
    const cards = tutor.db
      .prepare("SELECT question_id, due_at FROM srs_cards WHERE user_id = 'U3'")
      .all() as { question_id: string; due_at: string }[];
    const wrongQ = (await tutor.quiz.store.post(buttons(q1)[0]!.post))!.questionId;
    const rightQ = (await tutor.quiz.store.post(buttons(q2)[0]!.post))!.questionId;
    const due = (id: string) => Date.parse(cards.find((c) => c.question_id === id)!.due_at);
    expect(due(wrongQ)).toBeLessThan(due(rightQ));
    clock = new Date(clock.getTime() + 5 * 60_000); // Again: due in a minute; Good: in ten
    const review = await tutor.runCommand(u, ["review"], {});
    expect(review.blocks[0]).toMatchObject({ text: expect.stringContaining("1 question(s) due") });
    const q3 = await tutor.runCommand(u, ["quiz"], {});
    expect(q3.title).toBe("Review");
    expect((await tutor.quiz.store.post(buttons(q3)[0]!.post))!.questionId).toBe(wrongQ);
  });

  it("ranks the leaderboard by points, ties broken by who got there first", async () => {
    const c = "C9";
    for (const [user, right] of [
      ["UA", 2],
      ["UB", 2],
      ["UC", 1],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        clock = new Date(clock.getTime() + 60_000);
        const q = await tutor.runCommand(who(user, c), ["quiz"], {});
        await tutor.runAction(who(user, c), i < right ? await correctButton(q) : await wrongButton(q));
      }
    }
    const board = await leaderboard(
      tutor.state.scores,
      { platform: "discord", workspaceId: "G1", channelId: c },
      "all",
      clock,
    );
    expect(board.map((r) => [r.name, r.points])).toEqual([
      ["ua", 2],
      ["ub", 2],
      ["uc", 1],
    ]);
    const shown = await tutor.runCommand(who("UA", c), ["leaderboard"], { period: "week" });
    expect(shown.blocks[0]).toMatchObject({
      text: "1. ua — 2 pt (2, 100%)\n2. ub — 2 pt (2, 100%)\n3. uc — 1 pt (2, 50%)",
    });
    const bad = await tutor.runCommand(who("UA", c), ["leaderboard"], { period: "year" });
    expect(bad.blocks[0]).toMatchObject({ text: expect.stringContaining("must be week, month or all") });
  });

  it("counts daily streaks as runs of consecutive days", () => {
    expect(
      streaks(["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-05", "2026-05-06"], "2026-05-06"),
    ).toEqual({ streak: 2, best: 3 });
    expect(streaks(["2026-05-01", "2026-05-02"], "2026-05-05")).toEqual({ streak: 0, best: 2 });
    expect(streaks([], "2026-05-05")).toEqual({ streak: 0, best: 0 });
  });

  it("keeps answers, scores and schedules through a reindex", async () => {
    const before = tutor.db.prepare("SELECT count(*) AS n FROM quiz_answers").get() as { n: number };
    tutor.reindex(true);
    const after = tutor.db.prepare("SELECT count(*) AS n FROM quiz_answers").get() as { n: number };
    expect(after.n).toBe(before.n);
    expect(before.n).toBeGreaterThan(0);
    const stats = await tutor.runCommand(who("UA", "C9"), ["stats"], {});
    expect(stats.blocks[0]).toMatchObject({ text: expect.stringContaining("Points: 2") });
  });

  it("lets only admins change the daily schedule", async () => {
    const denied = await tutor.runCommand(who("U1"), ["tutor", "daily", "set"], { time: "09:00" });
    expect(denied.blocks[0]).toMatchObject({ tone: "error", text: "Only admins can run /tutor daily set." });
  });
});
