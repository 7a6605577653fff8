// npm run bench:search — index build time, query latency (p50/p99) and top-1 accuracy of the project's
// engine (SQLite FTS5) next to MiniSearch, on the bundled note and on a corpus ~100 times larger.
// Engines run in one process, interleaved (the order rotates every round) because the machine is noisy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readCases } from "../test/eval/evaluate.js";
import { type Corpus, largeCorpus, noteCorpus } from "./lib/corpus.js";
import { type Answer, correct, type Engine, miniSearch, ours, type Query } from "./lib/engines.js";
import { median, percentile, table, timed } from "./lib/stats.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
const note = path.join(repoRoot, "notes", "docker-kubernetes.md");
const corporaDir = path.resolve(repoRoot, "../shared/corpora");
const queries: Query[] = readCases(path.join(repoRoot, "test/eval/queries.jsonl"));

/** Per corpus: index builds per engine, warm-up passes, and the bounds of the measured rounds. */
const PLAN = {
  note: { builds: 5, warmup: 3, maxRounds: 200, budgetMs: 15_000 },
  x100: { builds: 2, warmup: 1, maxRounds: 60, budgetMs: 40_000 },
};

const rotate = <T>(list: T[], n: number): T[] => list.map((_, i) => list[(i + n) % list.length]!);
const µs = (ms: number) => (ms * 1000).toFixed(0);

interface Measured {
  engine: Engine;
  builds: number[];
  /** Counts and timings each build reported, per key. */
  facts: Record<string, number[]>;
  answers: Answer[];
  /** Latency samples (ms) per query, one per round. */
  samples: number[][];
}

function bench(corpus: Corpus, plan: (typeof PLAN)["note"], tmp: string) {
  const engines = [ours(path.join(tmp, `${corpus.name}.sqlite`)), miniSearch(true), miniSearch(false)];
  const runs: Measured[] = engines.map((engine) => ({
    engine,
    builds: [],
    facts: {},
    answers: [],
    samples: queries.map(() => []),
  }));
  for (let b = 0; b < plan.builds; b++)
    for (const run of rotate(runs, b)) {
      const { ms, value } = timed(() => run.engine.build(corpus.dir));
      run.builds.push(ms);
      for (const [k, v] of Object.entries(value)) run.facts[k] = [...(run.facts[k] ?? []), v];
    }
  for (let w = 0; w < plan.warmup; w++)
    for (const run of runs) run.answers = queries.map((q) => run.engine.query(q));
  const started = performance.now();
  let rounds = 0;
  while (rounds < plan.maxRounds && performance.now() - started < plan.budgetMs) {
    for (const run of rotate(runs, rounds))
      queries.forEach((q, i) => {
        run.samples[i]!.push(timed(() => run.engine.query(q)).ms);
      });
    rounds++;
  }
  for (const e of engines) e.close();
  return { runs, rounds };
}

function report(corpus: Corpus, runs: Measured[], rounds: number): string[][] {
  const [mine, seg, plain] = runs as [Measured, Measured, Measured];
  const fact = (r: Measured, k: string) => median(r.facts[k] ?? []).toFixed(0);
  const all = (r: Measured) => r.samples.flat();
  const p = (r: Measured, q: number) => percentile(all(r), q);
  const positives = queries.filter((q) => q.expect !== null).length;
  const negatives = queries.length - positives;
  console.log(
    `\n[${corpus.name}] ${corpus.origin}\n  ${corpus.bytes.toLocaleString("en")} bytes, ${corpus.files} files, ` +
      `${fact(seg, "sections")} sections, ${fact(mine, "entries")} entries (ours), ` +
      `MiniSearch terms: ${fact(seg, "terms")} (segmentWords) / ${fact(plain, "terms")} (default)\n` +
      `  build split: read + parseNote ${fact(seg, "parseMs")} / ${fact(plain, "parseMs")} ms, ` +
      `MiniSearch addAll ${fact(seg, "indexMs")} / ${fact(plain, "indexMs")} ms (segmentWords / default)\n` +
      `  ${rounds} measured rounds × ${queries.length} queries per engine`,
  );
  for (const mode of ["ask", "explain"] as const) {
    const idx = queries.flatMap((q, i) => (q.mode === mode ? [i] : []));
    const cells = runs.map((r) => {
      const s = idx.flatMap((i) => r.samples[i]!);
      return `${r.engine.name} ${µs(percentile(s, 0.5))}/${µs(percentile(s, 0.99))}`;
    });
    console.log(`  ${mode} (${idx.length} queries) p50/p99 µs: ${cells.join(", ")}`);
  }
  const slowest = queries
    .map((q, i) => ({ q, ms: median(mine.samples[i]!) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  console.log(
    `  ours, slowest (median µs): ${slowest.map((s) => `${s.q.mode} "${s.q.q}" ${µs(s.ms)}`).join("; ")}`,
  );
  const answered = queries.flatMap((q, i) =>
    q.expect === null && mine.answers[i]!.length > 0 ? [`"${q.q}" → ${mine.answers[i]![0]}`] : [],
  );
  if (answered.length > 0) console.log(`  ours, negatives answered (found: true): ${answered.join("; ")}`);
  return runs.map((r) => {
    const ok = queries.map((q, i) => correct(q, r.answers[i]!));
    const posOk = ok.filter((v, i) => v && queries[i]!.expect !== null).length;
    const negOk = ok.filter((v, i) => v && queries[i]!.expect === null).length;
    const ratio =
      r === mine
        ? "—"
        : `${(p(mine, 0.5) / p(r, 0.5)).toFixed(2)}× / ${(p(mine, 0.99) / p(r, 0.99)).toFixed(2)}×`;
    return [
      corpus.name,
      r.engine.name,
      median(r.builds).toFixed(0),
      µs(p(r, 0.5)),
      µs(p(r, 0.99)),
      ratio,
      `${posOk}/${positives} ${((100 * posOk) / positives).toFixed(1)}%`,
      `${negOk}/${negatives}`,
    ];
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "notes-tutor-bench-"));
try {
  if (!fs.existsSync(corporaDir))
    console.log(`note: ${corporaDir} is missing; the large corpus repeats the note`);
  const corpora = [noteCorpus(tmp, note), largeCorpus(tmp, note, corporaDir, 100)];
  console.log(
    `queries: test/eval/queries.jsonl (${queries.length}); Node ${process.version}, ${os.cpus().length} CPUs`,
  );
  const rows: string[][] = [];
  for (const corpus of corpora) {
    const { runs, rounds } = bench(corpus, corpus.name === "note" ? PLAN.note : PLAN.x100, tmp);
    rows.push(...report(corpus, runs, rounds));
  }
  console.log(
    `\n${table(
      [
        "corpus",
        "engine",
        "build ms",
        "p50 µs",
        "p99 µs",
        "ours/peer p50 / p99",
        "top-1 positive",
        "neg. correct",
      ],
      rows,
    )}`,
  );
  console.log(
    "\nbuild ms: median of the builds, files → queryable index (read, parse; ours also extracts entries and writes SQLite)." +
      "\nMiniSearch has no notion of 'not found': a negative counts as correct only when it returns nothing." +
      "\nMiniSearch documents: one per section (heading path, boosted ×2, + prose + code), via the project's parseNote.",
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
