/**
 * A worker thread that builds a side index (rebuild.ts): opens the side database file, indexes the notes
 * folder into it, closes it and answers with the index's info. The main thread meanwhile keeps answering
 * from the serving index; it opens the finished file afterwards.
 */
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { ensureIndex, type IndexInfo } from "../../knowledge/index-store.js";
import { openDatabase } from "../storage/database.js";

/** What the worker is given. */
export const buildRequest = z.object({ dbFile: z.string().min(1), notesDir: z.string().min(1) });
export type BuildRequest = z.infer<typeof buildRequest>;

/** What it answers, once. */
export type BuildResponse = { ok: true; info: IndexInfo } | { ok: false; error: string };

function build(request: BuildRequest): BuildResponse {
  const db = openDatabase(request.dbFile);
  try {
    return { ok: true, info: ensureIndex(db, request.notesDir, true) };
  } finally {
    db.close();
  }
}

let response: BuildResponse;
try {
  response = build(buildRequest.parse(workerData));
} catch (err) {
  response = { ok: false, error: err instanceof Error ? err.message : String(err) };
}
parentPort?.postMessage(response);
