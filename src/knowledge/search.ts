import type Database from "better-sqlite3";
import { allCommands, findCommand, isCatalogWord, suggestCommands } from "./catalog/index.js";
import type { CatalogFlag } from "./catalog/types.js";
import { type Breakdown, breakDown, tokenize } from "./command-line.js";
import { type Entry, type EntryKind, sourceOf } from "./entries.js";
import { isStopword, segmentWords, segmentWordsWithParts } from "./segment.js";
import { japaneseFor } from "./synonyms.js";

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
  heading: string;
  title: string;
  bare: string[];
}

/** A query word and the words that count as it (its Japanese equivalents). */
interface TermGroup {
  typed: string;
  alternatives: string[][];
  weight: number;
}

export const MAX_RESULTS = 5;
/** Share of the query's weight an answer must cover to count as found. */
export const FOUND_COVERAGE = 0.62;

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

/**
 * How much a word the notes never use says about the question's topic. Latin words and katakana loanwords
 * name the things a question is about (Helm, Terraform, ステートフルセット): missing from the notes, they
 * mean the notes do not cover it. Kanji words are mostly general vocabulary (判断, 同士), and hiragana
 * words and inflected verbs carry grammar or tone (うれしい, 取り出し): missing, they say little.
 */
export function unknownWordFactor(word: string): number {
  if (/^[\p{Script=Hiragana}ー]+$/u.test(word)) return 0.15;
  if (/\p{Script=Hiragana}/u.test(word)) return 0.3;
  if (/^\p{Script=Han}+$/u.test(word)) return 0.35;
  return 1;
}

