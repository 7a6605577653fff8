import type { Locale } from "../i18n.js";

/** A passage of the notes that an answer may use, with where it comes from. */
export interface Passage {
  path: string[];
  source: string;
  text: string;
}

/**
 * The optional language model: it may phrase a short answer to a question from the passages the search
 * found, and nothing else. Without it (the default) every feature works the same; with it, its text is
 * shown as a marked summary above the notes' own words, and any failure falls back silently.
 */
export interface AnswerWriter {
  compose(
    input: {
      question: string;
      locale: Locale;
      passages: Passage[];
      /** The earlier questions of the thread or DM the question was asked in, oldest first. */
      history?: readonly string[];
    },
    signal: AbortSignal,
  ): Promise<string | null>;
}
