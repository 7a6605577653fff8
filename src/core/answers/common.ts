import type { Piece } from "../../knowledge/command-line.js";
import type { StoredEntry, StoredFinding } from "../../knowledge/search.js";
import { type Locale, t } from "../i18n.js";
import { type Block, type Reply, reply } from "../reply.js";
import type { KnowledgeContext } from "../context.js";

export type { StoredFinding };

/**
 * Findings that concern what the answer shows. For a command: the notes' lines of that command and
 * the notes' rows about the flags typed (the `-rm` row when someone asks about `--rm`). For a section
 * answer: the findings inside that section.
 */
export function relevantFindings(
  tutor: KnowledgeContext,
  entries: readonly StoredEntry[],
  pieces: readonly Piece[],
): StoredFinding[] {
  const all = tutor.index.findings();
  const typed = new Set(
    pieces.flatMap((p) =>
      p.kind === "flag"
        ? [p.flag.long ? `--${p.flag.long}` : "", p.flag.short ? `-${p.flag.short}` : ""]
        : [],
    ),
  );
  const commandLines = entries.flatMap((e) => (e.kind === "command" ? (e.examples ?? []) : []));
  // Manifests of the notes named on the command line (`kubectl apply -f simple-pod.yaml`): their lines.
  const typedWords = new Set(
    pieces.flatMap((p) =>
      p.kind === "argument"
        ? [p.text]
        : p.kind === "flag" || p.kind === "unknown-flag"
          ? [p.value ?? ""]
          : [],
    ),
  );
  const manifests = pieces.length
    ? tutor.index
        .allEntries("example")
        .filter((e) => typedWords.has(e.title) || typedWords.has(`./${e.title}`))
        .map((e) => ({
          file: e.file,
          from: e.line,
          to: e.line + (e.examples?.[0] ?? "").split("\n").length + 1,
        }))
    : [];
  const isCommand = pieces.length > 0;
  const first = entries[0];
  const sectionEntries = first && !isCommand ? tutor.index.entriesOfSection(first.file, first.anchor) : [];
  const sectionEntry = sectionEntries.find((e) => e.kind === "section");
  const firstLine = sectionEntry?.line ?? first?.line ?? 0;
  const lastLine = Number(sectionEntry?.data?.lineEnd ?? firstLine);
  return all
    .filter((f) => {
      if (f.correction !== undefined && typed.has(f.correction)) return true;
      if (manifests.some((m) => f.file === m.file && f.line >= m.from && f.line <= m.to)) return true;
      // A garbled line is known by what it reads as (its correction), not by its text.
      if (isCommand) return commandLines.some((line) => f.excerpt.includes(line) || f.correction === line);
      return first !== undefined && f.file === first.file && f.line >= firstLine && f.line <= lastLine;
    })
    .slice(0, 4);
}

/** "Not in your notes", honestly, with "did you mean" suggestions. */
export function notFoundReply(locale: Locale, query: string, suggestions: string[], extra: Block[]): Reply {
  const blocks: Block[] = [
    { type: "text", text: t(locale, "notInNotesBody", { query: `\`${query.replace(/`/g, "'")}\`` }) },
    ...extra,
  ];
  if (suggestions.length > 0) {
    blocks.push({
      type: "text",
      text: t(locale, "didYouMean", { list: suggestions.map((s) => `\`${s}\``).join(", ") }),
    });
  }
  return reply({ title: t(locale, "notInNotes"), blocks, notFound: true });
}
