import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATIONS_DIR } from "../../config.js";
import { readMigrations } from "../database.js";

export type Pool = pg.Pool;
export type Client = pg.PoolClient;
/** Anything that runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

/** The PostgreSQL migrations, apart from SQLite's (the knowledge index has none here). */
export const POSTGRES_MIGRATIONS_DIR = path.join(MIGRATIONS_DIR, "postgres");

/**
 * Connections one process keeps open at most: a use case holds one for a transaction at a time, and a
 * replica serves a few at once; ten per replica stays far below PostgreSQL's default max_connections (100).
 */
const POOL_SIZE = 10;
/** A connection that cannot be made within this long fails the start-up (or the query) clearly. */
const CONNECT_TIMEOUT_MS = 10_000;
/** The key of the advisory lock held while migrating, so replicas starting together migrate once. */
const MIGRATION_LOCK_KEY = 7_402_115;

export function openPool(url: string): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection that could not even roll back is broken: it is closed rather than returned to the pool.
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

/**
 * Applies the numbered SQL files not applied yet and records them, all in one transaction (PostgreSQL's DDL
 * is transactional: all or none). An advisory lock makes a second replica wait, then find them applied.
 */
export async function migratePostgres(pool: Pool, dir = POSTGRES_MIGRATIONS_DIR): Promise<number[]> {
  if (!fs.existsSync(dir)) throw new Error(`no PostgreSQL migrations in ${dir}`);
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set(
      (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
        (r) => r.version,
      ),
    );
    const done: number[] = [];
    for (const m of readMigrations(dir)) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      done.push(m.version);
    }
    return done;
  });
}
