import { describe, expect, it } from "vitest";
import { bestPassage, termHits } from "../../../src/core/answers/passages.js";
import { japaneseFor } from "../../../src/knowledge/synonyms.js";

describe("which query words a text holds", () => {
  it("holds a word through its Japanese translation only when it holds all of that translation", () => {
    expect(japaneseFor("namespace")).toContain("名前空間");
    expect(termHits("名前空間ごとにリソースを分ける", ["namespace"])).toBe(1);
    // 名前 alone (a container's name) is not a namespace.
    expect(termHits("コンテナに自分で名前をつける", ["namespace"])).toBe(0);
  });
});

describe("the passage of a section that answers", () => {
  // A tldr-like page: a description, then captions that each introduce one command line.
  const page = [
    "Manage the widgets of a cluster.",
    "Restart each widget in turn:",
    "widgetctl restart {{widget}}",
    "Watch the status of a widget:",
    "widgetctl status {{widget}}",
    "Roll a widget back to its previous revision:",
    "widgetctl undo {{widget}}",
    "Show the revision history of a widget:",
    "widgetctl history {{widget}}",
  ].join("\n");

  it("does not open on a command line without the caption that introduces it", () => {
    // The restart line answers best, the status lines come next, and the restart caption no longer fits.
    const passage = bestPassage(page, ["widgetctl", "restart", "status"], 100).split("\n");
    expect(passage[0]).toBe("Restart each widget in turn:");
    expect(passage[1]).toBe("widgetctl restart {{widget}}");
  });

  it("does not close on a caption whose command line it left out", () => {
    for (const terms of [["widgetctl", "restart"], ["widgetctl", "status"], ["history"]]) {
      const passage = bestPassage(page, terms, 120).split("\n");
      expect(passage.at(-1), terms.join(" ")).not.toMatch(/:$/);
    }
  });

  // With its caption added in front, the best caption's own command line is not the one cut to make room.
  it("keeps the command of the caption that answers best", () => {
    const passage = bestPassage(page, ["revision", "history", "widget"], 90);
    expect(passage).toContain("Show the revision history of a widget:\nwidgetctl history {{widget}}");
  });
});
