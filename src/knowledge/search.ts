import type Database from "better-sqlite3";

type Statement = Database.Statement;
import { allCommands, findCommand, referenceTools, suggestCommands } from "./catalog/index.js";
import type { CatalogFlag } from "./catalog/types.js";
import { type Breakdown, breakDown, tokenize } from "./command-line.js";
import { type Entry, type EntryKind, sourceOf } from "./entries.js";
import { questionKind } from "./question-kind.js";
import { isFamiliarEnglish, isGeneralWord } from "./ranking/general-english.js";
import {
  bareHeading,
  headedBySubject,
  headingWithin,
  isCommandHeading,
  namesSubject,
  negates,
  restricts,
} from "./ranking/heading-signals.js";
import {
  definingLine,
  definitionSubject,
  embeddedCommand,
  asksWhichThing,
  isHowTo,
  questionLanguage,
} from "./ranking/question.js";
import { preferSpecific } from "./ranking/specific.js";
import { overviewSubcommand } from "./ranking/overview.js";
import { QueryAnalyzer, type TermGroup } from "./ranking/query-terms.js";
import { commandTool, type Lang, SectionIndex, type SectionDoc } from "./ranking/section-index.js";
import {
  COMMAND_ONLY_WORDS,
  COVERAGE_FIELD,
  FIELD_B,
  FIELD_WEIGHT,
  FIELDS,
  type Field,
  DIFFERENCE_PAIR_WINDOW,
  foundCoverage,
  K1,
  MAX_CANDIDATES,
  SCORE,
  SUGGEST_COVERAGE,
} from "./ranking/weights.js";
import { isSituationWord, segmentWords } from "./segment.js";

type Db = Database.Database;

/** One result, exactly as the CLI's `--json` contract prints it. */
export interface SearchResult {
  title: string;
  path: string[];
  source: string;
  kind: EntryKind;
  score: number;
}

/** The CLI's `--json` contract (DESIGN.md). */
export interface SearchResponse {
  query: string;
  found: boolean;
  resolved?: string | null;
  results: SearchResult[];
  suggestions: string[];
}

/** A finding as stored in the index (see entries.ts `Finding`). */
export interface StoredFinding {
  kind: string;
  file: string;
  line: number;
  excerpt: string;
  message: { en: string; ja: string };
  correction?: string;
}

export interface StoredEntry extends Entry {
  id: number;
  source: string;
}

/** A word of a command line that names the command (a program or subcommand), not a value or a flag. */
const COMMAND_WORD = /^[a-z][a-z0-9-]*$/u;
/** A command asked by its leading words has at least this many (a program and a subcommand)… */
const MIN_COMMAND_WORDS = 2;
/** …and at most this many (`aws s3api put-object`), whatever the length of the line. */
const MAX_COMMAND_WORDS = 4;

export interface Hit {
  entry: StoredEntry;
  score: number;
  /** Query words (as typed) that the entry contains. */
  matched: string[];
}

export interface AskOutcome {
  response: SearchResponse;
  hits: Hit[];
  /** The meaningful words of the query, for trimming an answer to the part that matches. */
  terms: string[];
  /**
   * For each of `terms`, the spellings the search matched it by, each a list of words that stand together
   * (`停止`: `stop`, `終了`; a typo's correction), so an answer picks its lines by the same reading.
   */
  spellings?: string[][][];
  /** Of `terms`, the verb a how-to question asks to do ("作成" of "…を作成するには"), when it has one. */
  action?: string;
  /** Share of the question's weight the best section covers (0–1): how close a not-covered question came. */
  coverage?: number;
  /** Words of the question read as others of the notes (typos): "Read `replcaset` as `ReplicaSet`". */
  readings?: { typed: string; read: string }[];
}

export interface ExplainOutcome extends AskOutcome {
  breakdown: Breakdown;
}

interface EntryRow {
  id: number;
  key: string;
  kind: EntryKind;
  file: string;
  anchor: string;
  path_json: string;
  line: number;
  title: string;
  body: string;
  command: string | null;
  examples_json: string | null;
  catalog_text: string | null;
  data_json: string | null;
  words: string;
}

interface Derived {
  words: Set<string>;
  /** Words of the entry's title (the first field of `words`). */
  titleWords: Set<string>;
  heading: string;
  title: string;
  bare: string[];
}

export const MAX_RESULTS = 5;

function toEntry(row: EntryRow, label: string): StoredEntry {
  const e: StoredEntry = {
    id: row.id,
    kind: row.kind,
    key: row.key,
    file: row.file,
    anchor: row.anchor,
    path: JSON.parse(row.path_json) as string[],
    line: row.line,
    title: row.title,
    text: row.body,
    source: sourceOf(label, row.file, row.anchor),
  };
  if (row.command) e.command = row.command;
  if (row.examples_json) e.examples = JSON.parse(row.examples_json) as string[];
  if (row.catalog_text) e.catalogText = row.catalog_text;
  if (row.data_json) e.data = JSON.parse(row.data_json) as Entry["data"];
  return e;
}

export { definitionSubject, isHowTo } from "./ranking/question.js";

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Read-only queries over the knowledge index. */
export class KnowledgeIndex {
  readonly label: string;
  private readonly total: number;
  private readonly byIds: Map<number, StoredEntry> = new Map();

