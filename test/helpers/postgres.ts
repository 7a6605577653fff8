import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL the tests may use: TEST_DATABASE_URL (scripts/with-postgres.sh sets it to a throwaway
 * cluster). Undefined when there is none; CI must have one (`.ci/run` starts it).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** A new, empty database on the test server for one test file; `drop` removes it. */
export async function createTestDatabase(
  serverUrl: string,
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tutor_${label}_${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
