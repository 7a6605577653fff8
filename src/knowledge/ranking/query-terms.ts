import { editDistance, isCatalogWord, referenceTools } from "../catalog/index.js";
import {
  cutVerbStem,
  derivedForms,
  englishStopwords,
  inflectionStem,
  isStopword,
  katakanaForm,
  normalize,
  segmentWords,
  segmentWordsWithParts,
  stem,
} from "../segment.js";
import {
  englishFor,
  englishSynonyms,
  japaneseFor,
  japaneseForCutVerb,
  soundsLikeLoanword,
  vocabularyEnglish,
  vocabularyJapanese,
} from "../synonyms.js";
import {
  familiarTypo,
  irregularBase,
  isEnglishWord,
  isFamiliarAsTyped,
  isFamiliarEnglish,
  isGeneralWord,
} from "./general-english.js";
import type { SectionIndex } from "./section-index.js";
import { readPhrasalVerbs } from "./phrasal-verbs.js";
import { typedMarks } from "./question.js";
import { SkeletonIndex } from "./transliterate.js";
import { dictionarySegments } from "../synonym-dictionary.js";
import {
  ACTION_CAP,
  NEGATED_WORD_FACTOR,
  ACTION_FACTOR,
  ACTION_NEUTRAL,
  GENERAL_WORD_FACTOR,
  KNOWN_KANA_FACTOR,
  READ_AS_FACTOR,
  EVERYDAY_RARE_DF,
  FAMILIAR_UNKNOWN_CAP,
  RELATIVE_CREDIT,
  TYPO_COMPOUND_SLACK,
  SINGLE_CHARACTER_FACTOR,
  SKELETON_MIN_LENGTH,
  SKELETON_MIN_WORD,
  SYNONYM_CREDIT,
  UNCUT_APART_SHARE,
  VOCABULARY_CREDIT,
  TYPO,
  UNKNOWN_WORD_FACTOR,
} from "./weights.js";

/** A word of the question and the notes' words that count as it. */
export interface TermGroup {
  /** The word as the question has it (normalized). */
  typed: string;
  /** Each alternative is a list of words that must all stand in a section. */
  alternatives: string[][];
  weight: number;
  /** Share of the weight a section covering the word earns (below 1 when only a loose relative matches). */
  credit: number;
  /** A typo's correction: the notes' word the question's word was read as. */
  readAs?: string;
  /** The word as typed, when a reading is shown and stemming changed it ("progres", typed is "progre"). */
  shown?: string;
  /** The verb a how-to question asks to do (インストール of "Helm をインストールするには"). */
  action?: true;
  /**
   * An everyday English word matched only by a loanword that sounds like it (bake ~ バック): a section
   * holding no other word of the question does not answer it ("how do I bake a cake").
   */
  bySound?: true;
}

const LATIN = /^[a-z][a-z0-9-]*$/;
const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** A Japanese word is read back into English only when the vocabulary gives it at most this many words. */
const MAX_BACK_TRANSLATIONS = 3;
/** Kana after a kanji that are a particle (後で, 上の), not a verb's ending. */
const PARTICLE_ENDING = /^[をがはにでとのへもかやよねな]/u;
/** A word in kanji or katakana (a noun or a verb's stem), not grammar in hiragana. */
const JAPANESE_WORD = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;
/**
 * 直す right after a verb's stem: a kana that ends the common ones (作り, 起動し, 立ち上げ, 書き, 入れ), not a
 * particle (を直す, に直す are "fix") nor the い or け that end nouns (間違い直す, 文字化け直す: "fix" too).
 */
const REDO = /[きぎしちびみりえげれね]直[さしすせそ]/u;
/** The prefix notes write for doing again (再起動, 再作成). */
const REDO_PREFIX = "再";
const JAPANESE_RUN = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;
/** "without" and a verb's -ing form with its object (it, the tables, any requests, the original file). */
const NEGATED_VERB =
  /\bwithout\s+([a-z]+ing)\s+(?:it|them|the|a|an|any|anything|everything|my|our|its|this|that|those|these|all)\b/g;
/** A word the synonym dictionary is asked about: kanji or katakana in it (a noun, a verb's stem), not kana grammar. */
const DICTIONARY_WORD = /[\p{Script=Han}\p{Script=Katakana}]/u;

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * How much a word the notes never use says about the question's topic (see UNKNOWN_WORD_FACTOR): Latin words
 * and katakana loanwords name the things a question is about; kanji words are mostly general vocabulary;
 * hiragana words and inflected verbs carry grammar or tone.
 */
export function unknownWordFactor(word: string): number {
  if (/^[\p{Script=Hiragana}ー]+$/u.test(word)) return UNKNOWN_WORD_FACTOR.hiragana;
  if (/\p{Script=Hiragana}/u.test(word)) return UNKNOWN_WORD_FACTOR.mixedKana;
  if (/^\p{Script=Han}+$/u.test(word)) return UNKNOWN_WORD_FACTOR.kanji;
  // Words that are also subcommands (prune, top, trust) stay everyday here: right after a tool's name they
  // are not (see TOOLS), and a docker or kubectl command the notes never use is caught as such
  // (search.ts `uncoveredCommand`).
  if (isFamiliarEnglish(word)) return UNKNOWN_WORD_FACTOR.generalEnglish;
  return UNKNOWN_WORD_FACTOR.latinOrKatakana;
}

/** The tools of the command reference (docker, kubectl, …): a word right after one is its subcommand. */
const TOOLS = referenceTools;

/**
 * The two characters after a kanji word in the (normalized) question, at the word itself, not inside a
 * longer kanji word that holds it (探 of 探したい, not of 探索).
 */
function followingKana(question: string, word: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`(?<!\\p{Script=Han})${escaped}(?!\\p{Script=Han})(.{0,2})`, "u").exec(question);
  return m?.[1] ?? "";
}

