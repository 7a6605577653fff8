import type { IndexInfo } from "../../knowledge/index-store.js";
import { loadNotes } from "../../knowledge/notes-loader.js";
import type { StoredFinding } from "../../knowledge/search.js";
import type { Logger } from "../logger.js";
import { type GitSource, pullNotes } from "./git.js";
import { buildBeside, removeStaleSideIndexes } from "./rebuild.js";
import type { IndexSlot } from "./slot.js";
import { watchNotes } from "./watch.js";

/** What a reload did: swapped in a new index, found the notes unchanged, or refused a bad build. */
export type ReloadResult =
  | { status: "reloaded"; info: IndexInfo }
  | { status: "unchanged"; info: IndexInfo }
  | { status: "rejected"; info: IndexInfo; findings: StoredFinding[] };

export interface NotesSyncOptions {
  slot: IndexSlot;
  dbFile: string;
  notesDir: string;
  logger: Logger;
  now: () => Date;
}

export interface SyncStart {
  /** Watch the notes folder for changes. */
  watch: boolean;
  /** Pull the notes from this repository into `notesDir` every `intervalMs`. */
  git?: GitSource | undefined;
  intervalMs?: number;
}

/** The last build that was refused, kept for the doctor and the gaps report until a good one replaces it. */
export interface Refused {
  at: string;
  hash: string;
  findings: StoredFinding[];
}

/**
 * Keeps the index in step with the notes without a restart: on a change in the folder, a pull that
 * brought new commits, or `/tutor reindex`. One reload runs at a time; asks that come in meanwhile are
 * answered by one more reload after it (the changes they saw may have come after it read the folder).
 */
export class NotesSync {
  private running: Promise<ReloadResult> | null = null;
  private again: Promise<ReloadResult> | null = null;
  private stops: (() => void)[] = [];
  private stopped = false;
  /** Aborted by stop(): a build under way in its worker is stopped. */
  private readonly closing = new AbortController();
  /** Set while a refused build is the newest: the notes the bot serves are older than the folder's. */
  refused: Refused | null = null;

  constructor(private readonly options: NotesSyncOptions) {}

  /** Reindexes the notes beside the serving index and swaps it in; the notes unchanged, nothing happens. */
  reload(reason: string, force = false): Promise<ReloadResult> {
    if (!this.running) {
      this.running = this.build(reason, force).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // One more reload once the running one is done, shared by everyone who asks meanwhile.
    this.again ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.again = null;
        return this.reload(reason, force);
      });
    return this.again;
  }

  private async build(reason: string, force: boolean): Promise<ReloadResult> {
    // Let the caller's own work (an acknowledgement) go first: the build holds the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    const { slot, logger } = this.options;
    const serving = slot.info;
    if (!force && loadNotes(this.options.notesDir).hash === serving.hash) {
      return { status: "unchanged", info: serving };
    }
    const built = await buildBeside(
      this.options.dbFile,
      this.options.notesDir,
      slot.index,
      this.closing.signal,
    );
    // Closed while building: the build was stopped and its files deleted.
    if (built === null) return { status: "unchanged", info: serving };
    if (!built.ok) {
      this.refused = { at: this.options.now().toISOString(), hash: built.hash, findings: built.findings };
      logger.warn(
        { reason, files: [...new Set(built.findings.map((f) => f.file))] },
        "notes changed but a file cannot be read: still answering from the previous notes",
      );
      return { status: "rejected", info: serving, findings: built.findings };
    }
    if (this.stopped) {
      // Closed while building: nobody will read it.
      built.generation.retire?.();
      return { status: "unchanged", info: serving };
    }
    slot.swap(built.generation);
    this.refused = null;
    const info = built.generation.info;
    logger.info(
      { reason, files: info.files, entries: info.entries, ms: Math.round(info.buildMs) },
      "notes reindexed",
    );
    return { status: "reloaded", info };
  }

  /** Starts watching the folder and pulling the repository, as configured. */
  start(options: SyncStart): void {
    const { logger } = this.options;
    // Only the running bot cleans up (a CLI command on the same database must not delete its files).
    removeStaleSideIndexes(this.options.dbFile);
    const reload = (reason: string) =>
      void this.reload(reason).catch((err: unknown) =>
        logger.error({ err, reason }, "reindexing the notes failed"),
      );
    if (options.watch && !options.git) {
      this.stops.push(
        watchNotes(
          this.options.notesDir,
          () => reload("watch"),
          (err) => logger.warn({ err, dir: this.options.notesDir }, "cannot watch the notes folder"),
        ),
      );
    }
    const git = options.git;
    if (git) {
      const every = options.intervalMs ?? 300_000;
      const timer = setInterval(() => void this.pull(git), every);
      timer.unref();
      this.stops.push(() => clearInterval(timer));
    }
  }

  /** Pulls the repository once and reloads when it brought commits. A failed pull keeps the notes as they are. */
  async pull(git: GitSource): Promise<ReloadResult | null> {
    try {
      const commit = await pullNotes(git, this.options.notesDir);
      if (!commit) return null;
      this.options.logger.info({ commit, branch: git.branch }, "notes repository moved");
      return await this.reload(`git ${commit.slice(0, 12)}`);
    } catch (err) {
      this.options.logger.warn(
        { err, branch: git.branch },
        "pulling the notes repository failed; keeping the notes",
      );
      return null;
    }
  }

  /** Waits for the reload under way, if any (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running || this.again) await (this.again ?? this.running)?.catch(() => undefined);
  }

  stop(): void {
    this.stopped = true;
    this.closing.abort();
    for (const s of this.stops.splice(0)) s();
  }
}
