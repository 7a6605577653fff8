import { describe, expect, it } from "vitest";
import { IT_EN_JA } from "../../src/knowledge/it-glossary.js";

/** The fewest entries the glossary must hold to cover IT documentation beyond one topic. */
const MIN_ENTRIES = 200;

const entries = Object.entries(IT_EN_JA);

describe("the general English → Japanese IT glossary", () => {
  it("holds enough entries to cover several topics", () => {
    expect(entries.length).toBeGreaterThanOrEqual(MIN_ENTRIES);
  });

  it("keys English words in lower-case ASCII, each once", () => {
    const keys = entries.map(([key]) => key);
    for (const key of keys) expect(key).toMatch(/^[a-z]+$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("gives each word one to three Japanese words, without English and without repeats", () => {
    for (const [key, words] of entries) {
      expect(words.length, key).toBeGreaterThanOrEqual(1);
      expect(words.length, key).toBeLessThanOrEqual(3);
      expect(new Set(words).size, key).toBe(words.length);
      for (const word of words) {
        expect(word, key).not.toMatch(/[A-Za-zＡ-Ｚａ-ｚ]/);
        expect(word, key).not.toMatch(/\s/);
        expect(word, key).toMatch(/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u);
      }
    }
  });

  it("spells a katakana loanword one way throughout, not also without its final long-vowel mark", () => {
    const all = new Set(entries.flatMap(([, words]) => words));
    const bothSpellings = [...all].filter((word) => word.endsWith("ー") && all.has(word.slice(0, -1)));
    expect(bothSpellings).toEqual([]);
  });

  it("translates words of each area it covers", () => {
    expect(IT_EN_JA.granularity).toContain("粒度");
    expect(IT_EN_JA.transaction).toContain("トランザクション");
    expect(IT_EN_JA.encrypt).toContain("暗号化");
    expect(IT_EN_JA.branch).toContain("ブランチ");
    expect(IT_EN_JA.latency).toContain("レイテンシ");
    expect(IT_EN_JA.permission).toContain("権限");
  });
});
