import { type MessagePort, workerData } from "node:worker_threads";
import { type ParsedNote, parseNote } from "./markdown.js";

/** What the main thread sends: one note to parse. */
export interface ParseRequest {
  file: string;
  content: string;
}

/** What the worker answers on the port, before it raises the flag. */
export type ParseResponse = { ok: true; note: ParsedNote } | { ok: false; error: string };

/** Set up by parse-notes.ts: the reply port and a shared flag (index 0: answer ready, index 1: worker ready). */
export interface ParseWorkerData {
  port: MessagePort;
  flag: SharedArrayBuffer;
}

const { port, flag } = workerData as ParseWorkerData;
const signal = new Int32Array(flag);

function raise(index: number): void {
  Atomics.store(signal, index, 1);
  Atomics.notify(signal, index);
}

port.on("message", (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    response = { ok: true, note: parseNote(request.file, request.content) };
  } catch (err) {
    response = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(response);
  raise(0);
});
raise(1);
