import { type Db, sealIfReadOnlyCopy } from "./database.js";

let depth = 0;

/**
 * Runs a use case's synchronous part as one transaction: every write it makes is kept, or none (a full
 * disk halfway through leaves nothing half-written). A use case that returns a promise has its
 * synchronous part committed when the promise is returned; what it does after an `await` runs outside
 * (better-sqlite3 transactions cannot span an await, and nothing else may write in between anyway).
 * Nested calls become savepoints of the outer transaction.
 */
export function atomically<T>(db: Db, work: () => T): T {
  sealIfReadOnlyCopy(db);
  const name = `use_case_${depth++}`;
  db.exec(`SAVEPOINT ${name}`);
  try {
    const result = work();
    // SQLite may have rolled the whole transaction back itself (SQLITE_FULL in an async use case, whose
    // error arrives as a rejected promise): then there is nothing left to release.
    if (db.inTransaction) {
      try {
        db.exec(`RELEASE ${name}`);
      } catch (err) {
        // The use case's own rejection is then superseded by this error.
        if (isThenable(result)) result.then(undefined, () => {});
        throw err;
      }
    }
    return result;
  } catch (err) {
    // A failed COMMIT (SQLITE_FULL at the very end) may already have ended the transaction.
    if (db.inTransaction) {
      try {
        db.exec(`ROLLBACK TO ${name}`);
        db.exec(`RELEASE ${name}`);
      } catch {
        if (depth === 1 && db.inTransaction) db.exec("ROLLBACK");
      }
    }
    throw err;
  } finally {
    depth--;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
