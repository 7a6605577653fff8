import type { StoredEntry } from "../../knowledge/search.js";
import type { Passage } from "../llm/types.js";
import type { Block } from "../reply.js";
import type { KnowledgeContext } from "../context.js";

/** Sections sent to the language model, at most (the answer's own first). */
export const LLM_SECTIONS = 3;

function fenced(code: string): string {
  return `\`\`\`\n${code}\n\`\`\``;
}

/** What the answer shows, as text: its words and its code blocks fenced. */
function shown(blocks: readonly Block[]): string {
  return blocks
    .flatMap((b) => (b.type === "text" ? [b.text] : b.type === "code" ? [fenced(b.code)] : []))
    .join("\n");
}

/** A section as a passage: its prose and its code blocks, fenced, so the model sees the commands too. */
function sectionText(tutor: KnowledgeContext, entry: StoredEntry): string {
  const section = tutor.index.entriesOfSection(entry.file, entry.anchor).find((e) => e.kind === "section");
  const prose = section?.text ?? entry.text;
  const code = (section?.examples ?? entry.examples ?? []).map(fenced);
  return [prose, ...code].filter(Boolean).join("\n");
}

/**
 * The passages the model may answer from: the answer's own section first, opening with what the answer
 * shows (the command lines chosen, the defining sentence), then the other sections found, each with its
 * prose and code.
 */
export function passagesFor(
  tutor: KnowledgeContext,
  main: StoredEntry,
  blocks: readonly Block[],
  entries: readonly StoredEntry[],
): Passage[] {
  const lead = shown(blocks);
  const first: Passage = {
    path: main.path,
    source: main.source,
    text: [lead, sectionText(tutor, main)].filter(Boolean).join("\n"),
  };
  const others = entries
    .filter((e, i, all) => e.source !== main.source && all.findIndex((x) => x.source === e.source) === i)
    .slice(0, LLM_SECTIONS - 1)
    .map((e) => ({ path: e.path, source: e.source, text: sectionText(tutor, e) }));
  return [first, ...others];
}
