// The dashboard's reads, on SQLite and (with TEST_DATABASE_URL) on PostgreSQL: the same seeded team gives
// the same page model on both, and nothing of the other workspace.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { buildDashboard, type DashboardView, type NotesSource } from "../../../src/core/dashboard/model.js";
import type { DashboardReader } from "../../../src/core/dashboard/reader.js";
import { openPostgresStores } from "../../../src/core/storage/postgres/index.js";
import { openPostgresDashboardReader } from "../../../src/core/storage/postgres/dashboard.js";
import { SqliteDashboardReader } from "../../../src/core/storage/sqlite/dashboard.js";
import type { StateStores } from "../../../src/core/storage/stores.js";
import { Tutor } from "../../../src/core/tutor.js";
import { createTestDatabase, TEST_DATABASE_URL } from "../../helpers/postgres.js";
import { silentLogger, tempDir } from "../../helpers/tutor.js";
import { OTHER_TEAM, seedTeam, TEAM, UNCOVERED_QUESTION } from "./seed.js";

const NOW = Date.parse("2026-12-01T09:00:00Z");
const DAY = 86_400_000;

interface Setup {
  tutor: Tutor;
  reader: DashboardReader;
  close: () => Promise<void>;
}

/** Three daily answers of Aiko's on three days in a row up to today, and one of Ben's a week ago. */
async function seedDailies(tutor: Tutor): Promise<void> {
  const place = { ...TEAM, channelId: "C0DAILY" };
  const days = [
    { user: "U0AIKO", name: "Aiko", ago: 2 },
    { user: "U0AIKO", name: "Aiko", ago: 1 },
    { user: "U0AIKO", name: "Aiko", ago: 0 },
    { user: "U0BEN", name: "Ben", ago: 7 },
  ];
  for (const [i, d] of days.entries()) {
    const date = new Date(NOW - d.ago * DAY).toISOString().slice(0, 10);
    const q = tutor.quiz.bank.generate(500 + i, "Kubernetes");
    if (!q) throw new Error("no Kubernetes question");
    const post =
      (await tutor.state.quiz.dailyPost(place, date)) ??
      (await tutor.state.quiz.createPost(place, q, "daily", new Date(NOW - d.ago * DAY), null, date));
    if (!post) throw new Error("no daily post");
    await tutor.state.quiz.recordAnswer({
      post,
      user: { id: d.user, name: d.name },
      choice: q.answer,
      correct: true,
      answerDate: date,
      now: new Date(NOW - d.ago * DAY),
    });
  }
}

function notesOf(tutor: Tutor): NotesSource {
  return {
    lessons: tutor.onboarding.curriculum().lessons.map((l) => ({ id: l.id, title: l.title })),
    index: { label: "notes", files: 1, entries: 1, hash: "h", lastReindexAt: null },
    findings: [],
    refused: null,
  };
}

