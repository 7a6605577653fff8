// npm run bench:quiz: how long generating 1,000 questions and recording 10,000 answers take, and one answer
// recorded next to one bare SQLite commit with the same settings (openDatabase: WAL, synchronous = FULL) on
// the same disk, interleaved post by post: the floor an answer's commit cannot go under. Between the two, the
// store's own recordAnswer (the answer and its card in one transaction on the project's schema, no quiz logic
// around it): how much of an answer is the schema's writes and how much the code around them. Last, posts
// that fill up: every answer also reads its post's count for the public message, which grows with the post.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { Invocation } from "../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../src/core/config.js";
import { nextCard } from "../src/core/quiz/srs.js";
import { openDatabase } from "../src/core/storage/database.js";
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
// The floor: a database opened the same way, one row (an answer's size) per commit, and two writes in one
// transaction (an answer and its card, as recordAnswer writes them).
const bare = openDatabase(path.join(dir, "bare.sqlite"));
bare.exec(
  "CREATE TABLE answers (post INTEGER, user TEXT, choice INTEGER, correct INTEGER, at TEXT, PRIMARY KEY (post, user));" +
    "CREATE TABLE cards (user TEXT PRIMARY KEY, due TEXT, state TEXT)",
);
const insertAnswer = bare.prepare("INSERT INTO answers VALUES (?, ?, ?, ?, ?)");
const upsertCard = bare.prepare(
  "INSERT INTO cards VALUES (?, ?, ?) ON CONFLICT (user) DO UPDATE SET due = excluded.due, state = excluded.state",
);
const answerWithCard = bare.transaction((post: number, user: string, at: string) => {
  insertAnswer.run(post, user, 1, 1, at);
  upsertCard.run(user, at, JSON.stringify({ stability: 1, difficulty: 5, reps: post }));
});
// The schema's own writes with no code around them: the same answer row and card upsert as recordAnswer's, on
// the tutor's database (its tables and indexes), statements prepared once and a card's JSON made beforehand.
const schemaAnswer = tutor.db.prepare(
  `INSERT INTO quiz_answers (post_id, platform, workspace_id, channel_id, user_id, user_name, question_id, choice,
     correct, answer_date, answered_at) VALUES (?, 'slack', 'T1', 'C1', ?, ?, ?, 1, 1, '2026-12-01', ?)`,
);
const schemaCard = tutor.db.prepare(
  "SELECT card_json, due_at FROM srs_cards WHERE platform = 'slack' AND workspace_id = 'T1' AND user_id = ? AND question_id = ?",
);
const schemaUpsert = tutor.db.prepare(
  `INSERT INTO srs_cards (platform, workspace_id, user_id, question_id, card_json, due_at) VALUES ('slack', 'T1', ?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, user_id, question_id) DO UPDATE SET card_json = excluded.card_json, due_at = excluded.due_at`,
);
const cardJson = nextCard(undefined, true, new Date()).json;
const schemaWrites = tutor.db.transaction((post: number, questionId: string, user: string, at: string) => {
  schemaAnswer.run(post, user, user, questionId, at);
  schemaCard.get(user, questionId);
  schemaUpsert.run(user, questionId, cardJson, at);
});
const schemaOnly: number[] = [];
const storeOnly: number[] = [];
const bareOne: number[] = [];
const bareTwo: number[] = [];
const answerTimes: number[] = [];
let totalAnswers = 0;
for (const post of posts) {
  const started = performance.now();
  for (const user of users) {
    const t0 = performance.now();
    await tutor.quiz.answer(ctx(user), post, (post + user.length) % 4);
    answerTimes.push(performance.now() - t0);
  }
  totalAnswers += performance.now() - started;
  const stored = await tutor.quiz.store.post(post);
  if (!stored) throw new Error(`post ${post} is missing`);
  for (const user of users) {
    const now = new Date();
    const t0 = performance.now();
    // Another person (S…) on the same post: a new answer and a new card, as in the timed answers above.
    await tutor.quiz.store.recordAnswer(
      {
        post: stored,
        user: { id: `S${user}`, name: user },
        choice: 1,
        correct: true,
        answerDate: "2026-12-01",
        now,
      },
      (previous) => nextCard(previous, true, now),
    );
    storeOnly.push(performance.now() - t0);
  }
  for (const user of users) {
    const t0 = performance.now();
    schemaWrites(stored.id, stored.questionId, `R${user}`, new Date().toISOString());
    schemaOnly.push(performance.now() - t0);
  }
  for (const user of users) {
    const at = new Date().toISOString();
    let t0 = performance.now();
    insertAnswer.run(-post, user, 1, 1, at);
    bareOne.push(performance.now() - t0);
    t0 = performance.now();
    answerWithCard(post, user, at);
    bareTwo.push(performance.now() - t0);
  }
}
bare.close();
const count = (
  tutor.db
    .prepare("SELECT count(*) AS n FROM quiz_answers WHERE user_id NOT LIKE 'S%' AND user_id NOT LIKE 'R%'")
    .get() as {
    n: number;
  }
).n;
// Ten posts answered by the same 1,000 people in turn, as a day's questions in several channels fill up
// together (so one post's answers are not written next to each other).
const CROWD = 1000;
const FILLING_POSTS = 10;
const FEW = 100;
const crowd = Array.from({ length: CROWD }, (_, i) => `P${i}`);
const filling: number[] = [];
for (let i = 0; i < FILLING_POSTS; i++) {
  const r = await tutor.quiz.ask(ctx(crowd[i] ?? "P0"));
  filling.push(Number(r.choices[0]?.id.split(":")[1]));
}
const whileFew: number[] = [];
const whenFull: number[] = [];
for (const [n, user] of crowd.entries()) {
  for (const post of filling) {
    const t0 = performance.now();
    await tutor.quiz.answer(ctx(user), post, n % 4);
    const took = performance.now() - t0;
    if (n < FEW) whileFew.push(took);
    else if (n >= CROWD - FEW) whenFull.push(took);
  }
}
console.log(
  `questions: 1,000 generated in ${median(genRuns).toFixed(0)} ms (median of ${genRuns.length} runs; ${(median(genRuns) / 1000).toFixed(3)} ms each)`,
);
console.log(
  `answers: ${count.toLocaleString("en")} recorded in ${totalAnswers.toFixed(0)} ms (median ${(median(answerTimes) * 1000).toFixed(0)} µs each, each one committed with its FSRS update)`,
);
const µs = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
console.log(
  `bare SQLite, same settings, same disk (median of ${bareOne.length.toLocaleString("en")} each): one row per commit ${µs(median(bareOne))}, ` +
    `two writes in one transaction ${µs(median(bareTwo))}; one quiz answer = ${(median(answerTimes) / median(bareOne)).toFixed(2)}× ` +
    `the one-row commit, ${(median(answerTimes) / median(bareTwo)).toFixed(2)}× the two-write transaction (goal ≤ 1.5×)`,
);
console.log(
  `the store's recordAnswer alone (answer + card, one transaction, the project's schema; median of ${storeOnly.length.toLocaleString("en")}): ` +
    `${µs(median(storeOnly))} = ${(median(storeOnly) / median(bareOne)).toFixed(2)}× the one-row commit; ` +
    `the rest of an answer (reads, FSRS, the reply) ${µs(median(answerTimes) - median(storeOnly))}`,
);
console.log(
  `the schema's writes alone (the same answer row and card upsert on the tutor's tables and indexes, no code around them; median of ${schemaOnly.length.toLocaleString("en")}): ` +
    `${µs(median(schemaOnly))} = ${(median(schemaOnly) / median(bareOne)).toFixed(2)}× the one-row commit: the floor for an answer on this schema`,
);
console.log(
  `posts filling up (${FILLING_POSTS} posts, the same ${CROWD.toLocaleString("en")} people answering each in turn): ` +
    `median answer ${µs(median(whileFew))} while a post holds under ${FEW} answers, ${µs(median(whenFull))} at ` +
    `${(CROWD - FEW).toLocaleString("en")}–${CROWD.toLocaleString("en")} (${(median(whenFull) / median(bareOne)).toFixed(2)}× the one-row commit)`,
);
tutor.close();
fs.rmSync(dir, { recursive: true, force: true });
