import MiniSearch from "minisearch";
import { openDatabase } from "../../src/core/storage/database.js";
import { ensureIndex } from "../../src/knowledge/index-store.js";
import { parseNote, type Section } from "../../src/knowledge/markdown.js";
import { loadNotes } from "../../src/knowledge/notes-loader.js";
import { KnowledgeIndex } from "../../src/knowledge/search.js";
import { isStopword, segmentWords } from "../../src/knowledge/segment.js";
import { answerOf } from "../../test/eval/corpora.js";
import { score } from "../../test/eval/scoring.js";
import { timed } from "./stats.js";

export interface Query {
  q: string;
  mode: "ask" | "explain";
  expect: string[] | null;
}

/** What an engine answered: the headings of its results, best first; empty when it found nothing. */
export type Answer = string[];

export interface Engine {
  name: string;
  /** Builds the index of the notes folder from its files; returns counts about it. */
  build(dir: string): Record<string, number>;
  query(q: Query): Answer;
  close(): void;
}

/** The project's own engine: the SQLite index built by ensureIndex, ranked in memory by KnowledgeIndex. */
export function ours(dbFile: string): Engine {
  const db = openDatabase(dbFile);
  let index: KnowledgeIndex | undefined;
  return {
    name: "notes-tutor (BM25F)",
    build(dir) {
      const info = ensureIndex(db, dir, true);
      index = new KnowledgeIndex(db);
      // The in-memory section index is part of what a build costs (the service builds it at start-up).
      index.prepare();
      return { entries: info.entries };
    },
    query({ q, mode }) {
      if (!index) throw new Error("not built");
      return answerOf(mode === "explain" ? index.explain(q).response : index.ask(q).response).headings;
    },
    close: () => db.close(),
  };
}

interface Doc {
  id: number;
  /** The heading path, top level first. */
  heading: string;
  /** The section's own heading, the one the eval set names. */
  title: string;
  text: string;
}

/** Every section of every note, as a document: heading path + prose + code. */
export function sectionDocs(dir: string): Doc[] {
  const sections: Section[] = loadNotes(dir).files.flatMap((f) => parseNote(f.file, f.content).sections);
  return sections.map((s, id) => ({
    id,
    heading: s.path.join(" › "),
    title: s.path[s.path.length - 1] ?? s.title,
    text: [...s.prose.map((p) => p.text), ...s.codeBlocks.map((c) => c.value)].join("\n"),
  }));
}

/**
 * MiniSearch over the same sections. `japanese`: the project's segmenter (Intl.Segmenter, katakana runs
 * joined, light English stemming) as tokenizer, stopwords dropped; otherwise MiniSearch's defaults
 * (split on spaces and punctuation, lower-case), which is what a user who does not think of Japanese gets.
 */
export function miniSearch(japanese: boolean): Engine {
  let index: MiniSearch<Doc> | undefined;
  return {
    name: japanese ? "MiniSearch (segmentWords)" : "MiniSearch (default tok.)",
    build(dir) {
      const parse = timed(() => sectionDocs(dir));
      const docs = parse.value;
      const started = process.hrtime.bigint();
      index = new MiniSearch<Doc>({
        fields: ["heading", "text"],
        storeFields: ["title"],
        ...(japanese
          ? {
              tokenize: (t: string) => segmentWords(t),
              processTerm: (t: string) => (isStopword(t) ? null : t),
            }
          : {}),
        searchOptions: { boost: { heading: 2 } },
      });
      index.addAll(docs);
      const indexMs = Number(process.hrtime.bigint() - started) / 1e6;
      return { sections: docs.length, terms: index.termCount, parseMs: parse.ms, indexMs };
    },
    query({ q }) {
      if (!index) throw new Error("not built");
      return index
        .search(q)
        .slice(0, 5)
        .map((r) => String(r.title));
    },
    close() {},
  };
}

/**
 * Top-1 rule of test/eval (scoring.ts): the first heading is one of the expected; for a negative, nothing
 * found. An engine that returns no heading has found nothing.
 */
export function correct(q: Query, answer: Answer): boolean {
  return score({ ...q, group: "bench" }, { found: answer.length > 0, headings: answer }).top1;
}
