import { questionKind } from "../../knowledge/question-kind.js";
import type { StoredEntry } from "../../knowledge/search.js";
import type { Block } from "../reply.js";
import { type Term, termHits } from "./passages.js";

/** Lines of a section's code block shown in an answer, at most (cut at a whole line). */
const SECTION_CODE_MAX_LINES = 24;

/** A line of prose that introduces what follows it ("…are passed through:", 「以下のように設定する：」). */
const INTRODUCES = /[:：]$/u;

/** Question kinds whose answer is something to do or type: the code is the answer. */
const DOING = new Set(["howto", "which-command", "which-option"]);

/**
 * The prose of a section's answer with one of the section's code blocks where the notes put it: right
 * after the sentence that introduces that block ("Add a `moved` block instead:"), else first for a how-to
 * (what to type, as the notes' own command answers put it) and after the prose for other questions. The
 * whole block: picking its steps by the question's words lost the right one to an English question over
 * Japanese comments.
 * A block is shown when the notes introduce one ("…passed through:") or the question asks how to do
 * something; the block chosen is the one sharing most of the question's words (the first, when none
 * does), with its fence's language. Config files, HCL, SQL and other blocks that are not command lines
 * reach the reader this way; command lines have their own answer (plan.ts).
 */
export function proseWithCode(
  section: StoredEntry,
  body: string,
  terms: readonly Term[],
  question: string,
): Block[] {
  const prose: Block[] = [{ type: "text", text: body }];
  const blocks = section.examples ?? [];
  if (section.kind !== "section" || blocks.every((b) => b.trim().length === 0)) return prose;
  const leads = listOf(section.data?.blockLeads);
  const langs = listOf(section.data?.blockLangs);
  let best = 0;
  blocks.forEach((b, i) => {
    if (termHits(b, terms) > termHits(blocks[best] ?? "", terms)) best = i;
  });
  const lang = langs[best];
  const doing = DOING.has(questionKind(question).kind);
  const code: Block = { type: "code", code: cut(blocks[best] ?? ""), ...(lang ? { lang } : {}) };
  // A section of code alone: the body is that code, shown as code.
  if (section.text.trim() === "") return [code];
  const lines = body.split("\n");
  const lead = leads[best]?.trim() ?? "";
  // The sentence of the body that ends the paragraph just before the block.
  const intro = lead
    ? lines.findIndex((l) => l.trim().length > 0 && (l.trim() === lead || lead.endsWith(l.trim())))
    : -1;
  const introduced = blocks.some((_, i) => INTRODUCES.test(leads[i]?.trim() ?? ""));
  if (intro < 0 && !introduced && !doing) return prose;
  // What to type first for a how-to, as the notes' own command answers are (plan.ts); else after the prose.
  if (intro < 0) return doing ? [code, ...prose] : [...prose, code];
  if (intro === lines.length - 1) return [...prose, code];
  return [
    { type: "text", text: lines.slice(0, intro + 1).join("\n") },
    code,
    { type: "text", text: lines.slice(intro + 1).join("\n") },
  ];
}

/** A list of strings kept in an entry's data, or none. */
function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : "")) : [];
}

function cut(code: string): string {
  const lines = code.split("\n");
  return lines.length <= SECTION_CODE_MAX_LINES
    ? code
    : [...lines.slice(0, SECTION_CODE_MAX_LINES), "…"].join("\n");
}
