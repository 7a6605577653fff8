/**
 * The state stores' behaviour on PostgreSQL: a database of its own on TEST_DATABASE_URL, emptied before
 * each test. Without a server the suite is skipped, except in CI, where that is a failure
 * (`scripts/with-postgres.sh npm test` runs it anywhere PostgreSQL is installed).
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgresStores } from "../../../src/core/storage/postgres/index.js";
import type { StateStores } from "../../../src/core/storage/stores.js";
import { createTestDatabase, TEST_DATABASE_URL } from "../../helpers/postgres.js";
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
    const admin = new pg.Pool({ connectionString: db.url, max: 1 });
    const tables = (
      await admin.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
      )
    ).rows.map((r) => r.tablename);
    return {
      fresh: async () => {
        await admin.query(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
        return stores;
      },
      close: async () => {
        await admin.end();
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
        const q = {
          id: "q-replicas",
          kind: "term-for-definition" as const,
          topic: "Docker",
          subject: { en: "a subject", ja: "題" },
          choices: ["a", "b"],
          answer: 1,
          explanation: "why",
          source: { path: ["Docker"], source: "docker.md#docker" },
        };
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

  describe("PostgreSQL migrations", () => {
    it("are applied once, however many replicas start together", async () => {
      const db = await createTestDatabase(server, "migrate");
      try {
        const replicas = await Promise.all([1, 2, 3].map(() => openPostgresStores(db.url)));
        const check = new pg.Client({ connectionString: db.url });
        await check.connect();
        const { rows } = await check.query<{ version: number }>("SELECT version FROM schema_migrations");
        await check.end();
        expect(rows.map((r) => r.version)).toEqual([1]);
        await Promise.all(replicas.map((r) => r.close()));
      } finally {
        await db.drop();
      }
    });
  });
}
