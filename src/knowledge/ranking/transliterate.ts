/**
 * Katakana loanwords and the English words they come from, matched by their consonant skeleton: the
 * consonants as a Japanese ear hears them, vowels dropped, repeats folded. ヘッドレス and "headless" both read
 * `hdrs`; ロールバック and "rollback" `rrbk` → `rbk`; クラスター and "cluster" `krst`. This is how an English
 * question meets a Japanese page (and a Japanese question an English one) for words no dictionary here lists.
 */

/** Consonant of each katakana mora; vowels, small vowels, the long mark and small tsu carry none. */
const KANA_CONSONANT: Record<string, string> = {};
const rows: [string, string][] = [
  ["カキクケコ", "k"],
  ["ガギグゲゴ", "g"],
  ["サスセソ", "s"],
  ["シ", "s"],
  ["ザズゼゾ", "z"],
  ["ジヂ", "j"],
  ["タテト", "t"],
  ["チ", "c"],
  ["ツ", "t"],
  ["ダデド", "d"],
  ["ヅ", "z"],
  ["ナニヌネノ", "n"],
  ["ハヒヘホ", "h"],
  ["フ", "f"],
  ["バビブベボヴ", "b"],
  ["パピプペポ", "p"],
  ["マミムメモ", "m"],
  ["ヤユヨ", "y"],
  ["ラリルレロ", "r"],
  ["ワヲ", "w"],
  ["ン", "n"],
];
for (const [chars, c] of rows) for (const ch of chars) KANA_CONSONANT[ch] = c;

/** The vowel of each katakana mora, for telling short skeletons apart (ドッカー "o" is docker, カバ "a" is not kube). */
const KANA_VOWEL: Record<string, string> = {};
const vowelRows: [string, string][] = [
  ["アカガサザタダナハバパマヤラワァャヮ", "a"],
  ["イキギシジチヂニヒビピミリィ", "i"],
  ["ウクグスズツヅヌフブプムユルゥュヴ", "u"],
  ["エケゲセゼテデネヘベペメレェ", "e"],
  ["オコゴソゾトドノホボポモヨロヲォョ", "o"],
];
for (const [chars, v] of vowelRows) for (const ch of chars) KANA_VOWEL[ch] = v;

/** The first vowel a word is heard with: of its first mora (katakana), or its first vowel letter (English). */
export function firstVowel(word: string): string {
  const first = [...word][0] ?? "";
  if (/\p{Script=Katakana}/u.test(first)) {
    // A small vowel after the first mora (ティ, ファ) replaces its vowel.
    const second = [...word][1] ?? "";
    return KANA_VOWEL[/[ァィゥェォャュョ]/u.test(second) ? second : first] ?? "";
  }
  return /[aeiou]/.exec(word)?.[0] ?? "";
}

/**
 * Repeats folded, and z heard as s: an English s is often voiced where the spelling does not say so
 * (transaction → トランザクション).
 */
function fold(consonants: string): string {
  return consonants.replace(/z/g, "s").replace(/(.)\1+/g, "$1");
}

/** The skeleton of a katakana word, or null when it is not all katakana. */
export function katakanaSkeleton(word: string): string | null {
  if (!/^[\p{Script=Katakana}ー・]+$/u.test(word)) return null;
  // Whether the word opens with a vowel is kept (オプション is not "python").
  let out = /^[アイウエオ]/u.test(word) ? "_" : "";
  for (const ch of word) out += KANA_CONSONANT[ch] ?? "";
  return fold(out);
}

/** English spellings rewritten to the consonants Japanese hears, in order; applied to a lower-case word. */
const ENGLISH_RULES: [RegExp, string][] = [
  [/c(?=[eiy])/g, "s"],
  // -er, -or, -ar at the end become a long vowel (サーバー, エディター), and r after a vowel before a consonant
  // disappears the same way (port → ポート, service → サービス); an l stays (label → ラベル).
  [/[aeiou]r$/g, "a"],
  [/([aeiou])r(?=[^aeiouy])/g, "$1"],
  [/(tion|ssion)/g, "sn"],
  [/(?<=[aeiou])sion/g, "jn"],
  [/m(?=[pb])/g, "n"],
  [/ph/g, "f"],
  [/ck/g, "k"],
  [/ch/g, "c"],
  [/sh/g, "s"],
  [/th/g, "s"],
  [/dg/g, "j"],
  [/qu/g, "k"],
  [/x/g, "ks"],
  [/c/g, "k"],
  [/g(?=[eiy])/g, "j"],
  [/l/g, "r"],
  [/v/g, "b"],
  [/w$/g, ""],
  [/y(?=[^aeiou]|$)/g, "i"],
];

/** The skeleton of an English word, or null when it is not a plain Latin word of at least three letters. */
export function englishSkeleton(word: string): string | null {
  if (!/^[a-z]{3,}$/.test(word)) return null;
  let w = word;
  for (const [re, to] of ENGLISH_RULES) w = w.replace(re, to);
  return (/^[aeiou]/.test(word) ? "_" : "") + fold(w.replace(/[aeiouy]/g, ""));
}

/**
 * The skeletons an English word may be heard with: englishSkeleton's, and for a "ch" (read k there: echo,
 * schema, architecture) the one with it read as in チャート, チェック, バッチ (chart, check, batch).
 */
export function englishSkeletons(word: string): string[] {
  const k = englishSkeleton(word);
  if (k === null) return [];
  if (!word.includes("ch")) return [k];
  const c = englishSkeleton(word.replace(/ch/g, "tsh"));
  // "tsh" is heard t + s in the rules above; チ is c: rewrite that pair.
  const heard = c === null ? null : c.replace(/ts/g, "c");
  return heard && heard !== k ? [k, heard] : [k];
}

/** Index of skeletons to words, built from a vocabulary; skeletons shorter than `minLength` are left out. */
export class SkeletonIndex {
  private readonly byKana = new Map<string, string[]>();
  private readonly byLatin = new Map<string, string[]>();

  /**
   * Skeletons of `minLength` or more match by themselves; shorter ones (two consonants: docker ↔ ドッカー,
   * node ↔ ノード) only together with the first vowel, and never shorter than two.
   */
  constructor(
    vocabulary: Iterable<string>,
    private readonly minLength: number,
  ) {
    for (const word of vocabulary) {
      const k = this.key(katakanaSkeleton(word), word);
      if (k) this.add(this.byKana, k, word);
      for (const skeleton of englishSkeletons(word)) {
        const e = this.key(skeleton, word);
        if (e) this.add(this.byLatin, e, word);
      }
    }
  }

  private key(skeleton: string | null, word: string): string | null {
    if (!skeleton) return null;
    const consonants = skeleton.replace(/^_/, "").length;
    if (consonants >= this.minLength) return skeleton;
    if (consonants < 2) return null;
    return `${skeleton}|${firstVowel(word)}`;
  }

  private add(map: Map<string, string[]>, key: string, word: string): void {
    const list = map.get(key);
    if (list) list.push(word);
    else map.set(key, [word]);
  }

  /** Vocabulary words in the other script that sound like `word`: katakana for English, English for katakana. */
  counterparts(word: string): string[] {
    const heard = englishSkeletons(word);
    if (heard.length > 0)
      return [...new Set(heard.flatMap((s) => this.byKana.get(this.key(s, word) ?? "") ?? []))];
    const k = this.key(katakanaSkeleton(word), word);
    if (k) return this.byLatin.get(k) ?? [];
    return [];
  }
}
