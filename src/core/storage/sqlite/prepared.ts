import type Database from "better-sqlite3";
import type { Db } from "../database.js";

/**
 * Each database's statements, prepared the first time their SQL is run and reused after that. Preparing
 * costs 10–30 µs a statement (a quiz answer ran six), and a better-sqlite3 statement can be run any number
 * of times. The cache holds one entry per SQL text, and every text given here is written in the stores'
 * code (no values spliced in), so it is bounded by the code; it goes with its database (a WeakMap).
 */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** The statement of `sql` on `db`, prepared once. Only for SQL whose text holds no values (use `?`). */
export function prepared(db: Db, sql: string): Database.Statement {
  let ofDb = statements.get(db);
  if (!ofDb) {
    ofDb = new Map();
    statements.set(db, ofDb);
  }
  let statement = ofDb.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    ofDb.set(sql, statement);
  }
  return statement;
}