function describeReader(name: string, open: () => Promise<Setup>): void {
  describe(`dashboard reader: ${name}`, () => {
    let setup: Setup;
    let view: DashboardView;
    let lessons: string[];

    beforeAll(async () => {
      setup = await open();
      const seeded = await seedTeam(setup.tutor, TEAM);
      await seedTeam(setup.tutor, OTHER_TEAM, { first: "Zelda", second: "Yusuf" });
      await seedDailies(setup.tutor);
      lessons = seeded.lessonTitles;
      view = await buildDashboard(setup.reader, TEAM, notesOf(setup.tutor), new Date(NOW));
    }, 60_000);
    afterAll(async () => setup?.close());

    it("reads the course progress of the workspace's members", () => {
      const byName = new Map(view.onboarding.members.map((m) => [m.name, m]));
      expect([...byName.keys()].sort()).toEqual(["Aiko", "Ben"]);
      expect(byName.get("Aiko")).toMatchObject({
        done: 3,
        current: { n: 4, title: lessons[3] },
        stuck: false,
      });
      expect(byName.get("Ben")).toMatchObject({ done: 1, current: { n: 2, title: lessons[1] }, stuck: true });
    });

    it("reads the quiz answers per topic and per section, per day, and the streaks", () => {
      const docker = view.quizzes.topics.find((t) => t.label === "Docker");
      expect(docker).toMatchObject({ answered: 4, correct: 3, accuracy: 0.75 });
      const kubernetes = view.quizzes.topics.find((t) => t.label === "Kubernetes");
      expect(kubernetes).toMatchObject({ answered: 4, correct: 4 });
      // Sections sum to the topics, weakest first.
      expect(view.quizzes.sections.reduce((s, x) => s + x.answered, 0)).toBe(8);
      const acc = view.quizzes.sections.map((s) => s.accuracy);
      expect(acc).toEqual([...acc].sort((a, b) => a - b));
      const today = view.quizzes.days.at(-1);
      expect(today).toEqual({ date: "2026-12-01", answers: 5, people: 2 });
      expect(view.quizzes.days).toHaveLength(14);
      expect(view.quizzes.streaks).toEqual([
        { userId: "U0AIKO", name: "Aiko", current: 3, best: 3 },
        { userId: "U0BEN", name: "Ben", current: 0, best: 1 },
      ]);
    });

    it("reads the gaps: the uncovered question with its request, the 👎 with its reason", () => {
      expect(view.gaps.uncovered).toHaveLength(1);
      expect(view.gaps.uncovered[0]).toMatchObject({ question: UNCOVERED_QUESTION, count: 1, requests: 1 });
      expect(view.gaps.requests).toEqual([
        { question: UNCOVERED_QUESTION, requests: 1, lastRequestedAt: new Date(NOW).toISOString() },
      ]);
      expect(view.gaps.downVotes).toHaveLength(1);
      expect(view.gaps.downVotes[0]).toMatchObject({
        command: "explain",
        question: "docker cp",
        reason: "outdated",
      });
    });

    it("reads nothing of another workspace", async () => {
      const other = await buildDashboard(setup.reader, OTHER_TEAM, notesOf(setup.tutor), new Date(NOW));
      expect(other.onboarding.members.map((m) => m.name).sort()).toEqual(["Yusuf", "Zelda"]);
      expect(other.quizzes.streaks).toEqual([]);
      const nobody = await buildDashboard(
        setup.reader,
        { platform: "discord", workspaceId: TEAM.workspaceId },
        notesOf(setup.tutor),
        new Date(NOW),
      );
      expect(nobody.onboarding.members).toEqual([]);
      expect(nobody.quizzes.answered).toBe(0);
      expect(nobody.gaps.uncovered).toEqual([]);
      expect(nobody.gaps.downVotes).toEqual([]);
    });
  });
}

describeReader("SQLite", async () => {
  const tmp = tempDir("tutor-dashboard-reader");
  const tutor = Tutor.open({
    dbFile: path.join(tmp.dir, "tutor.sqlite"),
    notesDir: BUNDLED_NOTES_DIR,
    logger: silentLogger,
    now: () => new Date(NOW),
  });
  return {
    tutor,
    reader: new SqliteDashboardReader(tutor.db),
    close: async () => {
      tutor.close();
      tmp.cleanup();
    },
  };
});

if (TEST_DATABASE_URL) {
  const server = TEST_DATABASE_URL;
  describeReader("PostgreSQL", async () => {
    const db = await createTestDatabase(server, "dashboard");
    const state: StateStores = await openPostgresStores(db.url);
    const tmp = tempDir("tutor-dashboard-pg");
    const tutor = Tutor.open({
      dbFile: path.join(tmp.dir, "tutor.sqlite"),
      notesDir: BUNDLED_NOTES_DIR,
      logger: silentLogger,
      now: () => new Date(NOW),
      state,
    });
    const pg = openPostgresDashboardReader(db.url);
    return {
      tutor,
      reader: pg.reader,
      close: async () => {
        await pg.close();
        tutor.close();
        await state.close();
        await db.drop();
        tmp.cleanup();
      },
    };
  });
} else {
  describe.skip("dashboard reader: PostgreSQL (no TEST_DATABASE_URL: scripts/with-postgres.sh)", () => {
    it.skip("reads the seeded team", () => {});
  });
}
