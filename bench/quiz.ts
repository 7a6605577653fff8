// npm run bench:quiz: how long generating 1,000 questions and recording 10,000 answers take.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { Invocation } from "../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../src/core/config.js";
import { Tutor } from "../src/core/tutor.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-quiz-"));
const tutor = Tutor.open({
  dbFile: path.join(dir, "bench.sqlite"),
  notesDir: BUNDLED_NOTES_DIR,
  logger: pino({ level: "silent" }),
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const genRuns: number[] = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  for (let seed = 0; seed < 1000; seed++) tutor.quiz.bank.generate(run * 1000 + seed);
  genRuns.push(performance.now() - started);
}

const users = Array.from({ length: 100 }, (_, i) => `U${i}`);
const ctx = (userId: string): Invocation => ({
  platform: "slack",
  workspaceId: "T1",
  channelId: "C1",
  userId,
  userName: userId,
  locale: "en",
  isAdmin: false,
});
// 100 posted questions, each answered by 100 people: 10,000 answers, each committed with its FSRS update.
const posts: number[] = [];
for (let i = 0; i < 100; i++) {
  const r = await tutor.quiz.ask(ctx(users[i % users.length] ?? "U0"));
  posts.push(Number(r.choices[0]?.id.split(":")[1]));
}
const answerTimes: number[] = [];
const started = performance.now();
for (const post of posts) {
  for (const user of users) {
    const t0 = performance.now();
    await tutor.quiz.answer(ctx(user), post, (post + user.length) % 4);
    answerTimes.push(performance.now() - t0);
  }
}
const totalAnswers = performance.now() - started;
const count = (tutor.db.prepare("SELECT count(*) AS n FROM quiz_answers").get() as { n: number }).n;
console.log(
  `questions: 1,000 generated in ${median(genRuns).toFixed(0)} ms (median of ${genRuns.length} runs; ${(median(genRuns) / 1000).toFixed(3)} ms each)`,
);
console.log(
  `answers: ${count.toLocaleString("en")} recorded in ${totalAnswers.toFixed(0)} ms (median ${(median(answerTimes) * 1000).toFixed(0)} µs each, each one committed with its FSRS update)`,
);
tutor.close();
fs.rmSync(dir, { recursive: true, force: true });
