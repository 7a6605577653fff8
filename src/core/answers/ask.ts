import type { Invocation } from "../commands/types.js";
import { t } from "../i18n.js";
import type { Reply } from "../reply.js";
import type { Tutor } from "../tutor.js";
import { notFoundReply } from "./common.js";
import { sectionAnswer } from "./explain.js";

/** How long the optional language model may take before the answer goes out without it. */
export const LLM_TIMEOUT_MS = 8000;

/**
 * `/ask <question>`: the best section, trimmed to the part that matches, with "see also". With a language
 * model configured, a short summary written from the same sections comes first, marked as such.
 */
export async function askReply(tutor: Tutor, ctx: Invocation, question: string): Promise<Reply> {
  const { response, hits, terms } = tutor.index.ask(question);
  if (!response.found || hits.length === 0)
    return notFoundReply(ctx.locale, question, response.suggestions, []);
  const entries = hits.map((h) => h.entry);
  const answer = sectionAnswer(tutor, ctx.locale, entries, terms, question);
  if (!tutor.writer) return answer;
  const passages = entries
    .slice(0, 3)
    .map((e) => ({ path: e.path, source: e.source, text: e.text || (e.examples ?? []).join("\n") }));
  try {
    const summary = await tutor.writer.compose(
      { question, locale: ctx.locale, passages },
      AbortSignal.timeout(LLM_TIMEOUT_MS),
    );
    if (!summary?.trim()) return answer;
    return {
      ...answer,
      blocks: [
        { type: "note", tone: "info", text: `${t(ctx.locale, "llmSummary")}\n${summary.trim()}` },
        ...answer.blocks,
      ],
    };
  } catch (err) {
    tutor.logger.warn({ err }, "language model failed; answering from the notes alone");
    return answer;
  }
}
