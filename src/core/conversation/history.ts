import { AsyncLocalStorage } from "node:async_hooks";
import type { AnswerWriter } from "../llm/types.js";
import type { Turn } from "./memory.js";

/**
 * The conversation an answer is being written in, for the optional language model: the questions asked
 * before in the thread reach it without every use case passing them along. Outside a conversation the
 * history is empty and the model sees the question alone, as before.
 */
const scope = new AsyncLocalStorage<readonly Turn[]>();

export function withHistory<T>(history: readonly Turn[], run: () => Promise<T>): Promise<T> {
  return scope.run(history, run);
}

export function currentHistory(): readonly Turn[] {
  return scope.getStore() ?? [];
}

/** A writer that is also told the earlier questions of the conversation it answers in. */
export function historyAware(writer: AnswerWriter): AnswerWriter {
  return {
    compose(input, signal) {
      const history = currentHistory().map((t) => t.question);
      return writer.compose(history.length > 0 ? { ...input, history } : input, signal);
    },
  };
}