/** What a "what is X" / "X とは" question asks about, normalized; null for other questions. */
export function definitionSubject(query: string): string | null {
  const q = query.trim().replace(/[?？。.!！]+$/u, "");
  const en = /^(?:what(?:'s| is| are)|define|explain)\s+(?:an?\s+|the\s+)?(.+)$/i.exec(q);
  const ja = /^(.+?)\s*(?:とは|って何|ってなに|とは何|について)/u.exec(q);
  const subject = en?.[1] ?? ja?.[1];
  return subject ? segmentWords(subject).join("") : null;
}

/** A heading without "とは" / "について" / "の概念", to compare with a question's subject. */
function bareHeading(heading: string): string {
  return segmentWords(heading.replace(/\s*(とは|について|の概念)\s*$/u, "")).join("");
}

function ftsQuote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Read-only queries over the knowledge index. */
export class KnowledgeIndex {
  readonly label: string;
  private readonly df: Database.Statement;
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
    this.df = db.prepare("SELECT doc FROM entries_vocab WHERE term = ?");
    this.total = (db.prepare("SELECT count(*) AS n FROM entries").get() as { n: number }).n;
  }

  get size(): number {
    return this.total;
  }

  private docFreq(token: string): number {
    const row = this.df.get(token) as { doc: number } | undefined;
    return row?.doc ?? 0;
  }

  private idf(df: number): number {
    const n = Math.max(this.total, 1);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
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

  private katakanaVocab: string[] | undefined;

  /**
   * Katakana words of the notes that contain an unknown katakana query word, or that it contains: the
   * notes' "コンテナオーケストレーション" answers "オーケストレーション", and "インフラ" answers "イミュータブルインフラ".
   */
  private katakanaRelatives(word: string): string[] {
    if (!/^[\p{Script=Katakana}ー]{3,}$/u.test(word)) return [];
    this.katakanaVocab ??= (this.db.prepare("SELECT term FROM entries_vocab").all() as { term: string }[])
      .map((r) => r.term)
      .filter((t) => /^[\p{Script=Katakana}ー]{3,}$/u.test(t));
    return this.katakanaVocab.filter((v) => v !== word && (v.includes(word) || word.includes(v))).slice(0, 8);
  }

  private derivedCache = new Map<number, Derived>();
  private partsCache = new Map<number, { flags: Set<CatalogFlag>; resources: Set<string> }>();
  private perSectionCache: Map<string, number> | undefined;

  /** Per-entry facts the ranking needs, computed once per index. */
  private derived(e: StoredEntry): Derived {
    let d = this.derivedCache.get(e.id);
    if (!d) {
      const row = this.db.prepare("SELECT words FROM entries WHERE id = ?").get(e.id) as { words: string };
      const heading = e.path[e.path.length - 1] ?? "";
      d = {
        words: new Set(row.words.split(" ")),
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
      const r = row ?? (this.db.prepare("SELECT * FROM entries WHERE id = ?").get(id) as EntryRow);
      e = toEntry(r, this.label);
      this.byIds.set(id, e);
    }
    return e;
  }

  allEntries(kind?: EntryKind): StoredEntry[] {
    const rows = (
      kind
        ? this.db.prepare("SELECT * FROM entries WHERE kind = ? ORDER BY id").all(kind)
        : this.db.prepare("SELECT * FROM entries ORDER BY id").all()
    ) as EntryRow[];
    return rows.map((r) => this.entry(r.id, r));
  }

  entriesOfSection(file: string, anchor: string): StoredEntry[] {
    const rows = this.db
      .prepare("SELECT * FROM entries WHERE file = ? AND anchor = ? ORDER BY id")
      .all(file, anchor) as EntryRow[];
    return rows.map((r) => this.entry(r.id, r));
  }

  /** Canonical commands the notes use, most used first. */
  notesCommands(): string[] {
    const rows = this.db
      .prepare(
        "SELECT command, count(*) AS n FROM entries WHERE kind = 'command' GROUP BY command ORDER BY n DESC, command",
      )
      .all() as { command: string }[];
    return rows.map((r) => r.command);
  }

  /** Headings of the notes, in order. */
  headings(): { title: string; path: string[]; source: string }[] {
    return this.allEntries("section").map((e) => ({ title: e.title, path: e.path, source: e.source }));
  }

  private termGroups(query: string): TermGroup[] {
    const groups: TermGroup[] = [];
    const seen = new Set<string>();
    // Flags typed in a question (`-it`, `--rm`) are meant, even when the word is a stopword ("it").
    const flags = new Set(
      [...query.matchAll(/(?:^|\s)--?([a-z][\w-]*)/gi)].map((m) => (m[1] ?? "").toLowerCase()),
    );
    for (const w of segmentWordsWithParts(query)) {
      if ((isStopword(w.word) && !flags.has(w.word)) || seen.has(w.word)) continue;
      if (w.word.length === 1 && /^[\p{Script=Hiragana}a-z0-9]$/u.test(w.word) && !flags.has(w.word))
        continue;
      seen.add(w.word);
      const alternatives: string[][] = [[w.word]];
      if (w.parts.length > 0 && this.docFreq(w.word) === 0) alternatives.push(w.parts);
      for (const ja of japaneseFor(w.word)) alternatives.push(segmentWords(ja));
      for (const alt of [...alternatives]) {
        const only = alt.length === 1 ? alt[0] : undefined;
        if (only && this.docFreq(only) === 0)
          for (const k of this.katakanaRelatives(only)) alternatives.push([k]);
      }
      const dfs = alternatives.map((alt) => Math.min(...alt.map((t) => this.docFreq(t))));
      const known = dfs.filter((d) => d > 0);
      // A word the notes never use weighs the most when it names a thing (it is what the question is about
      // and the notes do not cover it); less when it is mostly grammar (hiragana, inflected verbs).
      const weight =
        known.length > 0
          ? this.idf(Math.max(...known))
          : this.idf(0) * unknownWordFactor(w.word) * (isCatalogWord(w.word) ? 0.5 : 1);
      groups.push({ typed: w.word, alternatives, weight });
    }
    return groups;
  }

  /** Free-text search: the best sections for a question, or `found: false` when the notes do not cover it. */
  ask(query: string): AskOutcome {
    const groups = this.termGroups(query);
    const response: SearchResponse = { query, found: false, results: [], suggestions: [] };
    if (groups.length === 0) return { response, hits: [], terms: [] };
    // A question about a command the notes never use ("docker network create の使い方") is not answered
    // from a section that merely shares its words: the notes do not cover it.
    // (A group such as `docker compose` or `docker swarm` is also a product name: "Docker Compose とは".)
    const asked = breakDown(query).match;
    const isGroup = asked !== null && allCommands.some((c) => c.name.startsWith(`${asked.command.name} `));
    if (asked && !isGroup && !asked.typos.length && !this.notesCommands().includes(asked.command.name)) {
      response.suggestions = this.relatedCommands(asked.command.name);
      return { response, hits: [], terms: groups.map((g) => g.typed) };
    }
    const tokens = [...new Set(groups.flatMap((g) => g.alternatives.flat()))];
    const rows = this.db
      .prepare(
        `SELECT rowid AS id, bm25(entries_fts, 4.0, 3.0, 1.0, 0.6) AS rank
         FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rank LIMIT 120`,
      )
      .all(tokens.map(ftsQuote).join(" OR ")) as { id: number; rank: number }[];
    const totalWeight = groups.reduce((s, g) => s + g.weight, 0);
    const bestRank = Math.min(...rows.map((r) => r.rank), -1e-9);
    const queryNorm = segmentWords(query).join("");
    const subject = definitionSubject(query);
    // "How do I …" wants a command; a section that shows one is the better answer on a tie.
    const howTo =
      /(には[?？]?$|するには|方法|やり方|どうやって|どうしたら|どうすれば|手順|\bhow (do|can|to|should)\b)/i.test(
        query,
      );
    const hits = rows.map((row): Hit & { coverage: number } => {
      const entry = this.entry(row.id);
      const d = this.derived(entry);
      const matched = groups.filter((g) => g.alternatives.some((alt) => alt.every((t) => d.words.has(t))));
      const coverage = matched.reduce((s, g) => s + g.weight, 0) / totalWeight;
      const titleInQuery = d.heading.length >= 2 && queryNorm.includes(d.heading) ? 0.12 : 0;
      const termTitle = entry.kind === "term" && subject !== null && queryNorm.includes(d.title) ? 0.05 : 0;
      const definesSubject = subject !== null && d.bare.includes(subject) ? 0.15 : 0;
      const procedure = howTo && entry.kind === "command" ? 0.05 : 0;
      const score =
        0.7 * coverage + 0.18 * (row.rank / bestRank) + titleInQuery + termTitle + definesSubject + procedure;
      return { entry, score, matched: matched.map((g) => g.typed), coverage };
    });
    hits.sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
    const perSection = new Map<string, Hit & { coverage: number }>();
    for (const h of hits) if (!perSection.has(h.entry.source)) perSection.set(h.entry.source, h);
    const ranked = [...perSection.values()];
    const best = ranked[0];
    // "X とは" / "what is X" needs X in the notes' own words (a heading, prose or a term), not only in a
    // code example or in the catalog's one-liners.
    const word =
      subject !== null && groups.length === 1 && groups[0]?.alternatives.length === 1 ? groups[0].typed : "";
    const subjectKnown =
      word.length < 2 || ranked.slice(0, 5).some((h) => this.prose(h.entry).includes(word));
    const found = best !== undefined && best.coverage >= FOUND_COVERAGE && subjectKnown;
    if (found) {
      response.found = true;
      response.results = ranked.slice(0, MAX_RESULTS).map((h) => this.result(h.entry, h.score));
    } else {
      const near = ranked.filter((h) => h.coverage >= 0.3).slice(0, 3);
      response.suggestions = [
        ...new Set([
          ...near.map((h) => h.entry.path[h.entry.path.length - 1] ?? ""),
          ...suggestCommands(query, 3),
        ]),
      ].filter(Boolean);
    }
    return { response, hits: found ? ranked.slice(0, MAX_RESULTS) : [], terms: groups.map((g) => g.typed) };
  }

  private result(e: StoredEntry, score: number): SearchResult {
    const section = e.path[e.path.length - 1] ?? e.title;
    return {
      title: section,
      path: e.path,
      source: e.source,
      kind: e.kind,
      score: round(Math.min(1, Math.max(0, score))),
    };
  }

  /** Command look-up: the notes' sections about the command typed, flags and arguments included. */
  explain(query: string): ExplainOutcome {
    const breakdown = breakDown(query);
    const match = breakdown.match;
    if (!match) {
      const asked = this.ask(query);
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
    const commandRows = this.db
      .prepare("SELECT * FROM entries WHERE command = ? ORDER BY id")
      .all(name) as EntryRow[];
    const perSectionCommands = this.commandsPerSection();
    const hits: Hit[] = [];
    for (const row of commandRows) {
      const entry = this.entry(row.id, row);
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
        const rows = commandRows.filter(
          (r) => r.kind === "option" && r.file === entry.file && r.anchor === entry.anchor,
        );
        const covered = typedFlags.filter((f) => rows.some((r) => describes(this.entry(r.id, r), f)));
        score += (0.3 * covered.length) / typedFlags.length;
        matched.push(entry.title);
      } else continue;
      hits.push({ entry, score, matched });
    }
    hits.sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
    const perSection = new Map<string, Hit>();
    for (const h of hits) if (!perSection.has(h.entry.source)) perSection.set(h.entry.source, h);
    const ranked = [...perSection.values()].slice(0, MAX_RESULTS);
    const found = ranked.some((h) => h.entry.kind === "command");
    const response: SearchResponse = {
      query,
      found,
      resolved: match.canonical,
      results: found ? ranked.map((h) => this.result(h.entry, h.score)) : [],
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
