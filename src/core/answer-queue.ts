import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Answers computed at once. Searching the notes is synchronous CPU work (a few milliseconds: SQLite,
 * segmentation), so more at once would not go faster on one event loop; a few slots let answers waiting
 * on I/O (the optional language model, seconds each) overlap, while one turn of the loop still runs at
 * most four searches (about 20 ms) before it reads requests again.
 */
export const ANSWER_CONCURRENCY = 4;

/**
 * Answers that may wait for a slot. At a few milliseconds each this is well under a minute of work; past
 * it a newcomer is told the bot is busy at once rather than answered minutes late.
 */
export const ANSWER_QUEUE_MAX = 2000;

export class QueueFullError extends Error {
  constructor() {
    super("answer queue full");
    this.name = "QueueFullError";
  }
}

/**
 * A bounded queue for CPU-heavy answers. Before each answer it gives the event loop a turn, so requests
 * that arrived meanwhile are read and acknowledged between answers: acknowledgements never wait behind a
 * queue of answers, only answers do.
 */
export class AnswerQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency = ANSWER_CONCURRENCY,
    private readonly maxQueued = ANSWER_QUEUE_MAX,
  ) {}

  /** Answers waiting for a slot. */
  get depth(): number {
    return this.waiting.length;
  }

  /** Answers being computed. */
  get active(): number {
    return this.running;
  }

  /** Runs `work` when a slot is free; throws QueueFullError at once when too many already wait. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new QueueFullError();
      // The slot is handed over by the answer that finishes (running stays counted).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      await nextTurn();
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
