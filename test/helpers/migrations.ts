import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "../../src/core/config.js";
import { readMigrations } from "../../src/core/storage/database.js";

/**
 * A folder in `dir` holding the project's migrations before `version`, as a database written by an older
 * version of the tutor has them: open a database on it (`openDatabase(file, { migrationsDir })`), write
 * state, close it, and open it again normally to run the newer migrations over that state.
 */
export function migrationsBefore(dir: string, version: number): string {
  const before = path.join(dir, `before-${version}`);
  fs.mkdirSync(before);
  for (const m of readMigrations(MIGRATIONS_DIR).filter((m) => m.version < version))
    fs.writeFileSync(path.join(before, m.name), m.sql);
  return before;
}
