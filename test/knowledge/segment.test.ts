import { describe, expect, it } from "vitest";
import { queryTerms, segmentWords, stem } from "../../src/knowledge/segment.js";

describe("the words of a question", () => {
  it("cuts Japanese into words and joins katakana loanwords back", () => {
    expect(segmentWords("ローリングアップデートを実行")).toContain("ローリングアップデート");
  });

  it("stems English lightly (plurals, -ing, -ed)", () => {
    expect(["containers", "pods", "deployed", "building"].map(stem)).toEqual([
      "container",
      "pod",
      "deploy",
      "build",
    ]);
  });

  it("drops function words, reflexive pronouns and 'onto' from the words that carry meaning", () => {
    expect(queryTerms("how do I get a file onto the host myself")).toEqual(["file", "host"]);
    expect(queryTerms("check whether I am allowed")).toEqual(["check", "allow"]);
    // A possessive is the word itself.
    expect(queryTerms("the container's name")).toEqual(["container", "name"]);
    // Wanting to know is the question's tone, not its topic.
    expect(queryTerms("Deployment を作る手順を知りたい")).toEqual(["deployment", "作る"]);
  });
});