/** No group of `phrasing` weighs more than FAMILIAR_UNKNOWN_CAP of the heaviest group in `held`. */
function capPhrasing(groups: TermGroup[], held: ReadonlySet<number>, phrasing: ReadonlySet<number>): void {
  const heaviest = Math.max(0, ...groups.filter((_, i) => held.has(i)).map((g) => g.weight));
  if (heaviest === 0) return;
  for (const i of phrasing) {
    const g = groups[i];
    if (g) g.weight = Math.min(g.weight, FAMILIAR_UNKNOWN_CAP * heaviest);
  }
}

/**
 * The verb of a how-to question weighs at most ACTION_CAP times the question's heaviest other word the folder
 * has, though never less than it would without ACTION_FACTOR: a rare verb (残し of "ReplicaSet だけ消して Pod は
 * 残したい") is what is asked for, not the whole question.
 */
function capAction(groups: TermGroup[], held: ReadonlySet<number>): void {
  const heaviest = Math.max(0, ...groups.filter((g, i) => held.has(i) && !g.action).map((g) => g.weight));
  if (heaviest === 0) return;
  // Never below the verb's own weight without ACTION_FACTOR: the cap takes back the boost, not the word.
  for (const g of groups)
    if (g.action) g.weight = Math.max(g.weight / ACTION_FACTOR, Math.min(g.weight, ACTION_CAP * heaviest));
}

/**
 * What a question says it must not do to something ("without recreating it", "without touching the original
 * file") is a constraint, which the section that answers seldom repeats: that verb weighs NEGATED_WORD_FACTOR
 * of its weight. Only an -ing word with an object after it, so a verb: "without caching" and "a Service
 * without a selector" are about the cache and the selector.
 */
function lightenNegated(query: string, groups: TermGroup[]): void {
  const q = query.normalize("NFKC").toLowerCase();
  const words = new Set<string>();
  for (const m of q.matchAll(NEGATED_VERB)) if (m[1]) words.add(stem(m[1]));
  for (const g of groups) if (words.has(g.typed) || words.has(stem(g.typed))) g.weight *= NEGATED_WORD_FACTOR;
}

/** The function words long enough for a one-letter typo of them to be recognised (which, should, about). */
const LONG_STOPWORDS = [...englishStopwords].filter(
  (w) => /^[a-z]+$/.test(w) && w.length >= TYPO.stopwordFrom,
);

/**
 * Whether a word the folder lacks is a typo of an English function word ("wich", "shoud", "abotu"): one
 * letter dropped or added, or two neighbours swapped, same first letter. Phrasing, like the word itself,
 * never a topic. Not a changed letter: that makes words of their own (shall → shell, would → world).
 */
function isStopwordTypo(word: string): boolean {
  if (!/^[a-z]+$/.test(word) || word.length < TYPO.stopwordFrom - 1) return false;
  // A word of its own one letter from a function word (cold, thin, three, tough) is no typo.
  if (isFamiliarAsTyped(word)) return false;
  return LONG_STOPWORDS.some(
    (s) =>
      s[0] === word[0] &&
      (s.length === word.length
        ? isSwap(word, s)
        : Math.abs(s.length - word.length) === 1 && editDistance(word, s, 1) === 1),
  );
}

/** Typo readings remembered per analyzer before the memory starts afresh (a few hundred kB at most). */
const CORRECTIONS_KEPT = 4096;

/** Whether two words differ by one swap of neighbouring letters (deploymnet, deployment). */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** Builds the term groups of questions against one folder's vocabulary; holds what it derives from it. */
export class QueryAnalyzer {
  private skeletons: SkeletonIndex | undefined;
  private latinVocab: string[] | undefined;
  private japaneseVocab: string[] | undefined;
  private katakanaVocab: string[] | undefined;

  constructor(private readonly index: SectionIndex) {}

  /** Whether one section holds every one of `words` (none when there are none). */
  private someSectionHolds(words: readonly string[]): boolean {
    const [first, ...rest] = words;
    if (first === undefined) return false;
    return this.index
      .holding(first)
      .some((d) => rest.every((t) => this.index.docs[d]?.tf.some((tf) => tf.has(t)) === true));
  }

  /** Whether fewer than UNCUT_APART_SHARE of the sections that hold `word` also hold `other`. */
  private mostlyApart(word: string, other: string): boolean {
    const holding = this.index.holding(word);
    const both = holding.filter((d) => this.index.docs[d]?.tf.some((tf) => tf.has(other)) === true).length;
    return both < UNCUT_APART_SHARE * holding.length;
  }

  private df(word: string): number {
    return this.index.docFreq(word);
  }

  private known(alt: readonly string[]): boolean {
    return alt.every((w) => this.df(w) > 0);
  }

  private vocab(): { latin: string[]; japanese: string[]; katakana: string[] } {
    if (!this.latinVocab || !this.japaneseVocab || !this.katakanaVocab) {
      const all = [...this.index.vocabulary()];
      this.latinVocab = all.filter((w) => LATIN.test(w) && w.length >= TYPO.minLatinLength - 1);
      this.japaneseVocab = all.filter(
        (w) => JAPANESE_RUN.test(w) && [...w].length >= TYPO.minJapaneseLength - 1,
      );
      this.katakanaVocab = all.filter((w) => /^[\p{Script=Katakana}ー]{3,}$/u.test(w));
    }
    return { latin: this.latinVocab, japanese: this.japaneseVocab, katakana: this.katakanaVocab };
  }

  private readonly corrections = new Map<string, string | null>();

