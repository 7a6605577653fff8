import type { StoredEntry } from "../../knowledge/search.js";
import { type Locale, t } from "../i18n.js";
import { type Block, type Citation, type Reply, reply } from "../reply.js";
import type { KnowledgeContext } from "../context.js";
import { relevantFindings } from "./common.js";

/** Most other sections named under an answer. */
export const SEE_ALSO_MAX = 3;
/** Most errata notes under one answer. */
const MAX_FINDINGS = 4;

export function citationOf(e: StoredEntry): Citation {
  return { path: e.path, source: e.source };
}

/**
 * An answer around the blocks that answer the question: the notes' errata in the section they come from,
 * "see also" for the other sections found, the section as title and first citation.
 */
export function framedAnswer(
  tutor: KnowledgeContext,
  locale: Locale,
  main: StoredEntry,
  entries: readonly StoredEntry[],
  body: Block[],
  trimmed: boolean,
  /** The command lines the answer shows: then only the errata about them, not the whole section's. */
  lines?: readonly string[],
): Reply {
  const blocks = [...body];
  const findings = lines
    ? tutor.index
        .findings()
        .filter((f) => f.file === main.file && lines.some((l) => f.excerpt.includes(l) || f.correction === l))
    : relevantFindings(tutor, [main], []);
  for (const f of findings.slice(0, MAX_FINDINGS)) {
    blocks.push({
      type: "note",
      tone: "warning",
      text: t(locale, "erratumIntro", { line: f.line, text: f.message[locale] }),
    });
  }
  const seen = new Set([main.source]);
  const seeAlso = entries.filter((e) => !seen.has(e.source) && seen.add(e.source)).slice(0, SEE_ALSO_MAX);
  if (seeAlso.length > 0) {
    blocks.push({
      type: "text",
      text: `${t(locale, "seeAlso")}: ${seeAlso.map((e) => e.path.join(" › ")).join(" · ")}`,
    });
  }
  return reply({
    title: main.path[main.path.length - 1] ?? main.title,
    subtitle: main.path.join(" › "),
    blocks,
    citations: [main, ...seeAlso].map((e, i) =>
      i === 0 && trimmed ? { ...citationOf(e), readMore: true } : citationOf(e),
    ),
  });
}
