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
 * The prose of a section's answer with the section's code block where the notes put it: after the
 * sentence that introduces it ("Add a `moved` block instead:"), else after the prose. A block is shown when
 * the prose shown introduces one or the question asks how to do something; the block chosen is the one
 * sharing most of the question's words (the first, when none does). Config files, HCL, SQL and other
 * blocks that are not command lines reach the reader this way; command lines have their own answer
 * (plan.ts).
 */
export function proseWithCode(
  section: StoredEntry,
  body: string,
  terms: readonly Term[],
  question: string,
): Block[] {
  const prose: Block[] = [{ type: "text", text: body }];
  const blocks = (section.examples ?? []).filter((b) => b.trim().length > 0);
  if (section.kind !== "section" || blocks.length === 0) return prose;
  const lines = body.split("\n");
  const intro = lines.findIndex((l) => INTRODUCES.test(l.trim()));
  if (intro < 0 && !DOING.has(questionKind(question).kind)) return prose;
  let best = blocks[0] ?? "";
  for (const b of blocks) if (termHits(b, terms) > termHits(best, terms)) best = b;
  const code: Block = { type: "code", code: cut(best) };
  if (intro < 0 || intro === lines.length - 1) return [...prose, code];
  return [
    { type: "text", text: lines.slice(0, intro + 1).join("\n") },
    code,
    { type: "text", text: lines.slice(intro + 1).join("\n") },
  ];
}

function cut(code: string): string {
  const lines = code.split("\n");
  return lines.length <= SECTION_CODE_MAX_LINES
    ? code
    : [...lines.slice(0, SECTION_CODE_MAX_LINES), "…"].join("\n");
}