  /**
   * The folder's word nearest to a typed word it does not have, when one is close enough and unambiguous.
   * Remembered per word (the folder's vocabulary does not change under an analyzer; the same unknown words
   * come back in many questions), at most CORRECTIONS_KEPT of them.
   */
  correct(word: string): string | null {
    const known = this.corrections.get(word);
    if (known !== undefined) return known;
    const fixed = this.nearest(word);
    if (this.corrections.size >= CORRECTIONS_KEPT) this.corrections.clear();
    this.corrections.set(word, fixed);
    return fixed;
  }

  private nearest(word: string): string | null {
    const chars = [...word].length;
    let pool: string[];
    let bound: number;
    if (LATIN.test(word)) {
      // Short words: only a swap of neighbours or one letter left out after the first two, which rarely turn
      // one real word into another (stpo, pdo; pul, buld), not a changed letter (untar is not untag).
      if (chars === TYPO.swapOnlyLength && !/\d/.test(word)) return this.swapped(word) ?? this.inserted(word);
      if (chars === TYPO.insertOnlyLength && !/\d/.test(word))
        return this.inserted(word) ?? this.swapped(word);
      if (chars < TYPO.minLatinLength || /\d/.test(word)) return null;
      pool = this.vocab().latin;
      bound = chars <= TYPO.oneEditUpTo ? 1 : 2;
    } else if (JAPANESE_RUN.test(word)) {
      if (chars < TYPO.minJapaneseLength) return null;
      pool = this.vocab().japanese;
      bound = 1;
    } else return null;
    let best: string | null = null;
    let bestDistance = bound + 1;
    let bestDf = 0;
    const latin = LATIN.test(word);
    const kanji = !latin && /\p{Script=Han}/u.test(word);
    for (const v of pool) {
      const len = [...v].length;
      if (Math.abs(len - chars) > bound) continue;
      // Typos rarely hit a word's first letter; a different one is another word (uninstall is not install).
      if (latin && v[0] !== word[0]) continue;
      // A kanji word's typo is a wrong conversion of the same reading (再起同, 再起動), never a character more
      // or less: 使用率 (usage rate) is not 使用 (use).
      if (kanji && len !== chars) continue;
      const d = editDistance(word, v, bound);
      if (d > bound) continue;
      // A short word one letter different from another is often a word of its own (untar, untag).
      if (latin && chars < TYPO.substitutionFrom && len === chars && d === 1 && !isSwap(word, v)) continue;
      const df = this.df(v);
      if (d < bestDistance || (d === bestDistance && df > bestDf)) {
        best = v;
        bestDistance = d;
        bestDf = df;
      }
    }
    return best;
  }

  /** The folder's word one letter longer than `word`, with its first two letters, the most used if several. */
  private inserted(word: string): string | null {
    const longer = this.vocab().latin.filter(
      (v) => v.length === word.length + 1 && v.startsWith(word.slice(0, 2)) && editDistance(word, v, 1) === 1,
    );
    return longer.sort((a, b) => this.df(b) - this.df(a))[0] ?? null;
  }

  /** The folder's word that a swap of two neighbouring letters makes of `word`, the most used if several. */
  private swapped(word: string): string | null {
    let best: string | null = null;
    for (let i = 0; i + 1 < word.length; i++) {
      const w = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (w !== word && this.df(w) > (best ? this.df(best) : 0)) best = w;
    }
    return best;
  }

