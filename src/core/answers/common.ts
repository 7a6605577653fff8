import type { Piece } from "../../knowledge/command-line.js";
import type { StoredEntry } from "../../knowledge/search.js";
import { type Locale, t } from "../i18n.js";
import { type Block, type Reply, reply } from "../reply.js";
import type { Tutor } from "../tutor.js";

export interface StoredFinding {
  kind: string;
  file: string;
  line: number;
  excerpt: string;
  message: { en: string; ja: string };
  correction?: string;
}

/**
 * Findings that concern what the answer shows: lines of the cited sections, and for typed flags, the
 * notes' rows about those flags (the `-rm` row when someone asks about `--rm`).
 */
export function relevantFindings(tutor: Tutor, entries: readonly StoredEntry[], pieces: readonly Piece[]): StoredFinding[] {
  const all = tutor.index.findings();
  const out: StoredFinding[] = [];
  const typed = new Set(
    pieces.flatMap((p) => (p.kind === "flag" ? [p.flag.long ? `--${p.flag.long}` : "", p.flag.short ? `-${p.flag.short}` : ""] : [])),
  );
  const sections = new Map<string, StoredEntry[]>();
  for (const e of entries) sections.set(`${e.file}#${e.anchor}`, tutor.index.entriesOfSection(e.file, e.anchor));
  for (const f of all) {
    const inSection = [...sections.values()].some((list) =>
      list.some(
        (e) =>
          e.file === f.file &&
          (e.line === f.line ||
            (e.kind === "command" && (e.examples ?? []).some((x) => f.excerpt.includes(x))) ||
            (e.kind === "example" && f.line >= e.line && f.line <= e.line + (e.examples?.[0]?.split("\n").length ?? 0) + 1)),
      ),
    );
    const aboutTypedFlag = f.correction !== undefined && typed.has(f.correction);
    if ((inSection || aboutTypedFlag) && !out.includes(f)) out.push(f);
  }
  return out.slice(0, 4);
}

/** "Not in your notes", honestly, with "did you mean" suggestions. */
export function notFoundReply(locale: Locale, query: string, suggestions: string[], extra: Block[]): Reply {
  const blocks: Block[] = [{ type: "text", text: t(locale, "notInNotesBody", { query: `\`${query.replace(/`/g, "'")}\`` }) }, ...extra];
  if (suggestions.length > 0) {
    blocks.push({ type: "text", text: t(locale, "didYouMean", { list: suggestions.map((s) => `\`${s}\``).join(", ") }) });
  }
  return reply({ title: t(locale, "notInNotes"), blocks, notFound: true });
}
