import type { StoredEntry } from "../../knowledge/search.js";
import type { KnowledgeContext } from "../context.js";
import { sentences } from "./passages.js";

/** A subject or heading compared loosely: case, spaces, dots and "とは"/"について" do not count. */
export function normalSubject(text: string): string {
  // A flag keeps its dashes: `-i` is not `i`.
  if (/^--?[A-Za-z]/.test(text.trim())) return text.trim();
  return text
    .toLowerCase()
    .replace(/(?:とは|について|の概念|って)$/u, "")
    .replace(/[\s・_.\-–—]/gu, "");
}

/**
 * The word for a kind of thing that a heading adds to the name it is about ("NodePort Service", "Pod
 * リソース"): "NodePort" asks about the section headed "NodePort Service". An English kind word after a
 * space only (a "microservice" is not a kind of "micro").
 */
const KIND_SUFFIX =
  /(?:\s+(?:service|resource|object|command|option)|\s*(?:サービス|リソース|オブジェクト|コマンド|オプション))$/iu;

/**
 * Whether two texts name the same subject: equal once normalized, or one a plural of the other; `loose`
 * also takes a name and the heading that adds its kind (never the kind word alone: "Service" is not
 * "NodePort Service").
 */
function sameSubject(a: string, b: string, loose = false): boolean {
  const x = normalSubject(a);
  const y = normalSubject(b);
  if (!x || !y) return false;
  // "Pods" asks about "Pod".
  if (x === y || `${x}s` === y || x === `${y}s`) return true;
  if (!loose) return false;
  const bare = (s: string) => normalSubject(s.trim().replace(KIND_SUFFIX, ""));
  const [bx, by] = [bare(a), bare(b)];
  return (bx !== x && bx.length > 0 && bx === y) || (by !== y && by.length > 0 && by === x);
}

/** The names a heading joins (「DAG Run とタスクインスタンス」, "RDB and AOF", "A / B"): never a name's own words. */
function headingParts(heading: string): string[] {
  const parts = heading.split(/\s*(?:と|や|、|,|\/|\band\b|\bvs\.?)\s*/u).filter((p) => p.trim());
  return parts.length > 1 ? parts : [];
}

export interface Definition {
  text: string;
  entry: StoredEntry;
}

/** How much each sign says that a sentence defines the subject. */
const SIGNS = {
  /** "X とは …", "X is a …", "X: …", "… を X と呼びます", "… is called X", "think of X as …", "X means / refers to / stands for …". */
  namesAsDefined: 3,
  /** The opening sentence of the section about X. */
  opening: 2.5,
  /** A sentence naming X that ends like a definition ("… が X です", "… X である"). */
  endsAsDefinition: 2,
  /** "X は …". */
  startsWithSubject: 1,
} as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isCommandLine(sentence: string): boolean {
  return /^\$\s|^`[^`]+`$/.test(sentence.trim());
}

/** The sentence of a section's prose that best defines the subject, with how strongly it does. */
function bestSentence(
  prose: string,
  subject: string,
  only: "any" | "named" | "mentioning" = "any",
): { text: string; score: number } | null {
  const s = escapeRegExp(subject.trim()).replace(/\s+/g, "\\s*");
  const named = new RegExp(
    `${s}\\s*(?:とは|って)|^${s}\\s*(?:[:：]|\\.\\.\\.|…)|\\b${s}s?\\s+(?:is|are)\\s|` +
      `${s}\\s*と(?:呼びます|呼ぶ|呼ばれ|いいます|言います|いう)|\\b(?:called|known as)\\s+(?:an?\\s+|the\\s+)?${s}|` +
      `\\bthink of\\s+(?:an?\\s+|the\\s+)?${s}s?\\s+as\\b|\\b${s}s?\\s+(?:means|refers to|stands for)\\s`,
    "iu",
  );
  const mentions = new RegExp(s, "iu");
  const ending = /(?:です|である|のこと|を指します|を指す)[。.]?$/u;
  const starts = new RegExp(`^${s}\\s*(?:は|が)`, "iu");
  let best: { text: string; score: number } | null = null;
  for (const [i, p] of sentences(prose)
    .filter((x) => !isCommandLine(x))
    .entries()) {
    let score = 0;
    if (named.test(p)) score += SIGNS.namesAsDefined;
    else if (only === "named" || (only === "mentioning" && !starts.test(p))) continue;
    if (mentions.test(p) && ending.test(p)) score += SIGNS.endsAsDefinition;
    if (i === 0) score += SIGNS.opening;
    if (starts.test(p)) score += SIGNS.startsWithSubject;
    if (score > 0 && (!best || score > best.score)) best = { text: p, score };
  }
  if (best === null) return null;
  // A sentence of a section about several things stays one sentence: its line holds the others'.
  return { text: only === "mentioning" ? best.text : withLine(prose, best.text), score: best.score };
}

/** A definition line short enough to show whole ("…の単位となるリソース。ReplicaSetを管理するためのリソース。"). */
const DEFINITION_LINE_CHARS = 160;

/** The sentence, or the whole line of the notes it stands on when that line is short: one thought per line. */
function withLine(prose: string, sentence: string): string {
  const line = prose
    .split("\n")
    .find((l) => l.includes(sentence))
    ?.trim();
  return line && line.length <= DEFINITION_LINE_CHARS ? line : sentence;
}

/**
 * The notes' sentence that defines a subject: a glossary row or "X … explanation" line about it, else the
 * sentence of the section headed by it that reads most like a definition, else a sentence of the sections
 * found that says "X とは" / "X is".
 */
export function definitionOf(
  tutor: KnowledgeContext,
  subject: string,
  hits: readonly StoredEntry[],
): Definition | null {
  if (!subject.trim()) return null;
  // Glossary rows and option table rows name their subject in their first cell.
  const rows = [
    ...hits.filter((e) => e.kind === "term" || e.kind === "option"),
    ...tutor.index.allEntries("term"),
    ...tutor.index.allEntries("option"),
  ];
  const names = (e: StoredEntry, loose: boolean) =>
    (sameSubject(e.title, subject, loose) || sameSubject(String(e.data?.typed ?? ""), subject, loose)) &&
    e.text.trim() !== "";
  // The subject as written first ("Git"), then a heading that adds its kind ("Git コマンド").
  const term = rows.find((e) => names(e, false)) ?? rows.find((e) => names(e, true));
  if (term) return { text: `${term.title} — ${term.text}`, entry: term };
  const found = hits.flatMap((h) =>
    tutor.index.entriesOfSection(h.file, h.anchor).filter((e) => e.kind === "section"),
  );
  const sections = [...found, ...tutor.index.allEntries("section")];
  const headed =
    sections.find((e) => sameSubject(e.title, subject) && e.text.trim()) ??
    sections.find((e) => sameSubject(e.title, subject, true) && e.text.trim());
  if (headed) {
    const best = bestSentence(headed.text, subject);
    if (best) return { text: best.text, entry: headed };
  }
  // Elsewhere only a sentence that names the subject as defined counts (not any opening sentence), or, in a
  // section whose heading names it among others ("DAG Run とタスクインスタンス"), one that opens with it
  // ("DAG Run は DAG の1回分の実行").
  for (const section of found) {
    const headedToo = headingParts(section.title).some((part) => sameSubject(part, subject));
    const best = bestSentence(section.text, subject, headedToo ? "mentioning" : "named");
    if (best) return { text: best.text, entry: section };
  }
  return null;
}
