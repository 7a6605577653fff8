import { SUDACHI_SYNONYMS } from "./generated/sudachi-synonyms.js";

/** Each word that expands, with the groups (lines of SUDACHI_SYNONYMS) it is in; built on first use. */
let byWord: Map<string, number[]> | null = null;
let lines: string[] = [];

function load(): Map<string, number[]> {
  lines = SUDACHI_SYNONYMS.split("\n");
  const map = new Map<string, number[]>();
  lines.forEach((line, i) => {
    for (const word of line.split("\t")) {
      if (word.startsWith("!")) continue;
      const groups = map.get(word);
      if (groups) groups.push(i);
      else map.set(word, [i]);
    }
  });
  return map;
}

/**
 * The synonyms Sudachi's dictionary gives a word (NFKC, lower case), from every group the word expands,
 * without the word itself: 上限 → 限度, 最大限, max, limit…; メンテ → メンテナンス, maintenance. Empty for a word
 * the dictionary does not expand. The first call builds the table (~75 ms, ~9 MB).
 */
export function dictionarySynonyms(word: string): string[] {
  byWord ??= load();
  const out = new Set<string>();
  for (const i of byWord.get(word) ?? [])
    for (const w of (lines[i] ?? "").split("\t")) {
      const plain = w.startsWith("!") ? w.slice(1) : w;
      if (plain !== word) out.add(plain);
    }
  return [...out];
}
