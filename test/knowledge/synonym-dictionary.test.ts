import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { compactSynonymGroups, readSudachiPackage, sudachiModule } from "../../bench/lib/sudachi.js";
import { SUDACHI_SYNONYMS, SUDACHI_VERSION } from "../../src/knowledge/generated/sudachi-synonyms.js";
import { dictionarySegments, dictionarySynonyms } from "../../src/knowledge/synonym-dictionary.js";
import { segmentWords } from "../../src/knowledge/segment.js";

describe("Sudachi's synonym dictionary", () => {
  it("gives a word the other words of its groups, not itself", () => {
    const limit = dictionarySynonyms("上限");
    expect(limit).toEqual(expect.arrayContaining(["最大限", "限度", "max", "limit"]));
    expect(limit).not.toContain("上限");
    expect(dictionarySynonyms("メンテ")).toEqual(expect.arrayContaining(["メンテナンス", "maintenance"]));
  });

  it("gives each synonym cut as a question's words are, so a question needs no cutting", () => {
    const segments = dictionarySegments("上限");
    expect(segments).toContainEqual(["最高", "限度"]);
    expect(segments).toContainEqual(["max"]);
    for (const [i, word] of dictionarySynonyms("上限").entries())
      expect(segments[i]).toEqual(segmentWords(word));
  });

  it("expands nothing for a word it does not hold", () => {
    expect(dictionarySynonyms("kubectl")).toEqual([]);
    expect(dictionarySynonyms("")).toEqual([]);
  });

  it("does not expand a word the dictionary marks as a synonym only", () => {
    // Every word marked ! in a group is a synonym of the others, and in no group a trigger.
    const lines = SUDACHI_SYNONYMS.split("\n").map((l) => l.split("\t"));
    const triggers = new Set(lines.flatMap((ws) => ws.filter((w) => !w.startsWith("!"))));
    const onlySynonym = lines.flatMap((ws) => ws.filter((w) => w.startsWith("!")).map((w) => w.slice(1)));
    const word = onlySynonym.find((w) => !triggers.has(w));
    expect(word).toBeDefined();
    expect(dictionarySynonyms(word ?? "")).toEqual([]);
  });

  it("is the snapshot `npm run synonyms:update` writes from the installed package", () => {
    const { version, groups } = readSudachiPackage();
    expect(SUDACHI_VERSION).toBe(version);
    expect(compactSynonymGroups(groups)).toBe(SUDACHI_SYNONYMS);
    const file = path.join(import.meta.dirname, "../../src/knowledge/generated/sudachi-synonyms.ts");
    expect(fs.readFileSync(file, "utf8")).toBe(sudachiModule(version, SUDACHI_SYNONYMS));
  });

  it("leaves out names: a company is not a word", () => {
    // Sudachi groups spellings of company names (企業名) too; a question's word never expands to them.
    const lines = SUDACHI_SYNONYMS.split("\n");
    expect(lines.length).toBeGreaterThan(10_000);
    const { groups } = readSudachiPackage();
    const company = groups.find(
      (g) => g.items.length > 1 && g.items.every((i) => i.bunya.includes("企業名")),
    );
    const name = company?.items
      .find((i) => i.expandControl === 0)
      ?.midashi.normalize("NFKC")
      .toLowerCase();
    expect(name).toBeDefined();
    expect(dictionarySynonyms(name ?? "")).toEqual([]);
  });
});
