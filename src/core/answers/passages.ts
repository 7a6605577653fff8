import { readsAsCommandLines } from "../../knowledge/command-line.js";
import type { StoredEntry } from "../../knowledge/search.js";
import { segmentWords } from "../../knowledge/segment.js";
import { japaneseFor } from "../../knowledge/synonyms.js";

/** Sentences of a text, keeping line breaks as boundaries too. */
export function sentences(text: string): string[] {
  return text
    .split(/\n|(?<=[。！？])|(?<=\.)\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A query word with the spellings the search matched it by (`停止`: `stop`, `終了`), each a list of words. */
export interface QueryWord {
  word: string;
  spellings: readonly (readonly string[])[];
  /** The verb a how-to question asks to do: a line that does it answers, one that does another thing not. */
  action?: true;
}

/** A query word, alone or with the search's spellings of it. */
export type Term = string | QueryWord;

export function wordOf(term: Term): string {
  return typeof term === "string" ? term : term.word;
}

/**
 * Words to pick an answer's parts by, each with the spellings the search matched it by when it says
 * (`spellings[i]` belongs to `searched[i]`, see `AskOutcome`).
 */
export function queryWords(
  words: readonly string[],
  searched: readonly string[],
  spellings?: readonly (readonly (readonly string[])[])[],
  action?: string,
): Term[] {
  const byWord = new Map(searched.map((w, i) => [w, spellings?.[i] ?? []] as const));
  return words.map((word) => {
    const alts = byWord.get(word) ?? [];
    const mark = word === action ? { action: true as const } : {};
    return alts.length > 0 || word === action
      ? { word, spellings: alts.length > 0 ? alts : [[word]], ...mark }
      : word;
  });
}

/**
 * Each query word with the ways a text may hold it: the word itself, a phrase's words together (`roll
 * back`), one of its Japanese equivalents, or a spelling the search read it by.
 */
function termSet(terms: readonly Term[]): (readonly string[])[][] {
  return terms.map((term) => {
    const word = wordOf(term);
    const parts = word.includes(" ") ? [segmentWords(word)] : [];
    // A translation's words together: 名前空間 (namespace) is not every text with 名前 in it.
    const own = [[word], ...parts, ...japaneseFor(word).map((j) => segmentWords(j))];
    return typeof term === "string" ? own : [...own, ...term.spellings];
  });
}

/** How many of the query's words (or their Japanese equivalents) a text holds. */
export function termHits(text: string, terms: readonly Term[]): number {
  const words = new Set(segmentWords(text));
  return termSet(terms).filter((alts) => alts.some((a) => a.length > 0 && a.every((w) => words.has(w))))
    .length;
}

/**
 * The part of a section that answers the question: the sentence that holds the most query words, with
 * its neighbours while they fit, instead of the whole section.
 */
export function bestPassage(text: string, terms: readonly Term[], maxChars = 600): string {
  const parts = sentences(text);
  if (parts.length === 0) return "";
  if (text.length <= maxChars) return parts.join("\n");
  const groups = termSet(terms);
  const scores = parts.map((p) => {
    const words = new Set(segmentWords(p));
    return groups.filter((alts) => alts.some((a) => a.length > 0 && a.every((w) => words.has(w)))).length;
  });
  let best = 0;
  scores.forEach((s, i) => {
    if (s > (scores[best] ?? 0)) best = i;
  });
  let from = best;
  let to = best;
  let size = parts[best]?.length ?? 0;
  while (true) {
    const next = parts[to + 1];
    const prev = parts[from - 1];
    if (
      next !== undefined &&
      size + 1 + next.length <= maxChars &&
      (scores[to + 1] ?? 0) >= (prev !== undefined ? (scores[from - 1] ?? 0) : 0)
    ) {
      to++;
      size += next.length + 1;
    } else if (prev !== undefined && size + 1 + prev.length <= maxChars) {
      from--;
      size += prev.length + 1;
    } else if (next !== undefined && size + 1 + next.length <= maxChars) {
      to++;
      size += next.length + 1;
    } else break;
  }
  // A line that introduces the next one ("Restart every pod of a deployment:", 「次のコマンドで起動します：」)
  // stays with it: the passage does not open on a command line whose caption it left out, even if that costs its
  // last lines, nor close on a caption whose command it left out. The best line keeps its own command.
  const keep = introduces(parts[best] ?? "") && best + 1 < parts.length ? best + 1 : best;
  to = Math.max(to, keep);
  while (from > 0 && readsAsCommandLines(parts[from] ?? "") && introduces(parts[from - 1] ?? "")) {
    from--;
    size += (parts[from]?.length ?? 0) + 1;
    while (size > maxChars && to > keep) {
      size -= (parts[to]?.length ?? 0) + 1;
      to--;
    }
  }
  while (to > keep && introduces(parts[to] ?? "")) to--;
  return parts.slice(from, to + 1).join("\n");
}

/** Whether a line introduces what follows it: it ends with a colon. */
function introduces(line: string): boolean {
  return /[:：]$/u.test(line.trim());
}

/**
 * A sentence that points at what comes after it, as notes put it above a code block: it ends with a colon,
 * or says "the following" (「以下のコマンドを実行します。」, 「以下はその例です。」, "Run the following command.").
 */
const POINTS_AHEAD =
  /(?:^|[^\p{Script=Han}])(?:以下|次|下記)(?:の|は|に|のように|のとおり|の通り)|\b(?:the following|as follows|shown below|like this)\b/iu;

/** Whether a sentence introduces the block that follows it (a colon, or "以下の…", "the following…"). */
export function introducesBlock(line: string): boolean {
  return introduces(line) || POINTS_AHEAD.test(line.trim());
}

/** The notes' own sentence about a flag (`-d`オプションをつけることにより…), if they have one. */
export function flagSentence(
  entries: readonly StoredEntry[],
  forms: readonly string[],
): { text: string; entry: StoredEntry } | null {
  // The flag as a word of its own: not part of a longer flag (`-i` in `-it`, `-r` in `--rm`) or word, but
  // right after Japanese text is fine (`起動時に-pオプション`, `、--nameオプション`).
  const patterns = forms.map((f) => new RegExp(`(?<![\\w-])${escapeRegExp(f)}(?![\\w-])`, "u"));
  for (const entry of entries) {
    for (const s of sentences(entry.text)) {
      if (patterns.some((p) => p.test(s))) return { text: s, entry };
    }
  }
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