  /**
   * A two-character kanji word cut in two unknown pieces (破|気): the folder's two-character word with the
   * same first character and one other, when there is exactly one (破棄).
   */
  private correctPair(joined: string): string | null {
    const chars = [...joined];
    if (chars.length !== 2 || !/^\p{Script=Han}+$/u.test(joined)) return null;
    const found = this.vocab().japanese.filter(
      (v) => [...v].length === 2 && v[0] === chars[0] && v !== joined,
    );
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  /** The folder's compound (two adjacent words, 再|起動) nearest to a typed Japanese run, one edit away. */
  private correctCompound(joined: string): string | null {
    const chars = [...joined].length;
    if (chars < TYPO.minJapaneseLength) return null;
    let best: string | null = null;
    for (const c of this.index.compounds().keys()) {
      if (Math.abs([...c].length - chars) > 1) continue;
      if (editDistance(joined, c, 1) <= 1) {
        if (best !== null) return null;
        best = c;
      }
    }
    return best;
  }

  /** Katakana words of the folder that contain an unknown katakana word or that it contains. */
  private katakanaRelatives(word: string): { wider: string[]; narrower: string[] } {
    if (!/^[\p{Script=Katakana}ー]{3,}$/u.test(word)) return { wider: [], narrower: [] };
    const vocab = this.vocab().katakana;
    return {
      // The folder's compounds that hold the word (コンテナオーケストレーション for オーケストレーション): a match.
      wider: vocab.filter((v) => v !== word && v.includes(word)).slice(0, 8),
      // Words the question's compound holds (ネットワーク in ブリッジネットワーク): only a loose relative.
      narrower: vocab.filter((v) => v !== word && word.includes(v)).slice(0, 8),
    };
  }

  /**
   * A katakana compound read as English words, cut where its first part sounds like one of the folder's
   * English words (イミュータブル|インフラ → immutable + インフラ).
   */
  private splitCounterparts(word: string): string[][] {
    if (!/^[\p{Script=Katakana}ー]{5,}$/u.test(word)) return [];
    const chars = [...word];
    const out: string[][] = [];
    for (let cut = 3; cut <= chars.length - 2; cut++) {
      const left = chars.slice(0, cut).join("");
      const right = katakanaForm(chars.slice(cut).join(""));
      const l = this.df(left) > 0 ? [left] : this.counterparts(left);
      const r = this.df(right) > 0 ? [right] : this.counterparts(right);
      if (l[0] && r[0] && !(l[0] === left && r[0] === right)) out.push([l[0], r[0]]);
    }
    return out.slice(0, 3);
  }

  private counterparts(word: string): string[] {
    if (/^[a-z]+$/.test(word) && word.length < SKELETON_MIN_WORD) return [];
    // An acronym (RBAC, DNS) is not a spoken word: it has no katakana reading to match by sound.
    if (this.acronyms.has(word)) return [];
    this.skeletons ??= new SkeletonIndex(this.index.vocabulary(), SKELETON_MIN_LENGTH);
    const latin = /^[a-z]+$/.test(word);
    const heard = this.skeletons
      .counterparts(word)
      .filter((c) => (latin ? soundsLikeLoanword(word, c) : soundsLikeLoanword(c, word)));
    // A loanword the table gives an English word for, among those heard (クライアント: client): that word
    // alone, not the others that share its consonants (current).
    const table = latin ? [] : heard.filter((c) => vocabularyEnglish(word).includes(c));
    return (table.length > 0 ? table : heard).slice(0, 6);
  }

  /**
   * A Japanese word of a question over a folder with no Japanese page cannot be in it: its absence says
   * nothing about whether the folder covers the question, only that no translation was found.
   */
  private otherScript(word: string): number {
    if (this.index.languages.has("ja") || LATIN.test(word)) return 1;
    return /^[\p{Script=Katakana}ー]+$/u.test(word)
      ? UNKNOWN_WORD_FACTOR.katakanaInOtherLanguage
      : UNKNOWN_WORD_FACTOR.japaneseInOtherLanguage;
  }

  private acronyms = new Set<string>();

  /** The term groups of a question: one per meaningful word, with the folder's words that count as it. */
  groups(asked: string): TermGroup[] {
    // A phrasal verb is read as the verb the folder writes for it ("throw away" → delete), and meets its others.
    const phrasal = readPhrasalVerbs(asked, {
      holds: (meaning) => segmentWords(meaning).every((t) => this.df(t) > 0),
      writes: (words) => this.someSectionHolds(words.flatMap((w) => segmentWords(w))),
    });
    const query = phrasal.query;
    const phrasalOthers = new Map(
      [...phrasal.others].map(([read, rest]) => [
        segmentWords(read)[0] ?? read,
        rest.map((m) => segmentWords(m)),
      ]),
    );
    const normalized = normalize(query);
    this.acronyms = new Set([...query.matchAll(/\b[A-Z]{2,}s?\b/g)].map((m) => m[0].toLowerCase()));
    const typedAcronyms = new Set(
      [...query.matchAll(/\b[A-Za-z]{3,6}\b/g)]
        .filter((m) => (m[0].match(/[A-Z]/g) ?? []).length >= 2)
        // A plural's s is not a letter of the acronym (SLOs).
        .map((m) => m[0].replace(/(?<=[A-Z])s$/, "").toLowerCase()),
    );
    const { capitalised, flags, hyphenated, camelWords } = typedMarks(query);
    // A question with no Japanese in it, over a folder with English pages, is asked of those pages.
    const englishOnly = !JAPANESE_SCRIPT.test(normalized);
    const words = segmentWordsWithParts(query).filter(
      (w) =>
        flags.has(w.word) ||
        !(
          isStopword(w.word) ||
          (w.word.length === 1 && /^[\p{Script=Hiragana}a-z0-9]$/u.test(w.word)) ||
          (this.df(w.word) === 0 && !capitalised.has(w.word) && isStopwordTypo(w.typed ?? w.word))
        ),
    );
    const action = actionWord(query);
    const camel = new Set(camelWords.keys());
    const n = this.index.size;
    const out: TermGroup[] = [];
    const phrasing = new Set<number>();
    const kanjiPhrasing = new Set<number>();
    const held = new Set<number>();
    const everydayHeld = new Set<number>();
    const seen = new Set<string>();
    for (const { parts, joined } of hyphenated) {
      if (parts.some((p) => seen.has(p))) continue;
      for (const p of parts) seen.add(p);
      // The index holds hyphenated names joined (segment.ts), so the joined form is the name itself, or a
      // typo of one (kube-schduler → kube-scheduler).
      const fixed = this.df(joined) > 0 ? null : this.correct(joined);
      const name = fixed ?? joined;
      const df = this.df(name);
      out.push({
        typed: parts.join("-"),
        alternatives: [[name]],
        weight:
          df > 0
            ? idf(n, df) * (fixed ? READ_AS_FACTOR : 1)
            : idf(n, 0) * UNKNOWN_WORD_FACTOR.latinOrKatakana,
        credit: 1,
        ...(fixed ? { readAs: fixed } : {}),
      });
    }
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (!w || seen.has(w.word)) continue;
      seen.add(w.word);
      const next = words[i + 1]?.word;
      const alternatives: string[][] = [[w.word], ...(phrasalOthers.get(w.word) ?? [])];
      let typed = w.word;
      let readAs: string | undefined;
      let shown: string | undefined;
      // A word typed right after a tool's name is a subcommand (docker *trust*, kubectl *top*), not phrasing.
      const subcommand = LATIN.test(w.word) && TOOLS.has(words[i - 1]?.word ?? "");
      // Spacing inside compounds: "cluster ip" = ClusterIP, and "clusterip" = "Cluster IP".
      // (Not two flags typed apart: `-i と -t` are -i and -t, not "it".)
      const flagPair = flags.has(w.word) || (next !== undefined && flags.has(next));
      if (next && !flagPair && LATIN.test(w.word) && LATIN.test(next) && this.df(w.word + next) > 0) {
        alternatives.splice(0, alternatives.length, [w.word + next], [w.word, next]);
        typed = `${w.word} ${next}`;
        seen.add(next);
        i++;
      }
      // Two words that read as one of the folder's compounds with a typo: "exteranl name" → externalname.
      if (
        next &&
        !flagPair &&
        LATIN.test(w.word) &&
        LATIN.test(next) &&
        (this.df(w.word) === 0 || this.df(next) === 0)
      ) {
        const fixed = this.df(w.word + next) > 0 ? null : this.correct(w.word + next);
        // The reading must be as long as both words together, give or take a letter, not one of them with
        // the other dropped ("whether am" is not whether).
        if (fixed && Math.abs(fixed.length - (w.word + next).length) <= TYPO_COMPOUND_SLACK) {
          out.push({
            typed: `${w.word} ${next}`,
            alternatives: [[fixed]],
            weight: idf(n, this.df(fixed)) * READ_AS_FACTOR,
            credit: 1,
            readAs: fixed,
          });
          seen.add(next);
          i++;
          continue;
        }
      }
      const camelParts = camelWords.get(w.word);
      if (camelParts && camelParts.length > 1) alternatives.push(camelParts);
      if ((this.df(w.word) === 0 || camel.has(w.word)) && LATIN.test(w.word)) {
        for (let cut = 2; cut <= w.word.length - 2; cut++) {
          const a = w.word.slice(0, cut);
          const b = w.word.slice(cut);
          if (this.df(a) > 0 && this.df(b) > 0) {
            alternatives.push([a, b]);
            break;
          }
        }
      }
      // A katakana compound also matches as its pieces (コントロールプレーン → コントロール + プレーン, as a
      // heading's longer run is indexed), each piece read in the other script when the folder lacks it.
      if (w.parts.length > 0) {
        alternatives.push(w.parts);
        const read = w.parts.map((p) => (this.df(p) > 0 ? p : (this.counterparts(p)[0] ?? p)));
        if (read.some((p, k) => p !== w.parts[k])) alternatives.push(read);
      }
      // The light stemmer cut "removed" to remov but keeps "remove" whole: the word as the folder writes it.
      const uncut =
        LATIN.test(w.word) && w.typed !== undefined && /(?:ed|ing)$/.test(w.typed) ? `${w.word}e` : null;
      // Also where the folder writes the cut form too ("cached" in one page, "the cache" in another), unless the
      // two mostly stand together: then the uncut form finds no other section and only inflates the count in
      // the ones that have both ("namespaced" beside "namespace").
      if (uncut && this.df(uncut) > 0 && (this.df(w.word) === 0 || this.mostlyApart(w.word, uncut)))
        alternatives.push([uncut]);
      const stem = inflectionStem(w.word);
      if (stem && this.df(w.word) === 0) alternatives.push([stem]);
      // The notes may write the verb cut after its kanji (戻|した|い, indexed as 戻 alone): the question's 戻せる
      // meets it by its kanji. Matched, never weighed (as a cut verb's stem below).
      const kanji = stem?.slice(0, -1);
      const ending = kanji ? w.word.slice(kanji.length) : "";
      const bareKanji =
        stem &&
        kanji &&
        !PARTICLE_ENDING.test(ending) &&
        this.df(w.word) === 0 &&
        this.df(stem) === 0 &&
        this.df(kanji) > 0
          ? [kanji]
          : null;
      if (bareKanji) alternatives.push(bareKanji);
      for (const ja of [...japaneseFor(w.word), ...(uncut ? japaneseFor(uncut) : [])])
        alternatives.push(segmentWords(ja));
      // A compound verb the segmenter cut in two (立ち|上げ) is still the table's verb (立ち上げ → 起動); the second
      // part starts with a kanji (not ない or ます, which say something of their own).
      const pair =
        next !== undefined && !LATIN.test(w.word) && /^\p{Script=Han}/u.test(next)
          ? japaneseFor(w.word + next)
          : [];
      if (pair.length > 0 && japaneseFor(w.word).length === 0 && next !== undefined) {
        for (const ja of pair) alternatives.push(segmentWords(ja));
        typed = `${w.word}${next}`;
        seen.add(next);
        i++;
      }
      // 直す after a verb's stem is "again" (作り直す, 起動し直す, 立ち上げ直したい), as the notes write 再起動
      // and 再作成 (cut 再|起動): not 直す alone, "to fix" (バグを直す).
      if (/^直[さしすせそ]?$/u.test(w.word) && REDO.test(normalized)) alternatives.push([REDO_PREFIX]);
      const following = /^\p{Script=Han}{1,2}$/u.test(w.word) ? followingKana(normalized, w.word) : "";
      // Matched, but never weighed by its own frequency (the word weighs as one the notes lack, when they
      // have only the stem): a verb's stem (作~ of 作って) is as common as the verbs that share it.
      const cut = cutVerbStem(w.word, following);
      if (cut) alternatives.push([cut]);
      const after = w.word.length === 1 ? following.charAt(0) : "";
      const kana = /^\p{Script=Hiragana}$/u.test(after) ? after : undefined;
      const sameVerbs = kana ? japaneseForCutVerb(w.word, kana) : [];
      for (const ja of sameVerbs) alternatives.push(segmentWords(ja));
      for (const en of englishFor(w.word)) alternatives.push([en]);
      // Over a folder with no Japanese page, a verb the table knows only in other Japanese words (消し → 削除)
      // meets their English words too (remove, delete): otherwise it finds nothing the pages write.
      // Twice removed from what was typed, they earn SYNONYM_CREDIT when nothing nearer matches.
      let chained = false;
      if (!this.index.languages.has("ja") && !LATIN.test(w.word)) {
        const nearer = alternatives.some((a) => a.every((t) => LATIN.test(t)) && this.known(a));
        for (const ja of [...sameVerbs, ...japaneseFor(w.word)])
          for (const en of englishFor(ja)) {
            alternatives.push([en]);
            chained ||= !nearer && this.df(en) > 0;
          }
      }
      // An irregular past (reran, built) also meets its verb, even where the folder writes the past too: "push
      // the image once it is built" asks about building (the price: "frozen" also meets "freeze").
      const base = irregularBase(w.word);
      if (base) alternatives.push([base]);
      for (const alias of this.index.aliases.get(w.word) ?? []) alternatives.push(alias);
      // An acronym typed as one (IaC, SLO: three letters or more, two capitals at least) the folder never
      // writes: the heading words it abbreviates ("Infrastructure as code"). Not two letters (CI matches too
      // many headings' initials), nor a lower-case word (cd is a command, not "Create Deployment").
      if (this.df(w.word) === 0 && typedAcronyms.has(w.word))
        for (const words of this.index.initials(w.word)) alternatives.push(words);
      // A Latin word the folder lacks is first read as a typo of one it has ("stpo" → stop), then by sound.
      // Not an English word spelled right: "add" is not a typo of the folder's "addr", nor "timer" of its
      // "time" (the price: a real word typed for a folder's word, "pots" for pods, is not read as it).
      const spelledRight = isFamiliarAsTyped(w.typed ?? w.word) || isEnglishWord(w.typed ?? w.word);
      if (
        this.df(w.word) === 0 &&
        LATIN.test(w.word) &&
        !(uncut && this.df(uncut) > 0) &&
        !spelledRight &&
        // Not a word the folder writes in parts or in other words (ClusterIP as "Cluster IP").
        !alternatives.some((a) => this.known(a))
      ) {
        // The typo is in what was typed: "progres" is one letter from progress, its stem "progre" two.
        const fixed = (w.typed && LATIN.test(w.typed) ? this.correct(w.typed) : null) ?? this.correct(w.word);
        if (fixed) {
          alternatives.push([fixed]);
          readAs = fixed;
          // The reading shown is of the word as typed ("Read `progres` as `progress`").
          if (w.typed) shown = w.typed;
        }
      }
      const bySound = readAs ? [] : this.counterparts(w.word).map((c) => [c]);
      alternatives.push(...bySound);
      let credit = chained ? SYNONYM_CREDIT : 1;
      // English synonyms help only when the word itself is missing, and earn a little less.
      if (LATIN.test(w.word) && !this.known([w.word])) {
        const synonyms = [...englishSynonyms(w.word), ...(uncut ? englishSynonyms(uncut) : [])].filter(
          (x) => this.df(x) > 0,
        );
        for (const x of synonyms) alternatives.push([x]);
        if (synonyms.length > 0 && !alternatives.slice(0, -synonyms.length).some((a) => this.known(a)))
          credit = SYNONYM_CREDIT;
      }
      // A Japanese word's synonyms in Sudachi's dictionary that the folder holds (上限 → 最大限, max; メンテ →
      // maintenance): alternatives like the tables' words, earning SYNONYM_CREDIT when nothing else matches.
      // Only words with kanji or katakana that are not stopwords: not Latin words, which their tables and
      // stems serve better (the dictionary reads "create" as creation), nor kana grammar and quantifiers
      // (すべて) or stopwords (方法), which would turn phrasing into a topic.
      const dictionary: string[][] = [];
      if (DICTIONARY_WORD.test(w.word) && !isStopword(w.word)) {
        const synonyms = [
          ...dictionarySegments(w.word),
          ...(w.typed && w.typed !== w.word ? dictionarySegments(w.typed) : []),
        ].filter((a) => this.known(a));
        const others = alternatives.some((a) => this.known(a));
        if (synonyms.length > 0 && !others) credit = Math.min(credit, SYNONYM_CREDIT);
        // A word the folder holds weighs by its own forms, not by a commoner synonym of it (変数 by 変数, not
        // by the folder's many "parameter"s).
        if (others) dictionary.push(...synonyms);
        alternatives.push(...synonyms);
      }
      // The same word in another part of speech (rotate → rotation, installation → install) or in the form the
      // stemmer cut its -ed/-ing to (rotate → rotat, as "rotated" is indexed), for a word the folder does not
      // write in any form above. Matched, earning SYNONYM_CREDIT, but never weighed: the word still weighs as
      // one the folder lacks (so a familiar word stays phrasing: "store" is not made a topic by the folder's
      // "stored"). Not where the folder writes the word itself: its derived forms would widen the question to
      // sections about something else (podman's "generate" to pages about a generation).
      const derived: string[][] = [];
      if (LATIN.test(w.word) && !alternatives.some((a) => this.known(a))) {
        const forms = [...derivedForms(w.word), ...(uncut ? derivedForms(uncut) : [])]
          .filter((f) => f !== w.word && this.df(f) > 0)
          .map((f) => [f]);
        if (forms.length > 0) credit = Math.min(credit, SYNONYM_CREDIT);
        derived.push(...forms);
        alternatives.push(...forms);
      }
      for (const split of this.splitCounterparts(w.word)) alternatives.push(split);
      let knownAlts = alternatives.filter((a) => this.known(a));
      let creditBefore: number | null = null;
      if (knownAlts.length === 0) {
        const loose: string[][] = [];
        for (const alt of [...alternatives]) {
          const only = alt.length === 1 ? alt[0] : undefined;
          if (!only) continue;
          const { wider, narrower } = this.katakanaRelatives(only);
          for (const k of wider) alternatives.push([k]);
          for (const k of narrower) loose.push([k]);
        }
        if (!alternatives.some((a) => this.known(a)) && loose.length > 0) {
          alternatives.push(...loose);
          creditBefore = credit;
          credit = RELATIVE_CREDIT;
        }
      }
      // A word the folder never uses, nor any of its equivalents: perhaps a typo of one it does.
      // Or, when none is near, a typo of an everyday word (chnages → change), read with the folder's words for it.
      let everyday: string | null = null;
      if (knownAlts.length === 0 && !readAs) {
        const fixed = LATIN.test(w.word) && spelledRight ? null : this.correct(w.word);
        // Not a word spelled right: ALTER in "ALTER USER" is a keyword, not a typo of "later".
        everyday =
          fixed || !LATIN.test(w.word) || isFamiliarEnglish(w.word) || spelledRight
            ? null
            : familiarTypo(w.typed ?? w.word);
        if (fixed) {
          alternatives.push([fixed]);
          knownAlts = [[fixed]];
          readAs = fixed;
          // The word read as the folder's own covers the question as the word would, not at a relative's
          // credit; unless the folder's word is only the start of the one typed (ディスク is not a typo of the
          // ディス of ディスカバリ, but a word the folder lacks).
          if (creditBefore !== null && !w.word.startsWith(fixed)) credit = creditBefore;
        } else if (everyday) {
          const own = [[everyday], ...japaneseFor(everyday).map((ja) => segmentWords(ja))];
          const synonyms = englishSynonyms(everyday).map((x) => [x]);
          alternatives.push(...own, ...synonyms);
          knownAlts = [...own, ...synonyms].filter((a) => this.known(a));
          // Its synonyms alone earn what synonyms do.
          if (!own.some((a) => this.known(a)) && knownAlts.length > 0)
            credit = Math.min(credit, SYNONYM_CREDIT);
          readAs = everyday;
          if (w.typed) shown = w.typed;
        }
      }
      const meant = everyday ?? w.word;
      // Still nothing, in a folder with Japanese pages: the usual Japanese word for it (reproduce → 再現), which
      // covers the word (VOCABULARY_CREDIT) but never lightens it (it still weighs as a word the folder lacks,
      // so a question about something else is still declined).
      const translations: string[][] = [];
      if (
        knownAlts.length === 0 &&
        LATIN.test(w.word) &&
        !isFamiliarEnglish(meant) &&
        this.index.languages.has("ja")
      ) {
        const ja = vocabularyJapanese(meant);
        const words = ja ? segmentWords(ja) : [];
        // One word of two characters or more that says something (not 確認, 手順, 元: most pages have
        // those), so it covers only a section about the same thing.
        const [only] = words;
        if (
          words.length === 1 &&
          only !== undefined &&
          [...only].length >= 2 &&
          !isStopword(only) &&
          !isGeneralWord(only) &&
          this.known(words)
        ) {
          translations.push(words);
          alternatives.push(words);
          knownAlts = [words];
          credit = Math.min(credit, VOCABULARY_CREDIT);
        }
      }
      // The other way, in a folder with English pages: a Japanese word it never writes, read as the English
      // words the vocabulary gives it (行 → row), with the same credit and no lighter weight.
      if (
        knownAlts.length === 0 &&
        translations.length === 0 &&
        JAPANESE_WORD.test(w.word) &&
        this.index.languages.has("en")
      ) {
        const english = vocabularyEnglish(w.word)
          .map((en) => segmentWords(en))
          .filter((a) => this.known(a));
        // A word of specific sense (行: row, line), not an everyday one with many readings (確認).
        if (english.length > 0 && english.length <= MAX_BACK_TRANSLATIONS && !isGeneralWord(w.word)) {
          translations.push(...english);
          alternatives.push(...english);
          knownAlts = english;
          credit = Math.min(credit, VOCABULARY_CREDIT);
        }
      }
      // An everyday English word the folder holds only as a loanword that sounds like it (bake ~ バック, guest ~
      // ゲスト): often right, but the loosest evidence there is (see TermGroup.bySound).
      const bySoundOnly =
        bySound.some((a) => this.known(a)) &&
        isFamiliarEnglish(meant) &&
        !alternatives.some((a) => !bySound.includes(a) && this.known(a));
      // Over a folder with no Japanese page, a Japanese word weighs as its English equivalents do: the
      // Japanese words such a folder holds come from the command reference's one-liners, rare and beside the point.
      const weighed = (
        this.otherScript(w.word) < 1 ? knownAlts.filter((a) => a.every((t) => LATIN.test(t))) : knownAlts
      ).filter(
        (a) =>
          (a.length !== 1 || a[0] !== cut) &&
          !translations.includes(a) &&
          a !== bareKanji &&
          !dictionary.includes(a) &&
          !derived.includes(a),
      );
      const dfs = weighed.map((a) => Math.min(...a.map((t) => this.df(t))));
      const single = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(w.word)
        ? SINGLE_CHARACTER_FACTOR
        : 1;
      const general =
        (isGeneralWord(meant) ? GENERAL_WORD_FACTOR : 1) *
        (dfs.length > 0 && /\p{Script=Hiragana}/u.test(w.word) ? KNOWN_KANA_FACTOR : 1);
      // The action a how-to question asks for (create, 作り) is what it is about: a section about the same
      // thing that does not do it does not answer it.
      // (An inflected kana verb — 付け, 繋ぎ — is colloquial: the notes rarely use the same one, so it stays light.)
      const isAction =
        action !== null && w.word === action && this.df(w.word) > 0 && !/\p{Script=Hiragana}/u.test(w.word);
      const weight =
        (isAction ? ACTION_FACTOR : single * general) *
        (dfs.length > 0
          ? idf(n, Math.max(...dfs)) * (readAs ? READ_AS_FACTOR : 1)
          : idf(n, 0) *
            (capitalised.has(w.word) || subcommand
              ? UNKNOWN_WORD_FACTOR.latinOrKatakana
              : unknownWordFactor(meant)) *
            this.otherScript(w.word) *
            (isCatalogWord(w.word) ? UNKNOWN_WORD_FACTOR.catalogWord : 1));
      out.push({
        typed,
        alternatives: dedupe(alternatives),
        weight,
        credit,
        ...(readAs ? { readAs } : {}),
        ...(shown ? { shown } : {}),
        ...(isAction ? { action: true as const } : {}),
        ...(bySoundOnly ? { bySound: true as const } : {}),
      });
      if (dfs.length > 0) held.add(out.length - 1);
      else if (LATIN.test(w.word) && isFamiliarEnglish(meant) && !subcommand && !capitalised.has(w.word))
        phrasing.add(out.length - 1);
      else if (/^\p{Script=Han}+$/u.test(w.word) && this.index.languages.has("ja"))
        kanjiPhrasing.add(out.length - 1);
      if (
        dfs.length > 0 &&
        Math.max(...dfs) <= EVERYDAY_RARE_DF &&
        (!this.index.languages.has("ja") || (this.index.languages.has("en") && englishOnly)) &&
        !isAction &&
        LATIN.test(w.word) &&
        isFamiliarEnglish(meant) &&
        !subcommand &&
        !capitalised.has(w.word) &&
        !flags.has(w.word)
      )
        everydayHeld.add(out.length - 1);
    }
    // Everyday words the folder lacks are phrasing ("in one sentence", "right now"), and so, over Japanese
    // notes, are the kanji words they lack (会社, 中心, 画面: the notes' terms are mostly written in them, so one
    // the notes never use is rarely the topic) when the question holds two words the notes have ("Git の
    // 歴史" is a question about history, not about Git): none weighs more than a share of the question's
    // heaviest word the folder has, however rare an absent word's IDF makes it.
    if (held.size >= 2) for (const i of kanjiPhrasing) phrasing.add(i);
    capPhrasing(out, held, phrasing);
    // An everyday English word an English folder happens to use once or twice ("by *hand*" for "*hand* extra
    // flags to jest") is rare there, not a topic: it weighs at most a share of the question's heaviest other
    // word (EVERYDAY_RARE_DF).
    capPhrasing(out, new Set([...held].filter((i) => !everydayHeld.has(i))), everydayHeld);
    capAction(out, held);
    lightenNegated(query, out);
    return this.correctJapaneseRuns(query, out);
  }

