import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Baseline, baselineWords, fitThreshold, splitSections, thresholded } from "./baseline.js";
import type { EvalCase } from "./scoring.js";

describe("splitSections", () => {
  it("splits at ATX headings outside code fences and titles the intro by the file name", () => {
    const md =
      "---\ntitle: Pod\n---\nintro text\n# Top\nbody\n```\n# not a heading\n```\n## Sub ##\nmore\n    ```\n    # in a list item\n    ```\n";
    expect(splitSections("pages/pod.md", md)).toEqual([
      { heading: "pod", text: "---\ntitle: Pod\n---\nintro text" },
      { heading: "Top", text: "body\n```\n# not a heading\n```" },
      { heading: "Sub", text: "more\n    ```\n    # in a list item\n    ```" },
    ]);
  });
});

describe("baselineWords", () => {
  it("folds width and case and keeps word-like segments only", () => {
    expect(baselineWords("ＤＯＣＫＥＲ の run！")).toEqual(["docker", "の", "run"]);
  });
});

describe("Baseline", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baseline-"));
  fs.writeFileSync(
    path.join(dir, "a.md"),
    "# Pod\nA pod groups containers.\n# Service\nA service exposes pods.\n",
  );
  const engine = new Baseline(dir);
  const cases: EvalCase[] = [
    { q: "what is a pod", mode: "ask", group: "en", expect: ["Pod"] },
    { q: "terraform state", mode: "ask", group: "neg", expect: null },
    { q: "exposes", mode: "ask", group: "neg", expect: null },
  ];
  const hits = cases.map((c) => engine.search(c.q));

  it("ranks the section whose heading matches first", () => {
    expect(engine.sections).toBe(2);
    expect(hits[0]?.[0]?.heading).toBe("Pod");
    expect(hits[1]).toEqual([]);
  });

  it("fits the not-covered threshold that gets most of the set right", () => {
    const threshold = fitThreshold(cases, hits);
    expect(thresholded(hits[0] ?? [], threshold).found).toBe(true);
    expect(thresholded(hits[2] ?? [], threshold).found).toBe(false);
  });
});
