import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ensureIndex, type IndexInfo } from "../../knowledge/index-store.js";
import { KnowledgeIndex, type StoredFinding } from "../../knowledge/search.js";
import { workerScript } from "../../knowledge/worker-script.js";
import { type Db, openDatabase } from "../storage/database.js";
import type { BuildRequest, BuildResponse } from "./build-worker.js";
import type { IndexGeneration } from "./slot.js";

/** Index databases built beside the main one are named `<main file>.index-<stamp>`. */
const SIDE_SUFFIX = ".index-";

/** A build the reload refused: the new notes hold a file that cannot be read, so the old index stays. */
export interface RejectedBuild {
  ok: false;
  /** The findings that made the build unfit to serve (files that could not be parsed). */
  findings: StoredFinding[];
  hash: string;
}

export interface AcceptedBuild {
  ok: true;
  generation: IndexGeneration;
}

/** Where the next side index goes: a file next to the main database, or memory for an in-memory one. */
function sideFile(mainDbFile: string, stamp: number): string {
  return mainDbFile === ":memory:" ? ":memory:" : `${mainDbFile}${SIDE_SUFFIX}${stamp}`;
}

function removeDbFiles(file: string): void {
  if (file === ":memory:") return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** Removes side indexes a previous process left behind (killed mid-build or before it retired one). */
export function removeStaleSideIndexes(mainDbFile: string): void {
  if (mainDbFile === ":memory:") return;
  const dir = path.dirname(path.resolve(mainDbFile));
  const prefix = `${path.basename(mainDbFile)}${SIDE_SUFFIX}`;
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir))
    if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
}

const findingKey = (f: Pick<StoredFinding, "kind" | "file" | "excerpt">) =>
  `${f.kind}\u0000${f.file}\u0000${f.excerpt}`;

let counter = 0;

/** Why a build in a worker ended without an answer: stopped (the bot is closing) or crashed. */
class BuildStopped extends Error {}

/**
 * Builds the index of `notesDir` into the database file `dbFile` in a worker thread, so that the event
 * loop keeps reading and acknowledging requests meanwhile (a large folder takes seconds). Null when no
 * worker can be started: the caller then builds in-process. Once `signal` aborts, the worker is stopped
 * and the promise rejects after it has exited (nothing writes to the file any more).
 */
function buildInWorker(dbFile: string, notesDir: string, signal?: AbortSignal): Promise<IndexInfo> | null {
  const script = workerScript("build-worker", import.meta.url);
  if (!script) return null;
  const request: BuildRequest = { dbFile, notesDir };
  let worker: Worker;
  try {
    worker = new Worker(script.script, { eval: script.eval, workerData: request });
  } catch {
    return null;
  }
  return new Promise<IndexInfo>((resolve, reject) => {
    let answered = false;
    const stop = () => void worker.terminate();
    signal?.addEventListener("abort", stop, { once: true });
    worker.once("message", (response: BuildResponse) => {
      answered = true;
      if (response.ok) resolve(response.info);
      else reject(new Error(response.error));
    });
    worker.once("error", (err) => {
      answered = true;
      reject(err);
    });
    worker.once("exit", (code) => {
      signal?.removeEventListener("abort", stop);
      if (!answered) reject(new BuildStopped(`the index build stopped (exit code ${code})`));
    });
  });
}

/**
 * Builds the index of `notesDir` in a new database beside the main one, in a worker thread, while the old
 * index keeps serving; nothing the old index reads is touched. The build is refused (and its database
 * deleted) when it holds a file that could not be parsed which the serving index did not already report:
 * a bad push then leaves the bot answering from the last good notes, with the findings to show. An
 * in-memory database (tests) is built in-process, since a worker cannot reach it. Null when `signal`
 * aborted (the bot is closing): the build is stopped and its files deleted, and `serving`, which may be
 * closed by then, is not read.
 */
export async function buildBeside(
  mainDbFile: string,
  notesDir: string,
  serving: KnowledgeIndex,
  signal?: AbortSignal,
): Promise<AcceptedBuild | RejectedBuild | null> {
  const file = sideFile(mainDbFile, Date.now() * 1000 + (counter++ % 1000));
  let db: Db | undefined;
  try {
    const inWorker = file === ":memory:" ? null : buildInWorker(file, notesDir, signal);
    const built = inWorker ? await inWorker : null;
    if (signal?.aborted) {
      removeDbFiles(file);
      return null;
    }
    db = openDatabase(file);
    const info = built ?? ensureIndex(db, notesDir, true);
    const index = new KnowledgeIndex(db);
    const known = new Set(serving.findings().map(findingKey));
    const fresh = index.findings().filter((f) => f.kind === "parse" && !known.has(findingKey(f)));
    if (fresh.length > 0) {
      db.close();
      removeDbFiles(file);
      return { ok: false, findings: fresh, hash: info.hash };
    }
    const opened = db;
    return {
      ok: true,
      generation: {
        index,
        info,
        retire: () => {
          opened.close();
          removeDbFiles(file);
        },
      },
    };
  } catch (err) {
    db?.close();
    removeDbFiles(file);
    if (signal?.aborted && err instanceof BuildStopped) return null;
    throw err;
  }
}