  /**
   * A typo inside a Japanese compound cuts it into pieces the folder does not have (再起同 → 再起|同): adjacent
   * kanji or katakana words of the question with an unknown one among them are joined and read as the
   * folder's nearest word (再起動), replacing the pieces.
   */
  private correctJapaneseRuns(query: string, groups: TermGroup[]): TermGroup[] {
    const n = this.index.size;
    const runs = segmentWords(query).reduce<string[][]>((acc, w) => {
      const last = acc[acc.length - 1];
      if (JAPANESE_RUN.test(w)) {
        if (last && last.length > 0) last.push(w);
        else acc.push([w]);
      } else acc.push([]);
      return acc;
    }, []);
    let out = groups;
    for (const run of runs) {
      if (run.length < 2 || !run.some((w) => this.df(w) === 0)) continue;
      const joined = run.join("");
      if (this.df(joined) > 0) continue;
      const fixed = this.correct(joined) ?? this.correctCompound(joined) ?? this.correctPair(joined);
      if (!fixed) continue;
      const parts = this.index.compounds().get(fixed) ?? [fixed];
      out = out.filter((g) => !run.includes(g.typed));
      out.push({
        typed: joined,
        alternatives: [parts],
        weight: idf(n, Math.min(...parts.map((p) => this.df(p)))) * READ_AS_FACTOR,
        credit: 1,
        readAs: fixed,
      });
    }
    return out;
  }
}

