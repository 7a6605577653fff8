import { questionKind } from "../../knowledge/question-kind.js";
import type { StoredEntry } from "../../knowledge/search.js";
import type { Block } from "../reply.js";
import { introducesBlock, type Term, termHits } from "./passages.js";

/** Lines of a section's code block shown in an answer, at most (cut at a whole line). */
const SECTION_CODE_MAX_LINES = 24;

/** Question kinds whose answer is something to do or type: the code is the answer. */
const DOING = new Set(["howto", "which-command", "which-option"]);

/**
 * The prose of a section's answer with one of the section's code blocks where the notes put it: right
 * after the sentence that introduces that block ("Add a `moved` block instead:"), else first for a how-to
 * (what to type, as the notes' own command answers put it) and after the prose for other questions. The
 * whole block: picking its steps by the question's words lost the right one to an English question over
 * Japanese comments.
 * A block is shown when the notes introduce one ("…passed through:") or the question asks how to do
 * something; the block chosen is the one sharing most of the question's words (then, of those, the one
 * whose introducing sentence shares most; the first, when none does), with its fence's language. Config
 * files, HCL, SQL and other blocks that are not command lines reach the reader this way; command lines have
 * their own answer (plan.ts).
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
  // Between blocks that share as many words, the sentence that introduces each decides: 「コンテナを
  // 再起動するときは…」 says what `docker container restart <…>` does in the question's own words.
  const hits = blocks.map((b) => termHits(b, terms));
  const leadHits = blocks.map((_, i) => termHits(leads[i] ?? "", terms));
  let best = 0;
  hits.forEach((h, i) => {
    const top = hits[best] ?? 0;
    if (h > top || (h === top && (leadHits[i] ?? 0) > (leadHits[best] ?? 0))) best = i;
  });
  const lang = langs[best];
  const doing = DOING.has(questionKind(question).kind);
  const code: Block = { type: "code", code: cut(blocks[best] ?? ""), ...(lang ? { lang } : {}) };
  // A section of code alone: the body is that code, shown as code.
  if (section.text.trim() === "") return [code];
  const leadOf = (line: string, lead: string) =>
    line.trim().length > 0 && (line.trim() === lead || lead.endsWith(line.trim()));
  // A sentence that introduces a block the answer leaves out goes with it: 「コンテナを終了するときは以下の
  // コマンドを実行します。」 or "The output is similar to this:" pointing at nothing.
  // (The line itself must point ahead: a lead is the paragraph before the block, and its other sentences stay.)
  const unshown = leads.map((l) => l.trim()).filter((l, i) => i !== best && l);
  const kept = body
    .split("\n")
    .filter((l) => !(introducesBlock(l) && unshown.some((lead) => leadOf(l, lead))));
  const lines = kept.some((l) => l.trim().length > 0) ? kept : body.split("\n");
  const lead = leads[best]?.trim() ?? "";
  const text = (from: number, to?: number): Block[] => {
    const t = lines.slice(from, to).join("\n");
    return t.trim() ? [{ type: "text", text: t }] : [];
  };
  const shownProse: Block[] = text(0);
  // The sentence of the body that ends the paragraph just before the block.
  const intro = lead ? lines.findIndex((l) => leadOf(l, lead)) : -1;
  const introduced = blocks.some((_, i) => introducesBlock(leads[i]?.trim() ?? ""));
  if (intro < 0 && !introduced && !doing) return prose;
  // What to type first for a how-to, as the notes' own command answers are (plan.ts); else after the prose.
  if (intro < 0) return doing ? [code, ...shownProse] : [...shownProse, code];
  return [...text(0, intro + 1), code, ...text(intro + 1)];
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
