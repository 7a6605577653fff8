import os from "node:os";
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
import { type WorkerScript, workerScript } from "./worker-script.js";

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
 * One parse worker. It raises its own ready flag once it has loaded the parser, and after each answer adds one
 * to the flag all workers share, so the caller can wait for whichever answers first.
 */
class ParseWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;

  private constructor(
    script: WorkerScript,
    heapMb: number,
    private readonly signal: Int32Array,
    private readonly slot: number,
  ) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: ParseWorkerData = {
      port: channel.port2,
      flag: signal.buffer as SharedArrayBuffer,
      readySlot: slot,
    };
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

  /** Starts a worker without waiting for it (see ready); null when it cannot be created. */
  static spawn(heapMb: number, signal: Int32Array, slot: number): ParseWorker | null {
    const script = workerScript("parse-worker", import.meta.url);
    if (!script) return null;
    Atomics.store(signal, slot, 0);
    try {
      return new ParseWorker(script, heapMb, signal, slot);
    } catch {
      return null;
    }
  }

  /** Waits until the worker has loaded the parser; false (and the worker stopped) when it did not in time. */
  ready(limitMs: number): boolean {
    if (Atomics.wait(this.signal, this.slot, 0, limitMs) === "timed-out") {
      this.stop();
      return false;
    }
    return true;
  }

  post(request: ParseRequest): void {
    this.port.postMessage(request);
  }

  /** The worker's answer, when it has given one. */
  reply(): ParseResponse | null {
    const reply = receiveMessageOnPort(this.port);
    return reply ? (reply.message as ParseResponse) : null;
  }

  stop(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/**
 * Parse workers at once, at most: one a core, each with its own PARSE_HEAP_MB heap. On two cores, two parse
 * the 100x corpus in 5.0-5.3 s against one's 5.6-5.9 s (the main thread alone: 3.0-3.7 s; a worker starts
 * with a cold JIT and each file is copied both ways); more would add heap for little.
 */
const MAX_WORKERS = 2;

/** Where a file stands in the pool: waiting, parsed (a note) or skipped (a finding). */
type Outcome = { note: ParsedNote } | { finding: Finding } | undefined;

/** A worker and the file it is parsing (its index in the folder's files), if any. */
interface Lane {
  worker: ParseWorker;
  job?: { index: number; since: number };
}

/**
 * Parses the files in up to MAX_WORKERS workers, in parallel, with the per-file time limit; a worker that
 * outlasts it (or dies of its heap) is stopped, its file skipped with a finding, and a new one started.
 * Null when no worker could start (the caller parses in-process).
 */
function parseInWorkers(files: NoteFile[], timeLimit: number, heapMb: number): Outcome[] | null {
  const count = Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism(), files.length));
  // Slot 0 counts answers, slot 1 + k is worker k's ready flag.
  const signal = new Int32Array(new SharedArrayBuffer(4 * (1 + count)));
  const start = (k: number): Lane | null => {
    const worker = ParseWorker.spawn(heapMb, signal, 1 + k);
    return worker?.ready(WORKER_START_LIMIT_MS) ? { worker } : null;
  };
  const spawned = Array.from({ length: count }, (_, k) => ParseWorker.spawn(heapMb, signal, 1 + k));
  let lanes: (Lane | null)[] = spawned.map((w) => (w?.ready(WORKER_START_LIMIT_MS) ? { worker: w } : null));
  if (lanes.every((l) => l === null)) return null;
  const outcomes: Outcome[] = files.map(() => undefined);
  let next = 0;
  let answers = Atomics.load(signal, 0);
  for (;;) {
    for (const lane of lanes) {
      if (!lane || lane.job || next >= files.length) continue;
      const f = files[next]!;
      lane.worker.post({ file: f.file, content: f.content });
      lane.job = { index: next++, since: performance.now() };
    }
    const busy = lanes.filter((l): l is Lane & { job: { index: number; since: number } } => !!l?.job);
    if (busy.length === 0) break;
    const soonest = Math.min(...busy.map((l) => l.job.since + timeLimit));
    Atomics.wait(signal, 0, answers, Math.max(0, soonest - performance.now()));
    answers = Atomics.load(signal, 0);
    lanes = lanes.map((lane, k) => {
      if (!lane?.job) return lane;
      const { index, since } = lane.job;
      const response = lane.worker.reply();
      if (response) {
        outcomes[index] = response.ok
          ? { note: response.note }
          : { finding: failed(files[index]!.file, `the parser failed (${response.error})`) };
        return { worker: lane.worker };
      }
      if (performance.now() - since < timeLimit) return lane;
      outcomes[index] = {
        finding: failed(
          files[index]!.file,
          `parsing it took longer than ${timeLimit / 1000} s or more than ${heapMb} MB`,
        ),
      };
      lane.worker.stop();
      return next < files.length ? start(k) : null;
    });
    // Every worker lost and none restarted: the rest is parsed in-process by the caller.
    if (lanes.every((l) => l === null)) break;
  }
  for (const lane of lanes) lane?.worker.stop();
  return outcomes;
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
  const outcomes =
    bytes >= (options.inProcessBytes ?? IN_PROCESS_BYTES) ? parseInWorkers(files, timeLimit, heapMb) : null;
  const notes: ParsedNote[] = [];
  const findings: Finding[] = [];
  files.forEach((f, i) => {
    const outcome = outcomes?.[i];
    if (outcome === undefined) notes.push(parseNote(f.file, f.content));
    else if ("note" in outcome) notes.push(outcome.note);
    else findings.push(outcome.finding);
  });
  return { notes, findings, worker: outcomes !== null };
}
