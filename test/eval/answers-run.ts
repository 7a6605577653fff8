// Answer-content evaluation: per kind and language, how many replies hold the answer, and the misses
// with what was shown.
// `tsx test/eval/answers-run.ts [--file set.jsonl | --sets fresh|hold|probe|final|exam|spare] [--notes DIR] [--verbose]`
// (without --file or --sets: answers/dev.jsonl; --sets NAME: answers/NAME.jsonl).
import path from "node:path";
import { scriptArgs, usageError } from "../helpers/script-args.js";
import { openTestTutor } from "../helpers/tutor.js";
import { evaluateAnswers, readAnswerCases } from "./answers-eval.js";
import { EXTRA_SET_NAMES, isExtraSetName } from "./corpora.js";

/** Lines of a missed answer printed (the whole reply with --verbose). */
const SHOWN_LINES = 8;

const USAGE = `usage: tsx test/eval/answers-run.ts [--file set.jsonl | --sets ${EXTRA_SET_NAMES.join("|")}] [--notes DIR] [--verbose]`;
const { values } = scriptArgs(
  {
    options: {
      file: { type: "string" },
      sets: { type: "string" },
      notes: { type: "string" },
      verbose: { type: "boolean", default: false },
    },
  },
  USAGE,
);
if (values.sets !== undefined && (!isExtraSetName(values.sets) || values.file !== undefined))
  usageError(USAGE, `--sets is one of the answer sets, and not with --file (got '${values.sets}')`);
const file = path.resolve(
  values.file ?? path.join(import.meta.dirname, "answers", `${values.sets ?? "dev"}.jsonl`),
);
const env = openTestTutor({
  name: "answers-eval",
  ...(values.notes ? { notesDir: path.resolve(values.notes) } : {}),
});
try {
  const report = await evaluateAnswers(env.tutor, readAnswerCases(file));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`answer content: ${path.relative(process.cwd(), file)} (${report.results.length} questions)`);
  console.log("kind            lang   n    held");
  for (const g of report.groups)
    console.log(
      `${g.kind.padEnd(15)} ${g.lang.padEnd(4)} ${String(g.n).padStart(3)}  ${pct(g.held / g.n).padStart(6)}`,
    );
  const heldCount = report.results.filter((r) => r.held).length;
  console.log(`all: ${heldCount}/${report.results.length} held (${pct(report.held)})`);
  const misses = report.results.filter((r) => !r.held);
  if (misses.length > 0) console.log("\nmisses:");
  for (const m of misses) {
    const why = [
      m.case.kind === "not-covered" && !m.notFound ? "answered instead of 'not in your notes'" : "",
      m.case.kind !== "not-covered" && m.notFound ? "said 'not in your notes'" : "",
      m.missing.length ? `missing ${m.missing.map((x) => JSON.stringify(x)).join(", ")}` : "",
      m.unwanted.length ? `shows ${m.unwanted.map((x) => JSON.stringify(x)).join(", ")}` : "",
    ].filter(Boolean);
    console.log(`  [${m.case.kind}/${m.case.lang}] /${m.case.mode} ${m.case.q} — ${why.join("; ")}`);
    const lines = m.shown.split("\n");
    const shown = values.verbose ? lines : lines.slice(0, SHOWN_LINES);
    for (const l of shown) console.log(`      | ${l}`);
    if (shown.length < lines.length) console.log(`      | … (${lines.length - shown.length} more lines)`);
  }
} finally {
  env.close();
}
