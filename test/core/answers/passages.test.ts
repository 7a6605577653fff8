import { describe, expect, it } from "vitest";
import { termHits } from "../../../src/core/answers/passages.js";
import { japaneseFor } from "../../../src/knowledge/synonyms.js";

describe("which query words a text holds", () => {
  it("holds a word through its Japanese translation only when it holds all of that translation", () => {
    expect(japaneseFor("namespace")).toContain("名前空間");
    expect(termHits("名前空間ごとにリソースを分ける", ["namespace"])).toBe(1);
    // 名前 alone (a container's name) is not a namespace.
    expect(termHits("コンテナに自分で名前をつける", ["namespace"])).toBe(0);
  });
});
