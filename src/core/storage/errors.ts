import path from "node:path";

/**
 * What went wrong with the database, in terms a person can act on. SQLite reports these as codes on the
 * error (better-sqlite3's `SqliteError.code`, e.g. `SQLITE_FULL`, `SQLITE_READONLY_DBMOVED`), the file
 * system as `errno` codes (`EACCES`, `EROFS`, `ENOSPC`).
 */
export type StorageProblem = "full" | "readonly" | "corrupt";

export function storageProblemOf(err: unknown): StorageProblem | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== "string") return undefined;
  if (code === "SQLITE_FULL" || code === "ENOSPC") return "full";
  if (code.startsWith("SQLITE_READONLY") || code === "EACCES" || code === "EROFS" || code === "EPERM")
    return "readonly";
  if (code.startsWith("SQLITE_CANTOPEN")) return "readonly";
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return "corrupt";
  return undefined;
}

/** A database that cannot be opened as it should: the message names the file and what to do. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly file: string,
    readonly problem: StorageProblem,
    cause: unknown,
  ) {
    super(openAdvice(file, problem, cause instanceof Error ? cause.message : String(cause)), { cause });
    this.name = "DatabaseOpenError";
  }
}

function openAdvice(file: string, problem: StorageProblem, detail: string): string {
  const where = path.resolve(file);
  switch (problem) {
    case "corrupt":
      return (
        `The database ${where} is damaged or is not a notes-tutor database (SQLite: ${detail}). ` +
        `Stop the bot, move the file aside (mv ${where} ${where}.broken, with its -wal and -shm files) and ` +
        "start again: a new database is created and the index rebuilt from the notes. Quiz scores, schedules " +
        "and onboarding progress come back only from a backup of the file."
      );
    case "readonly":
      return (
        `The database ${where} cannot be written (SQLite: ${detail}). Make the file and its folder writable ` +
        "for the user the bot runs as (chown/chmod, or mount the volume read-write), or set TUTOR_DB to a " +
        "writable path. explain, ask and doctor from the command line still work on a read-only database."
      );
    case "full":
      return (
        `The disk holding the database ${where} is full (SQLite: ${detail}). Free some space (or grow the ` +
        "volume) and start again; nothing was lost."
      );
  }
}
