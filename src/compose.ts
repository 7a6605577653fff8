// The composition root: the one place that builds a tutor from configuration (the language model, the
// notes clone, the state stores, the knowledge index and the use cases on them). `npm start` (main.ts) and
// the CLI (cli/) both call it, so a setting means the same in both.
import { type Config, ConfigError, gitNotesDirOf, notesDirOf } from "./core/config.js";
import type { AnswerWriter } from "./core/llm/types.js";
import type { Logger } from "./core/logger.js";
import { ensureCloneSync, parseGitSource } from "./core/notes-sync/git.js";
import { DatabaseOpenError } from "./core/storage/errors.js";
import type { StateStores } from "./core/storage/stores.js";
import { Tutor } from "./core/tutor.js";
import { type FileClock, fileClock } from "./test-clock.js";

export interface Composed {
  tutor: Tutor;
  /** Where the state is: "sqlite" (the TUTOR_DB file) or "postgres" (DATABASE_URL). */
  stateKind: StateStores["kind"];
  /** Answers whether the state database can be reached now (a trivial query), for /readyz. */
  ping(): Promise<void>;
  /** Closes the tutor, then the state stores it used. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  logger: Logger;
  /**
   * The CLI's read-only commands (explain, ask, doctor, gaps): when TUTOR_DB cannot be written, they read a
   * copy of it in memory instead of failing; nothing is saved there.
   */
  readOnlyFallback?: boolean;
}

/** The optional language model, loaded only when configured. */
async function writerOf(config: Config, logger: Logger): Promise<AnswerWriter | undefined> {
  if (!config.OPENAI_BASE_URL || !config.OPENAI_MODEL) return undefined;
  const { createOpenAIWriter } = await import("./core/llm/openai-writer.js");
  return createOpenAIWriter({
    baseURL: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    logger,
  });
}

/** A notes repository is cloned before the first index is built (the service then pulls it on an interval). */
function cloneNotes(config: Config): void {
  const git = parseGitSource(config.TUTOR_NOTES_GIT);
  if (!git) return;
  try {
    ensureCloneSync(git, gitNotesDirOf(config));
  } catch (err) {
    if ((err as NodeJS.ErrnoException | null)?.code === "ENOENT")
      throw new ConfigError(
        "Configuration error: TUTOR_NOTES_GIT needs the git program, which is not installed here (the container " +
          "image has none: run a git-sync sidecar into the notes folder instead, see the README)",
      );
    const detail = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new ConfigError(`Configuration error: TUTOR_NOTES_GIT: cannot clone the repository (${detail})`);
  }
}

/** The reason a driver gave, on one line (an AggregateError, one per address tried, has its own reasons). */
export function driverReason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return driverReason(err.errors[0]);
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0] || (err instanceof Error ? err.name : "unknown error");
}

/**
 * The state stores DATABASE_URL names, connected and migrated; undefined without it (the tutor then keeps
 * its state in the TUTOR_DB file). A database that cannot be reached stops start-up with the reason.
 */
async function postgresStores(config: Config): Promise<StateStores | undefined> {
  if (!config.DATABASE_URL) return undefined;
  const { openPostgresStores } = await import("./core/storage/postgres/index.js");
  try {
    return await openPostgresStores(config.DATABASE_URL);
  } catch (err) {
    throw new ConfigError(
      `Configuration error: DATABASE_URL: cannot open the database (${driverReason(err)})`,
    );
  }
}

/** The clock of TUTOR_TEST_CLOCK_FILE (tests only: config.ts refuses it unless NODE_ENV=test). */
function testClockOf(config: Config): FileClock | undefined {
  return config.TUTOR_TEST_CLOCK_FILE ? fileClock(config.TUTOR_TEST_CLOCK_FILE) : undefined;
}

/** Builds the tutor the configuration describes. Throws ConfigError (a message to print) on bad settings. */
export async function composeTutor(config: Config, options: ComposeOptions): Promise<Composed> {
  const { logger } = options;
  const writer = await writerOf(config, logger);
  cloneNotes(config);
  const postgres = await postgresStores(config);
  let clock: FileClock | undefined;
  try {
    clock = testClockOf(config);
  } catch (err) {
    await postgres?.close().catch(() => {});
    throw err;
  }
  const open = (dbFile: string, seedDb: string | undefined) =>
    Tutor.open({
      dbFile,
      seedDb,
      notesDir: notesDirOf(config),
      logger,
      admins: config.TUTOR_ADMINS,
      locale: config.TUTOR_LOCALE,
      dailyRevealMinutes: config.TUTOR_DAILY_REVEAL_MINUTES,
      writer,
      state: postgres,
      ...(clock ? { now: clock.now } : {}),
    });
  let tutor: Tutor;
  try {
    try {
      tutor = open(config.TUTOR_DB, config.TUTOR_SEED_DB);
    } catch (err) {
      if (!options.readOnlyFallback || !(err instanceof DatabaseOpenError) || err.problem !== "readonly")
        throw err;
      // With the state in PostgreSQL only the index is read from the copy; the state is still saved there.
      logger.warn(
        { file: err.file },
        postgres
          ? "index file is read-only: reading a copy in memory"
          : "database is read-only: reading a copy in memory, nothing is saved",
      );
      tutor = open(":memory:", config.TUTOR_DB);
    }
  } catch (err) {
    clock?.stop();
    await postgres?.close().catch(() => {});
    throw err;
  }
  // The test clock stands for time passing: on each move, the poster sends what its jobs would have.
  clock?.onChange(() =>
    tutor.daily.catchUpAll().catch((err: unknown) => logger.error({ err }, "daily catch-up failed")),
  );
  const state = tutor.state;
  let closed = false;
  return {
    tutor,
    stateKind: state.kind,
    ping: () => state.ping(),
    close: async () => {
      if (closed) return;
      closed = true;
      clock?.stop();
      tutor.close();
      await postgres?.close();
    },
  };
}
