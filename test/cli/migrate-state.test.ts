// `tutor migrate-state --to postgres://…` against a real PostgreSQL: a SQLite deployment's state (a quiz
// post, its answers, a daily schedule) is what a tutor on DATABASE_URL then reads; a second run refuses and
// changes nothing; the refusal is one line, not a stack trace.
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { MigrateStateError } from "../../src/cli/migrate-state.js";
import { composeTutor } from "../../src/compose.js";
import { BUNDLED_NOTES_DIR, loadConfig } from "../../src/core/config.js";
import { Tutor } from "../../src/core/tutor.js";
import { cleanEnv, run } from "../helpers/build.js";
import { createTestDatabase } from "../helpers/postgres.js";
import { describeOnPostgres } from "../helpers/postgres-suite.js";
import { invocation, silentLogger, tempDir } from "../helpers/tutor.js";

const place = { platform: "slack" as const, workspaceId: "T1", channelId: "C1" };
const person = (userId: string) => ({ ...invocation(), ...place, userId, userName: userId });

async function runCli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
  }
}

describeOnPostgres("tutor migrate-state", (server) => {
  const tmp = tempDir("migrate-state");
  const dbFile = path.join(tmp.dir, "tutor.sqlite");
  let target: { url: string; drop: () => Promise<void> };
  let postId = 0;

  beforeAll(async () => {
    target = await createTestDatabase(server, "migrate");
    // The state a SQLite deployment gathered: a quiz post answered by two people, a daily schedule.
    const tutor = Tutor.open({ dbFile, notesDir: BUNDLED_NOTES_DIR, logger: silentLogger });
    try {
      const asked = await tutor.quiz.ask(person("asker"));
      postId = Number(asked.choices[0]?.id.split(":")[1]);
      await tutor.quiz.answer(person("U1"), postId, 0);
      await tutor.quiz.answer(person("U2"), postId, 1);
      await tutor.state.schedules.set(
        { ...place, time: "09:00", timezone: "Asia/Tokyo", topic: null },
        "admin",
        new Date(),
      );
    } finally {
      tutor.close();
    }
  });
  afterAll(async () => {
    await target.drop();
    tmp.cleanup();
  });

  it("copies the state, which a tutor on DATABASE_URL then reads", { timeout: 30_000 }, async () => {
    const { code, out } = await runCli("migrate-state", "--to", target.url, "--db", dbFile, "--json");
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { copied: Record<string, number> };
    expect(printed.copied).toMatchObject({ quiz_posts: 1, quiz_answers: 2, daily_schedules: 1 });

    const config = loadConfig({
      DATABASE_URL: target.url,
      TUTOR_DB: path.join(tmp.dir, "index-only.sqlite"),
      TUTOR_NOTES_DIR: BUNDLED_NOTES_DIR,
    });
    const composed = await composeTutor(config, { logger: silentLogger });
    try {
      expect(composed.stateKind).toBe("postgres");
      const { state } = composed.tutor;
      expect(await state.quiz.answerCount(postId)).toEqual({
        total: 2,
        correct: expect.any(Number) as number,
      });
      expect(await state.schedules.get(place)).toMatchObject({ time: "09:00", timezone: "Asia/Tokyo" });
      // A new post continues after the copied ids, and the copied answers still count once.
      const next = await composed.tutor.quiz.ask(person("asker"));
      expect(Number(next.choices[0]?.id.split(":")[1])).toBeGreaterThan(postId);
      await composed.tutor.quiz.answer(person("U1"), postId, 2);
      expect(await state.quiz.answerCount(postId)).toMatchObject({ total: 2 });
    } finally {
      await composed.close();
    }
  });

  it("refuses a second run, changing nothing", { timeout: 30_000 }, async () => {
    await expect(runCli("migrate-state", "--to", target.url, "--db", dbFile)).rejects.toThrow(
      MigrateStateError,
    );
    await expect(runCli("migrate-state", "--to", target.url, "--db", dbFile)).rejects.toThrow(
      /already holds state .*nothing was copied/,
    );
    const config = loadConfig({
      DATABASE_URL: target.url,
      TUTOR_DB: path.join(tmp.dir, "index-only.sqlite"),
      TUTOR_NOTES_DIR: BUNDLED_NOTES_DIR,
    });
    const composed = await composeTutor(config, { logger: silentLogger });
    try {
      expect(await composed.tutor.state.quiz.answerCount(postId)).toMatchObject({ total: 2 });
    } finally {
      await composed.close();
    }
  });

  it("says so in one line, with exit status 1, as a command", { timeout: 60_000 }, async () => {
    const r = await run(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "migrate-state", "--to", target.url, "--db", dbFile],
      { env: cleanEnv(), timeoutMs: 50_000 },
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^tutor: the target database already holds state/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
