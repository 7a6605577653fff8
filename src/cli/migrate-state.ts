// `tutor migrate-state --to postgres://…`: the one-shot move of a SQLite deployment's state into
// PostgreSQL (README "State in PostgreSQL"). The copy itself is the storage layer's copyStateToPostgres.
import fs from "node:fs";
import path from "node:path";
import { driverReason } from "../compose.js";
import { configSchema } from "../core/config.js";
import { StateNotEmptyError, copyStateToPostgres } from "../core/storage/copy-state.js";
import { openDatabase } from "../core/storage/database.js";
import { CliUsageError } from "./args.js";

/** A migration that cannot run: the message says why and what to do. */
export class MigrateStateError extends Error {}

/**
 * Copies the state of the SQLite file `dbFile` into the PostgreSQL at `url` (migrated first), all of it in
 * one transaction, and returns the rows copied per table. Refuses a target that already holds state, so a
 * second run changes nothing; the SQLite file is left as it was (apart from its own pending migrations).
 */
export async function migrateState(dbFile: string, url: string): Promise<Record<string, number>> {
  const parsed = configSchema.shape.DATABASE_URL.safeParse(url);
  if (!parsed.success || !parsed.data)
    throw new CliUsageError("--to must be a PostgreSQL URL: postgres://user:password@host:5432/database");
  if (dbFile === ":memory:" || !fs.existsSync(dbFile))
    throw new MigrateStateError(
      `no SQLite database at ${path.resolve(dbFile)}: point --db (or TUTOR_DB) at the file the bot used`,
    );
  const db = openDatabase(dbFile);
  try {
    return await copyStateToPostgres(db, parsed.data);
  } catch (err) {
    if (err instanceof StateNotEmptyError)
      throw new MigrateStateError(
        `the target database already holds state (${err.message}); nothing was copied. ` +
          "migrate-state copies into a database no bot has used yet, once: run it before the first start " +
          "on DATABASE_URL (if it ran before, the state is there already).",
      );
    throw new MigrateStateError(
      `cannot copy into the target database (${driverReason(err)}); nothing was copied`,
    );
  } finally {
    db.close();
  }
}
