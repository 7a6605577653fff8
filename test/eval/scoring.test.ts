import { describe, expect, it } from "vitest";
import { type EvalCase, normalizeHeading, overallAccuracy, rowsByGroup, score } from "./scoring.js";

const answerable: EvalCase = {
  q: "what is a pod",
  mode: "ask",
  group: "en",
  expect: ["Pod", "Podとは何か？"],
};
const negative: EvalCase = { q: "what is helm", mode: "ask", group: "neg", expect: null };

describe("normalizeHeading", () => {
  it("compares headings as a reader sees them, not their markup", () => {
    expect(normalizeHeading("`type: ClusterIP` {#type-clusterip}")).toBe("type: ClusterIP");
    expect(normalizeHeading('{{< glossary_tooltip text="Pod" term_id="pod" >}}とは')).toBe("Podとは");
    expect(normalizeHeading("ＲｅｐｌｉｃａＳｅｔ")).toBe("ReplicaSet");
    expect(normalizeHeading("Docker 起動 & 停止")).toBe("Docker 起動 & 停止");
    expect(normalizeHeading('<a name="env"></a> Set environment variables (-e, --env)')).toBe(
      "Set environment variables (-e, --env)",
    );
  });
});

describe("score", () => {
  it("counts an expected heading at rank 1 as top-1 and within the first three as top-3", () => {
    expect(score(answerable, { found: true, headings: ["Podとは何か？", "x"] })).toMatchObject({
      top1: true,
      top3: true,
    });
    expect(score(answerable, { found: true, headings: ["x", "y", "Pod"] })).toMatchObject({
      top1: false,
      top3: true,
    });
    expect(score(answerable, { found: true, headings: ["x", "y", "z", "Pod"] })).toMatchObject({
      top3: false,
    });
  });

  it("takes an answer marked not found as empty even if it lists headings", () => {
    expect(score(answerable, { found: false, headings: ["Pod"] }).top1).toBe(false);
    expect(score(negative, { found: false, headings: ["Pod"] }).top1).toBe(true);
    expect(score(negative, { found: true, headings: ["Pod"] }).top1).toBe(false);
  });
});

describe("rowsByGroup", () => {
  it("separates answerable and not-covered shares, and false not-covered answers", () => {
    const scored = [
      score(answerable, { found: true, headings: ["Pod"] }),
      score({ ...answerable, group: "ja" }, { found: false, headings: [] }),
      score(negative, { found: false, headings: [] }),
      score(negative, { found: true, headings: ["Pod"] }),
    ];
    const all = rowsByGroup(scored).at(-1);
    expect(all).toMatchObject({ label: "all", n: 4, top1: 0.5, notCovered: 0.5, falseNotCovered: 0.5 });
    expect(rowsByGroup(scored).find((r) => r.label === "neg")).toMatchObject({ top1: null, notCovered: 0.5 });
    expect(overallAccuracy(scored)).toBe(0.5);
  });
});
