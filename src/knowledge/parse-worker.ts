import { type MessagePort, workerData } from "node:worker_threads";
import { type ParsedNote, parseNote } from "./markdown.js";

/** What the main thread sends: one note to parse. */
export interface ParseRequest {
  file: string;
  content: string;
}

/** What the worker answers on the port, before it raises the flag. */
export type ParseResponse = { ok: true; note: ParsedNote } | { ok: false; error: string };

/**
 * Set up by parse-notes.ts: the reply port and flags shared by every worker (index 0 counts the answers of
 * all of them; `readySlot` is this worker's ready flag).
 */
export interface ParseWorkerData {
  port: MessagePort;
  flag: SharedArrayBuffer;
  readySlot: number;
}

const { port, flag, readySlot } = workerData as ParseWorkerData;
const signal = new Int32Array(flag);

port.on("message", (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    response = { ok: true, note: parseNote(request.file, request.content) };
  } catch (err) {
    response = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  // The answer is on the port before the count says so.
  port.postMessage(response);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
Atomics.store(signal, readySlot, 1);
Atomics.notify(signal, readySlot);
