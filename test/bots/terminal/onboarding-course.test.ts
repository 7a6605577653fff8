/**
 * Onboarding end to end in the terminal bot (issue 8): `runRepl` fed one line at a time. The terminal user
 * (admin of their own machine) marks the channel, types `/onboard start` (a terminal has no one joining a
 * channel, so no welcome), then presses by number the right answer of every checkpoint (read from the
 * tutor's database) or Next, until the course is finished; `/tutor onboarding report` shows them done.
 * Asserted on the exact printed text.
 */
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRepl } from "../../../src/bots/terminal/repl.js";
import { terminalInvocation } from "../../../src/bots/terminal/session.js";
import { formatWhen } from "../../../src/core/quiz/quiz.js";
import { openTestTutor, type TestTutor } from "../../helpers/tutor.js";

/** A piped terminal session: write a line, read the one answer it printed. */
class Session {
  readonly input = new PassThrough();
  readonly done: Promise<void>;
  private answers: string[] = [];
  private current = "";
  private waiting: { resolve: (answer: string) => void; reject: (err: Error) => void } | undefined;

  constructor(env: TestTutor) {
    const output = new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        const text = chunk.toString();
        // Without a TTY, each answer is printed, then an empty line on its own.
        if (text === "\n") {
          const answer = this.current.replace(/\n$/, "");
          this.current = "";
          const waiting = this.waiting;
          this.waiting = undefined;
          if (waiting) waiting.resolve(answer);
          else this.answers.push(answer);
        } else this.current += text;
        callback();
      },
    });
    this.done = runRepl(env.tutor, { input: this.input, output, locale: "en", interactive: false });
    // A session that stops (or fails) while a line waits for its answer fails that line at once.
    this.done.then(
      () => this.waiting?.reject(new Error("the session ended before answering")),
      (err: unknown) => this.waiting?.reject(err instanceof Error ? err : new Error(String(err))),
    );
  }

  say(line: string): Promise<string> {
    const answer = new Promise<string>((resolve, reject) => {
      const early = this.answers.shift();
      if (early !== undefined) return resolve(early);
      const timer = setTimeout(() => reject(new Error(`no answer to ${JSON.stringify(line)}`)), 10_000);
      this.waiting = {
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
    });
    this.input.write(`${line}\n`);
    return answer;
  }

  async end(): Promise<void> {
    this.input.end();
    await this.done;
  }
}

/** The numbered buttons printed under an answer (`  [2] B. docker ps`), by label. */
const buttonsOf = (answer: string): string[] =>
  answer.split("\n").flatMap((l) => /^ {2}\[(\d+)\] (.*)$/.exec(l)?.slice(2, 3) ?? []);

describe("terminal onboarding: from /onboard start to the finished course", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "terminal-onboarding" });
  });
  afterAll(() => env.close());

  it("walks all 25 lessons by number, and the report shows the terminal user done", async () => {
    const { tutor } = env;
    const me = terminalInvocation("en");
    const session = new Session(env);

    /** The checkpoint waiting for an answer: the user's latest checkpoint post, unless already answered. */
    const openCheckpoint = async () => {
      const row = tutor.db
        .prepare("SELECT max(post_id) AS post FROM onboarding_checkpoints WHERE user_id = ?")
        .get(me.userId) as { post: number | null };
      if (row.post === null || (await tutor.quiz.store.existingAnswer(row.post, me.userId))) return undefined;
      const post = await tutor.quiz.store.post(row.post);
      return post ? await tutor.quiz.store.question(post.questionId) : undefined;
    };

    // 1. The terminal user is admin of their machine: the terminal "channel" becomes an onboarding one.
    expect(await session.say("/tutor onboarding channel")).toBe(
      "✔ Channel `terminal` is now an onboarding channel: people who join get the course.",
    );

    // 2. /onboard start: the first lesson, a reading one (no question in its section).
    let answer = await session.say("/onboard start");
    const first = answer.split("\n");
    expect(first.slice(0, 3)).toEqual([
      "── Lesson 1/25: Docker とは ──",
      "Docker · about 1 min",
      expect.stringMatching(/^コンテナ型仮想化技術を実現するために実行される常駐アプリケーション/),
    ]);
    expect(first.slice(-5)).toEqual([
      "░░░░░░░░░░ 0/25 lessons",
      "ℹ No checkpoint here: press Next when you have read it.",
      "  [1] Next",
      "Type the number of your choice.",
      "Source: Docker › Docker とは (notes/docker-kubernetes.md#docker-とは)",
    ]);

    // 3. The right number for every checkpoint, from the database; 1 (Next) otherwise.
    const finished = "✔ 🎓 You finished the course: 25 lessons. Well done!";
    const titles: string[] = [];
    const checkpointed: string[] = [];
    const passed: string[] = [];
    let pod = "";
    for (let steps = 0; !answer.includes(finished); steps++) {
      if (steps > 200) throw new Error("the course did not end within 200 presses");
      const title = /^── (Lesson \d+\/25: .*) ──$/m.exec(answer)?.[1];
      const question = await openCheckpoint();
      if (title) {
        titles.push(title);
        if (question) checkpointed.push(title);
      }
      passed.push(...answer.split("\n").filter((l) => l.includes("Lesson complete")));
      if (answer.includes("Lesson complete: Pod.")) pod = answer;
      let number = 1;
      if (question) {
        number = question.answer + 1;
        // The printed button of that number is the right choice.
        expect(buttonsOf(answer)[question.answer]).toMatch(new RegExp(`^${"ABCDE"[question.answer]}\\b`));
      } else expect(buttonsOf(answer)).toEqual(["Next"]);
      answer = await session.say(String(number));
    }

    expect(titles).toHaveLength(25);
    expect(titles.map((t, i) => t.startsWith(`Lesson ${i + 1}/25: `))).toEqual(titles.map(() => true));
    expect(titles.at(-1)).toBe("Lesson 25/25: ExternalName Service");
    // Every lesson with a checkpoint was completed by passing it, in order (after the note's tone icon).
    expect(checkpointed).toHaveLength(14);
    expect(passed).toEqual(
      checkpointed.map((t) => `✔ Lesson complete: ${t.replace(/^Lesson \d+\/25: /, "")}.`),
    );
    expect(pod).toContain("\n✔ Lesson complete: Pod.\n▓▓▓▓▓▓▓▓░░ 20/25 lessons\n  [1] Next\n");

    // The last answer, exactly as printed.
    expect(answer).toBe(`${finished}\n▓▓▓▓▓▓▓▓▓▓ 25/25 lessons`);

    // 4. The report: the terminal user, 25/25, their last activity and the cap.
    const member = tutor.db
      .prepare("SELECT last_activity_at, finished_at FROM onboarding_members WHERE user_id = ?")
      .get(me.userId) as { last_activity_at: string; finished_at: string | null };
    expect(member.finished_at).not.toBeNull();
    expect(await session.say("/tutor onboarding report")).toBe(
      [
        "── Onboarding report ──",
        `${me.userName} — ▓▓▓▓▓▓▓▓▓▓ 25/25 lessons · last active ${formatWhen(new Date(member.last_activity_at), "en")} · 🎓`,
      ].join("\n"),
    );

    // /onboard status agrees, and the session ends with its input.
    expect(await session.say("/onboard status")).toBe("Your course: ▓▓▓▓▓▓▓▓▓▓ 25/25 lessons. Next: —.");
    await session.end();
  }, 60_000);
});
