import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS_DIR } from "../config.js";
import { DatabaseOpenError, storageProblemOf } from "./errors.js";

export type Db = Database.Database;

export interface OpenOptions {
  migrationsDir?: string;
  /**
   * Copied to `file` first when `file` does not exist yet (a database built into the image). With `file`
   * `":memory:"`, the seed is read (never written) into the in-memory database: how read-only commands run
   * on a database they may not write (`openReadOnlyCopy`).
   */
  seed?: string | undefined;
}

/** In-memory databases that stand for a file which could not be written: they never accept a write. */
const readOnlyCopies = new WeakSet<Db>();

/** Is this an in-memory copy of a read-only database (see `sealIfReadOnlyCopy`)? */
export function isReadOnlyCopy(db: Db): boolean {
  return readOnlyCopies.has(db);
}

/**
 * From the first command on, a read-only copy refuses writes (`PRAGMA query_only`), so a quiz answer gets
 * "I can't save" instead of being kept in memory and silently lost. Until then, the index may be built in it.
 */
export function sealIfReadOnlyCopy(db: Db): void {
  if (readOnlyCopies.has(db) && db.open) db.pragma("query_only = ON");
}

/** Opens the one database of the process (WAL mode) and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file === ":memory:" && options.seed) return openCopy(options.seed, options);
  try {
    if (file !== ":memory:") {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      if (options.seed && !fs.existsSync(file) && fs.existsSync(options.seed))
        fs.copyFileSync(options.seed, file);
      // SQLite opens a file it may not write read-only without a word, and the first write fails much
      // later; WAL mode also creates files next to it. Both are checked now, where the advice is clear.
      if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
      fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    }
  } catch (err) {
    throw asOpenError(file, err);
  }
  let db: Db | undefined;
  try {
    db = new Database(file);
    if (db.readonly) throw Object.assign(new Error("opened read-only"), { code: "SQLITE_READONLY" });
    db.pragma("journal_mode = WAL");
    // FULL: an answer acknowledged to a learner survives a power loss, not only a killed process.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db, options.migrationsDir ?? MIGRATIONS_DIR);
    return db;
  } catch (err) {
    db?.close();
    throw asOpenError(file, err);
  }
}

function asOpenError(file: string, err: unknown): unknown {
  const problem = storageProblemOf(err);
  return problem ? new DatabaseOpenError(file, problem, err) : err;
}

/**
 * A writable in-memory copy of a database file this process may only read: read through SQLite when it
 * can (so a WAL file's last commits are included), else the file's bytes. Migrations and an index rebuild
 * then happen in memory; `sealIfReadOnlyCopy` stops any other write.
 */
export function openReadOnlyCopy(file: string, options: Omit<OpenOptions, "seed"> = {}): Db {
  return openCopy(file, options);
}

function openCopy(file: string, options: OpenOptions): Db {
  let image: Buffer;
  try {
    image = snapshot(file);
  } catch (err) {
    throw asOpenError(file, err);
  }
  // Bytes 18 and 19 of the header say WAL (2) or rollback journal (1); an in-memory copy has no WAL.
  if (image.length >= 20) {
    image[18] = 1;
    image[19] = 1;
  }
  let db: Db | undefined;
  try {
    // An empty image (nothing to copy yet, as on a first run on a read-only volume): an empty database.
    db = image.length > 0 ? new Database(image) : new Database(":memory:");
    db.pragma("foreign_keys = ON");
    migrate(db, options.migrationsDir ?? MIGRATIONS_DIR);
    readOnlyCopies.add(db);
    return db;
  } catch (err) {
    db?.close();
    throw asOpenError(file, err);
  }
}

function snapshot(file: string): Buffer {
  if (!fs.existsSync(file)) return Buffer.alloc(0);
  try {
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return source.serialize();
    } finally {
      source.close();
    }
  } catch {
    // A WAL database in a folder this process cannot write cannot be read through SQLite, even read-only
    // (it needs its -shm file; serialize() then fails with "out of memory"): its bytes can still be read.
    return fs.readFileSync(file);
  }
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
