import type Database from "better-sqlite3";
import { isStopword, segmentWords, stem } from "../segment.js";
import { isFamiliarEnglish } from "./general-english.js";
import { COMMAND_TOOL_HEADINGS, FIELDS, type Field } from "./weights.js";

/** The language a text is written in, as far as ranking cares. */
export type Lang = "ja" | "zh" | "en";

/** Kana mean Japanese; Han without kana, Chinese; anything else is treated as English. */
export function detectLanguage(text: string): Lang {
  const sample = text.slice(0, 4000);
  const kana = (sample.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  const han = (sample.match(/\p{Script=Han}/gu) ?? []).length;
  if (kana >= 3 && kana * 10 >= han) return "ja";
  if (han >= 3) return kana > 0 ? "ja" : "zh";
  return "en";
}

const LANGUAGE_DIR = /^(?:[a-z]{2}(?:[-_][a-zA-Z]{2,4})?)$/;

/**
 * The page a file is a translation of: the path without its language parts (`content/ja/docs/pod.md` and
 * `content/en/docs/pod.md` → `content/docs/pod.md`; `pages.ja/common/tar.md` → `pages/common/tar.md`;
 * `intro.ja.md` → `intro.md`). Copies of one page share it.
 */
export function pageOf(file: string): string {
  const parts = file.split("/");
  const name = (parts.pop() ?? "").replace(/\.[a-z]{2}(?:[-_][a-zA-Z]{2,4})?(\.(?:md|mdx|markdown))$/i, "$1");
  const dirs = parts
    .map((p) => p.replace(/^(.+)\.[a-z]{2}(?:[-_][a-zA-Z]{2,4})?$/, "$1"))
    .filter((p) => !LANGUAGE_DIR.test(p));
  return [...dirs, name].join("/");
}

/** Headings that name a part of a page rather than a topic (reference pages: Description, Options, Examples). */
const GENERIC_HEADINGS = new Set(
  [
    "description",
    "overview",
    "introduction",
    "usage",
    "synopsis",
    "examples",
    "example",
    "options",
    "aliases",
    "notes",
    "details",
    "概要",
    "説明",
    "使い方",
    "使用例",
    "例",
    "オプション",
    "はじめに",
  ].map((h) => h.normalize("NFKC")),
);

export function isGenericHeading(heading: string): boolean {
  return GENERIC_HEADINGS.has(heading.normalize("NFKC").toLowerCase().trim());
}

/** Adds a subsection's words (as body, not heading) and entries to its parent. */
function mergeInto(parent: SectionDoc, child: SectionDoc): void {
  // The child's own heading and its ancestors are the parent's context already; its prose, code and reference
  // text become the parent's.
  for (const field of ["prose", "code", "extra"] as const) {
    const f = FIELDS.indexOf(field);
    const into = parent.tf[f];
    const from = child.tf[f];
    if (!into || !from) continue;
    for (const [w, c] of from) into.set(w, (into.get(w) ?? 0) + c);
    parent.length[f] = (parent.length[f] ?? 0) + (child.length[f] ?? 0);
  }
  parent.entryIds.push(...child.entryIds);
  parent.hasCode ||= child.hasCode;
}

/** A section of the notes as ranking sees it: word counts per field. */
export interface SectionDoc {
  /** `file#anchor`. */
  key: string;
  file: string;
  anchor: string;
  path: string[];
  /** The section entry, when the section has one; otherwise its first entry. */
  entryId: number;
  entryIds: number[];
  /** Word counts, one map per field of FIELDS. */
  tf: Map<string, number>[];
  /** Word count per field. */
  length: number[];
  /** The own heading, words joined without spaces (to find it inside a question). */
  headingText: string;
  hasCode: boolean;
  /** Heading path and words: sections with the same one are copies (a page kept twice, an alias page). */
  signature: string;
  lang: Lang;
  page: string;
}

interface Row {
  id: number;
  kind: string;
  file: string;
  anchor: string;
  path_json: string;
  words: string;
  body: string;
}

function counts(words: string): { tf: Map<string, number>; length: number } {
  const tf = new Map<string, number>();
  let length = 0;
  for (const w of words.split(" ")) {
    if (!w) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
    length++;
  }
  return { tf, length };
}

/**
 * An in-memory inverted index of the notes' sections with per-field counts, read once from the entries
 * table (whose `words` column holds one line per field). Candidate generation and BM25F scoring run here
 * rather than in FTS5, which ranks single columns and whole entries, not fields of a section.
 */
export class SectionIndex {
  readonly docs: SectionDoc[] = [];
  /** Entry id → the section it belongs to (a generic subsection's entries belong to its page). */
  private readonly byEntry = new Map<number, SectionDoc>();
  /** Word → indices of the sections holding it (any field). */
  private readonly postings = new Map<string, number[]>();
  /** Average length per field. */
  readonly averageLength: number[];
  /** Language → number of files written in it. */
  readonly languages = new Map<Lang, number>();
  /**
   * Terms the notes write in two scripts, one in parentheses after the other (`名前空間(Namespace)`,
   * `Pod(ポッド)`): each side's words → the other side's words.
   */
  readonly aliases = new Map<string, string[][]>();

  constructor(db: Database.Database) {
    const rows = db
      .prepare("SELECT id, kind, file, anchor, path_json, words, body FROM entries ORDER BY id")
      .all() as Row[];
    const byKey = new Map<string, Row[]>();
    for (const r of rows) {
      const k = `${r.file}#${r.anchor}`;
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    const fileText = new Map<string, string>();
    for (const r of rows)
      if (r.kind === "section")
        fileText.set(r.file, `${fileText.get(r.file) ?? ""}${r.body.slice(0, 500)}\n`);
    const fileLang = new Map<string, Lang>();
    for (const [file, text] of fileText) {
      const lang = detectLanguage(text);
      fileLang.set(file, lang);
      this.languages.set(lang, (this.languages.get(lang) ?? 0) + 1);
    }
    for (const r of rows) if (r.kind === "section") this.collectAliases(r.body);
    const built: SectionDoc[] = [];
    for (const [key, list] of byKey) {
      const main = list.find((r) => r.kind === "section") ?? list[0];
      if (!main) continue;
      const fields = main.words.split("\n");
      this.compoundLines.push(fields[1] ?? "", fields[3] ?? "");
      // fields[0] is the entry's title; then one line per FIELD.
      const perField = FIELDS.map((_, i) => counts(fields[i + 1] ?? ""));
      if (main.kind !== "section") {
        // A section without prose of its own (only commands or terms): its entries' titles and text are its body.
        const prose = list.map((r) => r.words.split("\n")).map((f) => `${f[0] ?? ""} ${f[3] ?? ""}`);
        perField[FIELDS.indexOf("prose")] = counts(prose.join(" "));
      }
      const path = JSON.parse(main.path_json) as string[];
      const doc: SectionDoc = {
        key,
        file: main.file,
        anchor: main.anchor,
        path,
        entryId: main.id,
        entryIds: list.map((r) => r.id),
        tf: perField.map((p) => p.tf),
        length: perField.map((p) => p.length),
        headingText: (fields[1] ?? "").split(" ").join(""),
        hasCode: (perField[FIELDS.indexOf("code")]?.length ?? 0) > 0,
        signature: `${path.join("\u0000")}\u0001${fields.slice(3, 5).join("\u0001")}`,
        lang: fileLang.get(main.file) ?? "en",
        page: pageOf(main.file),
      };
      built.push(doc);
    }
    // A generic subsection ("Description", "Options", "Examples", 概要) is part of its page, not an answer of
    // its own: its words count for the parent section, which is what a person would name as the answer.
    const byPath = new Map(built.map((d) => [`${d.file}\u0000${d.path.join("\u0000")}`, d]));
    for (const doc of built) {
      const parent =
        doc.path.length > 1 && isGenericHeading(doc.path[doc.path.length - 1] ?? "")
          ? byPath.get(`${doc.file}\u0000${doc.path.slice(0, -1).join("\u0000")}`)
          : undefined;
      if (parent && parent !== doc) {
        mergeInto(parent, doc);
        continue;
      }
      this.docs.push(doc);
    }
    for (const doc of this.docs) for (const id of doc.entryIds) this.byEntry.set(id, doc);
    this.docs.forEach((doc, index) => {
      const seen = new Set<string>();
      for (const tf of doc.tf)
        for (const w of tf.keys()) {
          if (seen.has(w)) continue;
          seen.add(w);
          const p = this.postings.get(w);
          if (p) p.push(index);
          else this.postings.set(w, [index]);
        }
    });
    const n = Math.max(this.docs.length, 1);
    this.averageLength = FIELDS.map((_, i) => this.docs.reduce((s, d) => s + (d.length[i] ?? 0), 0) / n || 1);
  }

  private collectAliases(text: string): void {
    const pairs = [
      ...text.matchAll(
        /([\p{Script=Han}\p{Script=Katakana}ー]{2,12})\s*[(（]\s*([A-Za-z][\w .-]{1,30}?)\s*[)）]/gu,
      ),
      ...[
        ...text.matchAll(
          /([A-Za-z][\w-]{1,30})\s*[(（]\s*([\p{Script=Han}\p{Script=Katakana}ー]{2,12})\s*[)）]/gu,
        ),
      ].map((m) => [m[0], m[2], m[1]] as const),
    ];
    for (const [, ja, en] of pairs) {
      if (!ja || !en) continue;
      const jaWords = segmentWords(ja);
      const enWords = segmentWords(en);
      if (jaWords.length === 0 || enWords.length === 0 || enWords.length > 3) continue;
      this.alias(enWords.join(" "), jaWords);
      this.alias(jaWords.join(" "), enWords);
    }
  }

  private initialsMap: Map<string, string[][]> | undefined;

  /**
   * The runs of English words in the sections' headings whose initials are `key` ("Infrastructure as code"
   * for iac, "Cross-Origin Resource Sharing" for cors): two to five words, the first and last not stopwords.
   * Built on the first call (only a typed acronym the folder lacks asks), at most four runs a key.
   */
  initials(key: string): readonly string[][] {
    if (!this.initialsMap) {
      const map = new Map<string, string[][]>();
      for (const doc of this.docs) {
        const heading = doc.path[doc.path.length - 1] ?? "";
        for (const m of heading.matchAll(/[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)+/g)) {
          const typed = m[0]
            .split(/\s+/)
            .flatMap((w) => w.split("-"))
            .filter(Boolean);
          for (let from = 0; from < typed.length; from++)
            for (let to = from + 2; to <= Math.min(typed.length, from + 5); to++) {
              const run = typed.slice(from, to);
              if (
                isStopword(run[0]?.toLowerCase() ?? "") ||
                isStopword(run[run.length - 1]?.toLowerCase() ?? "")
              )
                continue;
              const words = segmentWords(run.join(" ")).filter((w) => !isStopword(w));
              if (words.length < 2) continue;
              const k = run.map((w) => w[0]?.toLowerCase() ?? "").join("");
              const list = map.get(k) ?? [];
              if (list.length < 4 && !list.some((l) => l.join(" ") === words.join(" "))) list.push(words);
              map.set(k, list);
            }
        }
      }
      this.initialsMap = map;
    }
    return this.initialsMap.get(key) ?? [];
  }

  private toolsSet: Set<string> | undefined;

  /**
   * The tools whose commands head sections ("kubectl drain", "docker container ls", "git stash"): the first
   * word of lower-case command-like headings, when at least COMMAND_TOOL_HEADINGS headings start with it.
   */
  tools(): ReadonlySet<string> {
    if (!this.toolsSet) {
      const counts = new Map<string, number>();
      for (const doc of this.docs) {
        const tool = commandTool(doc.path[doc.path.length - 1] ?? "");
        if (tool) counts.set(tool, (counts.get(tool) ?? 0) + 1);
      }
      this.toolsSet = new Set([...counts].filter(([, n]) => n >= COMMAND_TOOL_HEADINGS).map(([t]) => t));
    }
    return this.toolsSet;
  }

  private alias(from: string, to: string[]): void {
    const list = this.aliases.get(from) ?? [];
    if (list.length < 4 && !list.some((l) => l.join(" ") === to.join(" "))) list.push(to);
    this.aliases.set(from, list);
  }

  private compoundMap: Map<string, string[]> | undefined;

  /**
   * Japanese compounds the segmenter cuts in two (再|起動), joined → their parts, from adjacent kanji or
   * katakana words of the sections' headings and prose; built when a typo needs them.
   */
  compounds(): Map<string, string[]> {
    if (!this.compoundMap) {
      const map = new Map<string, string[]>();
      const japanese = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;
      for (const line of this.compoundLines) {
        const words = line.split(" ");
        for (let i = 0; i + 1 < words.length; i++) {
          const a = words[i] ?? "";
          const b = words[i + 1] ?? "";
          if (a && b && japanese.test(a) && japanese.test(b) && a.length + b.length <= 8)
            map.set(a + b, [a, b]);
        }
      }
      this.compoundMap = map;
      this.compoundLines = [];
    }
    return this.compoundMap;
  }

  private compoundLines: string[] = [];

  get size(): number {
    return this.docs.length;
  }

  /** The section an entry is part of, as ranking sees sections. */
  docOfEntry(id: number): SectionDoc | undefined {
    return this.byEntry.get(id);
  }

  /** How many sections hold the word. */
  docFreq(word: string): number {
    return this.postings.get(word)?.length ?? 0;
  }

  /** Whether some section's own heading holds the word. */
  heads(word: string): boolean {
    return this.holding(word).some((d) => this.docs[d]?.tf[0]?.has(word) === true);
  }

  /** Sections holding the word. */
  holding(word: string): readonly number[] {
    return this.postings.get(word) ?? [];
  }

  vocabulary(): IterableIterator<string> {
    return this.postings.keys();
  }

  /** How often a word stands in a field of a section. */
  count(doc: SectionDoc, field: Field, word: string): number {
    return doc.tf[FIELDS.indexOf(field)]?.get(word) ?? 0;
  }

  /** Whether the folder holds files in more than one language. */
  get multilingual(): boolean {
    return this.languages.size > 1;
  }
}

/**
 * The tool a heading that is a command names, stemmed as question words are ("kubectl drain" → kubectl,
 * "rails new" → rail), or null for other headings: not a function word or everyday English ("how to
 * deploy", "team notes", "release checklist").
 */
export function commandTool(heading: string): string | null {
  const m = /^([a-z][a-z0-9-]*)(?: [a-z][a-z0-9-]*)+$/.exec(heading.trim());
  const tool = m?.[1] ? stem(m[1]) : null;
  return tool && !isStopword(tool) && !isFamiliarEnglish(tool) ? tool : null;
}
