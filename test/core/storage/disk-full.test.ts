/**
 * A full disk, simulated portably: the test database may not grow (`PRAGMA max_page_count`) once its free
 * pages are used up, and the bot is used until a write needs a page it cannot have, as on a disk filling
 * up. That command answers clearly and keeps nothing of what it started; with space back, it works again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "../../../src/core/actions/types.js";
import type { Invocation } from "../../../src/core/commands/types.js";
import type { Reply } from "../../../src/core/reply.js";
import type { Db } from "../../../src/core/storage/database.js";
import { invocation, notesOf, openTestTutor, type TestTutor } from "../../helpers/tutor.js";

const DISK_FULL = "I can't save right now: the disk is full.";
/** Far more tries than pages that could still take a row: the disk is full well before. */
const MAX_TRIES = 3000;

/** Uses every free page, then stops the file from growing: the next write that needs a page fails. */
function fillDisk(db: Db): void {
  db.exec("CREATE TABLE IF NOT EXISTS test_filler (b BLOB)");
  db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
  const insert = db.prepare("INSERT INTO test_filler VALUES (randomblob(3000))");
  for (;;) {
    try {
      insert.run();
    } catch (err) {
      expect((err as { code?: string }).code).toBe("SQLITE_FULL");
      return;
    }
  }
}

/** Space is back: the file may grow again. */
function freeDisk(db: Db): void {
  db.pragma("max_page_count = 1073741823");
}

const count = (db: Db, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const replyOf = (r: Reply | ActionResult): Reply | undefined => ("blocks" in r ? r : r.reply);
const refusedFull = (r: Reply | ActionResult) =>
  (notesOf(replyOf(r) ?? ({ blocks: [] } as never))[0] ?? "").includes(DISK_FULL);

/**
 * Runs `attempt` (the n-th try) until the disk-full answer comes; `state` must read the same before and
 * after that refused try (nothing half-written). Returns the refused answer and the try's number.
 */
async function untilRefused<R extends Reply | ActionResult>(
  attempt: (n: number) => Promise<R>,
  state: () => unknown,
): Promise<{ refused: R; n: number }> {
  for (let n = 0; n < MAX_TRIES; n++) {
    const before = state();
    const r = await attempt(n);
    if (refusedFull(r)) {
      expect(state()).toEqual(before);
      return { refused: r, n };
    }
  }
  throw new Error(`no disk-full answer after ${MAX_TRIES} tries`);
}

describe("disk full", () => {
  let env: TestTutor;
  const ctx: Invocation = { ...invocation(), platform: "discord", workspaceId: "G1", channelId: "C1" };
  // A new person in a new channel each try, as on a busy server (and under any rate limit).
  const inChannel = (n: string): Invocation => ({ ...ctx, channelId: n, userId: `user-${n}` });
  beforeAll(() => {
    env = openTestTutor({ name: "disk-full" });
  });
  afterAll(() => env.close());

  it("/quiz says the disk is full, keeps no half-made question, and works once there is space", async () => {
    const { tutor } = env;
    fillDisk(tutor.db);
    const { refused, n } = await untilRefused(
      (i) => tutor.runCommand(inChannel(`quiz-${i}`), ["quiz"], {}),
      () => [count(tutor.db, "quiz_questions"), count(tutor.db, "quiz_posts")],
    );
    expect(refused.choices).toEqual([]);
    expect(notesOf(refused)[0]).toContain("Nothing was saved");
    freeDisk(tutor.db);
    const asked = await tutor.runCommand(inChannel(`quiz-${n}`), ["quiz"], {});
    expect(asked.choices.length).toBeGreaterThanOrEqual(2);
  });

  it("a quiz answer pressed while the disk is full is not counted, and can be given again after", async () => {
    const { tutor } = env;
    const quizzes: string[] = [];
    for (let i = 0; i < 400; i++) {
      const q = await tutor.runCommand(inChannel(`answer-${i}`), ["quiz"], {});
      quizzes.push(q.choices[0]?.id ?? "");
    }
    fillDisk(tutor.db);
    const { refused, n } = await untilRefused(
      (i) => tutor.runAction(inChannel(`answer-${i}`), quizzes[i] ?? "quiz:0:0"),
      () => [count(tutor.db, "quiz_answers"), count(tutor.db, "srs_cards")],
    );
    expect(refused.update).toBeUndefined();
    freeDisk(tutor.db);
    const counted = await tutor.runAction(inChannel(`answer-${n}`), quizzes[n] ?? "");
    expect(counted.update).toBeDefined();
  });

  it("/tutor daily set says the disk is full and keeps no schedule", async () => {
    const { tutor } = env;
    const place = (i: number) => ({
      platform: ctx.platform,
      workspaceId: ctx.workspaceId,
      channelId: `daily-${i}`,
    });
    fillDisk(tutor.db);
    const { n } = await untilRefused(
      (i) => tutor.runText(inChannel(`daily-${i}`), "/tutor daily set 09:00 Asia/Tokyo"),
      () => count(tutor.db, "daily_schedules"),
    );
    expect(await tutor.daily.schedules.get(place(n))).toBeNull();
    freeDisk(tutor.db);
    const set = await tutor.runText(inChannel(`daily-${n}`), "/tutor daily set 09:00 Asia/Tokyo");
    expect(notesOf(set)[0]).toContain("09:00");
    expect((await tutor.daily.schedules.get(place(n)))?.time).toBe("09:00");
    tutor.daily.stop();
  });

  it("/ask still answers with a Share button when the disk is full; Share says so until there is space", async () => {
    const { tutor } = env;
    fillDisk(tutor.db);
    let last = "";
    const { refused } = await untilRefused(
      async (i) => {
        const answer = await tutor.runTextForChat(
          inChannel(`ask-${i}`),
          "/ask how do I copy a file from a container",
        );
        expect(answer.notFound).toBeUndefined();
        last = answer.choices.find((c) => c.id.startsWith("share:"))?.id ?? "";
        expect(last).not.toBe("");
        return tutor.runAction(inChannel(`ask-${i}`), last);
      },
      () => count(tutor.db, "shared_answers"),
    );
    expect(refused.publish).toBeUndefined();
    freeDisk(tutor.db);
    const shared = await tutor.runAction(ctx, last);
    expect(shared.publish?.ephemeral).toBe(false);
  });

  it("in Japanese too", async () => {
    const { tutor } = env;
    fillDisk(tutor.db);
    const { refused } = await untilRefused(
      async (i) => {
        const r = await tutor.runCommand({ ...inChannel(`ja-${i}`), locale: "ja" }, ["quiz"], {});
        // The Japanese answer, recognized by the same test as the English one.
        return notesOf(r)[0]?.includes("ディスクがいっぱい")
          ? ({ ...r, blocks: [{ type: "note", tone: "error", text: DISK_FULL }] } as Reply)
          : r;
      },
      () => count(tutor.db, "quiz_posts"),
    );
    expect(refused.choices).toEqual([]);
    freeDisk(tutor.db);
  });
});