  constructor(
    private readonly db: Db,
    label?: string,
  ) {
    const stored = db.prepare("SELECT value FROM index_meta WHERE key = 'label'").get() as
      | { value: string }
      | undefined;
    this.label = label ?? stored?.value ?? "notes";
    this.total = (db.prepare("SELECT count(*) AS n FROM entries").get() as { n: number }).n;
  }

  get size(): number {
    return this.total;
  }

  private proseCache = new Map<number, string>();

  /** The entry's heading path, title and text (not its examples or catalog text), normalized, without spaces. */
  private prose(e: StoredEntry): string {
    let p = this.proseCache.get(e.id);
    if (p === undefined) {
      p = segmentWords([...e.path, e.title, e.text].join(" ")).join("");
      this.proseCache.set(e.id, p);
    }
    return p;
  }

  private derivedCache = new Map<number, Derived>();
  private partsCache = new Map<number, { flags: Set<CatalogFlag>; resources: Set<string> }>();
  private perSectionCache: Map<string, number> | undefined;

  /** Per-entry facts the ranking needs, computed once per index. */
  private derived(e: StoredEntry): Derived {
    let d = this.derivedCache.get(e.id);
    if (!d) {
      const row = this.statement("SELECT words FROM entries WHERE id = ?").get(e.id) as { words: string };
      const heading = e.path[e.path.length - 1] ?? "";
      d = {
        words: new Set(row.words.split(/[ \n]/)),
        titleWords: new Set((row.words.split("\n")[0] ?? "").split(" ")),
        heading: segmentWords(heading).join(""),
        title: segmentWords(e.title).join(""),
        bare: [bareHeading(e.title), bareHeading(heading)],
      };
      this.derivedCache.set(e.id, d);
    }
    return d;
  }

  /** Flags and resources of a command entry's example lines. */
  private exampleParts(e: StoredEntry): { flags: Set<CatalogFlag>; resources: Set<string> } {
    let parts = this.partsCache.get(e.id);
    if (!parts) {
      const pieces = (e.examples ?? []).flatMap((ex) => breakDown(ex).pieces);
      parts = {
        flags: new Set(pieces.flatMap((p) => (p.kind === "flag" ? [p.flag] : []))),
        resources: new Set(pieces.flatMap((p) => (p.kind === "resource" ? [p.resource.name] : []))),
      };
      this.partsCache.set(e.id, parts);
    }
    return parts;
  }

  private patternCache = new Map<number, { re: RegExp; literal: boolean }[]>();

  /**
   * The words of a command entry's example lines as patterns: a literal word matches itself, and a
   * placeholder matches what a learner would put there (`<名前空間>/<イメージ名>:<タグ名>` matches
   * `myteam/api:1.0`).
   */
  private examplePatterns(e: StoredEntry): { re: RegExp; literal: boolean }[] {
    let patterns = this.patternCache.get(e.id);
    if (!patterns) {
      patterns = (e.examples ?? []).flatMap((ex) =>
        tokenize(ex).map((word) => {
          const parts = word.split(/(<[^<>]+>)/).filter(Boolean);
          const body = parts
            .map((p) =>
              /^<[^<>]+>$/.test(p)
                ? "[^\\s/:<>]+(?:[.][^\\s/:<>]+)*"
                : p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
            )
            .join("");
          return { re: new RegExp(`^${body}$`), literal: parts.length === 1 && !/^<[^<>]+>$/.test(word) };
        }),
      );
      this.patternCache.set(e.id, patterns);
    }
    return patterns;
  }

  private commandsPerSection(): Map<string, number> {
    if (!this.perSectionCache) {
      this.perSectionCache = new Map();
      for (const r of this.db.prepare("SELECT file, anchor FROM entries WHERE kind = 'command'").all() as {
        file: string;
        anchor: string;
      }[]) {
        const k = `${r.file}#${r.anchor}`;
        this.perSectionCache.set(k, (this.perSectionCache.get(k) ?? 0) + 1);
      }
    }
    return this.perSectionCache;
  }

  private entry(id: number, row?: EntryRow): StoredEntry {
    let e = this.byIds.get(id);
    if (!e) {
      const r = row ?? (this.statement("SELECT * FROM entries WHERE id = ?").get(id) as EntryRow);
      e = toEntry(r, this.label);
      this.byIds.set(id, e);
    }
    return e;
  }

  // The index never changes under a KnowledgeIndex (a reload builds a new one), so what is read is kept.
  private readonly statements = new Map<string, Statement>();
  private readonly kindLists = new Map<string, StoredEntry[]>();
  private readonly sectionLists = new Map<string, StoredEntry[]>();

