import { describe, expect, it } from "vitest";
import { soundsLikeLoanword, vocabularyEnglish } from "../../src/knowledge/synonyms.js";

describe("loanwords heard in English words", () => {
  it("takes a katakana word as the loanword of an English word that sounds like it", () => {
    expect(soundsLikeLoanword("query", "クエリ")).toBe(true);
    expect(soundsLikeLoanword("folder", "フォルダ")).toBe(true);
    // No table gives "kernel" a loanword: the sound match (made before this is asked) stands.
    expect(soundsLikeLoanword("kernel", "カーネル")).toBe(true);
  });

  it("not when the tables give the English word another loanword that sounds like it", () => {
    // fail is フェイル, field フィールド: ファイル and フォルダ only sound alike.
    expect(soundsLikeLoanword("fail", "ファイル")).toBe(false);
    expect(soundsLikeLoanword("field", "フォルダ")).toBe(false);
    expect(soundsLikeLoanword("release", "レス")).toBe(false);
    // … stemmed as questions are ("released" → releas).
    expect(soundsLikeLoanword("releas", "レス")).toBe(false);
  });

  it("a table's loanword that does not sound like the word says nothing ('back', by the stem of 'backing')", () => {
    expect(soundsLikeLoanword("back", "バック")).toBe(true);
  });
});

describe("the general vocabulary read backwards", () => {
  it("gives a Japanese word the English words it translates", () => {
    expect(vocabularyEnglish("行")).toEqual(expect.arrayContaining(["row", "line"]));
    expect(vocabularyEnglish("ない言葉")).toEqual([]);
  });
});
