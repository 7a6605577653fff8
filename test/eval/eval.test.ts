import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import { openDatabase } from "../../src/core/storage/database.js";
import { ensureIndex } from "../../src/knowledge/index-store.js";
import { KnowledgeIndex } from "../../src/knowledge/search.js";
import { evaluate, readCases } from "./evaluate.js";

/** Floors for the evaluation set (test/eval/queries.jsonl); `npm run eval` prints the current numbers. */
const FLOORS = { ja: 0.9, en: 0.7, cmd: 0.9, typo: 0.8, negative: 1.0 };

describe("retrieval quality on the evaluation set", () => {
  const db = openDatabase(path.join(os.tmpdir(), `tutor-eval-test-${process.pid}.sqlite`));
  afterAll(() => db.close());
  ensureIndex(db, BUNDLED_NOTES_DIR, true);
  const cases = readCases(path.join(import.meta.dirname, "queries.jsonl"));
  const report = evaluate(new KnowledgeIndex(db), cases);
  const group = (g: string) => report.groups.find((x) => x.group === g);

  it("has at least 60 queries, 10 of them not covered by the notes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.expect === null).length).toBeGreaterThanOrEqual(10);
  });

  it.each(["ja", "en", "cmd", "typo"] as const)("top-1 on %s queries stays above its floor", (g) => {
    expect(group(g)?.top1 ?? 0).toBeGreaterThanOrEqual(FLOORS[g]);
  });

  it("answers found=false to every query the notes do not cover", () => {
    expect(report.negatives.accuracy).toBeGreaterThanOrEqual(FLOORS.negative);
  });
});