  /** A statement prepared once per index (better-sqlite3 statements are reusable). */
  private statement(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  allEntries(kind?: EntryKind): StoredEntry[] {
    const key = kind ?? "";
    let list = this.kindLists.get(key);
    if (!list) {
      const rows = (
        kind
          ? this.statement("SELECT * FROM entries WHERE kind = ? ORDER BY id").all(kind)
          : this.statement("SELECT * FROM entries ORDER BY id").all()
      ) as EntryRow[];
      list = rows.map((r) => this.entry(r.id, r));
      this.kindLists.set(key, list);
    }
    return [...list];
  }

  entriesOfSection(file: string, anchor: string): StoredEntry[] {
    const key = `${file}#${anchor}`;
    let list = this.sectionLists.get(key);
    if (!list) {
      const rows = this.statement("SELECT * FROM entries WHERE file = ? AND anchor = ? ORDER BY id").all(
        file,
        anchor,
      ) as EntryRow[];
      list = rows.map((r) => this.entry(r.id, r));
      this.sectionLists.set(key, list);
    }
    return [...list];
  }

  /** Command name → ids of its entries (commands and options), in id order; read once per index. */
  private commandIds: Map<string, number[]> | undefined;

  /** The entries of one command of the notes (its command lines and option rows), in id order. */
  private entriesOfCommand(name: string): StoredEntry[] {
    if (!this.commandIds) {
      this.commandIds = new Map();
      const rows = this.statement(
        "SELECT id, command FROM entries WHERE command IS NOT NULL ORDER BY id",
      ).all() as {
        id: number;
        command: string;
      }[];
      for (const r of rows) {
        const ids = this.commandIds.get(r.command);
        if (ids) ids.push(r.id);
        else this.commandIds.set(r.command, [r.id]);
      }
    }
    return (this.commandIds.get(name) ?? []).map((id) => this.entry(id));
  }

  /** Canonical commands the notes use, most used first. */
  private commandsCache: string[] | undefined;

  notesCommands(): string[] {
    if (this.commandsCache) return this.commandsCache;
    const rows = this.db
      .prepare(
        "SELECT command, count(*) AS n FROM entries WHERE kind = 'command' GROUP BY command ORDER BY n DESC, command",
      )
      .all() as { command: string }[];
    this.commandsCache = rows.map((r) => r.command);
    return this.commandsCache;
  }

  /** Headings of the notes, in order. */
  headings(): { title: string; path: string[]; source: string }[] {
    return this.allEntries("section").map((e) => ({ title: e.title, path: e.path, source: e.source }));
  }

  private sectionIndex: SectionIndex | undefined;
  private analyzer: QueryAnalyzer | undefined;

  /**
   * Builds the in-memory section index now rather than on the first question (the service calls it at
   * start-up, so nobody's first question waits for it). Returns how long it took, in milliseconds.
   */
  prepare(): number {
    const started = performance.now();
    this.sections();
    return performance.now() - started;
  }

  /** The in-memory section index, built on the first question (or by prepare()). */
  private sections(): { index: SectionIndex; analyzer: QueryAnalyzer } {
    this.sectionIndex ??= new SectionIndex(this.db);
    this.analyzer ??= new QueryAnalyzer(this.sectionIndex);
    return { index: this.sectionIndex, analyzer: this.analyzer };
  }

  /** BM25F of one question word in one section, and how much of it counts as covered. */
  private fieldScore(
    index: SectionIndex,
    doc: SectionDoc,
    group: TermGroup,
  ): { tf: number; covered: number; inHeading: boolean } {
    let bestTf = 0;
    let covered = 0;
    let inHeading = false;
    // A command line under a heading and little else (## Namespace, $ kubectl get namespace): the command
    // reference's one-liner is all there is to say what it does, so it counts in full.
    const commandOnly = (doc.length[2] ?? 0) + (doc.length[3] ?? 0) <= COMMAND_ONLY_WORDS;
    for (const alt of group.alternatives) {
      let tf = 0;
      let cov = 0;
      for (let f = 0; f < FIELDS.length; f++) {
        const counts = doc.tf[f];
        if (!counts) continue;
        let c = Number.POSITIVE_INFINITY;
        for (const t of alt) {
          const n = counts.get(t) ?? 0;
          if (n < c) c = n;
          if (c === 0) break;
        }
        if (c <= 0 || !Number.isFinite(c)) continue;
        const field = FIELDS[f] as Field;
        const norm =
          1 - FIELD_B[field] + (FIELD_B[field] * (doc.length[f] ?? 0)) / (index.averageLength[f] ?? 1);
        tf += (FIELD_WEIGHT[field] * c) / norm;
        const share = field === "extra" && commandOnly ? 1 : COVERAGE_FIELD[field];
        if (share > cov) cov = share;
        if (f === 0) inHeading = true;
      }
      if (tf > bestTf) bestTf = tf;
      if (cov > covered) covered = cov;
    }
    return { tf: bestTf, covered, inHeading };
  }

  /**
   * A difference question ("ADD と COPY の違い") is answered only by a section that names both sides: one that
   * explains COPY alone does not say how ADD differs.
   */
  private holdsBothSides(index: SectionIndex, doc: SectionDoc, query: string, groups: TermGroup[]): boolean {
    const shape = questionKind(query);
    if (shape.kind !== "difference" || !shape.sides) return true;
    return shape.sides.every((side) => {
      const words = new Set(segmentWords(side));
      const own = groups.filter((g) => g.typed.split(/[\s-]/).some((w) => words.has(w)));
      return own.length === 0 || own.some((g) => this.fieldScore(index, doc, g).covered > 0);
    });
  }

  /**
   * For a difference whose two sides the notes describe in two sections (ClusterIP and NodePort, each under
   * its own heading): the place in `ranked` (among the first DIFFERENCE_PAIR_WINDOW) of the section that,
   * with the best one, covers the share `needed` (foundCoverage) of the question and holds both sides, and
   * what the two cover; null when none does.
   */
  private differencePartner(
    index: SectionIndex,
    query: string,
    groups: TermGroup[],
    totalWeight: number,
    ranked: readonly { doc: SectionDoc }[],
    needed: number,
  ): { at: number; coverage: number } | null {
    const shape = questionKind(query);
    const best = ranked[0];
    if (shape.kind !== "difference" || shape.sides?.length !== 2 || !best) return null;
    const sides = shape.sides.map((side) => {
      const words = new Set(segmentWords(side));
      return groups.filter((g) => g.typed.split(/[\s-]/).some((w) => words.has(w)));
    });
    const bestCovered = groups.map((g) => this.fieldScore(index, best.doc, g).covered);
    for (let i = 1; i < Math.min(ranked.length, DIFFERENCE_PAIR_WINDOW); i++) {
      const other = ranked[i];
      if (!other) continue;
      const covered = groups.map((g, k) =>
        Math.max(bestCovered[k] ?? 0, this.fieldScore(index, other.doc, g).covered),
      );
      const share =
        groups.reduce((sum, g, k) => sum + g.weight * g.credit * (covered[k] ?? 0), 0) / totalWeight;
      // Each side by a name the two sections hold (NodePort), not an everyday word (ADD is also "add").
      const held = sides.every((own) =>
        own.some((g) => (covered[groups.indexOf(g)] ?? 0) > 0 && !isFamiliarEnglish(g.typed)),
      );
      if (share >= needed && held) return { at: i, coverage: share };
    }
    return null;
  }

  /**
   * A how-to question is about doing something to something: a section that holds only the verb
   * ("インストール") and none of what it is done to ("Helm", "chart") does not answer it.
   */
  private holdsAnObject(index: SectionIndex, doc: SectionDoc, groups: TermGroup[]): boolean {
    if (!groups.some((g) => g.action)) return true;
    // What it is done to is a name or a term: not everyday words (最初, 何) nor inflected kana (作ら).
    const objects = groups.filter(
      (g) =>
        !g.action &&
        [...g.typed].length >= 2 &&
        !isGeneralWord(g.typed) &&
        !/\p{Script=Hiragana}/u.test(g.typed),
    );
    if (objects.length === 0) return true;
    return objects.some((g) => this.fieldScore(index, doc, g).covered > 0);
  }

  private readonly bareCache = new Map<number, string>();

  /** The section's own heading without とは / について, words joined (cached per section). */
  private bareOf(doc: SectionDoc): string {
    let bare = this.bareCache.get(doc.entryId);
    if (bare === undefined) {
      bare = bareHeading(doc.path[doc.path.length - 1] ?? "");
      this.bareCache.set(doc.entryId, bare);
    }
    return bare;
  }

  private readonly leadCache = new Map<number, string[]>();

  /** Whether a line of the section opens with the subject, as a definition does ("Pod は…", "kube-proxy: …"). */
  private leadsALine(doc: SectionDoc, pattern: RegExp): boolean {
    let starts = this.leadCache.get(doc.entryId);
    if (!starts) {
      starts = this.entry(doc.entryId)
        .text.split("\n")
        .map((l) => l.slice(0, 80).normalize("NFKC"));
      this.leadCache.set(doc.entryId, starts);
    }
    return starts.some((l) => pattern.test(l));
  }

  private readonly glossaryCache = new Map<number, Set<string>>();

  /** Whether the section defines the subject as a glossary does: a table row, a definition list item, `X: …`. */
  private glosses(doc: SectionDoc, subject: string): boolean {
    let terms = this.glossaryCache.get(doc.entryId);
    if (!terms) {
      terms = new Set(
        doc.entryIds
          .map((id) => this.entry(id))
          .flatMap((e) => (e.kind === "term" ? [bareHeading(e.title)] : [])),
      );
      this.glossaryCache.set(doc.entryId, terms);
    }
    return terms.has(subject);
  }

  /** The entry of a section that answers best: the one holding most of the question's words. */
  private representative(doc: SectionDoc, groups: TermGroup[], subject: string | null): StoredEntry {
    const main = this.entry(doc.entryId);
    let best = main;
    let bestScore = -1;
    for (const id of doc.entryIds) {
      const e = this.entry(id);
      const d = this.derived(e);
      // Words in the entry's own title (a manifest's file name, a command line, a term) count half again.
      let score = groups.reduce(
        (s, g) =>
          s +
          (g.alternatives.some((alt) => alt.every((t) => d.words.has(t))) ? g.weight : 0) +
          (g.alternatives.some((alt) => alt.every((t) => d.titleWords.has(t))) ? g.weight / 2 : 0),
        0,
      );
      if (e.kind === "term" && subject !== null && d.bare.includes(subject)) score += 1e6;
      if (e.id === main.id) score += 1e-6;
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * A docker or kubectl command the question asks about that the notes never use ("docker network create の
   * 使い方", "… with docker attach"): its name, so the answer says the notes do not cover it rather than
   * answering from a section that merely shares its words. A group that is also a product name (Docker
   * Compose) counts when a heading of the folder names its last word; `kubectl top` where "top" never
   * appears does not, nor `docker network` where "network" is only a word of some page's prose.
   */
  private uncoveredCommand(index: SectionIndex, query: string): string | null {
    const asked = breakDown(query).match ?? embeddedCommand(query);
    if (!asked || asked.typos.length > 0 || this.notesCommands().length === 0) return null;
    const name = asked.command.name;
    if (this.notesCommands().includes(name)) return null;
    const groupWord = segmentWords(name.split(" ").at(-1) ?? "")[0] ?? "";
    const isGroup =
      allCommands.some((c) => c.name.startsWith(`${name} `)) &&
      (index.heads(groupWord) || this.notesCommands().some((c) => c.startsWith(`${name} `)));
    return isGroup ? null : name;
  }

  /**
   * Candidate sections: those holding the question's words, weighed by the words each holds (heading words
   * double, so precise sections stay candidates), best MAX_CANDIDATES kept for full BM25F scoring.
   */
  private candidates(index: SectionIndex, groups: readonly TermGroup[]): SectionDoc[] {
    const quick = new Map<number, number>();
    for (const g of groups) {
      const docs = new Map<number, number>();
      for (const alt of g.alternatives) {
        const [first, ...rest] = alt;
        if (first === undefined) continue;
        for (const d of index.holding(first)) {
          const doc = index.docs[d];
          if (!doc || !rest.every((t) => doc.tf.some((tf) => tf.has(t)))) continue;
          const headed = alt.every((t) => doc.tf[0]?.has(t)) ? 2 : 1;
          if (headed > (docs.get(d) ?? 0)) docs.set(d, headed);
        }
      }
      for (const [d, x] of docs) quick.set(d, (quick.get(d) ?? 0) + g.weight * g.credit * x);
    }
    return [...quick.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, MAX_CANDIDATES)
      .map(([d]) => index.docs[d])
      .filter((d): d is SectionDoc => d !== undefined);
  }

  /** Free-text search: the best sections for a question, or `found: false` when the notes do not cover it. */
  ask(query: string): AskOutcome {
    const { index, analyzer } = this.sections();
    const groups = analyzer.groups(query);
    const response: SearchResponse = { query, found: false, results: [], suggestions: [] };
    if (groups.length === 0) return { response, hits: [], terms: [] };
    const terms = groups.map((g) => g.typed);
    const uncovered = this.uncoveredCommand(index, query);
    if (uncovered) {
      response.suggestions = this.relatedCommands(uncovered);
      return { response, hits: [], terms };
    }
    const totalWeight = groups.reduce((s, g) => s + g.weight, 0) || 1;
    // Alternatives the folder does not hold cannot match: scoring skips them.
    const live = groups.map((g) => ({
      ...g,
      alternatives: g.alternatives.filter((alt) => alt.every((t) => index.docFreq(t) > 0)),
    }));
    const candidates = this.candidates(index, live);
    const queryWords = segmentWords(query);
    const queryNorm = queryWords.join("");
    const subject = definitionSubject(query);
    const defining = definingLine(query);
    const howTo = isHowTo(query);
    const whichThing = asksWhichThing(query);
    const queryLang = questionLanguage(query, index);
    const queryNegates = negates(query);
    const queryRestricts = restricts(query);
    // The one tool the question names, of those whose commands head the folder's sections.
    const named = [...new Set(queryWords)].filter((w) => index.tools().has(w));
    const namedTool = named.length === 1 ? (named[0] ?? null) : null;
    const situation = live.map((g) => isSituationWord(g.typed));
    const scored = candidates.map((doc) => {
      let relevance = 0;
      let covered = 0;
      let headed = 0;
      // The situation words this section lacks do not count against it.
      let weight = totalWeight;
      live.forEach((g, i) => {
        const { tf, covered: c, inHeading } = this.fieldScore(index, doc, g);
        if (situation[i] && c === 0) {
          weight -= g.weight;
          return;
        }
        relevance += (g.weight * g.credit * tf) / (K1 + tf);
        covered += g.weight * g.credit * c;
        if (inHeading) headed += g.weight * g.credit;
      });
      weight = Math.max(weight, 1e-9);
      return {
        doc,
        relevance: relevance / weight,
        coverage: covered / weight,
        headingCoverage: headed / weight,
      };
    });
    const bestRelevance = Math.max(1e-9, ...scored.map((s) => s.relevance));
    const ranked = scored
      .map((s) => {
        const heading = s.doc.headingText;
        const bare = this.bareOf(s.doc);
        let score =
          SCORE.coverage * s.coverage +
          SCORE.relevance * (s.relevance / bestRelevance) +
          SCORE.headingCoverage * s.headingCoverage;
        if (whichThing) {
          if (heading.length >= 2 && queryNorm.includes(heading)) score += SCORE.namedByWhichThing;
        } else if (heading.length >= 2 && queryNorm.includes(heading)) score += SCORE.headingInQuery;
        else if (headingWithin(s.doc, groups)) score += SCORE.headingWordsInQuery;
        if (subject !== null && bare === subject) score += SCORE.definesSubject;
        else if (defining && this.leadsALine(s.doc, defining)) score += SCORE.subjectLeadsLine;
        else if (subject !== null && namesSubject(s.doc, subject)) score += SCORE.namesSubject;
        if (subject !== null && this.glosses(s.doc, subject)) score += SCORE.glossesSubject;
        if (howTo && s.doc.hasCode) score += SCORE.howToCode;
        if (index.multilingual && s.doc.lang === queryLang) score += SCORE.sameLanguage;
        if (namedTool !== null) {
          const tool = commandTool(s.doc.path[s.doc.path.length - 1] ?? "");
          if (tool !== null && tool !== namedTool && index.tools().has(tool)) score += SCORE.otherTool;
        }
        if (negates(s.doc.path[s.doc.path.length - 1] ?? ""))
          score += queryNegates ? SCORE.negationMatch : SCORE.negationMismatch;
        if (queryRestricts && restricts(s.doc.path[s.doc.path.length - 1] ?? ""))
          score += SCORE.restrictionMatch;
        return { ...s, score };
      })
      .sort((a, b) => b.score - a.score || a.doc.entryId - b.doc.entryId);
    // The subject as read (a typo's reading: "replcaset って何" is about the ReplicaSet).
    const read =
      subject === null
        ? null
        : groups.reduce((s, g) => (g.readAs ? s.replace(g.typed, g.readAs) : s), subject);
    // The share the best section must cover, by the number of words the question weighs.
    const needed = foundCoverage(live.filter((g, i) => g.weight > 0 && !situation[i]).length);
    if (read !== null)
      preferSpecific(
        ranked,
        {
          introduces: (doc) => this.bareOf(doc) === read || headedBySubject(doc, read),
          asks: (doc) => definitionSubject(doc.path[doc.path.length - 1] ?? "") === read,
        },
        needed,
      );
    else preferSpecific(ranked, undefined, needed);
    // One copy per page: a section kept twice counts once, and a page's translations count once, in the
    // language that ranked first.
    const pageLang = new Map<string, Lang>();
    const copies = new Set<string>();
    const unique = ranked.filter((r) => {
      if (copies.has(r.doc.signature)) return false;
      copies.add(r.doc.signature);
      if (!index.multilingual) return true;
      const lang = pageLang.get(r.doc.page);
      if (lang === undefined) pageLang.set(r.doc.page, r.doc.lang);
      return lang === undefined || lang === r.doc.lang;
    });
    const best = unique[0];
    // "X とは" / "what is X" needs X in the notes' own words (a heading, prose or a term), not only in a
    // code example or in the catalog's one-liners.
    const only = groups.length === 1 ? groups[0] : undefined;
    const word =
      subject !== null && only && only.alternatives.length === 1 ? only.typed.replace(/[\s-]/g, "") : "";
    const subjectKnown =
      word.length < 2 || unique.slice(0, 5).some((r) => this.prose(this.entry(r.doc.entryId)).includes(word));
    const alone =
      best !== undefined && best.coverage >= needed && this.holdsBothSides(index, best.doc, query, live);
    // A difference of two things the notes describe under two headings: those two sections, together.
    // The partner comes second, before sections that scored higher alone: the answer is the two together.
    const partner =
      best && !alone ? this.differencePartner(index, query, live, totalWeight, unique, needed) : null;
    if (partner && partner.at > 1) unique.splice(1, 0, ...unique.splice(partner.at, 1));
    // A how-to that names one tool of the reference ("docker のコンテナのログ"), whose best section shows only
    // another tool's command lines (`kubectl logs`): the notes do not say how to do it with that tool.
    const asked = queryWords.filter((w) => referenceTools.has(w));
    const askedTool = new Set(asked).size === 1 ? asked[0] : undefined;
    const doing = howTo || ["howto", "which-command"].includes(questionKind(query).kind);
    const otherToolOnly =
      doing && askedTool !== undefined && best !== undefined && this.showsOnlyOtherTools(best.doc, askedTool);
    const found =
      best !== undefined &&
      !otherToolOnly &&
      (alone || partner !== null) &&
      subjectKnown &&
      this.holdsAnObject(index, best.doc, live) &&
      live.some((g) => !g.bySound && this.fieldScore(index, best.doc, g).covered > 0);
    const readings = groups.flatMap((g) => (g.readAs ? [{ typed: g.shown ?? g.typed, read: g.readAs }] : []));
    const verb = groups.find((g) => g.action);
    if (!found) {
      const near = unique.filter((r) => r.coverage >= SUGGEST_COVERAGE).slice(0, 3);
      response.suggestions = [
        ...new Set([
          ...near.map((r) => r.doc.path[r.doc.path.length - 1] ?? ""),
          ...suggestCommands(query, 3),
        ]),
      ].filter(Boolean);
      return { response, hits: [], terms, coverage: best?.coverage ?? 0 };
    }
    // Not for a question that says what it does not want ("止めたいけど削除はしたくない"): an example's words
    // count the same whether the question asks for them or against them.
    if (alone && !queryNegates) this.preferSubcommand(unique, live);
    const hits: Hit[] = unique.slice(0, MAX_RESULTS).map((r) => {
      const entry = this.representative(r.doc, groups, subject);
      const d = this.derived(entry);
      const matched = groups
        .filter((g) => g.alternatives.some((alt) => alt.every((t) => d.words.has(t))))
        .map((g) => g.typed);
      return { entry, score: r.score, matched };
    });
    response.found = true;
    response.results = hits.map((h, i) => this.result(h.entry, h.score, unique[i]?.doc));
    return {
      response,
      hits,
      terms: groups.map((g) => g.readAs ?? g.typed),
      spellings: groups.map((g) => g.alternatives),
      ...(verb ? { action: verb.readAs ?? verb.typed } : {}),
      coverage: partner?.coverage ?? best.coverage,
      ...(readings.length > 0 ? { readings: readings.map((r) => this.displayReading(r, hits)) } : {}),
    };
  }

  /**
   * A command's overview section ranked first (tldr's `kubectl`) whose example that answers is of a subcommand
   * with a section of its own among the ranked ones (`kubectl top`): that section comes first, as it says all
   * there is about the subcommand (overview.ts).
   */
  private preferSubcommand(unique: { doc: SectionDoc }[], groups: readonly TermGroup[]): void {
    const best = unique[0];
    const command = best?.doc.path[best.doc.path.length - 1] ?? "";
    if (!best || !isCommandHeading(command)) return;
    const at = new Map<string, number>();
    unique.forEach((r, i) => {
      const heading = r.doc.path[r.doc.path.length - 1] ?? "";
      if (heading.startsWith(`${command} `) && !at.has(heading)) at.set(heading, i);
    });
    if (at.size === 0) return;
    const covered = (words: ReadonlySet<string>) =>
      groups.reduce(
        (sum, g) =>
          sum + (g.alternatives.some((alt) => alt.every((t) => words.has(t))) ? g.weight * g.credit : 0),
        0,
      );
    const sub = overviewSubcommand(this.entry(best.doc.entryId).text, command, covered);
    const i = sub === null ? undefined : at.get(sub);
    const doc = i === undefined ? undefined : unique[i]?.doc;
    if (sub === null || i === undefined || i === 0 || !doc || !this.showsCommand(doc, sub)) return;
    unique.splice(0, 0, ...unique.splice(i, 1));
  }

  /** Whether a section's command lines are all of tools of the reference other than `tool` (and it has some). */
  private showsOnlyOtherTools(doc: SectionDoc, tool: string): boolean {
    const tools = this.entriesOfSection(doc.file, doc.anchor)
      .filter((e) => e.kind === "command")
      .map((e) => (e.command ?? "").split(" ")[0] ?? "");
    return tools.length > 0 && tools.every((t) => t !== tool && referenceTools.has(t));
  }

  /**
   * Whether a section shows a line of a command the reference knows (`docker exec` as `docker container
   * exec`, or one of its own subcommands: `kubectl top pods`) that is more than the command's name, or the
   * command is one the reference does not know. An alias page
   * (tldr's "This command is an alias of `docker container exec`", then `tldr docker container exec`) only
   * names it: the overview's own example says more.
   */
  private showsCommand(doc: SectionDoc, command: string): boolean {
    const known = findCommand(command);
    if (!known) return true;
    const of = (name: string | undefined) => name === known.name || name?.startsWith(`${known.name} `);
    return this.entriesOfSection(doc.file, doc.anchor).some(
      (e) =>
        e.kind === "command" &&
        of(e.command) &&
        (e.examples ?? []).some((line) => findCommand(line) !== known),
    );
  }

  /** A typo's reading as the notes write the word (`ReplicaSet`, not `replicaset`). */
  private displayReading(r: { typed: string; read: string }, hits: Hit[]): { typed: string; read: string } {
    // The reading is an index word (stemmed: "namespac"); the notes' whole word is what the person reads:
    // the rest of a Latin or katakana word, not the Japanese sentence written on after it without a space
    // ("ReplicaSetを管理するための…", "名前空間を指定するのは…").
    const rest = /\p{Script=Latin}$/u.test(r.read)
      ? "[\\p{Script=Latin}\\p{N}]*"
      : /\p{Script=Katakana}$/u.test(r.read)
        ? "[\\p{Script=Katakana}ー]*"
        : "";
    const re = new RegExp(`${r.read.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${rest}`, "iu");
    for (const h of hits) {
      const text = [...h.entry.path, h.entry.title, h.entry.text].join("\n");
      const m = re.exec(text.normalize("NFKC"));
      if (m) return { typed: r.typed, read: m[0] };
    }
    return r;
  }

  /** A result as the contract prints it; `doc` names the section when ranking answered with a whole section. */
  private result(e: StoredEntry, score: number, doc?: SectionDoc): SearchResult {
    const path = doc?.path ?? e.path;
    return {
      title: path[path.length - 1] ?? e.title,
      path,
      source: doc ? sourceOf(this.label, doc.file, doc.anchor) : e.source,
      kind: e.kind,
      score: round(Math.min(1, Math.max(0, score))),
    };
  }

  /**
   * A command line of a tool the reference does not know (`helm install myapp bitnami/nginx -f values.yaml`),
   * asked by its command: the leading plain words (`helm install`), then fewer, down to two, and the first
   * the notes answer from a section that names that command. Its arguments and flags are the user's own
   * values, words the notes cannot be expected to hold; asked with them, the line reads as uncovered.
   */
  private byCommandPrefix(query: string): AskOutcome | null {
    const tokens = query.trim().split(/\s+/u);
    const words: string[] = [];
    for (const t of tokens) {
      if (!COMMAND_WORD.test(t) || words.length === MAX_COMMAND_WORDS) break;
      words.push(t);
    }
    // Plain words only: a sentence, not a command line with values (and nothing to leave out).
    if (words.length === tokens.length) return null;
    for (let k = words.length; k >= MIN_COMMAND_WORDS; k--) {
      const command = words.slice(0, k).join(" ").toLowerCase();
      const asked = this.ask(command);
      const best = asked.hits[0]?.entry;
      if (!asked.response.found || !best) continue;
      const shown = [best.title, ...best.path, best.text, ...(best.examples ?? [])].join("\n").toLowerCase();
      // Answered as the line the user typed.
      if (shown.includes(command)) return { ...asked, response: { ...asked.response, query } };
    }
    return null;
  }

  /** Command look-up: the notes' sections about the command typed, flags and arguments included. */
  explain(query: string): ExplainOutcome {
    const breakdown = breakDown(query);
    const match = breakdown.match;
    if (!match) {
      const whole = this.ask(query);
      const asked = whole.response.found ? whole : (this.byCommandPrefix(query) ?? whole);
      const suggestions = asked.response.found
        ? []
        : [...new Set([...suggestCommands(query, 5), ...asked.response.suggestions])];
      return {
        ...asked,
        breakdown,
        response: { ...asked.response, resolved: null, suggestions: suggestions.slice(0, 5) },
      };
    }
    const name = match.command.name;
    const verbWords = new Set([name, ...match.command.aliases].map((s) => s.split(" ").slice(1).join(" ")));
    const typedFlags = breakdown.pieces
      .filter((p) => p.kind === "flag")
      .map((p) => (p.kind === "flag" ? p.flag : null));
    const typedArgs = breakdown.pieces.flatMap((p) =>
      p.kind === "argument" ? [p.text] : p.kind === "flag" && p.value ? [p.value] : [],
    );
    const commandEntries = this.entriesOfCommand(name);
    // The command's option rows per section: an option table answers for every typed flag its rows describe.
    const optionRows = new Map<string, StoredEntry[]>();
    for (const e of commandEntries) {
      if (e.kind !== "option") continue;
      const key = `${e.file}#${e.anchor}`;
      const list = optionRows.get(key);
      if (list) list.push(e);
      else optionRows.set(key, [e]);
    }
    const perSectionCommands = this.commandsPerSection();
    const hits: Hit[] = [];
    for (const entry of commandEntries) {
      let score = 0.6;
      const matched: string[] = [];
      if (entry.kind === "command") {
        const title = entry.path[entry.path.length - 1]?.toLowerCase() ?? "";
        if (verbWords.has(title)) score += 0.25;
        const { flags: exampleFlags, resources: exampleResources } = this.exampleParts(entry);
        const shared = typedFlags.filter((f) => f && exampleFlags.has(f)).length;
        if (typedFlags.length > 0) score += (0.1 * shared) / typedFlags.length;
        if (match.resource && exampleResources.has(match.resource.name)) score += 0.08;
        else if (match.resource && exampleResources.size > 0) score -= 0.15;
        const patterns = this.examplePatterns(entry);
        // The same word counts fully; a word that fits a placeholder of the notes counts half.
        const sharedArgs = typedArgs.reduce(
          (n, a) =>
            n +
            (patterns.some((p) => p.literal && p.re.test(a))
              ? 1
              : patterns.some((p) => p.re.test(a))
                ? 0.5
                : 0),
          0,
        );
        if (typedArgs.length > 0) score += (0.2 * sharedArgs) / typedArgs.length;
        // A section about many commands is less specific than one about this command alone.
        score -= Math.min(0.09, 0.03 * ((perSectionCommands.get(`${entry.file}#${entry.anchor}`) ?? 1) - 1));
        matched.push(name);
      } else if (entry.kind === "option") {
        const describes = (o: StoredEntry, f: CatalogFlag | null) => {
          const typed = String(o.data?.typed ?? o.title);
          return (
            f !== null &&
            (f.short === typed.replace(/^-/, "") ||
              f.long === typed.replace(/^-+/, "") ||
              f.long === String(o.data?.correction ?? "").replace(/^--/, ""))
          );
        };
        if (!typedFlags.some((f) => describes(entry, f))) continue;
        // An option table answers for all the typed flags its rows describe, not just this row's.
        const rows = optionRows.get(`${entry.file}#${entry.anchor}`) ?? [];
        const covered = typedFlags.filter((f) => rows.some((r) => describes(r, f)));
        score += (0.3 * covered.length) / typedFlags.length;
        matched.push(entry.title);
      } else continue;
      hits.push({ entry, score, matched });
    }
    hits.sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
    // One result per section as ranking sees them: a generic subsection (cp › Aliases) answers as its page.
    const { index } = this.sections();
    const perSection = new Map<string, Hit>();
    for (const h of hits) {
      const doc = index.docOfEntry(h.entry.id);
      const key = doc ? doc.key : h.entry.source;
      if (!perSection.has(key)) perSection.set(key, h);
    }
    const ranked = [...perSection.values()].slice(0, MAX_RESULTS);
    const found = ranked.some((h) => h.entry.kind === "command");
    const response: SearchResponse = {
      query,
      found,
      resolved: match.canonical,
      results: found ? ranked.map((h) => this.result(h.entry, h.score, index.docOfEntry(h.entry.id))) : [],
      suggestions: found ? [] : this.relatedCommands(name),
    };
    return { response, hits: found ? [...perSection.values()] : [], terms: [name], breakdown };
  }

  /** Commands the notes do cover that are close to one they do not: same last word, then same group. */
  private relatedCommands(name: string): string[] {
    const words = name.split(" ");
    const last = words[words.length - 1] ?? "";
    const notes = this.notesCommands();
    const sameVerb = notes.filter((c) => c.split(" ").pop() === last);
    const sameGroup = notes.filter((c) => c.split(" ").slice(0, 2).join(" ") === words.slice(0, 2).join(" "));
    // `docker volume create` is not in the notes, but `docker container run -v/--volume` may be.
    const topic = words[1] ?? "";
    const byFlag = notes.filter((c) =>
      findCommand(c)?.flags.some((f) => f.long === topic || f.long === `${topic}s`),
    );
    return [...new Set([...sameVerb, ...sameGroup, ...byFlag])].filter((c) => c !== name).slice(0, 5);
  }

  findings(): StoredFinding[] {
    const rows = this.db.prepare("SELECT * FROM findings ORDER BY file, line, id").all() as {
      kind: string;
      file: string;
      line: number;
      excerpt: string;
      message_en: string;
      message_ja: string;
      correction: string | null;
    }[];
    return rows.map((r) => ({
      kind: r.kind,
      file: r.file,
      line: r.line,
      excerpt: r.excerpt,
      message: { en: r.message_en, ja: r.message_ja },
      ...(r.correction ? { correction: r.correction } : {}),
    }));
  }
}
