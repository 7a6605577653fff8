import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { describe, expect, it } from "vitest";
import {
  ANSWER_CONCURRENCY,
  ANSWER_QUEUE_MAX,
  AnswerQueue,
  QueueFullError,
} from "../../src/core/answer-queue.js";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import { Tutor } from "../../src/core/tutor.js";

/** Synchronous CPU work, as a search is. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

describe("AnswerQueue", () => {
  it("runs at most `concurrency` answers at once, in arrival order", async () => {
    const q = new AnswerQueue(2, 100);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        q.run(async () => {
          running++;
          most = Math.max(most, running);
          await sleep(5);
          order.push(i);
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(q.depth).toBe(0);
    expect(q.active).toBe(0);
  });

  it("refuses at once when its bound of waiting answers is reached", async () => {
    const q = new AnswerQueue(1, 3);
    const jobs = Array.from({ length: 4 }, () => q.run(() => sleep(10)));
    await expect(q.run(() => sleep(1))).rejects.toBeInstanceOf(QueueFullError);
    await Promise.all(jobs);
    await expect(q.run(async () => 42)).resolves.toBe(42);
  });

  it("gives the event loop a turn between CPU-heavy answers, so a timer due meanwhile is not starved", async () => {
    const q = new AnswerQueue(1, 100);
    const events: string[] = [];
    const answers = Array.from({ length: 5 }, (_, i) =>
      q.run(async () => {
        spin(20);
        events.push(`answer ${i}`);
      }),
    );
    setTimeout(() => events.push("timer"), 0);
    await Promise.all(answers);
    // Without a turn between answers all five would run before the timer (100 ms of blocked loop).
    expect(events.indexOf("timer")).toBeLessThan(3);
  });

  it("an answer that throws frees its slot", async () => {
    const q = new AnswerQueue(1, 10);
    await expect(q.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(q.run(async () => "next")).resolves.toBe("next");
    expect(q.active).toBe(0);
  });
});

describe("Tutor: a full answer queue", () => {
  it("answers at once that it is busy, in the person's language, and answers again once the queue drains", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tutor-busy-"));
    const tutor = Tutor.open({
      dbFile: join(dir, "t.sqlite"),
      notesDir: BUNDLED_NOTES_DIR,
      logger: pino({ level: "silent" }),
    });
    try {
      let release = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const blockers = Array.from({ length: ANSWER_CONCURRENCY + ANSWER_QUEUE_MAX }, () =>
        tutor.answers.run(() => gate),
      );
      await sleep(10);
      expect(tutor.answers.depth).toBe(ANSWER_QUEUE_MAX);
      const ctx = {
        platform: "discord" as const,
        workspaceId: "G1",
        channelId: "C1",
        userId: "U1",
        locale: "ja" as const,
        isAdmin: false,
      };
      const busy = await tutor.runCommand(ctx, ["explain"], { command: "docker cp" });
      expect(busy.blocks).toEqual([
        {
          type: "note",
          tone: "info",
          text: "ただいま多くの質問に回答中です。1 分ほどしてから、もう一度お試しください。",
        },
      ]);
      release();
      await Promise.all(blockers);
      const answer = await tutor.runCommand(ctx, ["explain"], { command: "docker cp" });
      expect(answer.title).toBe("docker container cp");
    } finally {
      tutor.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
