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
