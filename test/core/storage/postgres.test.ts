/**
 * The state stores' behaviour on PostgreSQL: a database of its own on TEST_DATABASE_URL, emptied before
 * each test. Without a server the suite is skipped, except in CI, where that is a failure
 * (`scripts/with-postgres.sh npm test` runs it anywhere PostgreSQL is installed).
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { copyStateToPostgres, StateNotEmptyError } from "../../../src/core/storage/copy-state.js";
import { openDatabase, readMigrations } from "../../../src/core/storage/database.js";
import { openPostgresStores } from "../../../src/core/storage/postgres/index.js";
import { PostgresConversationStore } from "../../../src/core/storage/postgres/conversations.js";
import { openPool, POSTGRES_MIGRATIONS_DIR } from "../../../src/core/storage/postgres/pool.js";
import { sqliteStores } from "../../../src/core/storage/sqlite/index.js";
import { aQuestion } from "../../helpers/questions.js";
import type { StateStores } from "../../../src/core/storage/stores.js";
import { Tutor } from "../../../src/core/tutor.js";
import { createTestDatabase, TEST_DATABASE_URL } from "../../helpers/postgres.js";
import { notesOf, silentLogger } from "../../helpers/tutor.js";
import { describeStores } from "./stores.contract.js";

if (!TEST_DATABASE_URL) {
  if (process.env.CI) {
    describe("state stores: PostgreSQL", () => {
      it("has a PostgreSQL to run on in CI (TEST_DATABASE_URL)", () => {
        expect(TEST_DATABASE_URL, "CI must run the store suite on PostgreSQL: see .ci/run").toBeDefined();
      });
    });
  } else {
    describe.skip("state stores: PostgreSQL (no TEST_DATABASE_URL: scripts/with-postgres.sh npm test)", () => {
      it.skip("runs the store suite", () => {});
    });
  }
} else {
  const server = TEST_DATABASE_URL;
  describeStores("PostgreSQL", async () => {
    const db = await createTestDatabase(server, "stores");
    const stores: StateStores = await openPostgresStores(db.url);
    // One client, not a pool: its end() waits until the connection is closed, so dropping the database
    // afterwards terminates nothing still closing (a pool's end() does not wait, and the FATAL would surface).
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const tables = (
      await admin.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
      )
    ).rows.map((r) => r.tablename);
    // A second pool on the same database, for stores built with other bounds.
    const pool = openPool(db.url);
    return {
      fresh: async () => {
        await admin.query(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
        return stores;
      },
      conversations: (limits) => new PostgresConversationStore(pool, limits),
      close: async () => {
        await admin.end();
        await pool.end();
        await stores.close();
        await db.drop();
      },
    };
  });

  describe("two replicas on one PostgreSQL", () => {
    it("give a daily post and a person's answer to one of them, however the calls interleave", async () => {
      const db = await createTestDatabase(server, "replicas");
      const [a, b] = await Promise.all([openPostgresStores(db.url), openPostgresStores(db.url)]);
      try {
        if (!a || !b) throw new Error("no stores");
        const place = { platform: "discord", workspaceId: "G1", channelId: "C1" };
        const q = aQuestion("q-replicas", 1, 2);
        const now = new Date("2026-03-02T09:00:00.000Z");
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? a : b).quiz.createPost(place, q, "daily", now, null, "2026-03-02"),
          ),
        );
        const posts = claims.filter((p) => p !== null);
        expect(posts).toHaveLength(1);
        const post = posts[0];
        if (!post) throw new Error("no post");
        const clicks = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? a : b).quiz.recordAnswer(
              { post, user: { id: "U1" }, choice: 1, correct: true, answerDate: "2026-03-02", now },
              () => ({ json: `{"from":${i}}`, dueAt: now.toISOString() }),
            ),
          ),
        );
        expect(clicks.filter(Boolean)).toHaveLength(1);
        expect(await b.quiz.answerCount(post.id)).toEqual({ total: 1, correct: 1 });
        expect(await a.reviews.count({ platform: "discord", workspaceId: "G1", userId: "U1" })).toBe(1);
      } finally {
        await Promise.all([a?.close(), b?.close()]);
        await db.drop();
      }
    });
  });

  describe("a thread answered by two replicas on one PostgreSQL", () => {
    it("reads a follow-up that reaches the other replica with the question before it", async () => {
      const db = await createTestDatabase(server, "threads");
      const [sa, sb] = await Promise.all([openPostgresStores(db.url), openPostgresStores(db.url)]);
      const open = (state: StateStores) =>
        Tutor.open({ dbFile: ":memory:", notesDir: BUNDLED_NOTES_DIR, logger: silentLogger, state });
      const [a, b] = [open(sa), open(sb)];
      try {
        const ctx: Invocation = {
          platform: "slack",
          workspaceId: "T1",
          channelId: "C1",
          userId: "U1",
          locale: "en",
          isAdmin: false,
        };
        const conversation = { platform: "slack", workspaceId: "T1", channelId: "C1", threadId: "1700.01" };
        const asked = await a.message(ctx, {
          text: "What is a ReplicaSet?",
          direct: false,
          mentioned: true,
          conversation,
        });
        expect(asked?.citations[0]?.path.join(" › ")).toBe("Kubernetes › ReplicaSet");
        // No mention: replica B answers only because the thread is one the bot answered in (on A).
        const follow = await b.message(ctx, {
          text: "and how do I delete it?",
          direct: false,
          mentioned: false,
          conversation,
        });
        expect(follow?.citations[0]?.path.join(" › ")).toBe("Kubernetes › ReplicaSet");
        expect(follow ? notesOf(follow)[0] : "").toBe(
          "Following the thread: read as “how do I delete ReplicaSet?”.",
        );
        expect((await sa.conversations.turns(conversation, new Date())).map((t) => t.question)).toEqual([
          "What is a ReplicaSet?",
          "and how do I delete it?",
        ]);
      } finally {
        a.close();
        b.close();
        await Promise.all([sa.close(), sb.close()]);
        await db.drop();
      }
    });
  });

  describe("copying SQLite state into PostgreSQL", () => {
    it("reads the same through the stores afterwards, continues post ids, and runs once", async () => {
      const sqlite = openDatabase(":memory:");
      const from = sqliteStores(sqlite);
      const target = await createTestDatabase(server, "copy");
      try {
        const place = { platform: "slack", workspaceId: "T1", channelId: "C1" };
        const alice = { platform: "slack", workspaceId: "T1", userId: "UA" };
        const q = aQuestion("q-copy", 1, 2);
        const now = new Date("2026-03-02T09:00:00.000Z");
        const daily = await from.quiz.createPost(place, q, "daily", now, null, "2026-03-02");
        const adhoc = await from.quiz.createPost(place, q, "adhoc", now, "UA");
        if (!daily || !adhoc) throw new Error("no posts");
        await from.quiz.setMessageId(daily.id, "M1");
        await from.quiz.recordAnswer(
          {
            post: daily,
            user: { id: "UA", name: "Alice" },
            choice: 1,
            correct: true,
            answerDate: "2026-03-02",
            now,
          },
          () => ({ json: '{"n":1}', dueAt: now.toISOString() }),
        );
        await from.quiz.recordAnswer({
          post: adhoc,
          user: { id: "UB" },
          choice: 0,
          correct: false,
          answerDate: "2026-03-02",
          now,
        });
        await from.schedules.set(
          { ...place, time: "09:00", timezone: "Asia/Tokyo", topic: null },
          "admin",
          now,
        );
        await from.schedules.off({ ...place, channelId: "C2" }, "admin", now);
        await from.onboarding.syncLessons([{ id: "l1", title: "L1", path: ["N"], source: "n.md#l1" }], now);
        await from.onboarding.complete({ ...alice, channelId: "C1", userName: "Alice" }, "l1", "done", now);
        const checkpoint = await from.onboarding.createCheckpoint(place, q, now, "UA", "l1", 1);
        await from.channelSettings.set(place, { mode: "auto" }, "admin", now);
        const vote = {
          platform: "slack",
          workspaceId: "T1",
          answerId: "ans-1",
          userId: "UA",
          vote: "down" as const,
          command: "ask",
          question: "how?",
          source: "docker.md#cp",
          notesVersion: "h1",
        };
        await from.feedback.vote(vote, now);
        await from.feedback.reason(vote, "wrong", now);
        const gap = {
          platform: "slack",
          workspaceId: "T1",
          channelId: "C1",
          userId: "UA",
          command: "ask",
          question: "rotate certs",
          terms: ["rotat", "cert"],
          notesVersion: "h1",
          askedAt: now.toISOString(),
        };
        const gapId = await from.gaps.record(gap);
        await from.gaps.request(gapId, "UB", now);
        await from.shares.record(
          {
            id: "share-1",
            platform: "slack",
            workspaceId: "T1",
            userId: "UA",
            command: "ask",
            argsJson: "{}",
          },
          now,
        );

        const copied = await copyStateToPostgres(sqlite, target.url);
        expect(copied).toMatchObject({
          quiz_posts: 3,
          quiz_answers: 2,
          srs_cards: 1,
          onboarding_checkpoints: 1,
        });

        const to = await openPostgresStores(target.url);
        try {
          for (const id of [daily.id, adhoc.id, checkpoint.id])
            expect(await to.quiz.post(id)).toEqual(await from.quiz.post(id));
          expect(await to.quiz.question("q-copy")).toEqual(q);
          expect(await to.quiz.answerCount(daily.id)).toEqual({ total: 1, correct: 1 });
          expect(await to.scores.leaderboard(place, null, 10)).toEqual(
            await from.scores.leaderboard(place, null, 10),
          );
          expect(await to.reviews.card(alice, "q-copy")).toEqual(await from.reviews.card(alice, "q-copy"));
          expect(await to.schedules.enabled()).toEqual(await from.schedules.enabled());
          expect(await to.onboarding.member(alice)).toEqual(await from.onboarding.member(alice));
          expect(await to.onboarding.completed(alice)).toEqual(new Set(["l1"]));
          expect(await to.onboarding.checkpoint(checkpoint.id)).toEqual({ lessonId: "l1", step: 1 });
          expect(await to.shares.find("share-1", now)).toEqual(await from.shares.find("share-1", now));
          expect(await to.channelSettings.get(place)).toEqual(await from.channelSettings.get(place));
          expect(await to.feedback.voteOf(vote)).toEqual({ vote: "down", reason: "wrong" });
          expect(await to.feedback.worstRated(null, 10)).toEqual(await from.feedback.worstRated(null, 10));
          expect(await to.gaps.find(gap, gapId)).toEqual(await from.gaps.find(gap, gapId));
          // A new gap takes an id after the copied ones.
          expect(await to.gaps.record(gap)).toBeGreaterThan(gapId);
          // The daily claim came along; a new post takes an id after the copied ones.
          expect(await to.quiz.createPost(place, q, "daily", now, null, "2026-03-02")).toBeNull();
          const next = await to.quiz.createPost(place, q, "adhoc", now, "UA");
          expect(next?.id).toBeGreaterThan(checkpoint.id);
        } finally {
          await to.close();
        }
        // A second copy is refused and adds nothing.
        await expect(copyStateToPostgres(sqlite, target.url)).rejects.toBeInstanceOf(StateNotEmptyError);
        const check = await openPostgresStores(target.url);
        expect(await check.quiz.answerCount(daily.id)).toEqual({ total: 1, correct: 1 });
        await check.close();
      } finally {
        sqlite.close();
        await target.drop();
      }
    });
  });

  describe("PostgreSQL migrations", () => {
    it("are applied once, however many replicas start together", async () => {
      const db = await createTestDatabase(server, "migrate");
      try {
        const replicas = await Promise.all([1, 2, 3].map(() => openPostgresStores(db.url)));
        const check = new pg.Client({ connectionString: db.url });
        await check.connect();
        const { rows } = await check.query<{ version: number }>("SELECT version FROM schema_migrations");
        await check.end();
        const numbered = readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.version);
        expect(numbered.length).toBeGreaterThanOrEqual(3);
        expect(rows.map((r) => r.version).sort((x, y) => x - y)).toEqual(numbered);
        await Promise.all(replicas.map((r) => r.close()));
      } finally {
        await db.drop();
      }
    });
  });
}

describe("a PostgreSQL that cannot be reached", () => {
  it("fails the opening with the driver's reason instead of waiting", async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    await expect(openPostgresStores("postgres://tutor@127.0.0.1:1/tutor")).rejects.toThrow(/ECONNREFUSED/);
  });
});
