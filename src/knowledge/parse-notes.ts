import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Finding } from "./entries.js";
import { type ParsedNote, parseNote } from "./markdown.js";
import type { NoteFile } from "./notes-loader.js";
import {
  IN_PROCESS_BYTES,
  PARSE_HEAP_MB,
  PARSE_TIME_LIMIT_MS,
  WORKER_START_LIMIT_MS,
  skippedFileFinding,
} from "./note-limits.js";
import type { ParseRequest, ParseResponse, ParseWorkerData } from "./parse-worker.js";

export interface ParseOptions {
  /** Folders with fewer bytes are parsed in-process (default IN_PROCESS_BYTES). */
  inProcessBytes?: number;
  /** Time a file's parse may take in the worker (default PARSE_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  /** The worker's heap (default PARSE_HEAP_MB). */
  heapMb?: number;
}

export interface ParsedFolder {
  notes: ParsedNote[];
  /** Files that could not be parsed within the limits, one finding each. */
  findings: Finding[];
  /** Whether the notes were parsed in a worker thread (false: in-process). */
  worker: boolean;
}

/**
 * The worker's script: the compiled .js next to this file, or (when running from the TypeScript source,
 * as the tests and tsx do) a loader that registers tsx in the worker and imports the .ts source.
 */
function workerScript(): { script: string | URL; eval: boolean } | null {
  const js = new URL("./parse-worker.js", import.meta.url);
  if (fs.existsSync(js)) return { script: js, eval: false };
  const ts = new URL("./parse-worker.ts", import.meta.url);
  if (!fs.existsSync(ts)) return null;
  let api: string;
  try {
    // tsx's ESM API, as its package exports name it (require.resolve would pick the CommonJS build).
    const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
    const exports = JSON.parse(fs.readFileSync(manifest, "utf8")).exports?.["./esm/api"]?.import?.default;
    if (typeof exports !== "string") return null;
    api = pathToFileURL(path.join(path.dirname(manifest), exports)).href;
  } catch {
    return null;
  }
  const loader = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(ts.href)}, ${JSON.stringify(import.meta.url)}));`;
  return { script: loader, eval: true };
}

/** One parse worker, called synchronously: the caller blocks on a shared flag until the answer or the time limit. */
class ParseWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));

  private constructor(script: { script: string | URL; eval: boolean }, heapMb: number) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: ParseWorkerData = { port: channel.port2, flag: this.signal.buffer as SharedArrayBuffer };
    this.worker = new Worker(script.script, {
      eval: script.eval,
      workerData: data,
      transferList: [channel.port2],
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    // A worker that runs out of heap or is stopped reports it here; the caller has already moved on.
    this.worker.on("error", () => {});
    this.worker.unref();
    this.port.unref();
  }

  /** Starts a worker and waits until it has loaded the parser; null when it cannot start in time. */
  static start(heapMb: number): ParseWorker | null {
    const script = workerScript();
    if (!script) return null;
    let started: ParseWorker;
    try {
      started = new ParseWorker(script, heapMb);
    } catch {
      return null;
    }
    if (Atomics.wait(started.signal, 1, 0, WORKER_START_LIMIT_MS) === "timed-out") {
      started.stop();
      return null;
    }
    return started;
  }

  /** Parses one file; null when the worker did not answer within the time limit (it is then stopped). */
  parse(file: string, content: string, timeLimitMs: number): ParseResponse | null {
    Atomics.store(this.signal, 0, 0);
    const request: ParseRequest = { file, content };
    this.port.postMessage(request);
    if (Atomics.wait(this.signal, 0, 0, timeLimitMs) === "timed-out") {
      this.stop();
      return null;
    }
    const reply = receiveMessageOnPort(this.port);
    return reply ? (reply.message as ParseResponse) : null;
  }

  stop(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

function failed(file: string, reason: string): Finding {
  return skippedFileFinding(
    file,
    `This file was not indexed: ${reason}.`,
    `このファイルは索引に入れていません（${reason}）。`,
  );
}

/**
 * Parses a folder's notes. Folders past IN_PROCESS_BYTES are parsed in one worker thread with a heap
 * limit and a per-file time limit, so that a file that would take the process down or block it is
 * skipped with a finding and every other file is indexed; smaller folders are parsed in-process, where
 * the caps of note-limits.ts bound the work and a worker's start-up would cost more than the parse.
 */
export function parseNotes(files: NoteFile[], options: ParseOptions = {}): ParsedFolder {
  const timeLimit = options.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  const heapMb = options.heapMb ?? PARSE_HEAP_MB;
  const bytes = files.reduce((n, f) => n + f.content.length, 0);
  let worker = bytes >= (options.inProcessBytes ?? IN_PROCESS_BYTES) ? ParseWorker.start(heapMb) : null;
  const usedWorker = worker !== null;
  const notes: ParsedNote[] = [];
  const findings: Finding[] = [];
  for (const f of files) {
    if (!usedWorker) {
      notes.push(parseNote(f.file, f.content));
      continue;
    }
    worker ??= ParseWorker.start(heapMb);
    const response = worker?.parse(f.file, f.content, timeLimit);
    if (!worker) notes.push(parseNote(f.file, f.content));
    else if (!response) {
      findings.push(
        failed(f.file, `parsing it took longer than ${timeLimit / 1000} s or more than ${heapMb} MB`),
      );
      worker = null;
    } else if (!response.ok) findings.push(failed(f.file, `the parser failed (${response.error})`));
    else notes.push(response.note);
  }
  worker?.stop();
  return { notes, findings, worker: usedWorker };
}
