import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS_DIR } from "../config.js";

export type Db = Database.Database;

export interface OpenOptions {
  migrationsDir?: string;
  /** Copied to `file` first when `file` does not exist yet (a database built into the image). */
  seed?: string | undefined;
}

/** Opens the one database of the process (WAL mode) and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ":memory:") {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    if (options.seed && !fs.existsSync(file) && fs.existsSync(options.seed))
      fs.copyFileSync(options.seed, file);
  }
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // FULL: an answer acknowledged to a learner survives a power loss, not only a killed process.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, options.migrationsDir ?? MIGRATIONS_DIR);
  return db;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((f) => ({
      version: Number.parseInt(f, 10),
      name: f,
      sql: fs.readFileSync(path.join(dir, f), "utf8"),
    }))
    .sort((a, b) => a.version - b.version);
}

/** Applies the numbered SQL files not applied yet, each in its own transaction, and records them. */
export function migrate(db: Db, dir: string): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare("SELECT version FROM schema_migrations")
      .all()
      .map((r) => (r as { version: number }).version),
  );
  const done: number[] = [];
  for (const m of readMigrations(dir)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    done.push(m.version);
  }
  return done;
}