/** A verb in て-form, then an object marked with the contrastive は before the last verb. */
const CONTRASTED_LAST_VERB =
  /([\p{Script=Han}\p{Script=Katakana}ー]+[しっ]?)て(?:も)?[、,\s]*[^、,。]*?は[^、,。はが]*$/u;

/**
 * The verb of a how-to question, as segmented: the word after "how do I" / "how to", or the last word before
 * 〜たい / 〜するには / 〜方法, or the first of two verbs when the last one's object is set against it with は
 * (CONTRASTED_LAST_VERB). Null for other questions and for verbs of knowing and looking (see, 知り, 見).
 */
export function actionWord(query: string): string | null {
  const q = query.normalize("NFKC");
  const en =
    /\bhow\s+(?:do|can|should|would|could)\s+(?:i|we|you)\s+([a-z]+)|\bhow\s+to\s+([a-z]+)|\b(?:i\s+(?:want|need)\s+to|let\s+me)\s+([a-z]+)/i.exec(
      q,
    );
  const ja = /^(.*?)(?:し?たい|する(?:に|には|方法|やり方)|には|方法|やり方)/u.exec(q);
  const raw = en
    ? (en[1] ?? en[2] ?? en[3] ?? "")
    : ja?.[1]
      ? segmentWords(ja[1])
          .filter((w) => !isStopword(w))
          .at(-1)
      : "";
  const word = raw ? (segmentWords(raw)[0] ?? "") : "";
  if (!word || ACTION_NEUTRAL.has(word)) return null;
  // Two verbs, the last one's object set against the first's with は ("ReplicaSet だけ消して Pod は残したい"):
  // the last verb is a condition on doing the first, which is the thing asked for.
  const first = !en && ja?.[1] ? CONTRASTED_LAST_VERB.exec(ja[1])?.[1] : undefined;
  if (first) {
    const verb = segmentWords(first)[0] ?? "";
    return verb && !ACTION_NEUTRAL.has(verb) ? verb : null;
  }
  return word;
}

function dedupe(alternatives: string[][]): string[][] {
  const seen = new Set<string>();
  return alternatives.filter((a) => {
    const k = a.join(" ");
    if (seen.has(k) || a.length === 0) return false;
    seen.add(k);
    return true;
  });
}
