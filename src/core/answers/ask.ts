import { questionKind, stateModifiers } from "../../knowledge/question-kind.js";
import type { AskOutcome } from "../../knowledge/search.js";
import type { Invocation } from "../commands/types.js";
import { type Locale, t } from "../i18n.js";
import type { Block, Reply } from "../reply.js";
import type { KnowledgeContext } from "../context.js";
import { notFoundReply } from "./common.js";
import { sectionAnswer } from "./explain.js";
import { framedAnswer } from "./frame.js";
import { passagesFor } from "./llm-passages.js";
import { queryWords } from "./passages.js";
import { planAnswer } from "./plan.js";

/** How long the optional language model may take before the answer goes out without it. */
export const LLM_TIMEOUT_MS = 8000;

/** A typo the search read as another word (`replcaset` → `ReplicaSet`). */
interface Reading {
  typed: string;
  read: string;
}

/** The search's readings of typos, when it reports them (an optional part of the outcome). */
function readingsOf(outcome: AskOutcome): Reading[] {
  if (!("readings" in outcome)) return [];
  const list: unknown = outcome.readings;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is Reading =>
      typeof r === "object" && r !== null && typeof r.typed === "string" && typeof r.read === "string",
  );
}

function readingNotes(locale: Locale, readings: readonly Reading[]): Block[] {
  return readings
    .filter((r) => r.typed !== r.read)
    .map((r) => ({
      type: "note",
      tone: "info",
      text: t(locale, "typoFixed", { typed: r.typed, corrected: r.read }),
    }));
}

/**
 * `/ask <question>`: the answer planned by the kind of question (the command lines for a how-to, the
 * defining sentence for a "what is", …), else the best section trimmed to the part that matches, with
 * "see also". With a language model configured, a short summary written from the same sections (their
 * prose and code) comes first, marked as such.
 */
export async function askReply(tutor: KnowledgeContext, ctx: Invocation, question: string): Promise<Reply> {
  const outcome = tutor.index.ask(question);
  const { response, hits, terms } = outcome;
  if (!response.found || hits.length === 0)
    return notFoundReply(ctx.locale, question, response.suggestions, []);
  const entries = hits.map((h) => h.entry);
  const read = readingsOf(outcome);
  // A typo the search read as a word (`remov` → `remove`) counts as that word for choosing what to show.
  const typed = [...new Set([...terms, ...read.map((r) => r.read.toLowerCase())])];
  // Each word with the spellings the search matched it by (`停止` also as `stop`), so the lines shown are
  // chosen by the same reading as the section.
  // A participle before the thing it describes ("a *stopped* container") says which thing, not what to do:
  // it does not choose the command line.
  const modifiers = questionKind(question).kind === "howto" ? stateModifiers(question) : new Set<string>();
  const chosen = typed.filter((w) => w === outcome.action || !modifiers.has(w));
  const words = queryWords(chosen, terms, outcome.spellings, outcome.action);
  const planned = planAnswer(
    tutor,
    ctx.locale,
    question,
    entries,
    words,
    hits.map((h) => h.score),
  );
  // A comparison with something the notes never name: they cannot answer it.
  if (planned?.kind === "not-covered") return notFoundReply(ctx.locale, question, [], []);
  const plan = planned;
  const base = plan
    ? framedAnswer(tutor, ctx.locale, plan.main, entries, plan.blocks, plan.trimmed, plan.lines)
    : sectionAnswer(tutor, ctx.locale, entries, terms, question);
  const readings = readingNotes(ctx.locale, read);
  const answer = readings.length > 0 ? { ...base, blocks: [...readings, ...base.blocks] } : base;
  if (!tutor.writer) return answer;
  const main = plan?.main ?? entries[0];
  if (!main) return answer;
  const passages = passagesFor(tutor, main, plan?.blocks ?? [], entries);
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
