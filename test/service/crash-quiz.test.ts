// kill -9 while quiz answers are being recorded, restart, and find the database intact with every answer
// that was acknowledged (the child prints "ack" only after quiz.answer() returned, i.e. after the commit).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR, PROJECT_ROOT } from "../../src/core/config.js";
import { openDatabase } from "../../src/core/storage/database.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-crash-quiz-"));
const dbFile = path.join(tmp, "tutor.sqlite");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function childSource(): string {
  const src = (p: string) => JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, "src", p)).href);
  return `
import pino from "pino";
import { Tutor } from ${src("core/tutor.ts")};
const tutor = Tutor.open({ dbFile: process.env.CRASH_DB, notesDir: process.env.CRASH_NOTES, logger: pino({ level: "silent" }) });
const ctx = (userId) => ({ platform: "slack", workspaceId: "T1", channelId: "C1", userId, userName: userId, locale: "en", isAdmin: false });
for (let round = 0; ; round++) {
  const q = await tutor.quiz.ask(ctx("asker"));
  const post = Number(q.choices[0].id.split(":")[1]);
  for (let u = 0; u < 50; u++) {
    const r = await tutor.quiz.answer(ctx("U" + u), post, (round + u) % 4);
    if (r.reply && r.update) process.stdout.write("ack " + post + " U" + u + "\\n");
  }
}
`;
}

describe("a crash while recording quiz answers", () => {
  it("loses no acknowledged answer and leaves the database intact", { timeout: 60_000 }, async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "--eval", childSource()],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, CRASH_DB: dbFile, CRASH_NOTES: BUNDLED_NOTES_DIR },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const acked: [number, string][] = [];
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_c, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let partial = "";
      const target = 300 + Math.floor(Math.random() * 300);
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        const lines = (partial + d).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          const [, post, user] = line.split(" ");
          acked.push([Number(post), user ?? ""]);
        }
        if (acked.length >= target) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      void exited.then(() =>
        acked.length >= target ? resolve() : reject(new Error(`writer died early:\n${stderr}`)),
      );
    });
    expect(await exited).toBe("SIGKILL");

    // The restart: open the same database as the service would.
    const db = openDatabase(dbFile);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const has = db.prepare("SELECT 1 FROM quiz_answers WHERE post_id = ? AND user_id = ?");
    const card = db.prepare(
      "SELECT 1 FROM srs_cards s JOIN quiz_posts p ON p.question_id = s.question_id WHERE p.id = ? AND s.user_id = ?",
    );
    const missing = acked.filter(([post, user]) => !has.get(post, user));
    expect(missing).toEqual([]);
    expect(acked.filter(([post, user]) => !card.get(post, user))).toEqual([]);
    // Nothing half-written: every answer has its post and question.
    const orphans = db
      .prepare(
        "SELECT count(*) AS n FROM quiz_answers a LEFT JOIN quiz_posts p ON p.id = a.post_id LEFT JOIN quiz_questions q ON q.id = a.question_id WHERE p.id IS NULL OR q.id IS NULL",
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    db.close();
  });
});
