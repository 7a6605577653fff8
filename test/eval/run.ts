// npm run eval: prints top-1 / top-3 accuracy per group and the negative accuracy of the evaluation set.
import os from "node:os";
import path from "node:path";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import { openDatabase } from "../../src/core/storage/database.js";
import { ensureIndex } from "../../src/knowledge/index-store.js";
import { KnowledgeIndex } from "../../src/knowledge/search.js";
import { evaluate, readCases } from "./evaluate.js";

const files = process.argv[2]
  ? [process.argv[2]]
  : ["queries.jsonl", "holdout.jsonl", "blind.jsonl"].map((f) => path.join(import.meta.dirname, f));
const notes = process.argv[3] ?? BUNDLED_NOTES_DIR;
const db = openDatabase(path.join(os.tmpdir(), `tutor-eval-${process.pid}.sqlite`));
ensureIndex(db, notes, true);
const index = new KnowledgeIndex(db);
for (const file of files) {
  const report = evaluate(index, readCases(file));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`evaluation set: ${path.relative(process.cwd(), file)} (${report.results.length} queries)`);
  console.log("group   n    top-1    top-3");
  for (const g of report.groups)
    console.log(
      `${g.group.padEnd(6)} ${String(g.n).padStart(3)}  ${pct(g.top1).padStart(7)}  ${pct(g.top3).padStart(7)}`,
    );
  console.log(
    `positive ${report.positives.n}: top-1 ${pct(report.positives.top1)}, top-3 ${pct(report.positives.top3)}`,
  );
  console.log(`negative ${report.negatives.n}: found=false ${pct(report.negatives.accuracy)}`);
  const misses = report.results.filter((r) => !r.top1);
  if (misses.length > 0) {
    console.log("\nmisses:");
    for (const m of misses) {
      const got = m.response.found ? (m.response.results[0]?.path.join(" › ") ?? "-") : "found=false";
      console.log(
        `  [${m.case.group}] ${m.case.mode} "${m.case.q}" → ${got} (expected ${m.case.expect?.join(" | ") ?? "found=false"})`,
      );
    }
  }
  console.log("");
}
db.close();
